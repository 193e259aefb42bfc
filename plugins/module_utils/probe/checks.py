# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SOP activity 1: turn what the probe fetched for one site into findings and metrics.

``evaluate`` is a short dispatcher; each check family (availability, TLS and
HTTPS, keywords, defacement, gambling spam, cloaking, content freshness, docroot
freshness) is one function that writes its own finding(s) through a
``SiteReport``, which gives every finding of the site the same host, subject and
observation time. The order of the findings and metrics is part of the output
(reports list them in that order), so the dispatcher keeps it fixed.
"""

from __future__ import annotations

import datetime
import hashlib
import urllib.parse

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import content as pc
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import http as ph

ACTIVITY = 1
FRESHNESS_CHECK = "freshness.content"

# The page checks that cannot run when the site did not show its page.
_PAGE_CHECKS = ["freshness.content", "integrity.defacement", "integrity.gambling_spam", "integrity.cloaking"]

_REASON_ID = {
    "refused": "koneksi ditolak server",
    "timeout": "server tidak menjawab dalam batas waktu",
    "dns": "nama domain tidak ditemukan (DNS)",
    "tls": "koneksi aman (TLS) gagal",
    "connection": "koneksi terputus",
    "empty": "server menutup koneksi tanpa jawaban",
    "incomplete": "koneksi terputus sebelum halaman terkirim utuh",
    "protocol": "jawaban server tidak sah",
    "redirect_loop": "pengalihan alamat berputar tanpa akhir (redirect loop)",
    "redirect_limit": "terlalu banyak pengalihan alamat",
    "redirect": "pengalihan ke alamat yang tidak didukung",
    "url": "alamat situs tidak sah",
}

_SOURCE_LABELS = {
    "feed": ("date of the newest news feed item", "tanggal berita terbaru di feed"),
    "sitemap": ("newest date in the sitemap", "tanggal terbaru di sitemap"),
    "wordpress_api": ("newest WordPress post", "tulisan WordPress terbaru"),
    "joomla_feed": ("newest Joomla feed item", "berita Joomla terbaru"),
    "content_hash": ("the page text last changed then", "teks halaman terakhir berubah"),
    "last_modified": ("the server's Last-Modified date", "tanggal Last-Modified dari server"),
}


PROBLEM_STATUSES = ("warning", "critical")


def _alt(text, text_id, playbook=None):
    return fnd.action(text, playbook=playbook, text_id=text_id)


_HOSTING_BUNDLE = _alt(
    "If the server itself is down or broken, call the hosting provider and send the evidence bundle of the"
    " troubleshoot playbook.",
    "Jika servernya sendiri mati atau rusak, hubungi penyedia hosting dan kirim berkas bukti dari playbook"
    " troubleshoot.", "troubleshoot")
_BREAK_IN = _alt(
    "Put up a maintenance page at once and change the passwords of the CMS, the hosting panel and the server"
    " (FTP/SSH), then update the CMS and its plugins.",
    "Segera pasang halaman pemeliharaan dan ganti kata sandi CMS, panel hosting dan server (FTP/SSH), lalu"
    " perbarui CMS beserta pluginnya.")
_BREAK_IN_VENDOR = _alt(
    "If the way in is not found, send the evidence bundle to the web developer or hosting provider"
    " (troubleshoot playbook) and, where the court's rules ask for it, report the incident to Gov-CSIRT (BSSN).",
    "Jika celah masuknya tidak ditemukan, kirim berkas bukti ke pengembang web atau penyedia hosting (playbook"
    " troubleshoot) dan, bila aturan pengadilan memintanya, laporkan insiden ke Gov-CSIRT (BSSN).", "troubleshoot")
_STALE = (
    _alt("If news was published but no new date is seen, check that the CMS updates its sitemap and feed"
         " (sitemap or RSS plugin), which the monitor reads.",
         "Jika berita sudah terbit tetapi tanggal baru tidak terlihat, pastikan CMS memperbarui sitemap dan feed-nya"
         " (plugin sitemap atau RSS) yang dibaca pemantauan."),
    _alt("Raise it with the Information Officer in the situation report (report playbook) so a content owner"
         " is named.",
         "Sampaikan kepada Penanggung Jawab Informasi melalui laporan situasi (playbook report) agar ditunjuk"
         " penanggung jawab konten.", "report"),
)

# What else the court's IT staff can do about each problem the monitor finds, after the branch's own first
# action: a step by hand, another playbook, the third party to call. Added to every warning or critical
# finding of the check (SOP activity 5: "alternative solutions").
ALTERNATIVES = {
    "availability.http": (
        _alt("Open the site from another connection (mobile data): if it works there, only the court's own"
             " connection fails; call the ISP.",
             "Buka situs dari koneksi lain (data seluler): jika di sana bisa, hanya koneksi kantor pengadilan yang"
             " bermasalah; hubungi ISP."),
        _HOSTING_BUNDLE),
    "availability.tls": (
        _alt("If the certificate is not from certbot, order the renewal from its issuer or in the hosting panel,"
             " install it with its intermediate chain and reload the web server.",
             "Jika sertifikat bukan dari certbot, ajukan perpanjangan ke penerbitnya atau lewat panel hosting,"
             " pasang bersama rantai perantaranya, lalu muat ulang server web."),
        _alt("On shared hosting, ask the hosting provider to renew or install the certificate.",
             "Pada shared hosting, minta penyedia hosting memperpanjang atau memasang sertifikatnya.",
             "troubleshoot")),
    "availability.https": (
        _alt("Set the site address to https:// in the CMS (WordPress: Settings > General; Joomla: Force HTTPS).",
             "Ubah alamat situs menjadi https:// di CMS (WordPress: Settings > General; Joomla: Force HTTPS)."),
        _alt("On shared hosting, turn on 'Force HTTPS' in the hosting panel or ask the hosting provider.",
             "Pada shared hosting, aktifkan 'Force HTTPS' di panel hosting atau minta penyedia hosting.")),
    "content.keywords": (
        _alt("Ask the content team whether the page was changed on purpose; if so, update must_contain or"
             " must_not_contain of the site in the inventory.",
             "Tanyakan kepada tim konten apakah halaman sengaja diubah; jika ya, perbarui must_contain atau"
             " must_not_contain situs di inventaris."),
        _alt("If nobody changed it, find how it was changed in the visitor logs (audit playbook) and change the"
             " CMS passwords.",
             "Jika tidak ada yang mengubahnya, telusuri cara halaman diubah di log pengunjung (playbook audit) dan"
             " ganti kata sandi CMS.", "audit")),
    "integrity.defacement": (_BREAK_IN, _BREAK_IN_VENDOR),
    "integrity.gambling_spam": (
        _alt("Search the site's files and database for the spam words (grep -ril in the web folder, the CMS's"
             " posts and options tables), remove them and update the CMS and its plugins.",
             "Cari kata spam di berkas dan basis data situs (grep -ril di folder web, tabel tulisan dan opsi CMS),"
             " hapus, lalu perbarui CMS beserta pluginnya."),
        _BREAK_IN_VENDOR),
    "integrity.cloaking": (
        _alt("Look for code that serves search engines another page (.htaccess rules or PHP that checks the"
             " User-Agent for Googlebot), remove it, then ask Google Search Console to crawl the site again.",
             "Cari kode yang menyajikan halaman lain kepada mesin pencari (aturan .htaccess atau PHP yang memeriksa"
             " User-Agent Googlebot), hapus, lalu minta Google Search Console merayapi ulang situs."),
        _BREAK_IN_VENDOR),
    "freshness.content": _STALE,
    "freshness.docroot": _STALE,
}


class SiteReport:
    """The findings and metrics of one site: same host, subject (the URL) and observation time."""

    def __init__(self, site: dict, now: datetime.datetime):
        self.site = site
        self.url = site["url"]
        self.host = site["host"]
        self.now = now
        self.observed = fnd.utc_now_iso(now)
        self.findings = []
        self.metrics = []

    def add(self, check, status, summary, summary_id, details=None, evidence=None, actions=None, alternatives=True):
        """One finding; a problem also gets the check's ALTERNATIVES after ``actions`` (unless told not to,
        when the branch has its own)."""
        actions = list(actions or [])
        if alternatives and status in PROBLEM_STATUSES:
            # Copies: a finding's actions may be changed later, the table must not be.
            actions += [dict(alt) for alt in ALTERNATIVES.get(check, ())]
        self.findings.append(fnd.make_finding(ACTIVITY, check, self.host, self.url, status, summary[:400], details,
                                              evidence, actions, self.observed, summary_id=summary_id))

    def metric(self, name, value):
        if value is not None:
            self.metrics.append({"activity": ACTIVITY, "host": self.host, "subject": self.url, "name": name,
                                 "value": float(value), "observed_at": self.observed})


def iso(value: datetime.datetime | None) -> str | None:
    return fnd.utc_now_iso(value) if value else None


def _days(now: datetime.datetime, then: datetime.datetime) -> float:
    return round((now - then).total_seconds() / 86400.0, 1)


def _troubleshoot_action() -> dict:
    return fnd.action("Check that the web server and its network are up; run the troubleshooting playbook.",
                      playbook="troubleshoot",
                      text_id="Periksa apakah server web dan jaringannya menyala; jalankan playbook troubleshoot.")


def _restore_action() -> dict:
    return fnd.action(
        "Take the page offline or restore it from a clean backup (restore playbook), then find how it was changed"
        " (audit playbook).",
        playbook="restore",
        text_id="Nonaktifkan halaman atau pulihkan dari cadangan yang bersih (playbook restore), lalu telusuri cara"
                " halaman diubah (playbook audit).")


def evaluate(site: dict, main: ph.Response, attempts: list, extras: dict, probe, now: datetime.datetime | None = None) -> tuple:
    """Turn the fetched responses of one site into (site result, findings, metrics).

    ``main`` is the browser fetch of the page, ``attempts`` its tries,
    ``extras`` the crawler fetch and the parsed sitemaps, feeds and CMS answers, ``probe`` the
    probe.sites Probe (its options, term lists and freshness history).
    """
    report = SiteReport(site, now or datetime.datetime.now(datetime.timezone.utc))
    result = _site_result(site, main, attempts)
    check_availability(report, result, main, attempts)
    check_tls(report, main, probe.cfg["tls_warning_days"])
    check_https(report, main)
    if main.error is None and main.status is not None and 200 <= main.status < 300:
        _check_page(report, result, main, extras, probe)
        check_docroot(report)
        report.metric("body_bytes", len(main.body))
    else:
        _page_unknown(report, main)
        check_docroot(report)
    result["status"] = fnd.worst_status(f["status"] for f in report.findings)
    return result, report.findings, report.metrics


def _site_result(site: dict, main, attempts: list) -> dict:
    timings = main.timings
    return {
        "url": site["url"], "name": site["name"], "host": site["host"], "status": "ok", "http_status": main.status,
        "final_url": main.final_url, "redirects": main.redirects, "error": main.error,
        "error_kind": main.error_kind, "attempts": len(attempts), "addresses": main.addresses,
        "response_ms": timings.get("total_ms"), "dns_ms": timings.get("dns_ms"),
        "connect_ms": timings.get("connect_ms"), "tls_ms": timings.get("tls_ms"), "ttfb_ms": timings.get("ttfb_ms"),
        "body_bytes": len(main.body), "tls_days_left": (main.tls or {}).get("days_left"), "tls": main.tls,
        "content_date": None, "content_date_source": None, "content_age_days": None,
    }


def _check_page(report: SiteReport, result: dict, main, extras: dict, probe) -> None:
    """The checks that read the page itself (it answered 2xx)."""
    page, encoding, decode_note = main.text()
    text = pc.visible_text(page)
    page_hash = pc.content_hash(text)
    result.update(encoding=encoding, decode_note=decode_note, title=pc.title(page), content_hash=page_hash)
    check_keywords(report, page)
    check_defacement(report, text, probe.markers, result["title"])
    result["spam_terms"] = check_gambling_spam(report, page, main.final_url, probe.spam)
    similarity = check_cloaking(report, main, extras.get("crawler"), text, result["spam_terms"], probe)
    if similarity is not None:
        result["cloaking_similarity"] = similarity
    result.update(check_freshness(report, main, extras, probe.history.get(report.url), page_hash))


def _page_unknown(report: SiteReport, main) -> None:
    """Every page check is ``unknown`` when the site did not show its page."""
    site, url = report.site, report.url
    why = main.error or ("HTTP %s" % main.status)
    for check in _PAGE_CHECKS + (["content.keywords"] if site["must_contain"] or site["must_not_contain"] else []):
        report.add(check, "unknown",
                   "This could not be checked because the website %s did not show its page (%s)." % (url, why[:150]),
                   "Tidak dapat diperiksa karena situs %s tidak menampilkan halamannya." % url,
                   {"reason": why})


def check_availability(report: SiteReport, result: dict, main, attempts: list) -> None:
    """availability.http: reachable, fast and stable; plus the up/response metrics."""
    url = report.url
    response_ms = result["response_ms"]
    net = {k: result[k] for k in ("http_status", "final_url", "redirects", "response_ms", "dns_ms",
                                  "connect_ms", "tls_ms", "ttfb_ms", "body_bytes", "addresses")}
    net["attempts"] = attempts
    if main.error is not None:
        reason_id = _REASON_ID.get(main.error_kind, "kesalahan koneksi")
        report.add("availability.http", "critical",
                   "The website %s cannot be reached after %d attempt(s): %s." % (url, len(attempts), main.error),
                   "Situs %s tidak dapat diakses setelah %d kali percobaan: %s." % (url, len(attempts), reason_id),
                   dict(net, reason=main.error, reason_kind=main.error_kind), actions=[_troubleshoot_action()])
    elif main.status >= 400:
        report.add("availability.http", "critical",
                   "The website %s answers with error %d instead of its page." % (url, main.status),
                   "Situs %s menjawab dengan galat %d, bukan halamannya." % (url, main.status),
                   dict(net, reason="HTTP %d" % main.status), actions=[_troubleshoot_action()])
    elif main.truncated:
        report.add("availability.http", "warning",
                   "The website %s answers, but its page is too large to check whole (%s)."
                   % (url, main.truncated_reason),
                   "Situs %s menjawab, tetapi halamannya terlalu besar untuk diperiksa utuh." % url,
                   dict(net, reason=main.truncated_reason, wire_bytes=main.wire_bytes),
                   actions=[fnd.action("Ask the web developer why the home page is so large.",
                                       text_id="Tanyakan kepada pengembang web mengapa halaman depan sebesar itu."),
                            _alt("If the page is meant to be that large, raise site_monitor_max_body_bytes.",
                                 "Jika halaman memang sebesar itu, naikkan site_monitor_max_body_bytes.")],
                   alternatives=False)
    elif len(attempts) > 1:
        report.add("availability.http", "warning",
                   "The website %s answered only after %d attempts; it is unstable." % (url, len(attempts)),
                   "Situs %s baru menjawab setelah %d kali percobaan; situs tidak stabil." % (url, len(attempts)),
                   net, actions=[_troubleshoot_action()])
    elif response_ms is not None and response_ms > report.site["slow_response_ms"]:
        report.add("availability.http", "warning",
                   "The website %s is online but slow (%d ms)." % (url, response_ms),
                   "Situs %s dapat diakses tetapi lambat (%d ms)." % (url, response_ms),
                   net, actions=[_troubleshoot_action()])
    else:
        report.add("availability.http", "ok",
                   "The website %s is online (HTTP %d, %d ms)." % (url, main.status, response_ms or 0),
                   "Situs %s dapat diakses (HTTP %d, %d ms)." % (url, main.status, response_ms or 0), net)
    up = main.error is None and main.status is not None and main.status < 400
    report.metric("up", 1 if up else 0)
    report.metric("response_ms", response_ms if main.status is not None else None)
    report.metric("ttfb_ms", main.timings.get("ttfb_ms"))
    report.metric("http_status", main.status)


def check_tls(report: SiteReport, main, warning_days) -> None:
    """availability.tls: the certificate is valid and not about to expire (only when the site spoke TLS)."""
    tls = main.tls
    if tls is None:
        return
    tls_details = dict(tls, host=urllib.parse.urlsplit(main.final_url).hostname)
    name = tls_details["host"]
    renew = fnd.action("Renew or fix the site's TLS certificate (renewals playbook).", playbook="renewals",
                       text_id="Perbarui atau perbaiki sertifikat TLS situs (playbook renewals).")
    if not tls["verified"]:
        report.add("availability.tls", "critical",
                   "The security certificate of %s is not valid: %s." % (name, tls["error"]),
                   "Sertifikat keamanan %s tidak sah: %s." % (name, tls["error"]),
                   tls_details, actions=[renew])
    elif tls["days_left"] is not None and tls["days_left"] < warning_days:
        report.add("availability.tls", "warning",
                   "The security certificate of %s expires in %d days." % (name, tls["days_left"]),
                   "Sertifikat keamanan %s habis dalam %d hari." % (name, tls["days_left"]),
                   tls_details, actions=[renew])
    else:
        report.add("availability.tls", "ok",
                   "The security certificate of %s is valid (%s days left)." % (name, tls["days_left"]),
                   "Sertifikat keamanan %s sah (sisa %s hari)." % (name, tls["days_left"]),
                   tls_details)
    report.metric("tls_days_left", tls["days_left"])
    report.metric("tls_ms", main.timings.get("tls_ms"))


def check_https(report: SiteReport, main) -> None:
    """availability.https: visitors end on an https:// address (when the site expects it and answered)."""
    if not (report.site["expect_https"] and main.status is not None and main.error is None):
        return
    url = report.url
    details = {"final_url": main.final_url, "redirects": main.redirects}
    if urllib.parse.urlsplit(main.final_url).scheme != "https":
        report.add("availability.https", "warning",
                   "The website %s does not send visitors to a secure (HTTPS) address." % url,
                   "Situs %s tidak mengarahkan pengunjung ke alamat aman (HTTPS)." % url,
                   details,
                   actions=[fnd.action("Redirect http:// to https:// in the web server configuration.",
                                       text_id="Alihkan http:// ke https:// pada konfigurasi server web.")])
    else:
        report.add("availability.https", "ok", "The website %s uses HTTPS." % url,
                   "Situs %s menggunakan HTTPS." % url, details)


