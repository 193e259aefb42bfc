"""Activity 1 on a Windows host: IIS state, disks, and the newest content handed to the probe in the
Linux scan's own shape (so the probe writes the same freshness.docroot finding)."""

import copy
import datetime
import json

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import checks as probe_checks
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import sites as probe_sites
from ansible_collections.sitekeeper.website.plugins.module_utils.windows import host_facts, monitor

from .conftest import SITES


def with_host(sites):
    return [dict(s, host="web3") for s in sites]


def result_of(facts, sites=SITES):
    return monitor.evaluate("web3", with_host(sites), facts)


def find(findings, check, subject):
    matches = [f for f in findings if f["check"] == check and f["subject"] == subject]
    assert len(matches) == 1, (check, subject, [(f["check"], f["subject"]) for f in findings])
    return matches[0]


def test_findings_follow_the_contract(facts):
    for finding in result_of(facts)["findings"]:
        fnd.validate(finding)
        assert finding["activity"] == 1 and finding["host"] == "web3"
        assert finding["details"]["summary_id"]


def test_site_and_pool_state(facts):
    findings = result_of(facts)["findings"]
    ok = find(findings, "availability.iis_site", "https://pa-contoh.go.id/")
    assert ok["status"] == "ok" and ok["details"]["site_id"] == 2
    stopped = find(findings, "availability.iis_site", "https://sipp.pa-contoh.go.id/")
    assert stopped["status"] == "critical" and "stopped" in stopped["summary"]
    assert stopped["suggested_actions"][0]["playbook"] == "troubleshoot"
    # Alternatives: the troubleshooting playbook, a step by hand in IIS Manager, a named third party last.
    assert [a["text"].split()[0] for a in stopped["suggested_actions"]] == ["Run", "In", "If"]
    assert "Start-Website" in stopped["suggested_actions"][1]["text"]
    assert all(a["text_id"] for a in stopped["suggested_actions"])
    pool = find(findings, "availability.app_pool", "https://sipp.pa-contoh.go.id/")
    assert pool["status"] == "critical" and pool["details"]["app_pool"] == "SIPP"
    assert "Restart-WebAppPool" in pool["suggested_actions"][1]["text"]
    missing = find(findings, "availability.iis_site", "https://tidak-ada.pa-contoh.go.id/")
    assert missing["status"] == "critical" and "Tidak Ada" in missing["summary"]
    assert "PA Contoh" in missing["details"]["known_sites"]


def test_a_state_iis_did_not_report_is_unknown_not_ok(facts):
    facts = dict(facts, appcmd_sites="", appcmd_apppools="")
    findings = result_of(facts, SITES[:1])["findings"]
    assert find(findings, "availability.iis_site", "https://pa-contoh.go.id/")["status"] == "unknown"
    assert find(findings, "availability.app_pool", "https://pa-contoh.go.id/")["status"] == "unknown"


def test_disks_of_the_sites_content_only(facts):
    findings = result_of(facts)["findings"]
    disks = {f["subject"]: f for f in findings if f["check"] == "availability.disk_space"}
    # D: holds PA Contoh, C: holds SIPP; E: holds no site's root.
    assert set(disks) == {"disk:D:\\", "disk:C:\\"}
    assert disks["disk:D:\\"]["status"] == "critical" and disks["disk:D:\\"]["details"]["used_percent"] == 97.0
    assert disks["disk:C:\\"]["status"] == "ok"


def test_sites_get_their_iis_physical_path_as_docroot(facts):
    sites = result_of(facts)["sites"]
    assert [s.get("docroot") for s in sites] == ["D:\\Web\\pa-contoh", "C:\\inetpub\\sipp", None]
    assert [s["host"] for s in sites] == ["web3"] * 3


def test_the_docroot_scan_reads_like_the_linux_one(facts):
    scan = result_of(facts)["docroot_scan"]
    parsed = probe_sites.parse_docroot_scan(scan)
    # The line the Linux scan writes for the same newest file (find -printf '%T@ %p').
    linux = probe_sites.parse_docroot_scan("0\t0\t1796176800.250 D:\\Web\\pa-contoh\\berita\\2026\\12\\sidang-putusan.html")
    assert parsed[0] == linux[0]
    assert parsed[1]["docroot_error"] == "the folder C:\\inetpub\\sipp does not exist"
    assert 2 not in parsed


def test_the_probe_writes_the_same_freshness_finding(facts):
    result = result_of(facts)
    attached = probe_sites.attach_docroot_scans(result["sites"], {"web3": result["docroot_scan"]})
    now = datetime.datetime(2026, 12, 4, 2, 0, tzinfo=datetime.timezone.utc)
    site = probe_sites.normalise_site(attached[0], dict(probe_sites.DEFAULTS))
    report = probe_checks.SiteReport(dict(site, host="web3"), now)
    probe_checks.check_docroot(report)
    [finding] = report.findings
    assert finding["check"] == "freshness.docroot" and finding["status"] == "ok"
    assert finding["summary"] == "The newest file in the web folder of https://pa-contoh.go.id/ was changed 2 day(s) ago."
    assert finding["details"]["docroot"] == "D:\\Web\\pa-contoh"


def test_script_output_as_win_powershell_returns_it(facts):
    # win_powershell returns the script's JSON text as output[0].
    def comparable(result):
        return [dict(f, observed_at=None) for f in result["findings"]], result["docroot_scan"], result["sites"]
    assert comparable(result_of([json.dumps(facts)])) == comparable(result_of(facts))


@pytest.mark.parametrize("broken, message", [
    ({}, "lacks collected_at"),
    ("not json", "did not return JSON"),
    (["a", "b"], "no JSON object"),
])
def test_a_wrong_script_output_is_refused_with_a_reason(broken, message):
    with pytest.raises(host_facts.FactsError, match=message):
        host_facts.load(broken)


def test_no_configuration_is_refused(facts):
    facts = copy.deepcopy(facts)
    facts["config"] = ""
    with pytest.raises(host_facts.FactsError, match="no applicationHost.config"):
        result_of(facts)
