"""The findings schema (plugins/module_utils/findings.py)."""

import datetime
import os

import pytest
import yaml

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd


def good(**over):
    base = dict(activity=1, check="availability.http_status", host="web1", subject="https://pn.test/",
                status="ok", summary="The website answers.")
    base.update(over)
    return fnd.make_finding(**base)


def test_make_finding_fills_every_field():
    finding = good(evidence=["a", "b"], suggested_actions=["Restart nginx"])
    assert set(finding) == set(fnd.FIELDS)
    assert finding["suggested_actions"] == [{"text": "Restart nginx", "playbook": None, "tag": None}]
    assert fnd.parse_iso(finding["observed_at"]).tzinfo is not None


def test_make_finding_keeps_the_indonesian_summary_in_details():
    details = {"code": 503}
    finding = good(details=details, summary_id="Situs tidak menjawab.",
                   suggested_actions=[fnd.action("Restart nginx", playbook="remediate", tag="restart_web",
                                                 text_id="Mulai ulang nginx")])
    assert finding["details"] == {"code": 503, "summary_id": "Situs tidak menjawab."}
    assert details == {"code": 503}, "the caller's details are not modified"
    assert finding["suggested_actions"] == [{"text": "Restart nginx", "playbook": "remediate",
                                             "tag": "restart_web", "text_id": "Mulai ulang nginx"}]


def test_without_indonesian_texts_the_finding_is_as_before():
    finding = good(details={"code": 200}, suggested_actions=[fnd.action("Wait")])
    assert finding["details"] == {"code": 200}
    assert finding["suggested_actions"] == [{"text": "Wait", "playbook": None, "tag": None}]


def test_summary_id_matches_the_old_hand_wrapping():
    """The constructor gives what producers used to build around it (dict(details, summary_id=...))."""
    old = good(details=dict({"a": 1}, summary_id="Teks."),
               suggested_actions=[dict(fnd.action("Do it", playbook="backup", tag=None), text_id="Lakukan.")])
    new = good(details={"a": 1}, summary_id="Teks.",
               suggested_actions=[fnd.action("Do it", playbook="backup", text_id="Lakukan.")])
    old.pop("observed_at")
    new.pop("observed_at")
    assert list(new["details"]) == list(old["details"])
    assert new == old


@pytest.mark.parametrize("field, value, message", [
    ("activity", 8, "activity must be an integer 1-7"),
    ("activity", True, "activity must be an integer 1-7"),
    ("check", "Availability", "dotted lowercase id"),
    ("status", "fine", "status must be one of"),
    ("summary", "  ", "summary must be a non-empty string"),
    ("details", [], "details must be a mapping"),
    ("observed_at", "yesterday", "observed_at must be an ISO-8601 time"),
])
def test_validate_names_the_broken_field(field, value, message):
    finding = good()
    finding[field] = value
    with pytest.raises(fnd.FindingError, match=message):
        fnd.validate(finding)


def test_missing_fields_are_listed():
    with pytest.raises(fnd.FindingError, match="missing field\\(s\\): evidence, suggested_actions"):
        fnd.validate({k: v for k, v in good().items() if k not in ("evidence", "suggested_actions")})


def test_evidence_is_bounded():
    finding = good(evidence=["x" * 5000] * 50)
    assert len(finding["evidence"]) == fnd.MAX_EVIDENCE_LINES
    assert all(len(line) <= fnd.MAX_EVIDENCE_LINE_CHARS for line in finding["evidence"])


def test_worst_status_ranks_unknown_between_warning_and_critical():
    assert fnd.worst_status([]) == "ok"
    assert fnd.worst_status(["ok", "warning"]) == "warning"
    assert fnd.worst_status(["warning", "unknown"]) == "unknown"
    assert fnd.worst_status(["unknown", "critical", "ok"]) == "critical"


def test_unreachable_finding_is_unknown_never_ok():
    finding = fnd.unreachable_finding(2, "web9", "ssh: connection refused")
    assert finding["status"] == "unknown"
    assert finding["check"] == "run.host_unreachable"
    assert "web9" in finding["summary"] and "connection refused" in finding["summary"]


def test_parse_iso_accepts_z_offsets_and_naive():
    assert fnd.parse_iso("2026-11-27T10:00:00Z") == fnd.parse_iso("2026-11-27T17:00:00+07:00")
    assert fnd.utc_now_iso(fnd.parse_iso("2026-11-27T10:00:00")) == "2026-11-27T10:00:00Z"


def test_group_by_host_keeps_order_and_names_every_host():
    findings = [good(host="web1", subject="a"), good(host="web2", subject="b"), good(host="web1", subject="c")]
    metrics = [{"host": "web2", "subject": "b", "name": "up", "value": 1}]
    grouped = fnd.group_by_host(findings, metrics, hosts=["web3"])
    assert [f["subject"] for f in grouped["web1"]["findings"]] == ["a", "c"]
    assert grouped["web2"] == {"findings": [findings[1]], "metrics": metrics}
    assert grouped["web3"] == {"findings": [], "metrics": []}


def test_group_by_host_refuses_an_entry_without_host():
    with pytest.raises(fnd.FindingError, match="without a host"):
        fnd.group_by_host([{"subject": "https://pn.test/"}])


@pytest.mark.parametrize("name", ["pn", "pn-contoh.go.id", "PN_Contoh2", "a" * 64, "9"])
def test_site_name_rule_accepts_plain_names(name):
    assert fnd.site_name_problem(name) is None


@pytest.mark.parametrize("name, shown", [
    ("../../../../tmp/x", "'..?..?..?..?tmp?x'"),
    ("<script>alert(1)</script>", "'?script?alert?1???script?'"),
    ("pn\n", "'pn?'"),
    (".hidden", "'.hidden'"),
    ("a" * 65, "'" + "a" * 40 + "...'"),
    ("", "(none)"),
    (None, "(none)"),
    (42, "(none)"),
])
def test_site_name_rule_names_a_bad_name_safely_and_states_the_rule(name, shown):
    problem = fnd.site_name_problem(name)
    assert problem == "site name %s is not usable: a site name is %s" % (shown, fnd.SITE_NAME_RULE)
    assert "<" not in problem and "/" not in problem and "\n" not in problem


def test_the_roles_check_site_names_with_the_same_rule():
    # roles/findings/tasks/validate_sites.yml cannot import Python: it must spell the same rule.
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    with open(os.path.join(root, "roles", "findings", "tasks", "validate_sites.yml")) as handle:
        task = yaml.safe_load(handle)[0]
    assert task["vars"]["__findings_site_name_pattern"] == fnd.SITE_NAME_PATTERN
    assert task["vars"]["__findings_site_name_rule"] == fnd.SITE_NAME_RULE


def test_parse_day_reads_a_date_defaults_to_today_and_names_a_wrong_value():
    assert fnd.parse_day("2026-11-27") == datetime.date(2026, 11, 27)
    assert fnd.parse_day("") == datetime.datetime.now(datetime.timezone.utc).date()
    with pytest.raises(ValueError, match="today must be a date like 2026-11-27, got 'soon'"):
        fnd.parse_day("soon")
