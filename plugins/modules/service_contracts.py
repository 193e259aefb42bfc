#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Thin module over module_utils/renewals/contracts.py (register) and module_utils/renewals/memo.py (memos)."""

from __future__ import annotations

DOCUMENTATION = r"""
---
module: service_contracts
short_description: Evaluate the contract register of renewable services and write renewal request memos
description:
  - Validates the contract register (domain, hosting, connection, certificate and other services), compares
    it with today's date and with the live expiry dates of domains and TLS certificates, and returns findings
    (SOP activity 4).
  - The status cycle is C(active) -> C(due) (inside the notice period) -> C(requested) -> C(approved) ->
    C(paid) -> C(renewed). C(renewed) for a domain or certificate counts only when the live expiry date moved
    past the old end date; otherwise the finding is C(critical) (not really renewed). Past the end date and not
    renewed is C(critical).
  - Each mistake in the register becomes one finding naming the service and the field; the other services are
    still evaluated.
  - For every service that needs action, writes a renewal request memo to the Secretary (HTML and Markdown,
    Bahasa Indonesia or English) in O(memo_dir), and repeats it as a reminder every O(reminder_interval_days)
    until the service is renewed.
version_added: "0.1.0"
requirements:
  - Jinja2 on the host that writes the memos (with O(memo_dir)); it comes with ansible-core.
author:
  - Sitekeeper contributors (!UNKNOWN)
options:
  contracts:
    description: The register (inventory variable C(renewals_contracts)); see docs/renewals.md for the fields.
    type: list
    elements: raw
    required: true
  domains:
    description: The C(domains) list returned by M(sitekeeper.website.domain_expiry) (live expiry dates).
    type: list
    elements: dict
    default: []
  certificates:
    description: The C(certificates) list returned by M(sitekeeper.website.tls_certificates_info).
    type: list
    elements: dict
    default: []
  memo_dir:
    description: Folder of the memos and of C(reminders.json). Memos are not written when omitted.
    type: path
  memo_formats:
    description: Memo formats to write.
    type: list
    elements: str
    choices: [html, md]
    default: [html, md]
  language:
    description: Language of the memos.
    type: str
    choices: [id, en]
    default: id
  court_name:
    description: The court's name, used in the memo's address line.
    type: str
    default: Pengadilan
  reminder_interval_days:
    description: Days between two reminders of the same service.
    type: int
    default: 7
  default_host:
    description: Inventory host of the findings of services without C(host).
    type: str
    default: localhost
  today:
    description: Evaluate as of this date (C(YYYY-MM-DD)); default today (UTC).
    type: str
extends_documentation_fragment: sitekeeper.website.attributes
attributes:
  check_mode:
    support: full
    details: Evaluates and predicts which memos would be written, writes nothing.
  diff_mode:
    support: partial
    details: Lists the memo files that would be written.
  idempotent:
    support: full
    details: A second run on the same day writes nothing; a new memo is issued only when the reminder interval has passed.
seealso:
  - module: sitekeeper.website.domain_expiry
  - module: sitekeeper.website.tls_certificates_info
"""

EXAMPLES = r"""
- name: Evaluate the contract register and write memos
  sitekeeper.website.service_contracts:
    contracts: "{{ renewals_contracts }}"
    domains: "{{ domain_result.domains }}"
    certificates: "{{ tls_result.certificates }}"
    memo_dir: "{{ sitekeeper_data_dir }}/memos"
    court_name: "{{ sitekeeper_court_name }}"
    language: id
  delegate_to: localhost
  run_once: true
"""

RETURN = r"""
services:
  description: Each valid service with its C(status) (finding status), C(effective_status), C(current_end),
    C(days_left), C(live_expiry), C(problem) and C(memo_needed).
  returned: always
  type: list
  elements: dict
errors:
  description: One line per mistake in the register (service and field named).
  returned: always
  type: list
  elements: str
memos:
  description: Memo files per service (C(service_id), C(files), C(reminder), C(issued), C(next_reminder), C(new)).
  returned: always
  type: list
  elements: dict
findings:
  description: Findings C(renewals.contract) and C(renewals.contract_register) (activity 4).
  returned: always
  type: list
  elements: dict
metrics:
  description: C(expires_days_left) per service (subject C(contract:<id>)).
  returned: always
  type: list
  elements: dict
by_host:
  description: C(findings) and C(metrics) per inventory host, as M(sitekeeper.website.site_probe) returns them.
  returned: always
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule, missing_required_lib

from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import contracts
from ansible_collections.sitekeeper.website.plugins.module_utils import findings
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import memo


def main():
    module = AnsibleModule(
        argument_spec=dict(
            contracts=dict(type="list", elements="raw", required=True),
            domains=dict(type="list", elements="dict", default=[]),
            certificates=dict(type="list", elements="dict", default=[]),
            memo_dir=dict(type="path"),
            memo_formats=dict(type="list", elements="str", choices=["html", "md"], default=["html", "md"]),
            language=dict(type="str", choices=["id", "en"], default="id"),
            court_name=dict(type="str", default="Pengadilan"),
            reminder_interval_days=dict(type="int", default=7),
            default_host=dict(type="str", default="localhost"),
            today=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    if p["reminder_interval_days"] < 1:
        module.fail_json(msg="reminder_interval_days must be 1 or more")
    try:
        today = findings.parse_day(p["today"])
    except ValueError as exc:
        module.fail_json(msg=str(exc))
    result = contracts.evaluate(p["contracts"], today, domains=p["domains"], certificates=p["certificates"],
                                default_host=p["default_host"])
    memos = {"memos": [], "changed": False}
    if p["memo_dir"]:
        if memo.JINJA2_IMPORT_ERROR:
            module.fail_json(msg=missing_required_lib("Jinja2 (to write memos)"), exception=memo.JINJA2_IMPORT_ERROR)
        try:
            memos = memo.write_memos(result["services"], p["memo_dir"], today, p["court_name"], p["language"],
                                     p["reminder_interval_days"], p["memo_formats"], check_mode=module.check_mode)
        except OSError as exc:
            module.fail_json(msg="cannot write memos in %s: %s" % (p["memo_dir"], exc.strerror or exc))
    memo.attach_memos(result["findings"], memos["memos"])
    result["by_host"] = findings.group_by_host(result["findings"], result["metrics"])
    out = dict(changed=memos["changed"], memos=memos["memos"], **result)
    if module._diff and memos["changed"]:
        out["diff"] = {"before": "", "after": "".join(
            "%s\n" % f for m in memos["memos"] if m["new"] for f in m["files"])}
    module.exit_json(**out)


if __name__ == "__main__":
    main()
