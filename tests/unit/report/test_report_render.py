"""Unit tests of the report's words, charts, rendering, archive and the end-to-end run() (no Ansible)."""

import datetime
import json
import os
import subprocess
import sys
import threading

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.core import history as hist
from ansible_collections.sitekeeper.website.plugins.module_utils.report import charts as rc
from ansible_collections.sitekeeper.website.plugins.module_utils.report import i18n
from ansible_collections.sitekeeper.website.plugins.module_utils.report import model as rm
from ansible_collections.sitekeeper.website.plugins.module_utils.report import render as rr
from ansible_collections.sitekeeper.website.plugins.module_utils.report import situation as report
from tests.unit.report.test_report_model import NOW, at, fill_history, sample_findings

TEMPLATES = os.path.join(os.path.dirname(__file__), "..", "..", "..", "roles", "situation_report", "templates")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def ran_alone(test_name):
    """The PDF is only forked into its own process when no other thread runs (a forked child could
    inherit a lock one holds), and servers started by earlier tests of a session leave threads. In
    that case run the test again alone, in a fresh interpreter, and check that it passed there."""
    if threading.active_count() == 1:
        return False
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "%s::%s" % (os.path.abspath(__file__), test_name)],
                          cwd=REPO, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout[-3000:] + done.stderr[-2000:]
    return True


def params(tmp_path, **extra):
    base = {
        "findings": sample_findings(), "history_path": str(tmp_path / "history.sqlite"),
        "reports_dir": str(tmp_path / "reports"), "template_dir": TEMPLATES, "language": "id",
        "timezone": "Asia/Jakarta", "court_name": "Pengadilan Negeri Contoh", "run_id": "", "force": False,
        "period": "days", "days": 30, "month": "previous", "since": None, "until": None,
        "formats": ["html", "markdown", "json"], "chart_sites_max": 8, "hosts": ["web1"], "now": at(0),
        "mail": {"enabled": False},
    }
    base.update(extra)
    return base


# -- words -------------------------------------------------------------------------

def test_indonesian_dates_and_numbers_in_jakarta_time():
    w = i18n.Words("id", "Asia/Jakarta")
    assert w.datetime("2026-08-16T20:30:00Z") == "17 Agustus 2026 03.30 WIB"
    assert w.long_date("2026-08-16T20:30:00Z") == "Senin, 17 Agustus 2026"
    assert w.number(1234567.891, 2) == "1.234.567,89"
    assert w.percent(99.5) == "99,50%"
    assert w.size(52428800) == "50,0 MB"
    assert w.maybe_date("2026-12-22") == "22 Desember 2026"


def test_english_words_and_other_time_zone():
    w = i18n.Words("en", "Asia/Makassar")
    assert w.datetime("2026-08-16T20:30:00Z") == "17 August 2026 04:30 WITA"
    assert w.number(1234567.891, 2) == "1,234,567.89"
    assert w.status("critical") == "Critical"


def test_summary_and_action_fall_back_to_english():
    finding = sample_findings()[1]
    assert i18n.Words("id").summary(finding) == "Website tidak dapat diakses."
    assert i18n.Words("en").summary(finding) == "The website does not answer."
    assert i18n.Words("id").summary(dict(finding, details={})) == "The website does not answer."
    assert i18n.Words("id").action_text(finding["suggested_actions"][0]) == "Jalankan web server"
    assert i18n.Words("id").action_text({"text": "Only English"}) == "Only English"


def test_check_labels_are_generic_by_prefix():
    w = i18n.Words("id")
    assert w.check_label("backup.restore_test") == "Cadangan data: restore test"
    assert w.check_label("newthing.some_check").startswith("Newthing")


# -- charts --------------------------------------------------------------------------

def test_charts_are_pygal_svg_without_scripts(tmp_path):
    path = fill_history(str(tmp_path / "h.sqlite"), days=10)
    with hist.HistoryStore(path) as store:
        model = rm.build_model(store, sample_findings(), now=NOW, period="days", days=10)
    charts = rc.report_charts(model, i18n.Words("id"))
    assert set(k for k, v in charts.items() if v) == {"response", "uptime", "backup_size", "visitors", "renewals"}
    for svg in charts.values():
        assert svg.startswith("<svg") and "pygal" in svg
        assert "<script" not in svg.lower() and "http://kozea" not in svg


