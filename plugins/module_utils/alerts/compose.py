# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The messages: one per confirmed change, one per group of changes, the digest, the memo.

Every message carries its text in Bahasa Indonesia and English (``title``/``body`` keyed
by language); delivery picks the route's language. Grouping: when ``group_min`` or more
checks of the same kind change on one host in one run, one message names every site and
the likely common cause; when every watched site of several hosts changes at once, one
message covers them all (the cause is then the network, not the sites).
"""

from __future__ import annotations

import collections
import datetime
import json

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd

# What a check's problem is called, and its recovery (Indonesian, English).
WHAT = {
    "availability.http": (("Situs tidak dapat diakses", "Website down"),
                          ("Situs kembali dapat diakses", "Website back up")),
    "availability.tls": (("Sertifikat TLS bermasalah", "TLS certificate problem"),
                         ("Sertifikat TLS kembali baik", "TLS certificate fixed")),
    "integrity.defacement": (("Tampilan situs dirusak (defacement)", "Website defaced"),
                             ("Tanda defacement sudah hilang", "Defacement gone")),
    "integrity.gambling_spam": (("Spam judi online di situs", "Online-gambling spam on the website"),
                                ("Spam judi online sudah hilang", "Gambling spam gone")),
    "integrity.cloaking": (("Cloaking: mesin pencari diberi halaman lain", "Cloaking: search engines see another page"),
                           ("Cloaking sudah hilang", "Cloaking gone")),
    "content.keywords": (("Isi halaman tidak sesuai", "Unexpected page content"),
                         ("Isi halaman kembali sesuai", "Page content as expected again")),
}
CAUSES = {
    "dns": ("nama domain tidak dapat di-resolve (DNS)", "the names do not resolve (DNS)"),
    "host": ("server %s sendiri: mati, web server berhenti, atau koneksinya putus",
             "the host %s itself: down, its web server stopped, or its connection lost"),
    "shared": ("web server atau akun hosting yang dipakai bersama di %s", "the web server or hosting shared on %s"),
    "network": ("jaringan: koneksi pemantau ini atau jalur internet di atasnya",
                "the network: this watcher's own connection or its upstream"),
    "compromise": ("berkas atau akun hosting bersama di %s kemungkinan disusupi",
                   "the files or shared hosting account on %s are likely compromised"),
}
TAG = {"problem": ("KRITIS", "CRITICAL"), "recovered": ("PULIH", "RECOVERED"),
       "digest": ("RINGKASAN", "DIGEST"), "memo": ("MEMO", "MEMO"), "remediation": ("PERBAIKAN", "FIX")}


def _lang(pair, language):
    return pair[0] if language == "id" else pair[1]


def both(make) -> dict:
    """{"id": make("id"), "en": make("en")}."""
    return {"id": make("id"), "en": make("en")}


def local_time(iso: str, tz) -> str:
    try:
        value = fnd.parse_iso(iso).astimezone(tz)
    except (TypeError, ValueError):
        return str(iso)
    return value.strftime("%Y-%m-%d %H:%M ") + (value.tzname() or "")


def duration_text(seconds: int, language: str) -> str:
    minutes = max(0, int(seconds) + 30) // 60
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    units = (("hari", "jam", "menit") if language == "id" else ("d", "h", "min"))
    parts = [("%d %s" % (n, u)) for n, u in zip((days, hours, mins), units, strict=True) if n]
    return " ".join(parts) or ("kurang dari 1 menit" if language == "id" else "under 1 min")


def summary_of(finding: dict, language: str) -> str:
    if language == "id":
        return str((finding.get("details") or {}).get("summary_id") or finding.get("summary") or "")
    return str(finding.get("summary") or "")


def stored_summary(finding: dict) -> str:
    """The two-language summary kept in a state row (so a recovery can say what it recovered from)."""
    return json.dumps({"en": summary_of(finding, "en"), "id": summary_of(finding, "id")}, ensure_ascii=False)


def _stored(text: str, language: str) -> str:
    try:
        return str(json.loads(text).get(language) or "")
    except (ValueError, AttributeError):
        return str(text or "")


def _what(check: str, kind: str, language: str) -> str:
    pair = WHAT.get(check, ((check, check), (check + " pulih", check + " recovered")))
    return _lang(pair[0 if kind == "problem" else 1], language)


def _event_lines(event: dict, tz, language: str) -> list:
    if event["kind"] == "problem":
        lines = [summary_of(event["finding"], language),
                 ("Sejak: %s (dikonfirmasi %d kali pengamatan berturut-turut)" if language == "id"
                  else "Since: %s (confirmed by %d consecutive observations)")
                 % (local_time(event["started_at"], tz), event["observations"])]
        actions = event["finding"].get("suggested_actions") or []
        if actions:
            first = actions[0]
            lines.append(("Tindakan: " if language == "id" else "Action: ")
                         + str(first.get("text_id") if language == "id" and first.get("text_id") else first["text"]))
        return lines
    return [("Gangguan (%s) berlangsung %s (%s sampai %s)." if language == "id" else "The problem (%s) lasted %s (%s to %s).")
            % (_what(event["check"], "problem", language).lower(), duration_text(event["duration_s"], language),
               local_time(event["started_at"], tz), local_time(event["ended_at"], tz)),
            ("Sebelumnya: " if language == "id" else "It was: ") + _stored(event.get("problem_summary", ""), language),
            ("Sekarang: " if language == "id" else "Now: ") + summary_of(event["finding"], language)]


def single(event: dict, tz) -> dict:
    """The message of one confirmed change."""
    def title(language):
        return "[%s] %s: %s" % (_lang(TAG[event["kind"]], language), _what(event["check"], event["kind"], language),
                                event["subject"])

    def body(language):
        head = ("Server: %s" if language == "id" else "Host: %s") % event["host"]
        return "\n".join([head] + _event_lines(event, tz, language))

    return _message(event["kind"], event["check"], [event], both(title), both(body))


def _message(kind, check, events, title, body, activity=1, attachments=()) -> dict:
    return {"kind": kind, "check": check, "activity": activity, "severity": "critical" if kind != "digest" else None,
            "subjects": sorted({e["subject"] for e in events}), "hosts": sorted({e["host"] for e in events}),
            "events": events, "title": title, "body": body, "attachments": list(attachments)}


def likely_cause(events: list, host: str | None, whole_host: bool) -> str:
    """The cause key (CAUSES) a group of problems most likely shares."""
    check = events[0]["check"]
    if check != "availability.http":
        return "compromise"
    kinds = {(e["finding"].get("details") or {}).get("reason_kind") for e in events}
    if kinds == {"dns"}:
        return "dns"
    if host is None:
        return "network"
    return "host" if whole_host else "shared"


def grouped(events: list, host: str | None, tz, cause: str | None) -> dict:
    """One message for many changes of one kind and check (on one host, or everywhere: host None)."""
    kind, check = events[0]["kind"], events[0]["check"]

    def title(language):
        place = host or ("semua situs" if language == "id" else "every site")
        count = ("%d situs" if language == "id" else "%d sites") % len(events)
        return "[%s] %s: %s (%s)" % (_lang(TAG[kind], language), _what(check, kind, language), count, place)

    def body(language):
        lines = []
        if cause:
            text = _lang(CAUSES[cause], language)
            text = text % host if "%s" in text else text
            lines.append(("Kemungkinan penyebab bersama: " if language == "id" else "Likely common cause: ") + text)
        for event in sorted(events, key=lambda e: e["subject"]):
            if kind == "problem":
                extra = ("sejak %s" if language == "id" else "since %s") % local_time(event["started_at"], tz)
            else:
                lasted = duration_text(event["duration_s"], language)
                extra = ("terganggu %s" if language == "id" else "down for %s") % lasted
            lines.append("- %s (%s%s)" % (event["subject"], "" if host else event["host"] + ", ", extra))
        return "\n".join(lines)

    return _message(kind, check, events, both(title), both(body))


def messages_for(events: list, observed: dict, group_min: int, tz) -> list:
    """The messages for one run's events. ``observed``: {host: set of subjects watched this run}."""
    buckets = collections.defaultdict(list)
    for event in events:
        buckets[(event["kind"], event["check"], event["host"])].append(event)
    out, big = [], collections.defaultdict(list)
    for (kind, check, host), group in sorted(buckets.items()):
        if len(group) >= group_min:
            big[(kind, check)].append((host, group))
        else:
            out.extend(single(e, tz) for e in sorted(group, key=lambda e: e["subject"]))
    for (kind, _check), hosts in sorted(big.items()):
        everything = len(hosts) >= 2 and len(hosts) == len(observed) and all(
            {e["subject"] for e in group} >= observed.get(host, set()) for host, group in hosts)
        if everything:
            merged = [e for _h, group in hosts for e in group]
            cause = likely_cause(merged, None, True) if kind == "problem" else None
            out.append(grouped(merged, None, tz, cause))
            continue
        for host, group in hosts:
            whole = {e["subject"] for e in group} >= observed.get(host, set())
            out.append(grouped(group, host, tz, likely_cause(group, host, whole) if kind == "problem" else None))
    return out


