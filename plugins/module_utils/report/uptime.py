# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Uptime figures per site and calendar month, from the confirmed outages the alerts keep.

The quick watch (and every monitoring run) feeds the alerts' state in the history; an
outage is what the alerts confirmed (two failed observations by default), from its first
failed observation to its first good one. Per site and month (in the report's time
zone): downtime minutes, number of outages, the longest, availability in percent of the
month so far, its target (SLA) and whether it was missed. The running month counts up to
now and says so (``complete`` false). Time before a site was first watched counts as up
(the history does not keep when watching began).
"""

from __future__ import annotations

import datetime

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history_alerts

CHECK = "availability.http"
DEFAULT_TARGET = 99.5


def _months(since: datetime.datetime, until: datetime.datetime, tz) -> list:
    """[(label YYYY-MM, start, end)] of the calendar months (local) overlapping [since, until), in UTC."""
    local = since.astimezone(tz)
    year, month = local.year, local.month
    out = []
    while True:
        start = datetime.datetime(year, month, 1, tzinfo=tz)
        year2, month2 = (year + 1, 1) if month == 12 else (year, month + 1)
        end = datetime.datetime(year2, month2, 1, tzinfo=tz)
        if start >= until:
            break
        out.append(("%04d-%02d" % (year, month), start.astimezone(datetime.timezone.utc),
                    end.astimezone(datetime.timezone.utc)))
        year, month = year2, month2
    return out


def _minutes(delta: datetime.timedelta) -> float:
    return max(0.0, delta.total_seconds() / 60.0)


def monthly(outages: list, watched: dict, targets: dict, since: datetime.datetime, until: datetime.datetime,
            tz, now: datetime.datetime) -> list:
    """One row per watched site and month overlapping [since, until); see the module docstring."""
    by_subject = {}
    for outage in outages:
        by_subject.setdefault(outage["subject"], []).append(outage)
    rows = []
    for label, month_start, month_end in _months(since, until, tz):
        for subject in sorted(set(watched) | set(by_subject)):
            start, end = month_start, min(month_end, now)
            if end <= start:
                continue
            spans = []
            for outage in by_subject.get(subject, []):
                began = fnd.parse_iso(outage["started_at"])
                ended = fnd.parse_iso(outage["ended_at"]) if outage["ended_at"] else now
                clipped = _minutes(min(ended, end) - max(began, start))
                if clipped > 0 or (month_start <= began < end):
                    spans.append(clipped)
            watched_min = _minutes(end - start)
            down = min(sum(spans), watched_min)
            availability = 100.0 * (1.0 - down / watched_min) if watched_min else None
            target = float(targets.get(subject, DEFAULT_TARGET))
            rows.append({
                "subject": subject, "host": watched.get(subject, {}).get("host", ""), "month": label,
                "availability_pct": None if availability is None else round(availability, 3),
                "target_pct": target, "downtime_min": round(down, 1), "outages": len(spans),
                "longest_min": round(max(spans), 1) if spans else 0.0,
                "missed": availability is not None and availability < target,
                "complete": now >= month_end,
            })
    rows.sort(key=lambda r: (r["month"], r["availability_pct"] if r["availability_pct"] is not None else 101,
                             r["subject"]))
    return rows


def uptime(store, since: str, until: str, tz, now: datetime.datetime) -> dict:
    """The report's uptime section: {"rows": [...], "missed": [rows below target]} (empty without alert data)."""
    if store is None or not history_alerts.has_alert_tables(store):
        return {"rows": [], "missed": []}
    begin, end = fnd.parse_iso(since), fnd.parse_iso(until)
    first_month = _months(begin, end, tz)
    if not first_month:
        return {"rows": [], "missed": []}
    outages = history_alerts.read_outages(store, fnd.utc_now_iso(first_month[0][1]), fnd.utc_now_iso(
        first_month[-1][2]), CHECK)
    rows = monthly(outages, history_alerts.read_watched(store, CHECK), history_alerts.read_targets(store), begin,
                   end, tz, now)
    return {"rows": rows, "missed": [r for r in rows if r["missed"]]}
