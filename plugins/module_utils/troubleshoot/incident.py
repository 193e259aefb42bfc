# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The SOP's decision diamond (activity 7): solved in-house, or escalate.

Compares the diagnosis before and after the allowed fixes, and keeps the
incidents in the history store (``HistoryStore.upsert_incident``): one incident
per problem (host, check, subject) while it is active (``open`` or
``escalated``), ``resolved`` with who resolved it and when once a re-check
shows it healthy. A problem that comes back after being resolved opens a new
incident.
"""

from __future__ import annotations

import hashlib

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history

ACTIVE = ("open", "escalated")


def problem_key(finding) -> tuple:
    return (finding["host"], finding["check"], finding["subject"])


def new_incident_id(key, opened_at: str) -> str:
    digest = hashlib.sha1("|".join(key).encode("utf-8")).hexdigest()[:8]  # noqa: S324  an id, not security
    return "INC-%s-%s" % (opened_at[:10].replace("-", ""), digest)


def decide(before, after, statuses=("critical",)) -> list:
    """One decision per problem seen before (or newly after): resolved or not."""
    after_by_key = {problem_key(f): f for f in after}
    before_by_key = {problem_key(f): f for f in before}
    decisions = []
    for key, finding in before_by_key.items():
        if finding["status"] not in statuses:
            continue
        now = after_by_key.get(key)
        resolved = now is not None and now["status"] not in statuses and now["status"] != "unknown"
        decisions.append({"key": key, "finding": now or finding, "before": finding, "resolved": resolved})
    for key, finding in after_by_key.items():
        if key not in before_by_key and finding["status"] in statuses:
            decisions.append({"key": key, "finding": finding, "before": None, "resolved": False})
    return decisions


def third_party_for(finding, services, sites, default=None):
    """The third party (inventory key) responsible for a finding's subject."""
    subject = finding["subject"]
    for svc in services or []:
        if subject == "service:%s" % svc.get("name") and svc.get("third_party"):
            return svc["third_party"]
    for site in sites or []:
        urls = {site.get("url"), site.get("name"), site.get("check_url")}
        if subject in urls and site.get("third_party"):
            return site["third_party"]
        db = site.get("database") or {}
        if subject.startswith("database:") and db.get("third_party"):
            return db["third_party"]
    return default


def _fresh_id(store, key, now):
    """A new incident id; a problem that comes back the same day gets a numbered one."""
    base = new_incident_id(key, now)
    candidate, number = base, 1
    while store.incidents(incident_id=candidate):
        number += 1
        candidate = "%s-%d" % (base, number)
    return candidate


def _active(store, key):
    host, check, subject = key
    rows = store.incidents(state=ACTIVE, host=host, check=check, subject=subject, limit=1)
    return rows[0]["incident_id"] if rows else None


def record_decisions(history_path, host, decisions, fixes_tried, after, resolved_by="Sitekeeper (unattended, in-house)",
                     services=(), sites=(), default_third_party=None, dry_run=False, statuses=("critical",)) -> dict:
    """Write the decisions as incidents; also close active incidents whose problem is now healthy."""
    now = fnd.utc_now_iso()
    tried = ["%s: %s" % (o.get("check"), o.get("status")) for o in fixes_tried or []]
    out = {"resolved": [], "unresolved": [], "closed": []}
    seen = set()
    with history.HistoryStore(history_path) as store:
        for dec in decisions:
            finding = dec["finding"]
            key = dec["key"]
            seen.add(key)
            existing = _active(store, key)
            incident_id = existing or _fresh_id(store, key, now)
            third = third_party_for(finding, services, sites, default_third_party)
            item = {"incident_id": incident_id, "host": key[0], "check": key[1], "subject": key[2],
                    "summary": (dec["before"] or finding)["summary"], "third_party": third,
                    "summary_id": (dec["before"] or finding)["details"].get("summary_id")}
            if dec["resolved"]:
                state_before = None
                if existing:
                    state_before = store.incidents(incident_id=existing)[0]["state"]
                who = ("third party %s (confirmed by re-check)" % third) if state_before == "escalated" and not tried \
                    else resolved_by
                item.update(state="resolved", resolved_by=who)
                act = {"at": now, "what": "resolved: %s" % finding["summary"], "fixes": tried}
                out["resolved"].append(item)
            else:
                state = "open"
                if existing:
                    state = store.incidents(incident_id=existing)[0]["state"]
                item.update(state=state)
                act = {"at": now, "what": "still failing: %s" % finding["summary"], "fixes": tried}
                out["unresolved"].append(item)
            if not dry_run:
                store.upsert_incident(dict(item, actions=[act], updated_at=now))
        # Active incidents of this host whose problem is now healthy (e.g. fixed by the vendor): the same rule
        # as decide(), a status that opens no incident and is not "could not check".
        healthy = {problem_key(f): f for f in after if f["status"] not in statuses and f["status"] != "unknown"}
        rows = store.incidents(state=ACTIVE, host=host)
        for row in rows:
            key = (host, row["check_id"], row["subject"])
            if key in seen or key not in healthy:
                continue
            who = ("third party %s (confirmed by re-check)" % row["third_party"]) if row["state"] == "escalated" \
                else resolved_by
            item = {"incident_id": row["incident_id"], "state": "resolved", "resolved_by": who, "host": host,
                    "check": row["check_id"], "subject": row["subject"]}
            if not dry_run:
                store.upsert_incident(dict(item, updated_at=now,
                                           actions=[{"at": now, "what": "re-check ok: %s" % healthy[key]["summary"]}]))
            out["closed"].append(item)
    return out


def mark_escalated(history_path, incident_ids, third_party, bundle_path, delivery, dry_run=False) -> list:
    now = fnd.utc_now_iso()
    done = []
    with history.HistoryStore(history_path) as store:
        for incident_id in incident_ids:
            rows = store.incidents(incident_id=incident_id)
            if not rows:
                raise history.HistoryError("no incident %s in %s" % (incident_id, history_path))
            if dry_run:
                done.append(dict(rows[0], state="escalated"))
                continue
            done.append(store.upsert_incident({
                "incident_id": incident_id, "state": "escalated", "third_party": third_party, "updated_at": now,
                "actions": [{"at": now, "what": "escalated to %s" % third_party, "bundle": bundle_path,
                             "delivery": delivery}],
            }))
    return done
