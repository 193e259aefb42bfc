"""The sitekeeper CLI's argument handling, exit codes and history commands (no Ansible run)."""

import json

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history
from sitekeeper_cli import __main__ as cli


def f(status, activity=1, check="availability.http_status"):
    return fnd.make_finding(activity, check, "web1", "https://pn.test/", status, "A check.")


@pytest.mark.parametrize("statuses, failed, code", [
    ([], False, 0),
    (["ok", "ok"], False, 0),
    (["ok", "warning"], False, 1),
    (["unknown"], False, 1),
    (["warning", "critical"], False, 2),
    (["critical"], True, 3),
])
def test_exit_codes(statuses, failed, code):
    assert cli.exit_code_for([f(s) for s in statuses], failed) == code


@pytest.mark.parametrize("argv, text", [
    (["run", "bogus"], "unknown activity 'bogus'"),
    (["run", "monitor", "-i", "/no/such/inventory"], "inventory /no/such/inventory does not exist"),
    (["frobnicate"], "invalid choice"),
    ([], "give a command"),
    (["run", "monitor", "-e", "novalue"], "KEY=VALUE"),
    (["findings", "--since", "last tuesday"], "--since wants an ISO time"),
])
def test_usage_errors_exit_4_with_one_line(argv, text, capsys, data_dir):
    assert cli.main(argv) == 4
    err = capsys.readouterr().err
    assert text in err and err.count("\n") == 1 and "Traceback" not in err


def test_extra_vars_forms(tmp_path):
    varfile = tmp_path / "v.yml"
    varfile.write_text("a: 1\n")
    merged = cli.parse_extra_vars(["x=1 y=two", '{"z": [1, 2]}', "@%s" % varfile])
    assert merged == {"x": "1", "y": "two", "z": [1, 2], "a": 1}


def test_since_accepts_ages():
    assert cli.parse_since("24h") < fnd.utc_now_iso()
    assert cli.parse_since("2026-11-01T00:00:00+07:00") == "2026-10-31T17:00:00Z"


def test_findings_and_history_read_the_store(data_dir, capsys):
    with history.HistoryStore(str(data_dir / "history.sqlite")) as store:
        store.record("run-a", 1, [f("critical")])
        store.record("run-a", 3, [f("ok", 3, "audit.summary")])
    assert cli.main(["findings", "--format", "json", "--status", "critical"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["check"] for r in rows] == ["availability.http_status"]
    assert cli.main(["history"]) == 0
    out = capsys.readouterr().out
    assert "run-a" in out and "OVERDUE" in out and "within standard" in out


def test_damaged_history_is_one_line_exit_3_and_untouched(data_dir, capsys):
    path = data_dir / "history.sqlite"
    path.write_bytes(b"\x00garbage" * 512)
    before = path.read_bytes()
    assert cli.main(["findings"]) == 3
    err = capsys.readouterr().err
    assert "damaged" in err and err.count("\n") == 1
    assert path.read_bytes() == before


def test_summary_table_counts_by_activity_and_status():
    table = cli.summary_table([f("ok"), f("critical"), f("warning", 3, "audit.xss")])
    lines = table.splitlines()
    assert lines[2].split() == ["1", "monitor", "1", "0", "1", "0"]
    assert lines[3].split() == ["3", "audit", "0", "1", "0", "0"]


class FakeStream:
    def __init__(self, tty):
        self.tty, self.text = tty, ""

    def isatty(self):
        return self.tty

    def write(self, text):
        self.text += text

    def flush(self):
        pass


def events():
    yield {"event": "playbook_on_task_start", "event_data": {"task": "Probe every site"}}
    for host in ("web1", "web2"):
        yield {"event": "runner_on_start", "event_data": {"host": host}}
    yield {"event": "runner_on_ok", "event_data": {"host": "web1"}}
    yield {"event": "runner_on_unreachable", "event_data": {"host": "web2"}}


def test_progress_on_a_terminal_redraws_one_line_with_hosts_done():
    from sitekeeper_cli.runner import Progress

    stream = FakeStream(tty=True)
    progress = Progress(stream=stream, title="monitor")
    for event in events():
        progress(event)
    last = stream.text.split("\r\033[K")[-1]
    assert last.startswith("monitor | Probe every site | hosts 2/2 |")
    assert "\n" not in stream.text


def test_progress_in_a_pipe_prints_plain_lines():
    from sitekeeper_cli.runner import Progress

    stream = FakeStream(tty=False)
    progress = Progress(stream=stream, title="monitor")
    for event in events():
        progress(event)
    lines = stream.text.splitlines()
    assert lines[0].endswith("task: Probe every site") and lines[1].endswith("unreachable: web2")
    assert "\033" not in stream.text


def test_run_artifacts_keep_only_the_newest(tmp_path):
    from sitekeeper_cli.runner import prune_runs

    for name in ("20261101T000000Z-a", "20261102T000000Z-b", "20261103T000000Z-c"):
        (tmp_path / name).mkdir()
    prune_runs(str(tmp_path), keep=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["20261102T000000Z-b", "20261103T000000Z-c"]
