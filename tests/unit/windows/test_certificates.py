"""Activity 4 on a Windows host: the certificates bound to IIS's https bindings, judged by the renewals
check itself, so the finding is the one a certificate fetched over the network gets."""

import base64
import copy
import datetime

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import tls_certs
from ansible_collections.sitekeeper.website.plugins.module_utils.windows import certificates
from ansible_collections.sitekeeper.website.plugins.modules import iis_site_info

from .conftest import SITES, load_json

NOW = datetime.datetime(2026, 12, 4, 2, 0, tzinfo=datetime.timezone.utc)


def judge(facts, sites=SITES, thresholds=(30, 14, 7)):
    params = {"host": "web3", "sites": sites, "facts": facts, "thresholds": list(thresholds)}
    return iis_site_info.renewals(params, now=NOW)


def by_subject(result):
    return {f["subject"]: f for f in result["findings"]}


def test_every_https_binding_of_the_inventorys_sites():
    pairs = certificates.pairs("web3", SITES, load_json("iis_certificates.json"))
    assert [t["subject"] for t, _f in pairs] == [
        "IIS PA Contoh https *:443 pa-contoh.go.id", "IIS PA Contoh https 192.0.2.12:8443",
        "IIS SIPP https [2001:db8::12]:443 sipp.pa-contoh.go.id"]
    # Without a host name in the binding, the name checked is the site URL's.
    assert [t["server_name"] for t, _f in pairs] == ["pa-contoh.go.id", "pa-contoh.go.id", "sipp.pa-contoh.go.id"]
    assert pairs[0][1]["der"] and pairs[0][1]["chain_valid"] is True


def test_findings_warning_critical_and_unknown():
    result = judge(load_json("iis_certificates.json"))
    findings = by_subject(result)
    for finding in result["findings"]:
        fnd.validate(finding)
        assert finding["check"] == "renewals.tls_certificate" and finding["activity"] == 4
    soon = findings["IIS PA Contoh https *:443 pa-contoh.go.id"]
    assert soon["status"] == "warning" and "expires in 10 days" in soon["summary"]
    assert soon["details"]["thumbprint"] and soon["details"]["store"] == "WebHosting"
    selfsigned = findings["IIS PA Contoh https 192.0.2.12:8443"]
    assert selfsigned["status"] == "critical" and "self-signed" in selfsigned["summary"]
    # The IP binding has no host name: the certificate (for WEB3) does not match the site's name.
    assert "is for another name" in selfsigned["summary"]
    none = findings["IIS SIPP https [2001:db8::12]:443 sipp.pa-contoh.go.id"]
    assert none["status"] == "unknown" and "netsh" in none["details"]["reason"]
    assert {m["subject"] for m in result["metrics"]} == {"IIS PA Contoh https *:443 pa-contoh.go.id",
                                                        "IIS PA Contoh https 192.0.2.12:8443"}


def test_the_same_finding_as_a_certificate_fetched_over_the_network():
    facts = load_json("iis_certificates.json")
    store = facts["certificates"][0]
    target = {"host": "web3", "subject": "https://pa-contoh.go.id/", "server_name": "pa-contoh.go.id",
              "address": "pa-contoh.go.id:443", "thresholds": [30, 14, 7], "ca_file": None}
    network = {"error": None, "der": base64.b64decode(store["der_base64"]), "chain_valid": True, "chain_error": None,
               "protocol": "TLSv1.3"}
    linux, _cert = tls_certs.evaluate(target, network, now=NOW)
    windows = by_subject(judge(facts))["IIS PA Contoh https *:443 pa-contoh.go.id"]
    assert windows["summary"].replace("IIS PA Contoh https *:443 pa-contoh.go.id", "X") == \
        linux["summary"].replace("https://pa-contoh.go.id/", "X")
    assert windows["details"]["summary_id"].replace("IIS PA Contoh https *:443 pa-contoh.go.id", "X") == \
        linux["details"]["summary_id"].replace("https://pa-contoh.go.id/", "X")
    assert windows["status"] == linux["status"]
    assert repr(windows["suggested_actions"]).replace("IIS PA Contoh https *:443 pa-contoh.go.id", "X") == \
        repr(linux["suggested_actions"]).replace("https://pa-contoh.go.id/", "X")
    assert set(windows["details"]) >= set(linux["details"]) - {"protocol"}


def test_a_certificate_missing_from_the_store():
    facts = copy.deepcopy(load_json("iis_certificates.json"))
    facts["certificates"] = facts["certificates"][1:]
    finding = by_subject(judge(facts))["IIS PA Contoh https *:443 pa-contoh.go.id"]
    assert finding["status"] == "unknown" and "LocalMachine\\WebHosting" in finding["details"]["reason"]


def test_windows_chain_check_failure_is_reported():
    facts = copy.deepcopy(load_json("iis_certificates.json"))
    facts["certificates"][0]["chain_valid"] = False
    facts["certificates"][0]["chain_status"] = "The certificate is revoked."
    finding = by_subject(judge(facts))["IIS PA Contoh https *:443 pa-contoh.go.id"]
    assert finding["status"] == "critical" and "The certificate is revoked." in finding["summary"]


def test_tls_check_false_and_unknown_sites_are_left_out():
    facts = load_json("iis_certificates.json")
    sites = [dict(SITES[0], tls_check=False), SITES[2]]
    assert judge(facts, sites)["findings"] == []
