"""site_probe against real servers on loopback: one nginx with a site per scenario
(fresh, stale, defaced, spam, cloaked, faults, TLS faults), a socket that never
answers, a refused port and a name that does not resolve. All sites are probed in
ONE run, so every test also shows that a broken site leaves the others' results intact."""

from __future__ import annotations

import datetime
import email.utils
import gzip
import json
import os
import socket
import tempfile

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history import HistoryStore
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import sites as site_probe
from tests.harness import services

pytestmark = pytest.mark.integration

NOW = datetime.datetime.now(datetime.timezone.utc)
CAP = 512 * 1024

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;</loc><lastmod>2026-01-01</lastmod></url></urlset>
"""


def _days_ago(days: float) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days)


def _rss(days: float) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Berita</title>'
        "<item><title>Sidang</title><pubDate>%s</pubDate></item>"
        "<item><title>Lama</title><pubDate>%s</pubDate></item></channel></rss>"
        % (email.utils.format_datetime(_days_ago(days)), email.utils.format_datetime(_days_ago(days + 30)))
    )


def _atom(days: float) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Berita</title>'
        "<entry><title>Pengumuman</title><updated>%s</updated></entry></feed>"
        % _days_ago(days).strftime("%Y-%m-%dT%H:%M:%SZ")
    )


def _sitemap(days: float) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>http://x/</loc><lastmod>%s</lastmod></url></urlset>" % _days_ago(days).strftime("%Y-%m-%d")
    )


def _page(body: str, head: str = "", title: str = "Pengadilan Negeri Contoh") -> str:
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>%s</title>%s</head>'
        "<body><h1>Pengadilan Negeri Contoh</h1><p>Jadwal sidang, layanan e-Court dan berita terbaru "
        "pengadilan untuk masyarakat pencari keadilan.</p>%s</body></html>" % (title, head, body)
    )


FEED_LINK = '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
SPAM_DIV = (
    '<div style="display:none"><a href="https://slot-gacor.invalid/">slot gacor hari ini</a> '
    '<a href="https://togel.invalid/">togel hongkong</a></div>'
)

# name -> (files, extra nginx directives inside the server block, scheme)
SITES = {
    "fresh": ({"index.html": _page("", FEED_LINK.replace("rss+xml", "atom+xml")), "feed.xml": _atom(2),
               "sitemap.xml": _sitemap(60)}, "", "http"),
    "stale": ({"index.html": _page("", FEED_LINK), "feed.xml": _rss(20)}, "", "http"),
    "very_stale_index": ({
        "index.html": _page(""),
        "sitemap.xml": '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                       "<sitemap><loc>/sitemap-news.xml</loc></sitemap></sitemapindex>",
        "sitemap-news.xml": _sitemap(45)}, "", "http"),
    "defaced": ({"index.html": "<html><head><title>Hacked</title></head><body><h1>HACKED BY xXx Cyber Team</h1>"
                 "<p>Your security is low! Greetz to all crew</p></body></html>"}, "", "http"),
    "spam": ({"index.html": _page(SPAM_DIV, FEED_LINK), "feed.xml": _rss(1)}, "", "http"),
    "hidden_link": ({"index.html": _page('<div class="x"><a href="https://elsewhere.invalid/">partner</a></div>',
                                         "<style>.x{display:none}</style>" + FEED_LINK),
                     "feed.xml": _rss(1)}, "", "http"),
    "cloaked": ({"index.html": _page("", FEED_LINK), "feed.xml": _rss(1), "crawler.html": _page(SPAM_DIV, FEED_LINK)},
                'location = / { if ($http_user_agent ~* "(googlebot|bingbot)") { rewrite ^ /crawler.html last; } '
                "try_files /index.html =404; }", "http"),
    "wordpress": ({"index.html": _page("", '<meta name="generator" content="WordPress 6.6">'),
                   "posts.json": json.dumps([{"date_gmt": _days_ago(3).strftime("%Y-%m-%dT%H:%M:%S"),
                                              "modified_gmt": _days_ago(3).strftime("%Y-%m-%dT%H:%M:%S")}])},
                  "location = /wp-json/wp/v2/posts { default_type application/json; alias {root}/posts.json; }",
                  "http"),
    "joomla": ({"index.html": _page("", '<meta name="generator" content="Joomla! - Open Source Content Management">'),
                "joomla.xml": _rss(40)},
               "location = /index.php { default_type application/rss+xml; alias {root}/joomla.xml; }", "http"),
    "keywords": ({"index.html": _page("<p>Pengumuman lelang</p>", FEED_LINK), "feed.xml": _rss(1)}, "", "http"),
    "big": ({"index.html": None}, "", "http"),
    "gzip_bomb": ({"bomb.gz": None},
                  "location = / { default_type text/html; add_header Content-Encoding gzip; "
                  "try_files /bomb.gz =404; }", "http"),
    "redirect_loop": ({}, "location = / { return 302 /a; } location = /a { return 302 /b; } "
                          "location = /b { return 302 /a; }", "http"),
    "hostile_xml": ({"index.html": _page("", FEED_LINK), "sitemap.xml": BILLION_LAUGHS,
                     "feed.xml": "<rss><channel><item><pubDate>oops</item></rss"}, "", "http"),
    "no_date": ({}, 'location = / { default_type text/html; return 200 "<html><body>Pengadilan</body></html>"; }',
                "http"),
    "latin1": ({"index.html": "<html><head><title>PN</title></head><body><p>Pengadilan N\xe9geri Contoh "
                "\xa9 2026</p></body></html>".encode("cp1252")}, "", "http"),
    "server_error": ({}, "location = / { return 503; }", "http"),
    "to_https": ({}, "location / { return 301 https://127.0.0.1:{tls_ok}/; }", "http"),
    "tls_ok": ({"index.html": _page("", FEED_LINK), "feed.xml": _rss(1)}, "", "https"),
    "tls_expired": ({"index.html": _page("", FEED_LINK), "feed.xml": _rss(1)}, "", "https"),
    "tls_self_signed": ({"index.html": _page("", FEED_LINK), "feed.xml": _rss(1)}, "", "https"),
    "tls_wrong_name": ({"index.html": _page("", FEED_LINK), "feed.xml": _rss(1)}, "", "https"),
}


@pytest.fixture(scope="module")
def probed(tmp_path_factory):
    """Start the servers, probe every site once, yield {name: (site result, findings by check)}."""
    if not os.path.exists("/usr/sbin/nginx") and not any(
        os.path.exists(os.path.join(p, "nginx")) for p in os.environ.get("PATH", "").split(os.pathsep)
    ):
        pytest.fail("nginx is not installed: run ./scripts/setup --test as root")
    base = tempfile.mkdtemp(prefix="probe-sites-", dir=str(tmp_path_factory.getbasetemp()))
    os.chmod(base, 0o755)
    pki = services.Pki(os.path.join(base, "pki"))

    def start_sites(ports, attempt):
        """Every site's folder and one nginx serving them on the given ports (a fresh folder per attempt)."""
        certs = {
            "tls_ok": pki.issue("court.test", ["127.0.0.1"], days=90),
            "tls_expired": pki.issue("court.test", ["127.0.0.1"], days=-3),
            "tls_self_signed": pki.issue("court.test", ["127.0.0.1"], days=90, self_signed=True),
            "tls_wrong_name": pki.issue("other.test", ["other.test"], days=90),
        }
        blocks = []
        for name, (files, extra, scheme) in SITES.items():
            root = os.path.join(base, "%d" % attempt, name)
            os.makedirs(root)
            os.chmod(root, 0o755)
            for filename, content in files.items():
                path = os.path.join(root, filename)
                if name == "big":
                    with open(path, "wb") as handle:  # a real 50 MB page
                        handle.truncate(50 * 1024 * 1024)
                elif name == "gzip_bomb":
                    with gzip.open(path, "wb", compresslevel=9) as handle:
                        chunk = b"\0" * (1024 * 1024)
                        for _ in range(64):
                            handle.write(chunk)
                else:
                    with open(path, "wb") as handle:
                        handle.write(content if isinstance(content, bytes) else content.encode("utf-8"))
                os.chmod(path, 0o644)
            if name == "hostile_xml":  # its only usable date is Last-Modified, made old
                old = (NOW - datetime.timedelta(days=50)).timestamp()
                os.utime(os.path.join(root, "index.html"), (old, old))
            listen = "listen 127.0.0.1:%d%s;" % (ports[name], " ssl" if scheme == "https" else "")
            tls = ""
            if scheme == "https":
                tls = "ssl_certificate %s; ssl_certificate_key %s;" % (certs[name]["chain"], certs[name]["key"])
            extra = extra.replace("{root}", root).replace("{tls_ok}", str(ports["tls_ok"]))
            blocks.append("server { %s %s root %s; index index.html; %s }" % (listen, tls, root, extra))
        nginx_dir = os.path.join(base, "%d" % attempt, "nginx")
        os.makedirs(nginx_dir)
        os.chmod(nginx_dir, 0o755)
        first = next(iter(SITES))
        nginx = services.Nginx(nginx_dir, "\n".join(blocks), port=ports[first]).start()
        return nginx

    # The ports are written into one nginx config: if another program takes one before nginx
    # binds it, pick them all again (a port passed in explicitly is not retried by the harness).
    for attempt in range(3):
        ports = {name: services.free_port() for name in SITES}
        try:
            nginx = start_sites(ports, attempt)
            break
        except services.PortInUse:
            if attempt == 2:
                raise
    for port in ports.values():
        services.wait_for_port("127.0.0.1", port)
    # A server that accepts connections and never answers (kernel backlog, no accept()).
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)
    # A port bound but never listening refuses connections, and no other program can take it meanwhile.
    refused = socket.socket()
    refused.bind(("127.0.0.1", 0))
    refused_port = refused.getsockname()[1]
    try:
        sites = []
        for name, (_files, _extra, scheme) in SITES.items():
            site = {"url": "%s://127.0.0.1:%d/" % (scheme, ports[name]), "name": name, "host": "web1"}
            sites.append(site)
        by_name = {s["name"]: s for s in sites}
        by_name["keywords"].update(must_contain=["Pengadilan Negeri", "re:jadwal\\s+sidang"],
                                   must_not_contain=["lelang"])
        by_name["fresh"].update(must_contain="Pengadilan Negeri")
        by_name["defaced"].update(must_contain=["Pengadilan Negeri"])
        by_name["latin1"].update(must_contain=["N\xe9geri"])
        by_name["to_https"].update(expect_https=True)
        by_name["stale"].update(expect_https=True)
        sites += [
            {"url": "http://127.0.0.1:%d/" % silent.getsockname()[1], "name": "silent", "host": "web1"},
            {"url": "http://127.0.0.1:%d/" % refused_port, "name": "refused", "host": "web2"},
            {"url": "http://sitekeeper-no-such-name.invalid/", "name": "no_dns", "host": "web2"},
            {"url": "ftp://127.0.0.1/", "name": "bad_scheme", "host": "web2"},
            {"name": "no_url", "host": "web2"},
            {"url": "http://127.0.0.1:1/", "name": "bad_days", "host": "web2", "stale_after_days": -3},
        ]
        options = {"timeout": 6, "attempts": 2, "retry_backoff": 0.2, "max_body_bytes": CAP,
                   "ca_file": pki.ca_path, "expect_https": False, "concurrency": 50}
        report = site_probe.probe_sites(sites, options)
    finally:
        silent.close()
        refused.close()
        nginx.stop()
    for finding in report["findings"]:
        fnd.validate(finding)
    results = {}
    for site, result in zip(sites, report["sites"], strict=True):
        name = site.get("name")
        checks = {f["check"]: f for f in report["findings"] if f["subject"] == result["url"]}
        results[name] = (result, checks)
    return {"results": results, "report": report, "ports": ports}


