# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Cost shortcuts of the docroot scan answer exactly what the plain forms answer (issue 14)."""

from __future__ import annotations

import random
import re
import tracemalloc

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, other, php, phpactions

NAMES = ("a", "ab", "ca", "cmd", "bcmd", "cmdx", "path", "p", "request", "x1")
PIECES = NAMES + (" ", "\n", "(", ")", " (", "=", ".", "é", "_", "\"", ";", "<%", "%>", ".write(", ".delete(")


def _texts(count, size, seed=14):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randrange(1, size)))


def _taint_pattern(names):
    """The form _Taint follows fresh names with; the receivers of _score_flow have the same head."""
    return re.compile(r"(?:%s)\b(?!\s*\()" % "|".join(names))


def test_matches_tried_where_a_name_stands_are_the_matches_a_search_finds():
    rng = random.Random(7)
    for text in _texts(400, 120):
        names = rng.sample(NAMES, rng.randrange(1, 4))
        for rx in (_taint_pattern(names), re.compile("(?:%s)" % "|".join(names) + other._OBJECT_PUT),
                   re.compile("(?:%s)" % "|".join(names) + other._OBJECT_ACCESS)):
            expected = [(m.start(), m.end()) for m in rx.finditer(text)]
            assert [(m.start(), m.end()) for m in other.matches_at(rx, text, names)] == expected, (text, names)


def test_a_wrong_start_list_is_caught():
    # A pattern whose matches do not all start with the literals given: the positions tried miss some, which the
    # comparison above would show (this guards the test itself).
    rx = _taint_pattern(["cmd"])
    text = "x cmd y"
    assert [m.start() for m in other.matches_at(rx, text, ["y"])] != [m.start() for m in rx.finditer(text)]


def test_a_name_at_very_many_places_is_searched_without_a_set_of_all_of_them():
    text = "a " * 400_000
    rx = _taint_pattern(["a"])
    tracemalloc.start()
    try:
        first = [m.start() for m, _ in zip(other.matches_at(rx, text, ["a"]), range(3))]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert first == [0, 2, 4]
    assert peak < 16 << 20, peak  # a set of 400,000 positions alone takes more


def test_the_search_fallback_yields_the_same_matches(monkeypatch):
    monkeypatch.setattr(other, "MAX_STARTS", 3)
    for text in _texts(200, 80, seed=3):
        rx = _taint_pattern(["a", "cmd", "p"])
        assert [m.span() for m in other.matches_at(rx, text, ["a", "cmd", "p"])] == \
            [m.span() for m in rx.finditer(text)]


ASP_FLOW = ("<%@ Page Language=\"VB\" %>\n<%\ndim p, a\np = Request(\"p\")\na = p & \".bak\"\n"
            "set f = fso.OpenTextFile(p)\nf.Write(Request(\"t\"))\nset fso = nothing\n"
            "Set s = Server.CreateObject(\"WScript.Shell\")\ns.Exec(\"cmd /c \" & a)\n%>\n")


def test_asp_flow_through_variables_is_followed(monkeypatch):
    ev = php.Evidence()
    other._score_flow(ASP_FLOW.lower(), ev)
    assert ev.found, ev.found
    # The same evidence when every pattern is searched in the whole text.
    monkeypatch.setattr(other, "MAX_STARTS", 0)
    plain = php.Evidence()
    other._score_flow(ASP_FLOW.lower(), plain)
    assert plain.found == ev.found and plain.best == ev.best


def test_verdicts_do_not_depend_on_where_names_are_looked_up(monkeypatch):
    # Texts from a few hundred characters on are looked up among their names; the verdict is the one plain
    # lookups in the text give.
    rng = random.Random(5)
    parts = ("system($_GET['c']);", "eval(base64_decode($x));", "echo 'uname -a';", " safe_mode ", " slot gacor ",
             "<a href='http://x'>", "$f = 'sys' . 'tem';", "passthru(", "disable_functions", "\n", "filler text ",
             "$_POST", "display:none", "getenv('HTTP_X')", "php_uname()", "posix_getpwuid(")
    for _ in range(60):
        body = "<?php\n" + "".join(rng.choice(parts) for _ in range(rng.randrange(10, 160)))
        fast = analyse.analyse("t.php", body.encode(), 10, [])
        monkeypatch.setattr(php, "WORDS_FROM", 1 << 40)
        assert analyse.analyse("t.php", body.encode(), 10, []) == fast, body
        monkeypatch.undo()


