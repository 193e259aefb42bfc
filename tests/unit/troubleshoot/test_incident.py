"""Unit tests of the solved-or-escalate decision and incident records (plugins/module_utils/troubleshoot/incident.py)."""

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import incident


def f(check, subject, status):
    return fnd.make_finding(7, "troubleshoot." + check, "web1", subject, status, "%s is %s" % (subject, status),
                            {"summary_id": "x"})


def test_decide():
    before = [f("service_running", "service:nginx", "critical"), f("docroot_changes", "site", "critical"),
              f("time_sync", "host:web1", "warning")]
    after = [f("service_running", "service:nginx", "ok"), f("docroot_changes", "site", "critical"),
             f("disk_space", "disk:/", "critical")]
    decisions = {d["key"][1]: d["resolved"] for d in incident.decide(before, after)}
    assert decisions == {"troubleshoot.service_running": True, "troubleshoot.docroot_changes": False,
                         "troubleshoot.disk_space": False}


def test_records_resolved_and_unresolved_then_vendor_fix_closes(tmp_path):
    path = str(tmp_path / "h.sqlite")
    services = [{"name": "nginx", "third_party": "hosting"}]
    sites = [{"name": "pn", "url": "site", "third_party": "webdev"}]
    before = [f("service_running", "service:nginx", "critical"), f("docroot_changes", "site", "critical")]
    after = [f("service_running", "service:nginx", "ok"), f("docroot_changes", "site", "critical")]
    out = incident.record_decisions(path, "web1", incident.decide(before, after),
                                    [{"check": "remediate.start_service", "status": "ok"}], after,
                                    services=services, sites=sites, default_third_party="hosting")
    assert [i["check"] for i in out["resolved"]] == ["troubleshoot.service_running"]
    (open_one,) = out["unresolved"]
    assert open_one["third_party"] == "webdev" and open_one["state"] == "open"
    incident.mark_escalated(path, [open_one["incident_id"]], "webdev", "/x.tar.gz", {"sent": True})
    # Next run: still broken -> same incident, still escalated.
    again = incident.record_decisions(path, "web1", incident.decide(after, after), [], after)
    assert again["unresolved"][0]["incident_id"] == open_one["incident_id"]
    assert again["unresolved"][0]["state"] == "escalated"
    # The vendor fixed it: a re-check without a critical status closes it, credited to the third party.
    healthy = [f("docroot_changes", "site", "warning")]
    closed = incident.record_decisions(path, "web1", incident.decide(healthy, healthy), [], healthy)
    assert [c["incident_id"] for c in closed["closed"]] == [open_one["incident_id"]]
    with history.HistoryStore(path) as store:
        rows = {r["check"]: r for r in store.incidents()}
    assert rows["troubleshoot.service_running"]["state"] == "resolved"
    assert "in-house" in rows["troubleshoot.service_running"]["resolved_by"]
    row = rows["troubleshoot.docroot_changes"]
    assert row["state"] == "resolved" and "webdev" in row["resolved_by"] and row["resolved_at"]
    assert len(row["actions"]) >= 3


def test_recurring_problem_opens_a_new_incident(tmp_path):
    path = str(tmp_path / "h.sqlite")
    bad = [f("service_running", "service:nginx", "critical")]
    first = incident.record_decisions(path, "web1", incident.decide(bad, bad), [], bad)["unresolved"][0]
    ok = [f("service_running", "service:nginx", "ok")]
    incident.record_decisions(path, "web1", incident.decide(ok, ok), [], ok)
    with history.HistoryStore(path) as store:
        store.upsert_incident({"incident_id": "INC-other", "host": "web1", "subject": "s", "check": "c",
                               "summary": "x", "state": "open"})
    # The same problem again (same day): a new incident; the resolved one stays resolved.
    second = incident.record_decisions(path, "web1", incident.decide(bad, bad), [], bad)["unresolved"][0]
    assert second["state"] == "open" and second["incident_id"] == first["incident_id"] + "-2"
    with history.HistoryStore(path) as store:
        assert store.incidents(incident_id=first["incident_id"])[0]["state"] == "resolved"
