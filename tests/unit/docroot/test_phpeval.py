"""Partial evaluation of PHP string expressions (phpeval.py): what regex folding cannot undo.

Every snippet is written here for the test; the hidden payloads are inert (echo statements), or, where the
whole scanner must flag the file, the classic request-to-eval line, which these tests only read as text.
"""

import base64
import time
import zlib

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, decode, php, phpeval

UPLOADS = analyse.DEFAULT_UPLOAD_DIRS


def xor_hex(text, key):
    """What the PHP decoder below undoes: each byte XORed with the key, written as two hex digits."""
    return "".join("%02x" % (ord(c) ^ ord(key[i % len(key)])) for i, c in enumerate(text))


XOR_DECODER = """
function unmask($data, $key) {
    $out = '';
    for ($i = 0; $i < strlen($data); $i += 2) {
        $out .= chr(hexdec(substr($data, $i, 2)) ^ ord($key[($i / 2) % strlen($key)]));
    }
    return $out;
}
"""


def recovered(code):
    statements, codes = phpeval.evaluate(code)
    return "\n".join(statements), codes


def test_arithmetic_inside_a_name_is_folded():
    payload = base64.b64encode(b"echo 'hello';").decode()
    code = "<?php $d = 'base'.(8*8).'_de'.'code'; eval($d('%s'));" % payload
    statements, codes = recovered(code)
    assert "'base64_decode'" in statements
    assert codes == ["echo 'hello';"]


def test_defined_constants_build_a_function_name():
    code = ("<?php define('P1', 'crea'); define('P2', 'te_func');\n"
            "$mk = sprintf('%stion', P1 . P2);\n$fn = $mk('', 'echo 42;');\n$fn();")
    statements, codes = recovered(code)
    assert "$mk = 'create_function';" in statements
    assert "create_function('', 'echo 42;')" in statements
    assert codes == ["echo 42;"]


def test_comments_between_pieces_do_not_hide_the_name():
    code = '<?php @$a = "as"./*x*/"se"./*-y-*/"rt"; @$a/*z*/(\'echo 1;\');'
    statements, codes = recovered(code)
    assert "assert/*z*/('echo 1;')" in statements
    assert codes == ["echo 1;"]


def test_user_decoder_with_a_key_is_evaluated_on_its_literals():
    code = "<?php %s\n$run = unmask('%s', 'k3y');\n$run(unmask('%s', 'k3y'));" % (
        XOR_DECODER, xor_hex("assert", "k3y"), xor_hex('echo "ok";', "k3y"))
    statements, codes = recovered(code)
    assert "$run = 'assert';" in statements
    assert codes == ['echo "ok";']


def test_table_substitution_decoder_with_foreach():
    table = {"a": "Z", "Z": "a", "b": "Y", "Y": "b"}
    plain = base64.b64encode(b"echo 'table';").decode()
    scrambled = "".join(table.get(c, c) for c in plain)
    code = ("<?php function sub($s, $t) { $o = ''; foreach (str_split($s) as $c) { $o .= isset($t[$c]) ? $t[$c] : $c; }"
            " $f = 'base' . '64_decode'; return $f($o); }\n"
            "$map = array('a' => 'Z', 'Z' => 'a', 'b' => 'Y', 'Y' => 'b');\neval(sub('%s', $map));" % scrambled)
    _statements, codes = recovered(code)
    assert codes == ["echo 'table';"]


def test_globals_table_and_class_property():
    code = ("<?php $GLOBALS['k'] = strrev('ssa') . strrev('tre'); $GLOBALS['k']('echo 3;');\n"
            "class Box { function __construct() { $this->p = str_rot13('rpub 4;'); eval($this->p); } }")
    statements, codes = recovered(code)
    assert "assert('echo 3;')" in statements
    assert sorted(codes) == ["echo 3;", "echo 4;"]


def test_a_loop_over_known_values_outside_functions_is_run():
    table = "0123456789abcdef"
    hexed = "".join(table[ord(c) >> 4] + table[ord(c) & 15] for c in "print('loop');")
    code = ("<?php for ($i = 0, $t = '%s', $d = ''; @ord($t[$i]); $i++) { if ($i < 16) { $h[$t[$i]] = $i; }"
            " else { $d .= chr(($h[$t[$i]] << 4) + $h[$t[++$i]]); } } eval($d); for ($j = 0; $j < $n; $j++) { }"
            % (table + hexed))
    _statements, codes = recovered(code)
    assert codes == ["print('loop');"]


