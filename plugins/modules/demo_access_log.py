#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: demo_access_log
short_description: Write a day of realistic visitor traffic for the Sitekeeper demo site
version_added: "0.1.0"
description:
  - Writes an nginx C(combined) access log with a day of visitor traffic to the demo court website,
    including a few planted attacks (SQL injection, path traversal, sensitive-file probing, a scanner,
    a login brute force, 404 probing) for the visitor audit to find.
  - Client addresses come from the documentation ranges (RFC 5737), so the log names no real visitor.
  - Only for the demo; a real deployment audits its web server's own logs.
options:
  path:
    description: The log file to write. Its folder must exist.
    type: path
    required: true
  lines:
    description: About how many lines to write.
    type: int
    default: 600
  seed:
    description: Seed of the generator; the same seed gives the same traffic.
    type: int
    default: 20261127
  force:
    description: Write the log even when the file exists (replacing it). By default an existing log is kept.
    type: bool
    default: false
extends_documentation_fragment: sitekeeper.website.attributes
attributes:
  check_mode:
    support: full
  diff_mode:
    support: none
  idempotent:
    support: full
    details: An existing log is left as it is unless O(force=true).
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Write the demo access log
  sitekeeper.website.demo_access_log:
    path: /tmp/demo/logs/access.log
"""

RETURN = r"""
lines:
  description: Number of lines written (0 when the log was kept).
  returned: always
  type: int
"""

import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.core.files import write_atomic
from ansible_collections.sitekeeper.website.plugins.module_utils.demo import traffic as demo_traffic


def main():
    module = AnsibleModule(
        argument_spec=dict(
            path=dict(type="path", required=True),
            lines=dict(type="int", default=600),
            seed=dict(type="int", default=20261127),
            force=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    path = module.params["path"]
    if os.path.exists(path) and not module.params["force"]:
        module.exit_json(changed=False, lines=0)
    lines = demo_traffic.generate(module.params["lines"], module.params["seed"])
    if not module.check_mode:
        write_atomic(path, "\n".join(lines) + "\n")
    module.exit_json(changed=True, lines=len(lines))


if __name__ == "__main__":
    main()
