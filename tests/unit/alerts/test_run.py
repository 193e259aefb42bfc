"""One alerting pass end to end (history file, outbox channel): confirmation, recovery,
grouping, maintenance, flapping, digest, memo, a failing channel, check mode."""

import datetime
import email
import glob
import os

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.alerts import config
from ansible_collections.sitekeeper.website.plugins.module_utils.alerts.run import run_alerts
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_alerts import AlertBook
from tests.harness.services import closed_port

T0 = datetime.datetime(2026, 12, 4, 1, 0, tzinfo=datetime.timezone.utc)  # 08:00 in Jakarta


def at(minutes):
    return T0 + datetime.timedelta(minutes=minutes)


def finding(url, status, minutes, host="web1", check="availability.http", reason_kind="refused"):
    return {"activity": 1, "check": check, "host": host, "subject": url, "status": status,
            "summary": "%s is %s" % (url, status), "details": {"summary_id": "%s %s" % (url, status),
                                                                "reason_kind": reason_kind},
            "evidence": [], "suggested_actions": [], "observed_at": at(minutes).strftime("%Y-%m-%dT%H:%M:%SZ")}


@pytest.fixture
def env(tmp_path):
    outbox = tmp_path / "outbox"
    settings = {"recipients": {"box": "outbox://"}, "routes": [{"name": "all", "to": ["box"]}],
                "outbox_dir": str(outbox), "digest_time": "07:00", "language": "en"}
    return {"history": str(tmp_path / "h.sqlite"), "outbox": outbox, "settings": settings}


def messages(outbox):
    out = []
    for path in sorted(glob.glob(str(outbox / "*.eml"))):
        with open(path, "rb") as handle:
            out.append(email.message_from_binary_file(handle, policy=email.policy.default))
    return out


def go(env, findings, minutes, **kw):
    return run_alerts(findings, dict(env["settings"], **kw.pop("settings", {})), env["history"],
                      now=at(minutes), sleep=lambda s: None, **kw)


URL = "http://a.example/"


def test_down_after_two_observations_then_one_recovery_with_duration(env):
    assert go(env, [finding(URL, "ok", 0)], 0)["sent"] == 0
    first = go(env, [finding(URL, "critical", 5)], 5)
    assert first["sent"] == 0 and first["pending"] == 1 and not messages(env["outbox"])
    second = go(env, [finding(URL, "critical", 10)], 10)
    assert second["sent"] == 1 and [e["kind"] for e in second["events"]] == ["problem"]
    go(env, [finding(URL, "critical", 15)], 15)
    assert len(messages(env["outbox"])) == 1
    back = go(env, [finding(URL, "ok", 32)], 32)
    assert [e["kind"] for e in back["events"]] == ["recovered"] and back["events"][0]["duration_s"] == 27 * 60
    mails = messages(env["outbox"])
    assert len(mails) == 2
    assert mails[0]["Subject"] == "[CRITICAL] Website down: %s" % URL
    assert mails[1]["Subject"].startswith("[RECOVERED] Website back up: ")
    assert "The problem (website down) lasted 27 min" in mails[1].get_content()
    with AlertBook(env["history"]) as book:
        outages = book.outages("2026-12-01T00:00:00Z", "2026-12-31T00:00:00Z")
    assert [(o["started_at"], o["ended_at"]) for o in outages] == [("2026-12-04T01:05:00Z", "2026-12-04T01:32:00Z")]


def test_ten_sites_down_on_one_host_is_one_grouped_message(env):
    urls = ["http://s%d.example/" % i for i in range(10)]
    other = [finding("http://b.example/", "ok", m, host="web2") for m in (0, 5)]
    go(env, [finding(u, "ok", 0) for u in urls] + other[:1], 0)
    go(env, [finding(u, "critical", 5) for u in urls] + other[1:], 5)
    result = go(env, [finding(u, "critical", 10) for u in urls] + [finding("http://b.example/", "ok", 10, "web2")], 10)
    assert len(result["events"]) == 10 and result["sent"] == 1
    (mail,) = messages(env["outbox"])
    assert mail["Subject"] == "[CRITICAL] Website down: 10 sites (web1)"
    body = mail.get_content()
    assert all(u in body for u in urls) and "the host web1 itself" in body


def test_every_site_of_every_host_down_points_at_the_network_and_dns(env):
    hosts = {"web%d" % h: ["http://h%d-s%d.example/" % (h, i) for i in range(3)] for h in (1, 2)}
    for minute in (0, 5):
        result = go(env, [finding(u, "critical", minute, host=h, reason_kind="dns")
                          for h, us in hosts.items() for u in us], minute)
    assert result["sent"] == 1
    (mail,) = messages(env["outbox"])
    assert "6 sites (every site)" in mail["Subject"] and "(DNS)" in mail.get_content()


