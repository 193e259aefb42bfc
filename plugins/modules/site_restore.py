#!/usr/bin/python
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: site_restore
short_description: Restore a site's files and databases, or the web server configuration, from a verified backup set
version_added: "0.1.0"
description:
  - Picks the newest verified set in O(backup_dir) holding the site complete (or the set named in O(set)),
    checks each archive's sha256 against the manifest and restores the site's folders and, when connection
    settings are given, its databases.
  - Refuses the whole restore when an archive member has an absolute path, a C(..) component, a link escaping
    the target, or is a device or FIFO. Files are extracted into a staging folder beside the target and
    swapped in only when complete, so a failed restore leaves the target as it was.
  - With O(mirror) (default) the target ends up equal to the backup - files an attacker added are removed -
    except paths matching the backup's exclude patterns (caches, sessions), which are kept.
  - A database is restored into the C(restore_as) of its O(databases) entry (default its original name); an existing database
    holding tables is only replaced when C(replace) is true. Row counts are compared with the backup.
  - With C(config) in O(components) the web server / runtime configuration archive is restored, by default into
    another folder (O(config_target)), into its original folders only with O(config_in_place). The same member
    checks apply; an absolute symbolic link pointing into the archive's own configuration folders (as Debian's
    C(sites-enabled/x -> /etc/nginx/sites-available/x)) is allowed and made relative in another folder.
  - Runs on the web host with Python's standard library plus the host's decompressor and database clients.
options:
  backup_dir:
    description: The folder holding the archive sets (the backup destination).
    type: path
    required: true
  site:
    description:
      - Name of the site to restore (as in C(sitekeeper_sites)). Needed for C(files) and C(databases).
      - Without it (O(components=[config])) the newest verified set holding a configuration archive is used.
    type: str
  host:
    description: Only consider sets made for this inventory host (default any host).
    type: str
  set:
    description: Name of the set to restore, or C(latest) for the newest verified one holding the site.
    type: str
    default: latest
  target:
    description:
      - Folder to restore the site's docroot into. Default is the original folder recorded in the manifest.
      - Extra folders of the site (C(backup_paths)) go to C(<target>/<role>) when a target is given.
    type: path
  components:
    description: What to restore. C(config) is the web server / runtime configuration archive of the set.
    type: list
    elements: str
    choices: [files, databases, config]
    default: [files, databases]
  config_target:
    description:
      - Folder to restore the configuration into; each folder goes to C(<config_target>/<its path>), for
        example C(<config_target>/etc/nginx).
      - Default C(<backup_dir>/restored-config/<set name>) (the backup folder is mode 0700; configuration may
        hold secrets).
    type: path
  config_in_place:
    description:
      - Restore the configuration into its original folders (C(/etc/nginx), ...). With O(mirror) files that are
        not in the backup are removed, except paths the backup left out (TLS keys). Check the result
        (C(nginx -t)) and reload the web server yourself.
    type: bool
    default: false
  mirror:
    description: Make each target folder equal to the backup (remove files not in it, except excluded paths).
    type: bool
    default: true
  keep_replaced:
    description: Keep the replaced folder as C(<target>.sk-replaced-<time>) (for example as evidence of a defacement).
    type: bool
    default: false
  databases:
    description:
      - Connection settings of the databases to restore, each C(name) (as backed up), C(engine), C(user),
        C(host), C(port), C(socket), C(maintenance_db), C(restore_as) (target database name) and C(replace).
      - Databases of the set without an entry here are not restored.
    type: list
    elements: dict
    default: []
  db_passwords:
    description: Passwords keyed by database name (as backed up), or C(<engine>/<name>). Never logged.
    type: dict
    default: {}
  restic_repository:
    description: The restic repository of sets made with the restic engine (default the one in the manifest).
    type: str
  restic_password:
    description: The restic repository password (sets made with the restic engine).
    type: str
  allow_unverified:
    description: Allow restoring from a set whose verification failed (only with an explicit O(set)).
    type: bool
    default: false
extends_documentation_fragment: sitekeeper.website.attributes
attributes:
  check_mode:
    support: full
    details: Streams the archive and lists what would be added, changed and removed; writes nothing.
  diff_mode:
    support: none
  idempotent:
    support: full
    details: Restoring files that already equal the backup changes nothing; databases are only restored when asked.
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Restore the defaced site from its newest verified backup
  sitekeeper.website.site_restore:
    backup_dir: /var/backups/sitekeeper
    site: pn-contoh
    keep_replaced: true

- name: Restore the nginx/PHP configuration of the newest set into a folder to compare it
  sitekeeper.website.site_restore:
    backup_dir: /var/backups/sitekeeper
    components: [config]
    config_target: /root/config-from-backup

- name: See what a restore into another folder would change
  sitekeeper.website.site_restore:
    backup_dir: /var/backups/sitekeeper
    site: pn-contoh
    target: /srv/restore-test
  check_mode: true
"""

RETURN = r"""
set:
  description: The set restored from.
  returned: success
  type: str
set_path:
  description: Its folder.
  returned: success
  type: str
files:
  description: Per archive, the target and the lists (first 200) and counts of added, changed and removed paths.
  returned: success
  type: list
databases:
  description: Per database, the target database, tables restored and whether the row counts matched.
  returned: success
  type: list
config:
  description: Per configuration folder, C(source), C(target) and the lists and counts of added, changed and removed paths.
  returned: success
  type: list
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.backup.common import BackupError
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.restore import RestoreError, restore_site


def main():
    module = AnsibleModule(
        argument_spec=dict(
            backup_dir=dict(type="path", required=True),
            site=dict(type="str"),
            host=dict(type="str"),
            set=dict(type="str", default="latest"),
            target=dict(type="path"),
            components=dict(type="list", elements="str", choices=["files", "databases", "config"],
                            default=["files", "databases"]),
            config_target=dict(type="path"),
            config_in_place=dict(type="bool", default=False),
            mirror=dict(type="bool", default=True),
            keep_replaced=dict(type="bool", default=False),
            databases=dict(type="list", elements="dict", default=[]),
            db_passwords=dict(type="dict", default={}, no_log=True),
            allow_unverified=dict(type="bool", default=False),
            restic_repository=dict(type="str"),
            restic_password=dict(type="str", no_log=True),
        ),
        supports_check_mode=True,
    )
    params = dict(module.params)
    passwords = params.pop("db_passwords") or {}
    for value in passwords.values():
        module.no_log_values.add(str(value))
    dbs = []
    for db in params["databases"]:
        db = {k: v for k, v in db.items() if k != "password"}
        for key in ("%s/%s" % (db.get("engine") or "mariadb", db.get("name")), db.get("name")):
            if key in passwords:
                db["password"] = passwords[key]
                break
        dbs.append(db)
    params["databases"] = dbs
    try:
        result = restore_site(params, check_mode=module.check_mode)
    except (RestoreError, BackupError) as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)


if __name__ == "__main__":
    main()
