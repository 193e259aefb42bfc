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

then turns what it saw into findings (activity 1) and numeric metrics. Freshness
uses the newest date the site *declares* for its content (feed items, WordPress
posts, Joomla feed, sitemap ``lastmod``); when none exists it falls back to the
time the page's text last changed (from the history store, read-only) and then
to the ``Last-Modified`` header. ``Last-Modified`` is only a fallback because a
static file's modification time changes on every deployment and a CMS sends the
current time, so neither says when an editor last published something.

Default thresholds: content older than 14 days is a warning and older than 30
days is critical (the SOP asks for regular updates; a court publishes schedules
and announcements weekly).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import hashlib
import json
import os
import time
import urllib.parse

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import content as pc
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import http as ph

ACTIVITY = 1
FRESHNESS_CHECK = "freshness.content"

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

_RETRYABLE = {"refused", "timeout", "connection", "empty", "dns", "protocol", "tls"}

_REASON_ID = {
    "refused": "koneksi ditolak server",
    "timeout": "server tidak menjawab dalam batas waktu",
    "dns": "nama domain tidak ditemukan (DNS)",
    "tls": "koneksi aman (TLS) gagal",
    "connection": "koneksi terputus",
    "empty": "server menutup koneksi tanpa jawaban",
    "protocol": "jawaban server tidak sah",
    "redirect_loop": "pengalihan alamat berputar tanpa akhir (redirect loop)",
    "redirect_limit": "terlalu banyak pengalihan alamat",
    "redirect": "pengalihan ke alamat yang tidak didukung",
    "url": "alamat situs tidak sah",
}


class SiteError(ValueError):
    """A site entry is malformed; the message names the key and what is expected."""


def _a(text: str, text_id: str, playbook: str | None = None, tag: str | None = None) -> dict:
    return dict(fnd.action(text, playbook=playbook, tag=tag), text_id=text_id)


def _iso(value: datetime.datetime | None) -> str | None:
    return fnd.utc_now_iso(value) if value else None


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
            # The newest freshness details per subject; a window function works on SQLite and PostgreSQL.
            rows = store.query(
                "SELECT subject, details, observed_at FROM (SELECT subject, details, observed_at,"
                " ROW_NUMBER() OVER (PARTITION BY subject ORDER BY observed_at DESC, id DESC) AS newest"
                " FROM findings WHERE check_id = ? AND details LIKE ?) AS latest"
                " WHERE newest = 1",
                (FRESHNESS_CHECK, '%"content_hash"%'),
            )
    except history.HistoryError as exc:
        return {}, "history not used: %s" % exc
    index = {}
    for row in rows:
        try:
            details = json.loads(row["details"])
        except ValueError:
            continue
        if isinstance(details, dict) and details.get("content_hash"):
            index[row["subject"]] = dict(details, previous_observed_at=row["observed_at"])
    return index, None


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
            extras = await self._extras(site, main)
        return evaluate(site, main, attempts, extras, self, now)

    async def _extras(self, site: dict, main: ph.Response) -> dict:
        """Second stage of a site: crawler copy, feeds, CMS API, sitemaps (parsed)."""
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
        extras = await self._gather(jobs)
        extras["cms"] = cms
        if not sitemap_now:
            newest = max((d for d, _s in _declared_dates(extras)), default=None)
            limit = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=site["stale_after_days"])
            if newest is None or newest < limit:
                extras.update(await self._gather({
                    "sitemap:%d" % index: self.fetcher.fetch(url, agent, max_body_bytes=xml_cap)
                    for index, url in enumerate(sitemaps[:3])
                }))
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
            }))
        return extras

    @staticmethod
    async def _gather(jobs: dict) -> dict:
        """Run the fetches together; parse XML answers (feeds, sitemaps) and WordPress JSON."""
        names = list(jobs)
        done = await asyncio.gather(*(jobs[n] for n in names))
        out = dict(zip(names, done, strict=True))
        for name, response in list(out.items()):
            if name.startswith(("feed:", "sitemap", "joomla")):
                out[name + ":parsed"] = _parse_xml_response(response)
            elif name == "wordpress":
                parsed = {"dates": []}
                if response.status == 200 and not response.error:
                    try:
                        parsed["dates"] = pc.wordpress_post_dates(response.body)
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
            details={"reason": reason,
                     "summary_id": "Situs di inventori tidak dapat diperiksa karena isiannya salah: %s." % reason[:200]},
            suggested_actions=[_a("Correct this site's entry in sitekeeper_sites in the inventory.",
                                  "Perbaiki isian situs ini pada sitekeeper_sites di inventori.")],
        )
        result = {"url": url or subject, "name": subject, "host": host, "status": "unknown", "error": reason,
                  "http_status": None, "response_ms": None, "tls_days_left": None, "content_date": None,
                  "content_date_source": None}
        return result, [finding], []


