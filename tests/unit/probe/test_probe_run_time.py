"""A probe given the run's time judges the site's declared dates by that time, not by the real clock
(issue 19: a test passing `now` must give the same answer on any day it runs)."""

import asyncio
import datetime
import email.utils

from ansible_collections.sitekeeper.website.plugins.module_utils.probe import sites as sp
from ansible_collections.sitekeeper.website.plugins.module_utils.probe.http import Response

UTC = datetime.timezone.utc
# Years before any run of these tests: the real clock is far from the run's time.
RUN_TIME = datetime.datetime(2021, 6, 1, 10, 0, tzinfo=UTC)
URL = "https://pn.example/"
PAGE = (b'<html><head><title>PN Contoh</title><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        b"</head><body><h1>Pengadilan Negeri Contoh</h1><p>Jadwal sidang dan berita.</p></body></html>")


def _rss(*dates) -> bytes:
    items = "".join("<item><title>Berita</title><pubDate>%s</pubDate></item>" % email.utils.format_datetime(d)
                    for d in dates)
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>PN</title>%s</channel></rss>' % items).encode()


def _sitemap(day: datetime.datetime) -> bytes:
    return ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<url><loc>%s</loc><lastmod>%s</lastmod></url></urlset>" % (URL, day.strftime("%Y-%m-%d"))).encode()


class RecordedSite:
    """Answers the probe's fetches from a fixed set of documents and remembers what was asked."""

    def __init__(self, documents: dict):
        self.documents = documents
        self.asked = []

    async def fetch(self, url, user_agent=None, follow=True, max_body_bytes=None, accept="*/*", timeout=None):
        self.asked.append(url)
        response = Response(url)
        body = self.documents.get(url)
        response.status, response.body = (200, body) if body is not None else (404, b"")
        response.headers = {"content-type": "application/xml" if url != URL else "text/html; charset=utf-8"}
        response.timings = {"dns_ms": 1.0, "connect_ms": 1.0, "ttfb_ms": 5.0, "total_ms": 10.0}
        return response


def _probe(documents: dict):
    probe = sp.Probe({"expect_https": True, "check_cloaking": False})
    probe.fetcher = RecordedSite(documents)
    return probe


def test_a_feed_fresh_at_the_run_time_needs_no_sitemap():
    # The feed's newest item is two days old at the run's time: fresh, so the sitemap is not read.
    probe = _probe({URL: PAGE, URL + "feed.xml": _rss(RUN_TIME - datetime.timedelta(days=2)),
                    URL + "sitemap.xml": _sitemap(RUN_TIME - datetime.timedelta(days=1))})
    result, _findings, _metrics = asyncio.run(probe.probe_site({"url": URL, "host": "web1"}, RUN_TIME))
    assert URL + "sitemap.xml" not in probe.fetcher.asked
    assert result["content_date_source"] == "feed"
    assert result["content_date"] == "2021-05-30T10:00:00Z"


def test_a_date_after_the_run_time_is_a_future_date():
    # An item dated a month after the run's time is in the future for that run (a wrong date), not its news.
    later = RUN_TIME + datetime.timedelta(days=30)
    probe = _probe({URL: PAGE, URL + "feed.xml": _rss(later, RUN_TIME - datetime.timedelta(days=3))})
    result, _findings, _metrics = asyncio.run(probe.probe_site({"url": URL, "host": "web1"}, RUN_TIME))
    assert result["content_date"] == "2021-05-29T10:00:00Z"
    assert result["content_age_days"] == 3.0
