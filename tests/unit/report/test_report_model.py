"""Unit tests of the situation report model (plugins/module_utils/report/model.py).

The sample findings follow the checks the other activities publish (ids starting
availability./freshness./defacement./backup./audit./domain./contract./
remediation./troubleshoot.) and the metrics they record (up, response_ms,
size_bytes, requests, visitors, expires_days_left).
"""

import datetime

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.core import history as hist
from ansible_collections.sitekeeper.website.plugins.module_utils.findings import action, make_finding, utc_now_iso
from ansible_collections.sitekeeper.website.plugins.module_utils.report import model as rm

NOW = datetime.datetime(2026, 11, 27, 10, 0, 0, tzinfo=datetime.timezone.utc)
SITE = "https://pn-contoh.go.id/"
SITE2 = "https://sipp.pn-contoh.go.id/"


def at(days_ago=0.0, hours=0.0):
    return utc_now_iso(NOW - datetime.timedelta(days=days_ago, hours=hours))


def act(text, text_id, playbook=None, tag=None):
    return dict(action(text, playbook=playbook, tag=tag), text_id=text_id)


def sample_findings(observed=None, host="web1"):
    """One realistic set of findings of every activity, as a run would publish them."""
    t = observed or at(0, 1)
    return [
        make_finding(1, "availability.http_status", host, SITE, "ok", "The website answers normally.",
                     {"http_status": 200, "response_ms": 182, "site": "pn-contoh",
                      "summary_id": "Website merespons dengan normal."}, observed_at=t),
        make_finding(1, "availability.http_status", host, SITE2, "critical", "The website does not answer.",
                     {"http_status": None, "error": "connection refused", "site": "sipp",
                      "summary_id": "Website tidak dapat diakses."},
                     evidence=["GET https://sipp.pn-contoh.go.id/ -> connection refused"],
                     suggested_actions=[act("Start the web server", "Jalankan web server", "remediate", "start_web")],
                     observed_at=t),
        make_finding(1, "freshness.content_date", host, SITE, "warning", "The site was last updated 20 days ago.",
                     {"content_date": "2026-11-07", "content_date_source": "feed.xml", "age_days": 20,
                      "site": "pn-contoh", "summary_id": "Konten terakhir diperbarui 20 hari yang lalu."},
                     suggested_actions=[act("Ask the content team to publish news", "Minta tim konten menerbitkan berita")],
                     observed_at=t),
        make_finding(1, "defacement.spam_cloaking", host, SITE, "critical",
                     "Search engines are shown gambling spam instead of the home page.",
                     {"keywords": ["slot gacor", "judi online"], "user_agent": "Googlebot", "site": "pn-contoh",
                      "summary_id": "Mesin pencari diberi halaman spam judi, bukan beranda."},
                     evidence=["<title>Slot Gacor Hari Ini</title>"],
                     suggested_actions=[act("Restore the site from the newest verified backup",
                                            "Pulihkan situs dari cadangan terverifikasi terbaru", "restore")],
                     observed_at=t),
        make_finding(2, "backup.archive", host, "pn-contoh", "ok", "The newest backup was made and verified.",
                     {"finished_at": t, "size_bytes": 52428800, "verified": True, "site": "pn-contoh",
                      "summary_id": "Cadangan terbaru sudah dibuat dan diverifikasi."}, observed_at=t),
        make_finding(2, "backup.restore_test", host, "pn-contoh", "ok", "The restore test succeeded.",
                     {"tables": 12, "rows_match": True, "site": "pn-contoh",
                      "summary_id": "Uji pemulihan berhasil."}, observed_at=t),
        make_finding(3, "audit.suspicious", host, "/var/log/nginx/access.log", "warning",
                     "Some visitors tried to attack the site.",
                     {"by_type": {"sql_injection": 14, "path_traversal": 3},
                      "worst_clients": [{"ip": "203.0.113.9", "requests": 120, "type": "sql_injection"},
                                        {"ip": "198.51.100.4", "requests": 33, "type": "path_traversal"}],
                      "blocked": ["203.0.113.9"], "site": "pn-contoh",
                      "top_pages": [{"path": "/", "hits": 900}, {"path": "/berita/", "hits": 400}],
                      "summary_id": "Beberapa pengunjung mencoba menyerang situs."},
                     evidence=['203.0.113.9 - - "GET /?id=1%27%20OR%201=1 HTTP/1.1" 200'],
                     suggested_actions=[act("Block the attacking addresses", "Blokir alamat penyerang", "audit", "block")],
                     observed_at=t),
        make_finding(4, "domain.expiry", host, "pn-contoh.go.id", "warning", "The domain expires in 25 days.",
                     {"expires_at": utc_now_iso(NOW + datetime.timedelta(days=25)), "days_left": 25,
                      "summary_id": "Domain berakhir dalam 25 hari."},
                     suggested_actions=[act("Renew the domain", "Perpanjang domain", "renewals")], observed_at=t),
        make_finding(4, "contract.hosting", host, "Hosting PT Awan", "warning",
                     "The hosting contract ends in 20 days and awaits the Secretary's approval.",
                     {"state": "awaiting_approval", "provider": "PT Awan Nusantara", "days_left": 20,
                      "summary_id": "Kontrak hosting berakhir 20 hari lagi dan menunggu persetujuan Sekretaris."},
                     observed_at=t),
        make_finding(6, "remediation.start_web", host, SITE2, "ok", "The web server was started and answers again.",
                     {"tag": "start_web", "outcome": "fixed", "summary_id": "Web server dijalankan dan merespons lagi."},
                     observed_at=t),
        make_finding(7, "troubleshoot.disk_space", host, "/", "critical", "The disk is almost full.",
                     {"used_pct": 97, "summary_id": "Disk hampir penuh."},
                     suggested_actions=[act("Free disk space", "Kosongkan ruang disk", "remediate", "free_disk")],
                     observed_at=t),
    ]


