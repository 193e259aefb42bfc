"""`sitekeeper schedule` with the real crontab, and the scheduled command itself run as cron would.

The crontab used is that of a throw-away user (skcron), so the tests never touch
the crontab of the person running them.
"""

import os
import subprocess

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.core import history
from sitekeeper_cli import lock as lk
from sitekeeper_cli import schedule as sch

pytestmark = pytest.mark.integration
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.path.join(REPO, "scripts", "sitekeeper")


def crontab(user):
    proc = subprocess.run(["crontab", "-u", user, "-l"], capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 else ""


def sitekeeper(*args, env=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, **(env or {})))


def test_install_is_idempotent_keeps_other_entries_and_remove_is_clean(cron_user, tmp_path):
    other = "MAILTO=\"\"\n17 3 * * * /bin/true other-job\n"
    subprocess.run(["crontab", "-u", cron_user, "-"], input=other, text=True, check=True)
    args = ["--data-dir", str(tmp_path), "schedule"]
    first = sitekeeper(*args, "install", "--user", cron_user)
    assert first.returncode == 0, first.stderr
    assert "installed in crontab" in first.stdout
    installed = crontab(cron_user)
    assert installed.startswith(other) and sch.BEGIN in installed
    assert len([x for x in installed.splitlines() if " run " in x and not x.startswith("#")]) == 7  # six activities and the quick watch
    again = sitekeeper(*args, "install", "--user", cron_user)
    assert "unchanged" in again.stdout and crontab(cron_user) == installed
    changed = sitekeeper(*args, "install", "--user", cron_user, "--at", "report=06:30")
    assert "installed in" in changed.stdout
    assert crontab(cron_user).count(sch.BEGIN) == 1 and "30 6 * * * " in crontab(cron_user)
    shown = sitekeeper(*args, "show", "--user", cron_user)
    assert "(installed)" in shown.stdout
    removed = sitekeeper(*args, "remove", "--user", cron_user)
    assert "removed from crontab" in removed.stdout and crontab(cron_user) == other
    assert "nothing to remove" in sitekeeper(*args, "remove", "--user", cron_user).stdout
    assert crontab(cron_user) == other


def _entry(block, activity):
    line = next(x for x in block.splitlines() if " run %s " % activity in x and not x.startswith("#"))
    command = line.split(None, 5)[5]
    return command.replace("\\%", "%")


def test_the_scheduled_report_command_runs_and_records_the_activity(tmp_path):
    data_dir = tmp_path / "data"
    block = sch.cron_block(REPO, sch.parse_times([]), os.path.join(REPO, "inventory/demo/hosts.yml"), str(data_dir))
    command = _entry(block, "report")
    # As cron runs it: /bin/sh, a minimal environment.
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root"), "SHELL": "/bin/sh"}
    proc = subprocess.run(["/bin/sh", "-c", command], env=env, capture_output=True, text=True, timeout=600)
    log = (data_dir / "logs" / "schedule-report.log").read_text()
    assert proc.returncode in (0, 1, 2), log[-3000:]
    assert "run " in log and "report" in log
    with history.HistoryStore(str(data_dir / "history.sqlite"), readonly=True) as store:
        assert 5 in store.last_completions()


def test_an_overlapping_scheduled_run_is_skipped(tmp_path):
    data_dir = tmp_path / "data"
    block = sch.cron_block(REPO, sch.parse_times([]), os.path.join(REPO, "inventory/demo/hosts.yml"), str(data_dir))
    command = _entry(block, "backup")
    with lk.ActivityLock(str(data_dir), "backup"):
        proc = subprocess.run(["/bin/sh", "-c", command], capture_output=True, text=True, timeout=120,
                              env={"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/root")})
    log = (data_dir / "logs" / "schedule-backup.log").read_text()
    assert proc.returncode == 3
    assert "another backup run is still going" in log
    assert not (data_dir / "history.sqlite").exists()   # nothing ran
