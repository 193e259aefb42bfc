# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SOP activity 1 on a Windows web host: IIS site and application-pool state, disk space, and the
newest content under each site's physical path, in the same findings as the Linux path.

The newest file is handed to the probe in the Linux docroot scan's own shape (``INDEX<TAB>RC<TAB>EPOCH
PATH``, see probe.sites.parse_docroot_scan), and each site gets its IIS physical path as ``docroot``,
so the probe writes the same ``freshness.docroot`` finding for both systems.
"""

from __future__ import annotations

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.windows import diagnosis, iis_config
from ansible_collections.sitekeeper.website.plugins.module_utils.windows import host_facts as hf

ACTIVITY = 1
TROUBLESHOOT = dict(fnd.action("Run the troubleshooting playbook for this host.", playbook="troubleshoot",
                               text_id="Jalankan playbook troubleshooting untuk server ini."))


def _add(out, check, host, subject, status, summary, summary_id, details, actions=(), observed_at=None):
    if status in ("warning", "critical"):
        # The troubleshooting playbook first, then what can be done by hand and the third party.
        actions = list(actions) + diagnosis.alternatives(check.split(".", 1)[1])
    out.append(fnd.make_finding(ACTIVITY, check, host, subject, status, summary, details,
                                suggested_actions=list(actions), observed_at=observed_at, summary_id=summary_id))


def site_findings(out, host, site, iis_site, site_states, pool_states, observed_at=None):
    """availability.iis_site and availability.app_pool of one inventory site."""
    subject = hf.subject_of(site)
    if iis_site is None:
        name = site.get("iis_site") or site.get("name")
        _add(out, "availability.iis_site", host, subject, "critical",
             "IIS on %s has no site named %s, so %s is not served from this host." % (host, name, subject),
             "IIS di %s tidak memiliki situs bernama %s, sehingga %s tidak dilayani dari server ini."
             % (host, name, subject),
             {"iis_site": name, "known_sites": sorted(site_states)[:20]},
             [dict(fnd.action("Set iis_site of this site in the inventory to its name in IIS Manager.",
                              text_id="Isi iis_site situs ini di inventaris dengan namanya di IIS Manager."))],
             observed_at)
        return
    state = site_states.get(iis_site["name"], "Unknown")
    details = {"iis_site": iis_site["name"], "site_id": iis_site["id"], "state": state,
               "physical_path": iis_site["physical_path"], "app_pool": iis_site["app_pool"]}
    if state == "Started":
        _add(out, "availability.iis_site", host, subject, "ok",
             "IIS serves %s: its site %s is started." % (subject, iis_site["name"]),
             "IIS melayani %s: situs %s berjalan." % (subject, iis_site["name"]), details, (), observed_at)
    else:
        _add(out, "availability.iis_site", host, subject, "critical" if state != "Unknown" else "unknown",
             "IIS does not serve %s: its site %s is %s." % (subject, iis_site["name"], state.lower()),
             "IIS tidak melayani %s: situs %s dalam keadaan %s." % (subject, iis_site["name"], state.lower()),
             details, [TROUBLESHOOT], observed_at)
    pool = iis_site["app_pool"]
    pool_state = pool_states.get(pool, "Unknown")
    pool_details = {"app_pool": pool, "state": pool_state, "iis_site": iis_site["name"]}
    if pool_state == "Started":
        _add(out, "availability.app_pool", host, subject, "ok",
             "The application pool %s of %s is started." % (pool, subject),
             "Application pool %s milik %s berjalan." % (pool, subject), pool_details, (), observed_at)
    else:
        _add(out, "availability.app_pool", host, subject, "critical" if pool_state != "Unknown" else "unknown",
             "The application pool %s of %s is %s, so the site cannot answer." % (pool, subject, pool_state.lower()),
             "Application pool %s milik %s dalam keadaan %s, sehingga situs tidak dapat menjawab."
             % (pool, subject, pool_state.lower()), pool_details, [TROUBLESHOOT], observed_at)


def disk_findings(out, host, disks, paths, warn=85.0, crit=95.0, observed_at=None):
    """availability.disk_space of each drive holding a site's content (same thresholds as the diagnosis)."""
    for root, size, free, used, status, summary, summary_id in hf.disk_usage(disks, paths, warn, crit):
        details = {"drive": root, "size_bytes": size, "free_bytes": free, "used_percent": round(used, 1)}
        _add(out, "availability.disk_space", host, "disk:%s" % root, status, summary, summary_id, details,
             [] if status == "ok" else [TROUBLESHOOT], observed_at)


def docroot_scan(joined, newest) -> dict:
    """The Linux docroot scan's result shape (rc, stdout, stderr) from the script's ``newest`` entries."""
    by_site = {str(n.get("site", "")).lower(): n for n in newest or []}
    lines = []
    for index, _site, iis_site in joined:
        if iis_site is None:
            continue
        entry = by_site.get(iis_site["name"].lower())
        if entry is None:
            continue
        if entry.get("error"):
            lines.append("%d\t2\t%s" % (index, " ".join(str(entry["error"]).split())))
        elif entry.get("file"):
            lines.append("%d\t0\t%.3f %s" % (index, float(entry.get("mtime_epoch") or 0), entry["file"]))
        else:
            lines.append("%d\t0\t" % index)
    return {"rc": 0, "stdout": "\n".join(lines), "stderr": "", "skipped": False}


def evaluate(host: str, sites: list, facts, options=None, observed_at=None) -> dict:
    """{findings, sites (with docroot = IIS physical path), docroot_scan, iis_sites} for one host."""
    opts = {"disk_warn_percent": 85.0, "disk_crit_percent": 95.0}
    opts.update({k: v for k, v in (options or {}).items() if v is not None})
    facts = hf.load(facts)
    config = hf.config_of(facts)
    site_states = iis_config.parse_appcmd(facts.get("appcmd_sites", ""), "SITE")
    pool_states = iis_config.parse_appcmd(facts.get("appcmd_apppools", ""), "APPPOOL")
    joined = hf.join_sites(sites, config)
    findings, probe_sites = [], []
    for _index, site, iis_site in joined:
        site_findings(findings, host, site, iis_site, site_states, pool_states, observed_at)
        if iis_site is not None and iis_site["physical_path"]:  # from IIS, not the inventory
            site = dict(site, docroot=iis_site["physical_path"])
        probe_sites.append(site)
    disk_findings(findings, host, facts.get("disks"),
                  [s["physical_path"] for _i, _s, s in joined if s is not None],
                  float(opts["disk_warn_percent"]), float(opts["disk_crit_percent"]), observed_at)
    return {"findings": findings, "sites": probe_sites, "docroot_scan": docroot_scan(joined, facts.get("newest")),
            "iis_sites": [s for _i, _s, s in joined if s is not None]}