def _worker(args) -> list:
    """In a worker process: probe a share of the sites with the parent's options."""
    options, indexed, now = args
    probe = Probe(dict(options, concurrency=max(1, int(options.get("concurrency") or DEFAULTS["concurrency"])
                                                   // max(1, int(options.get("_workers", 1))))))
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


def _parse_xml_response(response: ph.Response) -> dict:
    """Safely parsed XML of a response, or {"error": reason}; a 404 is {"missing": True}."""
    if response.error:
        return {"error": response.error}
    if response.status != 200:
        return {"missing": True, "status": response.status}
    if response.truncated:
        return {"error": "document larger than the size cap; not parsed"}
    try:
        return pc.parse_xml_dates(response.body)
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


def _days(now: datetime.datetime, then: datetime.datetime) -> float:
    return round((now - then).total_seconds() / 86400.0, 1)


def evaluate(site: dict, main: ph.Response, attempts: list, extras: dict, probe: Probe,
             now: datetime.datetime | None = None) -> tuple:
    """Turn the fetched responses of one site into (site result, findings, metrics)."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    observed = fnd.utc_now_iso(now)
    url, host = site["url"], site["host"]
    cfg = probe.cfg
    findings, metrics = [], []

    def add(check, status, summary, summary_id, details=None, evidence=None, actions=None):
        details = dict(details or {}, summary_id=summary_id)
        findings.append(fnd.make_finding(ACTIVITY, check, host, url, status, summary[:400], details,
                                         evidence, actions or [], observed))

    def metric(name, value):
        if value is not None:
            metrics.append({"activity": ACTIVITY, "host": host, "subject": url, "name": name,
                            "value": float(value), "observed_at": observed})

    timings = main.timings
    response_ms = timings.get("total_ms")
    result = {
        "url": url, "name": site["name"], "host": host, "status": "ok", "http_status": main.status,
        "final_url": main.final_url, "redirects": main.redirects, "error": main.error,
        "error_kind": main.error_kind, "attempts": len(attempts), "addresses": main.addresses,
        "response_ms": response_ms, "dns_ms": timings.get("dns_ms"), "connect_ms": timings.get("connect_ms"),
        "tls_ms": timings.get("tls_ms"), "ttfb_ms": timings.get("ttfb_ms"), "body_bytes": len(main.body),
        "tls_days_left": (main.tls or {}).get("days_left"), "tls": main.tls,
        "content_date": None, "content_date_source": None, "content_age_days": None,
    }
    troubleshoot = _a("Check that the web server and its network are up; run the troubleshooting playbook.",
                      "Periksa apakah server web dan jaringannya menyala; jalankan playbook troubleshoot.",
                      playbook="troubleshoot")

    # -- availability ---------------------------------------------------------
    up = main.error is None and main.status is not None and main.status < 400
    net = {k: result[k] for k in ("http_status", "final_url", "redirects", "response_ms", "dns_ms",
                                  "connect_ms", "tls_ms", "ttfb_ms", "body_bytes", "addresses")}
    net["attempts"] = attempts
    if main.error is not None:
        reason_id = _REASON_ID.get(main.error_kind, "kesalahan koneksi")
        add("availability.http", "critical",
            "The website %s cannot be reached after %d attempt(s): %s." % (url, len(attempts), main.error),
            "Situs %s tidak dapat diakses setelah %d kali percobaan: %s." % (url, len(attempts), reason_id),
            dict(net, reason=main.error, reason_kind=main.error_kind), actions=[troubleshoot])
    elif main.status >= 400:
        add("availability.http", "critical",
            "The website %s answers with error %d instead of its page." % (url, main.status),
            "Situs %s menjawab dengan galat %d, bukan halamannya." % (url, main.status),
            dict(net, reason="HTTP %d" % main.status), actions=[troubleshoot])
    elif main.truncated:
        add("availability.http", "warning",
            "The website %s answers, but its page is too large to check whole (%s)." % (url, main.truncated_reason),
            "Situs %s menjawab, tetapi halamannya terlalu besar untuk diperiksa utuh." % url,
            dict(net, reason=main.truncated_reason, wire_bytes=main.wire_bytes),
            actions=[_a("Ask the web developer why the home page is so large.",
                        "Tanyakan kepada pengembang web mengapa halaman depan sebesar itu.")])
    elif len(attempts) > 1:
        add("availability.http", "warning",
            "The website %s answered only after %d attempts; it is unstable." % (url, len(attempts)),
            "Situs %s baru menjawab setelah %d kali percobaan; situs tidak stabil." % (url, len(attempts)),
            net, actions=[troubleshoot])
    elif response_ms is not None and response_ms > site["slow_response_ms"]:
        add("availability.http", "warning",
            "The website %s is online but slow (%d ms)." % (url, response_ms),
            "Situs %s dapat diakses tetapi lambat (%d ms)." % (url, response_ms),
            net, actions=[troubleshoot])
    else:
        add("availability.http", "ok",
            "The website %s is online (HTTP %d, %d ms)." % (url, main.status, response_ms or 0),
            "Situs %s dapat diakses (HTTP %d, %d ms)." % (url, main.status, response_ms or 0), net)
    metric("up", 1 if up else 0)
    metric("response_ms", response_ms if main.status is not None else None)
    metric("ttfb_ms", timings.get("ttfb_ms"))
    metric("http_status", main.status)

    # -- HTTPS and TLS --------------------------------------------------------------
    if main.tls is not None:
        tls = main.tls
        tls_details = dict(tls, host=urllib.parse.urlsplit(main.final_url).hostname)
        renew = _a("Renew or fix the site's TLS certificate (renewals playbook).",
                   "Perbarui atau perbaiki sertifikat TLS situs (playbook renewals).", playbook="renewals")
        if not tls["verified"]:
            add("availability.tls", "critical",
                "The security certificate of %s is not valid: %s." % (tls_details["host"], tls["error"]),
                "Sertifikat keamanan %s tidak sah: %s." % (tls_details["host"], tls["error"]),
                tls_details, actions=[renew])
        elif tls["days_left"] is not None and tls["days_left"] < cfg["tls_warning_days"]:
            add("availability.tls", "warning",
                "The security certificate of %s expires in %d days." % (tls_details["host"], tls["days_left"]),
                "Sertifikat keamanan %s habis dalam %d hari." % (tls_details["host"], tls["days_left"]),
                tls_details, actions=[renew])
        else:
            add("availability.tls", "ok",
                "The security certificate of %s is valid (%s days left)." % (tls_details["host"], tls["days_left"]),
                "Sertifikat keamanan %s sah (sisa %s hari)." % (tls_details["host"], tls["days_left"]),
                tls_details)
        metric("tls_days_left", tls["days_left"])
        metric("tls_ms", timings.get("tls_ms"))
    if site["expect_https"] and main.status is not None and main.error is None:
        if urllib.parse.urlsplit(main.final_url).scheme != "https":
            add("availability.https", "warning",
                "The website %s does not send visitors to a secure (HTTPS) address." % url,
                "Situs %s tidak mengarahkan pengunjung ke alamat aman (HTTPS)." % url,
                {"final_url": main.final_url, "redirects": main.redirects},
                actions=[_a("Redirect http:// to https:// in the web server configuration.",
                            "Alihkan http:// ke https:// pada konfigurasi server web.")])
        else:
            add("availability.https", "ok", "The website %s uses HTTPS." % url,
                "Situs %s menggunakan HTTPS." % url, {"final_url": main.final_url, "redirects": main.redirects})

    if not (main.error is None and main.status is not None and 200 <= main.status < 300):
        why = main.error or ("HTTP %s" % main.status)
        for check in ["freshness.content", "integrity.defacement", "integrity.gambling_spam", "integrity.cloaking"] + (
            ["content.keywords"] if site["must_contain"] or site["must_not_contain"] else []
        ):
            add(check, "unknown",
                "This could not be checked because the website %s did not show its page (%s)." % (url, why[:150]),
                "Tidak dapat diperiksa karena situs %s tidak menampilkan halamannya." % url,
                {"reason": why})
        _docroot_finding(site, add, metric, now)
        result["status"] = fnd.worst_status(f["status"] for f in findings)
        return result, findings, metrics

    page, encoding, decode_note = main.text()
    text = pc.visible_text(page)
    page_hash = pc.content_hash(text)
    result.update(encoding=encoding, decode_note=decode_note, title=pc.title(page), content_hash=page_hash)

    # -- keywords -------------------------------------------------------------------
    if site["must_contain"] or site["must_not_contain"]:
        missing = [k for k in site["must_contain"] if not pc.keyword_match(page, k)]
        present = [k for k in site["must_not_contain"] if pc.keyword_match(page, k)]
        kw_details = {"missing": missing, "present": present, "must_contain": site["must_contain"],
                      "must_not_contain": site["must_not_contain"]}
        if missing or present:
            parts = []
            if missing:
                parts.append("expected text is missing (%s)" % ", ".join(missing)[:150])
            if present:
                parts.append("forbidden text is present (%s)" % ", ".join(present)[:150])
            add("content.keywords", "critical",
                "The page of %s has changed unexpectedly: %s." % (url, "; ".join(parts)),
                "Halaman %s berubah tidak semestinya: teks wajib hilang atau teks terlarang muncul." % url,
                kw_details,
                actions=[_a("Look at the page now; if it was altered, restore it from backup (restore playbook).",
                            "Lihat halaman sekarang; jika diubah orang lain, pulihkan dari cadangan (playbook restore).",
                            playbook="restore")])
        else:
            add("content.keywords", "ok", "The page of %s shows the expected text." % url,
                "Halaman %s menampilkan teks yang diharapkan." % url, kw_details)

    # -- defacement and gambling spam ----------------------------------------------------
    restore = _a("Take the page offline or restore it from a clean backup (restore playbook), then find how it was changed (audit playbook).",
                 "Nonaktifkan halaman atau pulihkan dari cadangan yang bersih (playbook restore), lalu telusuri cara halaman diubah (playbook audit).",
                 playbook="restore")
    markers = pc.find_matches(text, probe.markers)
    if markers:
        add("integrity.defacement", "critical",
            "The page of %s looks defaced: it contains \"%s\"." % (url, markers[0][1][:120]),
            "Halaman %s tampaknya dirusak (deface): memuat tulisan peretas." % url,
            {"markers": [m[0] for m in markers], "title": result["title"]},
            evidence=[m[1] for m in markers], actions=[restore])
    else:
        add("integrity.defacement", "ok", "No sign of defacement was found on %s." % url,
            "Tidak ditemukan tanda perusakan (deface) pada %s." % url, {"title": result["title"]})
    browser_spam = pc.find_matches(page, probe.spam)
    hidden = pc.hidden_links(page, main.final_url)
    hidden_external = [h for h in hidden if h["external"]]
    hidden_spam = [h for h in hidden if pc.find_matches(h["text"] + " " + h["href"], probe.spam)]
    spam_details = {"terms": [m[0] for m in browser_spam], "hidden_links": hidden[:20],
                    "hidden_external_links": len(hidden_external)}
    result["spam_terms"] = spam_details["terms"]
    if browser_spam or hidden_spam:
        add("integrity.gambling_spam", "critical",
            "Online-gambling spam was found on %s (%s)." % (url, ", ".join(m[0] for m in browser_spam)[:150] or "hidden links"),
            "Spam judi online ditemukan pada %s." % url, spam_details,
            evidence=[m[1] for m in browser_spam] + ["hidden link: %s %s" % (h["href"], h["text"]) for h in hidden_spam],
            actions=[restore])
    elif hidden_external:
        add("integrity.gambling_spam", "warning",
            "The page of %s has %d hidden link(s) to other websites, a common sign of injected spam."
            % (url, len(hidden_external)),
            "Halaman %s memuat %d tautan tersembunyi ke situs lain, tanda umum spam yang disisipkan."
            % (url, len(hidden_external)), spam_details,
            evidence=["hidden link: %s %s" % (h["href"], h["text"]) for h in hidden_external],
            actions=[_a("Ask the web developer to check the hidden links and remove any that do not belong.",
                        "Minta pengembang web memeriksa tautan tersembunyi dan menghapus yang bukan milik situs.",
                        playbook="audit")])
    else:
        add("integrity.gambling_spam", "ok", "No online-gambling spam was found on %s." % url,
            "Tidak ditemukan spam judi online pada %s." % url, spam_details)

    # -- cloaking ----------------------------------------------------------------------------
    crawler = extras.get("crawler")
    if crawler is None:
        pass
    elif crawler.error is not None or crawler.status is None:
        add("integrity.cloaking", "unknown",
            "The page of %s could not be fetched as a search engine sees it: %s." % (url, crawler.error),
            "Halaman %s tidak dapat diambil seperti yang dilihat mesin pencari." % url,
            {"reason": crawler.error})
    else:
        crawler_page, _e, _n = crawler.text()
        crawler_text = pc.visible_text(crawler_page)
        crawler_spam = [m for m in pc.find_matches(crawler_page, probe.spam)
                        if m[0] not in spam_details["terms"]]
        sim = round(pc.similarity(pc.word_set(text), pc.word_set(crawler_text)), 3)
        browser_host = urllib.parse.urlsplit(main.final_url).hostname
        crawler_host = urllib.parse.urlsplit(crawler.final_url).hostname
        cloak_details = {"similarity": sim, "crawler_status": crawler.status, "browser_status": main.status,
                         "crawler_final_url": crawler.final_url, "crawler_only_terms": [m[0] for m in crawler_spam],
                         "crawler_user_agent": cfg["crawler_user_agent"]}
        if crawler_spam or crawler_host != browser_host or sim < cfg["cloak_similarity_min"]:
            if crawler_spam:
                why = "it contains gambling terms (%s)" % ", ".join(m[0] for m in crawler_spam)[:120]
            elif crawler_host != browser_host:
                why = "search engines are sent to %s" % crawler.final_url[:120]
            else:
                why = "its text is only %d%% the same as what visitors see" % round(sim * 100)
            add("integrity.cloaking", "critical",
                "Search engines are shown a different page of %s than visitors (cloaking): %s." % (url, why),
                "Mesin pencari diperlihatkan halaman %s yang berbeda dari pengunjung (cloaking), tanda situs disusupi spam judi."
                % url, cloak_details, evidence=[m[1] for m in crawler_spam], actions=[restore])
        else:
            add("integrity.cloaking", "ok",
                "Search engines see the same page of %s as visitors." % url,
                "Mesin pencari melihat halaman %s yang sama dengan pengunjung." % url, cloak_details)
        result["cloaking_similarity"] = sim

    # -- freshness -------------------------------------------------------------------------
    sources = _declared_dates(extras)
    notes = [v["error"] for k, v in extras.items() if k.endswith(":parsed") and v.get("error")]
    previous = probe.history.get(url)
    first_seen, changed_at = observed, None
    if previous:
        if previous.get("content_hash") == page_hash:
            first_seen = previous.get("content_first_seen") or previous.get("previous_observed_at") or observed
            changed_at = previous.get("content_changed_at")
        else:
            changed_at = observed
    fallback = []
    hash_date = changed_at or (first_seen if previous else None)
    if hash_date:
        fallback.append((fnd.parse_iso(hash_date), "content_hash"))
    last_modified = pc.parse_date(main.headers.get("last-modified"), now)
    if last_modified is not None:
        fallback.append((last_modified, "last_modified"))
    chosen = max(sources) if sources else (fallback[0] if fallback else None)
    fresh_details = {
        "content_hash": page_hash, "content_first_seen": first_seen, "content_changed_at": changed_at,
        "sources": {source: _iso(date) for date, source in sorted(sources + fallback)},
        "stale_after_days": site["stale_after_days"], "critical_after_days": site["critical_after_days"],
        "notes": notes[:5], "body_sha256": hashlib.sha256(main.body).hexdigest(),
    }
    update_action = _a("Ask the content team to publish current news, schedules and announcements.",
                       "Minta tim konten menerbitkan berita, jadwal sidang dan pengumuman terbaru.")
    if chosen is None:
        add(FRESHNESS_CHECK, "unknown",
            "When %s was last updated cannot be told: it has no sitemap, feed or date to read." % url,
            "Tanggal pembaruan terakhir %s tidak dapat diketahui: tidak ada sitemap, feed atau tanggal yang bisa dibaca."
            % url, fresh_details,
            actions=[_a("Publish a sitemap.xml with lastmod dates or an RSS feed on the site.",
                        "Sediakan sitemap.xml dengan tanggal lastmod atau feed RSS di situs.")])
    else:
        date, source = chosen
        age = _days(now, date)
        result.update(content_date=_iso(date), content_date_source=source, content_age_days=age)
        fresh_details.update(content_date=_iso(date), content_date_source=source, age_days=age)
        label = _SOURCE_LABELS.get(source, source)
        if age >= site["critical_after_days"]:
            status = "critical"
        elif age >= site["stale_after_days"]:
            status = "warning"
        else:
            status = "ok"
        if status == "ok":
            add(FRESHNESS_CHECK, "ok",
                "The content of %s is up to date: last updated %d day(s) ago (%s)." % (url, age, label[0]),
                "Konten %s mutakhir: terakhir diperbarui %d hari lalu (%s)." % (url, age, label[1]), fresh_details)
        else:
            add(FRESHNESS_CHECK, status,
                "The content of %s has not been updated for %d days (%s); the limit is %g days."
                % (url, age, label[0], site["stale_after_days"] if status == "warning" else site["critical_after_days"]),
                "Konten %s tidak diperbarui selama %d hari (%s); batasnya %g hari."
                % (url, age, label[1], site["stale_after_days"] if status == "warning" else site["critical_after_days"]),
                fresh_details, actions=[update_action])
        metric("content_age_days", age)
    _docroot_finding(site, add, metric, now)
    metric("body_bytes", len(main.body))
    result["status"] = fnd.worst_status(f["status"] for f in findings)
    return result, findings, metrics


_SOURCE_LABELS = {
    "feed": ("date of the newest news feed item", "tanggal berita terbaru di feed"),
    "sitemap": ("newest date in the sitemap", "tanggal terbaru di sitemap"),
    "wordpress_api": ("newest WordPress post", "tulisan WordPress terbaru"),
    "joomla_feed": ("newest Joomla feed item", "berita Joomla terbaru"),
    "content_hash": ("the page text last changed then", "teks halaman terakhir berubah"),
    "last_modified": ("the server's Last-Modified date", "tanggal Last-Modified dari server"),
}


def _declared_dates(extras: dict) -> list:
    """[(newest date, source)] of every parsed feed, sitemap and CMS answer."""
    dates = []
    for key, value in extras.items():
        if not key.endswith(":parsed") or not value.get("dates"):
            continue
        if key.startswith("sitemap"):
            source = "sitemap"
        elif key.startswith("joomla"):
            source = "joomla_feed"
        elif key.startswith("wordpress"):
            source = "wordpress_api"
        elif value.get("kind") in ("rss", "atom"):
            source = "feed"
        else:
            continue
        dates.append((value["dates"][0], source))
    return dates


def _docroot_finding(site: dict, add, metric, now: datetime.datetime) -> None:
    """Second freshness source measured on the web host (newest file under the docroot)."""
    if site.get("docroot_error"):
        add("freshness.docroot", "unknown",
            "The newest file in the web folder of %s could not be read: %s." % (site["url"], str(site["docroot_error"])[:150]),
            "Berkas terbaru di folder web %s tidak dapat dibaca." % site["url"],
            {"docroot": site.get("docroot"), "reason": str(site["docroot_error"])})
        return
    mtime = site.get("docroot_newest_mtime")
    if mtime in (None, ""):
        return
    try:
        date = datetime.datetime.fromtimestamp(float(mtime), datetime.timezone.utc)
    except (TypeError, ValueError, OverflowError):
        return
    age = _days(now, date)
    details = {"docroot": site.get("docroot"), "newest_file": site.get("docroot_newest_path"),
               "newest_mtime": _iso(date), "age_days": age,
               "stale_after_days": site["stale_after_days"], "critical_after_days": site["critical_after_days"]}
    status = "critical" if age >= site["critical_after_days"] else "warning" if age >= site["stale_after_days"] else "ok"
    add("freshness.docroot", status,
        "The newest file in the web folder of %s was changed %d day(s) ago." % (site["url"], age),
        "Berkas terbaru di folder web %s diubah %d hari lalu." % (site["url"], age), details,
        actions=[] if status == "ok" else [_a("Ask the content team to upload current content.",
                                              "Minta tim konten mengunggah konten terbaru.")])
    metric("docroot_age_days", age)


def probe_sites(sites: list, options: dict | None = None, now: datetime.datetime | None = None) -> dict:
    """Probe every site; returns {findings, sites, metrics, summary}."""
    return Probe(options).run(sites, now)