def digest(items: list, tz, now: datetime.datetime) -> dict:
    """The daily digest of non-urgent findings (one line each, grouped by activity)."""
    def title(language):
        return "[%s] %s %s: %d" % (_lang(TAG["digest"], language),
                                   "Temuan tidak mendesak" if language == "id" else "Non-urgent findings",
                                   now.astimezone(tz).strftime("%Y-%m-%d"), len(items))

    def body(language):
        lines, current = [], None
        for item in sorted(items, key=lambda i: (i["activity"], i["check"], i["subject"])):
            if item["activity"] != current:
                current = item["activity"]
                lines.append(("Kegiatan %d: %s" if language == "id" else "Activity %d: %s")
                             % (current, fnd.ACTIVITIES.get(current, "")))
            lines.append("- [%s] %s" % (item["status"], summary_of(item, language)))
        return "\n".join(lines)

    message = _message("digest", "", [], both(title), both(body))
    message["severity"] = fnd.worst_status(i["status"] for i in items)
    message["items"] = items
    message["composed_at"] = now  # a route's own digest (fewer items) carries the same date
    return message


def memo(finding: dict, files: list) -> dict:
    """The renewal memo of one service, its files attached."""
    def title(language):
        return "[%s] %s" % (_lang(TAG["memo"], language), summary_of(finding, language))

    def body(language):
        lines = [summary_of(finding, language)]
        lines.extend(("Lampiran: %s" if language == "id" else "Attached: %s") % f.rsplit("/", 1)[-1] for f in files)
        return "\n".join(lines)

    message = _message("memo", finding["check"], [], both(title), both(body), activity=4, attachments=files)
    message["severity"] = finding["status"]
    message["subjects"], message["hosts"] = [finding["subject"]], [finding["host"]]
    return message