def test_maintenance_silences_and_a_problem_outlasting_it_is_alerted(env):
    window = {"sites": ["a-site"], "start": at(0).isoformat(), "end": at(30).isoformat(), "reason": "upgrade"}
    sites = [{"name": "a-site", "url": URL}]
    for minute in (5, 10, 15):
        result = go(env, [finding(URL, "critical", minute)], minute, sites=sites, settings={"maintenance": [window]})
        assert result["sent"] == 0
    assert result["silenced"] and result["silenced"][0]["window"] == "upgrade"
    assert not messages(env["outbox"])
    after = go(env, [finding(URL, "critical", 35)], 35, sites=sites, settings={"maintenance": [window]})
    assert after["sent"] == 1 and len(messages(env["outbox"])) == 1


def test_a_daily_window_across_midnight():
    cfg = config.normalise({"maintenance": [{"hosts": ["web1"], "daily": "23:00-01:00", "days": ["fri"]}]})
    friday_late = datetime.datetime(2026, 12, 4, 16, 30, tzinfo=datetime.timezone.utc)  # Fri 23:30 WIB
    saturday_early = friday_late + datetime.timedelta(hours=1)  # Sat 00:30 WIB
    saturday_late = friday_late + datetime.timedelta(days=1)
    assert config.in_maintenance(cfg, "web1", URL, (), friday_late)
    assert config.in_maintenance(cfg, "web1", URL, (), saturday_early)
    assert config.in_maintenance(cfg, "web1", URL, (), saturday_late) is None
    assert config.in_maintenance(cfg, "web2", URL, (), friday_late) is None


def test_a_flapping_site_sends_nothing(env):
    for minute in range(0, 60, 5):
        result = go(env, [finding(URL, "critical" if minute % 10 == 0 else "ok", minute)], minute)
        assert result["sent"] == 0 and not result["events"]
    assert not messages(env["outbox"])


def test_a_failing_channel_is_retried_reported_and_the_others_still_get_it(env):
    with closed_port() as port:
        settings = {"recipients": {"box": "outbox://", "hook": "json://127.0.0.1:%d/hook" % port},
                    "routes": [{"name": "all", "to": ["hook", "box"]}], "retries": 3, "timeout": 2}
        slept = []
        result = run_alerts([finding(URL, "critical", 0, check="integrity.defacement")],
                            dict(env["settings"], **settings), env["history"], now=at(0), sleep=slept.append)
    assert result["sent"] == 1 and len(result["failed"]) == 1
    failed = result["failed"][0]
    assert failed["attempts"] == 3 and failed["error"] and failed["channel"].startswith("hook (json://")
    assert slept == [2.0, 4.0]
    assert len(messages(env["outbox"])) == 1
    with AlertBook(env["history"]) as book:
        logged = book.alert_messages()
    assert sorted(m["delivered"] for m in logged) == [False, True]


def test_secrets_in_urls_never_reach_the_result(env):
    token = "123456789:AAExampleSecretTokenValue"
    with closed_port() as port:
        settings = {"recipients": {"box": "outbox://", "tg": {"url": "tgram://%s/-1001234567" % token,
                                                              "api_url": "http://127.0.0.1:%d/bot" % port}},
                    "routes": [{"name": "all", "to": ["tg", "box"]}], "retries": 1, "timeout": 2}
        result = run_alerts([finding(URL, "critical", 0, check="integrity.cloaking")],
                            dict(env["settings"], **settings), env["history"], now=at(0))
    assert len(result["failed"]) == 1
    assert token not in repr(result) and "AAExampleSecretTokenValue" not in repr(result)


def test_the_digest_goes_out_once_a_day_at_its_time(env):
    warn = [finding(URL, "warning", 0, check="availability.tls")]
    early = datetime.datetime(2026, 12, 3, 23, 0, tzinfo=datetime.timezone.utc)  # 06:00 WIB
    result = run_alerts(warn, env["settings"], env["history"], now=early)
    assert result["digest"] == {"queued": 1, "waiting": 1, "sent": False} and not messages(env["outbox"])
    again = run_alerts(warn, env["settings"], env["history"], now=early + datetime.timedelta(minutes=5))
    assert again["digest"]["queued"] == 0  # the same finding waits once
    due = run_alerts(warn, env["settings"], env["history"], now=T0)
    assert due["digest"]["sent"] is True
    (mail,) = messages(env["outbox"])
    assert mail["Subject"].startswith("[DIGEST] Non-urgent findings 2026-12-04: 1")
    later = run_alerts(warn, env["settings"], env["history"], now=T0 + datetime.timedelta(hours=2))
    assert later["digest"]["sent"] is False and len(messages(env["outbox"])) == 1


