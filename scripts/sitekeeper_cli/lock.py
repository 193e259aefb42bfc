"""One run of an activity at a time: a non-blocking lock file per activity.

`sitekeeper run ACTIVITY` takes DATA_DIR/locks/ACTIVITY.lock with flock(2) before
it starts Ansible. A second run of the same activity (a slow nightly backup
still going when cron starts the next one, or an admin starting it by hand)
finds the lock held and stops at once with one clear line, instead of two runs
writing the same archives. The kernel drops the lock when the holder exits,
even if it is killed, so a crash never leaves a stale lock behind.
"""

from __future__ import annotations

import datetime
import fcntl
import os


class LockBusy(Exception):
    """Another run holds the lock; the message names it."""


class ActivityLock:
    def __init__(self, data_dir: str, name: str):
        self.path = os.path.join(data_dir, "locks", "%s.lock" % name)
        self.name = name
        self._fd = None

    def acquire(self) -> ActivityLock:
        os.makedirs(os.path.dirname(self.path), mode=0o700, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "unknown process"
            os.close(fd)
            raise LockBusy("another %s run is still going (%s); this one is skipped" % (self.name, holder)) from None
        os.ftruncate(fd, 0)
        now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        os.write(fd, ("pid %d since %s" % (os.getpid(), now)).encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()
