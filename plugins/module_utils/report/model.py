# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The situation report's data: one language-neutral, JSON-serialisable model.

The report knows only findings, metrics, incidents and history rows (the one
contract between activities and the report). It is driven generically by
activity numbers, statuses, check ids, details and metric names, and shows
richer sections when the metrics the activities are known to record exist:
``up`` and ``response_ms`` (activity 1), ``size_bytes`` (2), ``requests`` and
``visitors`` (3), ``expires_days_left`` (4).

"Current" findings are the newest finding of each (check, subject, host) seen
in the report period, from the history store, overridden by this run's own
findings (passed in from the hosts' ``sitekeeper_findings`` facts). Trends and
the comparison with the previous period are SQL aggregates over the history
store, so a month of history for hundreds of sites stays fast.
"""

from __future__ import annotations

import calendar
import datetime
import re

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history_read as hread
from ansible_collections.sitekeeper.website.plugins.module_utils.report import i18n
from ansible_collections.sitekeeper.website.plugins.module_utils.report import uptime as report_uptime

SCHEMA = "sitekeeper.situation_report/1"
PERIOD_KINDS = ("since_last", "days", "month", "range")
PROBLEM_STATUSES = ("critical", "unknown", "warning")
_SEVERITY = {"critical": 0, "unknown": 1, "warning": 2, "ok": 3}
REPORT_ACTIVITY = 5
# Activities with a column of traffic lights (5 is this report itself).
LIGHT_ACTIVITIES = (1, 2, 3, 4, 6, 7)


# Names the activities record their metrics under; the first is the report's own name.
METRIC_NAMES = {
    "up": ("up",),
    "response_ms": ("response_ms",),
    "size_bytes": ("size_bytes", "backup_bytes"),
    "requests": ("requests", "audit.requests"),
    "visitors": ("visitors", "audit.unique_visitors", "unique_visitors"),
    "expires_days_left": ("expires_days_left",),
}
ALERT_PREFIXES = ("defacement", "content", "integrity")


class ReportError(ValueError):
    """The report cannot be built with these options; the message says why."""


def _utc(moment: datetime.datetime) -> str:
    return fnd.utc_now_iso(moment)


def site_of(finding: dict) -> str:
    """The site a finding is about: details.site (or site_name); else its subject when that is a URL;
    else the host (a disk, a log file or a contract belongs to the server row)."""
    details = finding.get("details") or {}
    for key in ("site", "site_name"):
        value = details.get(key)
        if isinstance(value, str) and value.strip():
            return value
    subject = finding.get("subject") or ""
    if "://" in subject:
        return subject
    return finding.get("host") or subject or "?"


def site_names(findings: list) -> dict:
    """URL -> site name, learnt from findings that carry both (subject URL and details.site)."""
    names = {}
    for finding in findings:
        subject = finding.get("subject") or ""
        details = finding.get("details") or {}
        name = details.get("site") or details.get("site_name")
        if "://" in subject and isinstance(name, str) and name.strip():
            names.setdefault(subject, name)
    return names


def check_prefix(check: str) -> str:
    return (check or "").split(".", 1)[0]


# -- the period -------------------------------------------------------------------

def _month_bounds(year: int, month: int, tz) -> tuple:
    start = datetime.datetime(year, month, 1, tzinfo=tz)
    days = calendar.monthrange(year, month)[1]
    end = start + datetime.timedelta(days=days)
    # Re-anchor at midnight local time (zones with DST shift by an hour otherwise).
    end = datetime.datetime(end.year, end.month, 1, tzinfo=tz)
    return start, end


def resolve_period(kind: str, now: datetime.datetime, tz, last_report: str | None = None,
                   days: int = 7, month: str | None = None, since: str | None = None,
                   until: str | None = None) -> dict:
    """The report window and the previous window of the same length, as UTC ISO strings."""
    if kind not in PERIOD_KINDS:
        raise ReportError("report period must be one of %s, got %r" % ("|".join(PERIOD_KINDS), kind))
    if not isinstance(days, int) or isinstance(days, bool) or days < 1 or days > 3660:
        raise ReportError("report days must be a whole number from 1 to 3660, got %r" % (days,))
    now = now.astimezone(datetime.timezone.utc)
    info = {"kind": kind, "days": days, "month": None, "fallback": False}
    if kind == "since_last":
        start = None
        if last_report:
            start = fnd.parse_iso(last_report)
            if start >= now:
                start = None
        if start is None:
            start = now - datetime.timedelta(days=days)
            info["fallback"] = True
        end = now
        prev_start, prev_end = start - (end - start), start
    elif kind == "days":
        start, end = now - datetime.timedelta(days=days), now
        prev_start, prev_end = start - (end - start), start
    elif kind == "month":
        local_now = now.astimezone(tz)
        if month in (None, "", "previous"):
            first = local_now.replace(day=1)
            year, number = (first.year - 1, 12) if first.month == 1 else (first.year, first.month - 1)
        elif month == "current":
            year, number = local_now.year, local_now.month
        else:
            match = re.fullmatch(r"(\d{4})-(\d{2})", str(month))
            if not match or not 1 <= int(match.group(2)) <= 12:
                raise ReportError("report month must look like 2026-11 (or previous/current), got %r" % (month,))
            year, number = int(match.group(1)), int(match.group(2))
        start, end = _month_bounds(year, number, tz)
        prev_year, prev_month = (year - 1, 12) if number == 1 else (year, number - 1)
        prev_start, prev_end = _month_bounds(prev_year, prev_month, tz)
        if end > now:
            end = max(now, start)
        info["month"] = "%04d-%02d" % (year, number)
        start = start.astimezone(datetime.timezone.utc)
        prev_start = prev_start.astimezone(datetime.timezone.utc)
        prev_end = prev_end.astimezone(datetime.timezone.utc)
        end = end.astimezone(datetime.timezone.utc)
    else:
        if not since:
            raise ReportError("report period 'range' needs a start time (since)")
        try:
            start = fnd.parse_iso(since)
            end = fnd.parse_iso(until) if until else now
        except (TypeError, ValueError):
            raise ReportError("report since/until must be ISO-8601 times, got %r/%r" % (since, until)) from None
        if end <= start:
            raise ReportError("report period ends (%s) before it starts (%s)" % (until, since))
        prev_start, prev_end = start - (end - start), start
    info.update(since=_utc(start), until=_utc(end), previous_since=_utc(prev_start), previous_until=_utc(prev_end))
    return info


# -- history queries (the history store owns the SQL) ------------------------------

def last_report_time(store, before: str) -> str | None:
    return store.last_completion(REPORT_ACTIVITY, before)


def current_findings(store, run_findings: list, since: str, until: str) -> list:
    """Newest finding per (check, subject, host) in the period; this run's findings win."""
    merged = {}
    if store is not None:
        for finding in store.newest_findings(since=since, until=until, exclude_activity=REPORT_ACTIVITY):
            merged[(finding["check"], finding["subject"], finding["host"])] = finding
    for finding in run_findings:
        if finding.get("activity") == REPORT_ACTIVITY:
            continue
        merged[(finding["check"], finding["subject"], finding["host"])] = dict(finding)
    return sorted(merged.values(), key=lambda f: (f["activity"], _SEVERITY.get(f["status"], 9),
                                                  site_of(f), f["check"], f["host"]))


def _status_counts(store, since: str, until: str) -> dict:
    if store is None:
        return dict.fromkeys(fnd.STATUSES, 0)
    return store.status_counts(since, until, exclude_activity=REPORT_ACTIVITY)


def _recurrences(store, since: str, until: str) -> dict:
    if store is None:
        return {}
    return store.recurrences(since, until, statuses=("warning", "critical", "unknown"))


def _offset_minutes(tz, moment: datetime.datetime) -> int:
    offset = moment.astimezone(tz).utcoffset() or datetime.timedelta(0)
    return int(offset.total_seconds() // 60)


class _Metrics:
    """The metrics over one window, days in the court's time zone; each metric by its report name
    (METRIC_NAMES gives every name it is recorded under). Asks the history store; no store, no data."""

    def __init__(self, store, since: str, until: str, offset_minutes: int):
        self.store = store
        self.since = since
        self.until = until
        self.offset = offset_minutes

    @staticmethod
    def _names(name: str) -> tuple:
        return METRIC_NAMES.get(name, (name,))

    def per_subject(self, name: str) -> dict:
        if self.store is None:
            return {}
        return self.store.metric_per_subject(self._names(name), self.since, self.until)

    def overall(self, name: str) -> dict:
        if self.store is None:
            return {"avg": None, "n": 0}
        return self.store.metric_overall(self._names(name), self.since, self.until)

    def daily_avg(self, name: str, by_subject: bool) -> dict:
        """{subject or '*': [[day, avg], ...]} oldest first."""
        if self.store is None:
            return {}
        return self.store.metric_daily_avg(self._names(name), self.since, self.until, self.offset, by_subject)

    def daily_total(self, name: str, since: str | None = None, until: str | None = None) -> list:
        """Per day: the sum over subjects of each subject's largest value of that day."""
        if self.store is None:
            return []
        return self.store.metric_daily_total(self._names(name), since or self.since, until or self.until,
                                             self.offset)

    def latest(self, name: str) -> dict:
        """Newest value per subject up to the end of the window (any age)."""
        if self.store is None:
            return {}
        return self.store.metric_latest(self._names(name), self.until)

    def daily_max(self, name: str, by_subject: bool = True) -> dict:
        if self.store is None:
            return {}
        return self.store.metric_daily_max(self._names(name), self.since, self.until, self.offset, by_subject)

    def subjects(self, names) -> set:
        """The subjects with a point of any of these metrics (recorded names) in the window."""
        if self.store is None:
            return set()
        return self.store.metric_subjects(names, self.since, self.until)


# -- sections ------------------------------------------------------------------------

def _lights(current: list) -> tuple:
    names = site_names(current)
    sites = {}
    activities = {a: [] for a in LIGHT_ACTIVITIES}
    for finding in current:
        activity = finding["activity"]
        if activity not in activities:
            continue
        activities[activity].append(finding["status"])
        site = site_of(finding)
        sites.setdefault(names.get(site, site), {}).setdefault(activity, []).append(finding["status"])
    site_rows = []
    for site in sorted(sites):
        cells = {a: (fnd.worst_status(sites[site][a]) if a in sites[site] else None) for a in LIGHT_ACTIVITIES}
        worst = fnd.worst_status([s for s in cells.values() if s])
        site_rows.append({"site": site, "lights": cells, "worst": worst})
    site_rows.sort(key=lambda r: (_SEVERITY[r["worst"]], r["site"]))
    activity_rows = []
    for activity in LIGHT_ACTIVITIES:
        statuses = activities[activity]
        counts = dict.fromkeys(fnd.STATUSES, 0)
        for status in statuses:
            counts[status] += 1
        activity_rows.append({"activity": activity, "status": fnd.worst_status(statuses) if statuses else None,
                              "counts": counts, "checks": len(statuses)})
    return site_rows, activity_rows


def check_counts(findings: list) -> list:
    """Per check: how many findings of each status and the worst one (worst checks first). The HTML and PDF
    show this instead of one row per finding when a section has more findings than fit (many sites)."""
    counts = {}
    for finding in findings:
        row = counts.setdefault(finding["check"], dict.fromkeys(fnd.STATUSES, 0))
        row[finding["status"]] = row.get(finding["status"], 0) + 1
    rows = [{"check": check, "counts": c, "total": sum(c.values()),
             "status": fnd.worst_status([s for s, n in c.items() if n])} for check, c in counts.items()]
    rows.sort(key=lambda r: (_SEVERITY.get(r["status"], 9), r["check"]))
    return rows


def _problems(current: list, recurrences: dict) -> list:
    groups = {}
    for finding in current:
        if finding["status"] not in PROBLEM_STATUSES:
            continue
        key = (finding["activity"], finding["check"])
        item = dict(finding, site=site_of(finding),
                    seen=recurrences.get((finding["check"], finding["subject"], finding["host"]), 1))
        groups.setdefault(key, []).append(item)
    result = []
    for (activity, check), items in groups.items():
        items.sort(key=lambda f: (_SEVERITY[f["status"]], f["site"]))
        result.append({"activity": activity, "check": check, "status": fnd.worst_status(f["status"] for f in items),
                       "findings": items})
    result.sort(key=lambda g: (_SEVERITY[g["status"]], g["activity"], g["check"]))
    return result


def _attention(current: list, compliance: list, limit: int) -> list:
    items = [f for f in current if f["status"] in PROBLEM_STATUSES]
    items.sort(key=lambda f: (_SEVERITY[f["status"]], f["activity"], site_of(f)))
    names = site_names(current)
    chosen = [{"kind": "finding", "finding": dict(f, site=names.get(site_of(f), site_of(f)))} for f in items[:limit]]
    overdue = [row for row in compliance if row["overdue"]]
    chosen += [{"kind": "overdue", "compliance": row} for row in overdue]
    return {"items": chosen, "more": max(0, len(items) - limit)}


def _pick(details: dict, *keys):
    for key in keys:
        value = details.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _availability(current: list, metrics: _Metrics, per_site_charts: bool) -> dict:
    names = site_names(current)
    up = metrics.per_subject("up")
    response = metrics.per_subject("response_ms")
    subjects = sorted(set(up) | set(response))
    rows = []
    for subject in subjects:
        u = up.get(subject, {})
        r = response.get(subject, {})
        rows.append({
            "subject": subject,
            "site": names.get(subject),
            "uptime_pct": None if u.get("avg") is None else round(100.0 * u["avg"], 3),
            "samples": max(u.get("n") or 0, r.get("n") or 0),
            "avg_ms": None if r.get("avg") is None else round(r["avg"], 1),
            "max_ms": r.get("max"),
        })
    rows.sort(key=lambda r: (r["uptime_pct"] if r["uptime_pct"] is not None else 101, r["subject"]))
    fresh = []
    for finding in current:
        if finding["activity"] != 1 or check_prefix(finding["check"]) != "freshness":
            continue
        details = finding["details"]
        fresh.append({"site": names.get(site_of(finding), site_of(finding)), "subject": finding["subject"], "status": finding["status"],
                      "last_update": _pick(details, "content_date", "last_update", "last_modified", "newest_mtime",
                                           "newest"),
                      "source": _pick(details, "content_date_source", "source", "newest_file", "docroot"),
                      "age_days": _pick(details, "age_days", "days_since_update"),
                      "finding": finding})
    fresh.sort(key=lambda r: (_SEVERITY.get(r["status"], 9), r["site"]))
    alerts = [f for f in current if f["activity"] == 1 and check_prefix(f["check"]) in ALERT_PREFIXES
              and f["status"] != "ok"]
    return {
        "sites": rows,
        "freshness": fresh,
        "alerts": alerts,
        "findings": [f for f in current if f["activity"] == 1],
        "checks": check_counts([f for f in current if f["activity"] == 1]),
        "series": {
            "response_ms": metrics.daily_avg("response_ms", per_site_charts),
            "uptime": {k: [[d, None if v is None else 100.0 * v] for d, v in pts]
                       for k, pts in metrics.daily_avg("up", per_site_charts).items()},
        },
    }


def _backups(current: list, metrics: _Metrics) -> dict:
    mine = [f for f in current if f["activity"] == 2]
    names = site_names(current)
    latest_size = metrics.latest("size_bytes")
    newest = []
    for finding in mine:
        if "restore" in finding["check"]:
            continue
        details = finding["details"]
        newest.append({"site": names.get(site_of(finding), site_of(finding)), "subject": finding["subject"], "status": finding["status"],
                       "check": finding["check"],
                       "finished_at": _pick(details, "finished_at", "created_at", "time", "newest_at"),
                       "verified": _pick(details, "verified", "verified_at"),
                       "size_bytes": _pick(details, "size_bytes", "bytes"),
                       "finding": finding})
    newest.sort(key=lambda r: (_SEVERITY.get(r["status"], 9), r["site"]))
    restores = [f for f in mine if "restore" in f["check"]]
    by_site = metrics.daily_max("size_bytes")
    totals = {}
    for points in by_site.values():
        for day, value in points:
            totals[day] = totals.get(day, 0.0) + value
    return {"newest": newest, "restores": restores, "findings": mine, "sizes": latest_size,
            "checks": check_counts(mine),
            # size_total: all sites together, per day the sum of each site's largest backup
            "series": {"size_bytes": by_site, "size_total": sorted([d, v] for d, v in totals.items())}}


# The docroot scan's files (activity 3; activity 1 for unexpected changes) and what the quarantine did (6).
DOCROOT_PREFIX = "docroot"
QUARANTINE_CHECK = "remediate.quarantine_files"
_FILE_SEVERITY = {"critical": 0, "high": 1, "medium": 2, "warning": 2, "low": 3}
_FILE_KEYS = ("path", "sha256", "kind", "severity", "score", "excerpt", "action", "restored_from", "restore_from",
              "quarantine")


def _files_of(finding: dict) -> list:
    """The files a finding names: ``details.flagged`` or ``details.files`` (lists), or one ``details.path``."""
    details = finding.get("details") or {}
    listed = [e for key in ("flagged", "files", "suspicious") for e in (details.get(key) or []) if isinstance(e, dict)]
    if not listed and isinstance(details.get("path"), str) and details.get("sha256"):
        listed = [details]
    out = []
    for entry in listed:
        if not entry.get("path"):
            continue
        row = {key: entry.get(key) for key in _FILE_KEYS}
        # Attacker-written text: one short plain line (the templates escape it like any other value).
        row["path"] = str(row["path"])[:300]
        row["excerpt"] = " ".join(str(row["excerpt"] or "").split())[:200]
        row["kind"] = row["kind"] or finding["check"].split(".", 1)[-1]
        out.append(row)
    return out


def _docroot(current: list) -> dict:
    """Suspicious files per site: the scan's findings, their files, and what the quarantine did with them."""
    scans = [f for f in current if check_prefix(f["check"]) == DOCROOT_PREFIX]
    fixes = [f for f in current if f["check"] == QUARANTINE_CHECK]
    names = site_names(current)
    sites = {}
    for finding in scans + fixes:
        # The scan's subject is the site's name (site_of would take a subject that is no URL for the host's).
        details = finding.get("details") or {}
        site = details.get("site") or (finding["subject"] if finding in scans else None) or site_of(finding)
        site = names.get(site, site)
        entry = sites.setdefault(site, {"site": site, "status": "ok", "files": {}, "findings": [], "handled": {}})
        entry["findings"].append(finding)
        if _SEVERITY.get(finding["status"], 9) < _SEVERITY.get(entry["status"], 9):
            entry["status"] = finding["status"]
        target = entry["handled"] if finding["check"] == QUARANTINE_CHECK else entry["files"]
        for row in _files_of(finding):
            target.setdefault((row["path"], row["sha256"]), row)
    rows = []
    for entry in sites.values():
        files = list(entry["files"].values())
        for row in files:
            done = entry["handled"].get((row["path"], row["sha256"]))
            if done:
                row.update({k: done[k] for k in ("action", "restored_from", "restore_from", "quarantine") if done.get(k)})
        files.sort(key=lambda r: (_FILE_SEVERITY.get(str(r.get("severity")), 9), -float(r.get("score") or 0), r["path"]))
        handled_only = [r for key, r in entry["handled"].items() if key not in entry["files"]]
        rows.append({"site": entry["site"], "status": entry["status"], "files": files + handled_only,
                     "flagged": len(files), "findings": entry["findings"]})
    rows.sort(key=lambda r: (_SEVERITY.get(r["status"], 9), -r["flagged"], r["site"]))
    return {"sites": rows, "flagged": sum(r["flagged"] for r in rows), "findings": scans + fixes,
            "checks": check_counts(scans)}


def _visitors(current: list, metrics: _Metrics, previous: dict) -> dict:
    mine = [f for f in current if f["activity"] == 3 and check_prefix(f["check"]) != DOCROOT_PREFIX]
    requests = metrics.daily_total("requests")
    visitors = metrics.daily_total("visitors")
    days = sorted({day for day, _count in requests} | {day for day, _count in visitors})
    req, vis = dict(requests), dict(visitors)
    daily = [{"day": d, "requests": req.get(d), "visitors": vis.get(d)} for d in days]
    top_pages = []
    for finding in mine:
        pages = finding["details"].get("top_pages")
        if pages:
            top_pages.append({"site": site_of(finding), "pages": pages})
    return {
        "daily": daily,
        "totals": {"requests": sum(v or 0 for v in req.values()) if req else None,
                   "visitors": sum(v or 0 for v in vis.values()) if vis else None},
        "previous_totals": previous,
        "top_pages": top_pages,
        "suspicious": [f for f in mine if f["status"] != "ok"],
        "findings": mine,
    }


def is_contract(finding: dict) -> bool:
    return "contract" in finding["check"].split(".")


def _expiry(details: dict):
    value = _pick(details, "expires_at", "not_after", "expires", "end_date", "current_end", "end")
    if not isinstance(value, str):
        return None, None
    try:
        return _utc(fnd.parse_iso(value if "T" in value else value + "T00:00:00Z")), None
    except ValueError:
        return None, value


def _renewals(current: list, metrics: _Metrics, now: datetime.datetime) -> dict:
    """What expires when (metrics expires_days_left plus activity-4 findings) and the contracts' stages."""
    mine = [f for f in current if f["activity"] == 4]
    items = {}
    for subject, point in metrics.latest("expires_days_left").items():
        if point["value"] is None or not -36500 < point["value"] < 36500:
            continue  # no value, or not a number of days any service runs for
        seen = fnd.parse_iso(point["observed_at"])
        items[subject] = {"subject": subject, "label": subject, "days_left_recorded": point["value"],
                          "observed_at": point["observed_at"],
                          "expires_at": _utc(seen + datetime.timedelta(days=float(point["value"]))),
                          "status": None, "check": None}
    contracts = []
    for finding in mine:
        details = finding["details"]
        expires_at, expires_text = _expiry(details)
        days_left = _pick(details, "days_left", "expires_days_left")
        name = _pick(details, "name", "service")
        if expires_at or expires_text or isinstance(days_left, (int, float)) or finding["subject"] in items:
            item = items.setdefault(finding["subject"], {"subject": finding["subject"], "days_left_recorded": None,
                                                         "observed_at": finding["observed_at"], "expires_at": None})
            item["label"] = name if isinstance(name, str) else finding["subject"]
            if expires_at:
                item["expires_at"] = expires_at
            elif expires_text:
                item["expires_text"] = expires_text
            if isinstance(days_left, (int, float)) and not expires_at:
                item["days_left_recorded"] = days_left
                item["observed_at"] = finding["observed_at"]
            item["status"] = fnd.worst_status([s for s in (item.get("status"), finding["status"]) if s])
            item["check"] = finding["check"]
        if is_contract(finding):
            contracts.append({
                "label": name if isinstance(name, str) else finding["subject"],
                "provider": _pick(details, "provider", "vendor"),
                "kind": _pick(details, "kind", "type"),
                "end": expires_at or expires_text,
                "days_left": days_left if isinstance(days_left, (int, float)) else None,
                "stage": _pick(details, "effective_status", "state", "stage", "status", "recorded_status"),
                "invoice": _pick(details, "invoice_number", "invoice"),
                "status": finding["status"],
                "finding": finding,
            })
    timeline = []
    for item in items.values():
        item.setdefault("label", item["subject"])
        if item.get("expires_at"):
            item["days_left"] = round((fnd.parse_iso(item["expires_at"]) - now).total_seconds() / 86400.0, 1)
        elif item.get("days_left_recorded") is not None:
            elapsed = (now - fnd.parse_iso(item["observed_at"])).total_seconds() / 86400.0
            item["days_left"] = round(float(item["days_left_recorded"]) - elapsed, 1)
        else:
            item["days_left"] = None
        timeline.append(item)
    timeline.sort(key=lambda i: (i["days_left"] is None, i["days_left"] if i["days_left"] is not None else 0,
                                 i["subject"]))
    contracts.sort(key=lambda c: (_SEVERITY.get(c["status"], 9), c["days_left"] if c["days_left"] is not None
                                  else 1e9, c["label"]))
    return {"timeline": timeline, "contracts": contracts, "findings": mine, "checks": check_counts(mine)}


def _actions(current: list, store, since: str) -> dict:
    open_incidents, resolved = [], []
    if store is not None:
        open_incidents = store.incidents(state=["open", "escalated"])
        resolved = store.incidents(state="resolved", since=since)
    return {
        "remediations": [f for f in current if f["activity"] == 6],
        "troubleshooting": [f for f in current if f["activity"] == 7],
        "open_incidents": open_incidents,
        "resolved_incidents": resolved,
    }


def _compliance(store, now: datetime.datetime) -> list:
    if store is not None:
        rows = store.compliance(now=now)
    else:
        # No history: every scheduled activity is owed; remediation is owed only after a problem, and
        # no problem is known (history_read.FindingReader.compliance).
        rows = [{"activity": a, "name": n, "time_standard_days": fnd.TIME_STANDARD_DAYS[a], "last_completed": None,
                 "age_days": None, "within_standard": a in hread.EVENT_DRIVEN, "event_driven": a in hread.EVENT_DRIVEN,
                 "due": a not in hread.EVENT_DRIVEN} for a, n in fnd.ACTIVITIES.items()]
    result = []
    for row in rows:
        row = dict(row)
        if row["activity"] == REPORT_ACTIVITY:
            # This report completes activity 5 now.
            row.update(last_completed=_utc(now), age_days=0.0, within_standard=True, this_report=True)
        row["overdue"] = not row["within_standard"]
        result.append(row)
    return result


def _overall(current, counts, compliance) -> dict:
    """The overall light: the worst current finding, and at least "warning" while an activity is overdue
    (every check passing says little when backups stopped days ago)."""
    overdue = [row["activity"] for row in compliance if row["overdue"]]
    status = fnd.worst_status(f["status"] for f in current) if current else None
    if overdue:
        status = fnd.worst_status([status or "ok", "warning"])
    return {"status": status, "counts": counts, "total": len(current), "overdue": overdue}


def _change(now_value, before_value):
    if now_value is None or before_value is None:
        return None
    return now_value - before_value


def build_model(store, run_findings: list | None = None, now: datetime.datetime | None = None,
                language: str = i18n.DEFAULT_LANGUAGE, timezone: str = i18n.DEFAULT_TIMEZONE,
                court_name: str = "", run_id: str = "", period: str = "since_last", days: int = 7,
                month: str | None = None, since: str | None = None, until: str | None = None,
                chart_sites_max: int = 8, attention_max: int = 6, rows_max: int = 10, cards_max: int = 2) -> dict:
    """Everything the report shows, from this run's findings and the history store.

    ``store`` is an open HistoryStore or None (no history yet).
    """
    i18n.check_language(language)
    tz = i18n.zone(timezone)
    now = (now or datetime.datetime.now(datetime.timezone.utc)).astimezone(datetime.timezone.utc)
    run_findings = list(run_findings or [])
    for finding in run_findings:
        try:
            fnd.validate(finding)
        except fnd.FindingError as exc:
            raise ReportError("a finding given to the report is malformed (%s): %s" % (
                finding.get("check") if isinstance(finding, dict) else "?", exc)) from None
    last = last_report_time(store, _utc(now)) if store is not None else None
    window = resolve_period(period, now, tz, last_report=last, days=days, month=month, since=since, until=until)
    current = current_findings(store, run_findings, window["since"], window["until"])
    offset = _offset_minutes(tz, now)
    metrics = _Metrics(store, window["since"], window["until"], offset)
    previous = _Metrics(store, window["previous_since"], window["previous_until"], offset)
    subjects = metrics.subjects(("up", "response_ms"))
    per_site_charts = len(subjects) <= chart_sites_max

    compliance = _compliance(store, now)
    site_rows, activity_rows = _lights(current)
    counts = fnd.count_by_status(current)
    prev_visitors = {
        "requests": sum(v or 0 for _day, v in previous.daily_total("requests")) or None,
        "visitors": sum(v or 0 for _day, v in previous.daily_total("visitors")) or None,
    }
    visitors = _visitors(current, metrics, prev_visitors)
    period_counts = _status_counts(store, window["since"], window["until"])
    previous_counts = _status_counts(store, window["previous_since"], window["previous_until"])
    up_now, up_before = metrics.overall("up"), previous.overall("up")
    rt_now, rt_before = metrics.overall("response_ms"), previous.overall("response_ms")
    comparison = [
        {"key": "problems_found",
         "now": period_counts["warning"] + period_counts["critical"],
         "before": previous_counts["warning"] + previous_counts["critical"], "unit": "count", "better": "lower"},
        {"key": "uptime", "now": None if up_now["avg"] is None else 100.0 * up_now["avg"],
         "before": None if up_before["avg"] is None else 100.0 * up_before["avg"], "unit": "percent",
         "better": "higher"},
        {"key": "avg_response", "now": rt_now["avg"], "before": rt_before["avg"], "unit": "ms", "better": "lower"},
        {"key": "requests", "now": visitors["totals"]["requests"], "before": prev_visitors["requests"],
         "unit": "count", "better": None},
        {"key": "visitors", "now": visitors["totals"]["visitors"], "before": prev_visitors["visitors"],
         "unit": "count", "better": None},
    ]
    for row in comparison:
        row["change"] = _change(row["now"], row["before"])

    return {
        "schema": SCHEMA,
        "generated_at": _utc(now),
        "language": language,
        "timezone": timezone,
        "court_name": court_name,
        "run_id": run_id,
        "period": window,
        "history": store is not None,
        "overall": _overall(current, counts, compliance),
        "sites": site_rows,
        "activities": activity_rows,
        "attention": _attention(current, compliance, attention_max),
        "comparison": comparison,
        "availability": _availability(current, metrics, per_site_charts),
        "uptime": report_uptime.uptime(store, window["since"], window["until"], tz, now),
        "backups": _backups(current, metrics),
        "visitors": visitors,
        "docroot": _docroot(current),
        "renewals": _renewals(current, metrics, now),
        "problems": _problems(current, _recurrences(store, window["since"], window["until"])),
        "actions": _actions(current, store, window["since"]),
        "compliance": compliance,
        "per_site_charts": per_site_charts,
        # The HTML/PDF show the worst rows and cards first, up to these numbers; Markdown and JSON hold all.
        "limits": {"rows": max(1, int(rows_max)), "cards": max(1, int(cards_max))},
        "findings": current,
    }
