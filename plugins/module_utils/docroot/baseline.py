# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The state file (incremental cache + kept baseline) and baselines read from a verified backup.

State file (JSON, written atomically, ``version`` 1)::

    {"version": 1, "engine": "<ENGINE>", "config": "<digest of the detection code>:<hash of the options and rules
                                                     that change verdicts>",
     "roots": {"<absolute root>": {
         "files": {"<relative path>": [size, mtime_ns, ctime_ns, inode, sha256, verdict-or-null]},
         "baseline": {"<relative path>": sha256},
         "baseline_source": "scan" | "archive:<path>", "baseline_at": "<UTC ISO time>"}}}

A file whose size, mtime, ctime and inode are unchanged is not read again: its
cached sha256 and verdict are used. A different config (scan.engine_digest(), scan._config_key()) empties the
cache (never the baseline).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile

VERSION = 1


class BaselineError(Exception):
    """The baseline archive cannot be read."""


def load_state(path):
    """The state dict (empty when absent); a damaged file is reported, never fatal."""
    if not path or not os.path.exists(path):
        return {"version": VERSION, "roots": {}}, None
    try:
        with open(path, encoding="utf-8") as handle:
            state = json.load(handle)
        if not isinstance(state, dict) or state.get("version") != VERSION or not isinstance(state.get("roots"), dict):
            raise ValueError("unknown format")
        return state, None
    except (OSError, ValueError) as exc:
        return {"version": VERSION, "roots": {}}, "state file %s unreadable (%s); starting afresh" % (path, exc)


# Items of a large dict (a tree's files) encoded together: json.dumps() runs in C, json.dump() in Python (three times
# slower on a tree of 9,000 files); a slice at a time, the text of half a million files is never in memory at once.
JSON_SLICE = 4096
_SEPARATORS = (",", ":")


def write_json(handle, value):
    """Write ``value`` as json.dump(value, handle, separators=(",", ":"), sort_keys=True) would, faster."""
    if not isinstance(value, dict):
        handle.write(json.dumps(value, separators=_SEPARATORS, sort_keys=True))
        return
    keys = sorted(value)
    handle.write("{")
    if len(keys) > JSON_SLICE:
        for start in range(0, len(keys), JSON_SLICE):
            part = json.dumps({key: value[key] for key in keys[start:start + JSON_SLICE]}, separators=_SEPARATORS,
                              sort_keys=True)
            handle.write(("," if start else "") + part[1:-1])
    else:
        for index, key in enumerate(keys):
            handle.write(("," if index else "") + json.dumps(key) + ":")
            write_json(handle, value[key])
    handle.write("}")


def save_state(path, state):
    """Write the state atomically (temporary file in the same folder, fsync, rename)."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".docroot-state.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            write_json(handle, state)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _open_archive(path):
    """(tarfile opened for streaming, process or None)."""
    if path.endswith((".zst", ".zstd")):
        tool = shutil.which("zstd")
        if not tool:
            raise BaselineError("baseline archive %s is zstd-compressed and zstd is not installed" % path)
        proc = subprocess.Popen([tool, "-dc", "--", path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        return tarfile.open(fileobj=proc.stdout, mode="r|"), proc
    return tarfile.open(path, mode="r|*"), None


def archive_hashes(path):
    """{relative path: sha256} of the regular files in a tar(.gz/.bz2/.xz/.zst) of a docroot."""
    hashes = {}
    proc = None
    try:
        archive, proc = _open_archive(path)
        with archive:
            for member in archive:
                if not member.isfile():
                    continue
                name = member.name
                while name.startswith("./"):
                    name = name[2:]
                if not name or name.startswith("/") or ".." in name.split("/"):
                    continue
                handle = archive.extractfile(member)
                digest = hashlib.sha256()
                for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                    digest.update(chunk)
                hashes[os.path.normpath(name)] = digest.hexdigest()
    except (OSError, tarfile.TarError, EOFError) as exc:
        raise BaselineError("baseline archive %s cannot be read: %s" % (path, exc)) from None
    finally:
        if proc is not None:
            proc.stdout.close()
            proc.wait()
    if proc is not None and proc.returncode not in (0, None):
        raise BaselineError("baseline archive %s: zstd failed (exit %s)" % (path, proc.returncode))
    return hashes


def compare(current, baseline, seen=()):
    """(new, changed, deleted) relative paths, each sorted.

    ``current`` maps the hashed files to their sha256; ``seen`` holds the paths
    present but not hashed (unreadable): those are neither changed nor deleted.
    """
    new = sorted(p for p in current if p not in baseline)
    changed = sorted(p for p, sha in current.items() if p in baseline and baseline[p] != sha)
    deleted = sorted(p for p in baseline if p not in current and p not in seen)
    return new, changed, deleted