def test_simple_interpolation_in_double_quotes():
    code = ('<?php function x($k, $p) { $d = ""; for ($i = 0; $i < strlen($p); $i++) { $d .= "$k[0]" ^ "{$p[$i]}"; }'
            ' return $d; }\n$k = "\\x01"; $c = x($k, "%s"); $u = "{$c}"; eval("$u");'
            % "".join(chr(ord(c) ^ 1) for c in "echo 5;"))
    _statements, codes = recovered(code)
    assert codes == []  # "{$p[$i]}" is not simple interpolation: not guessed
    code = code.replace('"{$p[$i]}"', "$p[$i]")
    _statements, codes = recovered(code)
    assert codes == ["echo 5;"]


def test_decoded_code_is_evaluated_again():
    inner = "$g = 'sys' . (7 - 7) . 'x'; $h = str_replace('0x', 'tem', $g); $h('id');"
    code = "<?php $e = strrev('tresSA'); $e(strtolower('%s'));" % inner.replace("'", "\\'")
    statements, codes = recovered(code)
    assert codes and "str_replace" in codes[0]
    assert "$h = 'system';" in statements


def test_a_shell_only_the_evaluator_uncovers_is_flagged():
    code = "<?php %s\n$run = unmask('%s', 'k3y');\n$run(unmask('%s', 'k3y'));" % (
        XOR_DECODER, xor_hex("assert", "k3y"), xor_hex("eval($_POST['p']);", "k3y"))
    result = analyse.analyse("site/x.php", code.encode(), php.THRESHOLD, UPLOADS)
    assert result["kind"] == "webshell"
    assert {"hidden_code", "input_to_code"} <= set(result["signals"])


@pytest.mark.parametrize("value,printed", [
    (0.00001, "1.0E-5"), (1e25, "1.0E+25"), (1e14, "1.0E+14"), (12345678901234.0, "12345678901234"),
    (0.1, "0.1"), (2.0, "2"), (-1.5e-7, "-1.5E-7"), (float("inf"), "INF"), (float("-inf"), "-INF"),
])
def test_floats_print_as_php_prints_them(value, printed):
    assert phpeval.to_str(value) == printed


def test_powers_overflow_to_float_and_inf_as_in_php():
    assert phpeval.binary("**", 2, 10) == 1024
    assert phpeval.binary("**", 2, 64) == float(2 ** 64)
    assert phpeval.binary("**", 999, 999) == float("inf")
    assert phpeval.binary("**", -2, 1025) == float("-inf")
    assert phpeval.to_str(phpeval.binary("**", -8, 0.5)) == "NAN"


def test_a_name_picked_from_printed_numbers_is_recovered():
    # "E" of "11.0E-5", "N" of "INF1", "." of "10.1" and "0" of "10" combined with | and &: the letters of a name
    # written with digits alone; {n} (a brace offset) picks one character of each printed number.
    def letter(char):
        pieces = {"E": "((1).(0.00001)){4}", "N": "((999**999).(1)){1}", ".": "((1).(0.1)){2}",
                  "0": "((1).(0)){1}", "2": "((1).(2)){1}", "-": "((1).(-1)){1}", "1": "((1).(0)){0}"}
        return pieces[char]
    name = "(%s|(%s&%s))" % (letter("E"), letter("2"), letter("."))  # "E" | ("2" & ".") == "g"
    code = "<?php // digits only\n$f = %s . 'et';\n$f(1);" % name
    assert phpeval.worth_it(code)
    assert recovered(code)[0] == "get(1);"
    code = "<?php eval((%s . 'etenv')(%s . %s));" % (name, letter("N"), letter("-"))
    assert recovered(code)[0] == "eval(getenv('N-'));"
    # A block after a condition is still a block: only a brace holding a number alone is an offset.
    code = "<?php if ((%s)) {4;} $f = %s . 'et'; $f(1);" % (letter("0"), name)
    assert recovered(code)[0] == "get(1);"