def _get(probed, name):
    return probed["results"][name]


def test_every_site_has_a_result_and_summary_ids(probed):
    report = probed["report"]
    assert len(report["sites"]) == len(SITES) + 6
    for finding in report["findings"]:
        assert finding["details"]["summary_id"], finding
        for item in finding["suggested_actions"]:
            assert item["text_id"], item
    for result in report["sites"]:
        for key in ("url", "status", "http_status", "response_ms", "tls_days_left", "content_date",
                    "content_date_source"):
            assert key in result


def test_fresh_site_is_ok_with_atom_date_and_timings(probed):
    result, checks = _get(probed, "fresh")
    assert {c: f["status"] for c, f in checks.items()} == {
        "availability.http": "ok", "content.keywords": "ok", "freshness.content": "ok",
        "integrity.defacement": "ok", "integrity.gambling_spam": "ok", "integrity.cloaking": "ok"}
    assert result["http_status"] == 200
    assert result["content_date_source"] == "feed"
    assert 1.5 < result["content_age_days"] < 2.5
    assert checks["availability.http"]["status"] == "ok"
    assert checks["content.keywords"]["status"] == "ok"
    for key in ("connect_ms", "ttfb_ms", "response_ms"):
        assert result[key] is not None and result[key] >= 0
    assert len(result["content_hash"]) == 64
    metrics = {m["name"] for m in probed["report"]["metrics"] if m["subject"] == result["url"]}
    assert {"up", "response_ms", "ttfb_ms", "content_age_days", "http_status"} <= metrics


