"""Exploit probes by product knowledge and by behaviour (a 4xx for another product's path), and the
allowlist's address forms. Paths are the public, documented ones of each product (vendor advisories,
CVE entries); none is taken from an evaluation corpus."""

import json

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import Networks, inspect_request
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.exploit_paths import EXPLOIT_PATHS, VERSION
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import audit
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.paths import technology


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


# --------------------------------------------------------------------------- known product paths

def verdict_ids(target, status=404):
    """Detection ids as the audit counts them: a *_weak id only when the site answered 4xx."""
    method, _, rest = target.partition(" ") if target[:1] != "/" else ("GET", "", target)
    ids = inspect_request(method.encode(), rest.encode()).ids
    return {i[:-5] if i.endswith("_weak") else i for i in ids if not i.endswith("_weak") or status // 100 == 4}


PRODUCT_PROBES = {
    # an exploit endpoint: an attack whatever the answer
    "strong": ["/CFIDE/administrator/enter.cfm?locale=../../../../x", "/admin4.nsf", "/msadc/msadcs.dll",
               "/scripts/root.exe?/c+dir", "/default.ida?NNNN", "/jbossmq-httpil/HTTPServerILServlet",
               "/axis/services/AdminService", "/setup/setup-s/%u002e%u002e/%u002e%u002e/log.jsp",
               "/ztp/cgi-bin/handler", "/clients/MyCRL", "/app/rest/users/id:1/tokens/RPC2",
               "/cgi-bin/phf?Qalias=x", "/_debugbar/open?op=get", "/theme/META-INF/prototype.js",
               "/secure/queryComponent!Default.jspa"],
    # a product's folder or admin page: a probe only when the site answers 4xx
    "weak": ["/cfide/componentutils/", "/names.nsf", "/jsp-examples/", "/ibm/console/logon.jsp",
             "/_vti_inf.html", "/components/com_foo/foo.php", "/phpMyAdmin-4.9.0/index.php", "/env", "/webdav/"],
    # the same, written to slip past a plain comparison
    "evasion": ["/CFIDE/Administrator/enter.cfm?locale=..%2f..%2fx", "/%61dmin4.nsf", "//msadc//msadcs.dll",
                "/MSADC/./msadcs.dll", "/CfIdE/componentutils/"],
    # look-alikes on ordinary sites
    "benign": ["/environment/policy", "/envelope.png", "/servlets/doc.html", "/components/header.js",
               "/phpmyadminguide.html", "/manager-reports/2026", "/nsfw-filter/help", "/webdav-guide.pdf",
               "/cfide-tutorial", "/snooping-news/2026", "/handlers/list", "/dumpling-recipe"],
}


@pytest.mark.parametrize("target", PRODUCT_PROBES["strong"] + PRODUCT_PROBES["evasion"])
def test_product_exploit_paths_are_probes(target):
    assert "exploit_probe" in verdict_ids(target)


@pytest.mark.parametrize("target", PRODUCT_PROBES["strong"])
def test_exploit_endpoints_count_even_when_answered(target):
    assert "exploit_probe" in verdict_ids(target, status=200)


@pytest.mark.parametrize("target", PRODUCT_PROBES["weak"])
def test_product_folders_count_only_when_missing(target):
    assert "exploit_probe" in verdict_ids(target, status=404)
    assert "exploit_probe" not in verdict_ids(target, status=200)


@pytest.mark.parametrize("target", PRODUCT_PROBES["benign"])
def test_product_look_alikes_raise_nothing(target):
    assert verdict_ids(target, status=404) == set()


def test_data_file_is_versioned_lower_case_ready_and_unique():
    frags = [e[0] for e in EXPLOIT_PATHS]
    assert len(frags) == len(set(f.lower() for f in frags))
    assert all(len(e) == 4 and e[3] in (3, 5) and e[1] and e[2] for e in EXPLOIT_PATHS)
    assert VERSION.count(".") == 2


# --------------------------------------------------------------------------- the site's own technology

UA = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/120.0"


def _log(tmp_path, entries):
    lines = ['%s - - [27/Nov/2026:10:%02d:00 +0700] "GET %s HTTP/1.1" %d 100 "-" "%s"\n'
             % (ip, n % 60, path, status, UA) for n, (ip, path, status) in enumerate(entries)]
    log = tmp_path / "access.log"
    log.write_text("".join(lines), encoding="utf-8")
    return str(log)


def _incidents(tmp_path, entries, **kw):
    result = audit([_log(tmp_path, entries)], second_opinion=False, **kw)
    return {i["client"]: i for i in result["incidents"]}


SITE_PHP = [("198.51.100.%d" % n, "/berita.php?id=%d" % n, 200) for n in range(1, 6)]


@pytest.mark.parametrize("probe", ["/login.aspx", "/Default.asp", "/index.jsp", "/admin/main.cfm",
                                   "/page%2Ecfm", "/app/Login.do;jsessionid=1", "/bin/x.dll"])
def test_page_of_a_technology_the_site_does_not_run_answered_404_is_a_probe(tmp_path, probe):
    found = _incidents(tmp_path, SITE_PHP + [("203.0.113.9", probe, 404)])
    assert set(found) == {"203.0.113.9"}
    inc = found["203.0.113.9"]
    assert "exploit_probe" in inc["detections"]
    assert "exploit_foreign_technology" in json.dumps(inc)


def test_a_broken_link_of_the_sites_own_technology_is_not_a_probe(tmp_path):
    assert _incidents(tmp_path, SITE_PHP + [("203.0.113.9", "/berita-lama.php?id=1", 404)]) == {}


def test_the_technology_is_learned_from_2xx_answers_wherever_they_are_in_the_log(tmp_path):
    site_asp = [("198.51.100.%d" % n, "/news.aspx?id=%d" % n, 200) for n in range(1, 4)]
    # the 404 comes first; the site's .aspx pages answered later still clear it
    assert _incidents(tmp_path, [("203.0.113.9", "/old.aspx", 404)] + site_asp) == {}


def test_one_client_answered_2xx_does_not_teach_the_site_a_technology(tmp_path):
    # a soft 200 to one (maybe hostile) client is not enough; two different clients are
    found = _incidents(tmp_path, SITE_PHP + [("203.0.113.5", "/x.jsp", 200), ("203.0.113.9", "/y.jsp", 404)])
    assert "exploit_probe" in found["203.0.113.9"]["detections"]


def test_old_links_many_visitors_follow_are_not_probes(tmp_path):
    old = [("192.0.2.%d" % n, "/profil.asp", 404) for n in range(1, 12)]
    assert _incidents(tmp_path, SITE_PHP + old) == {}


def test_static_and_redirected_requests_say_nothing(tmp_path):
    entries = SITE_PHP + [("203.0.113.9", "/missing.html", 404), ("203.0.113.8", "/old.jsp", 301),
                          ("203.0.113.7", "/login.aspx", 401)]
    assert _incidents(tmp_path, entries) == {}


def test_exploit_probe_disabled_means_no_technology_probes(tmp_path):
    found = _incidents(tmp_path, SITE_PHP + [("203.0.113.9", "/login.aspx", 404)],
                       detections=["sqli", "xss"])
    assert found == {}


def test_technology_names_server_side_extensions_only():
    assert technology(b"/a/b.PHP") == "PHP" and technology(b"/x.do;jsessionid=1") == "Java"
    assert technology(b"/x%2Ecfm") == "ColdFusion" and technology(b"/axis/Echo.jws") == "Java"
    for static in (b"/", b"/a.html", b"/a.js", b"/a.json", b"/b.verylongextension", b"/noext", b"/.env"):
        assert technology(static) is None


# --------------------------------------------------------------------------- sensitive files

SENSITIVE = {
    # credentials, VCS metadata, logs, editor and admin copies: a probe whatever the answer
    "strong": ["/CVS/Entries", "/_darcs/prefs", "/bzr/branch-format", "/WEB-INF/web.xml", "/master.passwd",
               "/_vti_pvt/administrators.pwd", "/conf/tomcat-users.xml", "/logs/catalina.out", "/spwd.db",
               "/config.php.bkp", "/wp-config.php_bak", "/settings.php.original", "/config.inc.php-old",
               "/Copy%20of%20config.php", "/config%20-%20Copy.php", "/wp-config.php.$$$", "/config.php.un~",
               "/.hg/store", "/.ssh/authorized_keys", "/etc/my.cnf", "/unattend.xml", "/sysprep.inf"],
    # hidden files, names only a probe asks for, source renamed to text: only when the site answers 4xx
    "weak": ["/.foo", "/.bash_logout", "/users.txt", "/core", "/nohup.out", "/index.php.txt", "/web.config.src",
             "/db.php", "/App_Code/Db.cs", "/global.asax", "/data.db", "/web.csproj", "/x.vbs"],
    "evasion": ["/%2eCVS%2f..%2fCVS/Entries", "/WEB-INF%2fweb.xml", "/CONFIG.PHP.BKP", "/config.php%7e"],
    "benign": ["/robots.txt", "/sitemap.xml", "/favicon.ico", "/.well-known/acme-challenge/abc", "/news/2024-old",
               "/img/logo-old.png", "/blog/copy-of-the-law", "/files/report_2024.bak.pdf", "/assets/app.1.js",
               "/release-1.0", "/docs/readme.md", "/cvs-receipt/2026", "/meta-information/", "/core-values",
               "/data/x.csv", "/manifest.webmanifest", "/fonts/x.woff2", "/berkas/putusan.pdf", "/feed.rss"],
}


def file_ids(target, status):
    return verdict_ids(target, status) & {"sensitive_file", "path_traversal"}


@pytest.mark.parametrize("target", SENSITIVE["strong"] + SENSITIVE["evasion"])
def test_sensitive_files_are_found_whatever_the_answer(target):
    assert file_ids(target, 200)


@pytest.mark.parametrize("target", SENSITIVE["weak"])
def test_weak_file_hints_count_only_when_missing(target):
    assert "sensitive_file" in verdict_ids(target, 404)
    assert "sensitive_file" not in verdict_ids(target, 200)


@pytest.mark.parametrize("target", SENSITIVE["benign"])
def test_public_files_and_look_alikes_raise_nothing(target):
    assert verdict_ids(target, 404) == set()


@pytest.mark.parametrize("probe,benign", [
    ("/script", "/assets/script.js"), ("/metrics", "/api/v2/metrics"), ("/env", "/config/env.js"),
    ("/trace", "/orders/trace"), ("/manager/html", "/shop/manager/"), ("/nwa", "/img/nwa.png"),
    ("/vendor/composer/installed.json", "/shop/vendor/acme"), ("/console/", "/games/console/"),
])
def test_generic_words_name_a_product_only_at_the_start_of_the_path(probe, benign):
    assert "exploit_probe" in verdict_ids(probe, 404)
    assert "exploit_probe" not in verdict_ids(benign, 404)
