#!/usr/bin/python
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: site_backup
short_description: Make, verify, copy and prune the verified website backup of a web host (SOP activity 2)
version_added: "0.1.0"
description:
  - Builds one archive set per host per run in O(destination) - one compressed tar per site folder, one dump
    per database, one tar of the web server configuration - with C(manifest.json), C(SHA256SUMS) and a
    bilingual ADK label (Arsip Data Komputer).
  - The set is written as C(<host>-<UTC time>.partial), verified (sha256 of every file and a full read of
    every tar listing; every database dump restored into a throw-away database and its row counts compared
    with the source), and only then renamed; a failed verification leaves C(<name>.failed) instead.
  - A verified set is copied to removable media (when mounted) and over rsync/SSH, and each destination is
    pruned to keep N daily, weekly and monthly sets. Pruning never removes the newest verified set and never
    runs after a failed backup.
  - Returns findings (activity 2) about backup age, verification, shrinkage, media and free space.
  - Written by hand rather than with community.general.archive or community.mysql.mysql_db because the
    archive is streamed through C(zstd -T0) (or pigz) and hashed while written in one pass, and because
    credentials must only travel through a 0600 defaults file / PGPASSFILE, never a command line.
  - Runs on the web host with Python's standard library and the host's C(tar), C(zstd)/C(pigz)/C(gzip),
    C(mariadb-dump)/C(mysqldump), C(pg_dump)/C(pg_restore)/C(psql).
options:
  host:
    description: The inventory name of this host (used in set names and findings).
    type: str
    required: true
  sites:
    description:
      - The host's sites (the inventory's C(sitekeeper_sites) entries). Keys used here are C(name), C(url),
        C(docroot), C(backup_paths) (more folders), C(backup_exclude) (GNU tar exclude patterns) and
        C(databases) (list of C(engine) mariadb|mysql|postgresql, C(name), C(user), C(host), C(port),
        C(socket), C(maintenance_db), C(bin_dir)). Other keys are ignored.
      - Never put passwords here; use O(db_passwords).
    type: list
    elements: dict
    default: []
  db_passwords:
    description:
      - Database passwords keyed by C(<site name>/<database name>), or C(<site name>/<engine>/<database name>)
        when two databases of a site share a name. Never logged.
    type: dict
    default: {}
  destination:
    description: Local folder holding the archive sets (created mode 0700 when missing).
    type: path
    required: true
  config_paths:
    description: Web server and runtime configuration folders to back up (missing ones are skipped).
    type: list
    elements: path
    default: []
  config_excludes:
    description: GNU tar exclude patterns for the configuration archive.
    type: list
    elements: str
    default: []
  include_tls_keys:
    description: Include TLS private keys in the configuration archive (excluded by default).
    type: bool
    default: false
  removable:
    description:
      - Removable media destinations. When the mount point is not mounted the copy is skipped with a C(warning).
    type: list
    elements: dict
    default: []
    suboptions:
      path:
        description: Folder on the media holding the sets.
        type: path
        required: true
      mount_point:
        description: The media's mount point (default O(removable[].path)).
        type: path
      require_mount:
        description: Copy only when O(removable[].mount_point) is a mount point.
        type: bool
        default: true
      retention:
        description: This destination's own C(daily), C(weekly), C(monthly) (missing keys from O(retention)).
        type: dict
  rsync:
    description:
      - Copies to a backup host over SSH. The copy is written as C(<set>.partial), checked on the backup host
        with C(sha256sum -c SHA256SUMS) and only then renamed. After a wholly good backup the retention is
        applied there too (one C(ls) and one C(rm) over SSH; other hosts' sets are never touched).
    type: list
    elements: dict
    default: []
    suboptions:
      target:
        description: C(user@host:/folder) on the backup host.
        type: str
        required: true
      ssh_command:
        description: The SSH command rsync and the remote steps use.
        type: str
        default: ssh -o BatchMode=yes
      retention:
        description: This destination's own C(daily), C(weekly), C(monthly) (missing keys from O(retention)).
        type: dict
  compression:
    description: Compressor; C(auto) picks zstd, then pigz, then gzip.
    type: str
    choices: [auto, zstd, pigz, gzip]
    default: auto
  compression_level:
    description: Compression level passed to the compressor (its default when not set).
    type: int
  retention:
    description:
      - How many daily, weekly and monthly verified sets to keep on each destination (a removable or rsync
        entry may set its own C(retention)).
      - Pruning runs only after a backup that verified with every site complete (never after a failed or
        partial one), and always keeps the newest verified set and the newest one holding each site complete.
    type: dict
    default: {daily: 7, weekly: 4, monthly: 12}
  shrink_fraction:
    description: Warn when a site's backup is smaller than the previous one by more than this fraction.
    type: float
    default: 0.3
  max_age_hours:
    description: The SOP's time standard for the newest verified backup, in hours.
    type: float
    default: 24
  min_free_fraction:
    description: Warn when a destination has less than this fraction of its space free.
    type: float
    default: 0.1
  verify_databases:
    description: Restore each dump into a throw-away database and compare row counts (recommended).
    type: bool
    default: true
  prune:
    description: Apply the retention (on every destination) after a wholly good backup.
    type: bool
    default: true
  reverify_previous:
    description:
      - Before the new backup, re-check the newest verified set against its checksums; a damaged set is marked
        so and reported C(critical) (C(backup.damaged)).
    type: bool
    default: true
  engine:
    description:
      - C(archive) writes compressed tar files into the set; C(restic) keeps the site folders in a restic
        repository (deduplicated, encrypted, incremental) and writes the same manifest, label and database
        dumps into the set. The snapshot of pruned sets are forgotten in one batch at most daily, and the
        repository pruned at most weekly.
    type: str
    choices: [archive, restic]
    default: archive
  restic_repository:
    description: The restic repository (a local folder or any restic URL) for O(engine=restic).
    type: str
  restic_password:
    description: The restic repository password; passed to restic only through a 0600 password file.
    type: str
  restic_check:
    description: Also run C(restic check) (repository structure) after each backup.
    type: bool
    default: false
  restic_prune:
    description: Prune the restic repository (at most weekly) when snapshots were forgotten.
    type: bool
    default: true
  restic_cache_dir:
    description: restic's cache folder (restic's default when not set).
    type: path
  operator:
    description: Who ran the backup (written in the manifest and the ADK label).
    type: str
  court_name:
    description: The court's name for the ADK label.
    type: str
  run_id:
    description: Sitekeeper run identifier, stored in the manifest.
    type: str
