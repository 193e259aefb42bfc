#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: windows_backup_set
short_description: Verify a Windows host's fetched backup archives and keep them as a backup set
version_added: "0.2.0"
description:
  - The site_backup role's Windows path runs C(backup_set.ps1) on the host (a C(.tar.gz) of each site's IIS physical
    path and of the IIS configuration, made with the C(tar.exe) Windows ships, each hashed with C(Get-FileHash)
    SHA-256), fetches the archives into C(<destination>/<set>.partial/) and gives the script's report to this module,
    run with C(delegate_to) set to C(localhost).
  - It writes the backup's own manifest, verifies every archive with the backup's own verification (the SHA-256 again
    and a full C(tar --list) against the entry count), renames the folder to the set's name, and judges the run with
    the backup's judge, so the findings (C(backup.verify), C(backup.source), C(backup.age), C(backup.config),
    C(backup.shrink), C(backup.space), C(backup.database)) are those of a Linux host. A damaged set keeps its
    manifest saying so and is never counted as a good backup.
  - The databases a site lists are dumped on the host by C(databases.ps1) (SQL Server C(.bak) checked by
    C(RESTORE VERIFYONLY), MySQL/MariaDB C(.sql) from C(mysqldump)) and fetched with the archives; this module
    checks each dump's SHA-256 again and, for a MySQL dump, its C(-- Dump completed) line. No test restore is made
    on a Windows host, and the C(backup.database) finding says so.
