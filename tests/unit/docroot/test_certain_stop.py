# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scoring stops once a verdict is certain (analyse.certain_score): the same files flagged, with the same kinds, as
when every step runs; only the costlier steps past that point are skipped (issue 14).

The snippets are written for these tests; nothing is executed.
"""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, other, php, spam, yarascan

STRONG = b"<?php\nif (isset($_POST['c'])) { system($_POST['c']); }\neval($_REQUEST['e']);\n"
WEAK = b"<?php\n$f = 'sy' . 'stem';\n$f($x);\n"
SPAM_BLOCK = ('<div style="display:none"><a href="https://slot.example/">slot gacor</a> '
              '<a href="https://judi.example/">judi online</a> <a href="https://togel.example/">togel</a> '
              '<a href="https://maxwin.example/">slot maxwin</a></div>\n')


def _counted(monkeypatch, module, name):
    calls = []
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def _every_step(monkeypatch):
    monkeypatch.setattr(analyse, "certain_score", lambda threshold: 1 << 30)


def test_certain_is_where_the_vocabulary_can_no_longer_take_evidence_off():
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import vocabulary  # noqa: PLC0415

    assert analyse.certain_score(10) == 10 + vocabulary.AGAINST_WEIGHT
    assert analyse.severity("webshell", analyse.certain_score(10), 10) == "critical"
    assert analyse.severity("webshell", analyse.certain_score(10) - 1, 10) == "high"


class _Rules:
    """A compiled YARA rule set's stand-in: every match() gives the same rules, each matching one string of
    ``length`` bytes at ``offset``."""

    def __init__(self, *names, offset=0, length=4):
        self.names, self.offset, self.length = names, offset, length
        self.calls = 0

    def match(self, data, timeout):
        self.calls += 1
        instance = SimpleNamespace(offset=self.offset, matched_length=self.length)
        return [SimpleNamespace(rule=name, namespace=yarascan.GENERIC, strings=[SimpleNamespace(instances=[instance])])
                for name in self.names]


def _engine_calls(monkeypatch):
    return [_counted(monkeypatch, module, name)
            for module, name in ((php, "score_php"), (spam, "score_spam"), (other, "score_other"))]


def test_rules_that_agree_settle_the_verdict_without_the_engine(monkeypatch):
    rules = _Rules("a", "b")  # two rules: 16, past certain
    calls = _engine_calls(monkeypatch)
    verdict = analyse.analyse("x.php", WEAK, php.THRESHOLD, [], [(rules, 0, None, ())])
    assert rules.calls == 1
    assert calls == [[], [], []]
    assert verdict["kind"] == "webshell" and verdict["severity"] == "critical"
    assert verdict["signals"] == ["yara:a", "yara:b"]


def test_rules_under_certain_leave_the_verdict_to_the_engine(monkeypatch):
    rules = _Rules("a")  # one rule: 8
    calls = _engine_calls(monkeypatch)
    verdict = analyse.analyse("x.php", WEAK, php.THRESHOLD, [], [(rules, 0, None, ())])
    assert rules.calls == 1  # read once, its match weighed after the engine's own signals
    assert calls[0] and calls[1]
    assert "yara:a" in verdict["signals"] and len(verdict["signals"]) > 1


def test_a_certain_shell_is_read_by_the_rules_once_and_keeps_the_engine_signals(monkeypatch):
    rules = _Rules("a")
    verdict = analyse.analyse("x.php", STRONG, php.THRESHOLD, [], [(rules, 0, None, ())])
    assert rules.calls == 1
    # The engine settled it: a rule's match past that point adds nothing.
    assert verdict["severity"] == "critical" and "yara:a" not in verdict["signals"]


@pytest.mark.parametrize("rel,body,signal", [
    ("uploads/x.php", WEAK, "php_in_upload_dir"),
    ("images/x.jpg", WEAK, "php_in_media_file"),
    ("notes.txt", WEAK, "php_in_non_php_file"),
    ("x.jpg", b"GIF89a\n<%@ Language=VBScript %>\n<% Execute Request(\"c\") %>\n", "server_script_in_media_file"),
])
def test_where_a_file_settled_by_the_rules_stands_still_decides_its_kind(rel, body, signal):
    verdict = analyse.analyse(rel, body, php.THRESHOLD, analyse.DEFAULT_UPLOAD_DIRS, [(_Rules("a", "b"), 0, None, ())])
    assert verdict["kind"] == "suspicious_upload"
    assert signal in verdict["signals"]


def test_a_verdict_settled_by_the_rules_shows_where_they_matched():
    body = b"<?php\n" + b"/* filler */\n" * 40 + b"THE-MATCHED-STRING and more\n"
    at = body.index(b"THE-MATCHED")
    verdict = analyse.analyse("x.php", body, php.THRESHOLD, [], [(_Rules("a", "b", offset=at, length=18), 0, None, ())])
    assert "THE-MATCHED-STRING" in verdict["excerpt"]
    assert not verdict["excerpt"].startswith("<?php")


def test_the_rules_offset_is_the_longest_matched_string_in_either_yara_python_interface():
    def new_style(*pairs):
        return SimpleNamespace(strings=[SimpleNamespace(instances=[SimpleNamespace(offset=o, matched_length=n)])
                                        for o, n in pairs])

    assert yarascan._longest_offset(new_style((5, 3), (40, 9), (70, 9))) == 40
    assert yarascan._longest_offset(SimpleNamespace(strings=[SimpleNamespace(instances=[])])) == -1
    old_style = SimpleNamespace(strings=[(7, "$a", b"abc"), (90, "$b", b"abcdefg")])  # yara-python < 4.3
    assert yarascan._longest_offset(old_style) == 90
    assert yarascan._longest_offset(SimpleNamespace(strings=[])) == -1


def test_spam_keeps_scoring_going_until_the_code_outweighs_it(monkeypatch):
    page = ("<?php\n$f = $_GET['f'];\n$f($_GET['a']);\nsystem($_POST['c']);\n?>\n" + SPAM_BLOCK).encode()
    verdict = analyse.analyse("x.php", page, php.THRESHOLD, [])
    _every_step(monkeypatch)
    full = analyse.analyse("x.php", page, php.THRESHOLD, [])
    assert verdict["kind"] == full["kind"]
    assert any(name in verdict["signals"] for name in analyse._SPAM_SIGNALS)


ASP_SHELL = ('<%@ Language="VBScript" %>\n<%\nSet s = Server.CreateObject("WScript.Shell")\n'
             'Set o = s.Exec("cmd /c " & Request("c"))\nResponse.Write o.StdOut.ReadAll()\n'
             'Set f = Server.CreateObject("Scripting.FileSystemObject")\nf.DeleteFile Request("p")\n%>\n')


def test_asp_flow_is_followed_only_while_the_verdict_is_open(monkeypatch):
    calls = _counted(monkeypatch, other, "_score_flow")
    open_ev = php.Evidence()
    other.score_other(ASP_SHELL.lower(), open_ev, ASP_SHELL)
    assert len(calls) == 1
    settled = php.Evidence()
    other.score_other(ASP_SHELL.lower(), settled, ASP_SHELL, enough=1)
    assert len(calls) == 1  # not again: the patterns alone reached ``enough``
    assert settled.score >= 1 and open_ev.score >= settled.score


PARTS = ("system($_GET['c']);", "eval(base64_decode($x));", "echo 'uname -a';", " safe_mode ", " slot gacor ",
         "<a href='http://x.example/'>judi online</a>", "$f = 'sys' . 'tem';", "passthru(", "disable_functions",
         "\n", "filler text ", "$_POST", "<div style='display:none'>", "</div>", "getenv('HTTP_X')", "php_uname()",
         "posix_getpwuid(", "$a = $_REQUEST['a'];", "$a($b);", "assert($a);", "base64_decode('c3lzdGVt')",
         "if (preg_match('/googlebot/i', $_SERVER['HTTP_USER_AGENT'])) {", "}", "header('Location: https://x');")


@pytest.mark.parametrize("bundled_rules", [False, True], ids=["engine", "with-bundled-rules"])
@pytest.mark.parametrize("name,prefix", [("t.php", "<?php\n"), ("t.asp", "<%\n"), ("t.txt", "<?php\n"),
                                         ("uploads/t.php", "<?php\n")])
def test_stopping_changes_no_verdict(monkeypatch, name, prefix, bundled_rules):
    # With the bundled rules most of these files are settled by them alone (two rules agree), the engine skipped.
    rules = yarascan.load(None, generic=True)[0] if bundled_rules else []
    rng = random.Random(16)
    for _ in range(120):
        body = (prefix + "".join(rng.choice(PARTS) for _ in range(rng.randrange(2, 60)))).encode()
        stopped = analyse.analyse(name, body, php.THRESHOLD, analyse.DEFAULT_UPLOAD_DIRS, rules)
        _every_step(monkeypatch)
        full = analyse.analyse(name, body, php.THRESHOLD, analyse.DEFAULT_UPLOAD_DIRS, rules)
        monkeypatch.undo()
        certain = analyse.certain_score(php.THRESHOLD)
        assert stopped["kind"] == full["kind"], body
        # Critical exactly when every step together reaches certain; under it nothing was skipped.
        assert (stopped["score"] >= certain) == (full["score"] >= certain), body
        if full["score"] < certain:
            assert stopped == full, body
