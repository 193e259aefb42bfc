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


# -- issue 15/16: CLI edges -----------------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [
    ["demo", "--data-dir", "/x/d"],
    ["--data-dir", "/x/d", "demo"],
    ["--data-dir", "/elsewhere", "demo", "--data-dir", "/x/d"],  # the later one wins, as with any option
    ["findings", "--data-dir", "/x/d", "--format", "json"],
    ["run", "monitor", "--data-dir", "/x/d", "--keep-runs", "3"],
])
def test_global_options_are_accepted_after_the_command_too(argv):
    args = cli.build_parser().parse_args(argv)
    assert args.data_dir == "/x/d" and args.keep_runs == (3 if "--keep-runs" in argv else 30)


def test_global_options_keep_their_defaults_when_not_given():
    args = cli.build_parser().parse_args(["findings"])
    assert args.data_dir is None and args.keep_runs == 30 and args.history_url is None


def test_demo_port_option_and_url_line():
    args = cli.build_parser().parse_args(["demo", "--port", "18481", "--data-dir", "/x/d"])
    assert args.port == 18481
    assert cli.demo_url(args.port) == "http://127.0.0.1:18481/"
    assert cli.main(["demo", "--port", "80000"]) == cli.EXIT_USAGE


def test_findings_listing_escapes_html_and_markdown(tmp_path):
    evil = fnd.make_finding(1, "content.defacement", "web1", "https://pn.test/", "critical",
                            'Defaced: <img src=x onerror=alert(1)> [click](javascript:alert(2)) <script>x</script>')
    path = tmp_path / "findings.md"
    cli.write_findings_listing(str(path), [evil], "run-<b>1</b>")
    text = path.read_text()
    assert "<img" not in text and "<script" not in text and "<b>" not in text
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" in text
    assert "\\[click\\]\\(javascript:alert\\(2\\)\\)" in text  # no live link either


class FakeRunner:
    def __init__(self, events, status="failed", rc=4, stats=None, stdout=""):
        import io

        self.events, self.status, self.rc, self.stats = events, status, rc, stats
        self.stdout = io.StringIO(stdout)


def test_an_ansible_error_event_is_the_problem_shown():
    """Bad YAML in group_vars: ansible-core 2.19 reports it as an `error` event, not a task failure."""
    from sitekeeper_cli import runner as rn

    runner = FakeRunner([{"event": "playbook_on_start"},
                         {"event": "error", "stdout": "[ERROR]: YAML parsing failed: Colons in unquoted values "
                                                      "must be followed by a non-space character."}])
    assert rn.run_problems(runner) == ["[ERROR]: YAML parsing failed: Colons in unquoted values must be followed "
                                       "by a non-space character."]


def test_the_first_error_line_of_the_output_names_its_origin():
    from sitekeeper_cli import runner as rn

    stdout = ("[WARNING]: Failed to parse inventory with 'yaml' plugin: YAML parsing failed: did not find "
              "expected ',' or '}'.\n\nOrigin: /inv/hosts.yml:4:11\n\n[ERROR]: Completely failed to parse "
              "inventory source /inv/hosts.yml\n")
    runner = FakeRunner([], rc=1, stdout=stdout)
    problems = rn.run_problems(runner)
    assert problems == ["[ERROR]: Completely failed to parse inventory source /inv/hosts.yml (YAML parsing "
                        "failed: did not find expected ',' or '}'. at /inv/hosts.yml:4:11)"]


def test_a_run_that_matched_no_host_failed():
    from sitekeeper_cli import runner as rn

    empty = FakeRunner([{"event": "playbook_on_no_hosts_matched"}], status="successful", rc=0,
                       stats={"processed": {}, "failures": {}, "dark": {}})
    assert rn.run_failed(empty) and rn.matched_no_host(empty)
    ran = FakeRunner([], status="successful", rc=0, stats={"processed": {"web1": 1}, "failures": {}, "dark": {}})
    assert not rn.run_failed(ran) and not rn.matched_no_host(ran)


def test_findings_json_into_a_closed_pipe_is_quiet(data_dir):
    """`sitekeeper findings --format json | head`: no BrokenPipe traceback, exit 0."""
    import os
    import subprocess
    import sys

    with history.HistoryStore(str(data_dir / "history.sqlite")) as store:
        store.record("run-a", 1, [f("warning", check="availability.check_%d" % n) for n in range(1500)])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.Popen([sys.executable, "-m", "sitekeeper_cli", "--data-dir", str(data_dir), "findings",
                             "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout.readline().strip() == b"["
    proc.stdout.close()  # what `head` does once it has its lines
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err, err


def test_the_bad_variable_file_is_found_and_ansible_tags_are_no_error(tmp_path):
    from sitekeeper_cli import runner as rn

    (tmp_path / "hosts.yml").write_text("all: {}\n")
    (tmp_path / "group_vars" / "all").mkdir(parents=True)
    (tmp_path / "group_vars" / "all" / "main.yml").write_text("secret: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n")
    (tmp_path / "host_vars").mkdir()
    assert rn.locate_bad_yaml(str(tmp_path)) is None
    (tmp_path / "host_vars" / "web1.yml").write_text("a: 1\nb: : :\n")
    assert rn.locate_bad_yaml(str(tmp_path / "hosts.yml")).startswith(str(tmp_path / "host_vars" / "web1.yml")
                                                                     + " line 2: ")


def test_an_error_event_gets_the_cause_and_origin_from_the_output():
    from sitekeeper_cli import runner as rn

    stdout = ("[WARNING]: Failed to parse inventory with 'yaml' plugin: YAML parsing failed: bad flow.\n"
              "Origin: /inv/hosts.yml:4:11\n[ERROR]: Completely failed to parse inventory source /inv/hosts.yml\n")
    runner = FakeRunner([{"event": "error", "stdout": "[ERROR]: Completely failed to parse inventory source "
                                                      "/inv/hosts.yml"}], rc=1, stdout=stdout)
    assert rn.run_problems(runner) == ["[ERROR]: Completely failed to parse inventory source /inv/hosts.yml "
                                       "(YAML parsing failed: bad flow. at /inv/hosts.yml:4:11)"]
