#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: web_diagnosis_info
short_description: Diagnose a court web host (SOP activity 7) without changing anything
version_added: "0.1.0"
description:
  - Checks, on the web host itself, the web server, PHP-FPM and database by process B(and) port (not only by the
    service manager), runs the configuration test (C(nginx -t), C(apachectl configtest)), lists listening ports,
    measures disk and inode usage, memory and load, reads the last error-log lines, the expiry of the vhosts' local
    TLS certificates, the sites' DNS names, database connectivity (a real server greeting), docroot ownership and
    permissions, files changed recently in the docroot (a defacement hint) and time synchronisation.
  - Returns findings of SOP activity 7 (the Sitekeeper findings schema) with a plain-words diagnosis, the Indonesian
    sentence in C(details.summary_id), and candidate fixes naming the C(remediate) playbook and the tag of each fix.
  - Read-only; it needs no privilege escalation, so a vendor with a limited account can run it. A check that cannot
    run (permission denied) gives an C(unknown) finding, never C(ok).
  - Written with the standard library only (nothing to install on the web host); the checks are new code because
    no existing module combines process, port and protocol checks into findings.
options:
  host:
    description: The inventory host name written into the findings (pass C(inventory_hostname)); default the machine's name.
    type: str
  services:
    description:
      - The services to check. Each entry has C(name), C(kind) (C(web), C(php), C(db), C(other)), and optionally
        C(process) (command name, default the name), C(pidfile), C(host) (default 127.0.0.1), C(port), C(socket),
        C(engine) (C(mysql) or C(postgresql) for C(db)), C(config_test) (command), C(config_dump) (command whose
        output goes into the vendor bundle, e.g. C(nginx -T)), C(config_paths), C(error_logs), C(start), C(reload),
        C(service_name), C(third_party).
    type: list
    elements: dict
    default: []
  sites:
    description:
      - The host's sites (inventory C(sitekeeper_sites)). Keys used here are C(name), C(url), C(check_url), C(docroot),
        C(access_logs), C(error_logs), C(tls_cert), C(cert_name), C(database) (C(host), C(port), C(socket), C(engine)),
        C(docroot_owner), C(docroot_group), C(docroot_file_mode), C(docroot_dir_mode), C(index_files),
        C(deface_markers), C(expected_text).
    type: list
    elements: dict
    default: []
  disk_paths:
    description: Extra paths whose file systems are measured (the docroots and log folders always are).
    type: list
    elements: path
    default: ["/"]
  options:
    description:
      - Thresholds, as a mapping. C(disk_warn_percent) (85), C(disk_crit_percent) (95), C(mem_warn_percent) (10),
        C(load_warn_per_cpu) (2.0), C(error_log_lines) (50), C(cert_warn_days) (21), C(cert_crit_days) (7),
        C(recent_hours) (24), C(deface_markers), C(ntp_server) (none), C(max_clock_offset) (5),
        C(http_timeout) (5), C(checks) (list of check names to run; default all).
    type: dict
    default: {}
  secrets:
    description: Known secret values (e.g. database passwords) masked wherever they appear in the results.
    type: list
    elements: str
    default: []
extends_documentation_fragment: [sitekeeper.website.attributes, sitekeeper.website.attributes.read_only]
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Diagnose the web host
  sitekeeper.website.web_diagnosis_info:
    services:
      - name: nginx
        kind: web
        port: 80
        pidfile: /run/nginx.pid
        config_test: nginx -t
        error_logs: [/var/log/nginx/error.log]
    sites: "{{ sitekeeper_sites }}"
  register: diagnosis
"""

RETURN = r"""
findings:
  description: Activity-7 findings, one per check and subject.
  returned: always
  type: list
  elements: dict
diagnostics:
  description: Raw, masked diagnostics (services, config tests, disks, memory, logs, DNS, certificates, ports) for the vendor bundle.
  returned: always
  type: dict
problems:
  description: Number of findings with status warning or critical.
  returned: always
  type: int
worst_status:
  description: The most serious status found.
  returned: always
  type: str
candidate_fixes:
  description: Remediation tags proposed by the problems, in catalogue order.
  returned: always
  type: list
  elements: str
errors:
  description: Bad inputs or checks that failed, one line each.
  returned: always
  type: list
  elements: str
"""

import socket

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import diagnose


def main():
    module = AnsibleModule(
        argument_spec=dict(
            host=dict(type="str"),
            services=dict(type="list", elements="dict", default=[]),
            sites=dict(type="list", elements="dict", default=[]),
            disk_paths=dict(type="list", elements="path", default=["/"]),
            options=dict(type="dict", default={}),
            secrets=dict(type="list", elements="str", default=[], no_log=True),
        ),
        supports_check_mode=True,
    )
    p = module.params
    result = diagnose.run_diagnosis(
        host=p["host"] or socket.gethostname(), services=p["services"], sites=p["sites"], disk_paths=p["disk_paths"],
        options=p["options"], extra_secrets=p["secrets"],
    )
    for error in result["errors"]:
        module.warn(error)
    module.exit_json(changed=False, **result)


if __name__ == "__main__":
    main()
