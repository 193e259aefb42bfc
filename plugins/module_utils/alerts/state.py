# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Flap suppression: each watched check's state across runs, and the changes worth a message.

Each (check, subject) has a *confirmed* state, ``ok`` or ``problem``. A new observation
that differs from it becomes the *pending* state; only when ``confirm`` consecutive
observations agree (``recover_after`` for the way back to ``ok``) does the confirmed state
change, and that change is an event: ``problem`` (with when it started: the first of the
confirming observations) or ``recovered`` (with the outage's duration). A site that flaps
(down, up, down, up) never gathers two observations in a row and sends nothing.

``unknown`` observations (a check that could not run, such as the cloaking check of a
site that is down) change nothing and do not break a streak. ``warning`` counts as
``ok`` here: warnings are not urgent and go to the daily digest instead.

During a maintenance window the streak still counts but nothing is confirmed, so a
problem still there when the window ends is alerted at the next run, and one that
cleared inside the window never is.

Pure functions over plain dicts (the rows of core.history_alerts), unit-tested alone.
"""

from __future__ import annotations

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.alerts.compose import stored_summary

OK = "ok"
PROBLEM = "problem"


def observed_state(status: str) -> str | None:
    """ok/problem for a finding status; None for unknown (no observation)."""
    if status == "critical":
        return PROBLEM
    if status in ("ok", "warning"):
        return OK
    return None


def new_row(finding: dict) -> dict:
    """The state of a check seen for the first time: confirmed ok (a site already broken
    at its first observation is then alerted once its problem is confirmed)."""
    at = finding["observed_at"]
    return {"check_id": finding["check"], "subject": finding["subject"], "host": finding["host"],
            "confirmed": OK, "confirmed_at": at, "pending": None, "pending_count": 0, "pending_since": None,
            "last_status": "ok", "last_observed_at": at, "summary": ""}


def duration_s(start: str, end: str) -> int:
    try:
        return max(0, int((fnd.parse_iso(end) - fnd.parse_iso(start)).total_seconds()))
    except (TypeError, ValueError):
        return 0


def step(row: dict | None, finding: dict, confirm: int, recover_after: int, silenced: bool = False) -> tuple:
    """(new row, event or None) after one observation (a finding) of this check."""
    row = dict(row or new_row(finding))
    state = observed_state(finding["status"])
    at = finding["observed_at"]
    row["host"] = finding["host"]
    if state is None:
        return row, None
    row["last_status"], row["last_observed_at"] = finding["status"], at
    if state == PROBLEM:  # kept through the recovery, which names what it recovered from
        row["summary"] = stored_summary(finding)
    if state == row["confirmed"]:
        row.update(pending=None, pending_count=0, pending_since=None)
        return row, None
    if row["pending"] == state:
        row["pending_count"] = int(row["pending_count"]) + 1
    else:
        row.update(pending=state, pending_count=1, pending_since=at)
    needed = confirm if state == PROBLEM else recover_after
    if row["pending_count"] < needed or silenced:
        return row, None
    event = {"kind": PROBLEM if state == PROBLEM else "recovered", "check": row["check_id"],
             "subject": row["subject"], "host": row["host"], "status": finding["status"],
             "observations": row["pending_count"], "finding": finding}
    if state == PROBLEM:
        event["started_at"] = row["pending_since"]
    else:
        event.update(started_at=row["confirmed_at"], ended_at=row["pending_since"],
                     duration_s=duration_s(row["confirmed_at"], row["pending_since"]),
                     problem_summary=row["summary"])
    row.update(confirmed=state, confirmed_at=row["pending_since"], pending=None, pending_count=0,
               pending_since=None)
    return row, event
