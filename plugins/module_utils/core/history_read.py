# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The history store's read queries on runs, findings and metrics (used through history.HistoryStore).

Every query on these tables lives here (or in history_incidents), written once in
SQL both backends understand, so the report, the probe and the renewals ask the
store instead of writing SQL of their own. A stored row becomes a finding in one
place (row_finding), and "the newest finding of each (check, subject, host)" is
picked in one place (newest_findings).
"""

from __future__ import annotations

import datetime
import json

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_db import HistoryConnection


def row_finding(row) -> dict:
    """A stored findings row as a finding (plus the run_id it was recorded in)."""
    return {
        "run_id": row["run_id"],
        "activity": row["activity"],
        "check": row["check_id"],
        "host": row["host"],
        "subject": row["subject"],
        "status": row["status"],
        "summary": row["summary"],
        "details": json.loads(row["details"]),
        "evidence": json.loads(row["evidence"]),
        "suggested_actions": json.loads(row["suggested_actions"]),
        "observed_at": row["observed_at"],
    }


def _utc(value: str) -> str:
    return fnd.utc_now_iso(fnd.parse_iso(value))


# Activities run when a problem is found, not on a timetable: remediation (6). Its time standard counts
# from the problem (the SOP: fixed within 1 day of the problem), so with no open problem nothing is due.
REMEDIATION = 6
EVENT_DRIVEN = (REMEDIATION,)
PROBLEM_STATUSES = ("warning", "critical")


def _marks(values) -> str:
    return ",".join("?" * len(values))


class FindingReader(HistoryConnection):
    """Queries on the runs and findings tables."""

    def findings(self, since: str | None = None, until: str | None = None, status=None,
                 activity: int | None = None, run_id: str | None = None, limit: int | None = None) -> list:
        """Findings, newest first, filtered by time window, status(es), activity or run."""
        where, params = [], []
        if since:
            where.append("observed_at >= ?")
            params.append(_utc(since))
        if until:
            where.append("observed_at < ?")
            params.append(_utc(until))
        if status:
            statuses = [status] if isinstance(status, str) else list(status)
            where.append("status IN (%s)" % _marks(statuses))
            params.extend(statuses)
        if activity is not None:
            where.append("activity = ?")
            params.append(int(activity))
        if run_id:
            where.append("run_id = ?")
            params.append(run_id)
        sql = "SELECT * FROM findings"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY observed_at DESC, id DESC"
        if limit:
            sql += " LIMIT %d" % int(limit)
        return [row_finding(r) for r in self.query(sql, params)]

    def latest_findings(self, activity: int | None = None) -> list:
        """The newest finding for each (check, subject, host), by activity, check and subject."""
        return sorted(self.newest_findings(activity=activity),
                      key=lambda f: (f["activity"], f["check"], f["subject"]))

    def newest_findings(self, since: str | None = None, until: str | None = None, activity: int | None = None,
                        exclude_activity: int | None = None) -> list:
        """The newest finding of each (check, subject, host) among the findings observed from
        ``since`` to ``until`` (both included; ISO-8601 UTC as stored) of ``activity``, or of every
        activity but ``exclude_activity``. Ties on the time: the one recorded last wins."""
        window, params = [], []
        if since:
            window.append("observed_at >= ?")
            params.append(since)
        if until:
            window.append("observed_at <= ?")
            params.append(until)
        kinds, kind_params = [], []
        if activity is not None:
            kinds.append("activity = ?")
            kind_params.append(int(activity))
        if exclude_activity is not None:
            kinds.append("activity != ?")
            kind_params.append(int(exclude_activity))
        if self.backend == "postgresql":
            # DISTINCT ON picks the newest row per key.
            where = " AND ".join(window + kinds) or "TRUE"
            return [row_finding(r) for r in self.query(
                "SELECT DISTINCT ON (check_id, subject, host) * FROM findings WHERE %s"  # noqa: S608  fixed clauses
                " ORDER BY check_id, subject, host, observed_at DESC, id DESC" % where, params + kind_params)]
        # SQLite: the newest time of each key comes from the (check_id, subject, host, observed_at) index
        # alone (the unary + keeps the planner off the time index, which would read every row of the
        # period: 8x slower for a month of 500 sites); then only those rows are read. The activity is not
        # in that index, so it is checked on the rows read: a key whose newest rows are all of another
        # activity (run.host_unreachable is shared by every activity) is looked up again on its own.
        where = " AND ".join("+" + w for w in window) or "1 = 1"
        rows = self.query(
            "SELECT f.* FROM findings AS f JOIN (SELECT check_id, subject, host, MAX(observed_at) AS newest"  # noqa: S608
            " FROM findings WHERE %s GROUP BY check_id, subject, host) AS k ON f.check_id = k.check_id"
            " AND f.subject = k.subject AND f.host = k.host AND f.observed_at = k.newest ORDER BY f.id" % where,
            params)
        wanted = {}
        passed_over = set()
        for row in rows:
            key = (row["check_id"], row["subject"], row["host"])
            if (activity is None or row["activity"] == int(activity)) and (
                    exclude_activity is None or row["activity"] != int(exclude_activity)):
                wanted[key] = row
            else:
                passed_over.add(key)
        for key in sorted(passed_over - set(wanted)):
            # One key's rows, through the key index (the + again keeps the time index out).
            found = self.query(
                "SELECT * FROM findings WHERE check_id = ? AND subject = ? AND host = ? AND %s"  # noqa: S608
                " ORDER BY observed_at DESC, id DESC LIMIT 1" % " AND ".join(["+" + w for w in window] + kinds),
                list(key) + params + kind_params)
            if found:
                wanted[key] = found[0]
        return [row_finding(r) for r in sorted(wanted.values(), key=lambda r: r["id"])]

    def newest_per_subject(self, check: str, detail: str | None = None) -> dict:
        """{subject: finding}: the newest finding of one check for each subject (any host),
        among those whose details hold the key ``detail`` with a value (when given)."""
        sql = "SELECT * FROM (SELECT f.*, ROW_NUMBER() OVER (PARTITION BY subject ORDER BY observed_at DESC,"
        sql += " id DESC) AS newest FROM findings f WHERE check_id = ?"
        params = [check]
        if detail:
            # The stored JSON text narrows the rows; the parsed details decide.
            sql += " AND details LIKE ?"
            params.append("%" + json.dumps(detail) + "%")
        sql += ") AS latest WHERE newest = 1"
        out = {}
        for row in self.query(sql, params):
            finding = row_finding(row)
            if not detail or (isinstance(finding["details"], dict) and finding["details"].get(detail)):
                out[finding["subject"]] = finding
        return out

    def status_counts(self, since: str, until: str, exclude_activity: int | None = None) -> dict:
        """{status: number of findings} observed from ``since`` (included) to ``until`` (excluded)."""
        counts = dict.fromkeys(fnd.STATUSES, 0)
        sql = "SELECT status, COUNT(*) AS n FROM findings WHERE observed_at >= ? AND observed_at < ?"
        params = [since, until]
        if exclude_activity is not None:
            sql += " AND activity != ?"
            params.append(int(exclude_activity))
        for row in self.query(sql + " GROUP BY status", params):
            counts[row["status"]] = int(row["n"])
        return counts

    def recurrences(self, since: str, until: str, statuses=("warning", "critical", "unknown")) -> dict:
        """{(check, subject, host): how many findings of these statuses} from ``since`` to ``until`` (included)."""
        statuses = list(statuses)
        rows = self.query(
            "SELECT check_id, subject, host, COUNT(*) AS n FROM findings WHERE observed_at >= ?"  # noqa: S608
            " AND observed_at <= ? AND status IN (%s) GROUP BY check_id, subject, host" % _marks(statuses),
            [since, until] + statuses)
        return {(r["check_id"], r["subject"], r["host"]): int(r["n"]) for r in rows}

    def last_completions(self) -> dict:
        """For each SOP activity: when it last finished with outcome completed."""
        rows = self.query(
            "SELECT activity, MAX(finished_at) AS finished_at FROM runs"
            " WHERE outcome = 'completed' GROUP BY activity"
        )
        return {int(r["activity"]): r["finished_at"] for r in rows}

    def last_completion(self, activity: int, before: str) -> str | None:
        """When ``activity`` last finished with outcome completed before ``before``; None if never."""
        rows = self.query(
            "SELECT MAX(finished_at) AS t FROM runs WHERE activity = ? AND outcome = 'completed' AND finished_at < ?",
            (int(activity), before))
        return rows[0]["t"] if rows and rows[0]["t"] else None

    def compliance(self, now: datetime.datetime | None = None) -> list:
        """Each activity against the SOP's time standard (2 days for 1, 1 day for the rest).

        Scheduled activities are due again ``time_standard_days`` after their last completed run.
        Remediation (activity 6) runs when something breaks: its time standard counts from the
        problem (see open_problem), so without one nothing is due (``due`` False, within standard)."""
        now = now or datetime.datetime.now(datetime.UTC)
        done = self.last_completions()
        rows = []
        for activity, name in fnd.ACTIVITIES.items():
            limit_days = fnd.TIME_STANDARD_DAYS[activity]
            last = done.get(activity)
            age_days = None
            if last:
                age_days = (now - fnd.parse_iso(last)).total_seconds() / 86400.0
            row = {
                "activity": activity,
                "name": name,
                "time_standard_days": limit_days,
                "last_completed": last,
                "age_days": None if age_days is None else round(age_days, 2),
                "within_standard": age_days is not None and age_days <= limit_days,
                "event_driven": activity in EVENT_DRIVEN,
                "due": True,
            }
            if activity in EVENT_DRIVEN:
                found = self.open_problem(since=last)
                due_at = None if found is None else fnd.parse_iso(found) + datetime.timedelta(days=limit_days)
                row.update(due=found is not None, problem_found_at=found,
                           due_at=None if due_at is None else fnd.utc_now_iso(due_at),
                           within_standard=due_at is None or now <= due_at)
            rows.append(row)
        return rows

    def open_problem(self, since: str | None = None) -> str | None:
        """When the oldest problem still open was first found after ``since`` (the last completed
        remediation run), or None. A problem: a warning or critical finding of another activity that
        proposes a catalogue fix (an action naming the remediate playbook), whose check, subject and host
        have no newer finding of another status."""
        window = [] if since is None else [since]
        newest = self.newest_findings(since=since, exclude_activity=REMEDIATION)
        open_keys = {(f["check"], f["subject"], f["host"]) for f in newest
                     if f["status"] in PROBLEM_STATUSES
                     and any(a.get("playbook") == "remediate" for a in f["suggested_actions"])}
        if not open_keys:
            return None
        # First seen of each open key in the window: a problem found before the last remediation and
        # still found after it restarts its clock at its first finding after that run.
        rows = self.query(
            "SELECT check_id, subject, host, MIN(observed_at) AS first_seen FROM findings"  # noqa: S608  fixed clauses
            " WHERE status IN (%s) AND activity != ?%s GROUP BY check_id, subject, host"
            % (_marks(PROBLEM_STATUSES), " AND observed_at > ?" if window else ""),
            list(PROBLEM_STATUSES) + [REMEDIATION] + window)
        firsts = [r["first_seen"] for r in rows if (r["check_id"], r["subject"], r["host"]) in open_keys]
        return min(firsts) if firsts else None

    def runs(self, limit: int = 20) -> list:
        rows = self.query(
            "SELECT * FROM runs ORDER BY finished_at DESC, activity LIMIT ?", (int(limit),)
        )
        return [dict(r) for r in rows]


class MetricReader(HistoryConnection):
    """Queries on the metrics table. ``names`` is the one name or the several names a metric is
    recorded under; days are local days, ``offset_minutes`` east of UTC (an integer only)."""

    def time_series(self, subject: str, name: str, since: str | None = None) -> list:
        """(observed_at, value) points of one metric of one subject, oldest first."""
        sql = "SELECT observed_at, value FROM metrics WHERE subject = ? AND name = ?"
        params = [subject, name]
        if since:
            sql += " AND observed_at >= ?"
            params.append(_utc(since))
        sql += " ORDER BY observed_at, id"
        return [(r["observed_at"], r["value"]) for r in self.query(sql, params)]

    def metric_points(self, name: str, activity: int | None = None, since: str | None = None) -> list:
        """Every point of one metric, oldest first: [{subject, host, value, observed_at}]."""
        sql = "SELECT subject, host, value, observed_at FROM metrics WHERE name = ?"
        params = [name]
        if activity is not None:
            sql += " AND activity = ?"
            params.append(int(activity))
        if since:
            sql += " AND observed_at >= ?"
            params.append(since)
        sql += " ORDER BY observed_at, id"
        return [{"subject": r["subject"], "host": r["host"], "value": r["value"], "observed_at": r["observed_at"]}
                for r in self.query(sql, params)]

    def _metric_query(self, sql: str, names, params=(), offset_minutes: int = 0):
        """{names} becomes "name IN (...)" and {day} the local-day expression (from an integer offset only)."""
        names = (names,) if isinstance(names, str) else tuple(names)
        day = "date(observed_at, '%+d minutes')" % int(offset_minutes)
        sql = sql.replace("{names}", "name IN (%s)" % _marks(names)).replace("{day}", day)
        return self.query(sql, list(names) + list(params))

    def metric_subjects(self, names, since: str, until: str) -> set:
        """The subjects with a point of these metrics from ``since`` to ``until`` (included)."""
        rows = self._metric_query("SELECT DISTINCT subject FROM metrics WHERE {names} AND observed_at >= ?"
                                  " AND observed_at <= ?", names, (since, until))
        return {r["subject"] for r in rows}

    def metric_per_subject(self, names, since: str, until: str) -> dict:
        """{subject: {avg, max, min, n}} of the values from ``since`` to ``until`` (included)."""
        rows = self._metric_query(
            "SELECT subject, AVG(value) AS avg, MAX(value) AS max, MIN(value) AS min, COUNT(value) AS n"
            " FROM metrics WHERE {names} AND observed_at >= ? AND observed_at <= ? AND value IS NOT NULL"
            " GROUP BY subject ORDER BY subject", names, (since, until))
        return {r["subject"]: {"avg": r["avg"], "max": r["max"], "min": r["min"], "n": r["n"]} for r in rows}

    def metric_overall(self, names, since: str, until: str) -> dict:
        """{avg, n} of every value from ``since`` (included) to ``until`` (excluded)."""
        rows = self._metric_query(
            "SELECT AVG(value) AS avg, COUNT(value) AS n FROM metrics WHERE {names} AND observed_at >= ?"
            " AND observed_at < ? AND value IS NOT NULL", names, (since, until))
        if not rows or not rows[0]["n"]:
            return {"avg": None, "n": 0}
        return {"avg": rows[0]["avg"], "n": rows[0]["n"]}

    def metric_daily_avg(self, names, since: str, until: str, offset_minutes: int, by_subject: bool) -> dict:
        """{subject or '*': [[day, avg], ...]} oldest first, ``since`` to ``until`` (included)."""
        group = "subject, " if by_subject else ""
        rows = self._metric_query(
            "SELECT {group}{day} AS day, AVG(value) AS v FROM metrics WHERE {names} AND observed_at >= ?"
            " AND observed_at <= ? AND value IS NOT NULL GROUP BY {group}day ORDER BY day".replace("{group}", group),
            names, (since, until), offset_minutes)
        series = {}
        for row in rows:
            series.setdefault(row["subject"] if by_subject else "*", []).append([row["day"], row["v"]])
        return series

    def metric_daily_total(self, names, since: str, until: str, offset_minutes: int) -> list:
        """Per day, ``since`` (included) to ``until`` (excluded): the sum over subjects of each
        subject's largest value of that day."""
        rows = self._metric_query(
            "SELECT day, SUM(v) AS total FROM (SELECT subject, {day} AS day, MAX(value) AS v FROM metrics"
            " WHERE {names} AND observed_at >= ? AND observed_at < ? AND value IS NOT NULL"
            " GROUP BY subject, day) GROUP BY day ORDER BY day", names, (since, until), offset_minutes)
        return [[r["day"], r["total"]] for r in rows]

    def metric_latest(self, names, until: str) -> dict:
        """{subject: {value, observed_at}}: the newest value per subject up to ``until`` (any age)."""
        rows = self._metric_query(
            "SELECT subject, value, observed_at FROM (SELECT subject, value, observed_at, ROW_NUMBER() OVER"
            " (PARTITION BY subject ORDER BY observed_at DESC, id DESC) AS rn FROM metrics WHERE {names}"
            " AND observed_at <= ?) WHERE rn = 1 ORDER BY subject", names, (until,))
        return {r["subject"]: {"value": r["value"], "observed_at": r["observed_at"]} for r in rows}

    def metric_daily_max(self, names, since: str, until: str, offset_minutes: int, by_subject: bool = True) -> dict:
        """{subject or '*': [[day, largest value], ...]} oldest first, ``since`` to ``until`` (included)."""
        rows = self._metric_query(
            "SELECT subject, {day} AS day, MAX(value) AS v FROM metrics WHERE {names} AND observed_at >= ?"
            " AND observed_at <= ? AND value IS NOT NULL GROUP BY subject, day ORDER BY day",
            names, (since, until), offset_minutes)
        series = {}
        for row in rows:
            series.setdefault(row["subject"] if by_subject else "*", []).append([row["day"], row["v"]])
        return series