def check_keywords(report: SiteReport, page: str) -> None:
    """content.keywords: the site's must_contain / must_not_contain texts (only when it has any)."""
    site, url = report.site, report.url
    if not (site["must_contain"] or site["must_not_contain"]):
        return
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
        report.add("content.keywords", "critical",
                   "The page of %s has changed unexpectedly: %s." % (url, "; ".join(parts)),
                   "Halaman %s berubah tidak semestinya: teks wajib hilang atau teks terlarang muncul." % url,
                   kw_details,
                   actions=[fnd.action(
                       "Look at the page now; if it was altered, restore it from backup (restore playbook).",
                       playbook="restore",
                       text_id="Lihat halaman sekarang; jika diubah orang lain, pulihkan dari cadangan"
                               " (playbook restore).")])
    else:
        report.add("content.keywords", "ok", "The page of %s shows the expected text." % url,
                   "Halaman %s menampilkan teks yang diharapkan." % url, kw_details)


def check_defacement(report: SiteReport, text: str, markers: list, title) -> None:
    """integrity.defacement: the visible text carries a hacker's marker."""
    url = report.url
    found = pc.find_matches(text, markers)
    if found:
        report.add("integrity.defacement", "critical",
                   "The page of %s looks defaced: it contains \"%s\"." % (url, found[0][1][:120]),
                   "Halaman %s tampaknya dirusak (deface): memuat tulisan peretas." % url,
                   {"markers": [m[0] for m in found], "title": title},
                   evidence=[m[1] for m in found], actions=[_restore_action()])
    else:
        report.add("integrity.defacement", "ok", "No sign of defacement was found on %s." % url,
                   "Tidak ditemukan tanda perusakan (deface) pada %s." % url, {"title": title})


