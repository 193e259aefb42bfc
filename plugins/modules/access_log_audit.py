#!/usr/bin/python
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Visitor-activity audit of web-server access logs (SOP activity 3).

Written by hand rather than wrapping GoAccess, fail2ban or CrowdSec: those need
installing on the web host and each does only part of the job (counting, or banning
one pattern at a time); this runs on the web host with Python's standard library
only, in one fast pass. The logic lives in module_utils/log_*.py.
"""

from __future__ import annotations

DOCUMENTATION = r"""
---
module: access_log_audit
short_description: Audit web-server access logs for visitor activity and attacks (SOP activity 3)
version_added: "0.1.0"
description:
  - Reads web-server access logs on the host it runs on (standard library only), in one streaming pass, and
    returns a visitor summary (requests, unique visitors, top pages, referrers and clients, status classes,
    bytes, requests per hour, automated vs human share), the incidents (suspicious clients, grouped per client
    IP, with detection ids, a severity and a few evidence lines), the lines it could not understand, and
    Sitekeeper findings of activity 3.
  - "Formats: C(combined), C(common), C(vhost_combined) (nginx/Apache), C(json) (nginx C(escape=json) logs,
    Traefik), C(iis) (IIS W3C extended, C(#Fields) header), or any nginx C(log_format) string pasted as is,
    e.g. C($remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent
    \"$http_referer\" \"$http_user_agent\" \"$http_x_forwarded_for\"). IPv4 and IPv6, backslash-escaped
    quotes, C(\\xHH) bytes and invalid UTF-8 are handled; lines that cannot be parsed are counted, sampled
    and never stop the run."
  - "Files: paths and globs, including rotated and C(.gz) files. With O(state_path) the audit is incremental:
    it remembers per file a hash of the first line, device, inode and the offset read, so each run reads only
    new lines, continues a rotated file under its new name, and re-reads a truncated file from its start."
  - "Detections (ids): C(sqli), C(xss), C(path_traversal) (and local file inclusion), C(rfi), C(command_injection),
    C(sensitive_file) (C(/.env), C(/.git/), backups, C(wp-config), dumps), C(scanner_agent) (attack tools),
    C(exploit_probe) (known CVE paths and payloads), C(webshell), C(brute_force) (login POSTs per client in a
    window), C(probing_404) (distinct missing paths per client in a window), C(request_burst) (per-client
    leaky bucket at one-minute resolution), C(fake_crawler) (a crawler claim reverse DNS disproves, only with
    O(crawler_dns)), C(php_injection), C(java_injection) (OGNL, JNDI/Log4Shell, Java class names),
    C(template_injection), C(nodejs_injection), C(protocol_abuse) (open-proxy probes, CRLF injection, invalid
    methods)."
  - "Requests are classified like a WAF: split into method, path, each parameter name and value, user agent
    and referer; each part decoded (repeated URL decoding with C(%u) and overlong UTF-8, HTML entities,
    escapes, Unicode compatibility forms) and given to grammar-aware detectors whose rule weights are added
    up (anomaly scoring); each incident lists the rules that fired (C(rules)), on which part, with the raw and
    decoded excerpt. At most 4,096 characters of a part and 64 parameters are inspected. Where the OWASP Core
    Rule Set and the C(libmodsecurity) binding are installed, the distinct suspicious requests also get its
    verdict (O(second_opinion))."
  - "Severity per incident: the highest base severity of its detections (high: sqli, path_traversal, rfi,
    command_injection, webshell, brute_force, php_injection, java_injection, template_injection,
    nodejs_injection; medium: xss, sensitive_file, scanner_agent, exploit_probe, request_burst, fake_crawler,
    protocol_abuse; low: probing_404), raised one level when a signature request was answered 2xx or the
    client triggered three or more detections."
  - Memory stays bounded whatever the log size (counters of visitor-chosen keys are pruned to their heaviest
    entries past 50,000 keys; per-client event lists are capped).
options:
  paths:
    description:
      - One site's log files or globs (e.g. C(/var/log/nginx/access.log*)). Older files (by mtime) are read first.
      - An empty list gives an C(unknown) C(audit.log_files) finding (no log configured), unless O(block) is set.
      - Exactly one of O(paths) (one site, ad hoc) and O(sites) (every site of the host in one run) is required.
        With O(paths) a wrong option fails the call.
    type: list
    elements: str
  sites:
    description:
      - Every site of the host, audited in ONE module run (a fleet of 1,000 sites on 100 hosts is 100 module
        runs). Each element is a mapping of that site's options; the other options of this module are the
        host-wide defaults.
      - "Keys (the inventory's C(sitekeeper_sites) names in brackets are accepted as aliases): C(name);
        C(subject) [C(url)], what the findings are about, default C(name); C(paths) [C(access_logs)], its logs,
        none gives an C(unknown) C(audit.log_files) finding; C(format) [C(access_log_format)]; C(state_path),
        its cursor, default C(<state_dir>/<name>.cursor.json) when O(state_dir) is set; C(since); C(until);
        C(thresholds) [C(audit_thresholds)], merged over O(thresholds); C(allowlist) [C(audit_allowlist)],
        C(trusted_proxies) [C(audit_trusted_proxies)], C(scanner_agents) and C(allow_params)
        [C(audit_allow_params)], each added to the host-wide list; C(second_opinion);
        C(verified_crawlers), C(detections), C(login_paths), C(json_keys), C(unparsed_warn_share),
        C(crawler_dns), each replacing the host-wide value. Same meanings as the options of the same name."
      - One site's error (a wrong format, an unknown threshold or key, a wrong type) becomes that site's
        C(unknown) C(audit.log_files) finding with the message; the other sites are audited.
    type: list
    elements: dict
  format:
    description:
      - C(combined) (default; also reads C(common) and C(vhost_combined) lines), C(common), C(vhost_combined),
        C(json), C(iis), or a literal nginx C(log_format) string (anything containing C($)).
    type: str
    default: combined
  state_path:
    description:
      - File where the cursor is kept between runs (JSON, written atomically). Absent means read every file
        from its start each time. Not written in check mode.
    type: path
  state_dir:
    description:
      - With O(sites), the directory of the cursors of sites that set no C(state_path) (C(<name>.cursor.json),
        characters other than letters, digits, C(_), C(.) and C(-) replaced by C(_)). Absent means those sites
        are read from the start each time. Not written in check mode.
    type: path
  since:
    description: Only count lines at or after this time; ISO-8601 (C(2026-11-27T00:00:00+07:00)) or a duration
      ago (C(24h), C(7d), C(30m)).
    type: str
  until:
    description: Only count lines before this time; same forms as O(since).
    type: str
  subject:
    description: What the findings are about (the site's name or URL) in a single-site call. Defaults to the
      first path. With O(sites), each site's C(subject) (or C(url), or C(name)).
    type: str
  host:
    description: Inventory host name put in the findings. Defaults to the machine's host name.
    type: str
  thresholds:
    description:
      - Overrides of the detection thresholds. Keys and defaults
        C(sqli=1), C(xss=1), C(path_traversal=1), C(rfi=1), C(command_injection=1), C(webshell=1),
        C(exploit_probe=1), C(scanner_agent=1), C(php_injection=1), C(java_injection=1),
        C(template_injection=1), C(nodejs_injection=1), C(protocol_abuse=1), C(sensitive_file=1) (matching
        requests from one client before it is an incident); C(normal_path_clients=10) (a path where this many
        clients sent parameters with moderate evidence and were answered 2xx is the site's normal traffic and
        those hits are dropped; 0 never learns; strong payloads always count); C(fake_crawler=1) (requests of a
        client whose crawler claim reverse DNS disproves);
        C(brute_force_posts=5) login POSTs within C(brute_force_window=600) seconds (fail2ban's defaults) or
        C(brute_force_slow_posts=20) within C(brute_force_slow_window=86400) (low-and-slow guessing);
        C(probing_404_paths=20) distinct missing paths within C(probing_404_window=600) seconds;
        C(burst_rate_per_minute=120) and C(burst_capacity=600) (leaky bucket; a burst is a bucket level above
        capacity plus one minute of rate).
    type: dict
    default: {}
  detections:
    description: Detection ids to run (default all, see the description).
    type: list
    elements: str
    choices: [sqli, xss, path_traversal, rfi, command_injection, sensitive_file, scanner_agent, exploit_probe,
              webshell, brute_force, probing_404, request_burst, fake_crawler, php_injection, java_injection,
              template_injection, nodejs_injection, protocol_abuse]
  allowlist:
    description: Addresses or CIDR networks never reported (monitoring probes, the office, the controller).
    type: list
    elements: str
    default: []
  allow_params:
    description:
      - Query parameter names whose values may legitimately carry markup or SQL-like text (a rich-text field,
        a query builder); the XSS, template and SQL detectors skip them. A site's list is added to this one.
    type: list
    elements: str
    default: []
  second_opinion:
    description:
      - Ask the OWASP Core Rule Set (ModSecurity v3) about the distinct suspicious requests (each with its user
        agent and referer, at most 4 such combinations per request and 20,000 in all) when both the
        Debian package C(modsecurity-crs) and the PyPI binding C(libmodsecurity) are installed; its verdict is
        added to the incidents as evidence and confirms near misses. Silently off when they are not installed.
    type: bool
    default: true
  verified_crawlers:
    description:
      - Crawlers exempt from detections when BOTH the user agent contains C(agent) and the address is in one of
        C(networks). Default Googlebot (C(66.249.64.0/19), C(2001:4860:4801::/48)) and bingbot
        (C(157.55.39.0/24), C(207.46.13.0/24), C(40.77.167.0/24), C(13.66.139.0/24)). A crawler agent from another
        address is treated like any visitor.
      - "C(dns): domains of the crawler's reverse-DNS names (default Googlebot C(googlebot.com), C(google.com);
        bingbot C(search.msn.com)), used by O(crawler_dns)."
    type: list
    elements: dict
  crawler_dns:
    description:
      - "Reverse-DNS verification of crawler claims (off by default). A client whose agent claims a crawler with
        C(dns) domains (see O(verified_crawlers)) but whose address is outside its C(networks) is looked up:
        its reverse name must be under one of the domains AND resolve back to the address. Verified: exempt like a
        crawler in its networks. A reverse name outside the domains, or one that does not lead back: a
        C(fake_crawler) detection. No reverse name, a resolver error, the time limit or the lookup budget: not
        exempt, not accused (listed as unverified in C(summary.crawler_verification))."
      - Lookups run once per audit, after reading, for the heaviest claimants first.
    type: dict
    suboptions:
      enabled:
        description: Verify crawler claims by reverse DNS.
        type: bool
        default: false
      max_lookups:
        description: Most addresses looked up per audit (the others are unverified).
        type: int
        default: 50
      timeout:
        description: Seconds allowed per address (reverse and forward lookup; four addresses are looked up at a time).
        type: float
        default: 2.0
  trusted_proxies:
    description: Addresses/CIDRs of reverse proxies; for C(json), C(iis) and nginx log_format strings with
      C($http_x_forwarded_for), the client is the right-most C(X-Forwarded-For) hop that is not a trusted proxy.
    type: list
    elements: str
    default: []
  login_paths:
    description: Regular expressions (on the lower-cased path) of login endpoints for C(brute_force).
      Default C(/wp-login.php), C(/xmlrpc.php), C(login), C(logon), C(signin), C(/auth), C(/session),
      C(/administrator/index.php), C(/admin), C(/user), C(/j_security_check), and the sign-up endpoints
      C(register), C(signup), C(sign-up), C(join).
    type: list
    elements: str
  scanner_agents:
    description: Extra regular expressions (on the lower-cased user agent) of attack tools, added to the built-in list.
    type: list
    elements: str
    default: []
  json_keys:
    description: >-
      For C(format=json), which key holds each field when the built-in aliases do not fit, e.g.
      C({"client": "ip", "time": "ts", "agent": "ua"}). Slots are client, xff, time, request, method, uri,
      protocol, status, size, referer, agent.
    type: dict
    default: {}
  workers:
    description: Processes used for one large plain file (>= 16 MiB of new data); C(0) means all CPU cores
      (at most 64).
    type: int
    default: 1
  incident_log:
    description: Append each incident as one JSON line to this file (the suspicious-activity log; with O(sites),
      every site's incidents, each line naming its C(subject)). Not written in check mode.
    type: path
  unparsed_warn_share:
    description: Share of unparsed lines (0-1) from which the C(audit.unparsed_lines) finding is a warning.
    type: float
    default: 0.01
  block:
    description:
      - Optional blocking of clients for a set time (see role C(sitekeeper.website.log_audit), C(tasks/block.yml)).
        Keys C(clients) (addresses, or incidents with C(client)), C(duration) (seconds, default 86400),
        C(state_path) (JSON block list, required), C(nginx_include) (file of C(deny) lines), C(nft_file)
        (nftables script), C(nft_table) (default C(sitekeeper)), C(never_block) (addresses/CIDRs never blocked;
        loopback is always added).
      - "fail2ban: C(fail2ban_log) (the ban file, one line C(EPOCH sitekeeper block ADDRESS until ISO-TIME reason
        ...) per blocked address), with C(fail2ban_jail_file) and C(fail2ban_filter_file) (both required with it),
        C(fail2ban_jail) (default C(sitekeeper)) and C(fail2ban_action) (the jail's C(action) line; default the
        host's banaction). The jail bans on one match, C(bantime) = C(findtime) = C(duration), C(ignoreip) =
        the never-block list; fail2ban lifts each ban itself and ignores lines of expired blocks. Reload fail2ban
        when C(fail2ban_changed) is true (the role does)."
      - "Checks: each changed file is checked before it replaces the live one; after the write the caller's full
        checks run and a failure puts every file of the run back. C(nginx_test_command) (list, the argv of
        C(nginx -t) for the real configuration, e.g. C([nginx, -t]); its first item also names the nginx used to
        check the candidate include), C(nft_check_command) (list, default C([nft, -c, -f]); the candidate script's
        path is appended), C(fail2ban_test_command) (list, the argv of the full fail2ban check, e.g.
        C([fail2ban-client, -t]); its first item also checks a copy of the fail2ban folder with the candidate jail).
        A checker whose program is not installed is skipped and C(checks) says so."
      - Expired entries are dropped on every run. Files are rewritten only when their content changes.
    type: dict
extends_documentation_fragment: sitekeeper.website.attributes
attributes:
  check_mode:
    support: full
    details: The logs are read and analysed; the cursor, the incident log and blocking files are not written.
  diff_mode:
    support: full
    details: With O(block), shows the changes to the block files.
  idempotent:
    support: partial
    details: >-
      Reading logs changes nothing on the host (the cursor is bookkeeping and not reported as a change);
      blocking reports a change only when a file's content changes.
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Audit the new lines of the site's nginx logs
  sitekeeper.website.access_log_audit:
    paths:
      - /var/log/nginx/access.log*
    state_path: /var/lib/sitekeeper/audit/pn-contoh.cursor.json
    subject: https://pn-contoh.go.id/
    allowlist: [10.0.0.0/8]
    thresholds:
      brute_force_posts: 20
  register: audit

- name: A custom nginx log_format
  sitekeeper.website.access_log_audit:
    paths: [/var/log/nginx/main.log]
    format: '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"'
    trusted_proxies: [10.0.0.1]

- name: Every site of this web host in one run (one cursor per site in state_dir)
  sitekeeper.website.access_log_audit:
    sites:
      - name: pn-contoh
        url: https://pn-contoh.go.id/
        access_logs: [/var/log/nginx/pn-contoh.access.log*]
      - name: ptun-contoh
        subject: https://ptun-contoh.go.id/
        paths: [/var/log/apache2/ptun.access.log*]
        format: vhost_combined
        thresholds: {probing_404_paths: 40}
    state_dir: /var/lib/sitekeeper/audit
    allowlist: [10.0.0.0/8]
    incident_log: /var/lib/sitekeeper/audit/incidents.jsonl
  register: audit_all

# Ad hoc, from the checkout:
#   ansible localhost -m sitekeeper.website.access_log_audit -a '{"paths": ["/var/log/nginx/access.log"]}'
"""

RETURN = r"""
sites:
  description:
    - With O(sites), one entry per site, in the order given, with C(name), C(subject), C(error) (null, or why
      the site could not be audited) and that site's C(summary), C(incidents), C(unparsed), C(files) and
      C(problems) (as described for a single-site call). The findings and metrics of every site are in the
      top-level C(findings) and C(metrics) (each names its C(subject)), so nothing travels back twice.
  returned: when sites is given
  type: list
  elements: dict
summary:
  description: Visitor summary of the lines read (single-site call; with O(sites) see each site's C(summary)).
  returned: when paths is given
  type: dict
  contains:
    requests: {description: "Lines parsed (within since/until).", type: int}
    unique_visitors: {description: "Distinct client addresses.", type: int}
    bytes: {description: "Response bytes sent.", type: int}
    status_classes: {description: "Requests per status class (2xx, 3xx, 4xx, 5xx).", type: dict}
    top_pages: {description: "Most requested paths, with counts.", type: list}
    top_referrers: {description: "Most frequent referrers.", type: list}
    top_clients: {description: "Busiest client addresses.", type: list}
    requests_per_hour: {description: "Requests per hour (log time zone), latest 48 hours.", type: dict}
    automated_share: {description: "Share of requests from crawlers and tools.", type: float}
    crawler_verification:
      description: With O(crawler_dns) enabled, C(checked), C(verified), C(fake), C(unverified) counts and up to
        20 C(clients) (client, crawler, status, detail, requests).
      type: dict
incidents:
  description: Suspicious clients, most serious first (single-site call; with O(sites) see each site's
    C(incidents)).
  returned: when paths is given
  type: list
  elements: dict
  contains:
    client: {description: "Client address.", type: str}
    detections: {description: "Detection ids raised.", type: list}
    severity: {description: "low, medium, high or critical.", type: str}
    count: {description: "Suspicious requests of this client.", type: int}
    by_detection: {description: "Count per detection id.", type: dict}
    evidence: {description: "A few of the client's suspicious lines (control bytes escaped).", type: list}
    first_seen: {description: "Time of the first suspicious request (log time).", type: str}
    last_seen: {description: "Time of the last suspicious request (log time).", type: str}
    crawler_check: {description: "With C(fake_crawler), why the crawler claim failed.", type: str}
    rules:
      description:
        - Up to 8 rules that fired on the client's requests, each with C(rule), C(detection), C(part) (where
          it matched, e.g. C(arg:q), C(path), C(agent)), C(raw) (the part as logged) and C(decoded) (what the
          classifier saw after decoding), control bytes escaped.
      type: list
    second_opinion: {description: "OWASP CRS rule ids that fired on the client's evidence requests.", type: list}
unparsed:
  description: Lines that could not be parsed, C(count) and a few C(samples).
  returned: when paths is given
  type: dict
files:
  description: Each file with C(path), C(start), C(read_bytes) and C(status) (read, unchanged, truncated, empty,
    unreadable, error).
  returned: when paths is given
  type: list
problems:
  description: Missing or unreadable files and cursor problems, each with a one-line C(message) (with O(sites),
    those of every site).
  returned: always
  type: list
findings:
  description: Sitekeeper findings (activity 3) C(audit.log_files), C(audit.visitor_summary),
    C(audit.suspicious_activity), C(audit.unparsed_lines); with O(sites), those of every site.
  returned: always
  type: list
metrics:
  description: Numeric metrics (requests, unique visitors, bytes, incidents, unparsed lines, automated share),
    per site with O(sites).
  returned: always
  type: list
block:
  description: With O(block), the blocking result (C(blocked), C(added), C(expired), C(refused), C(nginx_changed),
    C(nft_changed), C(fail2ban_changed) (jail or filter changed, reload fail2ban), C(fail2ban_log_changed)),
    C(purged) (entries of an older block list removed, each C(client) and C(why), i.e. not a canonical address, or now
    never blocked) and C(checks) (per check C(nginx), C(nftables), C(fail2ban), C(fail2ban_jail), C(nginx_config),
    C(fail2ban_config) the word C(passed), or what the checker said, or why it was skipped).
  returned: when block is set
  type: dict
"""

import platform
import time

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.findings import utc_now_iso
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import DETECTIONS
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import AuditError
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.sites import run


def main():
    module = AnsibleModule(
        argument_spec=dict(
            paths=dict(type="list", elements="str"),
            sites=dict(type="list", elements="dict"),
            format=dict(type="str", default="combined"),
            state_path=dict(type="path"),
            state_dir=dict(type="path"),
            since=dict(type="str"),
            until=dict(type="str"),
            subject=dict(type="str"),
            host=dict(type="str"),
            thresholds=dict(type="dict", default={}),
            detections=dict(type="list", elements="str", choices=sorted(DETECTIONS)),
            allowlist=dict(type="list", elements="str", default=[]),
            allow_params=dict(type="list", elements="str", default=[]),
            second_opinion=dict(type="bool", default=True),
            verified_crawlers=dict(type="list", elements="dict"),
            crawler_dns=dict(type="dict", options=dict(
                enabled=dict(type="bool", default=False),
                max_lookups=dict(type="int", default=50),
                timeout=dict(type="float", default=2.0),
            )),
            trusted_proxies=dict(type="list", elements="str", default=[]),
            login_paths=dict(type="list", elements="str"),
            scanner_agents=dict(type="list", elements="str", default=[]),
            # field names, not secrets
            json_keys=dict(type="dict", default={}, no_log=False),
            workers=dict(type="int", default=1),
            incident_log=dict(type="path"),
            unparsed_warn_share=dict(type="float", default=0.01),
            block=dict(type="dict"),
        ),
        mutually_exclusive=[("paths", "sites")],
        required_one_of=[("paths", "sites")],
        supports_check_mode=True,
    )
    try:
        result = run(module.params, module.params["host"] or platform.node(), utc_now_iso(), int(time.time()),
                     check_mode=module.check_mode, diff=module._diff)
    except (AuditError, ValueError) as exc:
        module.fail_json(msg=str(exc))
    module.exit_json(**result)


if __name__ == "__main__":
    main()
