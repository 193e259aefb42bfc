# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Verified website backups (SOP activity 2): the archive set, the ADK.

One archive set per host per run is a folder ``<host>-<UTC time>`` in the
destination holding one compressed tar per site folder, one per configuration
set, one dump per database, ``manifest.json``, ``SHA256SUMS`` and a
human-readable ADK label. It is built under ``<name>.partial``, verified, and
only then renamed: a killed or failed run never leaves a folder that looks
complete, and older sets are never touched by a failing run.

Written by hand (not community.general.archive / community.mysql.mysql_db)
because the backup must be fast and proven in one pass: GNU tar streams into
``zstd -T0`` (or pigz, or gzip) and this module hashes the compressed stream
while it writes it; database dumps stream the same way; credentials go only
through a 0600 defaults file / PGPASSFILE in a 0700 folder, removed afterwards.
Standard library only: this runs on the web host.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import fcntl
import hashlib
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import tempfile

CHUNK = 4 * 1024 * 1024
SET_RE = re.compile(r"^(?P<host>[A-Za-z0-9._-]+)-(?P<stamp>\d{8}T\d{6}Z)$")
PARTIAL_SUFFIX = ".partial"
FAILED_SUFFIX = ".failed"
LOCK_NAME = ".sitekeeper-backup.lock"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
LABEL = "LABEL-ADK.txt"
MANIFEST_VERSION = 1
DB_NAME_RE = re.compile(r"^[A-Za-z0-9_$-]{1,64}$")
# A site's name is checked by findings.site_name_problem (the one rule for every role).
# Patterns that keep TLS private keys out of a configuration archive unless the
# user explicitly asks for them.
TLS_KEY_EXCLUDES = ["*.key", "*privkey*.pem", "*/private/*", "*/ssl/private", "*/letsencrypt/archive", "*/letsencrypt/keys"]

COMPRESSORS = {
    "zstd": {"ext": "zst", "compress": ["zstd", "-q", "-c", "-T0"], "decompress": ["zstd", "-q", "-d", "-c"]},
    "pigz": {"ext": "gz", "compress": ["pigz", "-c"], "decompress": ["pigz", "-d", "-c"]},
    "gzip": {"ext": "gz", "compress": ["gzip", "-c"], "decompress": ["gzip", "-d", "-c"]},
}
EXT_TO_DECOMPRESSOR = {"zst": "zstd", "gz": "gzip"}


class BackupError(Exception):
    """A backup step failed; the message is one line a person can act on."""


# --------------------------------------------------------------------------- tools


def find_tool(names, extra_dirs=()):
    """The first of ``names`` found on PATH or in ``extra_dirs``; None if none."""
    for name in names:
        for folder in extra_dirs:
            candidate = os.path.join(folder, name)
            if os.access(candidate, os.X_OK):
                return candidate
        found = shutil.which(name)
        if found:
            return found
    return None


def pg_bin_dirs(explicit=None):
    """Folders holding PostgreSQL client programs, newest version first."""
    dirs = [explicit] if explicit else []
    base = "/usr/lib/postgresql"
    if os.path.isdir(base):
        versions = sorted((v for v in os.listdir(base) if v.isdigit()), key=int, reverse=True)
        dirs.extend(os.path.join(base, v, "bin") for v in versions)
    return dirs


def choose_compressor(preference="auto", level=None):
    """Pick zstd, then pigz, then gzip (or the one asked for) and build its commands."""
    order = ["zstd", "pigz", "gzip"] if preference == "auto" else [preference]
    for name in order:
        if shutil.which(name):
            spec = dict(COMPRESSORS[name])
            spec["name"] = name
            spec["compress"] = list(spec["compress"])
            if level is not None:
                spec["compress"].append("-%d" % int(level))
            return spec
    raise BackupError("no compressor found: install zstd (preferred), pigz or gzip (asked for %s)" % preference)


def decompressor_for(path):
    ext = path.rsplit(".", 1)[-1]
    name = EXT_TO_DECOMPRESSOR.get(ext)
    if name is None:
        raise BackupError("unknown archive type: %s" % os.path.basename(path))
    if name == "gzip" and shutil.which("pigz"):
        name = "pigz"
    if not shutil.which(name):
        raise BackupError("%s is needed to read %s but is not installed" % (name, os.path.basename(path)))
    return list(COMPRESSORS[name]["decompress"])


def tool_version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    text = (out.stdout or out.stderr or "").strip().splitlines()
    return text[0][:200] if text else None