def test_charts_stay_svg_after_weasyprint_is_loaded():
    """WeasyPrint re-registers XML namespace prefixes globally; charts made afterwards must still be <svg>."""
    import weasyprint  # noqa: F401  the import is the point

    svg = rc.line_chart("t", {"a": [["2026-11-01", 1.0], ["2026-11-02", 2.0]]}, i18n.Words("en"))
    assert svg.startswith("<svg ") and "<ns0:" not in svg and ":svg" not in svg.split(">")[0]


def test_chart_labels_from_findings_are_escaped():
    w = i18n.Words("en")
    svg = rc.line_chart("t", {"<script>alert(1)</script>": [["2026-11-01", 1.0], ["2026-11-02", 2.0]]}, w)
    assert "<script>alert" not in svg and "&lt;script&gt;" in svg


# -- rendering --------------------------------------------------------------------------

@pytest.mark.parametrize("language, words", [
    ("id", ["Laporan Situasi dan Kondisi Website", "8. Kepatuhan terhadap SOP", "Alternatif solusi",
            "Website tidak dapat diakses.", "Jalankan web server", "November 2026", "WIB"]),
    ("en", ["Website Situation and Condition Report", "8. SOP compliance", "Alternative solutions",
            "The website does not answer.", "Start the web server", "November 2026"]),
])
def test_html_in_both_languages_has_every_section(tmp_path, language, words):
    path = fill_history(str(tmp_path / "h.sqlite"))
    with hist.HistoryStore(path) as store:
        model = rm.build_model(store, sample_findings(), now=NOW, language=language, period="days", days=30,
                               court_name="PN Contoh")
    html = rr.render_html(model, i18n.Words(language), TEMPLATES)
    for section in ("summary", "availability", "backup", "visitors", "renewals", "problems", "actions",
                    "compliance"):
        assert 'id="%s"' % section in html
    for word in words:
        assert word in html, word
    assert '<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;' in html
    assert "<script" not in html.lower()
    assert html.count("<svg") == 5
    assert "restore" in html and "free_disk" in html  # the remediation playbooks/tags are named


