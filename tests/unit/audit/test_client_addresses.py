"""Client addresses are canonical from the log line on (module_utils/audit/address.py, formats.py):
IPv4-mapped IPv6 becomes IPv4, IPv6 is lower-case and compressed, a zone id never survives, and a
client that is not an IP address never becomes a visitor (its line counts as unparsed)."""

import json

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.formats import make_parser
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.sites import run

# The injection set of the hostile review (issue 15) and its relatives.
HOSTILE = [
    "fe80::1%x;deny all",
    "fe80::1%a; return 503",
    "2001:db8::1%zz } } flush ruleset; table inet x {",
    "fe80::1%eth0\ndeny all",
    "203.0.113.5;deny",
    "not-an-address",
]
CANONICAL = [
    ("::ffff:198.51.100.50", "198.51.100.50"),
    ("::FFFF:c633:6432", "198.51.100.50"),
    ("2001:DB8:0:0:0:0:0:7", "2001:db8::7"),
    ("[2001:db8::7]", "2001:db8::7"),
    ("[2001:db8::7]:443", "2001:db8::7"),
    ("203.0.113.5:5678", "203.0.113.5"),
    ("fe80::1%eth0", "fe80::1"),
    (" 192.0.2.1 ", "192.0.2.1"),
]
UA = "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"
XFF_FORMAT = ('$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" '
              '"$http_user_agent" "$http_x_forwarded_for"')


def xff_line(xff, path="/", second=0, status=200):
    return ('10.0.0.1 - - [27/Nov/2026:10:00:%02d +0700] "GET %s HTTP/1.1" %d 5 "-" "%s" "%s"\n'
            % (second, path, status, UA, xff))


def canonical_text(client):
    from ipaddress import ip_address

    return str(ip_address(client)) == client and "%" not in client and not client.startswith("::ffff:")


@pytest.mark.parametrize("raw, want", CANONICAL)
def test_the_nginx_format_gives_canonical_clients_from_x_forwarded_for(raw, want):
    rows, bad = make_parser(XFF_FORMAT, trusted_proxies=["10.0.0.1"]).parse_chunk(xff_line(raw).encode())
    assert bad == [] and rows[0][0] == want.encode()


@pytest.mark.parametrize("raw", HOSTILE)
def test_a_client_that_is_not_an_address_is_an_unparsed_line(raw):
    data = xff_line(raw.replace("\n", " ")) + xff_line("192.0.2.8", second=1)
    rows, bad = make_parser(XFF_FORMAT, trusted_proxies=["10.0.0.1"]).parse_chunk(data.encode())
    assert [r[0] for r in rows] == [b"192.0.2.8"]
    assert len(bad) == 1 and b"10.0.0.1" in bad[0]


@pytest.mark.parametrize("raw, want", CANONICAL[:3])
def test_the_combined_fast_path_gives_canonical_clients(raw, want):
    data = '%s - - [27/Nov/2026:10:00:00 +0700] "GET / HTTP/1.1" 200 5 "-" "%s"\n' % (raw, UA)
    rows, bad = make_parser("combined").parse_chunk((data * 3).encode())
    assert bad == [] and [r[0] for r in rows] == [want.encode()] * 3


def test_the_combined_fast_path_refuses_a_hostname_client_and_keeps_the_rest():
    good = '192.0.2.9 - - [27/Nov/2026:10:00:00 +0700] "GET / HTTP/1.1" 200 5 "-" "%s"\n' % UA
    bad_line = 'evil.example - - [27/Nov/2026:10:00:01 +0700] "GET /x HTTP/1.1" 200 5 "-" "%s"\n' % UA
    rows, bad = make_parser("combined").parse_chunk((good + bad_line + good).encode())
    assert [r[0] for r in rows] == [b"192.0.2.9", b"192.0.2.9"]
    assert len(bad) == 1 and bad[0].startswith(b"evil.example - - [27/Nov/2026:10:00:01") and b"/x" in bad[0]


def test_json_and_iis_clients_are_canonical():
    rec = {"time": "2026-11-27T10:00:00Z", "remote_addr": "::ffff:192.0.2.44", "request": "GET / HTTP/1.1",
           "status": 200}
    hostile = dict(rec, remote_addr="fe80::1%x;deny all")
    rows, bad = make_parser("json").parse_chunk((json.dumps(rec) + "\n" + json.dumps(hostile) + "\n").encode())
    assert [r[0] for r in rows] == [b"192.0.2.44"] and len(bad) == 1
    iis = (b"#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)\r\n"
           b"2026-11-27 03:00:01 2001:DB8::0:9 GET /a - 200 Mozilla/5.0\r\n")
    rows, bad = make_parser("iis").parse_chunk(iis)
    assert bad == [] and rows[0][0] == b"2001:db8::9"


def test_access_log_audit_never_reports_a_non_canonical_client(tmp_path):
    """The acceptance interface: every incident's client is a canonical IP address."""
    attacks = ["/?id=1%27%20UNION%20SELECT%20a,b%20FROM%20users--", "/../../etc/passwd", "/.env", "/.git/config",
               "/wp-login.php?x=<script>alert(1)</script>"]
    lines = []
    for raw in HOSTILE[:3] + ["::ffff:198.51.100.50", "::ffff:203.0.113.77", "2001:DB8::0:66"]:
        lines += [xff_line(raw, path, second=i, status=404) for i, path in enumerate(attacks)]
    log = tmp_path / "access.log"
    log.write_text("".join(lines))
    params = {"paths": [str(log)], "sites": None, "format": XFF_FORMAT, "state_path": None, "state_dir": None,
              "since": None, "until": None, "subject": "https://pn.test/", "host": None, "thresholds": {},
              "detections": None, "allowlist": ["198.51.100.50"], "verified_crawlers": None,
              "trusted_proxies": ["10.0.0.1"], "login_paths": None, "scanner_agents": [], "json_keys": {},
              "workers": 1, "incident_log": None, "unparsed_warn_share": 0.01, "block": None}
    res = run(params, "web1", "2026-11-27T03:00:00Z", 1_800_000_000)
    clients = sorted({i["client"] for i in res["incidents"]})
    assert clients == ["2001:db8::66", "203.0.113.77"]  # 198.51.100.50 is allowlisted in its IPv4 form
    assert all(canonical_text(c) for c in clients)
    assert res["unparsed"]["count"] == 3 * len(attacks)
