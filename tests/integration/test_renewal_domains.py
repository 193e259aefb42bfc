"""Domain expiry through real protocol peers on loopback: an RDAP HTTP server with an
IANA-style bootstrap file and a WHOIS TCP server serving recorded real answers
(tests/data/renewals/, sources and licences in its README)."""

import datetime
import json
import os
import subprocess

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import domain_expiry
from tests.harness import services
from tests.peers import fixtures as _peers

# The loopback RDAP and WHOIS peers (module-scoped pytest fixtures); the RDAP peer's day is fixed.
rdap_peer = _peers.rdap_peer_today
whois_peer = _peers.whois_peer

pytestmark = pytest.mark.integration

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def _by_name(result):
    return {d["name"]: d for d in result["domains"]}


def _finding(result, name, check="renewals.domain_expiry"):
    return [f for f in result["findings"] if f["subject"] == name and f["check"] == check][0]


def test_rdap_through_bootstrap(rdap_peer, tmp_path):
    names = ["ok.test", "soon.test", "urgent.test", "expired.test", "noexpiry.test", "pn-contoh.go.id"]
    # The peer's dates count from its day: the same day here, even when the run crosses midnight.
    today = rdap_peer.today
    result = domain_expiry.check(names, rdap_bootstrap_url=rdap_peer.url + "dns.json", today=today,
                                 cache_path=str(tmp_path / "rdap-dns.json"), use_whois=False)
    domains = _by_name(result)
    assert domains["ok.test"]["source"] == "rdap"
    assert domains["ok.test"]["days_left"] == 400
    assert domains["ok.test"]["registrar"] == "PT Registrar Contoh Indonesia"
    assert domains["ok.test"]["nameservers"] == ["ns1.ok.test", "ns2.ok.test"]
    assert _finding(result, "ok.test")["status"] == "ok"
    assert _finding(result, "soon.test")["status"] == "warning"
    assert _finding(result, "soon.test")["details"]["level"] == "notice"
    assert _finding(result, "urgent.test")["status"] == "critical"
    assert _finding(result, "expired.test")["status"] == "critical"
    assert _finding(result, "expired.test", "renewals.domain_status")["status"] == "critical"
    assert domains["pn-contoh.go.id"]["expires"] == (today + datetime.timedelta(days=120)).isoformat()
    # No expiration event (like .no): unknown with the reason, not an error.
    assert domains["noexpiry.test"]["expires"] is None
    noexp = _finding(result, "noexpiry.test")
    assert noexp["status"] == "unknown"
    assert "no expiration date" in noexp["details"]["reason"]
    assert "summary_id" in noexp["details"]
    # Metrics for the report's timeline.
    assert {"activity": 4, "host": "localhost", "subject": "ok.test", "name": "expires_days_left",
            "value": 400} in result["metrics"]
    # The bootstrap file was cached for the next run.
    cached = json.loads((tmp_path / "rdap-dns.json").read_text())
    assert cached["_source_url"] == rdap_peer.url + "dns.json"


@pytest.mark.parametrize("name,status", [
    ("hold.test", "client hold"), ("serverhold.test", "server hold"), ("delete.test", "pending delete"),
    ("transfer.test", "pending transfer"), ("expired.test", "redemption period"),
])
def test_rdap_dangerous_statuses_are_critical(rdap_peer, name, status):
    result = domain_expiry.check([name], rdap_base_url=rdap_peer.url, use_whois=False, today=rdap_peer.today)
    finding = _finding(result, name, "renewals.domain_status")
    assert finding["status"] == "critical"
    assert status in finding["details"]["critical_statuses"]


def test_expected_transfer_is_not_critical(rdap_peer):
    result = domain_expiry.check([{"name": "transfer.test", "transfer_expected": True}],
                                 rdap_base_url=rdap_peer.url, use_whois=False, today=rdap_peer.today)
    assert _finding(result, "transfer.test", "renewals.domain_status")["status"] == "ok"


def test_nameserver_change_is_a_hijack_signal(rdap_peer):
    result = domain_expiry.check(
        [{"name": "hijack.test", "expected_nameservers": ["ns1.hijack.test", "ns2.hijack.test"]},
         {"name": "ok.test", "expected_nameservers": ["NS2.ok.test.", "ns1.ok.test"]}],
        rdap_base_url=rdap_peer.url, use_whois=False, today=rdap_peer.today)
    hijack = _finding(result, "hijack.test", "renewals.domain_nameservers")
    assert hijack["status"] == "critical"
    assert hijack["details"]["added"] == ["ns1.attacker.example", "ns2.attacker.example"]
    assert _finding(result, "ok.test", "renewals.domain_nameservers")["status"] == "ok"


def test_rdap_429_is_unknown_with_retry(rdap_peer):
    result = domain_expiry.check(["busy.test"], rdap_base_url=rdap_peer.url, use_whois=False, today=rdap_peer.today)
    busy = _by_name(result)["busy.test"]
    assert busy["rate_limited"] is True and busy["retry_after"] == 60
    finding = _finding(result, "busy.test")
    assert finding["status"] == "unknown"
    assert "429" in finding["details"]["reason"]
    assert "retried" in finding["summary"]


