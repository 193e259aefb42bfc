#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Thin module over module_utils/renewals/domain_expiry.py (RDAP first, WHOIS fallback, manual dates)."""

from __future__ import annotations

DOCUMENTATION = r"""
---
module: domain_expiry
short_description: Read the expiry date, registrar, status codes and nameservers of domains (RDAP, WHOIS)
description:
  - For each domain, asks RDAP first (the server found in the IANA bootstrap file, cached on the
    controller, or an override), then WHOIS over TCP port 43 as a fallback, and uses a manual
    expiry date from the inventory for registries that publish none.
  - Parses the common WHOIS formats, including PANDI's C(.id)/C(.go.id) old
    (C(Expiration Date:01-Sep-2014 23:59:59 UTC)) and current (C(Registry Expiry Date:)) forms.
  - Statuses C(clientHold), C(serverHold), C(redemptionPeriod), C(pendingDelete) and an unexpected
    C(pendingTransfer) are C(critical); nameservers that differ from the expected ones are C(critical)
    (a hijack signal).
  - Rate limiting (HTTP 429, WHOIS throttling text), timeouts and answers without an expiry date give
    C(unknown) findings with the reason; the next run retries. Nothing is changed anywhere.
  - Runs on the controller; lookups are concurrent. Standard library only.
version_added: "0.1.0"
author:
  - Sitekeeper contributors (!UNKNOWN)
options:
  domains:
    description:
      - Domain names, or mappings with C(name) and optional C(expires) (manual expiry date, C(YYYY-MM-DD)),
        C(expected_nameservers) (list), C(transfer_expected) (bool), C(lookup) (bool, false = manual date only),
        C(host) (inventory host the findings belong to), C(whois_server), C(rdap_url).
    type: list
    elements: raw
    required: true
  sites:
    description:
      - The websites of each inventory host, a mapping of host to its list of sites (for example built from every host's
        C(sitekeeper_sites)); each site with a C(domain) key is checked as a domain entry (the site's mapping with
        C(name) set to its C(domain)), its findings belonging to that host. They follow the entries of O(domains).
      - One mapping for all hosts lets a playbook pass every host's sites in one controller-side task.
    type: dict
    default: {}
  rdap_bootstrap_url:
    description: IANA-style DNS bootstrap file (RFC 9224) used to find each TLD's RDAP server.
    type: str
    default: https://data.iana.org/rdap/dns.json
  rdap_base_url:
    description: One RDAP base URL for every domain (overrides the bootstrap file).
    type: str
  rdap_servers:
    description: RDAP base URL per TLD or suffix, for example C(go.id=https://rdap.example/), used before the bootstrap.
    type: dict
    default: {}
  whois_server:
    description: WHOIS server for every domain, C(host) or C(host:port) (overrides the per-TLD servers).
    type: str
  whois_servers:
    description: WHOIS server per TLD or suffix, C(host) or C(host:port).
    type: dict
    default: {}
  whois_referral:
    description: Ask C(whois.iana.org) for the WHOIS server of a TLD that has no known server.
    type: bool
    default: true
  use_rdap:
    description: Query RDAP.
    type: bool
    default: true
  use_whois:
    description: Fall back to WHOIS when RDAP has no server, fails or has no expiry date.
    type: bool
    default: true
  cache_path:
    description: File caching the bootstrap file. Default C($SITEKEEPER_DATA_DIR/cache/rdap-dns.json).
    type: path
  cache_max_age:
    description: Seconds the cached bootstrap file is used before it is fetched again.
    type: int
    default: 604800
  timeout:
    description: Seconds to wait for each RDAP or WHOIS answer.
    type: float
    default: 10
  thresholds:
    description: Days left for notice (warning), warning and critical, e.g. C([30, 14, 7]).
    type: list
    elements: int
    default: [30, 14, 7]
  default_host:
    description: Inventory host the findings of a domain without C(host) belong to.
    type: str
    default: localhost
  max_workers:
    description: Lookups run at the same time.
    type: int
    default: 8
  today:
    description: Count the days left as of this date (C(YYYY-MM-DD)); default today (UTC).
    type: str
extends_documentation_fragment: [sitekeeper.website.attributes, sitekeeper.website.attributes.read_only]
notes:
  - The WHOIS/RDAP clients are written with the standard library; rdap.py and whois.py say which PyPI
    clients were checked and why they were not used.
seealso:
  - module: sitekeeper.website.service_contracts
"""