def check_gambling_spam(report: SiteReport, page: str, final_url: str, spam: list) -> list:
    """integrity.gambling_spam: spam terms or hidden links in the page; returns the terms found."""
    url = report.url
    browser_spam = pc.find_matches(page, spam)
    hidden = pc.hidden_links(page, final_url)
    hidden_external = [h for h in hidden if h["external"]]
    hidden_spam = [h for h in hidden if pc.find_matches(h["text"] + " " + h["href"], spam)]
    spam_details = {"terms": [m[0] for m in browser_spam], "hidden_links": hidden[:20],
                    "hidden_external_links": len(hidden_external)}
    if browser_spam or hidden_spam:
        report.add("integrity.gambling_spam", "critical",
                   "Online-gambling spam was found on %s (%s)."
                   % (url, ", ".join(m[0] for m in browser_spam)[:150] or "hidden links"),
                   "Spam judi online ditemukan pada %s." % url, spam_details,
                   evidence=[m[1] for m in browser_spam]
                   + ["hidden link: %s %s" % (h["href"], h["text"]) for h in hidden_spam],
                   actions=[_restore_action()])
    elif hidden_external:
        report.add("integrity.gambling_spam", "warning",
                   "The page of %s has %d hidden link(s) to other websites, a common sign of injected spam."
                   % (url, len(hidden_external)),
                   "Halaman %s memuat %d tautan tersembunyi ke situs lain, tanda umum spam yang disisipkan."
                   % (url, len(hidden_external)), spam_details,
                   evidence=["hidden link: %s %s" % (h["href"], h["text"]) for h in hidden_external],
                   actions=[fnd.action(
                       "Ask the web developer to check the hidden links and remove any that do not belong.",
                       playbook="audit",
                       text_id="Minta pengembang web memeriksa tautan tersembunyi dan menghapus yang bukan milik"
                               " situs.")])
    else:
        report.add("integrity.gambling_spam", "ok", "No online-gambling spam was found on %s." % url,
                   "Tidak ditemukan spam judi online pada %s." % url, spam_details)
    return spam_details["terms"]


