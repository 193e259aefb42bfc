#!/usr/bin/python
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: history_record
short_description: Record one SOP activity's findings and metrics in the Sitekeeper history store
version_added: "0.1.0"
description:
  - Appends the findings (the Sitekeeper findings schema) and metrics of one activity of one run to the
    history store, a SQLite file in the data directory, or a shared PostgreSQL database (O(history_url) or the
    environment variable E(SITEKEEPER_HISTORY_URL)), creating and migrating it as needed.
  - Recording the same O(run_id) and O(activity) again replaces the earlier copy, so re-running a playbook's
    recording step never counts findings twice.
  - Hosts listed in O(hosts) that have no finding get an C(unknown) finding C(run.host_unreachable), so a host
    that could not be checked never looks healthy.
  - Runs on the controller. Every activity playbook ends with this step, so a plain C(ansible-playbook) run
    (AWX, cron) records its history exactly as the C(sitekeeper) CLI does.
options:
  activity:
    description: The SOP activity number (1-7) being recorded.
    type: int
    required: true
  findings:
    description: Findings of this activity, each a mapping in the Sitekeeper findings schema.
    type: list
    elements: dict
    default: []
  metrics:
    description: Numeric metrics, each with C(subject), C(name), C(value) and optional C(host), C(observed_at).
    type: list
    elements: dict
    default: []
  hosts:
    description: The hosts the activity targeted; those without any finding are recorded as unreachable.
    type: list
    elements: str
    default: []
  run_id:
    description: Identifier of the run; the CLI passes one, a plain playbook run gets one from the time and host.
    type: str
  started_at:
    description: When the run started (ISO-8601 UTC); defaults to now.
    type: str
  history_path:
    description:
      - Path of the SQLite history file. Defaults to C($SITEKEEPER_DATA_DIR/history.sqlite).
      - A C(postgresql://) URL is accepted here too.
    type: path
  history_url:
    description:
      - URL of a shared PostgreSQL history database, for example C(postgresql://sitekeeper@db.example:5432/sitekeeper).
        When given it is used instead of O(history_path).
      - The environment variable E(SITEKEEPER_HISTORY_URL), when set on the controller, wins over both, so one
        setting moves every Sitekeeper module and the CLI of that controller to the same database.
      - Keep the password out of the URL (use C(~/.pgpass) or E(PGPASSFILE)); the value is never logged.
      - Needs the Python package psycopg 3 on the controller.
    type: str
extends_documentation_fragment: sitekeeper.website.attributes
attributes:
  check_mode:
    support: full
    details: In check mode nothing is written; the result says what would be recorded.
  diff_mode:
    support: none
    details: The result lists what was recorded; there is no diff.
  idempotent:
    support: partial
    details:
      - Recording the same O(run_id) and O(activity) again replaces the first copy, and reports no
        change when its findings and metrics are identical (the time stamp of the C(unknown) finding
        written for a host that answered nothing does not count).
      - Without O(run_id) every call records a new run, which is a change; the activity gets a new
        completion in the history (the SOP compliance table moves).
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Record the monitoring findings of every web host
  sitekeeper.website.history_record:
    activity: 1
    findings: "{{ ansible_play_hosts_all | map('extract', hostvars, 'sitekeeper_findings') | flatten }}"
    hosts: "{{ ansible_play_hosts_all }}"

- name: Record into a shared PostgreSQL history (password in ~/.pgpass)
  sitekeeper.website.history_record:
    activity: 2
    findings: "{{ ansible_play_hosts_all | map('extract', hostvars, 'sitekeeper_findings') | flatten }}"
    hosts: "{{ ansible_play_hosts_all }}"
    history_url: postgresql://sitekeeper@db.example.org:5432/sitekeeper
"""

RETURN = r"""
run_id:
  description: The run identifier the findings were recorded under.
  returned: always
  type: str
outcome:
  description: C(completed) when every host was checked, C(partial) when some could not be, C(failed) when none.
  returned: always
  type: str
worst_status:
  description: The most serious status among the recorded findings.
  returned: always
  type: str
recorded:
  description: Numbers of findings and metrics recorded.
  returned: always
  type: dict
changed:
  description: False when the same run and activity were already recorded with exactly these findings and metrics.
  returned: always
  type: bool
history_path:
  description: The history file written, or the PostgreSQL URL (without password).
  returned: always
  type: str
"""

import socket

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history


def main():
    module = AnsibleModule(
        argument_spec=dict(
            activity=dict(type="int", required=True),
            findings=dict(type="list", elements="dict", default=[]),
            metrics=dict(type="list", elements="dict", default=[]),
            hosts=dict(type="list", elements="str", default=[]),
            run_id=dict(type="str"),
            started_at=dict(type="str"),
            history_path=dict(type="path"),
            history_url=dict(type="str", no_log=True),
        ),
        supports_check_mode=True,
    )
    params = module.params
    try:
        result = history.record_activity(
            activity=params["activity"],
            findings=params["findings"],
            metrics=params["metrics"],
            hosts=params["hosts"],
            run_id=params["run_id"],
            started_at=params["started_at"],
            history_path=params["history_url"] or params["history_path"] or history.default_history_path(),
            controller=socket.gethostname(),
            dry_run=module.check_mode,
        )
    except (history.HistoryError, fnd.FindingError) as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)


if __name__ == "__main__":
    main()
