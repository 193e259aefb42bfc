"""Detection quality on real labelled data (tests/data/audit/SOURCES.md).

- crowdsec_dev.jsonl: lines of CrowdSec's scenario tests, crowdsecurity/hub `.tests/*/` at b03cb59, MIT.
- hackers-access.log: a real form-spam bot log, nielsbasjes/logparser `examples/demolog/` at afe2067, Apache-2.0.

Scoring is per source IP within each CrowdSec test (see benchmarks/audit_quality.py). The thresholds:
every attack IP of the scenarios the audit models must be found (27 of 27 today; the bar is 95 %),
real application traffic (`*-whitelist` tests) must raise nothing, and a log of bots without payloads
must raise no signature detection at all.
"""

from benchmarks.audit_quality import score_crowdsec, score_hackers

# None-labelled IPs the audit flags, each checked by hand: CrowdSec labels them "none" only because
# the scenario under test was a different one, but they are attacks by any reading.
KNOWN_TRUE_ATTACKS_LABELLED_NONE = {
    "CVE-2024-38475 127.0.0.3 path_traversal+sensitive_file",  # GET /etc/passwd?foobar=toto%3f
    "traefik_json 172.17.0.1 scanner_agent",  # User-Agent: Nikto
}


def test_crowdsec_in_scope_detection_rate():
    groups = score_crowdsec()["groups"]
    inscope = groups["in_scope"]
    assert inscope["attack_ips"] >= 25
    assert inscope["detection_rate"] >= 0.95, inscope["missed"]


def test_crowdsec_real_application_traffic_raises_nothing():
    groups = score_crowdsec()["groups"]
    assert groups["whitelist"]["benign_ips"] >= 2
    assert groups["whitelist"]["false_alarms"] == 0, groups["whitelist"]["alarms"]
    # Ordinary clients mixed into the DoS tests (cache busting, bursts of 400s) are not flagged either.
    assert groups["out_of_scope"]["benign_ips"] >= 10
    assert groups["out_of_scope"]["false_alarms"] == 0, groups["out_of_scope"]["alarms"]
    assert set(groups["in_scope"]["alarms"]) <= KNOWN_TRUE_ATTACKS_LABELLED_NONE


def test_crowdsec_lines_are_parsed():
    result = score_crowdsec()
    # One line of the Traefik test is a plugin's debug message, not an access-log line.
    assert result["parsed"] >= result["lines"] - 1


def test_bot_log_without_payloads():
    hk = score_hackers()
    assert hk["parsed"] == hk["lines"] == 3456 and hk["unparsed"] == 0
    assert hk["clients"] == 520
    # No payloads in this log: no signature may fire; only the behaviour of the heaviest POSTer does.
    assert set(hk["by_detection"]) == {"brute_force"}
    assert ("216.244.81.34", ["brute_force"], {"brute_force": 42}) in hk["flagged"]
    assert hk["flagged_clients"] <= 10