# The patterns as they were written before each branch started with its name (issue 14): the same matches expected.
OLD_PATTERNS = {
    "phpactions._CMD_CALL": r"(?<![\w>:$])(?:system|exec|shell_exec|passthru|popen|proc_open)\s*\(",
    "phpactions._COPY_CALL": r"(?<![\w>:$])copy\s*\(",
    "phpactions._IF": r"(?<![\w>:$])(?:if|elseif|while)\s*\(",
    "phpactions._PRESENCE": r"(?<![\w>:$])(?:isset|empty|copy)\s*\([^()]*\)",
    "phpactions._MAIL_CALL": r"(?<![\w>:$])mail\s*\(",
    "phpactions._EVAL_CALL": r"(?<![\w>:$])(?:eval|assert)\s*\(",
    "phpactions._INCLUDE_IMAGE": r"(?<![\w>:$])(?:include|require)(?:_once)?\s*\(?\s*['\"][^'\"\n]{0,300}"
                                 r"\.(?:ico|png|jpe?g|gif|bmp|webp)['\"]",
    "php._HIDDEN": r"\b(?:eval|assert|system|shell_exec|passthru|proc_open|popen|create_function)\s*\(|" + php.INPUT,
    "php._SMALL_SINK": r"(?<![\w>:$])(?:eval|assert|create_function|system|passthru|shell_exec|preg_replace"
                       r"|call_user_func\w*|array_map|array_filter|usort)\s*\(|(?<![\w>:$])\$\w+\s*\(|`"
                       r"|\)\s*\(\s*\$|->\s*__invoke\s*\(",
    "php._VAR_SINK": r"(?<![\w>:$])(?:eval|assert|system|passthru|shell_exec|exec|popen|proc_open|\$\w+)\s*\(\s*@?"
                     r"(?:\"[^\"$\n]{0,40}\{?)?\$",
    "other._VB_FUNCTION": r"\bfunction\s+([a-z_]\w*)\b([\s\S]{0,2000}?)\bend\s+function",
}
CALL_PIECES = ("system", "exec", "shell_exec", "copy", "if", "elseif", "while", "isset", "empty", "mail", "eval",
               "assert", "include", "require", "_once", "create_function", "call_user_func", "_array", "usort", "$",
               "$_get", "$x", "->", ">", ":", "::", "é", "a", "_", "1", " ", "\n", "(", ")", "'", "\"", "x.png", ".",
               "__invoke", "popen", "proc_open", "passthru", "preg_replace", "array_map", "array_filter", "{", "@",
               "function", "sub", "end function", "throws e", "x1", "chr(", ",")


def _pattern(dotted):
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import phpactions

    module, name = dotted.split(".")
    return getattr({"php": php, "phpactions": phpactions, "other": other}[module], name)


def test_patterns_led_by_their_names_match_what_a_leading_look_behind_matched():
    rng = random.Random(9)
    texts = ["".join(rng.choice(CALL_PIECES) for _ in range(rng.randrange(1, 40))) for _ in range(3000)]
    texts += ["system(1)", "xsystem(1)", ">exec(", "$a($b)", "é$a(", "ésystem(", "shell_exec($x)", "include 'a.png'"]
    for dotted, old in OLD_PATTERNS.items():
        new, old = _pattern(dotted), re.compile(old)
        assert new.pattern != old.pattern, dotted
        for text in texts:
            assert [(m.span(), m.groups()) for m in new.finditer(text)] == \
                [(m.span(), m.groups()) for m in old.finditer(text)], (dotted, text)


def test_a_name_led_pattern_still_refuses_a_name_inside_another_word():
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import phpactions

    rx = re.compile(phpactions.word_call("exec|system") + r"\s*\(")
    assert [m.start() for m in rx.finditer("exec( shell_exec( $o->system( ::exec( esystem(")] == [0]
    assert re.compile(phpactions.word_call("$", tails={"$": r"\w+"})).fullmatch("$abc")


FOLD_PIECES = ("trim", "implode", "join", "str_replace", "'", "\"", "(", ")", " ", ",", "'a'", "\"b$\"", "array(",
               "[", "]", "x", "_", "\n", "pack", "'pack'", "'c*'", "'C*'", "0x41", "65", "$", "@package", "é", "strrev")


