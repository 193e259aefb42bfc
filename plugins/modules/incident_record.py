#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: incident_record
short_description: Decide whether a problem was solved in-house or must be escalated, and keep incidents (SOP activity 7)
version_added: "0.1.0"
description:
  - Runs on the controller. With O(state=decided), compares one host's findings before and after the allowed fixes;
    every problem (a finding whose status is in O(statuses)) becomes an incident in the history store; it is
    C(resolved) (with O(resolved_by) and the time) when the re-check shows it healthy, otherwise it stays C(open)
    (or C(escalated) if it already was) and is returned in C(unresolved) with the third party responsible.
    Active incidents of the host whose problem is now healthy (fixed by a vendor) are closed too.
  - With O(state=escalated), marks the given incidents as handed to a third party, with the bundle and delivery.
options:
  state:
    description: C(decided) records the decision; C(escalated) marks incidents as escalated.
    type: str
    default: decided
    choices: [decided, escalated]
  host:
    description: The inventory host.
    type: str
    required: true
  findings_before:
    description: Activity-7 findings of the first diagnosis.
    type: list
    elements: dict
    default: []
  findings_after:
    description: Activity-7 findings after the fixes (the same as before when nothing was applied).
    type: list
    elements: dict
    default: []
  remediation:
    description: Activity-6 findings of the fixes tried.
    type: list
    elements: dict
    default: []
  statuses:
    description: Statuses that open an incident.
    type: list
    elements: str
    default: [critical]
  resolved_by:
    description: Who resolves problems fixed in this run.
    type: str
    default: Sitekeeper (unattended, in-house)
  services:
    description: The host's services (to find the third party of a service problem).
    type: list
    elements: dict
    default: []
  sites:
    description: The host's sites (to find the third party of a site problem).
    type: list
    elements: dict
    default: []
  default_third_party:
    description: The third party for problems no service or site names one for.
    type: str
  incident_ids:
    description: For O(state=escalated), the incidents handed over.
    type: list
    elements: str
    default: []
  third_party:
    description: For O(state=escalated), the third party's inventory key.
    type: str
  bundle_path:
    description: For O(state=escalated), the bundle sent.
    type: str
  delivery:
    description: For O(state=escalated), how it was delivered.
    type: dict
    default: {}
  history_path:
    description: The SQLite history file. Defaults to C($SITEKEEPER_DATA_DIR/history.sqlite).
    type: path
extends_documentation_fragment: sitekeeper.website.attributes
attributes:
  check_mode:
    support: full
    details: In check mode the decision is computed and returned but nothing is written.
  diff_mode:
    support: none
    details: The result lists what was recorded; there is no diff.
  idempotent:
    support: partial
    details: Incidents are keyed by problem; repeating a call appends another action line to the same incident.
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Decide solved or escalate
  sitekeeper.website.incident_record:
    host: "{{ inventory_hostname }}"
    findings_before: "{{ diagnosis.findings }}"
    findings_after: "{{ diagnosis_after.findings }}"
    remediation: "{{ fixes }}"
  delegate_to: localhost
  register: decision
"""

RETURN = r"""
resolved:
  description: Incidents resolved in this run.
  returned: state=decided
  type: list
  elements: dict
unresolved:
  description: Incidents still failing, each with C(third_party); these are escalated.
  returned: state=decided
  type: list
  elements: dict
closed:
  description: Earlier incidents of the host found healthy now.
  returned: state=decided
  type: list
  elements: dict
incidents:
  description: The escalated incidents as stored.
  returned: state=escalated
  type: list
  elements: dict
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import incident


def main():
    module = AnsibleModule(
        argument_spec=dict(
            state=dict(type="str", default="decided", choices=["decided", "escalated"]),
            host=dict(type="str", required=True),
            findings_before=dict(type="list", elements="dict", default=[]),
            findings_after=dict(type="list", elements="dict", default=[]),
            remediation=dict(type="list", elements="dict", default=[]),
            statuses=dict(type="list", elements="str", default=["critical"]),
            resolved_by=dict(type="str", default="Sitekeeper (unattended, in-house)"),
            services=dict(type="list", elements="dict", default=[]),
            sites=dict(type="list", elements="dict", default=[]),
            default_third_party=dict(type="str"),
            incident_ids=dict(type="list", elements="str", default=[]),
            third_party=dict(type="str"),
            bundle_path=dict(type="str"),
            delivery=dict(type="dict", default={}),
            history_path=dict(type="path"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    path = p["history_path"] or history.default_history_path()
    try:
        if p["state"] == "escalated":
            done = incident.mark_escalated(path, p["incident_ids"], p["third_party"] or "?", p["bundle_path"],
                                           p["delivery"], dry_run=module.check_mode)
            module.exit_json(changed=bool(done) and not module.check_mode, incidents=done)
        for finding in p["findings_before"] + p["findings_after"]:
            fnd.validate(finding)
        decisions = incident.decide(p["findings_before"], p["findings_after"] or p["findings_before"], p["statuses"])
        out = incident.record_decisions(path, p["host"], decisions, p["remediation"],
                                        p["findings_after"] or p["findings_before"], p["resolved_by"],
                                        p["services"], p["sites"], p["default_third_party"], dry_run=module.check_mode,
                                        statuses=p["statuses"])
    except (history.HistoryError, fnd.FindingError) as exc:
        module.fail_json(msg=str(exc))
    changed = bool(out["resolved"] or out["unresolved"] or out["closed"]) and not module.check_mode
    module.exit_json(changed=changed, **out)


if __name__ == "__main__":
    main()
