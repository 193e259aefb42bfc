"""The bundled generic web-shell YARA rules: vendored unchanged, compiled once, weighed as evidence."""

import re

import yara  # pinned in requirements.txt: these tests never skip

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import (
    analyse,
    generic_rules,
    php,
    scan,
    yarascan,
)

SHELL = b"<?php\nif (isset($_POST['c'])) { echo '<pre>'; system($_POST['c']); }\n"
BENIGN = b"<?php\n/* Render the list of cases. */\nforeach ($cases as $case) { echo htmlspecialchars($case['title']); }\n"


def test_the_vendored_rules_compile_and_keep_their_authors():
    rules = yara.compile(sources={"generic": generic_rules.RULES})
    names = [rule.identifier for rule in rules]
    assert len(names) >= 50
    # The Detection Rule License asks that each rule keeps its author: every rule block names one.
    blocks = re.findall(r"^rule \w+.*?^}", generic_rules.RULES, re.S | re.M)
    assert len(blocks) == len(names)
    assert all("author" in block for block in blocks)


def test_a_generic_rule_match_is_a_signal_of_its_own_weight():
    rules, problem = yarascan.load(None, generic=True)
    assert problem is None and len(rules) == 1
    ev = php.Evidence()
    yarascan.match(rules, SHELL, ev)
    assert ev.found and all(name.startswith("yara:") for name in ev.found)
    assert set(ev.found.values()) == {yarascan.GENERIC_WEIGHT}
    ev = php.Evidence()
    yarascan.match(rules, BENIGN, ev)
    assert not ev.found


def test_the_scan_reports_whether_the_generic_rules_ran(tmp_path, monkeypatch):
    (tmp_path / "cmd.php").write_bytes(SHELL)
    on = scan.run({"paths": [str(tmp_path)], "workers": 1}, "host")
    assert on["counts"]["generic_rules"] == 1
    assert any(s.startswith("yara:") for s in on["flagged"][0]["signals"])
    off = scan.run({"paths": [str(tmp_path)], "workers": 1, "generic_rules": False}, "host")
    assert off["counts"]["generic_rules"] == 0
    assert not any(s.startswith("yara:") for s in off["flagged"][0]["signals"])
    # Without yara-python on the host the scan still runs, on its own signals, and says the rules did not run.
    monkeypatch.setattr(yarascan, "_yara", lambda: None)
    missing = scan.run({"paths": [str(tmp_path)], "workers": 1}, "host")
    assert missing["counts"]["generic_rules"] == 0 and not missing["problems"]
    assert missing["flagged"][0]["kind"] == "webshell"


def test_the_generic_rules_skip_large_files():
    rules, _problem = yarascan.load(None, generic=True)
    ev = php.Evidence()
    yarascan.match(rules, SHELL + b"\n" + b"/* padding */\n" * (yarascan.GENERIC_MAX_SIZE // 14), ev)
    assert not ev.found


def test_a_generic_rule_weighs_less_than_the_threshold_and_analyse_takes_the_rule_sets():
    assert yarascan.GENERIC_WEIGHT < php.THRESHOLD
    verdict = analyse.analyse("a.php", SHELL, php.THRESHOLD, [], yarascan.load(None, generic=True)[0])
    assert verdict["kind"] == "webshell"