def sample_metrics(days=30, host="web1"):
    """(observed_at, metric) pairs: a month of hourly probes and daily backup/audit/renewal figures."""
    points = []
    for day in range(days, -1, -1):
        for hour in range(0, 24, 6):
            t = at(day, hour)
            for subject, base in ((SITE, 150.0), (SITE2, 400.0)):
                up = 0.0 if (subject == SITE2 and day % 9 == 0 and hour == 0) else 1.0
                points.append({"activity": 1, "host": host, "subject": subject, "name": "up", "value": up,
                               "observed_at": t})
                points.append({"activity": 1, "host": host, "subject": subject, "name": "response_ms",
                               "value": base + 5 * (day % 7), "observed_at": t})
        t = at(day, 2)
        points.append({"activity": 2, "host": host, "subject": "pn-contoh", "name": "size_bytes",
                       "value": 50e6 + day * 1e5, "observed_at": t})
        points.append({"activity": 3, "host": host, "subject": "pn-contoh", "name": "requests",
                       "value": 5000 + 100 * (day % 5), "observed_at": t})
        points.append({"activity": 3, "host": host, "subject": "pn-contoh", "name": "visitors",
                       "value": 700 + 10 * (day % 5), "observed_at": t})
        points.append({"activity": 4, "host": host, "subject": "pn-contoh.go.id", "name": "expires_days_left",
                       "value": 25 + day, "observed_at": t})
    return points


def fill_history(path, days=30, complete=(1, 2, 3, 4, 6, 7), stale=()):
    """A history store with a month of metrics and one recorded run per activity."""
    with hist.HistoryStore(path) as store:
        metrics = sample_metrics(days)
        for activity in range(1, 8):
            if activity not in complete and activity not in stale:
                continue
            age = 5 if activity in stale else 0.2
            finished = at(age)
            found = [dict(f, observed_at=finished) for f in sample_findings(finished) if f["activity"] == activity]
            store.record("run-old", activity, found,
                         [m for m in metrics if m["activity"] == activity], finished_at=finished, hosts=["web1"])
    return path


