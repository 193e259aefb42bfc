# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One alerting pass: observations in, decisions made, messages sent, state kept.

``run_alerts`` takes this run's findings (the quick watch's, or a whole SOP cycle's),
advances every watched check's state in the history (alerts.state), composes the
messages (alerts.compose: single, grouped, digest, memo), routes each by kind,
severity, activity and check (alerts.config), delivers it to every recipient of each
route (alerts.channels) and records what was sent. In check mode nothing is sent or
stored; the result says what would have been.
"""

from __future__ import annotations

import collections
import datetime
import time

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.alerts import channels, compose, config, state
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_alerts import AlertBook

LAST_DIGEST = "last_digest_at"


def _site_names(sites) -> dict:
    """{url: (name,)} from the sites list, so maintenance windows may name sites."""
    names = collections.defaultdict(tuple)
    for site in sites or []:
        if isinstance(site, dict) and site.get("url"):
            names[str(site["url"]).strip()] += (str(site.get("name") or ""),)
    return names


def observe(findings: list, cfg: dict, states: dict, names: dict, now: datetime.datetime) -> dict:
    """Advance every watched check's state; returns rows, events, silenced, observed, digest items."""
    out = {"rows": {}, "events": [], "silenced": [], "observed": collections.defaultdict(set), "digest": []}
    for finding in findings:
        check = finding.get("check")
        urgent = finding.get("activity") == 1 and check in cfg["confirm"]
        if urgent:
            key = (check, finding["subject"])
            out["observed"][finding["host"]].add(finding["subject"])
            window = config.in_maintenance(cfg, finding["host"], finding["subject"], names.get(finding["subject"], ()),
                                           now)
            previous = out["rows"].get(key) or states.get(key)
            row, event = state.step(previous, finding, cfg["confirm"][check], cfg["recover_after"],
                                    silenced=window is not None)
            out["rows"][key] = row
            if event:
                out["events"].append(event)
            elif window is not None and row["pending"]:
                out["silenced"].append({"check": check, "subject": finding["subject"], "host": finding["host"],
                                        "pending": row["pending"], "window": window["reason"] or "maintenance"})
        if finding.get("status") in ("warning", "critical") and not (urgent and finding["status"] == "critical"):
            out["digest"].append(dict(finding, item_key="%s|%s|%s" % (check, finding["subject"], finding["status"])))
    return out


def digest_due(cfg: dict, last: str | None, now: datetime.datetime) -> bool:
    """True when the daily digest should go out now (no time set: at every run)."""
    if cfg["digest_at"] is None:
        return True
    local = now.astimezone(cfg["tz"])
    today_at = datetime.datetime.combine(local.date(), cfg["digest_at"], tzinfo=cfg["tz"])
    if local < today_at:
        return False
    return not last or fnd.parse_iso(last) < today_at


def memo_messages(findings: list, book, sent_keys: set) -> list:
    """A memo message for each renewal memo not delivered yet (key: service, reminder, file)."""
    out = []
    for finding in findings:
        details = finding.get("details") or {}
        files = [str(f) for f in details.get("memo_files") or []]
        if finding.get("check") != "renewals.contract" or not files:
            continue
        key = "memo:%s:%s:%s" % (finding["subject"], details.get("memo_reminder", ""), files[0])
        if key in sent_keys or book.meta(key):
            continue
        message = compose.memo(finding, files)
        message["meta_key"] = key
        sent_keys.add(key)
        out.append(message)
    return out


def _deliveries(message: dict, cfg: dict, check_mode: bool, sleep) -> list:
    """Send one message along every route it matches; digest items are filtered per route."""
    done = []
    routes = config.routes_for(cfg, message["kind"], message["severity"], message["activity"], message["check"])
    if message["kind"] == "digest":
        routes = cfg["routes"]
    for route in routes:
        language = route["language"] or cfg["language"]
        title, body = message["title"][language], message["body"][language]
        if message["kind"] == "digest":
            items = [i for i in message["items"] if config.routes_for(
                {"routes": [route]}, "digest", i["status"], int(i["activity"]), i["check"])]
            if not items:
                continue
            part = compose.digest(items, cfg["tz"], message["composed_at"])
            title, body = part["title"][language], part["body"][language]
        for name in route["to"]:
            recipient = cfg["recipients"][name]
            if check_mode:
                done.append({"route": route["name"], "recipient": name, "channel": channels.shown(recipient),
                             "delivered": False, "attempts": 0, "error": "", "check_mode": True, "title": title})
                continue
            result = channels.deliver(recipient, title, body, message["attachments"], cfg["outbox_dir"],
                                      cfg["retries"], float(cfg["retry_backoff"]), float(cfg["timeout"]),
                                      critical=message["kind"] == "problem", sleep=sleep)
            done.append(dict(result, route=route["name"], title=title, body=body))
    return done


