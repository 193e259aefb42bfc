#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: remediation
short_description: Apply one safe fix of the Sitekeeper remediation catalogue and verify it (SOP activity 6)
version_added: "0.1.0"
description:
  - Applies one fix on the web host, then verifies it by probing again, and returns the outcome as an activity-6
    finding (the Sitekeeper findings schema).
  - C(start_service) starts a stopped web server, PHP-FPM or database after its configuration test passes, using the
    service's C(start) command (no systemd needed; the process is detached), and waits until its port answers.
    A service with only C(service_name) returns C(needs_service_manager), so the role starts it with
    M(ansible.builtin.service) and calls this module again with O(mode=verify).
  - C(config_snapshot) keeps a known-good copy of the service's configuration files each time the configuration
    test passes. C(rollback_config) puts that copy back when the test fails, keeps the broken files aside,
    re-tests, reloads or starts the service and verifies it answers; if the copy fails too, everything is put back.
  - C(free_disk) clears cache folders, compresses rotated logs no process holds open, and (only when
    C(prune_backups) is true) deletes old backups by retention, never the newest one nor the newest verified one.
  - C(renew_cert) runs C(certbot renew) for one certificate (C(--dry-run) in check mode) and checks the new expiry.
  - C(fix_permissions) resets owner, group and modes in a docroot (symbolic links are left alone).
  - C(verify_site) re-checks a site after M(sitekeeper.website.site_restore) (no defacement sign, the site answers)
    and returns the C(restore_site) outcome; pass the restore result in O(restore).
  - C(verify_block) checks the result of the audit activity's blocking tasks (O(block)) against the addresses
    asked for (O(addresses)) and returns the C(block_attackers) outcome.
  - C(quarantine_files) moves the files the docroot scan flagged (O(scan), the result of
    M(sitekeeper.website.docroot_scan)) out of the docroot into a quarantine folder, each with its sha256 and a
    metadata JSON (never deleted, never a file listed as allowed), and puts back its clean copy from the newest
    verified backup set whose copy has other content; in check mode it returns the plan (files, sets).
  - C(verify_quarantine) judges that quarantine (O(quarantined), its result) after a new scan (O(scan)) - nothing of
    it flagged again, the site answers, a search crawler sees no gambling text; returns the C(quarantine_files)
    outcome, critical with each file's path, hash and excerpt when it fails.
  - Standard library only; the fixes are new code because they must check before and verify after in one step.
options:
  fix:
    description: The fix to apply.
    type: str
    required: true
    choices: [start_service, config_snapshot, rollback_config, free_disk, renew_cert, fix_permissions, verify_site, verify_block,
              quarantine_files, verify_quarantine]
  host:
    description: The inventory host name written into the finding.
    type: str
  service:
    description: The service (same keys as in M(sitekeeper.website.web_diagnosis_info)) for C(start_service), C(config_snapshot), C(rollback_config).
    type: dict
  site:
    description: The site (an entry of C(sitekeeper_sites)) for C(renew_cert) and C(fix_permissions).
    type: dict
  disk:
    description:
      - For C(free_disk). C(paths) (file systems to bring under C(target_percent)), C(target_percent) (90),
        C(log_dirs) (folders, or mappings with C(path) and C(compress_after_days)), C(cache_dirs),
        C(backup_sets) (mappings with C(path), C(pattern), C(keep_count), C(keep_days), C(verified_suffixes)),
        C(prune_backups) (false).
    type: dict
  restore:
    description: For C(verify_site), the registered result of M(sitekeeper.website.site_restore).
    type: dict
  block:
    description: For C(verify_block), the fact C(log_audit_block_result) left by the audit role's blocking tasks.
    type: dict
  scan:
    description:
      - For C(quarantine_files), the registered result of M(sitekeeper.website.docroot_scan) for the site (its
        C(flagged) list); for C(verify_quarantine), the result of the scan made after the quarantine.
    type: dict
  quarantine:
    description:
      - For C(quarantine_files), the settings - C(dir) (the quarantine folder on the host), C(backup_dir) (the
        folder of the verified backup sets), C(allowed) (absolute paths, paths relative to the docroot or sha256
        values never touched, besides the site's C(docroot_allowed)), C(kinds) (the flagged kinds quarantined; default webshell, spam_injection,
        suspicious_upload).
    type: dict
  quarantined:
    description: For C(verify_quarantine), the registered result of this module with O(fix=quarantine_files).
    type: dict
  addresses:
    description: For C(verify_block), the addresses (or audit incidents with C(client)) that were to be blocked.
    type: list
    elements: raw
    default: []
  known_good_dir:
    description: Where known-good configuration copies are kept on the host.
    type: path
    default: /var/lib/sitekeeper/known-good
  certbot:
    description: The certbot command (a list or a string).
    type: raw
    default: certbot
  renew_within_days:
    description: Renew only a certificate that expires within this many days.
    type: int
    default: 21
  min_days_after:
    description: A renewed certificate must be valid for at least this many days to count as verified.
    type: int
    default: 7
  mode:
    description: C(apply) does the fix; C(verify) only waits for and checks the result (after M(ansible.builtin.service)).
    type: str
    default: apply
    choices: [apply, verify]
  wait:
    description: Seconds to wait for a started service to answer.
    type: float
    default: 30