@pytest.fixture()
def store(tmp_path):
    path = fill_history(str(tmp_path / "history.sqlite"))
    with hist.HistoryStore(path) as opened:
        yield opened


def test_empty_history_builds_a_model():
    model = rm.build_model(None, [], now=NOW)
    # Nothing was checked, but every scheduled activity is overdue: that needs attention.
    assert model["overall"]["status"] == "warning" and model["overall"]["overdue"] == [1, 2, 3, 4, 7]
    assert model["overall"]["total"] == 0
    assert model["problems"] == []
    assert model["period"]["fallback"] is True
    # Without history every scheduled activity but this report is overdue; remediation waits for a problem.
    overdue = {c["activity"] for c in model["compliance"] if c["overdue"]}
    assert overdue == {1, 2, 3, 4, 7}


def test_run_findings_drive_lights_and_problems(tmp_path):
    with hist.HistoryStore(str(tmp_path / "h.sqlite")) as empty:
        model = rm.build_model(empty, sample_findings(), now=NOW)
    lights = {row["site"]: row["lights"] for row in model["sites"]}
    assert lights["sipp"][1] == "critical"
    assert lights["pn-contoh"][1] == "critical"  # defacement beats the ok availability
    assert lights["pn-contoh"][2] == "ok"
    activities = {row["activity"]: row["status"] for row in model["activities"]}
    assert activities == {1: "critical", 2: "ok", 3: "warning", 4: "warning", 6: "ok", 7: "critical"}
    checks = [g["check"] for g in model["problems"]]
    assert checks[0] in ("availability.http_status", "defacement.spam_cloaking", "troubleshoot.disk_space")
    assert "freshness.content_date" in checks and "backup.archive" not in checks
    first = model["attention"]["items"][0]
    assert first["kind"] == "finding" and first["finding"]["status"] == "critical"


def test_sections_use_known_metrics(store):
    model = rm.build_model(store, sample_findings(), now=NOW, period="days", days=30)
    avail = {r["subject"]: r for r in model["availability"]["sites"]}
    assert avail[SITE]["uptime_pct"] == 100.0
    assert 90 < avail[SITE2]["uptime_pct"] < 100
    assert avail[SITE]["avg_ms"] < avail[SITE2]["avg_ms"]
    assert model["availability"]["freshness"][0]["source"] == "feed.xml"
    assert [f["check"] for f in model["availability"]["alerts"]] == ["defacement.spam_cloaking"]
    assert len(model["visitors"]["daily"]) >= 30
    assert model["visitors"]["totals"]["requests"] > 100000
    assert model["backups"]["restores"][0]["check"] == "backup.restore_test"
    assert model["backups"]["series"]["size_bytes"]["pn-contoh"]
    timeline = {i["subject"]: i for i in model["renewals"]["timeline"]}
    assert 24 <= timeline["pn-contoh.go.id"]["days_left"] <= 26
    assert model["renewals"]["contracts"][0]["stage"] == "awaiting_approval"
    assert model["renewals"]["contracts"][0]["provider"] == "PT Awan Nusantara"
    assert [f["check"] for f in model["actions"]["remediations"]] == ["remediation.start_web"]
    assert model["per_site_charts"] is True


def test_compliance_marks_overdue_activity(tmp_path):
    path = fill_history(str(tmp_path / "h.sqlite"), days=3, complete=(1, 3, 4, 6, 7), stale=(2,))
    with hist.HistoryStore(path) as opened:
        model = rm.build_model(opened, [], now=NOW)
    rows = {c["activity"]: c for c in model["compliance"]}
    assert rows[2]["overdue"] is True and rows[2]["age_days"] > 1
    assert rows[1]["overdue"] is False
    assert rows[5]["overdue"] is False and rows[5]["this_report"] is True
    assert {"kind": "overdue", "compliance": rows[2]} in model["attention"]["items"]