def test_whois_fallback_pandi_formats(rdap_peer, whois_peer):
    # RDAP knows nothing of these (404) -> WHOIS over TCP to the local peer.
    result = domain_expiry.check(["google.co.id", "pn-contoh.go.id"], rdap_base_url=rdap_peer.url + "none/",
                                 whois_server=whois_peer.address, today=datetime.date(2014, 8, 20))
    domains = _by_name(result)
    assert domains["google.co.id"]["source"] == "whois"
    assert domains["google.co.id"]["expires"] == "2014-09-01"
    assert domains["google.co.id"]["days_left"] == 12
    assert domains["google.co.id"]["statuses"] == ["clientTransferProhibited", "serverTransferProhibited"]
    assert _finding(result, "google.co.id")["status"] == "warning"
    assert domains["pn-contoh.go.id"]["expires"] == "2026-12-20"


@pytest.mark.parametrize("name,bad", [
    ("oogle.com.ua", "clientHold"), ("ogogle.se", "serverHold"), ("concessionari-fiat.it", "pendingDelete"),
    ("alessandrofusco.it", "pendingTransfer"), ("behotel.fr", "redemption"),
])
def test_whois_recorded_statuses_are_critical(whois_peer, name, bad):
    result = domain_expiry.check([name], use_rdap=False, whois_server=whois_peer.address)
    finding = _finding(result, name, "renewals.domain_status")
    assert finding["status"] == "critical"
    assert bad in finding["details"]["critical_statuses"]


def test_whois_throttled_timeout_and_not_registered(whois_peer):
    result = domain_expiry.check(["throttled.pl", "slow.test", "nosuchdomain.id"], use_rdap=False,
                                 whois_server=whois_peer.address, timeout=1.0)
    throttled = _finding(result, "throttled.pl")
    assert throttled["status"] == "unknown"
    assert "rate limiting" in throttled["details"]["reason"]
    slow = _finding(result, "slow.test")
    assert slow["status"] == "unknown"
    assert "did not answer" in slow["details"]["reason"]
    assert _finding(result, "nosuchdomain.id")["status"] == "critical"


def test_manual_expiry_for_tlds_without_data(whois_peer):
    # pinewood.com.au: the registry publishes no expiry date -> the manual date is used.
    result = domain_expiry.check([{"name": "pinewood.com.au", "expires": "2027-03-01"}], use_rdap=False,
                                 whois_server=whois_peer.address, today=datetime.date(2027, 2, 1))
    domain = _by_name(result)["pinewood.com.au"]
    assert domain["source"] == "manual"
    assert domain["days_left"] == 28
    assert _finding(result, "pinewood.com.au")["status"] == "warning"
    # The live status still counts: the recorded answer shows serverHold.
    assert _finding(result, "pinewood.com.au", "renewals.domain_status")["status"] == "critical"


def test_unreachable_servers_are_unknown():
    with services.closed_port() as closed:
        result = domain_expiry.check(["ok.test"], rdap_base_url="http://127.0.0.1:%d/" % closed,
                                     whois_server="127.0.0.1:%d" % closed, timeout=2.0)
    finding = _finding(result, "ok.test")
    assert finding["status"] == "unknown"
    assert "RDAP" in finding["details"]["reason"] and "WHOIS" in finding["details"]["reason"]


def test_bad_domain_entry_names_the_field():
    with pytest.raises(domain_expiry.DomainConfigError, match=r"domain ok.test: field 'expires'"):
        domain_expiry.normalise_domains([{"name": "ok.test", "expires": "next year"}])
    with pytest.raises(domain_expiry.DomainConfigError, match=r"domains\[1\]: name"):
        domain_expiry.normalise_domains(["ok.test", "not a domain"])


def test_module_ad_hoc(rdap_peer, whois_peer, tmp_path):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"),
               PATH=os.path.join(REPO, ".venv", "bin") + os.pathsep + os.environ.get("PATH", ""))
    out = subprocess.run(
        ["ansible", "localhost", "-m", "sitekeeper.website.domain_expiry", "-o", "-a",
         "domains=ok.test,google.co.id rdap_bootstrap_url=%sdns.json whois_server=%s cache_path=%s"
         % (rdap_peer.url, whois_peer.address, tmp_path / "cache.json"),
         "-e", "ansible_python_interpreter=" + os.path.join(REPO, ".venv", "bin", "python")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    payload = json.loads(out.stdout.split("=>", 1)[1])
    domains = {d["name"]: d for d in payload["domains"]}
    assert domains["ok.test"]["source"] == "rdap"
    # .id is in the test bootstrap but the peer has no google.co.id -> WHOIS fallback
    assert domains["google.co.id"]["source"] == "whois"
    assert domains["google.co.id"]["expires"] == "2014-09-01"
    assert payload["changed"] is False
    assert any(f["check"] == "renewals.domain_expiry" for f in payload["findings"])


def test_bad_entries_do_not_stop_the_others(rdap_peer):
    result = domain_expiry.check(["ok.test", {"name": "bad name!"}, {"domain": "x", "host": "web2"}],
                                 rdap_base_url=rdap_peer.url, use_whois=False, today=rdap_peer.today)
    assert _by_name(result)["ok.test"]["source"] == "rdap"
    bad = [f for f in result["findings"] if f["check"] == "renewals.domain_config"]
    assert len(bad) == 2 and all(f["status"] == "unknown" for f in bad)
    assert {f["host"] for f in bad} == {"localhost", "web2"}
    assert len(result["errors"]) == 2