def check_cloaking(report: SiteReport, main, crawler, text: str, browser_terms: list, probe) -> float | None:
    """integrity.cloaking: a search crawler sees the page visitors see; returns the text similarity.

    No finding (and None) when the crawler fetch was not made (cloaking check off for the site).
    """
    url, cfg = report.url, probe.cfg
    if crawler is None:
        return None
    if crawler.error is not None or crawler.status is None:
        report.add("integrity.cloaking", "unknown",
                   "The page of %s could not be fetched as a search engine sees it: %s." % (url, crawler.error),
                   "Halaman %s tidak dapat diambil seperti yang dilihat mesin pencari." % url,
                   {"reason": crawler.error})
        return None
    crawler_page, _e, _n = crawler.text()
    crawler_text = pc.visible_text(crawler_page)
    crawler_spam = [m for m in pc.find_matches(crawler_page, probe.spam) if m[0] not in browser_terms]
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
        report.add("integrity.cloaking", "critical",
                   "Search engines are shown a different page of %s than visitors (cloaking): %s." % (url, why),
                   "Mesin pencari diperlihatkan halaman %s yang berbeda dari pengunjung (cloaking), tanda situs"
                   " disusupi spam judi." % url, cloak_details, evidence=[m[1] for m in crawler_spam],
                   actions=[_restore_action()])
    else:
        report.add("integrity.cloaking", "ok",
                   "Search engines see the same page of %s as visitors." % url,
                   "Mesin pencari melihat halaman %s yang sama dengan pengunjung." % url, cloak_details)
    return sim


