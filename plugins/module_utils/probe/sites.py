# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SOP activity 1: probe many websites at once for availability, freshness and integrity.

The probe runs on the controller, once per run for every site of every web host,
with one asyncio event loop (see probe_http for why the client is hand-written on
the standard library). For each site it fetches, concurrently:

* the page with a browser User-Agent (retried with backoff; a failure is only
  ``critical`` after ``attempts`` consecutive failures, so one dropped packet
  does not page anyone),
* the same page with a search-crawler User-Agent (cloaking check),
* /sitemap.xml (and up to three children of a sitemap index without dates),
* announced RSS/Atom feeds (or /feed.xml, /rss.xml, /feed/ when none are announced),
* the WordPress REST API or the Joomla feed when the page shows either CMS,

then turns what it saw into findings (activity 1) and numeric metrics (probe.checks,
one function per check family). Freshness uses the newest date the site *declares*
for its content (feed items, WordPress posts, Joomla feed, sitemap ``lastmod``);
when none exists it falls back to the time the page's text last changed (from the
history store, read-only) and then to the ``Last-Modified`` header.
``Last-Modified`` is only a fallback because a static file's modification time
changes on every deployment and a CMS sends the current time, so neither says
when an editor last published something.

Default thresholds: content older than 14 days is a warning and older than 30
days is critical (the SOP asks for regular updates; a court publishes schedules
and announcements weekly).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import os
import time
import urllib.parse

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import content as pc
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import http as ph
from ansible_collections.sitekeeper.website.plugins.module_utils.probe.checks import (
    ACTIVITY,
    FRESHNESS_CHECK,
    declared_dates,
    evaluate,
)

DEFAULTS = {
    "concurrency": 200,
    "timeout": 10.0,
    "attempts": 3,
    "retry_backoff": 1.0,
    "max_body_bytes": 2 * 1024 * 1024,
    "max_xml_bytes": 8 * 1024 * 1024,
    "max_redirects": 5,
    "stale_after_days": 14,
    "critical_after_days": 30,
    "slow_response_ms": 3000,
    "tls_warning_days": 14,
    "expect_https": True,
    "check_cloaking": True,
    "cloak_similarity_min": 0.5,
    "spam_terms": list(pc.DEFAULT_SPAM_TERMS),
    "extra_spam_terms": [],
    "defacement_markers": list(pc.DEFAULT_DEFACEMENT_MARKERS),
    "user_agent": ph.DEFAULT_USER_AGENT,
    "crawler_user_agent": ph.CRAWLER_USER_AGENT,
    "ca_file": None,
    "validate_certs": True,
    "sitemap_paths": ["/sitemap.xml"],
    "feed_paths": ["/feed.xml", "/rss.xml", "/feed/"],
    "host": "localhost",
    "history_path": None,
    "workers": 0,
}

# Keys a site entry may carry for this probe; any other key (docroot, access_logs...)
# belongs to other activities and is ignored.
SITE_OPTIONS = (
    "must_contain", "must_not_contain", "stale_after_days", "critical_after_days", "expect_https",
    "check_cloaking", "sitemap_urls", "feed_urls", "timeout", "attempts", "slow_response_ms",
)

_RETRYABLE = {"refused", "timeout", "connection", "empty", "incomplete", "dns", "protocol", "tls"}


class SiteError(ValueError):
    """A site entry is malformed; the message names the key and what is expected."""


def _as_list(value, key: str) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return list(value)
    raise SiteError("%s must be a string or a list of strings" % key)


