"""The second pass stops once certain (critical): partial evaluation (phpeval, the costliest step) runs only while the
decoded layers leave the verdict open, and never drops what those layers show.

The snippets are written for these tests; nothing is executed.
"""

import base64

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, php, phpeval

PAYLOAD = "<?php if (isset($_POST['c'])) { echo shell_exec($_POST['c']); } eval($_REQUEST['e']); ?>"
# The decoder's name is built from pieces: the plain text shows only a call through a variable.
HIDDEN = "<?php\n$d = 'base' . '64_decode';\n$x = $d('%s');\n@eval('?>' . $x);\n" % base64.b64encode(
    PAYLOAD.encode()).decode()


def _count_recover(monkeypatch):
    calls = []
    real = phpeval.recover

    def counted(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(phpeval, "recover", counted)
    return calls


def test_a_shell_critical_in_its_decoded_layers_is_not_evaluated(monkeypatch):
    assert php.score_php([HIDDEN]).score < analyse.certain_score(php.THRESHOLD)  # the plain text alone is not critical
    calls = _count_recover(monkeypatch)
    verdict = analyse.analyse("x.php", HIDDEN.encode(), php.THRESHOLD, [])
    assert calls == []
    assert verdict["kind"] == "webshell" and verdict["severity"] == "critical"
    assert "input_to_code" in verdict["signals"]  # found in the decoded layer only


def test_a_file_the_decoded_layers_leave_open_is_still_evaluated(monkeypatch):
    calls = _count_recover(monkeypatch)
    small = b"<?php\n$f = 'sy' . 'stem';\n$f($_GET['c']);\n"
    verdict = analyse.analyse("x.php", small, php.THRESHOLD, [])
    assert verdict["severity"] != "critical"
    assert len(calls) == 1


def test_a_layer_scored_after_the_others_adds_what_scoring_them_together_finds():
    layers = ["<?php $a = 1;", "system($_GET['c']);", "eval($_POST['e']);"]
    together = php.score_php(layers)
    apart = php.score_php(layers[:2])
    php.score_php(layers[2:], apart, first_index=2)
    assert apart.found == together.found and apart.best == together.best
