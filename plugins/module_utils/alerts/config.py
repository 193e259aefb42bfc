# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Alert settings: defaults, validation, maintenance windows and routing.

Settings arrive from the site_alerts module (the alerts role's variables). Everything
is checked here once, with messages naming the setting, so a typo in the inventory
fails the run before anything is sent rather than silencing alerts.
"""

from __future__ import annotations

import datetime
import fnmatch
import re

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd

try:  # zoneinfo is standard since 3.9; the tz database may be missing on a bare host
    import zoneinfo
except ImportError:  # pragma: no cover
    zoneinfo = None

# The checks watched for a *change* (urgent) and how many consecutive observations
# confirm a problem: one failed look at a site is not an outage (a dropped packet, a
# restart), while a defaced or cloaked page is real the first time it is seen.
DEFAULT_CONFIRM = {
    "availability.http": 2,
    "availability.tls": 1,
    "integrity.defacement": 1,
    "integrity.gambling_spam": 1,
    "integrity.cloaking": 1,
    "content.keywords": 1,
}
KINDS = ("problem", "recovered", "digest", "memo", "remediation")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LANGUAGES = ("id", "en")
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")

DEFAULTS = {
    "confirm": {},
    "recover_after": 1,
    "maintenance": [],
    "group_min": 3,
    "digest_time": "07:00",
    "timezone": "Asia/Jakarta",
    "language": "id",
    "routes": [],
    "recipients": {},
    "outbox_dir": "",
    "retries": 3,
    "retry_backoff": 2.0,
    "timeout": 15.0,
    "send_memos": True,
    "availability_target": 99.5,
}


# The modules' argument spec of these settings (site_alerts, site_watch; documented in the
# sitekeeper.website.alerts doc fragment), with the history's location.
ARGUMENT_SPEC = dict(
    recipients=dict(type="dict", default={}, no_log=True),
    routes=dict(type="list", elements="dict", default=[]),
    confirm=dict(type="dict", default={}),
    recover_after=dict(type="int", default=1),
    maintenance=dict(type="list", elements="dict", default=[]),
    group_min=dict(type="int", default=3),
    digest_time=dict(type="str", default="07:00"),
    timezone=dict(type="str", default="Asia/Jakarta"),
    language=dict(type="str", default="id", choices=list(LANGUAGES)),
    outbox_dir=dict(type="path", default=""),
    retries=dict(type="int", default=3),
    retry_backoff=dict(type="float", default=2.0),
    timeout=dict(type="float", default=15.0),
    send_memos=dict(type="bool", default=True),
    availability_target=dict(type="float", default=99.5),
    history_path=dict(type="path"),
    history_url=dict(type="str", no_log=True),
)
SETTINGS = tuple(k for k in ARGUMENT_SPEC if not k.startswith("history_"))


def settings_of(params: dict) -> tuple:
    """(settings, history location) from a module's parameters."""
    from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_db import default_history_path

    location = params.get("history_url") or params.get("history_path") or default_history_path()
    return {k: params[k] for k in SETTINGS}, location


class AlertConfigError(ValueError):
    """A setting is wrong; the message names it."""


def _positive_int(value, name: str, low: int = 1, high: int = 100) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise AlertConfigError("%s must be a whole number from %d to %d, got %r" % (name, low, high, value))
    return value


def _target(value, name: str) -> float:
    try:
        target = float(value)
    except (TypeError, ValueError):
        target = -1.0
    if isinstance(value, bool) or not 0 < target <= 100:
        raise AlertConfigError("%s must be a percentage above 0 and at most 100, got %r" % (name, value))
    return target


def targets_of(cfg: dict, sites) -> dict:
    """{site url: availability target} from the sites' own availability_target or the setting."""
    out = {}
    for index, site in enumerate(sites or []):
        if isinstance(site, dict) and isinstance(site.get("url"), str) and site["url"].strip():
            own = site.get("availability_target")
            out[site["url"].strip()] = (cfg["availability_target"] if own is None
                                        else _target(own, "sites[%d].availability_target" % index))
    return out


def _hhmm(value, name: str) -> datetime.time:
    match = _HHMM.match(str(value).strip())
    if not match:
        raise AlertConfigError("%s must be HH:MM (24-hour), got %r" % (name, value))
    return datetime.time(int(match.group(1)), int(match.group(2)))


def timezone(name: str):
    if not name or name.upper() == "UTC":
        return datetime.timezone.utc
    if zoneinfo is None:
        raise AlertConfigError("timezone %r needs Python's zoneinfo" % name)
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise AlertConfigError("timezone %r is not a known time zone (e.g. Asia/Jakarta)" % name) from None


def _strings(value, name: str) -> list:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int)) for v in value):
        return [str(v) for v in value]
    raise AlertConfigError("%s must be a list of strings" % name)


