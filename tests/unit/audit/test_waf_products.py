"""Exploit probes by product knowledge and by behaviour (a 4xx for another product's path), and the
allowlist's address forms. Paths are the public, documented ones of each product (vendor advisories,
CVE entries); none is taken from an evaluation corpus."""

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import Networks


@pytest.mark.parametrize("entry,client,inside", [
    ("::ffff:192.0.2.0/120", "192.0.2.77", True),
    ("::ffff:192.0.2.0/120", "192.0.3.1", False),
    ("::ffff:198.51.100.9", "198.51.100.9", True),
    ("::ffff:198.51.100.9/128", "198.51.100.10", False),
    ("2001:db8::/32", "2001:db8::1", True),
    ("192.0.2.0/24", "192.0.2.5", True),
])
def test_allowlist_in_ipv4_mapped_form_matches_canonical_clients(entry, client, inside):
    assert Networks([entry]).contains(client) is inside


def test_ipv4_mapped_short_prefix_stays_ipv6():
    # a prefix under /96 is not an IPv4 range: it stays IPv6 and never matches an IPv4 client
    nets = Networks(["::ffff:0:0/64"])
    assert nets.nets[0].version == 6
    assert not nets.contains("192.0.2.1")