extends_documentation_fragment: sitekeeper.website.attributes
attributes:
  check_mode:
    support: full
    details: Predicts what would change and returns the diff; C(renew_cert) runs certbot with C(--dry-run).
  diff_mode:
    support: full
    details: Files restored, clean-up steps, permission changes and service state before and after.
  idempotent:
    support: full
    details: A fix that finds nothing to do reports no change.
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Start nginx if it is stopped
  sitekeeper.website.remediation:
    fix: start_service
    host: "{{ inventory_hostname }}"
    service:
      name: nginx
      kind: web
      port: 80
      pidfile: /run/nginx.pid
      config_test: nginx -t
      start: nginx

- name: Fix docroot permissions
  sitekeeper.website.remediation:
    fix: fix_permissions
    host: "{{ inventory_hostname }}"
    site: {name: pn-contoh, docroot: /var/www/html, docroot_owner: root, docroot_group: www-data,
           docroot_file_mode: "0644", docroot_dir_mode: "0755"}
"""

RETURN = r"""
quarantined:
  description:
    - For C(quarantine_files), the files handled (path, sha256, kind, excerpt, action, restored_from or restore_from,
      quarantine), the skipped ones with the reason, problems and the verified sets looked at.
  returned: when O(fix=quarantine_files)
  type: dict
finding:
  description: The outcome as an activity-6 finding (C(ok) when fixed and verified or nothing to do).
  returned: always
  type: dict
verified:
  description: Whether the re-check after the fix found the problem gone.
  returned: always
  type: bool
needs_service_manager:
  description: The service has no start command; start it with ansible.builtin.service and call again with mode=verify.
  returned: when needed
  type: bool
diff:
  description: Before and after (files, clean-up steps, permissions, service state).
  returned: when something changes
  type: dict
"""

import socket

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import catalogue as cat
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import remediation as rem


def main():
    # The fix choices, what each needs and what runs it come from the catalogue (troubleshoot/catalogue.py,
    # filled by remediation.py); DOCUMENTATION lists the same choices (a unit test keeps them equal).
    module = AnsibleModule(
        argument_spec=dict(
            fix=dict(type="str", required=True, choices=list(cat.STEPS)),
            host=dict(type="str"),
            service=dict(type="dict"),
            site=dict(type="dict"),
            disk=dict(type="dict"),
            restore=dict(type="dict"),
            block=dict(type="dict"),
            scan=dict(type="dict"),
            quarantine=dict(type="dict"),
            quarantined=dict(type="dict"),
            addresses=dict(type="list", elements="raw", default=[]),
            known_good_dir=dict(type="path", default="/var/lib/sitekeeper/known-good"),
            certbot=dict(type="raw", default="certbot"),
            renew_within_days=dict(type="int", default=21),
            min_days_after=dict(type="int", default=7),
            mode=dict(type="str", default="apply", choices=["apply", "verify"]),
            wait=dict(type="float", default=30),
        ),
        required_if=cat.required_if(),
        supports_check_mode=True,
    )
    p = module.params
    host = p["host"] or socket.gethostname()
    try:
        out = cat.run_step(p["fix"], host, p, module.check_mode)
    except (rem.RemediationError, ValueError, TypeError, OSError) as exc:
        # Bad input or an unusable host: one clear line, an unknown outcome, and the run goes on.
        module.warn(str(exc))
        out = rem.not_attempted(host, p["fix"], p.get("service") or p.get("site") or {}, str(exc))
    if not module._diff:
        out.pop("diff", None)
    module.exit_json(**out)


if __name__ == "__main__":
    main()
