"""Activity 7 on a Windows host: W3SVC/WAS, application pools, disks and the IIS errors of the event
logs, with the catalogue's start_service fix, its plan and its verified outcomes."""

import copy
import re

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import catalogue
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import checks as linux_checks
from ansible_collections.sitekeeper.website.plugins.module_utils.windows import diagnosis

from .conftest import load_json


def run(facts, **kwargs):
    return diagnosis.run("web3", facts, **kwargs)


def by_subject(result, check):
    return {f["subject"]: f for f in result["findings"] if f["check"] == "troubleshoot." + check}


def test_findings_follow_the_contract(facts):
    result = run(facts)
    for finding in result["findings"]:
        fnd.validate(finding)
        assert finding["activity"] == 7 and finding["details"]["summary_id"]
    assert result["problems"] == len([f for f in result["findings"] if f["status"] in ("warning", "critical")])
    assert result["worst_status"] == "critical"


def test_services(facts):
    services = by_subject(run(facts), "service_running")
    assert {s: f["status"] for s, f in services.items()} == {"service:W3SVC": "ok", "service:WAS": "ok"}
    facts = copy.deepcopy(facts)
    facts["services"][0]["status"] = "Stopped"
    stopped = by_subject(run(facts), "service_running")["service:W3SVC"]
    assert stopped["status"] == "critical"
    assert stopped["summary"] == "W3SVC is not running: the Windows service is stopped."
    assert stopped["suggested_actions"][0] == catalogue.fix_action("start_service")
    assert_alternatives(stopped, "services.msc")


def test_a_missing_service_has_no_fix_but_the_vendor(facts):
    facts = dict(facts, services=[s for s in facts["services"] if s["name"] != "WAS"])
    missing = by_subject(run(facts), "service_running")["service:WAS"]
    assert missing["status"] == "critical"
    assert catalogue.fix_action("start_service") not in missing["suggested_actions"]
    assert_alternatives(missing, "Start-Service")


def test_application_pools(facts):
    pools = by_subject(run(facts), "app_pool")
    assert pools["app_pool:SIPP"]["status"] == "critical"
    # Started, but WAS reported a crash of its worker process: recycle it.
    assert pools["app_pool:PA Contoh"]["status"] == "warning"
    assert pools["app_pool:PA Contoh"]["details"]["crash_events"] == [5011]
    # autoStart="false": stopped on purpose.
    assert pools["app_pool:Arsip"]["status"] == "ok" and "as configured" in pools["app_pool:Arsip"]["summary"]
    assert pools["app_pool:DefaultAppPool"]["status"] == "ok"
    assert pools["app_pool:DefaultAppPool"]["details"]["sites"] == ["Default Web Site", "Mati"]


def test_fix_plan_and_candidate_fixes(facts):
    result = run(facts)
    assert result["candidate_fixes"] == ["start_service"]
    assert result["fix_plan"] == {"services": [], "start_pools": ["SIPP"], "recycle_pools": ["PA Contoh"]}
    facts = copy.deepcopy(facts)
    for svc in facts["services"]:
        svc["status"] = "Stopped"
    # WAS first: W3SVC depends on it.
    assert run(facts)["fix_plan"]["services"] == ["WAS", "W3SVC"]


def test_nothing_to_fix_proposes_nothing(facts):
    facts = load_json("iis_facts_after_fix.json")
    facts["events"] = []
    result = run(facts)
    assert result["candidate_fixes"] == [] and result["fix_plan"] == {"services": [], "start_pools": [],
                                                                        "recycle_pools": []}


def test_disks(facts):
    disks = by_subject(run(facts), "disk_space")
    # The drives holding a site's content or logs that the host reported (F: of Arsip Lama is not among them).
    assert set(disks) == {"disk:C:\\", "disk:D:\\"}
    assert disks["disk:D:\\"]["status"] == "critical"
    assert disks["disk:D:\\"]["summary"] == "The disk holding D:\\ is full: 97% of its space is used."
    # free_disk is a Linux fix: on Windows what to free by hand, then the hosting provider.
    assert_alternatives(disks["disk:D:\\"], "LogFiles")
    assert "hosting provider" in disks["disk:D:\\"]["suggested_actions"][-1]["text"]