def check_freshness(report: SiteReport, main, extras: dict, previous: dict | None, page_hash: str) -> dict:
    """freshness.content: how old the newest declared content date is; returns the result's content_* keys.

    ``previous`` is the last freshness details of this URL from the history (None when it has none):
    with an unchanged page hash the page's first-seen time carries over, so the text's age survives runs.
    """
    site, url, now, observed = report.site, report.url, report.now, report.observed
    sources = declared_dates(extras)
    notes = [v["error"] for k, v in extras.items() if k.endswith(":parsed") and v.get("error")]
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
    fresh_details = {
        "content_hash": page_hash, "content_first_seen": first_seen, "content_changed_at": changed_at,
        "sources": {source: iso(date) for date, source in sorted(sources + fallback)},
        "stale_after_days": site["stale_after_days"], "critical_after_days": site["critical_after_days"],
        "notes": notes[:5], "body_sha256": hashlib.sha256(main.body).hexdigest(),
    }
    if not (sources or fallback):
        report.add(FRESHNESS_CHECK, "unknown",
                   "When %s was last updated cannot be told: it has no sitemap, feed or date to read." % url,
                   "Tanggal pembaruan terakhir %s tidak dapat diketahui: tidak ada sitemap, feed atau tanggal yang"
                   " bisa dibaca." % url, fresh_details,
                   actions=[fnd.action("Publish a sitemap.xml with lastmod dates or an RSS feed on the site.",
                                       text_id="Sediakan sitemap.xml dengan tanggal lastmod atau feed RSS di situs.")])
        return {}
    # A date the site declares beats the fallbacks (text change seen by the history, then Last-Modified).
    date, source = max(sources) if sources else fallback[0]
    age = _days(now, date)
    fresh_details.update(content_date=iso(date), content_date_source=source, age_days=age)
    label = _SOURCE_LABELS.get(source, source)
    status = _age_status(age, site)
    if status == "ok":
        report.add(FRESHNESS_CHECK, "ok",
                   "The content of %s is up to date: last updated %d day(s) ago (%s)." % (url, age, label[0]),
                   "Konten %s mutakhir: terakhir diperbarui %d hari lalu (%s)." % (url, age, label[1]),
                   fresh_details)
    else:
        limit = site["stale_after_days"] if status == "warning" else site["critical_after_days"]
        report.add(FRESHNESS_CHECK, status,
                   "The content of %s has not been updated for %d days (%s); the limit is %g days."
                   % (url, age, label[0], limit),
                   "Konten %s tidak diperbarui selama %d hari (%s); batasnya %g hari." % (url, age, label[1], limit),
                   fresh_details,
                   actions=[fnd.action("Ask the content team to publish current news, schedules and announcements.",
                                       text_id="Minta tim konten menerbitkan berita, jadwal sidang dan pengumuman"
                                               " terbaru.")])
    report.metric("content_age_days", age)
    return {"content_date": iso(date), "content_date_source": source, "content_age_days": age}