def test_stale_site_is_a_warning_naming_the_feed(probed):
    result, checks = _get(probed, "stale")
    finding = checks["freshness.content"]
    assert finding["status"] == "warning"
    assert finding["details"]["content_date_source"] == "feed"
    assert "20 days" in finding["summary"] and "feed" in finding["summary"]
    assert result["content_date_source"] == "feed"
    # expect_https on a plain http site
    assert checks["availability.https"]["status"] == "warning"


def test_sitemap_index_child_gives_a_critical_age(probed):
    result, checks = _get(probed, "very_stale_index")
    assert checks["freshness.content"]["status"] == "critical"
    assert result["content_date_source"] == "sitemap"
    assert result["content_age_days"] >= 44


def test_defaced_page_is_critical(probed):
    _result, checks = _get(probed, "defaced")
    assert checks["integrity.defacement"]["status"] == "critical"
    assert checks["integrity.defacement"]["evidence"]
    assert checks["content.keywords"]["status"] == "critical"
    assert checks["content.keywords"]["details"]["missing"] == ["Pengadilan Negeri"]
    assert checks["content.keywords"]["suggested_actions"][0]["playbook"] == "restore"


def test_gambling_spam_in_hidden_links_is_critical(probed):
    _result, checks = _get(probed, "spam")
    finding = checks["integrity.gambling_spam"]
    assert finding["status"] == "critical"
    assert {"slot gacor", "togel"} <= set(finding["details"]["terms"])
    assert any(link["href"].startswith("https://slot-gacor") for link in finding["details"]["hidden_links"])