extends_documentation_fragment: sitekeeper.website.attributes
attributes:
  check_mode:
    support: full
    details: Nothing is written; the result lists what would be backed up and findings about existing sets.
  diff_mode:
    support: none
  idempotent:
    support: none
    details: Every run makes a new backup set by design (a backup is a point in time).
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Back up the sites of this web host
  sitekeeper.website.site_backup:
    host: "{{ inventory_hostname }}"
    sites: "{{ sitekeeper_sites }}"
    db_passwords: "{{ site_backup_db_passwords }}"
    destination: /var/backups/sitekeeper
    config_paths: [/etc/nginx, /etc/php]
    removable:
      - path: /media/backup/sitekeeper
        mount_point: /media/backup
  no_log: true
  register: backup
"""

RETURN = r"""
set:
  description: Name of the set made by this run (null when none was made).
  returned: always
  type: str
path:
  description: Folder of that set (ends in C(.failed) when its verification failed).
  returned: always
  type: str
manifest:
  description: The set's manifest (contents, sizes, sha256, row counts, tool versions, verification); no secrets.
  returned: when a set was made
  type: dict
sets:
  description: Sets present in the destination after the run, newest first, with their verified flag.
  returned: always
  type: list
pruned:
  description: Sets removed by the retention in the destination.
  returned: always
  type: list
copies:
  description: Copies to removable media and rsync targets with their status.
  returned: always
  type: list
findings:
  description: Activity 2 findings (Sitekeeper findings schema).
  returned: always
  type: list
metrics:
  description: Metrics (backup bytes, age, free space).
  returned: always
  type: list
problems:
  description: One line per problem met.
  returned: always
  type: list
status:
  description: The worst status of the findings.
  returned: always
  type: str
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.backup.run import run_backup


def merge_passwords(sites, passwords):
    merged = []
    for site in sites:
        if not isinstance(site, dict):
            merged.append(site)
            continue
        site = dict(site)
        dbs = []
        for db in site.get("databases") or []:
            db = dict(db)
            db.pop("password", None)
            engine = db.get("engine") or "mariadb"
            for key in ("%s/%s/%s" % (site.get("name"), engine, db.get("name")), "%s/%s" % (site.get("name"), db.get("name"))):
                if key in passwords:
                    db["password"] = passwords[key]
                    break
            dbs.append(db)
        site["databases"] = dbs
        merged.append(site)
    return merged


def main():
    module = AnsibleModule(
        argument_spec=dict(
            host=dict(type="str", required=True),
            sites=dict(type="list", elements="dict", default=[]),
            db_passwords=dict(type="dict", default={}, no_log=True),
            destination=dict(type="path", required=True),
            config_paths=dict(type="list", elements="path", default=[]),
            config_excludes=dict(type="list", elements="str", default=[]),
            include_tls_keys=dict(type="bool", default=False),
            removable=dict(type="list", elements="dict", default=[], options=dict(
                path=dict(type="path", required=True),
                mount_point=dict(type="path"),
                require_mount=dict(type="bool", default=True),
                retention=dict(type="dict"),
            )),
            rsync=dict(type="list", elements="dict", default=[], options=dict(
                target=dict(type="str", required=True),
                ssh_command=dict(type="str", default="ssh -o BatchMode=yes"),
                retention=dict(type="dict"),
            )),
            compression=dict(type="str", default="auto", choices=["auto", "zstd", "pigz", "gzip"]),
            compression_level=dict(type="int"),
            retention=dict(type="dict", default={"daily": 7, "weekly": 4, "monthly": 12}),
            shrink_fraction=dict(type="float", default=0.3),
            max_age_hours=dict(type="float", default=24),
            min_free_fraction=dict(type="float", default=0.1),
            verify_databases=dict(type="bool", default=True),
            prune=dict(type="bool", default=True),
            reverify_previous=dict(type="bool", default=True),
            engine=dict(type="str", default="archive", choices=["archive", "restic"]),
            restic_repository=dict(type="str"),
            restic_password=dict(type="str", no_log=True),
            restic_check=dict(type="bool", default=False),
            restic_prune=dict(type="bool", default=True),
            restic_cache_dir=dict(type="path"),
            operator=dict(type="str"),
            court_name=dict(type="str"),
            run_id=dict(type="str"),
        ),
        supports_check_mode=True,
    )
    params = dict(module.params)
    for value in (params.pop("db_passwords") or {}).values():
        module.no_log_values.add(str(value))
    params["sites"] = merge_passwords(params["sites"], module.params["db_passwords"] or {})
    retention = {"daily": 7, "weekly": 4, "monthly": 12}
    retention.update({k: int(v) for k, v in (params["retention"] or {}).items() if k in retention})
    params["retention"] = retention
    result = run_backup(params, check_mode=module.check_mode)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
