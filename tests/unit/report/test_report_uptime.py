"""Uptime per site and month from the alerts' confirmed outages (report.uptime)."""

import datetime

from ansible_collections.sitekeeper.website.plugins.module_utils.alerts.run import run_alerts
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history import HistoryStore
from ansible_collections.sitekeeper.website.plugins.module_utils.report import uptime

UTC = datetime.timezone.utc
A, B = "http://a.example/", "http://b.example/"


def t(day, hour=0, minute=0, month=11):
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=UTC)


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_downtime_outages_longest_and_missed_target_per_month():
    outages = [
        {"subject": A, "started_at": iso(t(2, 1)), "ended_at": iso(t(2, 3))},          # 120 min
        {"subject": A, "started_at": iso(t(10, 0)), "ended_at": iso(t(10, 0, 30))},    # 30 min
        {"subject": A, "started_at": iso(t(30, 23)), "ended_at": iso(t(1, 1, month=12))},  # 60 in Nov, 60 in Dec
    ]
    watched = {A: {"host": "web1"}, B: {"host": "web1"}}
    rows = uptime.monthly(outages, watched, {A: 99.9}, t(1), t(15, month=12), UTC, t(15, month=12))
    nov = {r["subject"]: r for r in rows if r["month"] == "2026-11"}
    dec = {r["subject"]: r for r in rows if r["month"] == "2026-12"}
    assert nov[A]["downtime_min"] == 210.0 and nov[A]["outages"] == 3 and nov[A]["longest_min"] == 120.0
    assert nov[A]["availability_pct"] == round(100 * (1 - 210 / (30 * 24 * 60)), 3)
    assert nov[A]["missed"] is True and nov[A]["target_pct"] == 99.9 and nov[A]["complete"] is True
    assert nov[B]["downtime_min"] == 0 and nov[B]["availability_pct"] == 100.0 and not nov[B]["missed"]
    assert nov[B]["target_pct"] == uptime.DEFAULT_TARGET
    assert dec[A]["downtime_min"] == 60.0 and dec[A]["outages"] == 1 and dec[A]["complete"] is False


def test_an_open_outage_counts_up_to_now():
    rows = uptime.monthly([{"subject": A, "started_at": iso(t(5, 12)), "ended_at": None}], {A: {"host": "w"}},
                          {}, t(1), t(6), UTC, t(5, 13))
    assert [(r["downtime_min"], r["outages"]) for r in rows] == [(60.0, 1)]


def test_the_report_section_reads_what_the_alerts_recorded(tmp_path):
    path = str(tmp_path / "h.sqlite")
    settings = {"recipients": {"box": "outbox://"}, "routes": [{"name": "a", "to": ["box"]}],
                "outbox_dir": str(tmp_path / "outbox"), "availability_target": 99.0}
    for minute, status in ((0, "critical"), (5, "critical"), (65, "ok")):
        finding = {"activity": 1, "check": "availability.http", "host": "web1", "subject": A, "status": status,
                   "summary": status, "details": {}, "evidence": [], "suggested_actions": [],
                   "observed_at": iso(t(3) + datetime.timedelta(minutes=minute))}
        run_alerts([finding], settings, path, sites=[{"name": "a", "url": A}], now=t(3))
    with HistoryStore(path, readonly=True) as store:
        section = uptime.uptime(store, iso(t(1)), iso(t(8)), UTC, t(8))
    (row,) = section["rows"]
    assert (row["month"], row["downtime_min"], row["outages"], row["target_pct"]) == ("2026-11", 65.0, 1, 99.0)
    assert section["missed"] == []


def test_no_history_means_no_rows():
    assert uptime.uptime(None, iso(t(1)), iso(t(2)), UTC, t(2)) == {"rows": [], "missed": []}


def test_the_report_shows_the_month_and_the_missed_target(tmp_path):
    import os

    from ansible_collections.sitekeeper.website.plugins.module_utils.report import i18n
    from ansible_collections.sitekeeper.website.plugins.module_utils.report import model as rm
    from ansible_collections.sitekeeper.website.plugins.module_utils.report import render as rr

    templates = os.path.join(os.path.dirname(__file__), "..", "..", "..", "roles", "situation_report", "templates")
    path = str(tmp_path / "h.sqlite")
    settings = {"recipients": {"box": "outbox://"}, "routes": [{"name": "a", "to": ["box"]}],
                "outbox_dir": str(tmp_path / "outbox"), "availability_target": 99.9}
    for minute, status in ((0, "critical"), (5, "critical"), (125, "ok")):
        finding = {"activity": 1, "check": "availability.http", "host": "web1", "subject": A, "status": status,
                   "summary": status, "details": {}, "evidence": [], "suggested_actions": [],
                   "observed_at": iso(t(3) + datetime.timedelta(minutes=minute))}
        run_alerts([finding], settings, path, sites=[{"name": "a", "url": A}], now=t(3))
    with HistoryStore(path) as store:
        model = rm.build_model(store, [], now=t(10), period="days", days=14, language="en", timezone="UTC")
    rows = {r["month"]: r for r in model["uptime"]["rows"]}
    assert sorted(rows) == ["2026-10", "2026-11"]  # the 14 days reach back into October
    assert rows["2026-10"]["downtime_min"] == 0 and not rows["2026-10"]["missed"]
    row = rows["2026-11"]
    assert row["missed"] and row["downtime_min"] == 125.0 and model["uptime"]["missed"] == [row]
    text = rr.render_markdown(model, i18n.Words("en"), templates)
    assert "Availability per month" in text and "| 2026-11 (month so far) |" in text
    assert "**Target missed**" in text and "| 99.90% | 125 | 1 | 125 |" in text
    html = rr.render_html(model, i18n.Words("en"), templates)
    assert "Availability per month" in html and "Target missed" in html
