"""Reverse-DNS verification of crawler claims (module_utils/audit/dns.py and the audit's use of it).

A resolver the test controls stands in for DNS (these machines have none); the host's own resolver
is used only for what it can show here: an address without an answer stays unverified, quickly."""

import socket
import time

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import dns as log_dns
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import AuditError, audit
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.sites import check_crawler_dns

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"
ON = {"enabled": True}


class Resolver:
    """PTR and forward answers from dicts; anything else is 'Unknown host'. Counts its lookups."""

    def __init__(self, ptr=None, forward=None, delay=0.0):
        self.ptrs, self.forwards, self.delay, self.asked = ptr or {}, forward or {}, delay, []

    def ptr(self, address):
        self.asked.append(address)
        time.sleep(self.delay)
        if address not in self.ptrs:
            raise socket.herror(1, "Unknown host")
        return self.ptrs[address]

    def forward(self, name):
        if name not in self.forwards:
            raise socket.gaierror(-2, "Name or service not known")
        return self.forwards[name]


def line(ip, path="/", agent=GOOGLEBOT, status=200, second=0):
    return '%s - - [27/Nov/2026:10:00:%02d +0700] "GET %s HTTP/1.1" %d 512 "-" "%s"\n' % (
        ip, second, path, status, agent)


def test_check_outcomes():
    r = Resolver(ptr={"203.0.113.10": "crawl-203-0-113-10.googlebot.com.", "203.0.113.11": "scraper.example.net",
                      "203.0.113.12": "crawl-x.googlebot.com", "2001:db8::5": "msnbot-2001-db8--5.search.msn.com",
                      "203.0.113.13": "evilgooglebot.com"},
                 forward={"crawl-203-0-113-10.googlebot.com": {"203.0.113.10"},
                          "crawl-x.googlebot.com": {"198.51.100.1"},
                          "msnbot-2001-db8--5.search.msn.com": {"2001:db8:0:0::5"}})
    google, bing = ("googlebot.com", "google.com"), ("search.msn.com",)
    assert log_dns.check("203.0.113.10", google, r) == ("verified", "crawl-203-0-113-10.googlebot.com")
    assert log_dns.check("2001:db8::5", bing, r)[0] == "verified"  # IPv6 compared as addresses
    assert log_dns.check("203.0.113.11", google, r) == (
        "fake", "its reverse DNS name scraper.example.net is not under googlebot.com or google.com")
    assert log_dns.check("203.0.113.13", google, r)[0] == "fake"  # a suffix, not a substring
    assert log_dns.check("203.0.113.12", google, r) == (
        "fake", "its reverse DNS name crawl-x.googlebot.com does not resolve back to it")
    assert log_dns.check("203.0.113.99", google, r) == ("unverified", "no reverse DNS name (Unknown host)")


def test_budget_and_time_limit():
    slow = Resolver(ptr={"203.0.113.%d" % i: "x.example.net" for i in range(10)}, delay=5)
    start = time.monotonic()
    found = log_dns.verify([("203.0.113.%d" % i, ("googlebot.com",), 100 - i) for i in range(10)], slow,
                           timeout=0.2, max_lookups=3)
    assert time.monotonic() - start < 2  # never waits for the resolver beyond the limit
    assert sorted(slow.asked) == ["203.0.113.0", "203.0.113.1", "203.0.113.2"]  # the heaviest first
    assert found["203.0.113.0"] == ("unverified", "no answer within 0.2 s")
    assert found["203.0.113.9"] == ("unverified", "over the lookup budget of 3 addresses")


