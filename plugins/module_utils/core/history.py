# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The history store: every run's findings and metrics, kept for the report.

SQLite by default (one file in the data directory). The schema is versioned:
MIGRATIONS is an ordered list of SQL scripts and the store applies the ones a
file lacks, each in its own transaction, when it is opened. WAL journaling and
a busy timeout let two runs write at once; every write is one transaction, so
a crash mid-write leaves the previous state intact.

PostgreSQL instead, for several controllers or AWX jobs sharing one history:
one setting, a URL (``postgresql://user@host:5432/sitekeeper``) given as the
store's location or in the environment variable SITEKEEPER_HISTORY_URL (which,
when set, wins over any file path, so every module and the CLI on that
controller use the same database). Same schema and migrations; see history_pg.

Standard library only for SQLite: it runs on the controller from modules and the
CLI; the PostgreSQL backend needs psycopg 3 on the controller.

The store is one class, HistoryStore, built from one file per part: history_db
(where the history lives, the schema and its migrations, the connection),
history_read (every query on runs, findings and metrics), history_incidents
(the incidents table), and here the writing of one run's results, with the one
check of the findings that enter the history (admit_findings).
"""

from __future__ import annotations

import datetime
import os

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history_pg
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_db import (
    BUSY_TIMEOUT_S,
    HISTORY_URL_ENV,
    MIGRATIONS,
    HistoryConnection,
    HistoryError,
    default_data_dir,
    default_history_path,
    describe_location,
    dumps,
    history_url,
    resolve_location,
)
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_incidents import (
    INCIDENT_STATES,
    IncidentBook,
)
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_read import (
    FindingReader,
    MetricReader,
    row_finding,
)

# The names callers use, wherever they are defined.
__all__ = [
    "BUSY_TIMEOUT_S", "HISTORY_URL_ENV", "INCIDENT_STATES", "MIGRATIONS", "OUTCOMES", "HistoryConnection",
    "HistoryError", "HistoryStore", "admit_findings", "default_data_dir", "default_history_path",
    "describe_location", "history_pg", "history_url", "new_run_id", "record_activity", "resolve_location",
    "row_finding",
]

# Outcomes of one activity in one run. "completed": every targeted host was
# checked; "partial": some hosts could not be checked; "failed": none could.
OUTCOMES = ("completed", "partial", "failed")


def admit_findings(findings: list, activity: int) -> None:
    """The check at the door of the history: every finding follows the contract
    (FindingError naming the field) and belongs to this activity (HistoryError).

    The one validation on a finding's way into the history; the steps before it
    (publishing, gathering, the recording module) pass findings on unchecked.
    """
    for finding in findings:
        fnd.validate(finding)
        if finding["activity"] != activity:
            raise HistoryError(
                "finding %s belongs to activity %s, not %s"
                % (finding["check"], finding["activity"], activity)
            )


def _comparable(row):
    """A stored or new finding row as compared for "identical": the finding record_activity writes
    for a silent host is stamped with the time of recording, which is not an observation, so that
    stamp does not make a repeated recording of the same run a change."""
    row = tuple(row)
    return row[:-1] + ((None,) if row[0] == "run.host_unreachable" else row[-1:])


class HistoryStore(FindingReader, MetricReader, IncidentBook):
    """The history: open it (``with HistoryStore(path) as store``), record a run's results,
    and ask it (findings, metrics, runs, compliance, incidents). A SQLite file, or a
    PostgreSQL database when the location is a postgresql:// URL (or
    SITEKEEPER_HISTORY_URL is set)."""

    def record(
        self,
        run_id: str,
        activity: int,
        findings: list,
        metrics: list | None = None,
        started_at: str | None = None,
        finished_at: str | None = None,
        hosts: list | None = None,
        controller: str = "",
    ) -> dict:
        """Store one activity's results of one run, replacing any earlier copy.

        Recording the same (run_id, activity) twice replaces the first copy,
        so re-running a playbook's recording step never counts findings twice.
        """
        admit_findings(findings, activity)
        return self.record_admitted(run_id, activity, findings, metrics, started_at, finished_at, hosts, controller)

    def record_admitted(self, run_id: str, activity: int, findings: list, metrics: list | None = None,
                        started_at: str | None = None, finished_at: str | None = None, hosts: list | None = None,
                        controller: str = "") -> dict:
        """record() for findings already through admit_findings() (record_activity checks
        them before it adds its own findings for silent hosts)."""
        metrics = metrics or []
        for metric in metrics:
            if not isinstance(metric, dict) or not {"subject", "name"} <= set(metric):
                raise HistoryError("a metric is malformed (%r): need subject, name, value" % (metric,))
        finished_at = finished_at or fnd.utc_now_iso()
        started_at = started_at or finished_at
        hosts = sorted(set(hosts or [f["host"] for f in findings]))
        unreachable = {
            f["host"] for f in findings if f["check"] == "run.host_unreachable"
        }
        if hosts and len(unreachable) >= len(hosts):
            outcome = "failed"
        elif unreachable:
            outcome = "partial"
        else:
            outcome = "completed"
        worst = fnd.worst_status(f["status"] for f in findings)
        summary = {"run_id": run_id, "activity": activity, "outcome": outcome, "worst_status": worst,
                   "findings": len(findings), "metrics": len(metrics)}
        if self._already_recorded(run_id, activity, findings, metrics):
            return dict(summary, changed=False)
        try:
            with self._transaction() as conn:
                conn.execute(
                    "DELETE FROM findings WHERE run_id = ? AND activity = ?", (run_id, activity)
                )
                conn.execute(
                    "DELETE FROM metrics WHERE run_id = ? AND activity = ?", (run_id, activity)
                )
                conn.execute("DELETE FROM runs WHERE run_id = ? AND activity = ?", (run_id, activity))
                conn.execute(
                    "INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (run_id, activity, started_at, finished_at, outcome, worst, len(hosts), controller),
                )
                conn.executemany(
                    "INSERT INTO findings (run_id, activity, check_id, host, subject, status,"
                    " summary, details, evidence, suggested_actions, observed_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            run_id,
                            activity,
                            f["check"],
                            f["host"],
                            f["subject"],
                            f["status"],
                            f["summary"],
                            dumps(f["details"]),
                            dumps(f["evidence"]),
                            dumps(f["suggested_actions"]),
                            f["observed_at"],
                        )
                        for f in findings
                    ],
                )
                conn.executemany(
                    "INSERT INTO metrics (run_id, activity, host, subject, name, value, observed_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [
                        (
                            run_id,
                            activity,
                            str(m.get("host", "")),
                            str(m["subject"]),
                            str(m["name"]),
                            None if m.get("value") is None else float(m["value"]),
                            m.get("observed_at") or finished_at,
                        )
                        for m in metrics
                    ],
                )
        except (KeyError, TypeError, ValueError) as exc:
            raise HistoryError("a metric is malformed (%s): need subject, name, value" % exc) from None
        return dict(summary, changed=True)

    def _already_recorded(self, run_id, activity, findings, metrics) -> bool:
        """True when this run's activity is stored with exactly these findings and metrics."""
        stored = self.query(
            "SELECT check_id, host, subject, status, summary, details, evidence, suggested_actions, observed_at"
            " FROM findings WHERE run_id = ? AND activity = ?", (run_id, activity))
        if not stored and not self.query("SELECT 1 FROM runs WHERE run_id = ? AND activity = ?", (run_id, activity)):
            return False
        new = sorted(_comparable(
            (f["check"], f["host"], f["subject"], f["status"], f["summary"], dumps(f["details"]),
             dumps(f["evidence"]), dumps(f["suggested_actions"]), f["observed_at"])) for f in findings)
        if sorted(_comparable(r) for r in stored) != new:
            return False
        stored_metrics = self.query(
            "SELECT host, subject, name, value FROM metrics WHERE run_id = ? AND activity = ?", (run_id, activity))
        new_metrics = sorted(
            (str(m.get("host", "")), str(m["subject"]), str(m["name"]),
             None if m.get("value") is None else float(m["value"])) for m in metrics)
        return sorted(tuple(r) for r in stored_metrics) == new_metrics


