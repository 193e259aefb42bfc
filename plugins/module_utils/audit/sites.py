# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One audit run for one site or for every site of a web host (the access_log_audit module's logic).

Standard library only (this code runs on the web host).

A host carries many sites; one module run audits them all (``sites``), so a fleet of
1,000 sites on 100 hosts costs 100 module runs, not 1,000. Each site is a small dict
(its own ``paths``, ``format``, cursor, thresholds, allowlist ...) over the host-wide
options. One site's error (a wrong format, a bad threshold, a wrong type) becomes that
site's ``unknown`` finding and the other sites go on. The single-site options
(``paths`` ...) keep working for ad-hoc calls; there an error fails the call.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import block as log_block
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import DETECTIONS
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import AuditError, audit
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.summary import (
    DEFAULT_THRESHOLDS,
    append_incident_log,
    build_findings,
    build_metrics,
    no_logs_findings,
)

# Per-site keys: name -> (type, inventory alias). A site dict may use the module's names or
# the inventory's (sitekeeper_sites) names, so the role passes the inventory's sites as they are.
SITE_KEYS = {
    "name": ("str", None),
    "subject": ("str", "url"),
    "paths": ("list", "access_logs"),
    "format": ("str", "access_log_format"),
    "state_path": ("str", None),
    "since": ("str", None),
    "until": ("str", None),
    "thresholds": ("dict", "audit_thresholds"),
    "allowlist": ("list", "audit_allowlist"),
    "trusted_proxies": ("list", "audit_trusted_proxies"),
    "verified_crawlers": ("list", None),
    "detections": ("list", None),
    "login_paths": ("list", None),
    "scanner_agents": ("list", None),
    "json_keys": ("dict", None),
    "unparsed_warn_share": ("float", None),
    "crawler_dns": ("dict", None),
    "allow_params": ("list", "audit_allow_params"),
    "second_opinion": ("bool", None),
}
ALIASES = {alias: key for key, (_kind, alias) in SITE_KEYS.items() if alias}
# Host-wide lists a site ADDS to (a site's own allowlist widens the host's); thresholds are merged;
# every other key of a site replaces the host-wide value.
ADDITIVE = ("allowlist", "trusted_proxies", "scanner_agents", "allow_params")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def cursor_name(name) -> str:
    """File name of a site's cursor in state_dir (the same rule the role used per site)."""
    return _UNSAFE.sub("_", str(name or "site")) + ".cursor.json"


def check_thresholds(thresholds):
    """Threshold overrides as whole numbers; AuditError names the unknown or wrong ones."""
    thresholds = thresholds or {}
    if not isinstance(thresholds, dict):
        raise AuditError("thresholds must be a mapping of threshold name to a whole number")
    unknown = sorted(set(thresholds) - set(DEFAULT_THRESHOLDS))
    if unknown:
        raise AuditError("unknown threshold(s) %s; known: %s" % (", ".join(unknown), ", ".join(DEFAULT_THRESHOLDS)))
    try:
        return {k: int(v) for k, v in thresholds.items()}
    except (TypeError, ValueError):
        raise AuditError("thresholds must be whole numbers") from None


def check_crawler_dns(options):
    """The crawler_dns options (enabled, max_lookups, timeout) checked; None when off."""
    if not options:
        return None
    if not isinstance(options, dict):
        raise AuditError("crawler_dns must be a mapping with enabled, max_lookups and timeout")
    unknown = sorted(set(options) - {"enabled", "max_lookups", "timeout"})
    if unknown:
        raise AuditError("unknown crawler_dns key(s) %s; known: enabled, max_lookups, timeout" % ", ".join(unknown))
    if not options.get("enabled"):
        return None
    max_lookups, timeout = options.get("max_lookups"), options.get("timeout")
    try:
        max_lookups = 50 if max_lookups is None else int(max_lookups)
        timeout = 2.0 if timeout is None else float(timeout)
    except (TypeError, ValueError):
        raise AuditError("crawler_dns.max_lookups must be a whole number and crawler_dns.timeout seconds") from None
    if max_lookups < 0 or not 0 < timeout <= 60:
        raise AuditError("crawler_dns.max_lookups must be 0 or more and crawler_dns.timeout between 0 and 60 s")
    return {"enabled": True, "max_lookups": max_lookups, "timeout": timeout}


