#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: escalation_bundle
short_description: Build a masked evidence bundle for a third party and send it (SOP activity 7)
version_added: "0.1.0"
description:
  - Runs on the controller. Packs the unresolved incidents, the findings before and after the fixes, what was tried,
    and the host's diagnostics (configuration test output, error-log excerpts, services, ports, disks) into a
    C(.tar.gz) in O(dest).
  - Secrets are masked (passwords, tokens, private keys, database credentials, cookies, Authorization headers, and
    every value in O(secrets)); the finished content is scanned for every value of O(secrets) and the bundle is
    refused if one is still there.
  - With O(pseudonymise), IP addresses and O(hostnames) are replaced by stable tokens; the mapping is written
    beside the bundle (mode 0600) on the controller and never put in the bundle.
  - Sends the bundle to the third party by e-mail (SMTP via Python's smtplib) or drops the message into an outbox
    folder (O(transport=maildir)).
options:
  incident_ref:
    description: Name of the bundle (without extension), e.g. the host and the first incident number.
    type: str
    required: true
  host:
    description: The web host the evidence is about.
    type: str
    required: true
  incidents:
    description: The unresolved incidents (as returned by M(sitekeeper.website.incident_record)).
    type: list
    elements: dict
    required: true
  findings:
    description: Activity-7 findings after the fixes.
    type: list
    elements: dict
    default: []
  findings_before:
    description: Activity-7 findings of the first diagnosis.
    type: list
    elements: dict
    default: []
  remediation:
    description: Activity-6 findings of the fixes tried.
    type: list
    elements: dict
    default: []
  diagnostics:
    description: The C(diagnostics) returned by M(sitekeeper.website.web_diagnosis_info).
    type: dict
    default: {}
  court:
    description: The court's name, for the README and the e-mail.
    type: str
    default: ""
  dest:
    description: Folder on the controller where bundles (and mappings) are written.
    type: path
    required: true
  secrets:
    description: Known secret values that must never appear in the bundle.
    type: list
    elements: str
    default: []
  pseudonymise:
    description: Replace IP addresses and O(hostnames) by tokens; keep the mapping on the controller.
    type: bool
    default: false
  hostnames:
    description: Host names to pseudonymise (e.g. the site names and the web host).
    type: list
    elements: str
    default: []
  third_party:
    description: The recipient, a mapping with C(name) and C(email) (a string or a list).
    type: dict
    required: true
  sender:
    description: The From address.
    type: str
    default: sitekeeper@localhost
  transport:
    description: C(smtp) sends by SMTP, C(maildir) writes the message to O(outbox), C(none) only builds the bundle.
    type: str
    default: smtp
    choices: [smtp, maildir, none]
  smtp:
    description: C(host), C(port), C(tls) (C(starttls), C(ssl) or empty), C(cafile) (CA to trust), C(username), C(password), C(timeout).
    type: dict
    default: {}
  outbox:
    description: Folder for O(transport=maildir).
    type: path
extends_documentation_fragment: sitekeeper.website.attributes
attributes:
  check_mode:
    support: full
    details: In check mode nothing is written or sent; the result says what would be.
  diff_mode:
    support: none
    details: No before and after is returned; the bundle's file list and checksum are in RV(bundle).
  idempotent:
    support: none
    details: Every call builds and sends a new bundle (an escalation is an event).
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Escalate to the hosting vendor
  sitekeeper.website.escalation_bundle:
    incident_ref: web1-INC-20261127-1a2b3c4d
    host: web1
    incidents: "{{ decision.unresolved }}"
    findings: "{{ diagnosis_after.findings }}"
    diagnostics: "{{ diagnosis_after.diagnostics }}"
    dest: ~/.local/share/sitekeeper/escalations
    third_party: {name: PT Hosting Contoh, email: support@hosting.example}
    smtp: {host: localhost, port: 25}
  delegate_to: localhost
"""

RETURN = r"""
bundle:
  description: C(path), C(sha256), C(files), C(masked) (number of masks), C(size_bytes), C(mapping_path).
  returned: always
  type: dict
delivery:
  description: C(sent), C(transport) and C(detail) (server or outbox file).
  returned: always
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import escalation as esc


def main():
    module = AnsibleModule(
        argument_spec=dict(
            incident_ref=dict(type="str", required=True),
            host=dict(type="str", required=True),
            incidents=dict(type="list", elements="dict", required=True),
            findings=dict(type="list", elements="dict", default=[]),
            findings_before=dict(type="list", elements="dict", default=[]),
            remediation=dict(type="list", elements="dict", default=[]),
            diagnostics=dict(type="dict", default={}),
            court=dict(type="str", default=""),
            dest=dict(type="path", required=True),
            secrets=dict(type="list", elements="str", default=[], no_log=True),
            pseudonymise=dict(type="bool", default=False),
            hostnames=dict(type="list", elements="str", default=[]),
            third_party=dict(type="dict", required=True),
            sender=dict(type="str", default="sitekeeper@localhost"),
            transport=dict(type="str", default="smtp", choices=["smtp", "maildir", "none"]),
            smtp=dict(type="dict", default={}, no_log=False),
            outbox=dict(type="path"),
        ),
        supports_check_mode=True,
    )
    p = module.params
    smtp = dict(p["smtp"] or {})
    if smtp.get("password"):
        module.no_log_values.add(smtp["password"])
    # The contact's tokens and passwords must not reach the task's result or job events.
    module.no_log_values.update(esc.contact_secrets(p["third_party"]))
    recipients = p["third_party"].get("email") or []
    recipients = [recipients] if isinstance(recipients, str) else list(recipients)
    if p["transport"] != "none" and not recipients:
        module.fail_json(msg="the third party %r has no e-mail address in the inventory" % p["third_party"].get("name"))
    if module.check_mode:
        module.exit_json(changed=False, bundle={"path": None, "would_write_in": p["dest"]},
                         delivery={"sent": False, "transport": p["transport"], "detail": "check mode"})
    members = esc.bundle_members(p["incidents"], p["findings"], p["remediation"], p["diagnostics"], p["host"],
                                 p["court"], p["findings_before"])
    try:
        bundle = esc.build_bundle(p["dest"], p["incident_ref"], members, p["secrets"], p["pseudonymise"],
                                  p["hostnames"] + [p["host"]])
        subject, body = esc.message_text(p["third_party"], p["host"], p["court"], p["incidents"], bundle)
        msg = esc.compose_message(p["sender"], recipients, subject, body, bundle["path"])
        delivery = esc.deliver(msg, p["transport"], smtp, p["outbox"])
    except (esc.EscalationError, OSError) as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(changed=True, bundle=bundle, delivery=delivery)


if __name__ == "__main__":
    main()