def _window(entry, index: int, tz) -> dict:
    """One maintenance window: sites/hosts patterns and either start+end (one-off) or daily HH:MM-HH:MM."""
    name = "maintenance[%d]" % index
    if not isinstance(entry, dict):
        raise AlertConfigError("%s must be a mapping" % name)
    window = {"sites": _strings(entry.get("sites"), name + ".sites"),
              "hosts": _strings(entry.get("hosts"), name + ".hosts"),
              "reason": str(entry.get("reason") or "")}
    if not window["sites"] and not window["hosts"]:
        window["sites"] = ["*"]  # a window naming nothing silences everything (a whole-network change)
    if entry.get("daily"):
        parts = str(entry["daily"]).split("-")
        if len(parts) != 2:
            raise AlertConfigError("%s.daily must be HH:MM-HH:MM, got %r" % (name, entry["daily"]))
        window["daily"] = (_hhmm(parts[0], name + ".daily"), _hhmm(parts[1], name + ".daily"))
        days = [d.lower()[:3] for d in _strings(entry.get("days"), name + ".days")] or list(DAYS)
        wrong = [d for d in days if d not in DAYS]
        if wrong:
            raise AlertConfigError("%s.days: %s is not one of %s" % (name, wrong[0], ", ".join(DAYS)))
        window["days"] = days
    elif entry.get("start") and entry.get("end"):
        try:
            start, end = fnd.parse_iso(str(entry["start"])), fnd.parse_iso(str(entry["end"]))
        except ValueError:
            raise AlertConfigError("%s.start and .end must be ISO times (2026-12-05T22:00+07:00)" % name) from None
        start = start if start.tzinfo else start.replace(tzinfo=tz)
        end = end if end.tzinfo else end.replace(tzinfo=tz)
        if end <= start:
            raise AlertConfigError("%s ends before it starts" % name)
        window["start"], window["end"] = start, end
    else:
        raise AlertConfigError("%s needs either daily: HH:MM-HH:MM or start: and end:" % name)
    return window


def _recipient(name, value) -> dict:
    if isinstance(value, str):
        value = {"url": value}
    if not isinstance(value, dict) or not isinstance(value.get("url"), str) or "://" not in value["url"]:
        raise AlertConfigError("recipient %s must be an Apprise URL (scheme://...) or {url: ...}" % name)
    return {"name": str(name), "url": value["url"].strip(), "api_url": str(value.get("api_url") or "")}