def test_hidden_external_link_by_css_class_is_a_warning(probed):
    _result, checks = _get(probed, "hidden_link")
    finding = checks["integrity.gambling_spam"]
    assert finding["status"] == "warning"
    assert finding["details"]["hidden_external_links"] == 1


def test_cloaked_spam_shown_only_to_crawlers_is_critical(probed):
    _result, checks = _get(probed, "cloaked")
    assert checks["integrity.gambling_spam"]["status"] == "ok"  # visitors see a clean page
    finding = checks["integrity.cloaking"]
    assert finding["status"] == "critical"
    assert "slot gacor" in finding["details"]["crawler_only_terms"]
    # an honest site is not flagged
    assert _get(probed, "fresh")[1]["integrity.cloaking"]["status"] == "ok"


def test_wordpress_and_joomla_dates(probed):
    result, _checks = _get(probed, "wordpress")
    assert result["content_date_source"] == "wordpress_api"
    assert 2.5 < result["content_age_days"] < 3.5
    result, checks = _get(probed, "joomla")
    assert result["content_date_source"] == "joomla_feed"
    assert checks["freshness.content"]["status"] == "critical"


def test_keywords_plain_and_regex(probed):
    _result, checks = _get(probed, "keywords")
    finding = checks["content.keywords"]
    assert finding["status"] == "critical"
    assert finding["details"]["missing"] == []
    assert finding["details"]["present"] == ["lelang"]


def test_fifty_megabyte_page_is_capped(probed):
    result, checks = _get(probed, "big")
    # Everything the probe saw, should another answer than the capped page come back (once seen under load).
    assert result["body_bytes"] == CAP, (result, checks.get("availability.http"))
    assert checks["availability.http"]["status"] == "warning"
    assert "cap" in checks["availability.http"]["details"]["reason"]


def test_gzip_bomb_stops_at_the_cap(probed):
    result, checks = _get(probed, "gzip_bomb")
    assert result["body_bytes"] == CAP
    reason = checks["availability.http"]["details"]["reason"]
    assert "gzip bomb" in reason
    assert checks["availability.http"]["details"]["wire_bytes"] < 1024 * 1024


def test_redirect_loop_is_critical_with_reason(probed):
    result, checks = _get(probed, "redirect_loop")
    assert result["status"] == "critical"
    assert result["error_kind"] == "redirect_loop"
    assert "redirect loop" in checks["availability.http"]["summary"]
    assert checks["freshness.content"]["status"] == "unknown"