options:
  host:
    description: The inventory host name.
    type: str
    required: true
  sites:
    description: The host's sites (inventory C(sitekeeper_sites)); each database a site lists must have a verified dump
      in O(databases_report), else it is a critical C(backup.database) finding.
    type: list
    elements: dict
    default: []
  report:
    description: What C(backup_set.ps1) returned (a mapping, its JSON text, or win_powershell's C(output) list).
    type: raw
    required: true
  databases_report:
    description: What C(databases.ps1) returned (same forms as O(report)); empty when it did not run.
    type: raw
  destination:
    description: The controller's backup folder (C(site_backup_destination)).
    type: path
    required: true
  set_name:
    description: The set's name, C(<host>-<YYYYMMDDTHHMMSSZ>); the archives were fetched into C(<set_name>.partial/).
    type: str
    required: true
  max_age_hours:
    description: The newest verified backup of a site may be this old (backup.age).
    type: float
    default: 26
  shrink_fraction:
    description: A set this much smaller than the previous one is a warning.
    type: float
    default: 0.3
  min_free_fraction:
    description: The backup disk keeps at least this fraction free.
    type: float
    default: 0.1
  operator:
    description: Who ran the backup (written in the manifest).
    type: str
    default: ""
  run_id:
    description: The SOP run's id (written in the manifest).
    type: str
    default: ""
extends_documentation_fragment: [sitekeeper.website.attributes]
attributes:
  check_mode:
    support: full
    details: Writes and renames nothing; judges the sets already in the destination.
  diff_mode:
    support: none
  idempotent:
    support: none
    details: Each run keeps a new set.
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Verify and keep the fetched set
  sitekeeper.website.windows_backup_set:
    host: "{{ inventory_hostname }}"
    sites: "{{ sitekeeper_sites }}"
    report: "{{ made.output }}"
    destination: /srv/backup/sitekeeper
    set_name: web3-20261204T020000Z
  delegate_to: localhost
"""

RETURN = r"""
set:
  description: The set's name (none in check mode or when nothing was fetched).
  returned: always
  type: str
status:
  description: C(ok) when every archive verified, else C(failed).
  returned: always
  type: str
problems:
  description: Every problem of the run, one line each.
  returned: always
  type: list
  elements: str
findings:
  description: Activity-2 findings (the backup judge's).
  returned: always
  type: list
  elements: dict
metrics:
  description: Activity-2 metrics (backup bytes, age, free space).
  returned: always
  type: list
  elements: dict
"""

import datetime
import json
import os

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup import judge
from ansible_collections.sitekeeper.website.plugins.module_utils.windows import backup_set, host_facts


def keep(p, observed_at):
    """Verify the fetched archives, write the manifest, rename the set. Returns the manifest."""
    match = bk.SET_RE.match(p["set_name"])
    if not match:
        raise backup_set.BackupSetError("set_name %r is not <host>-<YYYYMMDDTHHMMSSZ>" % p["set_name"])
    created = datetime.datetime.strptime(match.group("stamp"), "%Y%m%dT%H%M%SZ").strftime("%Y-%m-%dT%H:%M:%SZ")
    manifest = backup_set.manifest(p["host"], p["set_name"], created, p["sites"], p["report"], p["operator"],
                                   p["run_id"], databases_report=p.get("databases_report"))
    partial = os.path.join(p["destination"], p["set_name"] + bk.PARTIAL_SUFFIX)
    problems = {}
    for item in manifest["contents"]:
        path = os.path.join(partial, item["file"])
        if item["kind"] == "database":
            problems[item["file"]] = backup_set.verify_dump(path, item)
        else:
            problems[item["file"]] = (bk.verify_file_archive(path, item["sha256"], item["entries"])
                                      if os.path.isfile(path) else ["%s is missing" % item["file"]])
    backup_set.record_verification(manifest, problems, observed_at)
    with open(os.path.join(partial, bk.MANIFEST), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, sort_keys=True)
    with open(os.path.join(partial, bk.SUMS), "w", encoding="utf-8") as handle:
        for name, sha in sorted(manifest["checksums"].items()):
            handle.write("%s  %s\n" % (sha, name))
    os.rename(partial, os.path.join(p["destination"], p["set_name"]))
    return manifest


class WindowsJudge(judge.Judge):
    """The backup's judge; a database's ok finding says how a Windows dump was checked (there is no test restore)."""

    def databases(self, subject, databases):
        for db in databases:
            if db.get("ok"):
                summary, summary_id = backup_set.database_ok_text(db)
                self.out.add("backup.database", judge._db_subject(subject, db), "ok", summary, summary_id,
                             {"database": db["name"], "engine": db["engine"], "tables": db.get("tables"),
                              "file": db.get("file")})
        super().databases(subject, [db for db in databases if not db.get("ok")])


def main():
    module = AnsibleModule(
        argument_spec=dict(
            host=dict(type="str", required=True),
            sites=dict(type="list", elements="dict", default=[]),
            report=dict(type="raw", required=True),
            databases_report=dict(type="raw"),
            destination=dict(type="path", required=True),
            set_name=dict(type="str", required=True),
            max_age_hours=dict(type="float", default=26),
            shrink_fraction=dict(type="float", default=0.3),
            min_free_fraction=dict(type="float", default=0.1),
            operator=dict(type="str", default=""),
            run_id=dict(type="str", default=""),
        ),
        supports_check_mode=True,
    )
    p = module.params
    observed_at = fnd.utc_now_iso()
    before = bk.list_sets(p["destination"], p["host"])
    manifest = None
    try:
        if not module.check_mode:
            manifest = keep(p, observed_at)
    except (backup_set.BackupSetError, host_facts.FactsError, OSError) as exc:
        module.fail_json(msg="%s: the Windows backup set could not be kept: %s" % (p["host"], exc))
    out = judge.RunFindings(p["host"], observed_at)
    sites = [s for s in p["sites"] if isinstance(s, dict) and s.get("name")]
    WindowsJudge(out, p, p["destination"], module.check_mode, before).judge(sites, {}, manifest)
    status = (manifest or {}).get("verification", {}).get("status", "ok" if module.check_mode else "failed")
    module.exit_json(changed=manifest is not None, set=manifest["name"] if manifest else None, status=status,
                     problems=(manifest or {}).get("problems", []), findings=out.findings, metrics=out.metrics)


if __name__ == "__main__":
    main()
