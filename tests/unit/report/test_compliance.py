"""SOP compliance of the event-driven activity and the overall light (issue 16 item 4).

Activity 6 (remediation) runs only when something breaks: its time standard (1 day) counts from the
problem, so a healthy site owes nothing (not "never done / OVERDUE"). A problem is a warning or
critical finding that proposes a catalogue fix (an action naming the remediate playbook); it stays open
until a newer finding of the same check, subject and host says otherwise, and a completed remediation
run after it answers it. The overall light weighs overdue activities: never "good" while one is overdue."""

import datetime

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.core import history as hist
from ansible_collections.sitekeeper.website.plugins.module_utils.findings import action, make_finding, utc_now_iso
from ansible_collections.sitekeeper.website.plugins.module_utils.report import model as rm
from sitekeeper_cli import __main__ as cli

NOW = datetime.datetime(2026, 11, 27, 10, 0, 0, tzinfo=datetime.timezone.utc)
SITE = "https://pn-contoh.go.id/"
FIX = action("Restore the website from the newest verified backup", playbook="remediate", tag="restore_site")


def at(days_ago=0.0, hours=0.0):
    return utc_now_iso(NOW - datetime.timedelta(days=days_ago, hours=hours))


def defaced(status, when, actions=(FIX,)):
    return make_finding(7, "troubleshoot.defacement", "web1", SITE, status, "The home page is defaced.",
                        suggested_actions=list(actions), observed_at=when)


def record(store, run, activity, findings, when):
    store.record(run, activity, findings, finished_at=when, hosts=["web1"])


def healthy_cycle(store, when):
    """Every scheduled activity completed at ``when`` with ok findings (remediation never ran)."""
    for activity, check in ((1, "availability.http_status"), (2, "backup.age"), (3, "audit.summary"),
                            (4, "renewals.host_scope"), (7, "troubleshoot.defacement")):
        record(store, "r-%d" % activity, activity,
               [make_finding(activity, check, "web1", SITE, "ok", "Fine.", observed_at=when)], when)


@pytest.fixture()
def store(tmp_path):
    with hist.HistoryStore(str(tmp_path / "history.sqlite")) as opened:
        yield opened


def row6(store, now=NOW):
    return {r["activity"]: r for r in store.compliance(now=now)}[6]


def test_no_problem_means_remediation_is_not_due(store):
    healthy_cycle(store, at(0, 2))
    row = row6(store)
    assert row["event_driven"] is True and row["due"] is False
    assert row["within_standard"] is True and row["problem_found_at"] is None and row["last_completed"] is None
    model = rm.build_model(store, [], now=NOW)
    rows = {c["activity"]: c for c in model["compliance"]}
    assert rows[6]["overdue"] is False
    assert not [i for i in model["attention"]["items"] if i["kind"] == "overdue"]
    assert model["overall"]["status"] == "ok" and model["overall"]["overdue"] == []


def test_an_open_problem_starts_the_one_day_clock(store):
    healthy_cycle(store, at(0, 2))
    # Found an hour after the healthy cycle: the clock starts then, not at the last remediation (never).
    record(store, "p", 7, [defaced("critical", at(0, 1))], at(0, 1))
    row = row6(store)
    assert row["due"] is True and row["problem_found_at"] == at(0, 1)
    assert row["due_at"] == at(-1, 1) and row["within_standard"] is True
    later = row6(store, NOW + datetime.timedelta(days=1))
    assert later["due"] is True and later["within_standard"] is False
    model = rm.build_model(store, [], now=NOW + datetime.timedelta(days=1))
    rows = {c["activity"]: c for c in model["compliance"]}
    assert rows[6]["overdue"] is True
    assert {"kind": "overdue", "compliance": rows[6]} in model["attention"]["items"]


def test_a_completed_remediation_after_the_problem_answers_it(store):
    record(store, "p", 7, [defaced("critical", at(3))], at(3))
    assert row6(store)["within_standard"] is False
    fixed = make_finding(6, "remediate.restore_site", "web1", SITE, "ok", "Restored.", observed_at=at(2))
    record(store, "f", 6, [fixed], at(2))
    row = row6(store)
    assert row["due"] is False and row["within_standard"] is True and row["last_completed"] == at(2)


def test_a_problem_that_cleared_is_no_longer_due(store):
    record(store, "p", 7, [defaced("critical", at(3))], at(3))
    record(store, "q", 7, [defaced("ok", at(2), actions=())], at(2))
    assert row6(store)["due"] is False


def test_a_problem_without_a_catalogue_fix_does_not_start_the_clock(store):
    vendor = action("Ask the hosting provider", playbook="troubleshoot")
    record(store, "p", 7, [defaced("critical", at(3), actions=(vendor,))], at(3))
    assert row6(store)["due"] is False


def test_no_history_owes_no_remediation():
    rows = {c["activity"]: c for c in rm.build_model(None, [], now=NOW)["compliance"]}
    assert rows[6]["overdue"] is False and rows[6]["due"] is False
    assert rows[1]["overdue"] is True


def test_the_overall_light_weighs_overdue_activities(store):
    healthy_cycle(store, at(5))
    record(store, "m", 1, [make_finding(1, "availability.http_status", "web1", SITE, "ok", "Fine.",
                                        observed_at=at(0, 1))], at(0, 1))
    model = rm.build_model(store, [], now=NOW)
    # Every current finding is ok, but backup, audit, renewals and troubleshooting are days late.
    assert model["overall"]["counts"]["ok"] == model["overall"]["total"]
    assert model["overall"]["overdue"] == [2, 3, 4, 7]
    assert model["overall"]["status"] == "warning"


def test_history_command_says_nothing_is_due(store, tmp_path, capsys):
    healthy_cycle(store, utc_now_iso())
    store.close()
    assert cli.main(["--data-dir", str(tmp_path), "history"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.strip().startswith("6 "))
    assert "nothing due" in line and "OVERDUE" not in line and "never" not in line


def _compliance_row_6(text, words):
    """The text of activity 6's row in the rendered compliance section (HTML or Markdown)."""
    section = text[text.index(words.t("s_compliance")):]
    rows = [r for r in section.replace("<tr", "\n").split("\n") if r.lstrip(" |>").startswith("6. ")
            or '"">6. ' in r or "<td>6. " in r]
    assert rows, "no row for activity 6"
    return rows[0]


@pytest.mark.parametrize("language, nothing_due, never", [("id", "Tidak ada masalah terbuka", "Belum pernah"),
                                                          ("en", "No open problem", "Never")])
def test_the_report_says_nothing_is_due_without_a_problem_and_when_one_is(store, language, nothing_due, never):
    from ansible_collections.sitekeeper.website.plugins.module_utils.report import i18n
    from ansible_collections.sitekeeper.website.plugins.module_utils.report import render as rr
    from tests.unit.report.test_report_render import TEMPLATES

    healthy_cycle(store, at(0, 2))
    words = i18n.Words(language)
    for render in (rr.render_markdown, rr.render_html):
        row = _compliance_row_6(render(rm.build_model(store, [], now=NOW, language=language), words, TEMPLATES),
                                words)
        assert nothing_due in row and never not in row
    record(store, "p", 7, [defaced("critical", at(0, 1))], at(0, 1))
    for render in (rr.render_markdown, rr.render_html):
        row = _compliance_row_6(render(rm.build_model(store, [], now=NOW, language=language), words, TEMPLATES),
                                words)
        assert nothing_due not in row and ("masalah ditemukan" if language == "id" else "problem found") in row