def _typed(key, kind, value):
    if value is None:
        return None
    if kind == "str":
        if isinstance(value, (dict, list)):
            raise AuditError("site key %s must be a string" % key)
        return str(value)
    if kind == "list":
        if isinstance(value, str):
            return [value]
        if not isinstance(value, (list, tuple)):
            raise AuditError("site key %s must be a list" % key)
        if key != "verified_crawlers":
            if any(isinstance(v, (dict, list)) for v in value):
                raise AuditError("site key %s must be a list of strings" % key)
            return [str(v) for v in value]
        return list(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if str(value).lower() in ("true", "yes", "on", "1", "false", "no", "off", "0"):
            return str(value).lower() in ("true", "yes", "on", "1")
        raise AuditError("site key %s must be true or false" % key)
    if kind == "dict":
        if not isinstance(value, dict):
            raise AuditError("site key %s must be a mapping" % key)
        return dict(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise AuditError("site key %s must be a number" % key) from None


def normalise_site(site) -> dict:
    """A site dict with the module's key names and types; AuditError on unknown keys or wrong types."""
    if not isinstance(site, dict):
        raise AuditError("each site must be a mapping with at least name and paths")
    out = {}
    unknown = []
    for key, value in site.items():
        name = ALIASES.get(key, key)
        if name not in SITE_KEYS:
            unknown.append(str(key))
            continue
        if name in out and value is not None and out[name] is not None:
            raise AuditError("site key %s is given twice (also as %s)" % (name, key))
        out[name] = _typed(name, SITE_KEYS[name][0], value)
    if unknown:
        raise AuditError("unknown site key(s) %s; known: %s" % (
            ", ".join(sorted(unknown)), ", ".join(list(SITE_KEYS) + sorted(ALIASES))))
    if out.get("detections"):
        bad = sorted(set(out["detections"]) - set(DETECTIONS))
        if bad:
            raise AuditError("unknown detection(s) %s; known: %s" % (", ".join(bad), ", ".join(sorted(DETECTIONS))))
    return out


def site_options(site, defaults) -> dict:
    """The options of one site: its own values over the host-wide defaults."""
    opts = {k: defaults.get(k) for k in SITE_KEYS}
    for key, value in site.items():
        if value is None:
            continue
        if key in ADDITIVE:
            opts[key] = list(defaults.get(key) or []) + list(value)
        elif key == "thresholds":
            opts[key] = dict(defaults.get(key) or {}, **value)
        else:
            opts[key] = value
    opts["name"] = site.get("name") or site.get("subject") or ((site.get("paths") or [None])[0]) or "site"
    if not opts.get("state_path") and defaults.get("state_dir") and "state_path" not in site:
        opts["state_path"] = os.path.join(defaults["state_dir"], cursor_name(site.get("name")))
    return opts


def readonly_copy(path):
    """A throw-away copy of the cursor, so check mode reads only new lines but never moves the real cursor."""
    fd, tmp = tempfile.mkstemp(prefix="sitekeeper-cursor-")
    os.close(fd)
    if os.path.exists(path):
        try:
            shutil.copyfile(path, tmp)
        except OSError:
            pass
    else:
        os.unlink(tmp)
    return tmp


def empty_result(findings) -> dict:
    """The result of a site that was not read (no logs, or an option error): only its findings."""
    return {"summary": {}, "incidents": [], "unparsed": {"count": 0, "samples": []}, "files": [],
            "problems": [], "metrics": [], "findings": findings}


def audit_site(opts, host, observed_at, check_mode=False, workers=1, incident_log=None, resolver=None):
    """Audit one site; returns its result (summary, incidents, unparsed, files, problems, findings, metrics).

    Raises AuditError for a wrong option of the site.
    """
    subject = opts.get("subject") or opts.get("name") or host
    paths = opts.get("paths") or []
    if not paths:
        return empty_result(no_logs_findings(host, subject, observed_at))
    thresholds = check_thresholds(opts.get("thresholds"))
    state_path = opts.get("state_path")
    real_state = state_path
    if check_mode and state_path:
        # Check mode reads from the saved cursor without moving it: it works on a throw-away copy.
        state_path = readonly_copy(state_path)
    try:
        audited = audit(
            paths, fmt=opts.get("format") or "combined", state_path=state_path, since=opts.get("since"),
            until=opts.get("until"), thresholds=thresholds, allowlist=opts.get("allowlist") or [],
            trusted_proxies=opts.get("trusted_proxies") or [], verified_crawlers=opts.get("verified_crawlers"),
            detections=opts.get("detections"), login_paths=opts.get("login_paths"),
            extra_agents=opts.get("scanner_agents") or [], json_keys=opts.get("json_keys") or {}, workers=workers,
            crawler_dns=check_crawler_dns(opts.get("crawler_dns")), resolver=resolver,
            allow_params=opts.get("allow_params") or [], second_opinion=opts.get("second_opinion") is not False,
        )
    finally:
        if state_path != real_state and state_path and os.path.exists(state_path):
            os.unlink(state_path)
    share = opts.get("unparsed_warn_share")
    findings = build_findings(audited, host, subject, observed_at, 0.01 if share is None else share)
    if incident_log and not check_mode:
        try:
            append_incident_log(incident_log, audited["incidents"], host, subject, observed_at)
        except OSError as exc:
            audited["problems"].append({"path": incident_log, "problem": "incident_log",
                                        "message": "the incident log could not be written: %s" % exc})
    audited["findings"] = findings
    audited["metrics"] = build_metrics(audited, host, subject)
    return audited


def error_findings(host, subject, message, observed_at):
    """The unknown finding of a site whose audit could not run (a wrong option): never a silent skip."""
    from ansible_collections.sitekeeper.website.plugins.module_utils.findings import action, make_finding

    message = str(message)
    short = message if len(message) <= 200 else message[:197] + "..."
    return [make_finding(
        3, "audit.log_files", host, subject, "unknown",
        "The visitor audit of %s could not run: %s" % (subject, short),
        {"error": message,
         "summary_id": "Audit pengunjung %s tidak dapat dijalankan: %s" % (subject, short)},
        [], [dict(action("Correct the site's audit settings in the inventory (see docs/audit.md).", playbook="audit"),
                  text_id="Perbaiki pengaturan audit situs di inventaris (lihat docs/audit.md).")],
        observed_at)]


def audit_sites(sites, defaults, host, observed_at, check_mode=False, workers=1, incident_log=None,
                resolver=None):
    """Audit every site; returns dict(sites, findings, metrics, problems).

    Each entry of ``sites`` in the result has name, subject, error (None or the message) and
    that site's summary, incidents, unparsed, files and problems; the findings and metrics of
    all sites are returned once, together (each names its subject): a host's result travels
    back to the controller, so nothing is in it twice.
    """
    results, findings, metrics, problems = [], [], [], []
    for index, raw in enumerate(sites or []):
        label = (raw.get("name") or raw.get("url") or raw.get("subject")) if isinstance(raw, dict) else None
        label = str(label or "site %d" % (index + 1))
        subject = str((raw.get("subject") or raw.get("url") or "") if isinstance(raw, dict) else "") or label
        try:
            site = normalise_site(raw)
            opts = site_options(site, defaults)
            subject = opts.get("subject") or opts["name"]
            entry = {"name": opts["name"], "subject": subject, "error": None}
            entry.update(audit_site(opts, host, observed_at, check_mode, workers,
                                    incident_log, resolver))
        except (AuditError, ValueError) as exc:
            entry = {"name": label, "subject": subject, "error": str(exc)}
            entry.update(empty_result(error_findings(host, subject, exc, observed_at)))
        findings.extend(entry.pop("findings"))
        metrics.extend(entry.pop("metrics"))
        problems.extend(entry["problems"])
        results.append(entry)
    return {"sites": results, "findings": findings, "metrics": metrics, "problems": problems}


def block(options, now, check_mode=False):
    """The blocking step of the module (see log_block.apply); AuditError on wrong options."""
    options = dict(options)
    if not options.get("state_path"):
        raise AuditError("block.state_path is required: the file that keeps the block list and its expiry")
    try:
        options["duration"] = int(options.get("duration", 86400))
    except (TypeError, ValueError):
        raise AuditError("block.duration must be a number of seconds") from None
    return log_block.apply(options, now, check_mode)


def run(params, host, observed_at, now, check_mode=False, diff=False, cpu_count=None, resolver=None):
    """Everything the access_log_audit module does, from its parameters; returns the module result.

    Raises AuditError for a wrong option of a single-site call or of blocking.
    """
    workers = params.get("workers") or 0
    workers = workers if workers > 0 else (cpu_count or os.cpu_count() or 1)
    defaults = {k: params.get(k) for k in SITE_KEYS if k not in ("name", "subject", "paths", "state_path")}
    defaults["state_dir"] = params.get("state_dir")
    result = {"changed": False}
    if params.get("sites") is not None:
        result.update(audit_sites(params["sites"], defaults, host, observed_at, check_mode, workers,
                                  params.get("incident_log"), resolver))
    elif params.get("paths"):
        site = {k: params.get(k) for k in SITE_KEYS}
        site["subject"] = params.get("subject") or params["paths"][0]
        site["state_path"] = params.get("state_path")
        result.update(audit_site(site, host, observed_at, check_mode, workers, params.get("incident_log"),
                                 resolver))
    else:
        # No paths: a site without logs (an unknown finding), or a call that only blocks.
        result.update(empty_result([] if params.get("block") is not None else no_logs_findings(
            host, params.get("subject") or host, observed_at)))
    if params.get("block") is not None:
        outcome = block(params["block"], now, check_mode)
        changes = outcome.pop("diff")
        result["block"] = outcome
        result["changed"] = outcome["changed"]
        if diff and changes:
            result["diff"] = changes
    return result
