# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The optional restic engine: deduplicated, encrypted, incremental snapshots of the site folders.

The set folder (manifest, label, database dumps) is still written and verified
exactly as for the archive engine; the site folders and the configuration go
into a restic repository instead of tar files, one snapshot per site. The
password travels only in a 0600 RESTIC_PASSWORD_FILE inside a 0700 temporary
folder, removed afterwards. Verification reads the snapshot's tree back end to
end (``restic ls``) and checks the file count against what the backup
processed; ``restic check`` (structure) runs when asked.

Standard library only: this runs on the web host.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile

from ansible_collections.sitekeeper.website.plugins.module_utils.backup import BackupError, _first_line


class Restic:
    def __init__(self, repository, password, cache_dir=None, binary=None):
        if not repository:
            raise BackupError("the restic engine needs a repository (site_backup_restic_repository)")
        if not password:
            raise BackupError("the restic engine needs a repository password (site_backup_restic_password)")
        self.binary = binary or shutil.which("restic")
        if not self.binary:
            raise BackupError("restic is not installed on this host")
        self.repository = repository
        self._password = password
        self.cache_dir = cache_dir
        self._folder = None

    def __enter__(self):
        self._folder = tempfile.mkdtemp(prefix="sk-restic-")
        os.chmod(self._folder, 0o700)
        path = os.path.join(self._folder, "password")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(self._password)
        self.password_file = path
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self._folder, ignore_errors=True)

    def env(self):
        env = {k: v for k, v in os.environ.items() if k not in ("RESTIC_PASSWORD", "RESTIC_PASSWORD_COMMAND")}
        env["RESTIC_REPOSITORY"] = self.repository
        env["RESTIC_PASSWORD_FILE"] = self.password_file
        if self.cache_dir:
            env["RESTIC_CACHE_DIR"] = self.cache_dir
        return env

    def run(self, args, timeout=None, check=True):
        proc = subprocess.run([self.binary, *args], capture_output=True, text=True, env=self.env(),
                              timeout=timeout, check=False)
        if check and proc.returncode != 0:
            raise BackupError("restic %s failed: %s" % (args[0], _first_line(proc.stderr) or "exit %s" % proc.returncode))
        return proc

    def is_local(self):
        return ":" not in self.repository.split("/", 1)[0] or self.repository.startswith("local:")

    def ensure_repository(self):
        """Create the repository when missing (a local one is checked without calling restic)."""
        if self.is_local():
            path = self.repository[len("local:"):] if self.repository.startswith("local:") else self.repository
            if os.path.isfile(os.path.join(path, "config")):
                return False
        elif self.run(["cat", "config"], check=False).returncode == 0:
            return False
        self.run(["init"])
        return True

    def backup(self, paths, host, tags, excludes=()):
        args = ["backup", "--json", "--host", host]
        for tag in tags:
            args += ["--tag", tag]
        for pattern in excludes:
            args += ["--exclude", pattern]
        proc = self.run(args + ["--"] + list(paths))
        summary = None
        for line in proc.stdout.splitlines():
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if msg.get("message_type") == "summary":
                summary = msg
        if not summary:
            raise BackupError("restic backup printed no summary")
        return summary

    def verify_snapshot(self, snapshot_id, expected_files):
        """Read the snapshot's whole tree back; return a list of problems."""
        proc = self.run(["ls", "--json", snapshot_id], check=False)
        if proc.returncode != 0:
            return ["restic cannot read snapshot %s: %s" % (snapshot_id, _first_line(proc.stderr))]
        files = 0
        for line in proc.stdout.splitlines():
            try:
                node = json.loads(line)
            except ValueError:
                continue
            if node.get("struct_type") == "node" and node.get("type") == "file":
                files += 1
        if expected_files is not None and files != expected_files:
            return ["restic snapshot %s lists %d files, %d were backed up" % (snapshot_id, files, expected_files)]
        return []

    def check(self):
        proc = self.run(["check"], check=False)
        return [] if proc.returncode == 0 else ["restic check failed: %s" % _first_line(proc.stderr or proc.stdout)]

    def forget(self, snapshot_ids, prune=False):
        if not snapshot_ids:
            return
        args = ["forget", *snapshot_ids]
        if prune:
            args.append("--prune")
        self.run(args)

    def restore(self, snapshot_id, target, include=None):
        args = ["restore", snapshot_id, "--target", target]
        if include:
            args += ["--include", include]
        self.run(args)


def restic_excludes(base, patterns):
    """Translate tar-style exclude patterns of a site folder to restic patterns."""
    out = []
    for pattern in patterns or []:
        if pattern.startswith("./"):
            out.append(os.path.join(base, pattern[2:]))
        else:
            out.append(pattern)
    return out


PENDING = ".sitekeeper-restic-forget.json"


def schedule_forget(dest, snapshot_ids, restic_factory, interval_hours=24, prune_days=7, now=None):
    """Forget the snapshots of pruned sets in one batch at most once per ``interval_hours``.

    The local sets decide the retention; their snapshots are queued in the
    destination and forgotten together (and the repository pruned at most every
    ``prune_days``), so a normal run costs no extra restic call. Returns the ids
    forgotten now.
    """
    import datetime

    now = now or datetime.datetime.now(datetime.timezone.utc)
    path = os.path.join(dest, PENDING)
    try:
        with open(path, encoding="utf-8") as handle:
            state = json.load(handle)
    except (OSError, ValueError):
        state = {}
    pending = sorted(set(state.get("pending", [])) | {s for s in snapshot_ids if s})
    state["pending"] = pending
    last = state.get("last_forget")
    if last is None:
        state["last_forget"] = now.isoformat()  # start the clock; the first batch runs a day later
    forgotten = []
    if pending and last is not None:
        last_time = datetime.datetime.fromisoformat(last)
        if now - last_time >= datetime.timedelta(hours=interval_hours):
            last_prune = state.get("last_prune")
            prune = last_prune is None or now - datetime.datetime.fromisoformat(last_prune) >= datetime.timedelta(
                days=prune_days)
            with restic_factory() as restic:
                restic.forget(pending, prune=prune)
            forgotten = pending
            state.update({"pending": [], "last_forget": now.isoformat()})
            if prune:
                state["last_prune"] = now.isoformat()
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(state, handle)
    os.rename(tmp, path)
    return forgotten
