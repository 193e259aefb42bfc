"""The vocabulary model of the docroot scan (vocabulary.py, vocabulary_model.py) and its trainer, issue 14."""

import os
import re
import sys

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import (
    analyse,
    php,
    vocabulary,
    vocabulary_model,
)

from .conftest import BENIGN, SHELLS, sample

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
UPLOADS = analyse.DEFAULT_UPLOAD_DIRS
# The words of a command shell (written here): request input, a command sink, a form to type into.
SHELL_WORDS = (b"<?php if (isset($_REQUEST['cmd'])) { echo '<pre>' . shell_exec($_REQUEST['cmd']) . '</pre>'; }\n"
               b"echo php_uname(); ?><form method=\"post\" enctype=\"multipart/form-data\"><input name=\"cmd\"></form>")


def added_up(*weights):
    """Evidence of one signal per weight (a weight of 0 records nothing)."""
    ev = php.Evidence()
    for index, weight in enumerate(weights):
        ev.add("added_up_%d" % index, weight)
    return ev


def test_names_are_distinct_lower_cased_runs_of_letters_digits_and_underscore():
    assert vocabulary.names_of(b"<?php Echo $_POST['Cmd']; echo base64_decode($x2);") == {
        b"php", b"echo", b"_post", b"cmd", b"base64_decode", b"x2"}


def test_escaped_bytes_are_bytes_not_names():
    # A UTF-8 library's table of escapes ("\x41" => 65) gave "x41"-like names by the hundred; the escapes already
    # weigh as escaped_bytes.
    table = b'<?php return array("\\x41" => 65, "\\101" => 65, "\\u{1F600}" => 128512, "\\X7f" => 127);'
    assert vocabulary.names_of(table) == {b"php", b"return", b"array", b"65", b"128512", b"127"}
    # A backslash that starts no escape leaves the names after it alone.
    assert vocabulary.names_of(b"<?php use App\\Models\\xylophone;") == {b"php", b"use", b"app", b"models",
                                                                            b"xylophone"}


def test_names_only_listed_in_a_string_are_data_not_names_the_file_uses():
    # A template engine's deny list of functions (as Chinese CMS code carries it), beside a shell that calls them.
    deny_list = b"<?php $disabled = 'phpinfo,eval,assert,exec,passthru,shell_exec,system'; if (check($tpl)) { }"
    assert not {b"eval", b"exec", b"system"} & vocabulary.names_of(deny_list)
    assert {b"disabled", b"check", b"tpl"} <= vocabulary.names_of(deny_list)
    shell = b"<?php foreach (array('exec', 'system') as $f) { if (function_exists($f)) { $f($_GET['c']); } }"
    assert {b"exec", b"system", b"function_exists"} <= vocabulary.names_of(shell)
    # Two names, or names with other text between them, are not a list.
    assert {b"eval", b"exec"} <= vocabulary.names_of(b"<?php $pair = 'eval,exec'; $s = 'run exec, then system';")
    assert {b"exec", b"system"} <= vocabulary.names_of(b"<?php $s = 'run exec, then system';")
    logit = vocabulary.logit
    assert logit(vocabulary.names_of(deny_list)) < logit(set(deny_list.lower().translate(php.TO_NAMES).split()))


def test_model_table_holds_names_and_weights_the_trainer_writes():
    assert isinstance(vocabulary_model.BIAS, float)
    assert len(vocabulary_model.WEIGHTS) > 500
    for name, weight in vocabulary_model.WEIGHTS.items():
        # Three characters at least: two-character names are mostly words of data tables (train_vocabulary.MIN_LENGTH).
        assert re.fullmatch(r"[a-z0-9_]{3,32}", name) and not name.isdigit(), name
        assert abs(weight) >= 0.2, (name, weight)


