"""Flap suppression: confirmation counts, recovery with its duration, unknown observations."""

from ansible_collections.sitekeeper.website.plugins.module_utils.alerts import state


def obs(status, minute, check="availability.http", subject="http://a.example/", host="web1"):
    return {"check": check, "subject": subject, "host": host, "status": status, "activity": 1,
            "summary": "%s at %d" % (status, minute), "details": {},
            "observed_at": "2026-12-04T08:%02d:00Z" % minute}


def walk(statuses, confirm=2, recover=1, start=0, step_minutes=5):
    row, events = None, []
    for i, status in enumerate(statuses):
        row, event = state.step(row, obs(status, start + i * step_minutes), confirm, recover)
        if event:
            events.append(event)
    return row, events


def test_down_is_confirmed_by_the_second_observation():
    row, events = walk(["ok", "critical"])
    assert events == [] and row["pending"] == "problem" and row["pending_count"] == 1
    row, events = walk(["ok", "critical", "critical"])
    assert [e["kind"] for e in events] == ["problem"]
    assert events[0]["started_at"] == "2026-12-04T08:05:00Z" and events[0]["observations"] == 2
    assert row["confirmed"] == "problem" and row["pending"] is None


def test_one_recovery_with_the_outage_duration():
    row, events = walk(["critical", "critical", "critical", "ok", "ok"])
    assert [e["kind"] for e in events] == ["problem", "recovered"]
    recovered = events[1]
    assert recovered["started_at"] == "2026-12-04T08:00:00Z" and recovered["ended_at"] == "2026-12-04T08:15:00Z"
    assert recovered["duration_s"] == 15 * 60
    assert "critical at 10" in recovered["problem_summary"]  # the last problem seen


def test_a_flapping_site_never_confirms():
    _row, events = walk(["critical", "ok"] * 6)
    assert events == []


def test_unknown_changes_nothing_and_keeps_the_streak():
    row, events = walk(["critical", "unknown", "critical"])
    assert [e["kind"] for e in events] == ["problem"]
    row2, _ = state.step(row, obs("unknown", 30), 2, 1)
    assert row2["confirmed"] == "problem" and row2["last_status"] == "critical"


def test_warning_counts_as_ok_and_a_defacement_needs_one_look():
    _row, events = walk(["warning", "warning"])
    assert events == []
    row, events = walk(["critical"], confirm=1)
    assert [e["kind"] for e in events] == ["problem"] and row["confirmed"] == "problem"


def test_silenced_observations_count_but_do_not_confirm():
    row = None
    for minute in (0, 5, 10):
        row, event = state.step(row, obs("critical", minute), 2, 1, silenced=True)
        assert event is None
    assert row["pending_count"] == 3 and row["confirmed"] == "ok"
    row, event = state.step(row, obs("critical", 15), 2, 1)
    assert event["kind"] == "problem" and event["started_at"] == "2026-12-04T08:00:00Z"


def test_recover_after_two():
    _row, events = walk(["critical", "critical", "ok", "critical", "ok", "ok"], recover=2)
    assert [e["kind"] for e in events] == ["problem", "recovered"]
    assert events[1]["ended_at"] == "2026-12-04T08:20:00Z"