# --------------------------------------------------------------------------- streaming


def _drain(fd_reader, out_path):
    """Copy a pipe to ``out_path`` while hashing it; return (bytes, sha256)."""
    digest = hashlib.sha256()
    size = 0
    fd = fd_reader.fileno()
    with open(out_path, "wb") as out:
        while True:
            chunk = os.read(fd, CHUNK)
            if not chunk:
                break
            out.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        out.flush()
        os.fsync(out.fileno())
    return size, digest.hexdigest()


def _kill_all(procs):
    for proc in procs:
        if proc.poll() is None:
            with contextlib.suppress(OSError):
                proc.kill()
    for proc in procs:
        with contextlib.suppress(Exception):
            proc.wait(timeout=10)


def _first_line(text, limit=300):
    for line in (text or "").splitlines():
        line = line.strip()
        if line:
            return line[:limit]
    return ""


def run_pipeline(cmds, out_path, env=None, stdin_path=None):
    """Run ``cmds`` as a shell-free pipeline whose last stdout is written to ``out_path``.

    Returns (bytes, sha256, [(rc, stderr_text), ...]). Raises BackupError on a
    full destination; the caller judges return codes.
    """
    procs = []
    errs = []
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL  # noqa: SIM115
    try:
        prev = stdin
        for cmd in cmds:
            err = tempfile.TemporaryFile()  # noqa: SIM115
            errs.append(err)
            proc = subprocess.Popen(cmd, stdin=prev, stdout=subprocess.PIPE, stderr=err, env=env)
            if procs:
                procs[-1].stdout.close()
            procs.append(proc)
            prev = proc.stdout
        try:
            size, sha = _drain(procs[-1].stdout, out_path)
        except OSError as exc:
            _kill_all(procs)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise BackupError("destination full: no space left on the device holding %s" % os.path.dirname(out_path)) from exc
            raise BackupError("cannot write %s: %s" % (out_path, exc.strerror or exc)) from exc
        procs[-1].stdout.close()
        results = []
        for proc, err in zip(procs, errs):
            proc.wait()
            err.seek(0)
            results.append((proc.returncode, err.read(64 * 1024).decode("utf-8", "replace")))
        return size, sha, results
    finally:
        _kill_all(procs)
        for err in errs:
            err.close()
        if stdin_path:
            stdin.close()


def feed_pipeline(src_path, cmds, stdout_path=None, env=None):
    """Stream ``src_path`` into ``cmds`` while hashing it (one read of the file).

    Returns (sha256 of the file, [(rc, stderr_text)]). The last command's stdout
    goes to ``stdout_path`` (or is discarded).
    """
    procs = []
    errs = []
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL  # noqa: SIM115
    digest = hashlib.sha256()
    try:
        prev = subprocess.PIPE
        for i, cmd in enumerate(cmds):
            err = tempfile.TemporaryFile()  # noqa: SIM115
            errs.append(err)
            last = i == len(cmds) - 1
            proc = subprocess.Popen(cmd, stdin=prev, stdout=out if last else subprocess.PIPE, stderr=err, env=env)
            if procs:
                procs[-1].stdout.close()
            procs.append(proc)
            prev = proc.stdout
        sink = procs[0].stdin
        broken = False
        with open(src_path, "rb") as src:
            fd = src.fileno()
            while True:
                chunk = os.read(fd, CHUNK)
                if not chunk:
                    break
                digest.update(chunk)
                if not broken:
                    try:
                        sink.write(chunk)
                    except BrokenPipeError:
                        broken = True
        with contextlib.suppress(BrokenPipeError):
            sink.close()
        results = []
        for proc, err in zip(procs, errs):
            proc.wait()
            err.seek(0)
            results.append((proc.returncode, err.read(64 * 1024).decode("utf-8", "replace")))
        return digest.hexdigest(), results
    finally:
        _kill_all(procs)
        for err in errs:
            err.close()
        if stdout_path:
            out.close()


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        fd = handle.fileno()
        while True:
            chunk = os.read(fd, CHUNK)
            if not chunk:
                break
            digest.update(chunk)
    return digest.hexdigest()


# --------------------------------------------------------------------------- file archives


def parse_index(path):
    """Count entries, regular files and their bytes from a GNU tar verbose index."""
    entries = files = total = 0
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.strip():
                continue
            entries += 1
            parts = line.split(None, 5)
            if line[0] == "-" and len(parts) > 2:
                files += 1
                with contextlib.suppress(ValueError):
                    total += int(parts[2])
    return entries, files, total


