"""The CLI and plain ansible-playbook runs against real sshd hosts (loopback aliases,
non-root user with sudo): findings from events, history, exit codes."""

import json
import os
import subprocess
import sys

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.core import history
from sitekeeper_cli import __main__ as cli
from tests.harness.services import REPO

pytestmark = pytest.mark.integration
PUBLISH = os.path.join(REPO, "tests", "playbooks", "publish.yml")


class Args:
    keep_runs = 5
    limit = None
    check = False
    tags = None

    def __init__(self, extra_vars=()):
        self.extra_vars = list(extra_vars)


def cli_run(inventory, data_dir, *extra_vars):
    return cli.do_run(Args(extra_vars), PUBLISH, inventory, str(data_dir), "test")


def stored(data_dir):
    with history.HistoryStore(str(data_dir / "history.sqlite")) as store:
        return store.findings(), store.runs()


def test_all_ok_run_exits_0_and_records_every_host(ssh_hosts, data_dir, capsys):
    assert cli_run(ssh_hosts.inventory_path, data_dir) == 0
    out = capsys.readouterr().out
    assert "1   monitor              3        0" in out
    findings, runs = stored(data_dir)
    assert sorted(f["host"] for f in findings) == ["web1", "web2", "web3"]
    # The task really ran on each address, as root through sudo.
    assert {f["summary"] for f in findings} == {"User root ran on %s." % a for a in ssh_hosts.addresses}
    assert runs[0]["outcome"] == "completed" and runs[0]["hosts"] == 3


@pytest.mark.parametrize("status, code", [("warning", 1), ("critical", 2)])
def test_findings_set_the_exit_code(ssh_hosts, data_dir, status, code):
    assert cli_run(ssh_hosts.inventory_path, data_dir, "test_status=%s" % status) == code


def test_unreachable_host_exits_3_and_is_recorded_unknown(ssh_hosts, data_dir, tmp_path, capsys):
    inventory = ssh_hosts.write_inventory(path=str(tmp_path / "inv.yml"))
    with open(inventory) as handle:
        data = json.load(handle)
    data["all"]["children"]["webservers"]["hosts"]["web9"] = dict(ssh_hosts.host_vars("127.0.0.9"))
    with open(inventory, "w") as handle:
        json.dump(data, handle)
    assert cli_run(inventory, data_dir) == 3
    out = capsys.readouterr().out
    assert "problem: web9:" in out
    findings, runs = stored(data_dir)
    by_host = {f["host"]: f for f in findings}
    assert by_host["web9"]["status"] == "unknown" and by_host["web9"]["check"] == "run.host_unreachable"
    assert by_host["web1"]["status"] == "ok"
    assert runs[0]["outcome"] == "partial"


def test_wrong_variable_type_is_caught_by_argument_specs(ssh_hosts, data_dir, capsys):
    assert cli_run(ssh_hosts.inventory_path, data_dir, "test_record_activity=seven") == 3
    out = capsys.readouterr().out
    problems = [line for line in out.splitlines() if line.startswith("problem:")]
    assert problems and "findings_activity" in problems[0]
    assert "Traceback" not in out


def test_plain_ansible_playbook_records_the_same_history(ssh_hosts, data_dir):
    """AWX parity: no CLI, just ansible-playbook."""
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"), SITEKEEPER_DATA_DIR=str(data_dir),
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    result = subprocess.run(["ansible-playbook", "-i", ssh_hosts.inventory_path, PUBLISH, "-e", "test_status=warning"],
                            cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:]
    findings, runs = stored(data_dir)
    assert len(findings) == 3 and {f["status"] for f in findings} == {"warning"}
    assert runs[0]["worst_status"] == "warning"
    with history.HistoryStore(str(data_dir / "history.sqlite")) as store:
        assert [v for _, v in store.time_series("web2", "up")] == [1.0]


def test_limit_runs_only_the_named_host(ssh_hosts, data_dir):
    args = Args()
    args.limit = "web2"
    assert cli.do_run(args, PUBLISH, ssh_hosts.inventory_path, str(data_dir), "test") == 0
    findings, _ = stored(data_dir)
    assert [f["host"] for f in findings] == ["web2"]


def test_damaged_history_fails_the_run_with_one_clear_line_and_is_kept(ssh_hosts, data_dir, capsys):
    path = data_dir / "history.sqlite"
    path.write_bytes(b"not a database " * 400)
    before = path.read_bytes()
    assert cli_run(ssh_hosts.inventory_path, data_dir) == 3
    problems = [line for line in capsys.readouterr().out.splitlines() if line.startswith("problem:")]
    assert len(problems) == 1 and "damaged" in problems[0] and "move it aside" in problems[0]
    assert path.read_bytes() == before
