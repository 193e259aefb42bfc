# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The history store's alerting tables (schema version 2, see history_db.MIGRATIONS).

Alerting needs memory across runs, kept beside the findings so that SQLite and a
shared PostgreSQL history both carry it:

* ``alert_state``: per (check, subject) the confirmed state (``ok`` or ``problem``),
  the candidate state being confirmed and how many consecutive observations saw it;
* ``alert_outages``: every confirmed problem with its start and (once recovered) end,
  which the report turns into downtime minutes and availability per month;
* ``alert_digest``: non-urgent findings waiting for the daily digest;
* ``alert_messages``: every message delivered or not (channel names masked);
* ``alert_meta``: small named values (when the last digest went out).

Open it like the store: ``with AlertBook(path) as book``. The decisions are made in
the alerts package; this file only reads and writes the rows, each write one transaction.
"""

from __future__ import annotations

import json

from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_db import (
    HistoryConnection,
    dumps,
)

STATE_COLUMNS = ("check_id", "subject", "host", "confirmed", "confirmed_at", "pending", "pending_count",
                 "pending_since", "last_status", "last_observed_at", "summary")
# Written out once from the fixed column list above (no value is ever formatted into SQL).
_SELECT_STATES = "SELECT check_id, subject, host, confirmed, confirmed_at, pending, pending_count, pending_since," \
    " last_status, last_observed_at, summary FROM alert_state"
_INSERT_STATE = "INSERT INTO alert_state (check_id, subject, host, confirmed, confirmed_at, pending, pending_count," \
    " pending_since, last_status, last_observed_at, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


TARGET_PREFIX = "availability_target:"


def read_outages(store, since: str, until: str, check: str | None = None) -> list:
    """Confirmed outages overlapping [since, until) (ended_at None while still open), oldest first.

    ``store`` is any open history connection (the report's HistoryStore or an AlertBook)."""
    sql = ("SELECT check_id, subject, host, started_at, ended_at FROM alert_outages"
           " WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?)")
    params = [until, since]
    if check:
        sql += " AND check_id = ?"
        params.append(check)
    return [dict(r) for r in store.query(sql + " ORDER BY started_at, subject", params)]


def read_watched(store, check: str) -> dict:
    """{subject: {host}} of every subject whose check the alerts watch."""
    rows = store.query("SELECT subject, host FROM alert_state WHERE check_id = ?", (check,))
    return {r["subject"]: {"host": r["host"]} for r in rows}


def read_targets(store) -> dict:
    """{subject: availability target in percent} as the alerts last stored them."""
    rows = store.query("SELECT name, value FROM alert_meta WHERE name LIKE ?", (TARGET_PREFIX + "%",))
    out = {}
    for row in rows:
        try:
            out[row["name"][len(TARGET_PREFIX):]] = float(row["value"])
        except ValueError:
            continue
    return out


def has_alert_tables(store) -> bool:
    """True when the store's schema has the alerting tables (version 2 or later)."""
    return store.schema_version() >= 2


class AlertBook(HistoryConnection):
    """Reading and writing the alerting tables."""

    # -- check states -------------------------------------------------------
    def alert_states(self) -> dict:
        """{(check, subject): state row as a dict} for every check ever observed."""
        rows = self.query(_SELECT_STATES)
        return {(r["check_id"], r["subject"]): {c: r[c] for c in STATE_COLUMNS} for r in rows}

    def open_outages(self) -> dict:
        """{(check, subject): started_at} of the outages not yet over."""
        rows = self.query("SELECT check_id, subject, started_at FROM alert_outages WHERE ended_at IS NULL")
        return {(r["check_id"], r["subject"]): r["started_at"] for r in rows}

    def save_alert_changes(self, states: list, opened: list = (), closed: list = ()) -> None:
        """In one transaction: replace the given state rows, open outages (check, subject,
        host, started_at) and close outages (check, subject, ended_at)."""
        with self._transaction() as conn:
            if states:
                conn.executemany("DELETE FROM alert_state WHERE check_id = ? AND subject = ?",
                                 [(s["check_id"], s["subject"]) for s in states])
                conn.executemany(_INSERT_STATE, [tuple(s[c] for c in STATE_COLUMNS) for s in states])
            if closed:
                conn.executemany(
                    "UPDATE alert_outages SET ended_at = ? WHERE check_id = ? AND subject = ? AND ended_at IS NULL",
                    [(ended, check, subject) for check, subject, ended in closed])
            if opened:
                conn.executemany(
                    "INSERT INTO alert_outages (check_id, subject, host, started_at) VALUES (?, ?, ?, ?)",
                    [tuple(o) for o in opened])

    def outages(self, since: str, until: str, check: str | None = None) -> list:
        return read_outages(self, since, until, check)

    def set_availability_targets(self, targets: dict) -> int:
        """Store each subject's availability target (percent) where it changed; returns how many."""
        known = read_targets(self)
        changed = {s: float(t) for s, t in targets.items() if known.get(s) != float(t)}
        if changed:
            with self._transaction() as conn:
                conn.executemany("DELETE FROM alert_meta WHERE name = ?", [(TARGET_PREFIX + s,) for s in changed])
                conn.executemany("INSERT INTO alert_meta (name, value) VALUES (?, ?)",
                                 [(TARGET_PREFIX + s, repr(t)) for s, t in changed.items()])
        return len(changed)

    # -- the daily digest ---------------------------------------------------
    def queue_digest(self, items: list, queued_at: str) -> int:
        """Queue findings for the digest; one waiting entry per item key (a repeat is not queued again)."""
        waiting = {r["item_key"] for r in self.query("SELECT item_key FROM alert_digest WHERE sent_at IS NULL")}
        new, seen = [], set()
        for item in items:
            key = item["item_key"]
            if key in waiting or key in seen:
                continue
            seen.add(key)
            new.append((key, int(item["activity"]), item["check"], item["host"], item["subject"], item["status"],
                        item["summary"], dumps(item.get("details") or {}), queued_at))
        if new:
            with self._transaction() as conn:
                conn.executemany(
                    "INSERT INTO alert_digest (item_key, activity, check_id, host, subject, status, summary,"
                    " details, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new)
        return len(new)

    def waiting_digest(self) -> list:
        rows = self.query("SELECT * FROM alert_digest WHERE sent_at IS NULL ORDER BY activity, check_id, subject")
        return [dict(r, check=r["check_id"], details=json.loads(r["details"])) for r in rows]

    def mark_digest_sent(self, ids: list, sent_at: str) -> None:
        if ids:
            with self._transaction() as conn:
                conn.executemany("UPDATE alert_digest SET sent_at = ? WHERE id = ?", [(sent_at, i) for i in ids])

    # -- messages and small values -------------------------------------------
    def log_messages(self, rows: list) -> None:
        """Record deliveries: created_at, kind, severity, route, channel (masked), delivered,
        attempts, error, title, body."""
        if rows:
            with self._transaction() as conn:
                conn.executemany(
                    "INSERT INTO alert_messages (created_at, kind, severity, route, channel, delivered, attempts,"
                    " error, title, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(r["created_at"], r["kind"], r["severity"], r["route"], r["channel"], 1 if r["delivered"] else 0,
                      int(r["attempts"]), r.get("error") or "", r["title"], r["body"]) for r in rows])

    def alert_messages(self, since: str | None = None) -> list:
        sql, params = "SELECT * FROM alert_messages", []
        if since:
            sql, params = sql + " WHERE created_at >= ?", [since]
        return [dict(r, delivered=bool(r["delivered"])) for r in self.query(sql + " ORDER BY id", params)]

    def meta(self, name: str, default: str | None = None) -> str | None:
        rows = self.query("SELECT value FROM alert_meta WHERE name = ?", (name,))
        return rows[0]["value"] if rows else default

    def set_meta(self, name: str, value: str) -> None:
        with self._transaction() as conn:
            conn.execute("DELETE FROM alert_meta WHERE name = ?", (name,))
            conn.execute("INSERT INTO alert_meta (name, value) VALUES (?, ?)", (name, value))
