#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: iis_log_mirror
short_description: Append the new bytes of a Windows host's IIS W3C logs to the controller's mirror
version_added: "0.2.0"
description:
  - The log_audit role's Windows path asks M(sitekeeper.website.iis_site_info) (C(view=log_plan)) for each site's
    log folder and how far each file was fetched, runs the role's C(iis_log_tail.ps1) on the host, which sends only
    the bytes after those offsets (gzip, base64), and gives its output to this module, run with
    C(delegate_to) set to C(localhost). The audit then reads the mirror with the C(iis) format and its own cursor.
  - A host file shorter than its mirror was replaced; the host sends it again from its first byte and the mirror
    file starts over. Mirror files not written for O(keep_days) are removed.
options:
  host:
    description: The inventory host name (the mirror keeps one folder per host).
    type: str
    required: true
  sent:
    description: What C(iis_log_tail.ps1) returned (a mapping, its JSON text, or win_powershell's C(output) list).
    type: raw
    required: true
  mirror_dir:
    description: The controller folder of the mirror.
    type: path
    required: true
  keep_days:
    description: Mirror files not written for this many days are removed.
    type: float
    default: 14
extends_documentation_fragment: [sitekeeper.website.attributes]
attributes:
  check_mode:
    support: full
    details: Writes nothing; reports the bytes that would be appended (the audit then reads the mirror as it was).
  diff_mode:
    support: none
  idempotent:
    support: full
    details: The same bytes at the same offsets change nothing.
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Keep the new log bytes in the controller's mirror
  sitekeeper.website.iis_log_mirror:
    host: "{{ inventory_hostname }}"
    sent: "{{ tail.output }}"
    mirror_dir: /var/lib/sitekeeper/iis-logs
  delegate_to: localhost
"""

RETURN = r"""
files:
  description: Each file written, C(file) (on the controller), C(offset), C(bytes), C(restarted), C(more) (the host
    had more than one run's share; the next run fetches the rest).
  returned: always
  type: list
  elements: dict
pruned:
  description: Mirror files removed (older than O(keep_days)).
  returned: always
  type: list
  elements: str
problems:
  description: Files that could not be fetched or placed, each C(file) and C(problem).
  returned: always
  type: list
  elements: dict
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.windows import host_facts, log_mirror


def main():
    module = AnsibleModule(
        argument_spec=dict(
            host=dict(type="str", required=True),
            sent=dict(type="raw", required=True),
            mirror_dir=dict(type="path", required=True),
            keep_days=dict(type="float", default=14),
        ),
        supports_check_mode=True,
    )
    p = module.params
    try:
        result = log_mirror.apply(p["host"], p["sent"], p["mirror_dir"], p["keep_days"], module.check_mode)
    except host_facts.FactsError as exc:
        module.fail_json(msg="%s: %s" % (p["host"], exc))
    for problem in result["problems"]:
        module.warn("%s: %s" % (problem["file"], problem["problem"]))
    module.exit_json(**result)


if __name__ == "__main__":
    main()
