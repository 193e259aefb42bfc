"""One run of an activity at a time: a non-blocking lock file per activity.

`sitekeeper run ACTIVITY` takes DATA_DIR/locks/ACTIVITY.lock with flock(2) before
it starts Ansible. A second run of the same activity (a slow nightly backup
still going when cron starts the next one, or an admin starting it by hand)
finds the lock held and stops at once with one clear line, instead of two runs
writing the same archives.

The kernel drops the flock when the CLI exits, even when it is killed. But a
`kill -9` of the CLI cannot stop the ansible-playbook it started (that runs in
its own session under ansible-runner's pty) and the playbook goes on. So the
lock file also records its owner as PID + start time, for the CLI and, once it
runs, for its ansible-playbook. A later run that gets the flock still refuses to
start while that ansible-playbook lives; a PID that now belongs to another
process (another start time) or no process is stale and ignored. A record is
never trusted on the PID alone.
"""

from __future__ import annotations

import datetime
import fcntl
import json
import os

_CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


class LockBusy(Exception):
    """Another run holds the lock; the message names it."""


def proc_stat(pid: int):
    """The fields of /proc/PID/stat after the command name (state first), or None when the process is
    gone or a zombie (it has ended; only its parent has not collected it yet)."""
    try:
        with open("/proc/%d/stat" % pid) as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return None if fields[0] == "Z" else fields


def start_time(pid: int):
    """The process's start time (clock ticks since boot, /proc/PID/stat field 22), or None if it is gone."""
    fields = proc_stat(pid)
    try:
        return None if fields is None else int(fields[19])
    except (IndexError, ValueError):
        return None


def alive_as(pid, start) -> bool:
    """True when PID is still the very process that was recorded (same start time)."""
    return bool(pid) and start is not None and start_time(int(pid)) == start


def read_record(path: str) -> dict:
    try:
        with open(path) as handle:
            record = json.load(handle)
        return record if isinstance(record, dict) else {}
    except (OSError, ValueError):
        return {}


def write_record(path: str, record: dict) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, json.dumps(record).encode())
    finally:
        os.close(fd)


def _describe(record: dict) -> str:
    return "pid %s since %s" % (record.get("pid", "?"), record.get("since", "?"))


class ActivityLock:
    def __init__(self, data_dir: str, name: str):
        self.path = os.path.join(data_dir, "locks", "%s.lock" % name)
        self.name = name
        self._fd = None
        self.record = {}

    def acquire(self) -> ActivityLock:
        os.makedirs(os.path.dirname(self.path), mode=0o700, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise LockBusy("another %s run is still going (%s); this one is skipped"
                           % (self.name, _describe(read_record(self.path)) or "unknown process")) from None
        previous = read_record(self.path)
        if alive_as(previous.get("runner_pid"), previous.get("runner_start")):
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
            raise LockBusy(
                "another %s run is still going: its sitekeeper (pid %s) was killed, but its ansible-playbook pid %s "
                "is still running; this one is skipped (stop it with: kill -TERM -- -%s)"
                % (self.name, previous.get("pid", "?"), previous["runner_pid"], previous["runner_pid"]))
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.record = {"pid": os.getpid(), "start": start_time(os.getpid()), "since": now}
        self._fd = fd
        write_record(self.path, self.record)
        return self

    def note_runner(self, pid: int) -> None:
        """Record the ansible-playbook this run started (it may outlive a killed CLI)."""
        if self._fd is None or self.record.get("runner_pid") == pid:
            return
        self.record.update(runner_pid=pid, runner_start=start_time(pid))
        write_record(self.path, self.record)

    def release(self) -> None:
        if self._fd is not None:
            # The run ended normally (its playbook has ended): nothing of it is left to wait for.
            self.record.pop("runner_pid", None)
            self.record.pop("runner_start", None)
            write_record(self.path, self.record)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()
