#!/usr/bin/python
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: site_alerts
short_description: Decide which findings are worth a message now, and send it (Apprise or an outbox folder)
version_added: "0.2.0"
description:
  - Takes this run's findings (the quick watch's, or a whole SOP cycle's) and keeps, in the history store, the
    state of every watched check across runs (C(availability.http), C(availability.tls), C(integrity.defacement),
    C(integrity.gambling_spam), C(integrity.cloaking), C(content.keywords) of activity 1).
  - A problem is alerted once it is confirmed by O(confirm) consecutive observations (2 for a site that is down,
    1 for defacement, spam and cloaking); its end by a recovery message with the outage's duration. A site
    that flaps never confirms and sends nothing. Confirmed outages are kept for the report's uptime figures.
  - When O(group_min) or more sites of one host change at once, one message names them all and the likely
    common cause (the host, DNS, the network); when every site of several hosts changes, one message covers all.
  - O(maintenance) windows silence chosen sites or hosts at chosen times; a problem still there when the window
    ends is alerted at the next run.
  - Non-urgent findings (warnings, criticals of checks not watched for changes) wait for the daily digest,
    sent at the first run after O(digest_time). Renewal memos (C(renewals.contract) findings naming memo files)
    are delivered once, attached, to their route.
  - Delivery goes through Apprise (one URL per recipient - e-mail, Telegram, Slack, Teams, Discord, Matrix, JSON
    and form webhooks, WhatsApp through a webhook gateway) or, for C(outbox://), into an outbox folder as an
    e-mail file. A recipient that fails is retried O(retries) times, then reported in RV(failed); the run goes on.
  - Runs on the controller.
options:
  findings:
    description: This run's findings (the Sitekeeper findings schema), of any activity.
    type: list
    elements: dict
    default: []
  sites:
    description:
      - The sites (C(name), C(url)) so that O(maintenance) windows may name sites by name. Other keys are ignored.
    type: list
    elements: dict
    default: []
  queue_digest:
    description:
      - Queue this run's non-urgent findings for the daily digest. The quick watch sets it to false (its findings
        are the full monitor's business); a waiting digest is still sent when it is due.
    type: bool
    default: true
  remediation:
    description:
      - Outcomes of the troubleshooting fixes run at once on a confirmed outage (the watch's opt-in
        C(alerts_remediate)), one message each to the routes taking C(remediation) messages - C(host), C(applied) and
        C(proposed) (fix names), C(resolved) and C(unresolved) (the incidents of the troubleshoot role's decision).
    type: list
    elements: dict
    default: []
extends_documentation_fragment:
  - sitekeeper.website.attributes
  - sitekeeper.website.alerts
attributes:
  check_mode:
    support: full
    details: In check mode nothing is sent or stored; RV(events) and RV(messages) say what would have been.
  diff_mode:
    support: none
    details: The result lists the changes and messages; there is no diff.
  idempotent:
    support: none
    details: Every call is one more observation of each check; that is its purpose.
requirements:
  - apprise (Python, on the controller) for every recipient other than C(outbox://)
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Alert on the quick watch's findings
  sitekeeper.website.site_alerts:
    findings: "{{ watch_probe.findings }}"
    sites: "{{ sitekeeper_sites }}"
    recipients:
      it_team: "tgram://{{ vault_telegram_bot_token }}/{{ telegram_chat_id }}"
      secretary: "mailtos://alerts:{{ vault_smtp_password }}@mail.pn-contoh.go.id?to=sekretaris@pn-contoh.go.id"
      archive: "outbox://"
    routes:
      - {name: urgent, to: [it_team, archive], kinds: [problem, recovered]}
      - {name: renewals, to: [secretary], activities: [4], kinds: [memo, digest]}
    maintenance:
      - {sites: [pn-contoh], daily: "22:00-23:00", days: [sat], reason: weekly update}
    outbox_dir: "{{ sitekeeper_data_dir }}/outbox"
    queue_digest: false
  no_log: true
"""

RETURN = r"""
observed:
  description: Watched checks observed in this run.
  returned: always
  type: int
events:
  description: Confirmed changes (C(kind) C(problem) or C(recovered), C(check), C(subject), C(host), C(started_at),
    C(ended_at) and C(duration_s) for a recovery, C(observations)).
  returned: always
  type: list
  elements: dict
messages:
  description: Messages composed (C(kind), C(title), C(subjects), C(hosts)) and their C(deliveries) (C(route),
    C(recipient), C(channel) masked, C(delivered), C(attempts), C(error), C(path) for the outbox).
  returned: always
  type: list
  elements: dict
sent:
  description: Deliveries that succeeded.
  returned: always
  type: int
failed:
  description: Deliveries that failed after every retry (C(title), C(route), C(channel), C(attempts), C(error)).
  returned: always
  type: list
  elements: dict
unrouted:
  description: Messages no route took.
  returned: always
  type: int
silenced:
  description: Checks whose change a maintenance window held back (C(check), C(subject), C(host), C(window)).
  returned: always
  type: list
  elements: dict
pending:
  description: Checks with a change seen but not yet confirmed.
  returned: always
  type: int
digest:
  description: C(queued) (findings added to the digest now), C(waiting) (in it), C(sent) (it went out now).
  returned: always
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.alerts import config
from ansible_collections.sitekeeper.website.plugins.module_utils.alerts.run import run_alerts
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_db import HistoryError


def main():
    module = AnsibleModule(
        argument_spec=dict(
            config.ARGUMENT_SPEC,
            findings=dict(type="list", elements="dict", default=[]),
            sites=dict(type="list", elements="dict", default=[]),
            queue_digest=dict(type="bool", default=True),
            remediation=dict(type="list", elements="dict", default=[]),
        ),
        supports_check_mode=True,
    )
    settings, location = config.settings_of(module.params)
    try:
        result = run_alerts(module.params["findings"], settings, location, sites=module.params["sites"],
                            check_mode=module.check_mode, queue_digest=module.params["queue_digest"],
                            remediation=module.params["remediation"])
    except (config.AlertConfigError, HistoryError) as exc:
        module.fail_json(msg=str(exc))
    for failure in result["failed"]:
        module.warn("alert %r to %s not delivered after %d attempt(s): %s"
                    % (failure["title"][:120], failure["channel"], failure["attempts"], failure["error"]))
    module.exit_json(**result)


if __name__ == "__main__":
    main()
