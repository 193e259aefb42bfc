"""Unit tests of the probe's page and XML reading (module_utils/probe/content.py, probe_http.decode_body)."""

import datetime

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.probe import content as pc
from ansible_collections.sitekeeper.website.plugins.module_utils.probe.http import decode_body

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize("text,expected", [
    ("2026-11-20", datetime.datetime(2026, 11, 20, tzinfo=UTC)),
    ("2026-11", datetime.datetime(2026, 11, 1, tzinfo=UTC)),
    ("2026-11-20T10:30:00Z", datetime.datetime(2026, 11, 20, 10, 30, tzinfo=UTC)),
    ("2026-11-20T10:30:00+07:00", datetime.datetime(2026, 11, 20, 3, 30, tzinfo=UTC)),
    ("2026-11-20T10:30+0700", datetime.datetime(2026, 11, 20, 3, 30, tzinfo=UTC)),
    ("2026-11-20T10:30:00.123-01:00", datetime.datetime(2026, 11, 20, 11, 30, tzinfo=UTC)),
    ("Fri, 20 Nov 2026 10:30:00 +0700", datetime.datetime(2026, 11, 20, 3, 30, tzinfo=UTC)),
    ("Fri, 20 Nov 2026 10:30:00 GMT", datetime.datetime(2026, 11, 20, 10, 30, tzinfo=UTC)),
])
def test_parse_date_formats(text, expected):
    assert pc.parse_date(text, NOW) == expected


@pytest.mark.parametrize("text", ["", None, "yesterday", "2026-13-45", "2030-01-01", 42])
def test_parse_date_rejects_garbage_and_future(text):
    assert pc.parse_date(text, NOW) is None


SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
 <url><loc>https://pn.example/</loc><lastmod>2026-11-01</lastmod></url>
 <url><loc>https://pn.example/a</loc><lastmod>2026-11-10T08:00:00+07:00</lastmod></url>
 <url><loc>https://pn.example/b</loc></url>
