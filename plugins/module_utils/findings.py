# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The findings contract: the one schema every Sitekeeper check reports in.

A finding is a plain dict (JSON-serialisable, so it travels through Ansible
results, set_stats, runner events and the history store unchanged):

    activity           int 1..7, the SOP's numbering
    check              stable id, e.g. "availability.http_status"
    host               inventory host the check ran for
    subject            the site URL, service or file the finding is about
    status             "ok" | "warning" | "critical" | "unknown"
    summary            one sentence a non-technical reader understands
    details            structured data (dict)
    evidence           a few lines at most (list of str, bounded)
    suggested_actions  list of {"text": ..., "playbook": ..., "tag": ...}
    observed_at        UTC ISO-8601, e.g. "2026-11-27T10:00:00Z"

"unknown" means "could not check" (unreachable, permission denied); it is
never folded into "ok".
"""

from __future__ import annotations

import datetime
import re

STATUSES = ("ok", "warning", "critical", "unknown")
# Order used to pick the worst of several statuses. "unknown" ranks between
# warning and critical: a check that could not run needs attention, but less
# than one that saw a real failure.
_RANK = {"ok": 0, "warning": 1, "unknown": 2, "critical": 3}

ACTIVITIES = {
    1: "monitor",
    2: "backup",
    3: "audit",
    4: "renewals",
    5: "report",
    6: "remediate",
    7: "troubleshoot",
}
# The SOP's time standard for each activity, in days.
TIME_STANDARD_DAYS = {1: 2, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1}

MAX_EVIDENCE_LINES = 10
MAX_EVIDENCE_LINE_CHARS = 500
MAX_SUMMARY_CHARS = 400

_CHECK_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")
FIELDS = (
    "activity",
    "check",
    "host",
    "subject",
    "status",
    "summary",
    "details",
    "evidence",
    "suggested_actions",
    "observed_at",
)


class FindingError(ValueError):
    """A finding does not follow the schema."""


def utc_now_iso(now: datetime.datetime | None = None) -> str:
    """UTC time as ISO-8601 with a trailing Z, second precision."""
    now = now or datetime.datetime.now(datetime.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=datetime.UTC)
    return now.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(value: str) -> datetime.datetime:
    """Parse an ISO-8601 time (with Z or offset, or naive = UTC) to aware UTC."""
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    parsed = datetime.datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed.astimezone(datetime.UTC)


def parse_day(value: str | None) -> datetime.date:
    """A ``today`` option of the renewal modules: a date like 2026-11-27, or today (UTC) when empty.
    Raises ValueError with a message for the user."""
    if not value:
        return datetime.datetime.now(datetime.UTC).date()
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError("today must be a date like 2026-11-27, got %r" % value) from None


def bound_evidence(lines) -> list:
    """Keep evidence short: at most MAX_EVIDENCE_LINES lines, each truncated."""
    if lines is None:
        return []
    if isinstance(lines, str):
        lines = lines.splitlines()
    bounded = []
    for line in list(lines)[:MAX_EVIDENCE_LINES]:
        text = line if isinstance(line, str) else repr(line)
        if len(text) > MAX_EVIDENCE_LINE_CHARS:
            text = text[: MAX_EVIDENCE_LINE_CHARS - 1] + "\u2026"
        bounded.append(text)
    return bounded


def action(text: str, playbook: str | None = None, tag: str | None = None, text_id: str | None = None) -> dict:
    """A suggested action ("alternative solution"), naming a playbook/tag when one applies.

    ``text_id`` is the same action in Indonesian (the report's language); the key is
    only present when given, so an action without a translation keeps its three keys.
    """
    act = {"text": text, "playbook": playbook, "tag": tag}
    if text_id is not None:
        act["text_id"] = text_id
    return act


def make_finding(
    activity: int,
    check: str,
    host: str,
    subject: str,
    status: str,
    summary: str,
    details: dict | None = None,
    evidence=None,
    suggested_actions: list | None = None,
    observed_at: str | None = None,
    summary_id: str | None = None,
) -> dict:
    """Build and validate one finding.

    ``summary_id`` is the summary in Indonesian; it is kept in ``details["summary_id"]``
    (the report reads it there), so producers pass it here instead of wrapping this
    constructor. Actions carry their own ``text_id`` (see action()).
    """
    if summary_id is not None:
        details = dict(details or {}, summary_id=summary_id)
    finding = {
        "activity": activity,
        "check": check,
        "host": host,
        "subject": subject,
        "status": status,
        "summary": summary,
        "details": details or {},
        "evidence": bound_evidence(evidence),
        "suggested_actions": [
            a if isinstance(a, dict) else action(str(a)) for a in (suggested_actions or [])
        ],
        "observed_at": observed_at or utc_now_iso(),
    }
    validate(finding)
    return finding


# The keys finding_from_spec() takes: make_finding's arguments.
SPEC_KEYS = FIELDS + ("summary_id",)
_ACTION_KEYS = ("text", "text_id", "playbook", "tag")


def finding_from_spec(spec) -> dict:
    """A finding from a mapping of make_finding()'s arguments, for YAML (the ``finding`` filter).

    ``details``, ``evidence``, ``suggested_actions`` and ``observed_at`` (now) are optional;
    ``summary_id`` goes to ``details["summary_id"]`` as in make_finding(). Each suggested
    action is a text or a mapping of action()'s arguments. Unknown keys are refused, so
    a misspelt key is an error rather than a silently missing field.
    """
    if not isinstance(spec, dict):
        raise FindingError("a finding spec must be a mapping, got %s" % type(spec).__name__)
    unknown = sorted(str(k) for k in spec if k not in SPEC_KEYS)
    if unknown:
        raise FindingError("unknown finding key(s): %s (known: %s)" % (", ".join(unknown), ", ".join(SPEC_KEYS)))
    missing = [k for k in ("activity", "check", "host", "subject", "status", "summary") if k not in spec]
    if missing:
        raise FindingError("finding is missing field(s): %s" % ", ".join(missing))
    args = dict(spec)
    actions = args.get("suggested_actions") or []
    if not isinstance(actions, list):
        raise FindingError("suggested_actions must be a list of {text, text_id, playbook, tag}")
    args["suggested_actions"] = [_action_from_spec(a) for a in actions]
    return make_finding(**args)


def _action_from_spec(spec) -> dict:
    if isinstance(spec, str):
        return action(spec)
    if not isinstance(spec, dict) or not isinstance(spec.get("text"), str):
        raise FindingError("a suggested action must be a text or a mapping with a text, got %r" % (spec,))
    unknown = sorted(str(k) for k in spec if k not in _ACTION_KEYS)
    if unknown:
        raise FindingError("unknown suggested action key(s): %s (known: %s)"
                           % (", ".join(unknown), ", ".join(_ACTION_KEYS)))
    return action(**spec)


def validate(finding) -> dict:
    """Raise FindingError naming the first field that breaks the schema."""
    if not isinstance(finding, dict):
        raise FindingError("a finding must be a mapping, got %s" % type(finding).__name__)
    missing = [f for f in FIELDS if f not in finding]
    if missing:
        raise FindingError("finding is missing field(s): %s" % ", ".join(missing))
    activity = finding["activity"]
    if isinstance(activity, bool) or not isinstance(activity, int) or activity not in ACTIVITIES:
        raise FindingError("activity must be an integer 1-7, got %r" % (activity,))
    if not isinstance(finding["check"], str) or not _CHECK_RE.match(finding["check"]):
        raise FindingError(
            "check must be a dotted lowercase id like 'availability.http_status', got %r"
            % (finding["check"],)
        )
    if finding["status"] not in STATUSES:
        raise FindingError(
            "status must be one of %s, got %r" % ("|".join(STATUSES), finding["status"])
        )
    for field in ("host", "subject", "summary"):
        if not isinstance(finding[field], str) or not finding[field].strip():
            raise FindingError("%s must be a non-empty string" % field)
    if len(finding["summary"]) > MAX_SUMMARY_CHARS:
        raise FindingError("summary is longer than %d characters" % MAX_SUMMARY_CHARS)
    if not isinstance(finding["details"], dict):
        raise FindingError("details must be a mapping")
    if not isinstance(finding["evidence"], list) or len(finding["evidence"]) > MAX_EVIDENCE_LINES:
        raise FindingError("evidence must be a list of at most %d lines" % MAX_EVIDENCE_LINES)
    actions = finding["suggested_actions"]
    if not isinstance(actions, list) or not all(
        isinstance(a, dict) and isinstance(a.get("text"), str) for a in actions
    ):
        raise FindingError("suggested_actions must be a list of {text, playbook, tag}")
    try:
        parse_iso(finding["observed_at"])
    except (TypeError, ValueError, AttributeError):
        raise FindingError("observed_at must be an ISO-8601 time, got %r" % (finding["observed_at"],)) from None
    return finding


def worst_status(statuses) -> str:
    """The most serious status of several; "ok" for none."""
    worst = "ok"
    for status in statuses:
        if _RANK[status] > _RANK[worst]:
            worst = status
    return worst


def count_by_status(findings) -> dict:
    counts = dict.fromkeys(STATUSES, 0)
    for finding in findings:
        counts[finding["status"]] += 1
    return counts


def unreachable_finding(activity: int, host: str, reason: str, observed_at: str | None = None) -> dict:
    """The finding for a host an activity could not check at all."""
    return make_finding(
        activity=activity,
        check="run.host_unreachable",
        host=host,
        subject=host,
        status="unknown",
        summary="The %s activity could not check host %s: %s"
        % (ACTIVITIES[activity], host, reason[:200] or "no result"),
        details={"reason": reason},
        suggested_actions=[
            action(
                "Check that the host is switched on, reachable over SSH and that the "
                "account in the inventory can log in.",
                playbook="troubleshoot",
            )
        ],
        observed_at=observed_at,
    )


def group_by_host(findings, metrics=(), hosts=()) -> dict:
    """{host: {"findings": [...], "metrics": [...]}} in the input order, for controller-side modules.

    A controller module checks every site of every host at once; each host then takes its
    own share with one dict lookup (``result.by_host[inventory_hostname]``) instead of
    filtering all findings once per host, which grows with hosts x findings. Every host
    named in ``hosts`` gets an entry, empty when nothing is about it. An item without a
    host (or with a non-string one) raises FindingError.
    """
    grouped = {str(host): {"findings": [], "metrics": []} for host in hosts}
    for key, items in (("findings", findings), ("metrics", metrics)):
        for item in items or ():
            host = item.get("host") if isinstance(item, dict) else None
            if not isinstance(host, str) or not host:
                raise FindingError("a %s entry without a host cannot be grouped by host: %r"
                                   % (key[:-1], item if not isinstance(item, dict) else item.get("subject")))
            grouped.setdefault(host, {"findings": [], "metrics": []})[key].append(item)
    return grouped


# The one rule for a site's name (inventory sitekeeper_sites[].name), the same in every role and
# module: the name becomes part of file names (backup archives, dumps), report anchors and history
# keys, so it must never be able to climb out of a folder ("../"), carry markup ("<script>") or
# be empty. roles/findings/tasks/validate_sites.yml states the same pattern for the playbooks.
# \Z, not $: "$" also matches before a trailing newline.
SITE_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z"
SITE_NAME_RULE = "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
_SITE_NAME_RE = re.compile(SITE_NAME_PATTERN)
_SHOWN_CHARS = re.compile(r"[^A-Za-z0-9._ -]")


def site_name_problem(name) -> str | None:
    """None for a usable site name, else one sentence that names it safely and states the rule.

    The name is shown with every character outside letters, digits, '.', '_', '-' and space
    replaced by '?' and cut to 40 characters, so the message itself can go into a finding, a
    report or a mail without carrying a path or markup.
    """
    if isinstance(name, str) and _SITE_NAME_RE.match(name):
        return None
    if not isinstance(name, str) or not name:
        shown = "(none)"
    else:
        shown = _SHOWN_CHARS.sub("?", name)
        shown = "'%s'" % (shown if len(shown) <= 40 else shown[:40] + "...")
    return "site name %s is not usable: a site name is %s" % (shown, SITE_NAME_RULE)