@pytest.mark.parametrize("code", [
    "<?php " + "(" * 5000 + "'a'" + ")" * 5000 + "; eval($x);",
    "<?php $a = " + "'a' . " * 20000 + "'b'; define('A', 1); $a();",
    "<?php $a = " + "1 + " * 3000 + "1; define('A', 1); $a();",
    "<?php function f() { for ($i = 0; $i < 100000000; $i++) { $x = $i; } return 'x'; } eval(f());",
    "<?php function f() { while (true) { } } eval(f() . chr(65));",
    "<?php function r($x) { return r($x . 'a'); } eval(r('a') . chr(1));",
    "<?php function b() { return str_repeat('a', 1000000000); } eval(b() . chr(1));",
    "<?php function g($s) { $o = ''; for ($i = 0; $i < 30; $i++) { $o .= $o . $s; } return $o; } eval(g(chr(1)));",
    "<?php function h( { eval(chr(1 'x' ; } } } ]] ) define(",
    "<?php $a = 'unterminated; define('X', 1); eval(X . \"also unterminated);",
    "<?php { { { { " * 300 + "eval(chr(1));",
    "<?php define('A', 1); $a(); " + "$x = <<<END\n" * 20000 + "eval(A);",
    "<?php function u($a) { return $a / 0 . (-5 % 0) . 1 << 99 . intdiv(); } define('Z', u(1)); eval(Z);",
    "<?php $q = [1, 2, [3, 4 => [5]]]; $q[] = 6; $q['x']['y'] = 7; list($a, $b) = $q; $$a = 1; eval(${'a'} . chr(1));",
])
def test_hostile_input_is_bounded_and_raises_nothing(code):
    start = time.process_time()
    out = phpeval.recover(code)
    assert isinstance(out, str)
    assert time.process_time() - start < phpeval.MAX_SECONDS_CAP + 1.5


def test_heredoc_and_nowdoc_are_strings():
    code = "<?php define('N', 'as');\n$f = N . <<<'X'\nsert\nX;\n$f(<<<Y\necho \x22hi\x22;\nY\n);"
    statements, codes = recovered(code)
    assert "$f = 'assert';" in statements
    assert codes == ['echo "hi";']


def test_the_evaluator_stops_at_its_step_budget(monkeypatch):
    code = "<?php %s\n$run = unmask('%s', 'k');" % (XOR_DECODER, xor_hex("print('x');" * 400, "k"))
    statements, _codes = recovered(code)
    assert "$run = 'print(\\'x\\');print(" in statements
    monkeypatch.setattr(phpeval, "MAX_STEPS", 5000)
    monkeypatch.setattr(phpeval, "STEPS_PER_CHAR", 0)
    statements, _codes = recovered(code)
    assert statements == ""  # the decoder needs more steps than allowed: nothing is claimed


# Ordinary application code: helper functions, define()d settings, callbacks through variables.
BENIGN = [
    """<?php
define('APP_SLUG_SEP', '-');
define('APP_NAME', 'court' . APP_SLUG_SEP . 'site');
function slugify($text) {
    $out = '';
    for ($i = 0; $i < strlen($text); $i++) {
        $c = ord($text[$i]);
        $out .= ($c >= 97 && $c <= 122) || ($c >= 48 && $c <= 57) ? chr($c) : APP_SLUG_SEP;
    }
    return trim($out, APP_SLUG_SEP);
}
$title = slugify(strtolower('Case List 2024'));
$handlers = array('list' => 'render_list', 'view' => 'render_view');
$action = isset($_GET['action']) && isset($handlers[$_GET['action']]) ? $_GET['action'] : 'list';
$render = $handlers[$action];
echo $render(APP_NAME, $title);
""",
    """<?php
const CACHE_PREFIX = 'sk_';
function cache_key($parts) { return CACHE_PREFIX . md5(implode('|', $parts)); }
function rot_label($s) { $r = ''; foreach (str_split($s) as $ch) { $r .= chr(ord($ch) + 1); } return $r; }
$key = cache_key(array('page', 'home'));
$sorters = array('date' => 'sort_by_date', 'name' => 'sort_by_name');
$sorter = $sorters[$mode];
usort($rows, $sorter);
$label = rot_label('HAL');
printf('%s: %s', $label, $key);
""",
]


