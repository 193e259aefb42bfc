"""The bundled web-shell YARA rules (generic and known-shell sets): vendored unchanged, compiled once, weighed as
evidence."""

import re

import pytest
import yara  # pinned in requirements.txt: these tests never skip

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import (
    analyse,
    generic_rules,
    known_rules,
    php,
    scan,
    yarascan,
)

SHELL = b"<?php\nif (isset($_POST['c'])) { echo '<pre>'; system($_POST['c']); }\n"
BENIGN = b"<?php\n/* Render the list of cases. */\nforeach ($cases as $case) { echo htmlspecialchars($case['title']); }\n"


@pytest.mark.parametrize("vendored,least", [(generic_rules, 50), (known_rules, 700)], ids=["generic", "known"])
def test_the_vendored_rules_compile_and_keep_their_authors(vendored, least):
    rules = yara.compile(sources={"generic": vendored.RULES})
    names = [rule.identifier for rule in rules]
    assert len(names) >= least
    # The Detection Rule License asks that each rule keeps its author: every rule block names one.
    blocks = re.findall(r"^rule \w+.*?^}", vendored.RULES, re.S | re.M)
    assert len(blocks) == len(names)
    assert all("author" in block for block in blocks)


_PLAIN_STRING = re.compile(r'^\s*\$\w+ = "((?:[^"\\]|\\["\\])*)"\s*$', re.M)


def _a_known_rule_and_its_text():
    """The name of a known-shell rule whose condition is all of its plain text strings, and a text holding them:
    built from the vendored rule itself, so that no shell code is copied into the tests."""
    for block in re.findall(r"^rule \w+.*?^}", known_rules.RULES, re.S | re.M):
        parts = re.match(r"rule (\w+).*?strings:(.*?)condition:\s*all of them\s*}\Z", block, re.S)
        if parts is None:
            continue
        name, strings = parts.groups()
        lines = [line for line in strings.splitlines() if line.strip()]
        found = _PLAIN_STRING.findall(strings)
        if found and len(found) == len(lines):
            text = "\n".join(s.replace('\\"', '"').replace("\\\\", "\\") for s in found)
            return name, ("<?php\n" + text + "\n").encode("latin-1")
    raise AssertionError("no known rule of plain strings")


def _signals(rules, data):
    """{signal: weight} of the rules' matches in ``data``."""
    return {name: weight for name, weight, _offset in yarascan.hits(rules, data)}


def test_a_known_shell_rule_names_its_match_and_leaves_ordinary_code():
    name, text = _a_known_rule_and_its_text()
    rules, problem = yarascan.load(None, generic=True)
    assert problem is None
    found = _signals(rules, text)
    assert found.get("yara:" + name) == yarascan.GENERIC_WEIGHT
    found = _signals(rules, BENIGN + b"\n/* padding */" * 8000)
    assert not found


def test_a_generic_rule_match_is_a_signal_of_its_own_weight():
    rules, problem = yarascan.load(None, generic=True)
    assert problem is None and len(rules) == 2  # both sets for files up to 64 KiB, the known-shell set above
    found = _signals(rules, SHELL)
    assert found and all(name.startswith("yara:") for name in found)
    assert set(found.values()) == {yarascan.GENERIC_WEIGHT}
    found = _signals(rules, BENIGN)
    assert not found


def test_the_scan_reports_whether_the_generic_rules_ran(tmp_path, monkeypatch):
    (tmp_path / "cmd.php").write_bytes(SHELL)
    # The rules read every file first; this one's single rule leaves the verdict to the engine, which weighs it.
    name, text = _a_known_rule_and_its_text()
    (tmp_path / "known.php").write_bytes(text)
    on = scan.run({"paths": [str(tmp_path)], "workers": 1}, "host")
    assert on["counts"]["generic_rules"] == 1
    assert "yara:" + name in {s for f in on["flagged"] for s in f["signals"]}
    off = scan.run({"paths": [str(tmp_path)], "workers": 1, "generic_rules": False}, "host")
    assert off["counts"]["generic_rules"] == 0
    assert not any(s.startswith("yara:") for f in off["flagged"] for s in f["signals"])
    # Without yara-python on the host the scan still runs, on its own signals, and says the rules did not run.
    monkeypatch.setattr(yarascan, "_yara", lambda: None)
    missing = scan.run({"paths": [str(tmp_path)], "workers": 1}, "host")
    assert missing["counts"]["generic_rules"] == 0 and not missing["problems"]
    assert [f["kind"] for f in missing["flagged"] if f["path"].endswith("cmd.php")] == ["webshell"]


def test_the_generic_rules_skip_large_files_and_the_known_ones_read_them():
    rules, _problem = yarascan.load(None, generic=True)
    padding = b"\n" + b"/* padding */\n" * (yarascan.GENERIC_MAX_SIZE // 14)
    found = _signals(rules, SHELL + padding)
    assert not found
    name, text = _a_known_rule_and_its_text()
    found = _signals(rules, text + padding)
    assert found.get("yara:" + name) == yarascan.GENERIC_WEIGHT


def test_a_generic_rule_weighs_less_than_the_threshold_and_analyse_takes_the_rule_sets():
    assert yarascan.GENERIC_WEIGHT < php.THRESHOLD
    verdict = analyse.analyse("a.php", SHELL, php.THRESHOLD, [], yarascan.load(None, generic=True)[0])
    assert verdict["kind"] == "webshell"