def new_run_id(now: datetime.datetime | None = None) -> str:
    """A run id sortable by time, unique enough for one controller."""
    now = now or datetime.datetime.now(datetime.UTC)
    return now.strftime("%Y%m%dT%H%M%SZ") + "-%06x" % (int.from_bytes(os.urandom(3), "big"))


def record_activity(activity: int, findings: list, metrics: list, hosts: list, run_id: str | None,
                    started_at: str | None, history_path: str, controller: str = "",
                    dry_run: bool = False) -> dict:
    """Record an activity's findings, adding an `unknown` finding for every
    targeted host that produced none (unreachable or failed)."""
    if activity not in fnd.ACTIVITIES:
        raise HistoryError("activity must be 1-7, got %r" % (activity,))
    findings = [f for f in findings if f.get("activity") == activity]
    admit_findings(findings, activity)
    seen = {f["host"] for f in findings}
    for host in hosts:
        if host not in seen:
            findings.append(fnd.unreachable_finding(
                activity, host, "the host was unreachable or its tasks failed"))
    run_id = run_id or new_run_id()
    result = {"run_id": run_id, "history_path": describe_location(resolve_location(history_path)),
              "recorded": {"findings": len(findings), "metrics": len(metrics)}}
    if dry_run:
        result.update(outcome="not recorded (check mode)", changed=True,
                      worst_status=fnd.worst_status(f["status"] for f in findings))
        return result
    with HistoryStore(history_path) as store:
        stored = store.record_admitted(run_id, activity, findings, metrics, started_at=started_at,
                                       hosts=hosts or None, controller=controller)
    result.update(outcome=stored["outcome"], worst_status=stored["worst_status"], changed=stored["changed"])
    return result
