# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The finding filter: roles build a finding from a mapping, never by hand."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd

DOCUMENTATION = r"""
---
name: finding
author:
  - Sitekeeper contributors (!UNKNOWN)
short_description: Build one Sitekeeper finding from its fields
version_added: "0.1.0"
description:
  - Turns a mapping of a finding's fields into a finding that follows the findings contract
    (C(plugins/module_utils/findings.py)), the same constructor the modules use.
  - The Indonesian texts are given as O(_input.summary_id) and as C(text_id) of each suggested
    action; the finding keeps them where the report reads them (C(details.summary_id)).
  - Missing optional fields are filled in (C(details) and C(evidence) empty, C(observed_at) now,
    in UTC). Unknown keys and fields that break the contract fail the task with a message that
    names the field.
positional: _input
options:
  _input:
    description: The finding's fields.
    type: dict
    required: true
    suboptions:
      activity:
        description: The SOP activity, 1 to 7.
        type: int
        required: true
      check:
        description: Stable dotted id of the check, for example C(availability.site_config).
        type: str
        required: true
      host:
        description: The inventory host the finding is about.
        type: str
        required: true
      subject:
        description: The site URL, service or file the finding is about.
        type: str
        required: true
      status:
        description: How it went.
        type: str
        choices: [ok, warning, critical, unknown]
        required: true
      summary:
        description: One sentence in English a non-technical reader understands.
        type: str
        required: true
      summary_id:
        description: The same sentence in Indonesian, kept in C(details.summary_id).
        type: str
      details:
        description: Structured data about the finding.
        type: dict
        default: {}
      evidence:
        description: A few lines of evidence (at most 10 are kept, each cut to 500 characters).
        type: list
        elements: str
        default: []
      suggested_actions:
        description:
          - What to do, each a text or a mapping with C(text), and optionally C(text_id) (Indonesian),
            C(playbook) and C(tag).
        type: list
        elements: raw
        default: []
      observed_at:
        description: When it was observed, ISO-8601; now when not given.
        type: str
"""

EXAMPLES = r"""
- name: Publish a finding for a host without sites
  ansible.builtin.set_fact:
    my_findings:
      - "{{ my_spec | sitekeeper.website.finding }}"
  vars:
    my_spec:
      activity: 1
      check: availability.site_config
      host: "{{ inventory_hostname }}"
      subject: "{{ inventory_hostname }}"
      status: unknown
      summary: Web host {{ inventory_hostname }} has no websites listed.
      summary_id: Server web {{ inventory_hostname }} tidak memiliki daftar situs.
      suggested_actions:
        - text: List the host's websites in sitekeeper_sites.
          text_id: Daftarkan situs-situs server ini pada sitekeeper_sites.
"""

RETURN = r"""
_value:
  description:
    - The finding, with the fields C(activity), C(check), C(host), C(subject), C(status),
      C(summary), C(details), C(evidence), C(suggested_actions) and C(observed_at).
  type: dict
"""


def finding(spec):
    """The finding described by ``spec`` (see findings.finding_from_spec)."""
    try:
        return fnd.finding_from_spec(spec)
    except (fnd.FindingError, TypeError) as exc:
        raise AnsibleFilterError("sitekeeper.website.finding: %s" % exc) from None


class FilterModule:
    """Sitekeeper filters."""

    def filters(self):
        return {"finding": finding}
