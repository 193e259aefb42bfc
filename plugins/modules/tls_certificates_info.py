#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Thin module over module_utils/renewals/tls_certs.py.

Why not community.crypto.get_certificate: it checks one host per call (one task per
site) and does not report chain validity; this module handshakes with all sites and
services concurrently in one task on the controller (see tls_certs.py).
"""

from __future__ import annotations

DOCUMENTATION = r"""
---
module: tls_certificates_info
short_description: Check the TLS certificates of many sites and services at once
description:
  - Connects to every HTTPS site (from C(sitekeeper_sites)) and every listed TLS service concurrently and reports
    days left, issuer, chain validity, hostname match, self-signed certificates and weak keys or signatures.
  - Thresholds (default 30/14/7 days) can be set per site (C(tls_thresholds)) or per service (C(thresholds));
    notice and warning give C(warning), critical and expired give C(critical).
  - A service that cannot be reached gives C(unknown) with the reason.
  - Read-only; runs on the controller. Uses Python's C(ssl) and C(cryptography).
version_added: "0.1.0"
author:
  - Sitekeeper contributors (!UNKNOWN)
options:
  sites:
    description:
      - Sites per inventory host, a mapping of host name to its list of sites; https sites are checked.
      - Site keys used are C(url), C(tls_check), C(tls_address), C(tls_thresholds), C(tls_ca_file).
    type: dict
    default: {}
  services:
    description:
      - Other TLS services, each with C(name), C(address) (host and port), C(server_name), C(host), C(thresholds), C(ca_file).
      - C(starttls) (C(smtp), C(imap) or C(pop3)) upgrades a plain-text connection first, e.g. SMTP on port 25 or 587.
    type: list
    elements: dict
    default: []
  thresholds:
    description: Default days left for notice, warning and critical.
    type: list
    elements: int
    default: [30, 14, 7]
  timeout:
    description: Seconds per handshake.
    type: float
    default: 10
  max_workers:
    description: Handshakes at the same time.
    type: int
    default: 16
  default_host:
    description: Inventory host of services without C(host).
    type: str
    default: localhost
extends_documentation_fragment: [sitekeeper.website.attributes, sitekeeper.website.attributes.read_only]
seealso:
  - module: community.crypto.get_certificate
"""

EXAMPLES = r"""
- name: Check the certificates of all sites and the mail server
  sitekeeper.website.tls_certificates_info:
    sites: "{{ dict(groups['webservers'] | zip(groups['webservers'] | map('extract', hostvars, 'sitekeeper_sites'))) }}"
    services:
      - name: mail
        address: mail.pn-contoh.go.id:993
      - name: mail-submission
        address: mail.pn-contoh.go.id:587
        starttls: smtp
  delegate_to: localhost
  run_once: true
  register: tls
"""

RETURN = r"""
certificates:
  description: One entry per site or service with C(status), C(days_left), C(not_after), C(issuer), C(chain_valid),
    C(chain_error), C(hostname_match), C(self_signed), C(weak_key), C(weak_signature), C(problems) or C(reason).
  returned: always
  type: list
  elements: dict
findings:
  description: One C(renewals.tls_certificate) finding per site or service (activity 4).
  returned: always
  type: list
  elements: dict
metrics:
  description: C(expires_days_left) per site or service.
  returned: always
  type: list
  elements: dict
by_host:
  description: C(findings) and C(metrics) per inventory host, as M(sitekeeper.website.site_probe) returns them.
  returned: always
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils import findings
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import tls_certs


def main():
    module = AnsibleModule(
        argument_spec=dict(
            sites=dict(type="dict", default={}),
            services=dict(type="list", elements="dict", default=[]),
            thresholds=dict(type="list", elements="int", default=[30, 14, 7]),
            timeout=dict(type="float", default=10),
            max_workers=dict(type="int", default=16),
            default_host=dict(type="str", default="localhost"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    if len(p["thresholds"]) != 3:
        module.fail_json(msg="thresholds must be three numbers of days (notice, warning, critical), e.g. [30, 14, 7]")
    try:
        targets = tls_certs.targets_from_sites(p["sites"], p["thresholds"])
        targets += tls_certs.normalise_services(p["services"], p["default_host"], p["thresholds"])
    except ValueError as exc:
        module.fail_json(msg=str(exc))
    result = tls_certs.check(targets, timeout=p["timeout"], max_workers=p["max_workers"])
    result["by_host"] = findings.group_by_host(result["findings"], result["metrics"], p["sites"])
    module.exit_json(changed=False, **result)


if __name__ == "__main__":
    main()