def normalise_site(site, defaults: dict) -> dict:
    """Merge a site entry over the defaults and validate it; raises SiteError."""
    if not isinstance(site, dict):
        raise SiteError("a site must be a mapping with at least 'url', got %s" % type(site).__name__)
    url = site.get("url")
    if not isinstance(url, str) or not url.strip():
        raise SiteError("the site has no 'url'")
    url = url.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SiteError("url %r is not an http:// or https:// address" % url[:200])
    try:
        parts.port  # noqa: B018 - validates the port
    except ValueError:
        raise SiteError("url %r has a bad port" % url[:200]) from None
    merged = {"url": url, "name": str(site.get("name") or parts.hostname),
              "host": str(site.get("host") or defaults["host"])}
    for key in SITE_OPTIONS:
        merged[key] = site.get(key, defaults.get(key))
    merged["must_contain"] = _as_list(merged["must_contain"], "must_contain")
    merged["must_not_contain"] = _as_list(merged["must_not_contain"], "must_not_contain")
    merged["sitemap_urls"] = [urllib.parse.urljoin(url, u) for u in _as_list(merged["sitemap_urls"], "sitemap_urls")]
    merged["feed_urls"] = [urllib.parse.urljoin(url, u) for u in _as_list(merged["feed_urls"], "feed_urls")]
    for needle in merged["must_contain"] + merged["must_not_contain"]:
        if needle.startswith("re:"):
            pc.compile_patterns([needle[3:]])
    for key in ("stale_after_days", "critical_after_days", "timeout", "slow_response_ms"):
        value = merged[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise SiteError("%s must be a positive number, got %r" % (key, value))
    attempts = merged["attempts"]
    if isinstance(attempts, bool) or not isinstance(attempts, int) or not 1 <= attempts <= 10:
        raise SiteError("attempts must be an integer from 1 to 10, got %r" % (attempts,))
    if merged["critical_after_days"] < merged["stale_after_days"]:
        raise SiteError(
            "critical_after_days (%s) must not be smaller than stale_after_days (%s)"
            % (merged["critical_after_days"], merged["stale_after_days"])
        )
    for key in ("docroot_newest_mtime", "docroot_newest_path", "docroot_error", "docroot"):
        if site.get(key) not in (None, ""):
            merged[key] = site[key]
    return merged


def parse_docroot_scan(scan) -> dict:
    """{site index: docroot keys} from one web host's docroot scan (the site_monitor role's command).

    ``scan`` is that task's result (``rc``, ``stdout``, ``stderr``, ``skipped``) or its stdout text.
    Each stdout line is ``INDEX<TAB>RC<TAB>PAYLOAD``: INDEX is the site's position in that host's
    site list; with RC 0 the payload is ``EPOCH PATH`` (newest file, empty for an empty folder),
    otherwise the error. Lines that do not have this shape are ignored.
    """
    text = scan.get("stdout", "") if isinstance(scan, dict) else scan
    found = {}
    for line in str(text or "").splitlines():
        parts = line.split("\t", 2)
        if len(parts) < 2 or not parts[0].isdigit() or not parts[1].isdigit():
            continue
        payload = parts[2] if len(parts) == 3 else ""
        if parts[1] == "0":
            newest = payload.split(" ", 1) if payload else []
            found[int(parts[0])] = {"docroot_newest_mtime": newest[0] if newest else "",
                                    "docroot_newest_path": newest[1] if len(newest) == 2 else "",
                                    "docroot_error": ""}
        else:
            found[int(parts[0])] = {"docroot_newest_mtime": "", "docroot_newest_path": "",
                                    "docroot_error": payload.strip() or "find failed"}
    return found


def attach_docroot_scans(sites: list, scans: dict) -> list:
    """The sites with each host's docroot scan attached (by the site's position among its host's sites).

    ``scans`` maps a host to its scan (see parse_docroot_scan); sites of hosts without a scan are
    left as they are. When a host's whole scan failed (rc not 0, not skipped), each of its sites
    with a docroot and no line of its own gets that failure as its docroot error.
    """
    parsed, failed, position, out = {}, {}, {}, []
    for host, scan in (scans or {}).items():
        parsed[str(host)] = parse_docroot_scan(scan)
        if isinstance(scan, dict) and not scan.get("skipped") and scan.get("rc") not in (None, 0):
            failed[str(host)] = (str(scan.get("stderr") or scan.get("msg") or "").strip()
                                 or "the docroot scan failed (rc %s)" % scan.get("rc"))
    for site in sites:
        if not isinstance(site, dict):
            out.append(site)
            continue
        host = str(site.get("host") or "")
        index = position.get(host, 0)
        position[host] = index + 1
        keys = parsed.get(host, {}).get(index)
        if keys is None and host in failed and site.get("docroot"):
            keys = {"docroot_error": failed[host]}
        out.append(dict(site, **keys) if keys else site)
    return out


def group_by_host(result: dict, sites: list) -> dict:
    """A probe result's findings and metrics grouped by host; every host named by a site has an entry."""
    hosts = [str(site["host"]) for site in sites if isinstance(site, dict) and site.get("host")]
    return fnd.group_by_host(result.get("findings", []), result.get("metrics", []), hosts)


def history_index(path: str | None) -> tuple:
    """({subject: previous freshness details}, note). Read-only; a missing store is no error."""
    if not path:
        return {}, None
    from ansible_collections.sitekeeper.website.plugins.module_utils.core import history

    try:
        location = history.resolve_location(path)
        if not history.history_pg.is_url(location) and not os.path.exists(os.path.expanduser(location)):
            return {}, None
        with history.HistoryStore(location, readonly=True) as store:
            # The newest freshness finding of each URL that recorded a page hash.
            newest = store.newest_per_subject(FRESHNESS_CHECK, "content_hash")
    except history.HistoryError as exc:
        return {}, "history not used: %s" % exc
    return {subject: dict(finding["details"], previous_observed_at=finding["observed_at"])
            for subject, finding in newest.items()}, None


class Probe:
    """One probe run over many sites."""

    def __init__(self, options: dict | None = None):
        self.options = dict(options or {})
        self.cfg = dict(DEFAULTS)
        for key, value in (options or {}).items():
            if value is not None:
                self.cfg[key] = value
        cfg = self.cfg
        self.spam = pc.compile_terms(list(cfg["spam_terms"]) + list(cfg["extra_spam_terms"] or []))
        self.markers = pc.compile_patterns(cfg["defacement_markers"])
        self.fetcher = ph.Fetcher(
            timeout=cfg["timeout"], max_body_bytes=cfg["max_body_bytes"], max_redirects=cfg["max_redirects"],
            ca_file=cfg["ca_file"], validate_certs=cfg["validate_certs"],
        )
        self.history, history_note = history_index(cfg["history_path"])
        self.notes = [history_note] if history_note else []

    # -- running ------------------------------------------------------------------
    def run(self, sites: list, now: datetime.datetime | None = None) -> dict:
        """Probe every site; with several workers the sites are shared out between processes."""
        _raise_open_files_limit()
        started = time.monotonic()
        workers = self.workers(len(sites))
        if workers <= 1:
            triples = asyncio.run(self._probe_all(sites, now))
        else:
            try:
                triples = _run_in_workers(self.options, sites, now, workers)
            except (OSError, RuntimeError, ImportError) as exc:  # no fork / worker died: do it here
                self.notes.append("worker processes failed (%s); probed in one process" % exc)
                workers = 1
                triples = asyncio.run(self._probe_all(sites, now))
        return self._report(triples, time.monotonic() - started, workers)

    def workers(self, count: int) -> int:
        """Processes to use: ``workers`` if set, else one per CPU (at most 4), one for few sites."""
        wanted = int(self.cfg.get("workers") or 0)
        if wanted <= 0:
            wanted = min(4, os.cpu_count() or 1) if count >= 100 else 1
        return max(1, min(wanted, count))

    async def run_async(self, sites: list, now: datetime.datetime | None = None) -> dict:
        started = time.monotonic()
        return self._report(await self._probe_all(sites, now), time.monotonic() - started, 1)

    async def _probe_all(self, sites: list, now) -> list:
        concurrency = max(1, int(self.cfg["concurrency"]))
        semaphore = asyncio.Semaphore(concurrency)
        # DNS lookups run in the loop's thread pool: give it room for many distinct names.
        asyncio.get_running_loop().set_default_executor(
            concurrent.futures.ThreadPoolExecutor(max_workers=min(64, concurrency), thread_name_prefix="dns")
        )

        async def one(entry):
            async with semaphore:
                return await self.probe_site(entry, now)

        return await asyncio.gather(*(one(entry) for entry in sites))

    def _report(self, triples: list, wall: float, workers: int) -> dict:
        report = {"findings": [], "sites": [], "metrics": []}
        for site_result, site_findings, site_metrics in triples:
            report["sites"].append(site_result)
            report["findings"].extend(site_findings)
            report["metrics"].extend(site_metrics)
        statuses = [s["status"] for s in report["sites"]]
        report["summary"] = {
            "sites": len(statuses),
            "by_status": {s: statuses.count(s) for s in fnd.STATUSES},
            "wall_s": round(wall, 3),
            "workers": workers,
        }
        if self.notes:
            report["summary"]["notes"] = list(self.notes)
        return report

    async def _main_fetch(self, site: dict):
        attempts = []
        response = None
        for attempt in range(site["attempts"]):
            if attempt:
                await asyncio.sleep(float(self.cfg["retry_backoff"]) * (2 ** (attempt - 1)))
            response = await self.fetcher.fetch(site["url"], self.cfg["user_agent"], timeout=site["timeout"])
            failed = response.error is not None or (response.status or 0) >= 500
            attempts.append(response.error_kind or response.status)
            if not failed:
                break
            if response.error_kind and response.error_kind not in _RETRYABLE:
                break
        return response, attempts

    async def probe_site(self, entry, now=None) -> tuple:
        try:
            site = normalise_site(entry, self.cfg)
        except SiteError as exc:
            return self._bad_site(entry, str(exc))
        main, attempts = await self._main_fetch(site)
        extras = {}
        if main.status is not None and main.error is None and 200 <= main.status < 300:
            extras = await self._extras(site, main, now)
        return evaluate(site, main, attempts, extras, self, now)

    async def _extras(self, site: dict, main: ph.Response, now: datetime.datetime | None = None) -> dict:
        """Second stage of a site: crawler copy, feeds, CMS API, sitemaps (parsed); dates judged at ``now``."""
        now = now or datetime.datetime.now(datetime.timezone.utc)
        page, _enc, _note = main.text()
        base = main.final_url
        cms = pc.detect_cms(page)
        xml_cap = self.cfg["max_xml_bytes"]
        agent = self.cfg["user_agent"]
        jobs = {}
        if site["check_cloaking"]:
            jobs["crawler"] = self.fetcher.fetch(site["url"], self.cfg["crawler_user_agent"])
        feeds = list(site["feed_urls"])
        for url in pc.discover_feeds(page, base):
            if url not in feeds:
                feeds.append(url)
        guessed = not feeds
        if guessed:
            feeds = [urllib.parse.urljoin(base, p) for p in self.cfg["feed_paths"]]
        for index, url in enumerate(feeds[:4]):
            jobs["feed:%d" % index] = self.fetcher.fetch(url, agent, max_body_bytes=xml_cap)
        if cms == "wordpress":
            jobs["wordpress"] = self.fetcher.fetch(
                urllib.parse.urljoin(base, "/wp-json/wp/v2/posts?per_page=1&_fields=date_gmt,modified_gmt"),
                agent, accept="application/json",
            )
        elif cms == "joomla":
            jobs["joomla"] = self.fetcher.fetch(
                urllib.parse.urljoin(base, "/index.php?format=feed&type=rss"), agent, max_body_bytes=xml_cap
            )
        sitemaps = site["sitemap_urls"] or [urllib.parse.urljoin(base, p) for p in self.cfg["sitemap_paths"]]
        # The sitemap is read at once when the site announces no feed or names its
        # sitemaps; otherwise only when the feeds do not already show fresh content
        # (a sitemap can only make a site look fresher), which saves a request per site.
        sitemap_now = guessed or bool(site["sitemap_urls"]) or cms is not None
        if sitemap_now:
            for index, url in enumerate(sitemaps[:3]):
                jobs["sitemap:%d" % index] = self.fetcher.fetch(url, agent, max_body_bytes=xml_cap)
        extras = await self._gather(jobs, now)
        extras["cms"] = cms
        if not sitemap_now:
            newest = max((d for d, _s in declared_dates(extras)), default=None)
            limit = now - datetime.timedelta(days=site["stale_after_days"])
            if newest is None or newest < limit:
                extras.update(await self._gather({
                    "sitemap:%d" % index: self.fetcher.fetch(url, agent, max_body_bytes=xml_cap)
                    for index, url in enumerate(sitemaps[:3])
                }, now))
        # A sitemap index without dates: read up to three child sitemaps.
        children = []
        for name, parsed in list(extras.items()):
            if name.startswith("sitemap:") and name.endswith(":parsed"):
                if parsed.get("kind") == "sitemapindex" and not parsed.get("dates"):
                    children.extend(parsed.get("children", [])[:3])
        if children:
            extras.update(await self._gather({
                "sitemapchild:%d" % index: self.fetcher.fetch(urllib.parse.urljoin(base, url), agent,
                                                              max_body_bytes=xml_cap)
                for index, url in enumerate(children[:3])
            }, now))
        return extras

    @staticmethod
    async def _gather(jobs: dict, now: datetime.datetime) -> dict:
        """Run the fetches together; parse XML answers (feeds, sitemaps) and WordPress JSON (no date after ``now``)."""
        names = list(jobs)
        done = await asyncio.gather(*(jobs[n] for n in names))
        out = dict(zip(names, done, strict=True))
        for name, response in list(out.items()):
            if name.startswith(("feed:", "sitemap", "joomla")):
                out[name + ":parsed"] = _parse_xml_response(response, now)
            elif name == "wordpress":
                parsed = {"dates": []}
                if response.status == 200 and not response.error:
                    try:
                        parsed["dates"] = pc.wordpress_post_dates(response.body, now)
                    except ValueError as exc:
                        parsed["error"] = str(exc)
                out["wordpress:parsed"] = parsed
        return out

    def _bad_site(self, entry, reason: str) -> tuple:
        url = entry.get("url") if isinstance(entry, dict) and isinstance(entry.get("url"), str) else None
        host = str(entry.get("host") or self.cfg["host"]) if isinstance(entry, dict) else self.cfg["host"]
        subject = (url or (entry.get("name") if isinstance(entry, dict) else None) or "site entry")[:300]
        finding = fnd.make_finding(
            ACTIVITY, "availability.site_config", host, subject, "unknown",
            "A website in the inventory could not be checked because its entry is wrong: %s." % reason[:250],
            details={"reason": reason},
            summary_id="Situs di inventori tidak dapat diperiksa karena isiannya salah: %s." % reason[:200],
            suggested_actions=[fnd.action("Correct this site's entry in sitekeeper_sites in the inventory.",
                                          text_id="Perbaiki isian situs ini pada sitekeeper_sites di inventori.")],
        )
        result = {"url": url or subject, "name": subject, "host": host, "status": "unknown", "error": reason,
                  "http_status": None, "response_ms": None, "tls_days_left": None, "content_date": None,
                  "content_date_source": None}
        return result, [finding], []


def _worker(args) -> list:
    """In a worker process: probe a share of the sites with the parent's options."""
    options, indexed, now = args
    share = int(options.get("concurrency") or DEFAULTS["concurrency"]) // max(1, int(options.get("_workers", 1)))
    probe = Probe(dict(options, concurrency=max(1, share)))
    triples = asyncio.run(probe._probe_all([site for _i, site in indexed], now))
    return [(index, triple) for (index, _site), triple in zip(indexed, triples, strict=True)]


def _run_in_workers(options: dict, sites: list, now, workers: int) -> list:
    """Share the sites out (round robin) to forked worker processes, each with its own
    event loop, so the probe can use more than one CPU; results come back in site order."""
    import multiprocessing

    indexed = list(enumerate(sites))
    shares = [indexed[i::workers] for i in range(workers)]
    options = dict(options, _workers=workers)
    # forkserver: workers fork from a fresh single-threaded server, so a lock another thread of
    # this process held (a resolver, a logger) can never be inherited locked and hang a worker.
    context = multiprocessing.get_context("forkserver")
    cfg = dict(DEFAULTS, **{k: v for k, v in options.items() if v is not None})
    rounds = -(-len(sites) // max(1, int(cfg["concurrency"])))
    # A bound far above any real probe (every fetch of every round timing out on every attempt):
    # past it the workers are ended and the caller probes in one process instead.
    bound_s = 60 + float(cfg["timeout"]) * int(cfg["attempts"]) * 8 * rounds
    with context.Pool(workers) as pool:
        try:
            parts = pool.map_async(_worker, [(options, share, now) for share in shares]).get(bound_s)
        except multiprocessing.TimeoutError:
            raise RuntimeError("worker processes gave no answer within %d s" % bound_s) from None
    ordered = [None] * len(sites)
    for part in parts:
        for index, triple in part:
            ordered[index] = triple
    return ordered


def _parse_xml_response(response: ph.Response, now: datetime.datetime | None = None) -> dict:
    """Safely parsed XML of a response, or {"error": reason}; a 404 is {"missing": True}."""
    if response.error:
        return {"error": response.error}
    if response.status != 200:
        return {"missing": True, "status": response.status}
    if response.truncated:
        return {"error": "document larger than the size cap; not parsed"}
    try:
        return pc.parse_xml_dates(response.body, now=now)
    except pc.UnsafeXmlError as exc:
        return {"error": str(exc), "unsafe": True}
    except ValueError as exc:
        return {"error": str(exc)}


def _raise_open_files_limit() -> None:
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        wanted = 8192 if hard == resource.RLIM_INFINITY else min(hard, 8192)
        if soft < wanted:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    except (ImportError, ValueError, OSError):  # pragma: no cover - best effort
        pass


def probe_sites(sites: list, options: dict | None = None, now: datetime.datetime | None = None) -> dict:
    """Probe every site; returns {findings, sites, metrics, summary}."""
    return Probe(options).run(sites, now)