def test_audit_verified_fake_and_unverified_claimants(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(
        "".join(line("203.0.113.10", "/nope-%d" % i, status=404, second=i) for i in range(25))  # real, from DNS
        + "".join(line("203.0.113.11", "/berita/%d" % i, second=i) for i in range(3))  # fake: PTR elsewhere
        + "".join(line("203.0.113.12", "/nope-%d" % i, status=404, second=i) for i in range(25))  # no PTR
        + line("66.249.66.1", "/.env", status=404) + line("66.249.66.1", "/.git/config", status=404)  # published range
        + line("203.0.113.14", "/", agent=BINGBOT) + line("198.51.100.3", "/", agent="Mozilla/5.0 Firefox/120"))
    r = Resolver(ptr={"203.0.113.10": "crawl-203-0-113-10.googlebot.com", "203.0.113.11": "vps-1.example.net",
                      "203.0.113.14": "msnbot-203-0-113-14.search.msn.com"},
                 forward={"crawl-203-0-113-10.googlebot.com": {"203.0.113.10"},
                          "msnbot-203-0-113-14.search.msn.com": {"203.0.113.14"}})
    res = audit([str(log)], crawler_dns=ON, resolver=r)
    incidents = {i["client"]: i for i in res["incidents"]}
    assert "203.0.113.10" not in incidents  # verified Googlebot: its 404s are a crawler's, not probing
    assert incidents["203.0.113.11"]["detections"] == ["fake_crawler"]
    assert incidents["203.0.113.11"]["count"] == 3 and incidents["203.0.113.11"]["severity"] == "medium"
    assert "vps-1.example.net" in incidents["203.0.113.11"]["crawler_check"]
    assert incidents["203.0.113.11"]["evidence"][0].startswith("203.0.113.11 ")
    assert incidents["203.0.113.12"]["detections"] == ["probing_404"]  # unverified: not exempt, not accused
    assert "66.249.66.1" not in incidents and "66.249.66.1" not in r.asked  # published range: no lookup
    assert "198.51.100.3" not in r.asked  # no crawler claim: no lookup
    check = res["summary"]["crawler_verification"]
    assert (check["checked"], check["verified"], check["fake"], check["unverified"]) == (4, 2, 1, 1)
    assert {c["client"]: c["status"] for c in check["clients"]}["203.0.113.14"] == "verified"
    # Off (the default): no lookups at all, and the claimants are ordinary visitors.
    quiet = Resolver()
    off = audit([str(log)], resolver=quiet)
    assert quiet.asked == [] and "crawler_verification" not in off["summary"]
    assert {i["client"] for i in off["incidents"]} == {"203.0.113.10", "203.0.113.12"}
    # fake_crawler can be switched off like any detection; verification still exempts.
    no_fake = audit([str(log)], crawler_dns=ON, resolver=r,
                    detections=["probing_404", "sensitive_file"])
    assert {i["client"] for i in no_fake["incidents"]} == {"203.0.113.12"}


def test_two_workers_verify_once(tmp_path, monkeypatch):
    from ansible_collections.sitekeeper.website.plugins.module_utils.audit import parser as log_parser

    log = tmp_path / "access.log"
    log.write_text("".join(line("203.0.113.11", "/p%d" % i, second=i % 60) for i in range(3000))
                   + "".join(line("192.0.2.%d" % (i % 50), "/q%d" % i, agent="Mozilla/5.0", second=i % 60)
                             for i in range(3000)))
    monkeypatch.setattr(log_parser, "SPLIT_MIN_BYTES", 1000)
    r = Resolver(ptr={"203.0.113.11": "vps-1.example.net"})
    res = audit([str(log)], workers=2, crawler_dns=ON, resolver=r, chunk_size=65536)
    assert r.asked == ["203.0.113.11"]
    assert {i["client"]: i["by_detection"] for i in res["incidents"]}["203.0.113.11"]["fake_crawler"] == 3000


def test_host_resolver_without_an_answer_is_unverified(tmp_path):
    # The real resolver of the host, for an address no /etc/hosts line and no reachable DNS names
    # (TEST-NET-3): whatever the resolver says (unknown host, no server), the claim is not verified,
    # and the answer comes within the limit.
    log = tmp_path / "access.log"
    log.write_text(line("203.0.113.77", "/"))
    start = time.monotonic()
    res = audit([str(log)], crawler_dns={"enabled": True, "timeout": 3})
    assert time.monotonic() - start < 10
    client = res["summary"]["crawler_verification"]["clients"][0]
    assert client["client"] == "203.0.113.77" and client["status"] != "verified"


@pytest.mark.parametrize("value, message", [
    ({"enabled": True, "timeout": 0}, "between 0 and 60"),
    ({"enabled": True, "max_lookups": "many"}, "whole number"),
    ({"enabled": True, "resolver": "8.8.8.8"}, "unknown crawler_dns key"),
    ("yes", "must be a mapping"),
])
def test_wrong_crawler_dns_options(value, message):
    with pytest.raises(AuditError, match=message):
        check_crawler_dns(value)
    assert check_crawler_dns({"enabled": False, "timeout": 0}) is None