def test_empty_history_renders_every_format(tmp_path):
    result = report.run(params(tmp_path, findings=[], history_path=str(tmp_path / "none.sqlite"),
                               period="since_last", formats=["html", "pdf", "markdown", "json"]))
    assert set(result["paths"]) == {"html", "pdf", "markdown", "json"}
    with open(result["paths"]["pdf"], "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    html = open(result["paths"]["html"], encoding="utf-8").read()
    assert "Belum ada data untuk bagian ini" in html and "Belum pernah" in html
    data = json.load(open(result["paths"]["json"], encoding="utf-8"))
    assert data["overall"]["total"] == 0 and data["history"] is False
    assert result["findings"][0]["check"] == "report.delivered"
    assert result["findings"][0]["status"] == "ok"


def test_markdown_escapes_and_lists_problems(tmp_path):
    bad = sample_findings()
    bad[1] = dict(bad[1], subject="https://x/ | <b>bold</b> # [link](http://evil)")
    model = rm.build_model(None, bad, now=NOW, language="en")
    text = rr.render_markdown(model, i18n.Words("en"), TEMPLATES)
    assert "<b>" not in text and "&lt;b&gt;" in text
    assert "\\[link\\]\\(http://evil\\)" in text and "\\|" in text
    assert "## 6. Problems and alternative solutions" in text
    assert "Start the web server" in text


def test_json_holds_the_same_data(tmp_path):
    result = report.run(params(tmp_path))
    data = json.load(open(result["paths"]["json"], encoding="utf-8"))
    assert data["schema"] == rm.SCHEMA
    assert {c["activity"] for c in data["compliance"]} == set(range(1, 8))
    assert len(data["findings"]) == len(sample_findings())


def test_archive_index_lists_reports_newest_first(tmp_path):
    first = report.run(params(tmp_path, now=at(2)))
    second = report.run(params(tmp_path, now=at(0)))
    assert first["report_dir"] != second["report_dir"]
    index = open(second["index"], encoding="utf-8").read()
    assert index.index(os.path.basename(second["report_dir"])) < index.index(os.path.basename(first["report_dir"]))
    assert "Arsip Laporan Situasi Website" in index


def test_same_run_id_is_not_reported_twice(tmp_path):
    first = report.run(params(tmp_path, run_id="run-42"))
    again = report.run(params(tmp_path, run_id="run-42", now=at(0, -1)))
    assert first["changed"] is True and again["changed"] is False
    assert again["paths"] == first["paths"]
    forced = report.run(params(tmp_path, run_id="run-42", force=True, now=at(0, -2)))
    assert forced["changed"] is True and forced["report_dir"] != first["report_dir"]


def test_check_mode_writes_nothing(tmp_path):
    result = report.run(params(tmp_path), check_mode=True)
    assert result["changed"] is True and result["paths"] == {}
    assert not os.path.exists(tmp_path / "reports")


def test_mail_failure_is_a_warning_and_report_is_saved(tmp_path):
    result = report.run(params(tmp_path, mail={"enabled": True, "recipients": ["ppid@pn.go.id"],
                                               "sender": "sk@pn.go.id", "host": "127.0.0.1", "port": 1,
                                               "security": "starttls", "timeout": 5}))
    assert os.path.isfile(result["paths"]["html"])
    finding = result["findings"][0]
    assert finding["status"] == "warning" and "cannot reach SMTP server 127.0.0.1:1" in finding["summary"]
    assert result["delivered"] is False and result["warnings_list"]


def test_mail_without_recipients_is_a_warning(tmp_path):
    result = report.run(params(tmp_path, mail={"enabled": True, "recipients": [], "sender": "a@b"}))
    assert result["findings"][0]["status"] == "warning"
    assert "no recipient" in result["findings"][0]["summary"]


def test_bad_template_dir_and_bad_period_fail_clearly(tmp_path):
    with pytest.raises(report.ReportFailure, match="template directory"):
        report.run(params(tmp_path, template_dir=str(tmp_path / "nope")))
    with pytest.raises(report.ReportFailure, match="month must look like"):
        report.run(params(tmp_path, period="month", month="oktober"))


def test_damaged_history_still_gives_a_report(tmp_path):
    broken = tmp_path / "history.sqlite"
    broken.write_bytes(b"this is not a database" * 100)
    result = report.run(params(tmp_path))
    assert os.path.isfile(result["paths"]["html"])
    assert any("without history" in w for w in result["warnings_list"])


def test_report_finding_records_activity_5_as_completed(tmp_path):
    result = report.run(params(tmp_path))
    with hist.HistoryStore(str(tmp_path / "record.sqlite")) as store:
        store.record("run-1", 5, result["findings"], hosts=["web1"],
                     finished_at=datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
        rows = {r["activity"]: r for r in store.compliance()}
    assert rows[5]["within_standard"] is True


def test_actions_section_shows_incidents_and_escalations(tmp_path):
    path = str(tmp_path / "h.sqlite")
    with hist.HistoryStore(path) as store:
        store.upsert_incident({"incident_id": "inc-nginx", "host": "web1", "subject": "service:nginx",
                               "check": "troubleshoot.service_running", "summary": "nginx stopped and did not start",
                               "state": "escalated", "third_party": "PT Vendor Hosting", "updated_at": at(0, 2)})
        store.upsert_incident({"incident_id": "inc-disk", "host": "web1", "subject": "disk:/",
                               "check": "troubleshoot.disk_space", "summary": "disk full", "state": "resolved",
                               "resolved_by": "remediate free_disk", "updated_at": at(0, 3)})
        model = rm.build_model(store, sample_findings(), now=NOW, period="days", days=7)
    assert [i["incident_id"] for i in model["actions"]["open_incidents"]] == ["inc-nginx"]
    assert [i["incident_id"] for i in model["actions"]["resolved_incidents"]] == ["inc-disk"]
    html = rr.render_html(model, i18n.Words("id"), TEMPLATES)
    section = html.split('id="actions"')[1].split("</section>")[0]
    for text in ("Diteruskan ke pihak ketiga", "PT Vendor Hosting", "remediate free_disk", "Perbaikan: start web",
                 "Disk hampir penuh."):
        assert text in section, text


def many_sites_findings(count=30):
    """Availability and backup findings of many sites, a third of them failing."""
    found = []
    template = sample_findings()
    for index in range(count):
        url, name = "https://pn-%02d.example.go.id/" % index, "pn-%02d" % index
        status = "critical" if index % 3 == 0 else "ok"
        found.append(dict(template[1], subject=url, status=status, details=dict(template[1]["details"], site=name)))
        found.append(dict(template[4], subject=name, status=status, details=dict(template[4]["details"], site=name)))
    return found


def test_many_findings_show_counts_per_check_instead_of_rows(tmp_path):
    model = rm.build_model(None, many_sites_findings(), now=NOW, language="en", rows_max=5, cards_max=1)
    html = rr.render_html(model, i18n.Words("en"), TEMPLATES)
    availability = html.split('id="availability"')[1].split("</section>")[0]
    assert "Check results by kind" in availability and "Every problem with its alternative solutions" in availability
    assert "Check results</h3>" not in availability
    backup = html.split('id="backup"')[1].split("</section>")[0]
    assert "Check results by kind" in backup
    # Section 6 still has each group with its cards and the worst rows, without repeating the check per row.
    problems = html.split('id="problems"')[1].split("</section>")[0]
    assert problems.count('class="finding ') == 2  # one card per group (cards_max 1)
    assert "… and 4 more rows" in problems
    # Few findings: one row each, as before.
    few = rr.render_html(rm.build_model(None, sample_findings(), now=NOW, language="en"), i18n.Words("en"), TEMPLATES)
    assert "Check results</h3>" in few.split('id="availability"')[1] and "Check results by kind" not in few


def test_charts_for_many_sites_are_light(tmp_path):
    path = str(tmp_path / "h.sqlite")
    with hist.HistoryStore(path) as store:
        points = []
        for day in range(20, -1, -1):
            for index in range(12):
                subject = "site-%02d" % index
                points.append({"host": "w", "subject": subject, "name": "size_bytes", "value": 1e6 * (index + 1),
                               "observed_at": at(day, 2)})
                points.append({"host": "w", "subject": subject, "name": "response_ms", "value": 100.0 + day,
                               "observed_at": at(day, 3)})
        store.record("r1", 1, [], points, finished_at=at(0))
        model = rm.build_model(store, [], now=NOW, period="days", days=20, language="en")
    assert model["per_site_charts"] is False
    charts = rc.report_charts(model, i18n.Words("en"))
    assert "Backup size trend, all sites (MB)" in charts["backup_size"]
    for name in ("backup_size", "response"):
        assert "<circle" not in charts[name] and "<desc" not in charts[name], name  # 21 points: a line, no dots
    short = rc.line_chart("t", {"a": [["2026-11-0%d" % d, float(d)] for d in range(1, 6)]}, i18n.Words("en"))
    assert "<circle" in short  # a short series keeps its dots


def test_pdf_is_made_in_a_second_process(tmp_path):
    if ran_alone("test_pdf_is_made_in_a_second_process"):
        return
    result = report.run(params(tmp_path, formats=["html", "pdf", "json"]))
    timings = result["timings"]
    assert timings["pdf_process"] is True and timings["pdf_pages"] >= 2 and timings["pdf_cpu_s"] > 0
    with open(result["paths"]["pdf"], "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_failing_pdf_process_is_a_warning_and_the_rest_is_saved(tmp_path, monkeypatch):
    if ran_alone("test_a_failing_pdf_process_is_a_warning_and_the_rest_is_saved"):
        return

    def broken(html, info=None):
        raise RuntimeError("no fonts here")

    monkeypatch.setattr(rr, "render_pdf", broken)  # the forked PDF process inherits the broken renderer
    result = report.run(params(tmp_path, formats=["html", "pdf", "json"]))
    assert "pdf" not in result["paths"] and os.path.isfile(result["paths"]["json"])
    assert result["findings"][0]["status"] == "warning"
    assert "PDF not written (PDF rendering failed: no fonts here)" in result["findings"][0]["summary"]

    def crash(html, info=None):
        os._exit(3)  # the PDF process dies without a word

    monkeypatch.setattr(rr, "render_pdf", crash)
    result = report.run(params(tmp_path, formats=["html", "pdf"], now=at(0, 1)))
    assert "pdf" not in result["paths"]
    assert "the PDF process ended without a result (exit status 3)" in result["findings"][0]["summary"]


def test_markdown_escape_keeps_quotes_readable_and_markup_inert():
    text = rr.md_escape("Pengadilan 'Negeri' \"Jakarta\" <img src=x onerror=alert(1)> & #1")
    assert "'Negeri'" in text and '"Jakarta"' in text  # no &#39; / &#34; shown literally
    assert "<img" not in text and "&lt;img src=x onerror=alert\\(1\\)&gt;" in text
    assert "&amp; \\#1" in text
