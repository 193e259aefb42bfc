"""RDAP helpers without a network: bootstrap lookups and cache, RFC 9083 parsing, URL checks."""

import json
import os
import time

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import rdap

HERE = os.path.dirname(os.path.abspath(__file__))
RDAP_DATA = os.path.join(HERE, "..", "..", "data", "renewals", "rdap")

BOOTSTRAP = {
    "version": "1.0",
    "services": [
        [["id"], ["https://rdap.id.example/rdap/"]],
        [["go.id"], ["http://rdap.goid.example/", "https://rdap.goid.example/"]],
        [["com", "net"], ["https://rdap.verisign.example/com/v1/"]],
        ["malformed"],
    ],
}


def _cache(tmp_path, url, age=0):
    path = tmp_path / "dns.json"
    path.write_text(json.dumps(dict(BOOTSTRAP, _source_url=url)))
    when = time.time() - age
    os.utime(path, (when, when))
    return str(path)


def test_bootstrap_longest_suffix_and_https_preferred(tmp_path):
    url = "http://127.0.0.1:9/dns.json"  # nothing listens: the fresh cache must be used
    boot = rdap.Bootstrap(url, cache_path=_cache(tmp_path, url))
    assert boot.base_url("pn-contoh.go.id") == "https://rdap.goid.example/"
    assert boot.base_url("contoh.id") == "https://rdap.id.example/rdap/"
    assert boot.base_url("example.com") == "https://rdap.verisign.example/com/v1/"
    assert boot.base_url("example.no") is None
    assert boot.from_cache is True


def test_stale_cache_is_used_when_the_source_is_unreachable(tmp_path):
    url = "http://127.0.0.1:9/dns.json"
    boot = rdap.Bootstrap(url, cache_path=_cache(tmp_path, url, age=30 * 86400), max_age=60, timeout=2)
    assert boot.base_url("contoh.id") == "https://rdap.id.example/rdap/"


def test_no_cache_and_no_source_is_a_clear_error(tmp_path):
    boot = rdap.Bootstrap("http://127.0.0.1:9/dns.json", cache_path=str(tmp_path / "none.json"), timeout=2)
    with pytest.raises(rdap.RdapError, match="cannot read the RDAP bootstrap file"):
        boot.base_url("contoh.id")


def test_only_http_urls():
    with pytest.raises(rdap.RdapError, match="must start with https"):
        rdap.Bootstrap("file:///etc/passwd")
    with pytest.raises(rdap.RdapError):
        rdap.domain_url("ftp://x/", "a.id")
    assert rdap.domain_url("https://r.example/rdap", "Pn-Contoh.Go.Id.") == "https://r.example/rdap/domain/pn-contoh.go.id"


def test_parse_domain_rfc9083():
    with open(os.path.join(RDAP_DATA, "pn-contoh.go.id.json"), encoding="utf-8") as handle:
        answer = json.loads(handle.read().replace("{days:120}", "2027-03-27").replace("{now}", "2026-11-27T00:00:00Z"))
    parsed = rdap.parse_domain(answer)
    assert parsed["expires"] == "2027-03-27T23:59:59Z"
    assert parsed["registrar"] == "Pengelola Nama Domain Internet Indonesia"
    assert parsed["nameservers"] == ["ns1.pn-contoh.go.id", "ns2.pn-contoh.go.id"]
    assert parsed["statuses"] == ["active"]


def test_parse_domain_without_expiration_or_registrar_name():
    parsed = rdap.parse_domain({"objectClassName": "domain", "ldhName": "EXAMPLE.NO", "events": [
        {"eventAction": "registration", "eventDate": "2001-01-01T00:00:00Z"}],
        "entities": [{"roles": ["registrar"], "publicIds": [{"type": "IANA Registrar ID", "identifier": "292"}]}]})
    assert parsed["expires"] is None
    assert parsed["registrar"] == "IANA ID 292"
    assert parsed["domain"] == "example.no"


def test_a_failed_bootstrap_is_not_fetched_again_in_the_same_run(tmp_path):
    boot = rdap.Bootstrap("http://127.0.0.1:9/dns.json", cache_path=str(tmp_path / "none.json"), timeout=2)
    with pytest.raises(rdap.RdapError) as first:
        boot.base_url("a.id")
    with pytest.raises(rdap.RdapError) as second:
        boot.base_url("b.id")
    assert second.value is first.value


def test_domains_from_sites_keeps_host_and_order():
    from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import domain_expiry

    sites = {"web1": [{"name": "pn", "url": "https://pn.example/", "domain": "pn.example"},
                      {"name": "sipp", "url": "https://sipp.pn.example/"}],
             "web2": [{"name": "pa", "url": "https://pa.example/", "domain": "pa.example",
                       "domain_expires": "2027-01-01"}]}
    entries = domain_expiry.domains_from_sites(sites)
    assert [(e["host"], e["domain"]) for e in entries] == [("web1", "pn.example"), ("web2", "pa.example")]
    assert entries[1]["domain_expires"] == "2027-01-01"
    normalised = domain_expiry.normalise_domains(entries)
    assert [(e["name"], e["host"]) for e in normalised] == [("pn.example", "web1"), ("pa.example", "web2")]


def test_domains_from_sites_names_a_wrong_shape():
    from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import domain_expiry

    with pytest.raises(domain_expiry.DomainConfigError, match="sites of host web1 must be a list"):
        domain_expiry.domains_from_sites({"web1": "pn.example"})