@pytest.mark.parametrize("code, probe, expected", [
    (BENIGN[0], "slugify(strtolower(APP_NAME . ' Case'))", "court-site-case"),
    (BENIGN[1], "cache_key(array('a')) . rot_label('HAL')", "sk_0cc175b9c0f1b6a831c399e269772661IBM"),
])
def test_benign_helpers_are_evaluated_and_raise_no_score(code, probe, expected, monkeypatch):
    _statements, codes = recovered(code + "\neval(%s);" % probe)
    assert codes == [expected], "the evaluator runs the helpers"
    with_eval = php.score_php(decode.layers(code))
    monkeypatch.setattr(phpeval, "recover", lambda text: "")
    without = php.score_php(decode.layers(code))
    assert with_eval.score == without.score
    assert analyse.analyse("site/index.php", code.encode(), php.THRESHOLD, UPLOADS)["kind"] is None


def test_gates_leave_plain_application_code_alone():
    plain = "<?php\n/** Docs. */\nclass Page { const A = 1; public function show($id) { return $this->view($id); } }"
    assert not phpeval.worth_it(plain)
    big = "<?php define('X', 1); $f = 'g'; $f();" + " $a = 1;" * (phpeval.MAX_GATE_STATEMENTS + 1)
    assert not phpeval.worth_it(big)
    assert phpeval.recover(plain) == ""


def test_code_returned_in_pieces_by_the_files_own_function_is_evaluated():
    """eval("ev" . part() . "x']);"): the rest of the code comes from a function of the same file. Evaluating an
    application's own method or a built-in's result is not worth it (nothing of the file's own is called)."""
    shell = "<?php\nfunction part() { $x = \"\\$_PO\"; return \"al(\" . $x . \"ST['\"; }\neval(\"ev\" . part() . \"x']);\");"
    assert phpeval.worth_it(shell)
    assert "eval($_POST['x']);" in phpeval.evaluate(shell)[1]
    assert analyse.analyse("site/d.php", shell.encode(), 10, [])["kind"] == "webshell"
    for benign in ("<?php function render($t) { return $t; }\neval('return ' . var_export($defaults, true) . ';');",
                   "<?php class V { function compile($s) { return $s; } function show() { eval('?>' . $this->compile($s)); } }"):
        assert not phpeval.worth_it(benign)


# PHP's array set functions, as PHP gives them (php -r 'var_export(array_intersect_key(...));' and the manual's
# examples): the keys of the first array are kept, values compare as strings.
@pytest.mark.parametrize(("call", "expected"), [
    ("array_intersect_key(array('a'=>1,'b'=>2,'c'=>3), array('c'=>0,'a'=>0))", {"a": 1, "c": 3}),
    ("array_diff_key(array('a'=>1,'b'=>2,'c'=>3), array('c'=>0), array('a'=>0))", {"b": 2}),
    ("array_intersect(array(5=>'x','y','1'), array(1, 'x'))", {5: "x", 7: "1"}),
    ("array_diff(array('x','y','z'), array('y'))", {0: "x", 2: "z"}),
    ("array_merge(array(3=>'a','k'=>'b'), array('c','k'=>'d'))", {0: "a", "k": "d", 1: "c"}),
    ("array_combine(array('p','1'), array('q','r'))", {"p": "q", 1: "r"}),
    ("array_unique(array('a','b','a',1,'1'))", {0: "a", 1: "b", 3: 1}),
])
def test_array_set_functions_give_what_php_gives(call, expected):
    evaluator = phpeval.Evaluator("", phpeval._Parser(phpeval.tokenize("<?php ;")), time.process_time() + 5)
    parser = phpeval._Parser(phpeval.tokenize("<?php $r = %s;" % call))
    env = {}
    evaluator.sweep(parser.program(), env)
    assert env["$r"] == expected


NAME_FROM_ARRAY_KEYS = """<?php
$left = array("as" => 1, "se" => 2, "x" => 3, "rt" => 4);
$right = array("as" => 0, "se" => 0, "rt" => 0, "y" => 0);
$k = array_keys(array_intersect_key($left, $right));
$f = $k[0] . $k[1] . $k[2];
$f($_POST['q']);
"""
SORTED_MENU = """<?php
$defaults = array("home" => "Home", "news" => "News");
$menu = array_merge($defaults, $custom);
foreach (array_diff_key($menu, $hidden) as $slug => $title) { $render($slug, $title); }
"""