def test_string_functions_of_literals_fold_as_a_whole_text_substitution_folds_them():
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import decode

    rng = random.Random(11)
    calls = ["%s%s%s (%s)" % (q, name, q, ", ".join(rng.choice(("'a'", "'b c'", "\"d\"", "array('e')", "$x"))
                                                    for _ in range(rng.randrange(1, 4))))
             for name in decode._FUNC_LIT for q in ("", "'", "\"")]
    texts = ["".join(rng.choice(FOLD_PIECES + tuple(calls)) for _ in range(rng.randrange(1, 30))) for _ in range(3000)]
    texts += ["'trim'('a')", "trim('a')", "x'trim'('a', 'b')", "implode(',', array('a', 'b'))", "'trim'(trim('x'))"]
    changed = 0
    for name, rx in decode._FUNC_LIT.items():
        for text in texts:
            expected = rx.sub(decode._call, text)
            assert decode._sub_at(rx, text, ("'" + name, name), decode._call) == expected, (name, text)
            changed += expected != text
    assert changed > 100  # the texts do hold calls that fold


def test_pack_led_by_its_name_matches_what_a_leading_word_start_matched():
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import decode

    old = re.compile(r"(?:'pack'|\bpack)\s*\(\s*'[cC]\*'\s*,\s*((?:(?:0x[0-9a-fA-F]{1,2}|\d{1,3})\s*,?\s*){2,200})\)")
    assert decode._PACK.pattern != old.pattern
    rng = random.Random(12)
    calls = ("pack('c*', 65, 66)", "pack ( 'C*',0x41,0x42 )", "'pack'('c*', 1, 2)", "pack('c*', 1)")
    texts = ["".join(rng.choice(FOLD_PIECES + calls) for _ in range(rng.randrange(1, 30))) for _ in range(3000)]
    texts += ["pack('c*', 65, 66)", "xpack('c*', 65, 66)", "'pack'('C*',0x41,0x42)", "épack('c*', 65, 66)"]
    found = 0
    for text in texts:
        spans = [(m.span(), m.groups()) for m in decode._PACK.finditer(text)]
        assert spans == [(m.span(), m.groups()) for m in old.finditer(text)], text
        found += bool(spans)
    assert found > 100


SOURCE_PIECES = ("request", "request(", "request.form(", "request[", ".getparameter(", ".getheader (", "txtcmd",
                 "txtcmd.text", "txtcmd . value", "cmd", "cmd.text", "tb.value", "tb", ".text", "x", " ", "\n", "(")


def test_source_or_controls_matches_what_the_compiled_alternation_matches():
    # The plain form: the page's control ids appended to _SOURCE as one more alternative, compiled per page.
    rng = random.Random(11)
    for controls in (["txtcmd"], ["cmd", "txtcmd"], ["tb", "cmd", "txtcmd", "request"]):
        plain = re.compile(other._SOURCE + r"|(?:%s)\s*\.\s*(?:text|value)\b" % "|".join(map(re.escape, controls)))
        quick = other._SourceOrControls(controls)
        for _ in range(300):
            text = "".join(rng.choice(SOURCE_PIECES) for _ in range(rng.randrange(1, 40)))
            spans = [(m.start(), m.end()) for m in plain.finditer(text)]
            assert [(m.start(), m.end()) for m in quick.finditer(text)] == spans, text
            first = plain.search(text)
            assert (quick.search(text) and quick.search(text).span()) == (first and first.span()), text
            for pos in range(len(text)):
                one, two = plain.match(text, pos), quick.match(text, pos)
                assert (one and one.span()) == (two and two.span()), (text, pos)


def test_source_or_controls_reads_a_hostile_page_once():
    # Many request uses and one control use at the end: each part is searched forward only, never from each match.
    text = "request(1) " * 20000 + "txtcmd.text"
    quick = other._SourceOrControls(["txtcmd"])
    matches = list(quick.finditer(text))
    assert len(matches) == 20001 and matches[-1].group() == "txtcmd.text"


FETCH_CALL = re.compile(r"\b[a-z_]\w*\s*\(\s*['\"](?:https?|ftp)://")  # the form phpactions._fetch_calls finds
FETCH_PIECES = ("f", "file_get_contents", "é", "_x", "9a", " ", "\n", "\t", "\xa0", "\x85", "(", "'", "\"", "http://",
                "https://", "ftp://", "://", "s", "x", "a(", "$", "http", ")")


def test_calls_on_a_remote_address_found_back_from_the_scheme_are_the_patterns_matches():
    rng = random.Random(16)
    found = 0
    for _ in range(40000):
        text = "".join(rng.choice(FETCH_PIECES) for _ in range(rng.randrange(1, 25)))
        expected = [m.start() for m in FETCH_CALL.finditer(text)]
        assert list(phpactions._fetch_calls(text)) == expected, text
        found += bool(expected)
    assert found > 100  # the texts hold such calls, not only near misses