def test_shell_words_raise_the_logit_and_framework_code_lowers_it():
    shell = vocabulary.logit(vocabulary.names_of(SHELL_WORDS))
    framework = vocabulary.logit(vocabulary.names_of(sample(BENIGN, "freshrss", "app_Controllers_feedController.php")))
    assert shell >= 2
    assert framework < vocabulary.AGAINST_BELOW


def test_logit_is_the_exact_sum_of_the_weights_whatever_their_order(monkeypatch):
    # A plain float sum depends on the order of its terms, and a set's order changes between processes (salted
    # hashes); weigh() cuts the logit to a whole number, so 0.999... and 1.0 give different verdicts. Ten weights
    # of 0.1 sum to 0.999... in any order with a plain sum, to 1.0 exactly.
    weights = {b"n%d" % i: 0.1 for i in range(10)}
    monkeypatch.setattr(vocabulary, "_WEIGHTS", weights)
    monkeypatch.setattr(vocabulary, "_MODEL_NAMES", frozenset(weights))
    monkeypatch.setattr(vocabulary_model, "BIAS", 0.0)
    assert sum(weights.values()) < 1.0  # the premise
    assert vocabulary.logit(set(weights)) == 1.0


@pytest.mark.parametrize("score", [0, 1, 10, 14, 20])
def test_shell_vocabulary_is_only_read_when_it_can_change_a_verdict(score):
    ev = added_up(score)
    vocabulary.weigh(SHELL_WORDS, ev, 10)
    assert vocabulary.SHELL_SIGNAL not in ev.found


def test_shell_vocabulary_adds_at_most_max_weight_to_weak_evidence():
    ev = added_up(2)
    vocabulary.weigh(SHELL_WORDS, ev, 10)
    assert 1 <= ev.found[vocabulary.SHELL_SIGNAL] <= vocabulary.MAX_WEIGHT < 10
    assert ev.score == 2 + ev.found[vocabulary.SHELL_SIGNAL]


def test_framework_vocabulary_takes_weight_off_a_weak_verdict_made_of_added_up_evidence_only():
    framework = sample(BENIGN, "freshrss", "app_Controllers_feedController.php")
    weak = added_up(6, 4)
    vocabulary.weigh(framework, weak, 10)
    assert weak.found[vocabulary.FRAMEWORK_SIGNAL] == -vocabulary.AGAINST_WEIGHT
    assert weak.score == 10 - vocabulary.AGAINST_WEIGHT
    for ev in (added_up(7, 7), added_up(10), added_up(3, 3)):  # strong enough; one decisive signal; under threshold
        vocabulary.weigh(framework, ev, 10)
        assert vocabulary.FRAMEWORK_SIGNAL not in ev.found
    for name in ("input_to_include", "tainted_to_variable_function", "php_input_stream", "yara:SomeRule"):
        direct = added_up(4)
        direct.add(name, 8)
        vocabulary.weigh(framework, direct, 10)
        assert direct.score == 12, name
    shell_like = added_up(6, 4)
    vocabulary.weigh(SHELL_WORDS, shell_like, 10)
    assert shell_like.score == 10


def test_a_shell_the_other_signals_leave_under_the_threshold_is_flagged_with_its_vocabulary():
    data = sample(SHELLS, "tennc", "php_pas_pas.php")
    verdict = analyse.analyse("site/pas.php", data, 10, UPLOADS)
    assert verdict["kind"] == "webshell"
    assert vocabulary.SHELL_SIGNAL in verdict["signals"]
    assert verdict["score"] - 10 < vocabulary.MAX_WEIGHT  # the other signals alone did not reach the threshold


def test_vocabulary_is_not_read_for_files_php_analysis_does_not_score():
    verdict = analyse.analyse("site/notes.js", SHELL_WORDS.replace(b"<?php", b"//"), 10, UPLOADS)
    assert vocabulary.SHELL_SIGNAL not in verdict["signals"]