</urlset>"""


def test_sitemap_dates_newest_first():
    parsed = pc.parse_xml_dates(SITEMAP)
    assert parsed["kind"] == "sitemap"
    assert parsed["entries"] == 3
    assert parsed["dates"][0] == datetime.datetime(2026, 11, 10, 1, 0, tzinfo=UTC)


def test_sitemap_index_children_and_dates():
    parsed = pc.parse_xml_dates(
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://pn.example/s1.xml</loc></sitemap>"
        b"<sitemap><loc>https://pn.example/s2.xml</loc><lastmod>2026-10-01</lastmod></sitemap></sitemapindex>"
    )
    assert parsed["kind"] == "sitemapindex"
    assert parsed["children"] == ["https://pn.example/s1.xml", "https://pn.example/s2.xml"]
    assert parsed["dates"] == [datetime.datetime(2026, 10, 1, tzinfo=UTC)]


def test_rss_with_dc_date_and_atom():
    rss = pc.parse_xml_dates(
        b'<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        b"<item><pubDate>Tue, 10 Nov 2026 09:00:00 +0000</pubDate></item>"
        b"<item><dc:date>2026-11-15T00:00:00Z</dc:date></item></channel></rss>"
    )
    assert rss["kind"] == "rss"
    assert rss["dates"][0] == datetime.datetime(2026, 11, 15, tzinfo=UTC)
    atom = pc.parse_xml_dates(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><updated>2026-11-02T00:00:00Z</updated>'
        b"<entry><published>2026-11-01T00:00:00Z</published></entry></feed>"
    )
    assert atom["kind"] == "atom"
    assert atom["dates"][0] == datetime.datetime(2026, 11, 2, tzinfo=UTC)


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    b"<urlset><url><loc>&lol2;</loc></url></urlset>",
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss>&xxe;</rss>',
    b"<!doctype urlset SYSTEM 'http://evil.invalid/x.dtd'><urlset/>",
    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><urlset/>'.encode("utf-16"),
])
def test_hostile_xml_is_refused_without_expansion(data):
    with pytest.raises(pc.UnsafeXmlError):
        pc.parse_xml_dates(data)


@pytest.mark.parametrize("data", [b"<urlset><url>", b"not xml at all", b"<rss><channel></rss>", b""])
def test_malformed_xml_is_a_clear_error(data):
    with pytest.raises(ValueError, match="malformed XML"):
        pc.parse_xml_dates(data)


def test_wordpress_dates():
    dates = pc.wordpress_post_dates(b'[{"date_gmt": "2026-11-01T10:00:00", "modified_gmt": "2026-11-03T10:00:00"}]')
    assert dates[0] == datetime.datetime(2026, 11, 3, 10, tzinfo=UTC)
    assert pc.wordpress_post_dates(b'{"code": "rest_disabled"}') == []
    with pytest.raises(ValueError):
        pc.wordpress_post_dates(b"<html>")


def test_spam_terms_match_whole_words_and_variants():
    terms = pc.compile_terms(pc.DEFAULT_SPAM_TERMS)
    found = dict(pc.find_matches("Daftar SLOT-GACOR hari ini dan Toto Macau 4D", terms))
    assert "slot gacor" in found and "toto macau" in found
    assert "SLOT-GACOR" in found["slot gacor"]
    assert pc.find_matches("Pengadilan Negeri: jadwal sidang perkara perdata", terms) == []
    assert pc.find_matches("slot gacorx", pc.compile_terms(["slot gacor"])) == []
    assert pc.find_matches("kuotogelas", pc.compile_terms(["togel"])) == []


def test_defacement_markers():
    markers = pc.compile_patterns(pc.DEFAULT_DEFACEMENT_MARKERS)
    assert pc.find_matches("HACKED BY Anonymous -- Greetz to all", markers)
    assert pc.find_matches("h4ck3d by x", markers)
    assert pc.find_matches("Pengadilan menerima berkas yang diajukan oleh penggugat", markers) == []
    with pytest.raises(ValueError, match="bad regular expression"):
        pc.compile_patterns(["(unclosed"])


def test_hidden_links_inline_class_and_attribute():
    page = (
        "<html><head><style>.sr{display:none} #box { visibility: hidden }</style></head><body>"
        '<a href="/visible">Berita</a>'
        '<div style="position:absolute; left:-9999px"><a href="https://spam.invalid/1">slot</a></div>'
        '<span class="foo sr"><a href="https://spam.invalid/2">togel</a></span>'
        '<div id="box"><p><a href="/internal">menu</a></p></div>'
        '<div hidden><a href="https://spam.invalid/3">x</a></div>'
        '<p><a href="/after">after</a><br></p></body></html>'
    )
    links = pc.hidden_links(page, "https://pn.example/")
    hrefs = [link["href"] for link in links]
    assert hrefs == ["https://spam.invalid/1", "https://spam.invalid/2", "/internal", "https://spam.invalid/3"]
    assert [link["external"] for link in links] == [True, True, False, True]
    assert links[1]["text"] == "togel"


def test_no_hidden_links_on_a_plain_page():
    assert pc.hidden_links('<p><a href="https://other.example/">link</a></p>', "https://pn.example/") == []


def test_feed_discovery_and_cms():
    page = (
        '<head><link rel="alternate" type="application/rss+xml" href="/feed/">'
        "<link rel='alternate' type='application/atom+xml' href='https://pn.example/atom.xml'>"
        '<link rel="stylesheet" href="/s.css"><meta name="generator" content="WordPress 6.5"></head>'
    )
    assert pc.discover_feeds(page, "https://pn.example/x/") == ["https://pn.example/feed/", "https://pn.example/atom.xml"]
    assert pc.detect_cms(page) == "wordpress"
    assert pc.detect_cms('<meta name="generator" content="Joomla! - Open Source">') == "joomla"
    assert pc.detect_cms("<p>static</p>") is None


def test_visible_text_and_content_hash_ignore_scripts_and_digits():
    page = "<html><script>var t = 1;</script><style>p{}</style><p>Jadwal &amp; Sidang</p><!-- c --></html>"
    assert pc.visible_text(page) == "Jadwal & Sidang"
    assert pc.content_hash("Pengunjung hari ini: 1234") == pc.content_hash("Pengunjung hari ini: 99")
    assert pc.content_hash("Berita A") != pc.content_hash("Berita B")
    assert pc.title("<title> PN &amp; Contoh </title>") == "PN & Contoh"


def test_similarity():
    assert pc.similarity(set(), set()) == 1.0
    assert pc.similarity({"a", "b"}, {"a", "b"}) == 1.0
    assert pc.similarity({"a", "b"}, {"c"}) == 0.0


def test_keyword_match_plain_and_regex():
    assert pc.keyword_match("Pengadilan Negeri Contoh", "pengadilan negeri")
    assert pc.keyword_match("Jadwal   Sidang", r"re:jadwal\s+sidang")
    assert not pc.keyword_match("Jadwal", "re:^sidang")


def test_decode_body_charsets():
    assert decode_body("Négeri".encode(), "text/html; charset=UTF-8")[:2] == ("Négeri", "utf-8")
    text, encoding, note = decode_body('<meta charset="iso-8859-1"><p>N\xe9geri</p>'.encode("latin-1"), None)
    assert "Négeri" in text and encoding == "iso-8859-1" and note is None
    text, encoding, note = decode_body(b"N\xe9geri \x93quoted\x94", None)
    assert text == "Négeri \u201cquoted\u201d" and encoding == "cp1252" and "UTF-8" in note
    text, encoding, note = decode_body(b"plain", "text/html; charset=x-no-such")
    assert text == "plain" and "unknown charset" in note


def test_chunked_gzip_body_is_reassembled_and_capped():
    import gzip

    from ansible_collections.sitekeeper.website.plugins.module_utils.probe import http as ph

    class _Loop:
        def create_future(self):
            import asyncio

            return asyncio.Future(loop=asyncio.new_event_loop())

    payload = gzip.compress(b"<p>Pengadilan</p>" * 1000)
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(payload[i:i + 100]), payload[i:i + 100]) for i in range(0, len(payload), 100))
    protocol = ph._HttpProtocol(_Loop(), cap=4096)
    protocol.connection_made(None)
    protocol.data_received(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n")
    protocol.data_received(chunks + b"0\r\n\r\n")
    assert protocol.done.done()  # the last chunk ends the response without waiting for the close
    response = ph.Response("http://x/")
    ph._parse_response(protocol, response, 4096)
    assert response.status == 200
    assert response.body == (b"<p>Pengadilan</p>" * 1000)[:4096]
    assert response.truncated and "cap" in response.truncated_reason


def _collected(*pieces, cap=4096, lost=None):
    """An _HttpProtocol fed the response pieces, then the connection's end (EOF, or lost with an error)."""
    import asyncio

    from ansible_collections.sitekeeper.website.plugins.module_utils.probe import http as ph

    protocol = ph._HttpProtocol(asyncio.new_event_loop(), cap=cap)
    protocol.connection_made(None)
    for piece in pieces:
        protocol.data_received(piece)
    if lost is None:
        protocol.eof_received()
    else:
        protocol.connection_lost(lost)
    return ph, protocol


@pytest.mark.parametrize("lost", [None, ConnectionResetError(104, "Connection reset by peer")])
def test_a_page_cut_before_its_content_length_is_an_error_not_a_small_page(lost):
    ph, protocol = _collected(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", b"x" * 326, lost=lost)
    error = protocol.done.exception()
    assert isinstance(error, ph.FetchError) and error.kind == "incomplete"
    assert "326 of the 1000" in str(error)


def test_a_whole_page_and_a_capped_big_page_are_answers():
    ph, whole = _collected(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", b"hello")
    assert whole.done.result() is True and bytes(whole.body) == b"hello"
    # More than the cap arrived: the rest is not wanted, so a close after it is not a cut page.
    ph, big = _collected(b"HTTP/1.1 200 OK\r\nContent-Length: 52428800\r\n\r\n", b"x" * 80000, cap=4096)
    assert big.done.result() is True and big.over_limit


def test_a_chunked_page_without_its_last_chunk_is_an_error():
    ph, protocol = _collected(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", b"5\r\nhello\r\n")
    response = ph.Response("http://127.0.0.1/")
    with pytest.raises(ph.FetchError) as caught:
        ph._parse_response(protocol, response, 4096)
    assert caught.value.kind == "incomplete"
