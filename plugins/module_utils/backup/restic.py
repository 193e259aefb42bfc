# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The optional restic engine: deduplicated, encrypted, incremental snapshots of the site folders.

The set folder (manifest, label, database dumps) is still written and verified
exactly as for the archive engine; the site folders and the configuration go
into a restic repository instead of tar files, one snapshot per site. The
password travels only in a 0600 RESTIC_PASSWORD_FILE inside a 0700 temporary
folder, removed afterwards.

One restic process per site and run (each restic start derives the key with
scrypt, about half a second): snapshot id, file counts and sizes come from
``restic backup --json``'s summary. Verification needs no second restic
process: a local repository's files are content-addressed (each data pack,
index and snapshot file is named by the sha256 of its bytes), so every file
this run added is hashed and compared with its name, and the snapshot named in
the summary must be among them.

That alone misses damage to what an incremental snapshot shares with earlier
ones: a pack written by an older run can rot later, and today's snapshot still
depends on it. So every run also hashes every content-addressed file of a
local repository (``damaged_files``; cost: the whole repository is read once
per run at disk speed, sha256 only, no restic process and no decryption). A
damaged pack fails the verification of every snapshot that uses it (``restic
find --pack``), and the newest undamaged snapshot of the site is named. A
remote repository cannot be hashed here: there ``site_backup_restic_check``
runs ``restic check --read-data`` (downloads and decrypts the whole
repository; schedule it accordingly). On a local repository
``site_backup_restic_check`` adds ``restic check`` (structure: every tree of
every snapshot read and decoded); the data was already read by the hashing.

Standard library only: this runs on the web host.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile

from ansible_collections.sitekeeper.website.plugins.module_utils.backup.common import (
    BackupError,
    _first_line,
    sha256_file,
)

# The content-addressed folders of a restic repository (file name = sha256 of the file's bytes).
ADDRESSED = ("data", "index", "snapshots")


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

    def local_path(self):
        """The folder of a local repository (None for a remote one)."""
        if not self.is_local():
            return None
        return self.repository[len("local:"):] if self.repository.startswith("local:") else self.repository

    def repository_files(self):
        """Relative paths of the content-addressed files of a local repository (empty set when remote)."""
        base = self.local_path()
        found = set()
        if base is None:
            return found
        for top in ADDRESSED:
            for root, _dirs, files in os.walk(os.path.join(base, top)):
                rel = os.path.relpath(root, base)
                found.update(os.path.join(rel, name) for name in files)
        return found

    def ensure_repository(self):
        """Create the repository when missing (a local one is checked without calling restic)."""
        if self.is_local():
            path = self.local_path()
            if os.path.isfile(os.path.join(path, "config")):
                return False
        elif self.run(["cat", "config"], check=False).returncode == 0:
            return False
        self.run(["init"])
        return True

    def backup(self, paths, host, tags, excludes=()):
        """One ``restic backup --json``; its summary plus ``written``: the repository files it added (local)."""
        before = self.repository_files()
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
        if not summary.get("snapshot_id"):
            raise BackupError("restic backup printed no snapshot id")
        summary["written"] = sorted(self.repository_files() - before) if self.is_local() else None
        return summary

    def verify_written(self, snapshot_id, written):
        """Check the files one backup added to a local repository against their content addresses.

        Returns (checksums {relative path: sha256}, problems). Every file must
        hash to its own name, and the snapshot file named by ``snapshot_id``
        must be among them. For a remote repository (``written`` None) restic's
        exit status is the proof and nothing is read back here.
        """
        if written is None:
            return {}, []
        base = self.local_path()
        sums, problems = {}, []
        for rel in written:
            try:
                digest = sha256_file(os.path.join(base, rel))
            except OSError as exc:
                problems.append("restic repository file %s cannot be read: %s" % (rel, exc.strerror or exc))
                continue
            sums[rel] = digest
            if digest != os.path.basename(rel):
                problems.append("restic repository file %s does not match its checksum" % rel)
        snapshots = [r for r in written if r.startswith("snapshots" + os.sep)
                     and os.path.basename(r).startswith(snapshot_id or "?")]
        if not snapshots:
            problems.append("restic snapshot %s was not written to %s" % (snapshot_id, base))
        return sums, problems

    def damaged_files(self, known=None):
        """Relative paths of local repository files whose bytes no longer hash to their name (sorted).

        ``known`` maps files hashed already in this run to their sha256, so they
        are not read twice. Computed once per ``Restic`` (one backup run).
        Empty for a remote repository (see ``check``).
        """
        if getattr(self, "_damaged", None) is None:
            known = known or {}
            base = self.local_path()
            damaged = []
            for rel in sorted(self.repository_files()):
                try:
                    digest = known.get(rel) or sha256_file(os.path.join(base, rel))
                except OSError:
                    digest = None
                if digest != os.path.basename(rel):
                    damaged.append(rel)
            self._damaged = damaged
        return self._damaged

    def snapshots_using(self, packs):
        """Ids of the snapshots that use any of these packs' file content, or None when that cannot be told.

        The packs' blobs come from the repository index (the damaged pack itself
        may not even decrypt), the snapshots from ``restic find --blob``. None
        when a damaged file is not a data pack (an index or snapshot file), a
        pack holds trees (the snapshots' structure is then unreadable) or is in
        no index, or restic fails: then no snapshot can be trusted.
        """
        wanted = {os.path.basename(rel) for rel in packs}
        if any(not rel.startswith("data" + os.sep) for rel in packs):
            return None
        blobs, seen = [], set()
        listing = self.run(["list", "index"], check=False)
        for index_id in listing.stdout.split() if listing.returncode == 0 else []:
            proc = self.run(["cat", "index", index_id], check=False)
            try:
                index = json.loads(proc.stdout) if proc.returncode == 0 else {}
            except ValueError:
                return None
            for pack in index.get("packs") or []:
                if pack.get("id") in wanted:
                    seen.add(pack["id"])
                    for blob in pack.get("blobs") or []:
                        if blob.get("type") != "data":
                            return None
                        blobs.append(blob["id"])
        if seen != wanted:
            return None
        proc = self.run(["find", "--json", "--blob", *blobs], check=False)
        try:
            hits = json.loads(proc.stdout or "null") if proc.returncode == 0 else None
        except ValueError:
            hits = None
        if hits is None:
            return None
        return {hit.get("snapshot") for hit in hits if isinstance(hit, dict) and hit.get("snapshot")}

    def last_good_snapshot(self, tags, unusable):
        """The newest snapshot carrying all ``tags`` that is not in ``unusable`` ({"id", "time"} or None)."""
        proc = self.run(["snapshots", "--json", "--tag", ",".join(tags)], check=False)
        try:
            snaps = json.loads(proc.stdout or "[]") if proc.returncode == 0 else []
        except ValueError:
            snaps = []
        good = [s for s in snaps or [] if isinstance(s, dict) and s.get("id") and s["id"] not in unusable]
        if not good:
            return None
        newest = max(good, key=lambda s: s.get("time") or "")
        return {"id": newest["id"], "time": newest.get("time")}

    def check(self):
        """``restic check`` (local) or ``restic check --read-data`` (remote); a list of problems.

        A local repository's data is read by ``damaged_files`` in every run, so
        the structure check suffices there; a remote one is only read by restic.
        """
        args = ["check"] if self.is_local() else ["check", "--read-data"]
        proc = self.run(args, check=False)
        return [] if proc.returncode == 0 else ["restic %s failed: %s" % (
            " ".join(args), _first_line(proc.stderr or proc.stdout))]

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
