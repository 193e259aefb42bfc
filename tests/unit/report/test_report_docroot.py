"""The situation report's section on suspicious files per site (model.py _docroot, the HTML and Markdown templates).

Findings as the docroot scan publishes them (files in details.flagged, or one file in details.path) and the
quarantine's activity-6 outcome (details.files); paths and excerpts are attacker-written and must stay text."""

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.findings import make_finding
from ansible_collections.sitekeeper.website.plugins.module_utils.report import i18n
from ansible_collections.sitekeeper.website.plugins.module_utils.report import model as rm
from ansible_collections.sitekeeper.website.plugins.module_utils.report import render as rr
from tests.unit.report.test_report_model import NOW, SITE, at, sample_findings
from tests.unit.report.test_report_render import TEMPLATES

SHELL = {"path": "/srv/www/pn/uploads/thumb.php", "sha256": "a" * 64, "kind": "webshell", "severity": "critical",
         "score": 14.0, "excerpt": "@eval($f(str_rot13($_POST['k'])));"}
SPAM = {"path": "/srv/www/pn/profil.html", "sha256": "b" * 64, "kind": "spam_injection", "severity": "high",
        "score": 8.0, "excerpt": '<div style="position:absolute;left:-9999px"><a href="https://slot.invalid/">slot gacor</a>'}
PAYLOAD = "<script>document.title='PWNED'</script><img src=x onerror=alert(1)>"


def docroot_findings(observed=None):
    t = observed or at(0, 1)
    return [
        make_finding(3, "docroot.webshell", "web1", SITE, "critical", "A web shell was found in pn-contoh.",
                     {"site": "pn-contoh", "flagged": [SHELL], "summary_id": "Web shell ditemukan di pn-contoh."},
                     observed_at=t),
        make_finding(3, "docroot.spam_injection", "web1", SITE, "critical", "Injected gambling spam in pn-contoh.",
                     {"site": "pn-contoh", "path": SPAM["path"], "sha256": SPAM["sha256"], "kind": "spam_injection",
                      "excerpt": SPAM["excerpt"], "severity": "high", "score": 8.0}, observed_at=t),
        # As the scan writes them: the subject is the site's name, no details.site.
        make_finding(3, "docroot.webshell", "web1", "sipp", "ok", "No web shell in sipp.",
                     {"count": 0, "files_scanned": 12}, observed_at=t),
        make_finding(1, "docroot.integrity", "web1", "pn-contoh", "critical", "2 files of pn-contoh changed.",
                     {"new": 1, "changed": 1, "deleted": 0, "suspicious": [dict(SHELL, baseline="new")]},
                     observed_at=t),
    ]


def quarantine_outcome(observed=None):
    done_spam = dict(SPAM, action="restored", restored_from="web1-20261126T010000Z", quarantine="/q/pn/" + "b" * 64)
    done_shell = dict(SHELL, action="quarantined", quarantine="/q/pn/" + "a" * 64)
    return make_finding(6, "remediate.quarantine_files", "web1", SITE, "ok", "pn-contoh: 2 file(s) quarantined",
                        {"site": "pn-contoh", "files": [done_shell, done_spam]}, observed_at=observed or at(0, 0.5))


def test_model_groups_files_per_site_with_what_the_quarantine_did():
    model = rm.build_model(None, sample_findings() + docroot_findings() + [quarantine_outcome()], now=NOW)
    section = model["docroot"]
    assert section["flagged"] == 2
    first = section["sites"][0]
    assert first["site"] == "pn-contoh" and first["status"] == "critical"
    by_path = {f["path"]: f for f in first["files"]}
    assert by_path[SHELL["path"]]["action"] == "quarantined" and by_path[SHELL["path"]]["kind"] == "webshell"
    assert by_path[SPAM["path"]]["restored_from"] == "web1-20261126T010000Z"
    # The worst file first; the clean site has no files and an ok light.
    assert first["files"][0]["path"] == SHELL["path"]
    assert [s["site"] for s in section["sites"]] == ["pn-contoh", "sipp"] and section["sites"][1]["files"] == []
    # The docroot findings are in this section, not among the visitors' suspicious activity.
    assert not any(f["check"].startswith("docroot.") for f in model["visitors"]["suspicious"])


@pytest.mark.parametrize("language, heading, kind, action", [
    ("id", "Berkas mencurigakan di server web, per situs", "Web shell (pintu belakang)",
     "dikarantina; versi bersih dipulihkan dari cadangan web1-20261126T010000Z"),
    ("en", "Suspicious files on the web server, per site", "Injected gambling/SEO spam",
     "quarantined; clean copy restored from backup web1-20261126T010000Z"),
])
def test_html_and_markdown_show_the_section_in_both_languages(language, heading, kind, action):
    model = rm.build_model(None, docroot_findings() + [quarantine_outcome()], now=NOW, language=language)
    words = i18n.Words(language)
    html = rr.render_html(model, words, TEMPLATES)
    assert 'id="docroot"' in html and heading in html and kind in html and action in html
    assert SHELL["path"] in html and "sha256 " + "a" * 16 in html
    markdown = rr.render_markdown(model, words, TEMPLATES)
    assert "### " + heading in markdown and "a" * 64 in markdown and rr.md_escape(kind) in markdown


def test_indonesian_is_the_default_and_no_files_says_so():
    clean = [f for f in docroot_findings() if f["status"] == "ok"]
    model = rm.build_model(None, clean, now=NOW)
    html = rr.render_html(model, i18n.Words(model["language"]), TEMPLATES)
    assert model["language"] == "id" and "Tidak ada berkas mencurigakan." in html


def test_attacker_written_paths_and_excerpts_are_escaped():
    evil = dict(SHELL, path="/srv/www/pn/%s.php" % PAYLOAD, excerpt=PAYLOAD + " | # [x](javascript:alert(1))")
    finding = make_finding(3, "docroot.webshell", "web1", SITE, "critical", "A web shell.",
                           {"site": "pn-contoh", "flagged": [evil]}, observed_at=at(0, 1))
    model = rm.build_model(None, [finding], now=NOW)
    html = rr.render_html(model, i18n.Words("id"), TEMPLATES)
    assert "<script>document.title" not in html and "<img src=x" not in html
    assert "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;" in html
    markdown = rr.render_markdown(model, i18n.Words("id"), TEMPLATES)
    assert "<script>" not in markdown and "&lt;script&gt;" in markdown
    assert "\\[x\\]\\(javascript:alert\\(1\\)\\)" in markdown and "\\|" in markdown