def _route(entry, index: int, recipients: dict) -> dict:
    name = "routes[%d]" % index
    if not isinstance(entry, dict):
        raise AlertConfigError("%s must be a mapping" % name)
    route = {"name": str(entry.get("name") or "route%d" % (index + 1)),
             "to": _strings(entry.get("to"), name + ".to"),
             "severities": _strings(entry.get("severities"), name + ".severities") or ["critical", "warning"],
             "activities": [int(a) for a in _strings(entry.get("activities"), name + ".activities")],
             "kinds": _strings(entry.get("kinds"), name + ".kinds") or list(KINDS),
             "checks": _strings(entry.get("checks"), name + ".checks") or ["*"],
             "language": str(entry.get("language") or "")}
    if not route["to"]:
        raise AlertConfigError("%s.to names no recipient" % name)
    for who in route["to"]:
        if who not in recipients:
            raise AlertConfigError("%s.to: %s is not in recipients" % (name, who))
    for kind in route["kinds"]:
        if kind not in KINDS:
            raise AlertConfigError("%s.kinds: %s is not one of %s" % (name, kind, ", ".join(KINDS)))
    for severity in route["severities"]:
        if severity not in fnd.STATUSES:
            raise AlertConfigError("%s.severities: %s is not one of %s" % (name, severity, ", ".join(fnd.STATUSES)))
    if route["language"] and route["language"] not in LANGUAGES:
        raise AlertConfigError("%s.language must be id or en" % name)
    return route


def normalise(settings: dict | None) -> dict:
    """The settings merged over DEFAULTS and checked; raises AlertConfigError."""
    cfg = dict(DEFAULTS)
    cfg.update({k: v for k, v in (settings or {}).items() if v is not None})
    confirm = dict(DEFAULT_CONFIRM)
    for check, count in (cfg["confirm"] or {}).items():
        confirm[str(check)] = _positive_int(count, "confirm.%s" % check)
    cfg["confirm"] = confirm
    cfg["recover_after"] = _positive_int(cfg["recover_after"], "recover_after")
    cfg["group_min"] = _positive_int(cfg["group_min"], "group_min", 2, 100000)
    cfg["retries"] = _positive_int(cfg["retries"], "retries", 1, 10)
    cfg["tz"] = timezone(str(cfg["timezone"]))
    cfg["availability_target"] = _target(cfg["availability_target"], "availability_target")
    cfg["digest_at"] = _hhmm(cfg["digest_time"], "digest_time") if str(cfg["digest_time"]).strip() else None
    if cfg["language"] not in LANGUAGES:
        raise AlertConfigError("language must be id or en, got %r" % cfg["language"])
    cfg["maintenance"] = [_window(w, i, cfg["tz"]) for i, w in enumerate(cfg["maintenance"] or [])]
    if not isinstance(cfg["recipients"], dict):
        raise AlertConfigError("recipients must map a name to an Apprise URL")
    cfg["recipients"] = {str(k): _recipient(k, v) for k, v in cfg["recipients"].items()}
    cfg["routes"] = [_route(r, i, cfg["recipients"]) for i, r in enumerate(cfg["routes"] or [])]
    return cfg


def in_maintenance(cfg: dict, host: str, subject: str, names: tuple, when: datetime.datetime) -> dict | None:
    """The maintenance window covering this site (subject URL or site names, or its host) at ``when``."""
    local = when.astimezone(cfg["tz"])
    for window in cfg["maintenance"]:
        hit = any(fnmatch.fnmatchcase(host, p) for p in window["hosts"]) or any(
            fnmatch.fnmatchcase(value, p) for p in window["sites"] for value in (subject,) + tuple(names))
        if not hit:
            continue
        if "daily" in window:
            start, end = window["daily"]
            now_t = local.time().replace(second=0, microsecond=0)
            today = DAYS[local.weekday()]
            yesterday = DAYS[(local.weekday() - 1) % 7]
            if start <= end:
                covered = today in window["days"] and start <= now_t < end
            else:  # across midnight: the part after midnight belongs to the day it started
                covered = (today in window["days"] and now_t >= start) or (yesterday in window["days"] and now_t < end)
            if covered:
                return window
        elif window["start"] <= when < window["end"]:
            return window
    return None


def routes_for(cfg: dict, kind: str, severity: str, activity: int, check: str) -> list:
    """The routes a message of this kind, severity, activity and check goes to (in order)."""
    out = []
    for route in cfg["routes"]:
        if kind not in route["kinds"] or severity not in route["severities"]:
            continue
        if route["activities"] and activity not in route["activities"]:
            continue
        if check and not any(fnmatch.fnmatchcase(check, p) for p in route["checks"]):
            continue
        out.append(route)
    return out