EXAMPLES = r"""
- name: Check the court's domains
  sitekeeper.website.domain_expiry:
    domains:
      - name: pn-contoh.go.id
        expected_nameservers: [ns1.pn-contoh.go.id, ns2.pn-contoh.go.id]
      - name: pn-contoh.id
        expires: "2027-03-01"   # registry publishes no date
  delegate_to: localhost
  run_once: true
  register: domains

# Ad hoc, from the checkout:
#   ansible localhost -m sitekeeper.website.domain_expiry -a 'domains=pn-contoh.go.id whois_server=whois.id'
"""

RETURN = r"""
domains:
  description: One entry per domain.
  returned: always
  type: list
  elements: dict
  contains:
    name: {description: Domain name (IDNA), type: str}
    host: {description: Inventory host of its findings, type: str}
    expires: {description: Expiry date (ISO C(YYYY-MM-DD)) or null when unknown, type: str}
    days_left: {description: Days until expiry (negative when expired) or null, type: int}
    registrar: {description: Registrar name, type: str}
    statuses: {description: Registry status codes as published, type: list, elements: str}
    nameservers: {description: Nameservers (lower case), type: list, elements: str}
    source: {description: Where the expiry date came from, type: str, choices: [rdap, whois, manual]}
    errors: {description: Why a lookup failed or had no date, type: list, elements: str}
    rate_limited: {description: The registry refused because of rate limiting, type: bool}
findings:
  description: Findings (activity 4) C(renewals.domain_expiry), C(renewals.domain_status), C(renewals.domain_nameservers).
  returned: always
  type: list
  elements: dict
metrics:
  description: C(expires_days_left) per domain, for the history store's timeline.
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
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import domain_expiry


def main():
    module = AnsibleModule(
        argument_spec=dict(
            domains=dict(type="list", elements="raw", required=True),
            sites=dict(type="dict", default={}),
            rdap_bootstrap_url=dict(type="str", default="https://data.iana.org/rdap/dns.json"),
            rdap_base_url=dict(type="str"),
            rdap_servers=dict(type="dict", default={}),
            whois_server=dict(type="str"),
            whois_servers=dict(type="dict", default={}),
            whois_referral=dict(type="bool", default=True),
            use_rdap=dict(type="bool", default=True),
            use_whois=dict(type="bool", default=True),
            cache_path=dict(type="path"),
            cache_max_age=dict(type="int", default=604800),
            timeout=dict(type="float", default=10),
            thresholds=dict(type="list", elements="int", default=[30, 14, 7]),
            default_host=dict(type="str", default="localhost"),
            max_workers=dict(type="int", default=8),
            today=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    if len(p["thresholds"]) != 3:
        module.fail_json(msg="thresholds must be three numbers of days (notice, warning, critical), e.g. [30, 14, 7]")
    cache_path = p["cache_path"] or domain_expiry.default_cache_path()
    try:
        today = findings.parse_day(p["today"])
    except ValueError as exc:
        module.fail_json(msg=str(exc))
    try:
        result = domain_expiry.check(
            p["domains"] + domain_expiry.domains_from_sites(p["sites"]), today=today, thresholds=p["thresholds"],
            default_host=p["default_host"], max_workers=p["max_workers"],
            rdap_bootstrap_url=p["rdap_bootstrap_url"], rdap_base_url=p["rdap_base_url"],
            rdap_servers=p["rdap_servers"], whois_server=p["whois_server"], whois_servers=p["whois_servers"],
            whois_referral=p["whois_referral"], use_rdap=p["use_rdap"], use_whois=p["use_whois"],
            cache_path=cache_path, cache_max_age=p["cache_max_age"], timeout=p["timeout"],
        )
    except (domain_expiry.DomainConfigError, ValueError) as exc:
        module.fail_json(msg=str(exc))
    result["by_host"] = findings.group_by_host(result["findings"], result["metrics"])
    module.exit_json(changed=False, **result)


if __name__ == "__main__":
    main()
