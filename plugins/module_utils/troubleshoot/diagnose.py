# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Diagnosis of a web host (SOP activity 7), standard library only.

Everything only reads (see host.py), so the diagnosis is safe for a read-only vendor account.
run_diagnosis() runs the checks of checks.py for one host and returns their findings (activity 7),
the raw ``diagnostics`` (masked) for the escalation bundle, and the candidate fixes of the catalogue.
"""

from __future__ import annotations

import os

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import mask as msk
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import catalogue as cat
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import checks as chk
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import host as hst


def run_diagnosis(host: str, services=(), sites=(), disk_paths=(), options=None, extra_secrets=(),
                  environ=None) -> dict:
    """Run every check for one host. Returns {findings, diagnostics, problems, errors}."""
    opts = {
        "disk_warn_percent": 85.0, "disk_crit_percent": 95.0, "mem_warn_percent": 10.0,
        "load_warn_per_cpu": 2.0, "error_log_lines": 50, "cert_warn_days": 21, "cert_crit_days": 7,
        "recent_hours": 24.0, "deface_markers": list(chk.DEFACE_MARKERS), "ntp_server": None,
        "max_clock_offset": 5.0, "http_timeout": 5.0, "checks": None,
    }
    opts.update({k: v for k, v in (options or {}).items() if v is not None})
    diag = chk.Diagnosis(host, extra_secrets=extra_secrets)
    errors = []
    norm_services = []
    for raw in services or []:
        try:
            norm_services.append(hst.normalise_service(raw))
        except (ValueError, TypeError) as exc:
            errors.append(str(exc))
    good_sites = []
    for site in sites or []:
        if isinstance(site, dict) and site.get("name"):
            good_sites.append(site)
        else:
            errors.append("a site entry needs a name, got %r" % (site,))
    wanted = set(opts["checks"] or [])

    def enabled(name):
        return not wanted or name in wanted

    procs = hst.processes()
    steps = [
        ("service_running", lambda: chk.check_services(diag, norm_services, procs)),
        ("config_test", lambda: chk.check_config_tests(diag, norm_services)),
        ("disk_space", lambda: chk.check_disks(
            diag, list(disk_paths or []) + [s.get("docroot") for s in good_sites]
            + [os.path.dirname(p) for s in good_sites for p in s.get("access_logs", []) or []],
            float(opts["disk_warn_percent"]), float(opts["disk_crit_percent"]))),
        ("memory_load", lambda: chk.check_memory_load(diag, float(opts["mem_warn_percent"]), float(opts["load_warn_per_cpu"]))),
        ("error_log", lambda: chk.check_error_logs(
            diag, [p for s in norm_services for p in s["error_logs"]] + [p for s in good_sites for p in s.get("error_logs", []) or []],
            int(opts["error_log_lines"]))),
        ("tls_certificate", lambda: chk.check_certificates(diag, good_sites, int(opts["cert_warn_days"]), int(opts["cert_crit_days"]))),
        ("dns", lambda: chk.check_dns(diag, good_sites)),
        ("site_response", lambda: chk.check_site_response(diag, good_sites, float(opts["http_timeout"]))),
        ("database", lambda: chk.check_databases(diag, good_sites, norm_services)),
        ("docroot_permissions", lambda: chk.check_docroots(diag, good_sites)),
        ("docroot_changes", lambda: chk.check_defacement(diag, good_sites, float(opts["recent_hours"]), opts["deface_markers"])),
        ("time_sync", lambda: chk.check_time_sync(diag, opts["ntp_server"], float(opts["max_clock_offset"]), procs)),
    ]
    for name, step in steps:
        if not enabled(name):
            continue
        try:
            step()
        except Exception as exc:  # noqa: BLE001  one broken check must not hide the others
            errors.append("%s check failed: %s" % (name, exc))
            diag.add(name, "host:%s" % host, "unknown",
                     "The %s check could not run: %s" % (name.replace("_", " "), str(exc)[:150]),
                     "Pemeriksaan %s tidak dapat dijalankan." % name.replace("_", " "), {"error": str(exc)[:500]})
    diag.diagnostics["listening_ports"] = hst.listening_ports()
    diag.diagnostics["environment"] = msk.safe_environment(environ if environ is not None else os.environ)
    diag.diagnostics["errors"] = errors
    problems = [f for f in diag.findings if f["status"] in ("critical", "warning")]
    return {
        "findings": diag.findings,
        "diagnostics": msk.mask_value(diag.diagnostics, diag.extra_secrets)[0],
        "problems": len(problems),
        "worst_status": fnd.worst_status(f["status"] for f in diag.findings),
        "candidate_fixes": cat.candidate_fixes(diag.findings),
        "errors": errors,
    }


# Kept here for callers of diagnose.candidate_fixes; the catalogue owns the order.
candidate_fixes = cat.candidate_fixes
