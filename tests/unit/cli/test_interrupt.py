"""Stopping a run's whole process tree (SIGINT/SIGTERM of the CLI) and the stale-safe run lock
(scripts/sitekeeper_cli/runner.py, lock.py), with real processes."""

import os
import signal
import subprocess
import sys
import time

import pytest

from sitekeeper_cli import lock as lk
from sitekeeper_cli import runner as rn

# A session leader (like ansible-playbook under ansible-runner's pty) with a child that ignores
# SIGTERM and a grandchild: the whole tree must go.
TREE = r"""
import os, signal, subprocess, sys, time
stubborn = subprocess.Popen([sys.executable, "-c",
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('ready', flush=True); time.sleep(600)"],
    stdout=subprocess.PIPE)
stubborn.stdout.readline()
grand = subprocess.Popen(["sh", "-c", "sleep 611 & echo $!; wait"], stdout=subprocess.PIPE)
print(stubborn.pid, grand.pid, int(grand.stdout.readline()), flush=True)
time.sleep(600)
"""


def alive(pid):
    try:
        with open("/proc/%d/stat" % pid) as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_stop_tree_ends_every_process_of_the_run():
    leader = subprocess.Popen([sys.executable, "-c", TREE], stdout=subprocess.PIPE, start_new_session=True)
    try:
        pids = [int(p) for p in leader.stdout.readline().split()]
        tree = rn.process_tree(leader.pid)
        assert set(pids) <= set(tree) and leader.pid in tree and len(tree) >= 4  # leader, stubborn, sh, sleep
        stopped = rn.stop_tree(leader.pid, grace=3)
        leader.wait(timeout=10)
        assert stopped == len(tree)
        assert not [p for p in tree if alive(p)]
    finally:
        if leader.poll() is None:
            os.killpg(leader.pid, signal.SIGKILL)
            leader.wait()


def test_the_lock_records_owner_and_start_time(tmp_path):
    with lk.ActivityLock(str(tmp_path), "backup") as held:
        record = lk.read_record(held.path)
        assert record["pid"] == os.getpid() and record["start"] == lk.start_time(os.getpid())


KILLED_HOLDER = """
import os, signal, sys
from sitekeeper_cli import lock as lk
held = lk.ActivityLock(sys.argv[1], "backup").acquire()
held.note_runner(int(sys.argv[2]))
os.kill(os.getpid(), signal.SIGKILL)  # kill -9 of the CLI: no release, no clean-up
"""


def killed_holder(data_dir, runner_pid):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    done = subprocess.run([sys.executable, "-c", KILLED_HOLDER, str(data_dir), str(runner_pid)], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr


def test_a_run_whose_cli_was_killed_still_holds_the_lock_while_its_playbook_lives(tmp_path):
    orphan = subprocess.Popen(["sleep", "600"])
    try:
        killed_holder(tmp_path, orphan.pid)
        # The CLI is gone (the flock is free), but the playbook it started still runs.
        with pytest.raises(lk.LockBusy, match=r"ansible-playbook pid %d is still running" % orphan.pid):
            lk.ActivityLock(str(tmp_path), "backup").acquire()
    finally:
        orphan.kill()
        orphan.wait()
    # Once it has ended, the record is stale and the next run goes ahead.
    with lk.ActivityLock(str(tmp_path), "backup"):
        pass


def test_a_reused_pid_is_not_mistaken_for_the_old_run(tmp_path):
    other = subprocess.Popen(["sleep", "600"])
    try:
        killed_holder(tmp_path, other.pid)
        path = os.path.join(str(tmp_path), "locks", "backup.lock")
        record = lk.read_record(path)
        assert record["runner_pid"] == other.pid
        record["runner_start"] -= 1000  # same PID number, another process (started at another time)
        lk.write_record(path, record)
        with lk.ActivityLock(str(tmp_path), "backup"):
            pass
    finally:
        other.kill()
        other.wait()


def test_sigterm_of_a_waiting_call_is_turned_into_a_stop_request():
    stop = rn.StopRequest()
    before = signal.getsignal(signal.SIGTERM)  # the test session's own handler (tests/conftest.py)
    with stop.installed():
        os.kill(os.getpid(), signal.SIGTERM)
        deadline = time.monotonic() + 5
        while stop.signum is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert stop.signum == signal.SIGTERM and stop.name == "SIGTERM"
    assert signal.getsignal(signal.SIGTERM) is before