def test_history_findings_used_without_run_findings(store):
    model = rm.build_model(store, [], now=NOW, period="days", days=2)
    assert model["overall"]["total"] == len(sample_findings())
    assert any(g["check"] == "troubleshoot.disk_space" for g in model["problems"])


def test_run_findings_override_history(store):
    fixed = [dict(f, status="ok") for f in sample_findings(at(0, 0.5)) if f["subject"] == SITE2 and f["activity"] == 1]
    model = rm.build_model(store, fixed, now=NOW, period="days", days=2)
    lights = {row["site"]: row["lights"] for row in model["sites"]}
    assert lights["sipp"][1] == "ok"


def test_comparison_with_previous_period(store):
    model = rm.build_model(store, [], now=NOW, period="days", days=7)
    rows = {r["key"]: r for r in model["comparison"]}
    assert rows["requests"]["now"] and rows["requests"]["before"]
    assert rows["requests"]["change"] == rows["requests"]["now"] - rows["requests"]["before"]
    assert rows["uptime"]["now"] is not None


def test_month_period_in_jakarta_time():
    tz = rm.i18n.zone("Asia/Jakarta")
    window = rm.resolve_period("month", NOW, tz, month="2026-10")
    assert window["since"] == "2026-09-30T17:00:00Z"  # 1 Oct 00:00 WIB
    assert window["until"] == "2026-10-31T17:00:00Z"
    assert window["previous_since"] == "2026-08-31T17:00:00Z"
    previous = rm.resolve_period("month", NOW, tz)
    assert previous["month"] == "2026-10"
    current = rm.resolve_period("month", NOW, tz, month="current")
    assert current["until"] == utc_now_iso(NOW)


def test_since_last_report(tmp_path):
    with hist.HistoryStore(str(tmp_path / "h.sqlite")) as opened:
        opened.record("r1", 5, [make_finding(5, "report.delivered", "web1", "report", "ok", "Report written.",
                                             observed_at=at(3))], finished_at=at(3), hosts=["web1"])
        model = rm.build_model(opened, [], now=NOW)
    assert model["period"]["since"] == at(3)
    assert model["period"]["fallback"] is False


@pytest.mark.parametrize("kwargs, message", [
    ({"period": "weekly"}, "period must be one of"),
    ({"period": "month", "month": "2026-13"}, "month must look like"),
    ({"period": "days", "days": 0}, "whole number"),
    ({"period": "range"}, "needs a start"),
    ({"period": "range", "since": "2026-11-02T00:00:00Z", "until": "2026-11-01T00:00:00Z"}, "before it starts"),
    ({"language": "fr"}, "language must be one of"),
    ({"timezone": "Mars/Olympus"}, "unknown time zone"),
])
def test_bad_options_say_what_is_wrong(kwargs, message):
    with pytest.raises(ValueError, match=message):
        rm.build_model(None, [], now=NOW, **kwargs)


def test_malformed_finding_is_refused():
    with pytest.raises(rm.ReportError, match="malformed"):
        rm.build_model(None, [{"check": "x.y"}], now=NOW)


def test_metric_names_of_the_other_activities_are_understood(tmp_path):
    """backup_bytes (activity 2) and audit.requests / audit.unique_visitors (activity 3) as recorded today."""
    with hist.HistoryStore(str(tmp_path / "h.sqlite")) as opened:
        metrics = []
        for day in range(3):
            t = at(day, 1)
            metrics += [
                {"activity": 2, "host": "web1", "subject": SITE, "name": "backup_bytes", "value": 1000 + day,
                 "observed_at": t},
                {"activity": 3, "host": "web1", "subject": SITE, "name": "audit.requests", "value": 604,
                 "observed_at": t},
                {"activity": 3, "host": "web1", "subject": SITE, "name": "audit.unique_visitors", "value": 381,
                 "observed_at": t},
            ]
        for activity in (2, 3):
            opened.record("r", activity, [], [m for m in metrics if m["activity"] == activity], hosts=[])
        model = rm.build_model(opened, [], now=NOW, period="days", days=7)
    assert model["visitors"]["totals"] == {"requests": 3 * 604, "visitors": 3 * 381}
    assert len(model["backups"]["series"]["size_bytes"][SITE]) == 3


