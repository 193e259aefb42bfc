# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Server-side includes (SSI): pages whose ``<!--#exec cmd=... -->`` directives run shell commands.

A web server with SSI on (``.shtml``, or ``.html`` under XBitHack) runs an ``exec`` directive's command as
the site's user, so an SSI page is a shell when its command comes from the request (the query string set into
a variable: ``<!--#set var="c" value="$QUERY_STRING_UNESCAPED" -->`` ... ``<!--#exec cmd="$c" -->``) or when
its command writes a PHP file (a dropper). The directive syntax is Apache's mod_include (and nginx's ssi
module, which has no ``exec``); see docs/docroot-detection.md.
"""

from __future__ import annotations

import re

# <!--#exec cmd="..." --> (or cgi=, a CGI program): the value double-, single- or un-quoted.
_EXEC = re.compile(r"<!--#\s*exec\s+(?:cmd|cgi)\s*=\s*(?:\"([^\"]{0,2000})\"|'([^']{0,2000})'|([^\s>]{1,2000}))")
# <!--#set var="name" value="..." -->
_SET = re.compile(r"<!--#\s*set\s+var\s*=\s*[\"']?(\w+)[\"']?\s+value\s*=\s*(?:\"([^\"]{0,500})\"|'([^']{0,500})'"
                  r"|([^\s>]{1,500}))")
# Variables mod_include fills from the request.
_REQUEST_VARS = re.compile(r"\$\{?(?:query_string(?:_unescaped)?|document_args|request_uri|path_info|http_\w+)\b")
_VAR_REF = re.compile(r"\$\{?(\w+)")
# A command that saves a file under a PHP name (fetched with wget/curl, decoded through tee, redirected).
_SCRIPT_NAME = re.compile(r"\.(?:php\d?|phtml|phar)\b")
_WRITER = re.compile(r"wget|curl|lynx|\btee\b|>|-o\b|downloadfile")
REQUEST_COMMAND = 10
WRITES_SCRIPT = 10
COMMAND = 4


def score_ssi(low: str, ev) -> None:
    """Add SSI evidence to ``ev`` (a php.Evidence) from lower-cased ``low``."""
    if "<!--#" not in low:
        return
    from_request = {m.group(1) for m in _SET.finditer(low)
                    if _REQUEST_VARS.search(m.group(2) or m.group(3) or m.group(4) or "")}
    for match in _EXEC.finditer(low):
        command = match.group(1) or match.group(2) or match.group(3) or ""
        start = match.start()
        if _REQUEST_VARS.search(command) or any(name in from_request for name in _VAR_REF.findall(command)):
            ev.add("ssi_request_command", REQUEST_COMMAND, start)
        elif _SCRIPT_NAME.search(command) and _WRITER.search(command):
            ev.add("ssi_command_writes_script", WRITES_SCRIPT, start)
        else:
            ev.add("ssi_exec_command", COMMAND, start)
