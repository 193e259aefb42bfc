# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scoring stops once a verdict is certain (analyse.certain_score): the same files flagged, with the same kinds, as
when every step runs; only the costlier steps past that point are skipped (issue 14).

The snippets are written for these tests; nothing is executed.
"""

from __future__ import annotations

import random

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, other, php, yarascan

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


def test_a_certain_shell_is_not_read_by_the_rules(monkeypatch):
    calls = _counted(monkeypatch, yarascan, "match")
    verdict = analyse.analyse("x.php", STRONG, php.THRESHOLD, [])
    assert verdict["kind"] == "webshell" and verdict["severity"] == "critical"
    assert calls == []


def test_a_file_under_certain_is_read_by_the_rules(monkeypatch):
    calls = _counted(monkeypatch, yarascan, "match")
    verdict = analyse.analyse("x.php", WEAK, php.THRESHOLD, [])
    assert verdict["score"] < analyse.certain_score(php.THRESHOLD)
    assert len(calls) == 1


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


@pytest.mark.parametrize("name,prefix", [("t.php", "<?php\n"), ("t.asp", "<%\n"), ("t.txt", "<?php\n")])
def test_stopping_changes_no_verdict(monkeypatch, name, prefix):
    rng = random.Random(16)
    for _ in range(120):
        body = (prefix + "".join(rng.choice(PARTS) for _ in range(rng.randrange(2, 60)))).encode()
        stopped = analyse.analyse(name, body, php.THRESHOLD, [])
        _every_step(monkeypatch)
        full = analyse.analyse(name, body, php.THRESHOLD, [])
        monkeypatch.undo()
        certain = analyse.certain_score(php.THRESHOLD)
        assert stopped["kind"] == full["kind"], body
        # Critical exactly when every step together reaches certain; under it nothing was skipped.
        assert (stopped["score"] >= certain) == (full["score"] >= certain), body
        if full["score"] < certain:
            assert stopped == full, body
