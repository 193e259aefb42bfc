#!/usr/bin/python
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: site_watch
short_description: The quick watch - probe every site lightly, then alert on confirmed changes
version_added: "0.2.0"
description:
  - Probes every site once, lightly (the page with a browser's and a search crawler's User-Agent, its TLS
    certificate; no guessed feeds or sitemaps), with the probe of sitekeeper.website.site_probe, and passes its
    findings straight to the alert decision of sitekeeper.website.site_alerts (state across runs in the history,
    confirmation, grouping, maintenance windows, delivery).
  - One module for both so that the findings of a thousand sites never travel through Ansible between two tasks
    (several seconds per run); only the probe's counts and the alerts' result come back.
  - Meant to run every few minutes (playbooks/watch.yml, the schedule role). Records no SOP activity; the watched
    checks' states and outages are kept in the history for alerts and the report's uptime figures.
  - Runs on the controller.
options:
  sites:
    description:
      - Every site to watch, each with C(url), C(name) and C(host) (the web host it belongs to, for grouping), plus
        the per-site probe keys of sitekeeper.website.site_probe (C(must_contain), C(check_cloaking), C(timeout) ...).
    type: list
    elements: dict
    required: true
  concurrency:
    description: Sites probed at the same time.
    type: int
    default: 200
  workers:
    description: Processes sharing the probe (0 - one per CPU, at most 4, from 100 sites on).
    type: int
    default: 0
  probe_timeout:
    description: Seconds one request may take, DNS lookup to last byte.
    type: float
    default: 10
  attempts:
    description: Attempts within one watch before a site counts as down in this observation.
    type: int
    default: 2
  probe_backoff:
    description: Seconds before the second attempt, doubled before each further one.
    type: float
    default: 1.0
  tls_warning_days:
    description: A certificate with fewer days left is a warning (the daily digest, not an alert).
    type: int
    default: 14
  check_cloaking:
    description: Fetch each page as a search crawler too and compare (cloaked gambling spam).
    type: bool
    default: true
  spam_terms:
    description: Online-gambling spam terms; the built-in Indonesian list when not given.
    type: list
    elements: str
  extra_spam_terms:
    description: Terms added to the spam list.
    type: list
    elements: str
    default: []
  validate_certs:
    description: Verify TLS certificates.
    type: bool
    default: true
  ca_file:
    description: A CA bundle on the controller for internal certificates.
    type: path
extends_documentation_fragment:
  - sitekeeper.website.attributes
  - sitekeeper.website.alerts
attributes:
  check_mode:
    support: full
    details: The sites are probed; nothing is sent or stored, the result says what would have been.
  diff_mode:
    support: none
    details: The result lists the changes and messages; there is no diff.
  idempotent:
    support: none
    details: Every call is one more observation of each site; that is its purpose.
requirements:
  - apprise (Python, on the controller) for every recipient other than C(outbox://)
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Watch every site and alert the IT team's Telegram group
  sitekeeper.website.site_watch:
    sites:
      - {name: pn-contoh, url: "https://pn-contoh.go.id/", host: web1}
    recipients:
      it_team: "tgram://{{ vault_telegram_bot_token }}/-1001234567890"
    routes:
      - {name: urgent, to: [it_team], kinds: [problem, recovered]}
  delegate_to: localhost
  run_once: true
"""

RETURN = r"""
probe:
  description: The probe's counts - C(sites), C(by_status) (worst status per site), C(wall_s), C(workers).
  returned: always
  type: dict
observed:
  description: Sites whose watched checks were observed (see sitekeeper.website.site_alerts).
  returned: always
  type: int
events:
  description: Confirmed changes, as sitekeeper.website.site_alerts returns them.
  returned: always
  type: list
  elements: dict
messages:
  description: Messages composed and their deliveries, as sitekeeper.website.site_alerts returns them.
  returned: always
  type: list
  elements: dict
sent:
  description: Deliveries that succeeded.
  returned: always
  type: int
failed:
  description: Deliveries that failed after every retry.
  returned: always
  type: list
  elements: dict
unrouted:
  description: Messages no route took.
  returned: always
  type: int
silenced:
  description: Changes a maintenance window held back.
  returned: always
  type: list
  elements: dict
pending:
  description: Checks with a change seen but not yet confirmed.
  returned: always
  type: int
digest:
  description: The daily digest's C(queued), C(waiting) and C(sent) (the watch queues nothing; it sends a due digest).
  returned: always
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.alerts import config
from ansible_collections.sitekeeper.website.plugins.module_utils.alerts.run import run_alerts
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_db import HistoryError
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import sites as probe

# Light: no guessed feed or sitemap addresses, no https expectation (content freshness and
# https are the full monitor's business); the watched checks are unaffected.
LIGHT = {"feed_paths": [], "sitemap_paths": [], "expect_https": False, "history_path": None}
PROBE_OPTIONS = {"concurrency": "concurrency", "workers": "workers", "probe_timeout": "timeout",
                 "attempts": "attempts", "probe_backoff": "retry_backoff", "tls_warning_days": "tls_warning_days",
                 "check_cloaking": "check_cloaking", "spam_terms": "spam_terms",
                 "extra_spam_terms": "extra_spam_terms", "validate_certs": "validate_certs", "ca_file": "ca_file"}


def main():
    module = AnsibleModule(
        argument_spec=dict(
            config.ARGUMENT_SPEC,
            sites=dict(type="list", elements="dict", required=True),
            concurrency=dict(type="int", default=200),
            workers=dict(type="int", default=0),
            probe_timeout=dict(type="float", default=10.0),
            attempts=dict(type="int", default=2),
            probe_backoff=dict(type="float", default=1.0),
            tls_warning_days=dict(type="int", default=14),
            check_cloaking=dict(type="bool", default=True),
            spam_terms=dict(type="list", elements="str"),
            extra_spam_terms=dict(type="list", elements="str", default=[]),
            validate_certs=dict(type="bool", default=True),
            ca_file=dict(type="path"),
        ),
        supports_check_mode=True,
    )
    params = module.params
    settings, location = config.settings_of(params)
    try:
        config.normalise(settings)  # a wrong setting fails before a thousand sites are probed
        seen = probe.probe_sites(params["sites"], dict(LIGHT, **{o: params[p] for p, o in PROBE_OPTIONS.items()}))
        result = run_alerts(seen["findings"], settings, location, sites=params["sites"], check_mode=module.check_mode,
                            queue_digest=False)
    except (config.AlertConfigError, HistoryError) as exc:
        module.fail_json(msg=str(exc))
    for failure in result["failed"]:
        module.warn("alert %r to %s not delivered after %d attempt(s): %s"
                    % (failure["title"][:120], failure["channel"], failure["attempts"], failure["error"]))
    module.exit_json(probe=seen["summary"], **result)


if __name__ == "__main__":
    main()