def test_the_digest_is_dated_by_the_run_time_not_the_clock(env):
    # Failed in CI at 17:00 UTC (midnight in Jakarta): each route's digest was re-dated with the real clock.
    long_ago = datetime.datetime(2021, 6, 30, 20, 0, tzinfo=datetime.timezone.utc)  # 1 July, 03:00 WIB
    warn = [finding(URL, "warning", 0, check="availability.tls")]
    result = run_alerts(warn, dict(env["settings"], digest_time=""), env["history"], now=long_ago)
    assert result["digest"]["sent"] is True
    (mail,) = messages(env["outbox"])
    assert mail["Subject"] == "[DIGEST] Non-urgent findings 2021-07-01: 1"


def test_the_renewal_memo_is_delivered_attached_once(env, tmp_path):
    memo = tmp_path / "memo-hosting.html"
    memo.write_text("<p>Memo</p>")
    renewal = {"activity": 4, "check": "renewals.contract", "host": "web1", "subject": "contract:hosting",
               "status": "warning", "summary": "Hosting ends in 20 days.", "evidence": [], "suggested_actions": [],
               "details": {"memo_files": [str(memo)], "memo_reminder": 1}, "observed_at": "2026-12-04T01:00:00Z"}
    settings = {"recipients": {"box": "outbox://", "sec": "outbox://%s" % (tmp_path / "secretary")},
                "routes": [{"name": "it", "to": ["box"], "kinds": ["problem", "recovered"]},
                           {"name": "secretary", "to": ["sec"], "activities": [4], "kinds": ["memo"]}]}
    for _ in range(2):
        run_alerts([renewal], dict(env["settings"], **settings), env["history"], now=at(0), queue_digest=False)
    assert not messages(env["outbox"])
    (mail,) = messages(tmp_path / "secretary")
    assert [p.get_filename() for p in mail.iter_attachments()] == ["memo-hosting.html"]


def test_check_mode_sends_and_stores_nothing(env):
    for minute in (0, 5):
        result = go(env, [finding(URL, "critical", minute, check="integrity.defacement")], minute, check_mode=True)
    assert [e["kind"] for e in result["events"]] == ["problem"] and result["sent"] == 0
    assert not messages(env["outbox"])
    with AlertBook(env["history"]) as book:
        assert book.alert_states() == {} and book.alert_messages() == []


@pytest.mark.parametrize("settings, words", [
    ({"confirm": {"availability.http": 0}}, "confirm.availability.http"),
    ({"routes": [{"to": ["nobody"]}]}, "not in recipients"),
    ({"recipients": {"x": "no-scheme"}}, "Apprise URL"),
    ({"maintenance": [{"daily": "25:00-26:00"}]}, "HH:MM"),
    ({"maintenance": [{"sites": ["a"]}]}, "daily"),
    ({"timezone": "Mars/Base"}, "not a known time zone"),
])
def test_bad_settings_name_the_setting(settings, words):
    with pytest.raises(config.AlertConfigError, match=words.replace(".", r"\.")):
        config.normalise(settings)


def test_outbox_files_are_private(env):
    go(env, [finding(URL, "critical", 0, check="integrity.defacement")], 0)
    (path,) = glob.glob(str(env["outbox"] / "*.eml"))
    assert os.stat(path).st_mode & 0o077 == 0


def test_many_recoveries_on_one_host_are_one_message_with_each_duration(env):
    urls = ["http://r%d.example/" % i for i in range(4)]
    for minute in (0, 5):
        go(env, [finding(u, "critical", minute) for u in urls], minute)
    back = go(env, [finding(u, "ok", 65) for u in urls], 65)
    assert [e["kind"] for e in back["events"]] == ["recovered"] * 4 and back["sent"] == 1
    mail = messages(env["outbox"])[-1]
    assert mail["Subject"] == "[RECOVERED] Website back up: 4 sites (web1)"
    assert mail.get_content().count("down for 1 h 5 min") == 4


def test_a_remediation_outcome_is_one_message_to_the_outage_routes(env):
    outcome = {"host": "web1", "applied": ["start_service"], "proposed": ["restore_site"],
               "resolved": [{"summary": "nginx is not running"}], "unresolved": []}
    settings = {"routes": [{"name": "urgent", "to": ["box"], "kinds": ["problem", "recovered", "remediation"],
                            "severities": ["critical"]}]}
    result = go(env, [], 0, remediation=[outcome], settings=settings)
    assert result["sent"] == 1
    (mail,) = messages(env["outbox"])
    assert mail["Subject"] == "[FIX] web1: problem solved"
    body = mail.get_content()
    assert "Fixes applied: start_service" in body and "Left for a person: restore_site" in body
    assert "- Solved: nginx is not running" in body
    failing = dict(outcome, unresolved=[{"summary": "disk full"}])
    go(env, [], 5, remediation=[failing], settings=settings)
    assert messages(env["outbox"])[-1]["Subject"] == "[FIX] web1: still failing, escalated"
