#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r"""
---
module: situation_report
short_description: Write the SOP's situation report (HTML, PDF, Markdown, JSON) and e-mail it to the Information Officer
version_added: "0.1.0"
description:
  - SOP activity 5. Builds the report on the website's situation, condition, problems and alternative solutions from
    this run's findings (O(findings)) and the Sitekeeper history store (trends, previous period, incidents, SOP
    compliance), in Bahasa Indonesia (default) or English, with dates in the court's time zone.
  - Writes one self-contained HTML file (inline CSS and pygal SVG charts, a Content-Security-Policy forbidding
    scripts and remote loads, printable on A4), a PDF of the same made by WeasyPrint, Markdown and JSON, into a new
    folder of the report archive O(reports_dir), and rewrites the archive's C(index.html).
  - Optionally e-mails the HTML report with the PDF attached, over SMTP with STARTTLS (certificate verified) and
    authentication. A delivery failure does not fail the task; it becomes a C(warning) finding and the report stays
    saved.
  - Returns one C(report.delivered) finding (activity 5) per host in O(hosts), so recording them marks activity 5
    as completed in the SOP compliance table.
  - Runs on the controller (delegated to C(localhost)); needs Jinja2, pygal and WeasyPrint there (see
    requirements.txt). The rendering is new work, so it is written here; mail uses the standard library's smtplib
    rather than M(community.general.mail) because that module does not verify the server certificate on STARTTLS and
    its failure could not become a finding of the report.