def test_hostile_and_malformed_xml_is_refused_not_expanded(probed):
    result, checks = _get(probed, "hostile_xml")
    notes = " ".join(checks["freshness.content"]["details"]["notes"])
    assert "DTD" in notes and "malformed XML" in notes
    # No declared date survives, so the old Last-Modified is used and named.
    assert result["content_date_source"] == "last_modified"
    assert checks["freshness.content"]["status"] == "critical"
    assert result["http_status"] == 200


def test_page_without_any_date_is_unknown(probed):
    result, checks = _get(probed, "no_date")
    assert checks["freshness.content"]["status"] == "unknown"
    assert result["content_date"] is None


def test_non_utf8_page_is_decoded_best_effort(probed):
    result, checks = _get(probed, "latin1")
    assert result["encoding"] == "cp1252"
    assert "UTF-8" in result["decode_note"]
    assert checks["content.keywords"]["status"] == "ok"


def test_server_error_is_critical_after_all_attempts(probed):
    result, checks = _get(probed, "server_error")
    assert result["http_status"] == 503
    assert result["attempts"] == 2
    assert checks["availability.http"]["status"] == "critical"


def test_http_to_https_redirect_chain(probed):
    result, checks = _get(probed, "to_https")
    assert result["redirects"][0]["status"] == 301
    assert result["final_url"].startswith("https://")
    assert checks["availability.https"]["status"] == "ok"
    assert checks["availability.tls"]["status"] == "ok"


def test_valid_tls_reports_days_left_and_protocol(probed):
    result, checks = _get(probed, "tls_ok")
    assert checks["availability.tls"]["status"] == "ok"
    assert checks["availability.http"]["status"] == "ok"
    assert 88 <= result["tls_days_left"] <= 90
    assert result["tls"]["protocol"].startswith("TLS")
    assert result["tls"]["hostname_match"] is True and result["tls"]["chain_valid"] is True
    assert result["tls_ms"] is not None


@pytest.mark.parametrize("name,words", [
    ("tls_expired", "expired"),
    ("tls_self_signed", "self"),
    ("tls_wrong_name", "mismatch"),
])
def test_tls_faults_are_critical_with_reason(probed, name, words):
    result, checks = _get(probed, name)
    finding = checks["availability.tls"]
    assert finding["status"] == "critical"
    assert words in finding["details"]["error"].lower()
    assert finding["suggested_actions"][0]["playbook"] == "renewals"
    # the page itself was still read and checked
    assert result["http_status"] == 200
    assert checks["freshness.content"]["status"] == "ok"
    if name == "tls_expired":
        assert result["tls_days_left"] < 0
        assert finding["details"]["hostname_match"] is True
    if name == "tls_wrong_name":
        assert finding["details"]["hostname_match"] is False
        assert finding["details"]["chain_valid"] is True
    if name == "tls_self_signed":
        assert finding["details"]["chain_valid"] is False


def test_silent_server_times_out(probed):
    result, checks = _get(probed, "silent")
    assert result["error_kind"] == "timeout"
    assert result["attempts"] == 2
    assert checks["availability.http"]["status"] == "critical"
    assert "within 6 s" in checks["availability.http"]["summary"]


def test_refused_and_unresolvable(probed):
    result, checks = _get(probed, "refused")
    assert result["error_kind"] == "refused"
    assert checks["availability.http"]["status"] == "critical"
    assert checks["integrity.cloaking"]["status"] == "unknown"
    result, checks = _get(probed, "no_dns")
    assert result["error_kind"] == "dns"
    assert "does not resolve" in checks["availability.http"]["summary"]


@pytest.mark.parametrize("name,words", [
    ("bad_scheme", "not an http"), ("no_url", "no 'url'"), ("bad_days", "stale_after_days"),
])
def test_bad_site_entries_give_one_clear_unknown(probed, name, words):
    result, checks = _get(probed, name)
    assert result["status"] == "unknown"
    assert list(checks) == ["availability.site_config"]
    assert words in checks["availability.site_config"]["summary"]


def test_hosts_are_kept(probed):
    hosts = {f["host"] for f in probed["report"]["findings"]}
    assert hosts == {"web1", "web2"}


