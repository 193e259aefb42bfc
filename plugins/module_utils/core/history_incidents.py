# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The history store's incidents table (used through history.HistoryStore).

An incident is one problem (host, check, subject) being worked on: found and
handled in-house (``open``), handed to a third party (``escalated``), or solved
(``resolved``, with who solved it and when). Its actions are a growing list.
"""

from __future__ import annotations

import json

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_db import (
    HistoryConnection,
    HistoryError,
    dumps,
)

# States of an incident (SOP activity 7's loop): found and being worked on in-house,
# handed to a third party, or solved.
INCIDENT_STATES = ("open", "escalated", "resolved")


class IncidentBook(HistoryConnection):
    """Writing and reading incidents."""

    def upsert_incident(self, incident: dict) -> dict:
        """Create or update an incident (keyed by incident_id); actions are appended."""
        state = incident.get("state", "open")
        if state not in INCIDENT_STATES:
            raise HistoryError("incident state must be one of %s, got %r" % (INCIDENT_STATES, state))
        now = incident.get("updated_at") or fnd.utc_now_iso()
        try:
            with self._transaction() as conn:
                row = conn.execute(
                    "SELECT * FROM incidents WHERE incident_id = ?", (incident["incident_id"],)
                ).fetchone()
                actions = (json.loads(row["actions"]) if row else []) + list(incident.get("actions", []))
                resolved_at = now if state == "resolved" else None
                conn.execute("DELETE FROM incidents WHERE incident_id = ?", (incident["incident_id"],))
                conn.execute(
                    "INSERT INTO incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        incident["incident_id"],
                        incident.get("host") or (row["host"] if row else ""),
                        incident.get("subject") or (row["subject"] if row else ""),
                        incident.get("check") or (row["check_id"] if row else ""),
                        state,
                        incident.get("summary") or (row["summary"] if row else ""),
                        row["opened_at"] if row else now,
                        now,
                        resolved_at,
                        incident.get("resolved_by") if state == "resolved" else None,
                        incident.get("third_party") or (row["third_party"] if row else None),
                        dumps(actions),
                    ),
                )
        except KeyError as exc:
            raise HistoryError("an incident needs %s" % exc) from None
        return self.incidents(incident_id=incident["incident_id"])[0]

    def incidents(self, state=None, incident_id: str | None = None, since: str | None = None,
                  host: str | None = None, check: str | None = None, subject: str | None = None,
                  limit: int | None = None) -> list:
        """Incidents, newest update first, filtered by state(s), id, update time, or the
        problem's host, check and subject; at most ``limit`` of them."""
        where, params = [], []
        if state:
            states = [state] if isinstance(state, str) else list(state)
            where.append("state IN (%s)" % ",".join("?" * len(states)))
            params.extend(states)
        if incident_id:
            where.append("incident_id = ?")
            params.append(incident_id)
        for column, value in (("host", host), ("check_id", check), ("subject", subject)):
            if value is not None:
                where.append("%s = ?" % column)
                params.append(value)
        if since:
            where.append("updated_at >= ?")
            params.append(fnd.utc_now_iso(fnd.parse_iso(since)))
        sql = "SELECT * FROM incidents"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY updated_at DESC"
        if limit:
            sql += " LIMIT %d" % int(limit)
        rows = self.query(sql, params)
        return [dict(r, check=r["check_id"], actions=json.loads(r["actions"])) for r in rows]