def test_trainer_keeps_names_of_several_files_and_sources_and_renders_an_importable_table(tmp_path):
    sys.path.insert(0, os.path.join(REPO, "benchmarks"))
    try:
        import train_vocabulary
    finally:
        sys.path.pop(0)
    items = [(True, "a", {b"uname", b"only_a"}), (True, "b", {b"uname"}), (False, "c", {b"uname", b"echo"}),
             (False, "c", {b"echo", b"only_a"}), (False, "d", {b"echo", b"only_a"}), (False, "e", {b"echo", b"7"})]
    # "uname" and "echo": 3+ files of 3+ sources; "only_a": 3 files but of sources a, c, d; "7": a number.
    assert train_vocabulary.features(items) == [b"echo", b"only_a", b"uname"]
    items_two_sources = [(True, "a", {b"x1"}), (False, "b", {b"x1"}), (False, "b", {b"x1"})]
    assert train_vocabulary.features(items_two_sources) == []
    # A two-character name is no feature however many files and sources use it (a language code of a data table).
    items_short = [(True, "a", {b"es", b"esp"}), (False, "b", {b"es", b"esp"}), (False, "c", {b"es", b"esp"})]
    assert train_vocabulary.features(items_short) == [b"esp"]
    target = tmp_path / "model.py"
    target.write_text(train_vocabulary.render({"uname": 1.5, "echo": -0.25}, 0.5, items), encoding="utf-8")
    namespace = {}
    exec(compile(target.read_text(encoding="utf-8"), str(target), "exec"), namespace)  # noqa: S102 (our own output)
    assert namespace["BIAS"] == 0.5
    assert namespace["WEIGHTS"] == {"echo": -0.25, "uname": 1.5}


INJECTED = [
    b"@eval($_POST['x']);",
    b"assert($_REQUEST['a']);",
    b"system($_GET['c']);",
    b"passthru($_POST['c']);",
    b"echo `$_GET[c]`;",
    b"include($_GET['p']);",
    b"@preg_replace('/.*/e', $_POST['x'], '');",
    b"file_put_contents($_GET['n'], $_POST['d']);",
    b"@move_uploaded_file($_FILES['f']['tmp_name'], $_FILES['f']['name']);",
    b"$f = $_GET['f']; $f($_GET['a']);",
    b"call_user_func($_GET['f'], $_GET['a']);",
    b"$x = $_POST; $y = $x['a']; $y($x['b']);",
    b"eval(file_get_contents('php://input'));",
]


@pytest.mark.parametrize("backdoor", INJECTED)
def test_a_backdoor_injected_into_framework_code_stays_flagged(backdoor):
    framework = sample(BENIGN, "freshrss", "app_Controllers_feedController.php")
    assert vocabulary.logit(vocabulary.names_of(framework)) < vocabulary.AGAINST_BELOW
    verdict = analyse.analyse("app/feed.php", framework + b"\n<?php " + backdoor + b" ?>", 10, UPLOADS)
    assert verdict["kind"] == "webshell", verdict["signals"]
    assert vocabulary.FRAMEWORK_SIGNAL not in verdict["signals"]


def test_a_sink_name_in_a_string_is_not_the_other_evidence_the_vocabulary_needs():
    # A syntax highlighter's list of PHP function names: the names are the vocabulary's own evidence.
    highlighter = b"<?php $keywords = array('eval', 'exec', 'system', 'passthru', 'shell_exec', 'assert', 'chr',\n" \
                  b"'base64_decode', 'file_get_contents', 'popen', 'create_function', 'preg_replace', '_post');"
    assert vocabulary.logit(vocabulary.names_of(highlighter)) >= 2
    names_only = php.Evidence()
    names_only.add(vocabulary.NAMES_SIGNAL, 4)
    vocabulary.weigh(highlighter, names_only, 10)
    assert vocabulary.SHELL_SIGNAL not in names_only.found
    with_other = added_up(2)
    with_other.add(vocabulary.NAMES_SIGNAL, 4)
    vocabulary.weigh(highlighter, with_other, 10)
    assert vocabulary.SHELL_SIGNAL in with_other.found