def test_content_hash_history_gives_a_date_when_nothing_else_does(tmp_path, nginx_factory):
    root = tmp_path / "www"
    root.mkdir()
    root.chmod(0o755)
    tmp_path.chmod(0o755)
    server = nginx_factory(
        'server { listen 127.0.0.1:{port}; location = / { default_type text/html; '
        'return 200 "<html><body>Pengadilan Negeri Contoh: jadwal sidang</body></html>"; } }'
    )
    history = str(tmp_path / "history.sqlite")
    site = [{"url": server.url, "host": "web1"}]
    options = {"history_path": history, "expect_https": False, "check_cloaking": False}
    first = site_probe.probe_sites(site, options, now=NOW - datetime.timedelta(days=20))
    assert first["sites"][0]["content_date"] is None  # first run: nothing known yet
    with HistoryStore(history) as store:
        store.record("run-1", 1, first["findings"], first["metrics"])
    second = site_probe.probe_sites(site, options, now=NOW)
    result = second["sites"][0]
    assert result["content_date_source"] == "content_hash"
    assert 19.5 < result["content_age_days"] < 20.5
    fresh = next(f for f in second["findings"] if f["check"] == "freshness.content")
    assert fresh["status"] == "warning"
    assert fresh["details"]["content_first_seen"] == fnd.utc_now_iso(NOW - datetime.timedelta(days=20))


def test_worker_processes_keep_site_order(tmp_path, nginx_factory):
    tmp_path.chmod(0o755)
    (tmp_path / "index.html").write_text(_page("", FEED_LINK))
    (tmp_path / "feed.xml").write_text(_rss(1))
    for path in tmp_path.iterdir():
        path.chmod(0o644)
    server = nginx_factory("server { listen 127.0.0.1:{port}; root %s; }" % tmp_path)
    with services.closed_port() as port:
        sites = [{"url": server.url + "?n=%d" % n, "host": "web%d" % n} for n in range(5)]
        sites.insert(2, {"url": "http://127.0.0.1:%d/" % port, "host": "down"})
        report = site_probe.probe_sites(sites, {"workers": 2, "attempts": 1, "expect_https": False})
    assert report["summary"]["workers"] == 2
    assert [r["url"] for r in report["sites"]] == [s["url"] for s in sites]
    assert [r["status"] for r in report["sites"]] == ["ok", "ok", "critical", "ok", "ok", "ok"]
    assert {f["host"] for f in report["findings"]} == {"web0", "web1", "web2", "web3", "web4", "down"}


class _FlappingServer:
    """A real HTTP/1.1 server on loopback that drops the first `drops` connections
    (closes them without answering) and answers every later one: a flapping site."""

    def __init__(self, drops: int):
        import threading

        self.drops = drops
        self.connections = 0
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = "http://127.0.0.1:%d/" % self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        body = _page("", FEED_LINK).encode()
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            with conn:
                self.connections += 1
                conn.settimeout(5)
                try:
                    request = conn.recv(65536)
                except OSError:
                    continue
                if self.connections <= self.drops:
                    continue
                if b"GET /feed.xml" in request:
                    payload, ctype = _rss(1).encode(), "application/rss+xml"
                elif request.startswith(b"GET / "):
                    payload, ctype = body, "text/html; charset=utf-8"
                else:
                    payload, ctype = b"not found", "text/plain"
                status = "200 OK" if ctype != "text/plain" else "404 Not Found"
                conn.sendall(b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                             % (status.encode(), ctype.encode(), len(payload)) + payload)

    def close(self):
        self.sock.close()
        self.thread.join(5)


@pytest.mark.parametrize("drops,attempts,status,kind", [
    (1, 3, "warning", None),       # failed once, answered on the second attempt: unstable, not down
    (5, 3, "critical", "empty"),   # failed on every attempt: confirmed down
])
def test_failure_is_confirmed_by_consecutive_attempts(drops, attempts, status, kind):
    server = _FlappingServer(drops)
    try:
        report = site_probe.probe_sites([{"url": server.url, "host": "web1"}],
                                        {"attempts": attempts, "retry_backoff": 0.1, "expect_https": False,
                                         "check_cloaking": False})
    finally:
        server.close()
    result = report["sites"][0]
    http = next(f for f in report["findings"] if f["check"] == "availability.http")
    assert http["status"] == status
    assert result["error_kind"] == kind
    assert result["attempts"] == min(drops + 1, attempts)
    assert http["details"]["attempts"][0] == "empty"
