"""A pytest plugin that counts the alternatives of every problem finding the tests make (issue 16 item 8).

Not a test: it measures. Run a suite with it and read the table at the end:

    python -m pytest -q -p tests.unit.alternatives_census tests/unit/troubleshoot tests/unit/probe \
        tests/unit/backup tests/unit/renewals tests/unit/audit

Every finding goes through findings.validate() (make_finding calls it), so wrapping it sees each
finding a producer builds during the tests; findings a test builds itself (fixtures) are left out.
For each check id seen with status warning or critical
it reports the fewest suggested actions one such finding had, and whether every one of them had an
Indonesian text (``text_id``). A kind counts as having alternatives when that fewest is 2 or more
and all texts are translated.
"""

import os
import sys

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd

TESTS = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep

PROBLEMS = ("warning", "critical")
_SEEN = {}


def _record(finding):
    if isinstance(finding, dict) and finding.get("status") in PROBLEMS and isinstance(finding.get("check"), str):
        actions = finding.get("suggested_actions") or []
        row = _SEEN.setdefault(finding["check"], {"findings": 0, "fewest": None, "untranslated": 0})
        row["findings"] += 1
        row["fewest"] = len(actions) if row["fewest"] is None else min(row["fewest"], len(actions))
        row["untranslated"] += sum(1 for a in actions if not (isinstance(a, dict) and a.get("text_id")))


def pytest_configure(config):
    original = fnd.validate

    def validate(finding):
        result = original(finding)
        # validate() <- make_finding() <- the producer: count it unless the producer is a test's fixture.
        maker, producer = sys._getframe(1), sys._getframe(2)
        if maker.f_code.co_name == "make_finding" and not os.path.abspath(producer.f_code.co_filename).startswith(TESTS):
            _record(finding)
        return result

    fnd.validate = validate
    config._alternatives_census_original = original


def pytest_unconfigure(config):
    original = getattr(config, "_alternatives_census_original", None)
    if original is not None:
        fnd.validate = original


def pytest_terminal_summary(terminalreporter):
    write = terminalreporter.write_line
    write("alternatives census: check id, problem findings seen, fewest actions, untranslated actions")
    good = 0
    for check in sorted(_SEEN):
        row = _SEEN[check]
        ok = row["fewest"] >= 2 and not row["untranslated"]
        good += ok
        write("  %-40s %5d %3d %3d %s" % (check, row["findings"], row["fewest"], row["untranslated"],
                                          "ok" if ok else "SHORT"))
    write("alternatives census: %d of %d problem kinds have >= 2 alternatives, all in Indonesian"
          % (good, len(_SEEN)))