def test_event_log_excerpts_are_masked(facts):
    logs = by_subject(run(facts), "error_log")
    app = logs["log:eventlog:Application"]
    assert app["status"] == "warning" and app["details"]["error_lines"] == 1
    assert "Rahasia#2026" not in repr(app)
    assert "Login failed for user" in app["evidence"][0]
    assert logs["log:eventlog:System"]["details"]["error_lines"] == 2
    diagnostics = run(facts)["diagnostics"]
    assert "Rahasia#2026" not in repr(diagnostics) and len(diagnostics["event_logs"]["Application"]) == 1
    # A secret the inventory names is masked wherever it appears.
    masked = run(facts, extra_secrets=["sipp_app"])
    assert "sipp_app" not in repr(masked["findings"]) and "sipp_app" not in repr(masked["diagnostics"])


def test_the_same_wording_as_the_linux_diagnosis(tmp_path):
    """The Linux disk and error-log findings and the Windows ones read the same sentence."""
    linux = linux_checks.Diagnosis("web1")
    linux_checks.check_disks(linux, [str(tmp_path)], 101.0, 102.0)
    log = tmp_path / "error.log"
    log.write_text("2026/12/04 01:00:00 [error] 12#12: upstream timed out\n")
    linux_checks.check_error_logs(linux, [str(log)], 50)
    windows = run(load_json("iis_facts.json"))
    shapes = {
        "troubleshoot.disk_space": r"^The disk holding (.+) (has enough free space \(\d+% used\)|is (nearly )?full: "
                                   r"\d+% of its (space|inodes) is used)\.$",
        "troubleshoot.error_log": r"^The error log (.+) (has \d+ recent error lines|shows no recent errors)\.$",
    }
    for check, shape in shapes.items():
        both = [f for f in linux.findings + windows["findings"] if f["check"] == check]
        assert {f["host"] for f in both} == {"web1", "web3"}
        for finding in both:
            assert re.match(shape, finding["summary"]), finding["summary"]
            assert set(finding) == set(fnd.FIELDS)


def test_outcomes_are_verified_by_the_diagnosis_after_the_fix(facts):
    plan = run(facts)["fix_plan"]
    after = load_json("iis_facts_after_fix.json")
    outcomes = diagnosis.outcomes("web3", plan, run(after)["findings"])
    assert [(o["check"], o["subject"], o["status"]) for o in outcomes] == [
        ("remediate.start_service", "app_pool:SIPP", "ok"), ("remediate.start_service", "app_pool:PA Contoh", "ok")]
    assert outcomes[0]["activity"] == 6 and outcomes[0]["details"]["fix"] == "start_service"
    # Had the pool not started, the outcome says so and hands over to the vendor.
    failed = diagnosis.outcomes("web3", plan, run(facts)["findings"])
    assert failed[0]["status"] == "critical" and "still not running" in failed[0]["summary"]
    assert_alternatives(failed[0], "Restart-WebAppPool")


def test_actions_are_the_catalogues_own():
    assert diagnosis.START_ACTION == catalogue.fix_action("start_service")
    assert diagnosis.VENDOR_ACTION == catalogue.vendor_action()
    assert "start_service" in catalogue.NON_DESTRUCTIVE


def assert_alternatives(finding, hand_step_word):
    """At least two alternatives, each in Indonesian: a step by hand naming ``hand_step_word``, a named third
    party last (never the generic "third party" of the catalogue)."""
    actions = finding["suggested_actions"]
    assert len(actions) >= 2 and all(a.get("text_id") and a["text_id"] != a["text"] for a in actions), actions
    assert any(hand_step_word in a["text"] for a in actions), actions
    assert actions[-1]["playbook"] == "troubleshoot" and catalogue.vendor_action() not in actions