def _age_status(age: float, site: dict) -> str:
    if age >= site["critical_after_days"]:
        return "critical"
    if age >= site["stale_after_days"]:
        return "warning"
    return "ok"


def declared_dates(extras: dict) -> list:
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


def check_docroot(report: SiteReport) -> None:
    """freshness.docroot: second freshness source measured on the web host (newest file under the docroot)."""
    site = report.site
    if site.get("docroot_error"):
        report.add("freshness.docroot", "unknown",
                   "The newest file in the web folder of %s could not be read: %s."
                   % (site["url"], str(site["docroot_error"])[:150]),
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
    age = _days(report.now, date)
    details = {"docroot": site.get("docroot"), "newest_file": site.get("docroot_newest_path"),
               "newest_mtime": iso(date), "age_days": age,
               "stale_after_days": site["stale_after_days"], "critical_after_days": site["critical_after_days"]}
    status = _age_status(age, site)
    report.add("freshness.docroot", status,
               "The newest file in the web folder of %s was changed %d day(s) ago." % (site["url"], age),
               "Berkas terbaru di folder web %s diubah %d hari lalu." % (site["url"], age), details,
               actions=[] if status == "ok" else [fnd.action("Ask the content team to upload current content.",
                                                             text_id="Minta tim konten mengunggah konten terbaru.")])
    report.metric("docroot_age_days", age)
