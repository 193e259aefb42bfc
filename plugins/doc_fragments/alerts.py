# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The alert settings shared by site_alerts and site_watch (alerts.config.ARGUMENT_SPEC is their spec)."""

from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  recipients:
    description:
      - Recipient name to its Apprise URL (C(tgram://BOT_TOKEN/CHAT_ID), C(mailto://user:pass@smtp.example?to=a@b),
        C(json://gateway.example/hook), C(form://...)), or C(outbox://) (the O(outbox_dir) folder) or
        C(outbox:///folder).
      - A recipient may instead be a mapping with C(url) and C(api_url), the base URL of a self-hosted API (a local
        Telegram Bot API server, C(http://host:8081/bot)).
      - The URLs carry secrets; they are never logged (shown masked in the result).
    type: dict
    default: {}
  routes:
    description:
      - Where messages go. Each route has C(name), C(to) (recipient names), and filters C(kinds) (C(problem),
        C(recovered), C(digest), C(memo), C(remediation); default all), C(severities) (default C(critical), C(warning)),
        C(activities) (SOP activity numbers; default all), C(checks) (glob patterns such as C(integrity.*);
        default all) and C(language) (C(id) or C(en); default O(language)).
      - A message goes to every route it matches; digest lines are filtered per route.
    type: list
    elements: dict
    default: []
  confirm:
    description:
      - Consecutive observations that confirm a problem, per check, over the defaults (C(availability.http) 2, the
        other watched checks 1). A check named here that is not among the defaults is watched too.
    type: dict
    default: {}
  recover_after:
    description: Consecutive good observations that confirm a recovery.
    type: int
    default: 1
  maintenance:
    description:
      - Maintenance windows. Each has C(sites) (names or URLs, globs) and/or C(hosts) (globs; neither means every
        site), C(reason), and either C(start) and C(end) (ISO times; without an offset O(timezone) is meant) or
        C(daily) (C(HH:MM-HH:MM), may cross midnight) with optional C(days) (C(mon) ... C(sun)).
    type: list
    elements: dict
    default: []
  group_min:
    description: How many changes of one kind on one host in one run make one grouped message.
    type: int
    default: 3
  digest_time:
    description: Local time (O(timezone)) after which the daily digest goes out; empty sends it at every run.
    type: str
    default: "07:00"
  timezone:
    description: Time zone for digest time, maintenance windows and times in messages.
    type: str
    default: Asia/Jakarta
  language:
    description: Language of messages (routes may choose their own).
    type: str
    choices: [id, en]
    default: id
  outbox_dir:
    description: Folder of the C(outbox://) recipients (the CLI's C(DATA_DIR/outbox)).
    type: path
    default: ""
  retries:
    description: Delivery attempts per recipient and message before it is reported as failed (1-10).
    type: int
    default: 3
  retry_backoff:
    description: Seconds before the second attempt; doubled for each further one.
    type: float
    default: 2.0
  timeout:
    description: Network timeout of one delivery attempt, in seconds.
    type: float
    default: 15.0
  send_memos:
    description: Deliver renewal memos (files named in C(renewals.contract) findings) to their route, once each.
    type: bool
    default: true
  availability_target:
    description:
      - The availability each site should reach per month, in percent (a site's own C(availability_target) in
        O(sites) wins). Kept in the history; the situation report shows the months a site missed it.
    type: float
    default: 99.5
  history_path:
    description: The history store (SQLite file); defaults to C($SITEKEEPER_DATA_DIR/history.sqlite).
    type: path
  history_url:
    description:
      - A shared PostgreSQL history (C(postgresql://user@host/db)), used instead of O(history_path); the environment
        variable E(SITEKEEPER_HISTORY_URL) wins over both. Keep the password in C(~/.pgpass).
    type: str
"""