def run_alerts(findings: list, settings: dict, history_path: str | None, sites=(), check_mode: bool = False,
               queue_digest: bool = True, now: datetime.datetime | None = None, sleep=time.sleep,
               remediation=()) -> dict:
    """One alerting pass; see the module docstring. ``remediation``: outcomes of fixes run on a
    confirmed outage (compose.remediation), each reported as one message. Raises
    config.AlertConfigError for bad settings."""
    cfg = config.normalise(settings)
    now = now or datetime.datetime.now(datetime.timezone.utc)
    now_iso = fnd.utc_now_iso(now)
    with AlertBook(history_path) as book:
        seen = observe(findings, cfg, book.alert_states(), _site_names(sites), now)
        messages = compose.messages_for(seen["events"], seen["observed"], cfg["group_min"], cfg["tz"])
        if cfg["send_memos"]:
            messages += memo_messages(findings, book, set())
        messages += [compose.remediation(outcome) for outcome in remediation or () if outcome.get("host")]
        queued = 0
        if not check_mode:
            book.set_availability_targets(config.targets_of(cfg, sites))  # read by the report's uptime figures
            if queue_digest:
                queued = book.queue_digest(seen["digest"], now_iso)
            book.save_alert_changes(
                list(seen["rows"].values()),
                opened=[(e["check"], e["subject"], e["host"], e["started_at"]) for e in seen["events"]
                        if e["kind"] == "problem"],
                closed=[(e["check"], e["subject"], e["ended_at"]) for e in seen["events"] if e["kind"] == "recovered"])
        waiting = book.waiting_digest() if not check_mode else seen["digest"]
        digest_sent = False
        if waiting and digest_due(cfg, book.meta(LAST_DIGEST), now):
            messages.append(compose.digest(waiting, cfg["tz"], now))
        report = []
        for message in messages:
            deliveries = _deliveries(message, cfg, check_mode, sleep)
            report.append({"kind": message["kind"], "title": message["title"][cfg["language"]],
                           "subjects": message["subjects"], "hosts": message["hosts"], "deliveries": deliveries})
            if check_mode:
                continue
            book.log_messages([dict(d, created_at=now_iso, kind=message["kind"], severity=message["severity"],
                                    channel=d["channel"]) for d in deliveries])
            if message["kind"] == "digest":
                book.mark_digest_sent([i["id"] for i in waiting], now_iso)
                book.set_meta(LAST_DIGEST, now_iso)
                digest_sent = True
            elif message["kind"] == "memo" and any(d["delivered"] for d in deliveries):
                book.set_meta(message["meta_key"], now_iso)
    return summarise(seen, report, queued, digest_sent, len(waiting), check_mode)


def summarise(seen: dict, report: list, queued: int, digest_sent: bool, waiting: int, check_mode: bool) -> dict:
    """The result the module returns (no bodies: they are in the outbox or the channel)."""
    deliveries = [d for m in report for d in m["deliveries"]]
    failed = [{"title": m["title"], "route": d["route"], "channel": d["channel"], "attempts": d["attempts"],
               "error": d["error"]} for m in report for d in m["deliveries"] if not d["delivered"]
              and not d.get("check_mode")]
    for message in report:
        for delivery in message["deliveries"]:
            delivery.pop("body", None)
    events = [{k: e.get(k) for k in ("kind", "check", "subject", "host", "started_at", "ended_at", "duration_s",
                                     "observations")} for e in seen["events"]]
    return {
        "changed": bool(deliveries) and not check_mode or bool(seen["events"]) or queued > 0,
        "observed": sum(len(s) for s in seen["observed"].values()),
        "events": events,
        "messages": report,
        "sent": sum(1 for d in deliveries if d["delivered"]),
        "failed": failed,
        "unrouted": sum(1 for m in report if not m["deliveries"]),
        "silenced": seen["silenced"],
        "pending": sum(1 for r in seen["rows"].values() if r["pending"]),
        "digest": {"queued": queued, "waiting": waiting, "sent": digest_sent},
    }
