#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: iis_site_info
short_description: Turn what a Windows (IIS) web host reported into Sitekeeper findings, on the controller
version_added: "0.2.0"
description:
  - Custom Python modules cannot run on a Windows host, so the roles' Windows task files gather the host's data with
    C(ansible.windows) modules and short PowerShell scripts (C(roles/*/files/*.ps1), each documenting the JSON it
    returns), and this module, run with C(delegate_to) set to C(localhost), does the thinking with the same code the Linux path
    uses, so the findings have the same checks, shape and wording (English and Indonesian).
  - "O(view=monitor): IIS site and application-pool state (C(availability.iis_site), C(availability.app_pool)), disk
    space (C(availability.disk_space)), and the newest content under each site's physical path taken from
    C(applicationHost.config), returned as a docroot scan the probe (M(sitekeeper.website.site_probe)) reads like the
    Linux one."
  - "O(view=troubleshoot): W3SVC and WAS service state, application pools (stopped, or crashing per the WAS events),
    disk space and the recent Application/System event-log errors of IIS sources (masked), in the shape of
    M(sitekeeper.website.web_diagnosis_info), with the Windows fix plan of the C(start_service) fix."
  - "O(view=renewals): the certificates bound to each site's https bindings (LocalMachine\\My, WebHosting), judged
    by the renewals check itself (C(renewals.tls_certificate))."
  - "O(view=log_plan): each site's W3C log folder (C(<logFile directory>\\W3SVC<id>)) and how far each file was already
    fetched into the controller's mirror (see M(sitekeeper.website.iis_log_mirror))."
options:
  view:
    description: What to make of O(facts).
    type: str
    required: true
    choices: [monitor, troubleshoot, renewals, log_plan]
  host:
    description: The inventory host name written into the findings (pass C(inventory_hostname)).
    type: str
    required: true
  sites:
    description:
      - The host's sites (inventory C(sitekeeper_sites)). C(iis_site) names the site in IIS (default the site's
        C(name)); C(url), C(tls_check), C(tls_thresholds) are read as on Linux.
    type: list
    elements: dict
    default: []
  facts:
    description:
      - What the host's script returned (a mapping, its JSON text, or win_powershell's C(output) list). It always holds
        C(collected_at) and C(config) (the text of C(applicationHost.config)); the other keys are documented in the
        script's header.
    type: raw
    required: true
  options:
    description: Thresholds. C(disk_warn_percent) (85), C(disk_crit_percent) (95).
    type: dict
    default: {}
  thresholds:
    description: Days before a certificate's expiry for notice, warning and critical (O(view=renewals)).
    type: list
    elements: int
    default: [30, 14, 7]
  mirror_dir:
    description: The controller folder of the log mirror (O(view=log_plan)).
    type: path
  applied:
    description:
      - With O(view=troubleshoot) after the C(start_service) fix ran, the fix plan it carried out (C(services),
        C(start_pools), C(recycle_pools)); the result then has C(outcomes), verified by this diagnosis.
    type: dict
  secrets:
    description: Known secret values masked wherever they appear (O(view=troubleshoot)).
    type: list
    elements: str
    default: []
extends_documentation_fragment: [sitekeeper.website.attributes, sitekeeper.website.attributes.read_only]
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Read IIS state, disks and the newest content on the Windows host
  ansible.windows.win_powershell:
    script: "{{ lookup('ansible.builtin.file', 'iis_facts.ps1') }}"
  register: iis_facts
  changed_when: false

- name: Turn it into monitoring findings (on the controller)
  sitekeeper.website.iis_site_info:
    view: monitor
    host: "{{ inventory_hostname }}"
    sites: "{{ sitekeeper_sites }}"
    facts: "{{ iis_facts.output }}"
  delegate_to: localhost
  register: iis_monitor
"""

RETURN = r"""
findings:
  description: Findings of the view's activity (1, 4 or 7), in the Sitekeeper findings schema.
  returned: view is monitor, troubleshoot or renewals
  type: list
  elements: dict
metrics:
  description: Metrics (C(expires_days_left) per certificate).
  returned: view is renewals
  type: list
  elements: dict
sites:
  description: With O(view=monitor), the sites with C(docroot) set to their IIS physical path; with O(view=log_plan),
    the sites with C(access_logs) in the controller's mirror and C(access_log_format=iis), for the audit.
  returned: view is monitor or log_plan
  type: list
  elements: dict
docroot_scan:
  description: The newest file of each site's physical path in the Linux docroot scan's shape (C(rc), C(stdout)).
  returned: view is monitor
  type: dict
certificates:
  description: One entry per https binding (subject, address, server name, status and the analysed certificate).
  returned: view is renewals
  type: list
  elements: dict
requests:
  description: Per log folder, C(folder) and C(offsets) (file name to bytes already fetched), for the log script.
  returned: view is log_plan
  type: list
  elements: dict
skipped_sites:
  description: Sites whose logs cannot be audited (no IIS site, logging off, not W3C), each C(site) and C(problem).
  returned: view is log_plan
  type: list
  elements: dict
diagnostics:
  description: Masked raw diagnostics for the escalation bundle.
  returned: view is troubleshoot
  type: dict
candidate_fixes:
  description: The catalogue fixes the problems propose (C(start_service) only on Windows).
  returned: view is troubleshoot
  type: list
  elements: str
fix_plan:
  description: What C(start_service) does here, C(services) (to start), C(start_pools), C(recycle_pools).
  returned: view is troubleshoot
  type: dict
problems:
  description: Number of warning or critical findings.
  returned: view is troubleshoot
  type: int
worst_status:
  description: The most serious status found.
  returned: view is troubleshoot
  type: str
outcomes:
  description: Activity-6 findings (C(remediate.start_service)) of each service started or pool started or recycled,
    C(ok) only when this diagnosis finds it running.
  returned: view is troubleshoot and applied is given
  type: list
  elements: dict
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import tls_certs
from ansible_collections.sitekeeper.website.plugins.module_utils.windows import certificates, diagnosis, iis_config
from ansible_collections.sitekeeper.website.plugins.module_utils.windows import host_facts, log_mirror, monitor


def renewals(params, now=None) -> dict:
    """The bound certificates, judged by the renewals check itself (``now``: for tests)."""
    observed_at = fnd.utc_now_iso(now)
    result = {"findings": [], "metrics": [], "certificates": []}
    for target, fetched in certificates.pairs(params["host"], params["sites"], params["facts"],
                                              params["thresholds"]):
        finding, cert = tls_certs.evaluate(target, fetched, now=now, observed_at=observed_at)
        finding["details"].update(iis_site=target["iis_site"], thumbprint=target["thumbprint"], store=target["store"])
        result["findings"].append(finding)
        entry = {"host": target["host"], "subject": target["subject"], "address": target["address"],
                 "server_name": target["server_name"], "status": finding["status"]}
        entry.update({k: v for k, v in finding["details"].items() if k != "summary_id"})
        result["certificates"].append(entry)
        if cert is not None:
            result["metrics"].append({"activity": 4, "host": target["host"], "subject": target["subject"],
                                      "name": "expires_days_left", "value": cert["days_left"]})
    return result


def dispatch(params) -> dict:
    view = params["view"]
    if view == "monitor":
        return monitor.evaluate(params["host"], params["sites"], params["facts"], params["options"])
    if view == "troubleshoot":
        result = diagnosis.run(params["host"], params["facts"], params["options"], params["secrets"])
        if params["applied"] is not None:
            result["outcomes"] = diagnosis.outcomes(params["host"], params["applied"], result["findings"])
        return result
    if view == "renewals":
        return renewals(params)
    if not params["mirror_dir"]:
        raise ValueError("view=log_plan needs mirror_dir")
    return log_mirror.plan(params["host"], params["sites"], params["facts"], params["mirror_dir"])


def main():
    module = AnsibleModule(
        argument_spec=dict(
            view=dict(type="str", required=True, choices=["monitor", "troubleshoot", "renewals", "log_plan"]),
            host=dict(type="str", required=True),
            sites=dict(type="list", elements="dict", default=[]),
            facts=dict(type="raw", required=True),
            options=dict(type="dict", default={}),
            thresholds=dict(type="list", elements="int", default=[30, 14, 7]),
            mirror_dir=dict(type="path"),
            applied=dict(type="dict"),
            secrets=dict(type="list", elements="str", default=[], no_log=True),
        ),
        supports_check_mode=True,
    )
    try:
        result = dispatch(module.params)
    except (host_facts.FactsError, iis_config.IisConfigError, ValueError) as exc:
        module.fail_json(msg="%s: %s" % (module.params["host"], exc))
    module.exit_json(changed=False, **result)


if __name__ == "__main__":
    main()