def test_a_name_spelled_by_array_set_functions_is_recovered_and_a_menu_is_not_flagged():
    assert phpeval.worth_it(NAME_FROM_ARRAY_KEYS)
    statements, _codes = recovered(NAME_FROM_ARRAY_KEYS)
    assert "assert($_POST['q'])" in statements
    verdict = analyse.analyse("x.php", NAME_FROM_ARRAY_KEYS.encode(), 10, UPLOADS)
    assert verdict["kind"] == "webshell"
    verdict = analyse.analyse("menu.php", SORTED_MENU.encode(), 10, UPLOADS)
    assert not verdict or not verdict.get("kind")


# --- a file that reads itself and runs a decoded part of itself (how commercial encoders ship applications) -------

def self_loader(program, request_input=False):
    """A loader written for this test after the shape of encoded applications: the payload is the file's own tail,
    found by a marker, base64 of raw deflate."""
    payload = base64.b64encode(zlib.compress(program.encode(), 9)[2:-4]).decode()
    seed = "$_GET['k'] . " if request_input else ""
    return ("<?php\n$d = file_get_contents(__FILE__);\n$p = strpos($d, '/*' . 'X:');\n"
            "eval(%sgzinflate(base64_decode(substr($d, $p + 4, -2))));\n/*X:%s*/" % (seed, payload))


def crlf_offset_loader(program):
    """The same with a fixed offset counted in the file as written with CRLF line ends; given back with LF ends, as a
    git checkout holds it."""
    payload = base64.b64encode(zlib.compress(program.encode(), 9)[2:-4]).decode()
    head = "<?php\r\n$d = file_get_contents(__FILE__);\r\neval(gzinflate(base64_decode(substr($d, %5d, -2))));\r\n/*"
    offset = len(head % 0)
    return (head % offset + payload + "*/").replace("\r\n", "\n")


BENIGN_PROGRAM = "\n/** shop: index.php */\nrequire 'lib/app.php';\n$app = new App();\n$app->run('index');\n"
SHELL_PROGRAM = "\nif (isset($_POST['x'])) { eval($_POST['x']); }\n"


def test_a_program_a_file_decodes_out_of_itself_is_judged_not_its_loader():
    for make in (self_loader, crlf_offset_loader):
        assert phpeval.own_program(make(BENIGN_PROGRAM)) == BENIGN_PROGRAM
        verdict = analyse.analyse("index.php", make(BENIGN_PROGRAM).encode(), 10, UPLOADS)
        assert verdict["kind"] is None and verdict["signals"] == ["self_decoding_file"]
        verdict = analyse.analyse("index.php", make(SHELL_PROGRAM).encode(), 10, UPLOADS)
        assert verdict["kind"] == "webshell" and "self_decoding_file" in verdict["signals"]
        assert "input_to_code" in verdict["signals"]


def test_a_loader_that_reads_the_request_or_fails_to_decode_is_judged_as_it_stands():
    assert phpeval.own_program(self_loader(BENIGN_PROGRAM, request_input=True)) is None
    broken = self_loader(BENIGN_PROGRAM).replace("/*X:", "/*X:QUJD")  # three bytes before the deflate stream
    assert phpeval.own_program(broken) is None
    verdict = analyse.analyse("index.php", self_loader(BENIGN_PROGRAM, request_input=True).encode(), 10, UPLOADS)
    assert "self_decoding_file" not in verdict["signals"]


def test_a_large_file_is_no_loader_and_is_not_tokenised_whole(monkeypatch):
    big = "<?php\n$tpl = file_get_contents(__FILE__);\n// eval is not used here\n" + "$a[] = 1;\n" * 5000
    read = []
    real = phpeval.tokenize
    monkeypatch.setattr(phpeval, "tokenize", lambda text, limit=phpeval.MAX_TOKENS: read.append(limit) or real(text, limit))
    assert phpeval.own_program(big) is None
    assert read and max(read) <= phpeval.MAX_LOADER_TOKENS + 1