options:
  findings:
    description:
      - This run's findings (Sitekeeper findings schema) of every activity and host, usually gathered from the web
        hosts' C(sitekeeper_findings) facts. They override the history's newest finding of the same check, subject
        and host. May be empty; the report then uses the history of the period.
    type: list
    elements: dict
    default: []
  history_path:
    description: The SQLite history store to read (read-only). A missing file means an empty history.
    type: path
  reports_dir:
    description: The report archive; each report gets a folder below it and the archive an C(index.html).
    type: path
    required: true
  template_dir:
    description: The folder with the report templates (the role passes its C(templates) folder).
    type: path
    required: true
  language:
    description: Language of the report.
    type: str
    choices: [id, en]
    default: id
  timezone:
    description: IANA time zone the report's dates are shown in.
    type: str
    default: Asia/Jakarta
  court_name:
    description: The court (work unit) named on the report.
    type: str
    default: ""
  run_id:
    description:
      - The run this report belongs to. When the archive already holds a report of this run id, nothing is written
        or sent again (unless O(force)), which makes re-running the report step of one run idempotent.
    type: str
    default: ""
  force:
    description: Write (and send) a new report even when one of the same O(run_id) exists.
    type: bool
    default: false
  period:
    description:
      - C(since_last) (default) covers the time since the last completed report (or the last O(days) days when
        there is none); C(days) the last O(days) days; C(month) a calendar month (O(month)) for the monthly IT
        Management Report; C(range) from O(since) to O(until). The previous period of the same length is compared.
    type: str
    choices: [since_last, days, month, range]
    default: since_last
  days:
    description: Length of the C(days) period, and of the C(since_last) period when there was no earlier report.
    type: int
    default: 7
  month:
    description: The month of the C(month) period, as C(YYYY-MM), or C(previous) (default) or C(current).
    type: str
    default: previous
  since:
    description: Start of the C(range) period (ISO-8601).
    type: str
  until:
    description: End of the C(range) period (ISO-8601; default now).
    type: str
  formats:
    description: The files to write.
    type: list
    elements: str
    choices: [html, pdf, markdown, json]
    default: [html, pdf, markdown, json]
  chart_sites_max:
    description: Up to this many sites get a line each in the trend charts; with more, the charts show the average.
    type: int
    default: 8
  rows_max:
    description:
      - Per-site tables of the HTML and PDF show at most this many rows, the worst first, and say how many more
        there are; the Markdown and JSON files hold every row. Keeps a report over hundreds of sites printable.
      - A section with more findings than this shows its check results counted per check instead of one row each
        (section 6 has every problem group).
    type: int
    default: 10
  cards_max:
    description: At most this many detailed finding cards per group in the HTML and PDF; the rest are table rows.
    type: int
    default: 2
  hosts:
    description: The hosts to return a C(report.delivered) finding for (the play's web hosts).
    type: list
    elements: str
    default: [localhost]
  now:
    description: The report time (ISO-8601); default the current time. For reproducible reports and tests.
    type: str
  mail:
    description: E-mail delivery. Leave O(mail.enabled) false to only write the files.
    type: dict
    default: {}
    suboptions:
      enabled:
        description: Send the report by e-mail.
        type: bool
        default: false
      recipients:
        description: The Information Officer and other recipients.
        type: list
        elements: str
        default: []
      sender:
        description: The From address.
        type: str
        default: ""
      sender_name:
        description: The From display name.
        type: str
        default: Sitekeeper
      host:
        description: The SMTP server.
        type: str
        default: ""
      port:
        description: The SMTP port (587 for STARTTLS, 465 for C(tls)).
        type: int
        default: 587
      security:
        description: C(starttls) (required by default), C(tls) (implicit TLS) or C(none) (only for a local relay).
        type: str
        choices: [starttls, tls, none]
        default: starttls
      username:
        description: SMTP login; empty sends without authentication.
        type: str
        default: ""
      password:
        description: SMTP password.
        type: str
        default: ""
      ca_file:
        description: CA certificate file to verify the server with (default the system CA store).
        type: path
      verify:
        description: Verify the server certificate. Only turn off for a test relay.
        type: bool
        default: true
      timeout:
        description: Seconds to wait for the SMTP server.
        type: int
        default: 30
extends_documentation_fragment: sitekeeper.website.attributes
attributes:
  check_mode:
    support: full
    details: In check mode the report is built in memory and nothing is written or sent.
  diff_mode:
    support: none
  idempotent:
    support: partial
    details: With a O(run_id), a second run finds the report of that run and changes nothing; without one every
      run writes a new report.
author:
  - Sitekeeper contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Write the situation report of this run and e-mail it
  sitekeeper.website.situation_report:
    findings: "{{ groups['webservers'] | map('extract', hostvars) | map(attribute='sitekeeper_findings', default=[]) | flatten }}"
    history_path: "{{ sitekeeper_history_path }}"
    reports_dir: "{{ sitekeeper_data_dir }}/reports"
    template_dir: "{{ role_path }}/templates"
    court_name: Pengadilan Negeri Contoh
    hosts: "{{ ansible_play_hosts_all }}"
    mail:
      enabled: true
      recipients: [ppid@pn-contoh.go.id]
      sender: sitekeeper@pn-contoh.go.id
      host: mail.pn-contoh.go.id
      username: sitekeeper
      password: "{{ vault_smtp_password }}"
  delegate_to: localhost
  run_once: true

- name: The monthly IT Management Report for October 2026, in English
  sitekeeper.website.situation_report:
    reports_dir: /var/lib/sitekeeper/reports
    template_dir: "{{ role_path }}/templates"
    period: month
    month: "2026-10"
    language: en
  delegate_to: localhost
"""

RETURN = r"""
paths:
  description: The files written, by format (C(html), C(pdf), C(markdown), C(json)); a format that failed is absent.
  returned: always
  type: dict
  sample: {html: /root/.local/share/sitekeeper/reports/20261127T100000Z/report.html}
report_paths:
  description: The same as RV(paths), under the name the Sitekeeper CLI looks for.
  returned: always
  type: dict
report_dir:
  description: The archive folder of this report.
  returned: always
  type: str
index:
  description: The archive's index page.
  returned: always
  type: str
report_id:
  description: The archive folder name (time and run id).
  returned: always
  type: str
findings:
  description: One C(report.delivered) finding (activity 5) per host in O(hosts); C(warning) when mail or PDF failed.
  returned: always
  type: list
  elements: dict
delivered:
  description: Whether the e-mail was accepted by the SMTP server (false when mail is off).
  returned: always
  type: bool
mail:
  description: Delivery outcome, C(accepted) and C(refused) recipients and C(error).
  returned: always
  type: dict
overall:
  description: The report's overall status and counts of current findings by status.
  returned: always
  type: dict
compliance:
  description: Each SOP activity against its time standard, as shown in the report.
  returned: always
  type: list
  elements: dict
timings:
  description:
    - Seconds spent on the model, charts and each format (wall time; C(_cpu_s) keys are CPU time).
    - The PDF is rendered in a second process while Markdown and JSON are written; C(pdf_process) says whether it
      was (false when other threads ran in the module's process), C(pdf_pages) how many pages the PDF has.
  returned: always
  type: dict
warnings_list:
  description: Problems met that did not stop the report (history unusable, PDF or mail failed).
  returned: always
  type: list
  elements: str
"""

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.sitekeeper.website.plugins.module_utils.report import situation as report


def main():
    mail_spec = dict(
        enabled=dict(type="bool", default=False),
        recipients=dict(type="list", elements="str", default=[]),
        sender=dict(type="str", default=""),
        sender_name=dict(type="str", default="Sitekeeper"),
        host=dict(type="str", default=""),
        port=dict(type="int", default=587),
        security=dict(type="str", default="starttls", choices=["starttls", "tls", "none"]),
        username=dict(type="str", default=""),
        password=dict(type="str", default="", no_log=True),
        ca_file=dict(type="path"),
        verify=dict(type="bool", default=True),
        timeout=dict(type="int", default=30),
    )
    module = AnsibleModule(
        argument_spec=dict(
            findings=dict(type="list", elements="dict", default=[]),
            history_path=dict(type="path"),
            reports_dir=dict(type="path", required=True),
            template_dir=dict(type="path", required=True),
            language=dict(type="str", default="id", choices=["id", "en"]),
            timezone=dict(type="str", default="Asia/Jakarta"),
            court_name=dict(type="str", default=""),
            run_id=dict(type="str", default=""),
            force=dict(type="bool", default=False),
            period=dict(type="str", default="since_last", choices=["since_last", "days", "month", "range"]),
            days=dict(type="int", default=7),
            month=dict(type="str", default="previous"),
            since=dict(type="str"),
            until=dict(type="str"),
            formats=dict(type="list", elements="str", default=["html", "pdf", "markdown", "json"],
                         choices=["html", "pdf", "markdown", "json"]),
            chart_sites_max=dict(type="int", default=8),
            rows_max=dict(type="int", default=10),
            cards_max=dict(type="int", default=2),
            hosts=dict(type="list", elements="str", default=["localhost"]),
            now=dict(type="str"),
            mail=dict(type="dict", default={}, options=mail_spec),
        ),
        supports_check_mode=True,
    )
    try:
        result = report.run(module.params, check_mode=module.check_mode)
    except report.ReportFailure as exc:
        module.fail_json(msg=str(exc))
    for warning in result["warnings_list"]:
        module.warn(warning)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