def test_contract_findings_feed_the_timeline_and_contract_table():
    contract = make_finding(4, "renewals.contract", "web1", "contract:hosting-utama", "warning",
                            "Hosting ends in 20 days.",
                            {"name": "Hosting website", "provider": "PT Hosting", "end": "2026-12-17", "days_left": 20,
                             "effective_status": "due", "invoice_number": "INV/1"}, observed_at=at(0, 1))
    model = rm.build_model(None, [contract], now=NOW)
    [item] = model["renewals"]["timeline"]
    assert item["label"] == "Hosting website" and item["expires_at"] == "2026-12-17T00:00:00Z"
    [row] = model["renewals"]["contracts"]
    assert (row["stage"], row["invoice"], row["provider"]) == ("due", "INV/1", "PT Hosting")


def test_newest_finding_of_each_key_in_the_period(tmp_path):
    """The history's newest finding per (check, subject, host) in the period is current; older ones, findings
    outside the period and the report's own findings are not."""
    base = sample_findings()[1]  # availability.http_status of SITE2, critical
    with hist.HistoryStore(str(tmp_path / "h.sqlite")) as store:
        store.record("r-old", 1, [dict(base, status="critical", observed_at=at(3))], finished_at=at(3))
        store.record("r-new", 1, [dict(base, status="ok", summary="Back.", observed_at=at(1))], finished_at=at(1))
        store.record("r-mid", 1, [dict(base, status="warning", observed_at=at(2))], finished_at=at(2))
        store.record("r-out", 1, [dict(base, subject=SITE, status="critical", observed_at=at(9))], finished_at=at(9))
        store.record("r-rep", 5, [make_finding(5, "report.delivered", "web1", "situation report", "warning",
                                               "Mail failed.", observed_at=at(0.5))], finished_at=at(0.5))
        current = rm.current_findings(store, [], at(7), at(0))
    assert [(f["check"], f["subject"], f["status"], f["summary"]) for f in current] == [
        ("availability.http_status", SITE2, "ok", "Back.")]


def test_check_counts_count_statuses_per_check_worst_first():
    found = sample_findings()
    many = found + [dict(found[1], subject="https://x%d/" % i) for i in range(3)]
    rows = rm.check_counts([f for f in many if f["activity"] == 1])
    assert rows[0]["status"] == "critical"
    by_check = {r["check"]: r for r in rows}
    assert by_check["availability.http_status"]["counts"] == {"ok": 1, "warning": 0, "critical": 4, "unknown": 0}
    assert by_check["availability.http_status"]["total"] == 5
    assert by_check["freshness.content_date"]["status"] == "warning"


def test_backup_size_total_adds_every_site_per_day(tmp_path):
    with hist.HistoryStore(str(tmp_path / "h.sqlite")) as store:
        points = []
        for day in (2, 1):
            for subject, size in (("a", 100.0), ("b", 50.0)):
                points.append({"host": "web1", "subject": subject, "name": "size_bytes", "value": size * day,
                               "observed_at": at(day, 2)})
                points.append({"host": "web1", "subject": subject, "name": "size_bytes", "value": size,
                               "observed_at": at(day, 4)})  # a smaller second backup that day: the largest counts
        store.record("r1", 2, [], points, finished_at=at(1))
        model = rm.build_model(store, [], now=NOW, period="days", days=7)
    series = model["backups"]["series"]
    assert set(series["size_bytes"]) == {"a", "b"}
    assert [v for _, v in series["size_total"]] == [300.0, 150.0]
