#!/usr/bin/python
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Module wrapper of module_utils/probe/sites.py (SOP activity 1).

The probe runs on the controller and reads sites from outside, so it may use
controller-side libraries; it still uses only the standard library's asyncio for
HTTP, because that client can time DNS, connect, TLS and first byte separately,
cap bodies before decompression and keep hundreds of fetches in flight on two
cores (1,000 sites in a few seconds). ``cryptography`` (already on the controller
with Ansible) is used only to read the expiry date of a certificate that failed
verification.
"""

from __future__ import annotations

DOCUMENTATION = r"""
---
module: site_probe
short_description: Probe many websites at once for availability, content freshness, defacement and gambling spam
version_added: "0.1.0"
description:
  - Carries out SOP activity 1 (monitoring) from the controller, without any agent on the web host.
  - Probes every site in O(sites) concurrently with one asyncio event loop. For each site it measures DNS
    resolution, TCP connect, TLS handshake (protocol, certificate days left, hostname and chain validity), HTTP
    status, the redirect chain, time to first byte, total time, body size and a content hash.
  - Checks each site's C(must_contain) and C(must_not_contain) keywords, known defacement markers, a list of
    online-gambling spam terms (an Indonesian default list is built in), links hidden by CSS, and cloaking (the
    page fetched with a search-crawler User-Agent compared with the browser's copy).
  - Content freshness comes from the newest date the site declares (RSS/Atom feed items, sitemap C(lastmod)
    including sitemap indexes, the WordPress REST API, the Joomla feed). Without one it falls back to the
    last time the page text changed (read from the history store) and then the C(Last-Modified) header. The
    finding names the source.
  - A failure is C(critical) only after O(attempts) consecutive failed attempts (with backoff), so a single
    dropped connection does not raise an alarm; a site that needed retries is a C(warning).
  - Bodies are read up to a size cap (also after decompression, so a gzip bomb stops at the cap), XML is parsed
    with any DTD or entity declaration refused, redirect loops are detected, non-UTF-8 pages are decoded
    best-effort. A wrong site entry gives an C(unknown) finding for that site; the other sites are still probed.
  - Returns findings in the Sitekeeper findings schema (activity 1), per-site results and numeric metrics
    (C(up), C(response_ms), C(ttfb_ms), C(http_status), C(tls_days_left), C(content_age_days), ...).
options:
  sites:
    description:
      - The sites to probe. Each is a mapping; keys other than those below (for example C(docroot) or
        C(access_logs) of other activities) are ignored.
      - C(url) (required) the page to probe, C(http://) or C(https://).
      - C(name) a short name; C(host) the inventory host the site belongs to (findings carry it; default O(host)).
      - C(must_contain), C(must_not_contain) a string or list of strings; a plain string is matched as a
        case-insensitive substring, a string starting with C(re:) is a regular expression.
      - C(stale_after_days), C(critical_after_days), C(expect_https), C(check_cloaking), C(timeout),
        C(attempts), C(slow_response_ms) override the module option of the same name for this site.
      - C(sitemap_urls), C(feed_urls) extra sitemap/feed addresses (relative to C(url) or absolute).
      - C(docroot_newest_mtime) (epoch seconds), C(docroot_newest_path), C(docroot_error) the newest file under
        the docroot measured on the web host (the site_monitor role fills them); reported as C(freshness.docroot).
    type: list
    elements: dict
    required: true
  concurrency:
    description:
      - How many sites are probed at the same time, over all workers (each site uses up to about seven
        connections).
    type: int
    default: 200
  workers:
    description:
      - Processes sharing the sites, each with its own event loop. C(0) (default) uses one per CPU (at most 4)
        when there are 100 sites or more, else one.
    type: int
    default: 0
  timeout:
    description: Seconds one request may take from DNS lookup to the last byte.
    type: float
    default: 10
  attempts:
    description: Attempts before a failing site is reported C(critical) (1-10).
    type: int
    default: 3
  retry_backoff:
    description: Seconds to wait before the second attempt; doubled before each further attempt.
    type: float
    default: 1
  max_body_bytes:
    description: Bytes of a page that are read (after decompression); the rest is not downloaded.
    type: int
    default: 2097152
  max_xml_bytes:
    description: Bytes of a sitemap or feed that are read.
    type: int
    default: 8388608
  max_redirects:
    description: Redirects followed before giving up.
    type: int
    default: 5
  stale_after_days:
    description: Content older than this many days is a C(warning).
    type: float
    default: 14
  critical_after_days:
    description: Content older than this many days is C(critical).
    type: float
    default: 30
  slow_response_ms:
    description: A page taking longer than this (milliseconds, whole fetch) is a C(warning).
    type: int
    default: 3000
  tls_warning_days:
    description: A certificate with fewer days left is a C(warning) (the renewals activity follows it up).
    type: int
    default: 14
  expect_https:
    description: Warn when a site does not end on an C(https://) address.
    type: bool
    default: true
  check_cloaking:
    description: Also fetch each page with O(crawler_user_agent) and compare.
    type: bool
    default: true
  cloak_similarity_min:
    description: Below this word similarity (0-1) between the crawler's and the browser's copy the site is cloaking.
    type: float
    default: 0.5
  spam_terms:
    description: Online-gambling spam terms (whole words, case-insensitive). Default is a built-in Indonesian list.
    type: list
    elements: str
  extra_spam_terms:
    description: Terms added to O(spam_terms).
    type: list
    elements: str
    default: []
  defacement_markers:
    description: Regular expressions of defacement text. Default is a built-in list (C(hacked by), C(defaced by), ...).
    type: list
    elements: str
  user_agent:
    description: User-Agent of the browser fetch. Default is a current desktop browser string.
    type: str
  crawler_user_agent:
    description: User-Agent of the cloaking fetch. Default is Googlebot's.
    type: str
  ca_file:
    description: A CA bundle to trust instead of the system's (for an internal CA).
    type: path
  validate_certs:
    description: Verify TLS certificates. When false the certificate is still read but not judged.
    type: bool
    default: true
  sitemap_paths:
    description: Paths tried as sitemaps when a site has no C(sitemap_urls).
    type: list
    elements: str
    default: [/sitemap.xml]
  feed_paths:
    description: Paths tried as feeds when a page announces no feed and the site has no C(feed_urls).
    type: list
    elements: str
    default: [/feed.xml, /rss.xml, /feed/]
  host:
    description: Inventory host for sites that do not name one.
    type: str
    default: localhost
  history_path:
    description:
      - The Sitekeeper history store (SQLite), opened read-only to find when each page's text last changed.
        A missing file is not an error (the first run has no history).
    type: path
  docroot_scans:
    description:
      - The newest file under each docroot, measured on the web hosts in one command per host (the site_monitor
        role's docroot scan), as a mapping of inventory host to that task's result (C(rc), C(stdout), C(stderr))
        or to its stdout alone.
      - Each stdout line is C(INDEX<TAB>RC<TAB>PAYLOAD), INDEX the site's position among that host's sites in
        O(sites); with RC C(0) the payload is C(EPOCH PATH) of the newest file, otherwise the error. It fills
        C(docroot_newest_mtime), C(docroot_newest_path) and C(docroot_error) of those sites.
    type: dict
    default: {}
extends_documentation_fragment: [sitekeeper.website.attributes, sitekeeper.website.attributes.read_only]
notes:
  - "Runs on the controller; use C(delegate_to: localhost) and C(run_once: true) to probe all sites once per run."
  - Check ids are C(availability.http), C(availability.tls), C(availability.https), C(availability.site_config),
    C(content.keywords), C(freshness.content), C(freshness.docroot), C(integrity.defacement),
    C(integrity.gambling_spam) and C(integrity.cloaking).
seealso:
  - name: Sitekeeper monitoring guide
    description: docs/monitor.md in the collection.
    link: https://github.com/sitekeeper/website/blob/main/docs/monitor.md
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Probe every site once, from the controller
  sitekeeper.website.site_probe:
    sites:
      - url: https://pn-contoh.go.id/
        host: web1
        must_contain: ["Pengadilan Negeri"]
        must_not_contain: ["re:slot\\s*gacor"]
        stale_after_days: 7
      - url: https://sipp.pn-contoh.go.id/
        host: web1
        check_cloaking: false
    history_path: "{{ sitekeeper_history_path }}"
  delegate_to: localhost
  run_once: true
  register: probe

- name: Show the sites that are not ok
  ansible.builtin.debug:
    msg: "{{ probe.sites | rejectattr('status', 'equalto', 'ok') | map(attribute='url') | list }}"
"""

RETURN = r"""
findings:
  description: Findings of activity 1 in the Sitekeeper findings schema, several per site.
  returned: always
  type: list
  elements: dict
sites:
  description: One result per site.
  returned: always
  type: list
  elements: dict
  contains:
    url:
      description: The probed address.
      type: str
    host:
      description: The inventory host the site belongs to.
      type: str
    status:
      description: Worst status of the site's findings (ok, warning, critical, unknown).
      type: str
    http_status:
      description: HTTP status of the final response, null when there was none.
      type: int
    response_ms:
      description: Milliseconds of the whole fetch including redirects.
      type: float
    dns_ms:
      description: Milliseconds of the DNS lookup.
      type: float
    connect_ms:
      description: Milliseconds of the TCP connect.
      type: float
    tls_ms:
      description: Milliseconds of the TLS handshake (https only).
      type: float
    ttfb_ms:
      description: Milliseconds from sending the request to the first byte of the answer.
      type: float
    tls_days_left:
      description: Days until the certificate expires (https only).
      type: float
    tls:
      description:
        - The TLS handshake (https only) - C(verified), C(error) (why verification failed), C(protocol), C(cipher),
          C(not_after), C(days_left), C(hostname_match), C(chain_valid).
      type: dict
    addresses:
      description: The addresses the host name resolved to.
      type: list
    content_date:
      description: The newest content date found (ISO-8601 UTC), null when none.
      type: str
    content_date_source:
      description: Where that date came from (feed, sitemap, wordpress_api, joomla_feed, content_hash, last_modified).
      type: str
    content_age_days:
      description: Age of the content in days.
      type: float
    final_url:
      description: The address after redirects.
      type: str
    redirects:
      description: The redirect chain, each with status, url and location.
      type: list
    error:
      description: Why the site could not be fetched, null when it could.
      type: str
  sample:
    - url: http://127.0.0.1:8480/
      status: warning
      http_status: 200
      response_ms: 4.2
      tls_days_left: null
      content_date: "2026-11-07T03:00:00Z"
      content_date_source: feed
metrics:
  description: Numeric metrics per site (activity, host, subject, name, value, observed_at) for the history store.
  returned: always
  type: list
  elements: dict
by_host:
  description:
    - The same findings and metrics grouped by inventory host (a mapping of host to its C(findings) and
      C(metrics)), so each host takes its own with one lookup (C(result.by_host[inventory_hostname])) instead
      of filtering every finding.
      Every host named by a site has an entry.
  returned: always
  type: dict
  sample: {"web1": {"findings": [], "metrics": []}}
summary:
  description:
    - Counts of sites by status (C(by_status)), the wall time of the probe in seconds (C(wall_s)), the worker
      processes used (C(workers)) and C(notes) (for example why the history store was not used).
  returned: always
  type: dict
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.probe import sites as site_probe

_OPTIONS = dict(
    sites=dict(type="list", elements="dict", required=True),
    concurrency=dict(type="int", default=200),
    workers=dict(type="int", default=0),
    timeout=dict(type="float", default=10),
    attempts=dict(type="int", default=3),
    retry_backoff=dict(type="float", default=1),
    max_body_bytes=dict(type="int", default=2097152),
    max_xml_bytes=dict(type="int", default=8388608),
    max_redirects=dict(type="int", default=5),
    stale_after_days=dict(type="float", default=14),
    critical_after_days=dict(type="float", default=30),
    slow_response_ms=dict(type="int", default=3000),
    tls_warning_days=dict(type="int", default=14),
    expect_https=dict(type="bool", default=True),
    check_cloaking=dict(type="bool", default=True),
    cloak_similarity_min=dict(type="float", default=0.5),
    spam_terms=dict(type="list", elements="str"),
    extra_spam_terms=dict(type="list", elements="str", default=[]),
    defacement_markers=dict(type="list", elements="str"),
    user_agent=dict(type="str"),
    crawler_user_agent=dict(type="str"),
    ca_file=dict(type="path"),
    validate_certs=dict(type="bool", default=True),
    sitemap_paths=dict(type="list", elements="str", default=["/sitemap.xml"]),
    feed_paths=dict(type="list", elements="str", default=["/feed.xml", "/rss.xml", "/feed/"]),
    host=dict(type="str", default="localhost"),
    history_path=dict(type="path"),
    docroot_scans=dict(type="dict", default={}),
)


def main():
    module = AnsibleModule(argument_spec=_OPTIONS, supports_check_mode=True)
    params = dict(module.params)
    sites = site_probe.attach_docroot_scans(params.pop("sites"), params.pop("docroot_scans"))
    for key in ("concurrency", "attempts", "max_body_bytes", "max_xml_bytes"):
        if params[key] < 1:
            module.fail_json(msg="%s must be at least 1, got %d" % (key, params[key]))
    if params["timeout"] <= 0:
        module.fail_json(msg="timeout must be a positive number of seconds")
    try:
        probe = site_probe.Probe(params)
    except ValueError as exc:  # a bad defacement marker regex
        module.fail_json(msg=str(exc))
    result = probe.run(sites)
    result["by_host"] = site_probe.group_by_host(result, sites)
    module.exit_json(changed=False, **result)


if __name__ == "__main__":
    main()