def tar_command(base, members, excludes, index_path):
    cmd = [
        "tar",
        "--create",
        "--file=-",
        "--verbose",
        "--verbose",
        "--index-file=%s" % index_path,
        "--numeric-owner",
        "--warning=no-file-changed",
    ]
    cmd.extend("--exclude=%s" % pattern for pattern in excludes)
    cmd.extend(["--directory", base, "--"])
    cmd.extend(members)
    return cmd


def archive_folder(base, members, excludes, out_path, compressor, workdir):
    """tar ``members`` of ``base`` into ``out_path`` (compressed, hashed while written)."""
    index_path = os.path.join(workdir, os.path.basename(out_path) + ".index")
    cmds = [tar_command(base, members, excludes, index_path), compressor["compress"]]
    size, sha, results = run_pipeline(cmds, out_path)
    (tar_rc, tar_err), (comp_rc, comp_err) = results
    warnings = []
    if tar_rc == 1:
        warnings.append("files changed while being read: %s" % _first_line(tar_err))
    elif tar_rc != 0:
        raise BackupError("tar failed on %s: %s" % (base, _first_line(tar_err) or "exit %s" % tar_rc))
    if comp_rc != 0:
        raise BackupError("%s failed: %s" % (compressor["name"], _first_line(comp_err) or "exit %s" % comp_rc))
    entries, files, total = parse_index(index_path)
    with contextlib.suppress(OSError):
        os.unlink(index_path)
    return {
        "bytes": size,
        "sha256": sha,
        "entries": entries,
        "files": files,
        "source_bytes": total,
        "warnings": warnings,
    }


def verify_file_archive(path, expected_sha, expected_entries=None):
    """Checksum and read the listing end to end in one pass; return a list of problems."""
    problems = []
    try:
        cmds = [decompressor_for(path), ["tar", "--list", "--file=-"]]
    except BackupError as exc:
        return [str(exc)]
    with tempfile.NamedTemporaryFile(prefix="sk-list-") as listing:
        try:
            sha, results = feed_pipeline(path, cmds, stdout_path=listing.name)
        except OSError as exc:
            return ["cannot read %s: %s" % (os.path.basename(path), exc.strerror or exc)]
        if sha != expected_sha:
            problems.append("checksum mismatch for %s" % os.path.basename(path))
        for (rc, err), cmd in zip(results, cmds):
            if rc != 0:
                problems.append("%s cannot read %s: %s" % (cmd[0], os.path.basename(path), _first_line(err) or "exit %s" % rc))
        if expected_entries is not None and not problems:
            with open(listing.name, "rb") as handle:
                count = sum(1 for line in handle if line.strip())
            if count != expected_entries:
                problems.append(
                    "%s lists %d entries, %d were written" % (os.path.basename(path), count, expected_entries)
                )
    return problems


def verify_set(set_dir, manifest=None, listing=True):
    """Re-check an existing set against its manifest (sha256 of every archive; full tar listing).

    Database dumps are checked by checksum only here (their restore test runs
    when they are made). Returns a list of problems (empty when sound).
    """
    manifest = manifest or read_manifest(set_dir)
    if manifest is None:
        return ["%s has no readable manifest" % os.path.basename(set_dir)]
    problems = []
    for item in manifest.get("contents", []):
        if not item.get("file"):
            continue  # kept in a restic repository, verified when made
        path = os.path.join(set_dir, item["file"])
        if not os.path.isfile(path):
            problems.append("%s is missing" % item["file"])
        elif item["kind"] in ("files", "config") and listing:
            problems.extend(verify_file_archive(path, item["sha256"], item.get("entries")))
        elif sha256_file(path) != item["sha256"]:
            problems.append("checksum mismatch for %s" % item["file"])
    return problems


def mark_damaged(set_dir, problems):
    """Record in a set's manifest that it no longer verifies (it stops counting as a good backup)."""
    manifest = read_manifest(set_dir) or {}
    verification = manifest.setdefault("verification", {})
    verification.update({"status": "damaged", "problems": problems[:50], "damaged_at": utc_stamp()})
    tmp = os.path.join(set_dir, MANIFEST + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=2, sort_keys=True)
    os.rename(tmp, os.path.join(set_dir, MANIFEST))


