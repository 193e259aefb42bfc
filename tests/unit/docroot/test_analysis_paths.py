"""Which PHP text is normalised and decoded: only what can change the verdict (the costly part of a scan).

The snippets are written for these tests (ordinary helper functions, a string-built call on one long line);
nothing is executed.
"""

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, decode

FILLER = "".join("function helper_%d($a, $b) {\n    return $a + $b * %d;\n}\n\n" % (i, i) for i in range(120))


def _refuse_decoding(monkeypatch):
    def refuse(_text):
        raise AssertionError("decoded although the verdict was already certain")

    monkeypatch.setattr(decode, "layers", refuse)


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
