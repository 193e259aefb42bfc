# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SOP activity 7 on a Windows web host, from what its diagnosis script read (read-only).

The same checks and wording as the Linux diagnosis (troubleshoot/checks.py) where the thing is the
same: ``troubleshoot.service_running`` for W3SVC and WAS, ``troubleshoot.disk_space`` per drive,
``troubleshoot.error_log`` per event log (masked excerpts of recent IIS errors). Windows adds
``troubleshoot.app_pool``: a stopped pool, or one WAS reported crashing (rapid-fail protection).

The one allowed fix is the catalogue's ``start_service`` (not destructive): on Windows it starts
W3SVC/WAS, starts a stopped application pool and recycles a pool that crashed (fix_plan()). The
suggested action is the catalogue's own (a unit test keeps the text equal to catalogue.fix_action).
"""

from __future__ import annotations

import re

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import mask as msk
from ansible_collections.sitekeeper.website.plugins.module_utils.windows import host_facts as hf
from ansible_collections.sitekeeper.website.plugins.module_utils.windows import iis_config

ACTIVITY = 7
FIX = "start_service"
START_ACTION = fnd.action("Start the stopped service after its configuration test passes", playbook="remediate",
                          tag=FIX, text_id="Jalankan layanan yang berhenti setelah uji konfigurasinya lulus")
VENDOR_ACTION = fnd.action("If it is not solved in-house, send the evidence bundle to the third party",
                           playbook="troubleshoot",
                           text_id="Jika tidak dapat diselesaikan sendiri, kirim berkas bukti ke pihak ketiga")


def _escalate(who, who_id):
    """The hand-over to a named third party, always the last alternative (as on Linux)."""
    return fnd.action("If it is not solved in-house, send the evidence bundle to %s (troubleshoot playbook)." % who,
                      playbook="troubleshoot",
                      text_id="Jika tidak dapat diselesaikan sendiri, kirim berkas bukti ke %s (playbook troubleshoot)."
                      % who_id)


_HOSTING = _escalate("the hosting provider or the server's administrator", "penyedia hosting atau pengelola server")
_DEVELOPER = _escalate("the web developer or the vendor of the application", "pengembang web atau vendor aplikasi")
# The alternative solutions of each Windows problem after the catalogue's fix: a step by hand on the
# server (what the court's IT staff can do in IIS Manager or PowerShell) and the third party to bring in.
ALTERNATIVES = {
    "service_running": (
        fnd.action("On the server, start the service in Services (services.msc) or with Start-Service in an"
                   " administrator PowerShell, and read the System event log for why it stopped.",
                   text_id="Di server, jalankan layanan lewat Services (services.msc) atau Start-Service di PowerShell"
                           " administrator, lalu baca log peristiwa System untuk penyebab layanan berhenti."),
        _HOSTING),
    "app_pool": (
        fnd.action("In IIS Manager, start or recycle the application pool (Start-WebAppPool / Restart-WebAppPool)"
                   " and read the Application event log for the crash.",
                   text_id="Di IIS Manager, jalankan atau daur ulang application pool (Start-WebAppPool /"
                           " Restart-WebAppPool) dan baca log peristiwa Application untuk penyebab crash."),
        _DEVELOPER),
    "iis_site": (
        fnd.action("In IIS Manager, start the website (Start-Website) and check its bindings and physical path.",
                   text_id="Di IIS Manager, jalankan situs web (Start-Website) dan periksa binding serta physical"
                           " path-nya."),
        _HOSTING),
    "disk_space": (
        fnd.action("Free space on the drive: old IIS logs under C:\\inetpub\\logs\\LogFiles, Disk Cleanup of"
                   " Windows Update files, old copies of backups.",
                   text_id="Kosongkan ruang disk: log IIS lama di C:\\inetpub\\logs\\LogFiles, Disk Cleanup"
                           " berkas Windows Update, salinan cadangan lama."),
        _HOSTING),
    "error_log": (
        fnd.action("Read the events in Event Viewer (Windows Logs, Application and System) and look up their"
                   " event ids.",
                   text_id="Baca peristiwa di Event Viewer (Windows Logs, Application dan System) dan cari arti"
                           " event id-nya."),
        _DEVELOPER),
}


def alternatives(kind):
    """Copies of the alternatives of a problem kind (findings never share a dict)."""
    return [dict(act) for act in ALTERNATIVES.get(kind, ())]


SERVICES = ("W3SVC", "WAS")
# WAS events that name a crashing pool: 5002 rapid-fail protection disabled it, 5009/5010/5011
# a worker process ended, did not answer a ping, or hit a fatal communication error.
CRASH_EVENTS = (5002, 5009, 5010, 5011)
_POOL_IN_MESSAGE = re.compile(r"application pool '([^']+)'", re.IGNORECASE)


class WindowsDiagnosis:
    """Findings of one Windows host (activity 7), with masked raw diagnostics for the escalation bundle."""

    def __init__(self, host, observed_at=None, extra_secrets=()):
        self.host = host
        self.observed_at = observed_at or fnd.utc_now_iso()
        self.secrets = [s for s in extra_secrets if s]
        self.findings = []

    def mask(self, text):
        return msk.mask_text(text or "", self.secrets)[0]

    def add(self, check, subject, status, summary, summary_id, details=None, evidence=None, fix=False):
        actions = [dict(START_ACTION)] if fix else []
        if status in ("warning", "critical"):
            actions += alternatives(check) or ([] if fix else [dict(VENDOR_ACTION)])
        self.findings.append(fnd.make_finding(
            ACTIVITY, "troubleshoot." + check, self.host, subject, status, summary, dict(details or {}),
            [self.mask(line) for line in evidence or []], actions, self.observed_at, summary_id=summary_id))


def check_services(diag, services):
    by_name = {str(s.get("name", "")).upper(): s for s in services or []}
    for name in SERVICES:
        svc = by_name.get(name)
        subject = "service:%s" % name
        if svc is None:
            diag.add("service_running", subject, "critical",
                     "%s is not installed: IIS cannot serve any site." % name,
                     "%s tidak terpasang: IIS tidak dapat melayani situs apa pun." % name, {"service": name})
            continue
        status = str(svc.get("status", "Unknown"))
        details = {"service": name, "kind": "windows", "state": status, "start_type": svc.get("start_type")}
        if status == "Running":
            diag.add("service_running", subject, "ok", "%s is running." % name, "%s berjalan." % name, details)
        else:
            diag.add("service_running", subject, "critical",
                     "%s is not running: the Windows service is %s." % (name, status.lower()),
                     "%s tidak berjalan: layanan Windows dalam keadaan %s." % (name, status.lower()),
                     details, fix=True)


def crashed_pools(events) -> dict:
    """{pool: [event ids]} for WAS crash events of the recent event log."""
    found = {}
    for event in events or []:
        if int(event.get("id") or 0) not in CRASH_EVENTS:
            continue
        match = _POOL_IN_MESSAGE.search(str(event.get("message", "")))
        if match:
            found.setdefault(match.group(1), []).append(int(event["id"]))
    return found


def check_pools(diag, config, pool_states, events):
    crashed = crashed_pools(events)
    used = sorted({s["app_pool"] for s in config["sites"]})
    auto_start = {p["name"]: p["auto_start"] for p in config["app_pools"]}
    for pool in used:
        state = pool_states.get(pool, "Unknown")
        subject = "app_pool:%s" % pool
        details = {"app_pool": pool, "state": state, "crash_events": crashed.get(pool, []),
                   "auto_start": auto_start.get(pool, True),
                   "sites": [s["name"] for s in config["sites"] if s["app_pool"] == pool]}
        if state == "Stopped" and not auto_start.get(pool, True):
            # The admin set autoStart="false": stopped on purpose, nothing to start.
            diag.add("app_pool", subject, "ok",
                     "The application pool %s is stopped, as configured (it does not start by itself)." % pool,
                     "Application pool %s berhenti, sesuai konfigurasinya (tidak berjalan otomatis)." % pool, details)
        elif state != "Started":
            diag.add("app_pool", subject, "critical" if state != "Unknown" else "unknown",
                     "The application pool %s is %s: its sites cannot answer." % (pool, state.lower()),
                     "Application pool %s dalam keadaan %s: situsnya tidak dapat menjawab." % (pool, state.lower()),
                     details, fix=state != "Unknown")
        elif crashed.get(pool):
            diag.add("app_pool", subject, "warning",
                     "The application pool %s is started but its worker process crashed recently (%d event(s))."
                     % (pool, len(crashed[pool])),
                     "Application pool %s berjalan tetapi proses pekerjanya baru-baru ini mogok (%d kejadian)."
                     % (pool, len(crashed[pool])), details, fix=True)
        else:
            diag.add("app_pool", subject, "ok", "The application pool %s is started." % pool,
                     "Application pool %s berjalan." % pool, details)


def check_disks(diag, disks, paths, warn, crit):
    seen = {}
    for root, size, free, used, status, summary, summary_id in hf.disk_usage(disks, paths, warn, crit):
        usage = {"mount": root, "total_bytes": size, "free_bytes": free, "used_percent": round(used, 1)}
        seen[root] = usage
        # free_disk (log compression, cache clearing) is a Linux fix: on Windows the alternatives say what to free.
        diag.add("disk_space", "disk:%s" % root, status, summary, summary_id, usage)
    return seen


def event_line(event) -> str:
    """One event as an evidence line: time, level, source, id and the message on one line (cut)."""
    message = " ".join(str(event.get("message", "")).split())[:300]
    return "%s %s %s %s: %s" % (event.get("time", ""), event.get("level", "Error"), event.get("provider", ""),
                                event.get("id", ""), message)


def check_event_logs(diag, events, logs=("Application", "System")):
    excerpts = {}
    for log in logs:
        mine = [e for e in events or [] if str(e.get("log", "")).lower() == log.lower()]
        lines = [diag.mask(event_line(e)) for e in mine]
        excerpts[log] = lines
        path = "eventlog:%s" % log
        diag.add("error_log", "log:%s" % path, "warning" if lines else "ok",
                 ("The error log %s has %d recent error lines." % (path, len(lines))) if lines
                 else "The error log %s shows no recent errors." % path,
                 ("Log galat %s berisi %d baris galat terbaru." % (path, len(lines))) if lines
                 else "Log galat %s tidak menunjukkan galat terbaru." % path,
                 {"path": path, "error_lines": len(lines), "lines_read": len(lines)}, evidence=lines[-5:])
    return excerpts


def fix_plan(findings) -> dict:
    """What start_service does on this host: services to start, pools to start, pools to recycle."""
    plan = {"services": [], "start_pools": [], "recycle_pools": []}
    for finding in findings:
        if finding["status"] not in ("critical", "warning") or not any(
                a.get("tag") == FIX for a in finding["suggested_actions"]):
            continue
        details = finding["details"]
        if finding["check"] == "troubleshoot.service_running":
            plan["services"].append(details["service"])
        elif finding["check"] == "troubleshoot.app_pool":
            plan["start_pools" if details["state"] != "Started" else "recycle_pools"].append(details["app_pool"])
    # WAS before W3SVC: W3SVC depends on it.
    plan["services"].sort(key=lambda name: SERVICES.index(name) if name in SERVICES else 0, reverse=True)
    return plan


def outcomes(host, applied, findings_after, observed_at=None) -> list:
    """The activity-6 findings (``remediate.start_service``) of what the Windows fix did, verified by the
    diagnosis made after it: each service started, pool started or recycled is ok only if it now is."""
    after = {(f["check"], f["subject"]): f for f in findings_after}
    out = []
    todo = ([("troubleshoot.service_running", "service:%s" % name, "start", name) for name in applied.get("services", [])]
            + [("troubleshoot.app_pool", "app_pool:%s" % name, "start", name) for name in applied.get("start_pools", [])]
            + [("troubleshoot.app_pool", "app_pool:%s" % name, "recycle", name)
               for name in applied.get("recycle_pools", [])])
    for check, subject, verb, name in todo:
        now = after.get((check, subject))
        # Running is the test: a pool's crash events stay in the event-log window after its restart.
        good = now is not None and now["details"].get("state") in ("Running", "Started")
        done_en = "recycled" if verb == "recycle" else "started"
        done_id = "didaur ulang" if verb == "recycle" else "dijalankan"
        summary = ("%s was %s and is running now." % (name, done_en) if good
                   else "%s was %s but is still not running." % (name, done_en))
        summary_id = ("%s sudah %s dan kini berjalan." % (name, done_id) if good
                      else "%s sudah %s tetapi masih belum berjalan." % (name, done_id))
        out.append(fnd.make_finding(
            6, "remediate." + FIX, host, subject, "ok" if good else "critical", summary,
            {"fix": FIX, "action": verb, "target": name, "state_after": (now or {}).get("details", {}).get("state")},
            suggested_actions=[] if good else alternatives(check.split(".", 1)[1]), observed_at=observed_at,
            summary_id=summary_id))
    return out


def run(host, facts, options=None, extra_secrets=(), observed_at=None) -> dict:
    """{findings, diagnostics, problems, worst_status, candidate_fixes, fix_plan, errors}: the shape of
    troubleshoot.diagnose.run_diagnosis plus the Windows fix plan."""
    opts = {"disk_warn_percent": 85.0, "disk_crit_percent": 95.0}
    opts.update({k: v for k, v in (options or {}).items() if v is not None and k in opts})
    facts = hf.load(facts)
    diag = WindowsDiagnosis(host, observed_at, extra_secrets)
    errors = [str(e) for e in facts.get("errors") or []]
    config = hf.config_of(facts)
    pool_states = iis_config.parse_appcmd(facts.get("appcmd_apppools", ""), "APPPOOL")
    events = facts.get("events") or []
    check_services(diag, facts.get("services"))
    check_pools(diag, config, pool_states, events)
    disks = check_disks(diag, facts.get("disks"), [s["physical_path"] for s in config["sites"]]
                        + [s["log"]["folder"] for s in config["sites"]],
                        float(opts["disk_warn_percent"]), float(opts["disk_crit_percent"]))
    excerpts = check_event_logs(diag, events)
    diagnostics = {"services": facts.get("services") or [], "app_pools": pool_states, "disks": disks,
                   "event_logs": excerpts, "errors": errors}
    problems = [f for f in diag.findings if f["status"] in ("critical", "warning")]
    plan = fix_plan(diag.findings)
    return {
        "findings": diag.findings,
        "diagnostics": msk.mask_value(diagnostics, diag.secrets)[0],
        "problems": len(problems),
        "worst_status": fnd.worst_status(f["status"] for f in diag.findings),
        "candidate_fixes": [FIX] if any(plan.values()) else [],
        "fix_plan": plan,
        "errors": errors,
    }