def utc_stamp():
    return now_utc().strftime("%Y-%m-%dT%H:%M:%SZ")


# --------------------------------------------------------------------------- sets and retention


def set_name(host, when):
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", host) or "host"
    return "%s-%s" % (safe, when.strftime("%Y%m%dT%H%M%SZ"))


def parse_set_time(name):
    match = SET_RE.match(name)
    if not match:
        return None
    return datetime.datetime.strptime(match.group("stamp"), "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)


def read_manifest(set_dir):
    try:
        with open(os.path.join(set_dir, MANIFEST), encoding="utf-8") as handle:
            manifest = json.load(handle)
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def list_sets(dest, host=None):
    """Complete sets in ``dest`` (newest first): {name, path, time, verified, manifest}.

    Partial and failed folders are never listed; a set counts as verified only
    when its manifest says so.
    """
    sets = []
    try:
        names = os.listdir(dest)
    except OSError:
        return sets
    safe_host = re.sub(r"[^A-Za-z0-9._-]", "_", host) if host else None
    for name in names:
        when = parse_set_time(name)
        path = os.path.join(dest, name)
        if when is None or not os.path.isdir(path):
            continue
        if safe_host and SET_RE.match(name).group("host") != safe_host:
            continue
        manifest = read_manifest(path)
        verified = bool(manifest and manifest.get("verification", {}).get("status") == "ok")
        sets.append({"name": name, "path": path, "time": when, "verified": verified, "manifest": manifest})
    sets.sort(key=lambda s: s["time"], reverse=True)
    return sets


def retention_plan(sets, daily=7, weekly=4, monthly=12):
    """Split sets into (keep, prune) by keep-N daily/weekly/monthly.

    Only verified sets are ever pruned; the newest verified set, and the newest
    verified set holding each site complete (when manifests are known), are
    always kept; unverified complete sets are left alone (a person should look
    at them).
    """
    verified = sorted((s for s in sets if s["verified"]), key=lambda s: s["time"], reverse=True)
    keep = set()
    if verified:
        keep.add(verified[0]["name"])
    # Also the newest verified set holding each site complete (a newer set may lack a site that failed).
    complete_seen = set()
    for item in verified:
        for site, info in (((item.get("manifest") or {}).get("sites")) or {}).items():
            if (info or {}).get("complete") and site not in complete_seen:
                complete_seen.add(site)
                keep.add(item["name"])
    for count, key in (
        (daily, lambda t: t.strftime("%Y-%m-%d")),
        (weekly, lambda t: "%d-W%02d" % t.isocalendar()[:2]),
        (monthly, lambda t: t.strftime("%Y-%m")),
    ):
        seen = []
        for item in verified:
            bucket = key(item["time"])
            if bucket in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(bucket)
            keep.add(item["name"])
    kept = [s for s in sets if s["name"] in keep or not s["verified"]]
    pruned = [s for s in verified if s["name"] not in keep]
    return kept, pruned


@contextlib.contextmanager
def destination_lock(dest):
    """Hold an exclusive lock on a destination for the whole run."""
    path = os.path.join(dest, LOCK_NAME)
    handle = open(path, "a")  # noqa: SIM115
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise BackupError("another backup is running into %s" % dest) from exc
        yield
    finally:
        handle.close()


def clean_stale(dest):
    """Remove leftovers of killed runs (``*.partial``); call only while holding the lock."""
    removed = []
    for name in os.listdir(dest):
        if name.endswith(PARTIAL_SUFFIX) and SET_RE.match(name[: -len(PARTIAL_SUFFIX)]):
            shutil.rmtree(os.path.join(dest, name), ignore_errors=True)
            removed.append(name)
    return removed


def prune(dest, host, retention, dry_run=False):
    sets = list_sets(dest, host)
    _kept, pruned = retention_plan(sets, **retention)
    removed = []
    for item in pruned:
        if not dry_run:
            shutil.rmtree(item["path"])
        removed.append(item["name"])
    newest_ok = next((s["time"] for s in sets if s["verified"]), None)
    # Failed sets older than the newest verified one are no longer useful evidence.
    if newest_ok is not None and not dry_run:
        for name in os.listdir(dest):
            if name.endswith(FAILED_SUFFIX):
                when = parse_set_time(name[: -len(FAILED_SUFFIX)])
                if when is not None and when < newest_ok:
                    shutil.rmtree(os.path.join(dest, name), ignore_errors=True)
                    removed.append(name)
    return removed


# --------------------------------------------------------------------------- copies to other destinations


def copy_set(set_dir, dest, manifest):
    """Copy a verified set to another folder (temp name, checksums, rename)."""
    name = os.path.basename(set_dir)
    final = os.path.join(dest, name)
    if os.path.isdir(final):
        return {"path": final, "copied": False}
    partial = final + PARTIAL_SUFFIX
    shutil.rmtree(partial, ignore_errors=True)
    os.makedirs(partial, mode=0o700)
    try:
        for entry in sorted(os.listdir(set_dir)):
            src = os.path.join(set_dir, entry)
            dst = os.path.join(partial, entry)
            digest = hashlib.sha256()
            with open(src, "rb") as fin, open(dst, "wb") as fout:
                while True:
                    chunk = fin.read(CHUNK)
                    if not chunk:
                        break
                    fout.write(chunk)
                    digest.update(chunk)
                fout.flush()
                os.fsync(fout.fileno())
            expected = manifest["checksums"].get(entry)
            if expected and sha256_file(dst) != expected:
                raise BackupError("copy of %s to %s does not match its checksum" % (entry, dest))
        os.rename(partial, final)
        fsync_dir(dest)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise BackupError("destination full: no space left on %s" % dest) from exc
        raise BackupError("cannot copy the backup to %s: %s" % (dest, exc.strerror or exc)) from exc
    except BackupError:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return {"path": final, "copied": True}


def _split_target(target):
    if ":" not in target:
        raise BackupError("rsync target must look like user@host:/folder, got %r" % target)
    remote, folder = target.split(":", 1)
    if not remote or not folder:
        raise BackupError("rsync target must look like user@host:/folder, got %r" % target)
    return remote, folder.rstrip("/") or "/"


def _ssh_argv(ssh_command):
    return shlex.split(ssh_command or "ssh -o BatchMode=yes")


def remote_run(target, ssh_command, script, timeout=600):
    """Run a POSIX shell ``script`` on the backup host of ``target`` over SSH; return its stdout."""
    remote, _folder = _split_target(target)
    proc = subprocess.run(_ssh_argv(ssh_command) + [remote, script], capture_output=True, text=True,
                          timeout=timeout, check=False)
    if proc.returncode != 0:
        raise BackupError("command on %s failed: %s" % (remote, _first_line(proc.stderr) or "exit %s" % proc.returncode))
    return proc.stdout


def rsync_set(set_dir, target, ssh_command=None, timeout=3600):
    """Copy a set to ``user@host:/folder`` with rsync over SSH (temp name, remote check, then rename).

    rsync writes into ``<set>.partial``; then, in one SSH command on the backup
    host, ``sha256sum -c SHA256SUMS`` checks every archive of the copy and only
    then is it renamed to the set's name. So on a backup host a set under its
    final name is a complete copy that verified there.
    """
    remote, folder = _split_target(target)
    name = os.path.basename(set_dir)
    ssh = ssh_command or "ssh -o BatchMode=yes"
    partial = "%s/%s%s" % (folder, name, PARTIAL_SUFFIX)
    cmd = ["rsync", "-a", "-e", ssh, set_dir + "/", "%s:%s/" % (remote, partial)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if proc.returncode != 0:
        raise BackupError("rsync to %s failed: %s" % (target, _first_line(proc.stderr) or "exit %s" % proc.returncode))
    final = "%s/%s" % (folder, name)
    sums = os.path.join(set_dir, SUMS)
    has_sums = os.path.isfile(sums) and os.path.getsize(sums) > 0  # a restic-engine set may hold no archive
    check = "cd %s" % shlex.quote(partial) + (" && sha256sum --quiet --strict -c %s" % SUMS if has_sums else "")
    try:
        remote_run(target, ssh, "%s && mv -T -- %s %s" % (check, shlex.quote(partial), shlex.quote(final)),
                   timeout=timeout)
    except BackupError as exc:
        raise BackupError("the copy on %s did not verify, left as %s%s: %s"
                          % (remote, name, PARTIAL_SUFFIX, str(exc).split(": ", 1)[-1])) from exc
    return {"path": "%s:%s" % (remote, final), "copied": True}


def prune_remote(target, host, retention, ssh_command=None, keep=(), dry_run=False):
    """Apply the retention to the sets of ``host`` on a backup host (one SSH call to list, one to remove).

    Every set there under its final name verified on arrival (see rsync_set),
    so all count as verified; the newest always stays, so do the names in
    ``keep``, and other hosts' sets are never touched. Leftover ``.partial``
    copies of ``host`` (killed runs) are removed too. Returns the removed names.
    """
    _remote, folder = _split_target(target)
    listing = remote_run(target, ssh_command, "ls -1A -- %s" % shlex.quote(folder), timeout=120)
    safe_host = re.sub(r"[^A-Za-z0-9._-]", "_", host)
    sets, stale = [], []
    for name in listing.splitlines():
        base = name[: -len(PARTIAL_SUFFIX)] if name.endswith(PARTIAL_SUFFIX) else name
        match = SET_RE.match(base)
        if not match or match.group("host") != safe_host:
            continue
        if name.endswith(PARTIAL_SUFFIX):
            stale.append(name)
        else:
            sets.append({"name": name, "time": parse_set_time(name), "verified": True})
    sets.sort(key=lambda s: s["time"], reverse=True)
    _kept, pruned = retention_plan(sets, **retention)
    removed = [s["name"] for s in pruned if s["name"] not in keep] + stale
    if removed and not dry_run:
        paths = " ".join(shlex.quote("%s/%s" % (folder, name)) for name in removed)
        remote_run(target, ssh_command, "rm -rf -- %s" % paths)
    return removed


def fsync_dir(path):
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --------------------------------------------------------------------------- label


def human_bytes(n):
    value = float(n)
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if value < 1024 or unit == "TB":
            return ("%d %s" % (value, unit)) if unit == "B" else ("%.1f %s" % (value, unit))
        value /= 1024.0
    return "%d B" % n


def render_label(manifest, tz_offset_hours=7, tz_name="WIB"):
    """The ADK label (Indonesian first, then English) for the archive register."""
    created = datetime.datetime.strptime(manifest["created_at"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc
    )
    local = created + datetime.timedelta(hours=tz_offset_hours)
    ver = manifest.get("verification", {}).get("status", "unknown")
    ver_id = {"ok": "TERVERIFIKASI", "failed": "GAGAL VERIFIKASI"}.get(ver, "BELUM DIVERIFIKASI")
    ver_en = {"ok": "VERIFIED", "failed": "VERIFICATION FAILED"}.get(ver, "NOT VERIFIED")
    lines = [
        "ARSIP DATA KOMPUTER (ADK) - CADANGAN SITUS WEB",
        "COMPUTER DATA ARCHIVE (ADK) - WEBSITE BACKUP",
        "=" * 60,
        "Instansi / Court      : %s" % (manifest.get("court_name") or "-"),
        "Server / Host         : %s" % manifest["host"],
        "Nama arsip / Archive  : %s" % manifest["name"],
        "Tanggal / Date        : %s %s (%s UTC)"
        % (local.strftime("%d-%m-%Y %H:%M"), tz_name, created.strftime("%Y-%m-%d %H:%M")),
        "Petugas / Operator    : %s" % (manifest.get("operator") or "-"),
        "Status                : %s / %s" % (ver_id, ver_en),
        "Ukuran / Size         : %s" % human_bytes(manifest.get("total_bytes", 0)),
        "",
        "Isi / Contents:",
    ]
    for item in manifest.get("contents", []):
        kind = {"files": "Berkas situs / Site files", "config": "Konfigurasi / Configuration",
                "database": "Basis data / Database"}.get(item["kind"], item["kind"])
        where = ("%s, sha256 %s..." % (item["file"], item["sha256"][:16])) if item.get("file") else (
            "restic snapshot %s" % (item.get("snapshot_id") or "?")[:8])
        lines.append(
            "  - %s: %s%s  [%s]"
            % (kind, item.get("site") or "", (" " + item["source"]) if item.get("source") else "", where)
        )
    if manifest.get("problems"):
        lines.append("")
        lines.append("Catatan / Notes:")
        lines.extend("  - %s" % p for p in manifest["problems"][:20])
    lines += [
        "",
        "Periksa keutuhan / Check integrity:  sha256sum -c %s" % SUMS,
        "Pulihkan / Restore:  ansible-playbook playbooks/restore.yml (lihat/see docs/backup.md)",
    ]
    return "\n".join(lines) + "\n"


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def default_operator():
    for key in ("SITEKEEPER_OPERATOR", "SUDO_USER", "USER", "LOGNAME"):
        if os.environ.get(key):
            return os.environ[key]
    return "unknown"


def hostname():
    return socket.gethostname()