def remediation(outcome: dict) -> dict:
    """What the fixes run on a confirmed outage did (opt-in triggered remediation), for the
    routes that got the outage. ``outcome``: host, applied, proposed (fix names), resolved and
    unresolved (incident lists of the troubleshoot role's decision)."""
    applied, proposed = list(outcome.get("applied") or []), list(outcome.get("proposed") or [])
    resolved, unresolved = list(outcome.get("resolved") or []), list(outcome.get("unresolved") or [])
    solved = bool(applied) and not unresolved

    def title(language):
        if not applied:
            verdict = "tidak ada perbaikan otomatis yang diizinkan" if language == "id" else "no allowed fix applies"
        elif solved:
            verdict = "masalah teratasi" if language == "id" else "problem solved"
        else:
            verdict = "masih bermasalah, diteruskan" if language == "id" else "still failing, escalated"
        return "[%s] %s: %s" % (_lang(TAG["remediation"], language), outcome["host"], verdict)

    def body(language):
        lines = [("Perbaikan dijalankan: %s" if language == "id" else "Fixes applied: %s")
                 % (", ".join(applied) or "-")]
        if proposed:
            lines.append(("Perlu keputusan petugas: %s" if language == "id" else "Left for a person: %s")
                         % ", ".join(proposed))
        for label, items in ((("Teratasi", "Solved"), resolved), (("Belum teratasi", "Unresolved"), unresolved)):
            for item in items:
                lines.append("- %s: %s" % (_lang(label, language), item.get("summary") or item.get("check") or ""))
        return "\n".join(lines)

    message = _message("remediation", "availability.http", [], both(title), both(body))
    message["severity"] = "critical"  # the outcome follows the outage's own message, to the same routes
    message["subjects"], message["hosts"] = [], [outcome["host"]]
    return message
