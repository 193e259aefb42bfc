"""The finding filter (plugins/filter/finding.py) and the roles that build findings with it."""

import pathlib

import jinja2
import pytest
import yaml
from ansible.errors import AnsibleFilterError

from ansible_collections.sitekeeper.website.plugins.filter import finding as finding_filter
from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd

ROOT = pathlib.Path(__file__).resolve().parents[3]
SPEC = {"activity": 1, "check": "availability.site_config", "host": "web1", "subject": "web1",
        "status": "unknown", "summary": "Web host web1 has no websites listed."}


def test_the_filter_is_registered_under_its_documented_name():
    assert finding_filter.FilterModule().filters() == {"finding": finding_filter.finding}


def test_a_spec_becomes_a_finding_with_the_indonesian_texts_in_place():
    made = finding_filter.finding(dict(SPEC, summary_id="Tidak ada situs.", details={"reason": "empty"},
                                       suggested_actions=["Wait", {"text": "List", "text_id": "Daftar",
                                                                   "playbook": "monitor"}],
                                       observed_at="2026-11-20T08:00:00Z"))
    assert made == {
        "activity": 1, "check": "availability.site_config", "host": "web1", "subject": "web1",
        "status": "unknown", "summary": "Web host web1 has no websites listed.",
        "details": {"reason": "empty", "summary_id": "Tidak ada situs."}, "evidence": [],
        "suggested_actions": [{"text": "Wait", "playbook": None, "tag": None},
                              {"text": "List", "playbook": "monitor", "tag": None, "text_id": "Daftar"}],
        "observed_at": "2026-11-20T08:00:00Z",
    }


def test_observed_at_defaults_to_now_in_utc():
    assert fnd.parse_iso(finding_filter.finding(SPEC)["observed_at"]).tzinfo is not None


@pytest.mark.parametrize("spec, message", [
    (["not", "a", "mapping"], "must be a mapping"),
    (dict(SPEC, sumary_id="typo"), "unknown finding key\\(s\\): sumary_id"),
    ({k: v for k, v in SPEC.items() if k != "host"}, "missing field\\(s\\): host"),
    (dict(SPEC, status="fine"), "status must be one of"),
    (dict(SPEC, suggested_actions=[{"txt": "x"}]), "mapping with a text"),
    (dict(SPEC, suggested_actions=[{"text": "x", "book": "y"}]), "unknown suggested action key\\(s\\): book"),
    (dict(SPEC, suggested_actions="Do it"), "suggested_actions must be a list"),
])
def test_a_bad_spec_fails_the_task_naming_the_field(spec, message):
    with pytest.raises(AnsibleFilterError, match="sitekeeper.website.finding: .*" + message):
        finding_filter.finding(spec)


def _role_spec(path, var, context):
    """The finding spec a role writes in its YAML, rendered with plain Jinja (the role's own filters only)."""
    tasks = yaml.safe_load((ROOT / path).read_text())
    found = [t["vars"][var] for t in tasks if var in (t.get("vars") or {})]
    assert len(found) == 1, "%s is defined once in %s" % (var, path)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)  # noqa: S701 renders YAML text, not HTML

    def render(value):
        if isinstance(value, str):
            return env.from_string(value).render(context)
        if isinstance(value, dict):
            return {k: render(v) for k, v in value.items()}
        if isinstance(value, list):
            return [render(v) for v in value]
        return value

    return render(found[0])


def _applies_the_filter(path, var):
    text = (ROOT / path).read_text()
    return "%s | sitekeeper.website.finding" % var in text


# The findings these roles wrote by hand before the filter, field for field.
ROLE_FINDINGS = [
    ("roles/site_monitor/tasks/main.yml", "__site_monitor_no_sites", {"inventory_hostname": "web2"}, {
        "activity": 1, "check": "availability.site_config", "host": "web2", "subject": "web2", "status": "unknown",
        "summary": "Web host web2 has no websites listed, so nothing was monitored on it.",
        "details": {"reason": "sitekeeper_sites is empty for this host",
                    "summary_id": "Server web web2 tidak memiliki daftar situs, jadi tidak ada yang dipantau."},
        "evidence": [],
        "suggested_actions": [{"text": "List the host's websites in sitekeeper_sites in the inventory.",
                               "text_id": "Daftarkan situs-situs server ini pada sitekeeper_sites di inventori.",
                               "playbook": None, "tag": None}]}),
    ("roles/renewals/tasks/main.yml", "__renewals_nothing", {"inventory_hostname": "web2"}, {
        "activity": 4, "check": "renewals.host_scope", "host": "web2", "subject": "web2", "status": "ok",
        "summary": "Web host web2 has no HTTPS site, domain or contract listed, so it has nothing to renew.",
        "details": {"summary_id": "Server web web2 tidak memiliki situs HTTPS, domain, atau kontrak yang terdaftar,"
                                  " jadi tidak ada yang perlu diperpanjang."},
        "evidence": [], "suggested_actions": []}),
    ("roles/log_audit/tasks/main.yml", "__log_audit_error",
     {"inventory_hostname": "web1", "__log_audit": {"msg": "x" * 300},
      "__log_audit_subject": "https://pn.test/"}, {
        "activity": 3, "check": "audit.log_files", "host": "web1", "subject": "https://pn.test/", "status": "unknown",
        "summary": "The visitor audit of https://pn.test/ could not run: " + "x" * 197 + "...",
        "details": {"error": "x" * 300,
                    "summary_id": "Audit pengunjung https://pn.test/ tidak dapat dijalankan: " + "x" * 197 + "..."},
        "evidence": [],
        "suggested_actions": [{"text": "Correct the site's audit settings in the inventory (see docs/audit.md).",
                               "text_id": "Perbaiki pengaturan audit situs di inventaris (lihat docs/audit.md).",
                               "playbook": "audit", "tag": None}]}),
]


@pytest.mark.parametrize("path, var, context, expected", ROLE_FINDINGS, ids=[r[1] for r in ROLE_FINDINGS])
def test_roles_build_the_same_findings_through_the_filter(path, var, context, expected):
    assert _applies_the_filter(path, var), "%s passes %s through sitekeeper.website.finding" % (path, var)
    made = finding_filter.finding(_role_spec(path, var, context))
    assert fnd.parse_iso(made.pop("observed_at"))
    assert made == expected
