# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit's cursor: where each log file was read up to, across runs.

Standard library only (this code runs on the web host).

A file is recognised by a hash of its first line (and, for plain files, its device
and inode), not by its name, so a rotated ``access.log`` that became
``access.log.1`` (or ``access.log.2.gz``) is continued where it was left, and the
new ``access.log`` is read from its start. A file that got shorter than the saved
offset was truncated (copytruncate) and is read again from its start.

The state is a small JSON file written atomically (temporary file + rename), so a
crash or a full disk never leaves a half-written cursor behind.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time

from ansible_collections.sitekeeper.website.plugins.module_utils.core import files

STATE_VERSION = 1
HEAD_BYTES = 4096
MAX_ENTRIES = 500


def open_log(path: str):
    """Binary file object for a plain or gzip-compressed log."""
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")  # noqa: SIM115 - the caller closes it


def head_hash(fileobj) -> str | None:
    """Hash of the first complete line (at most HEAD_BYTES); None if there is none yet."""
    head = fileobj.read(HEAD_BYTES)
    end = head.find(b"\n")
    if end < 0:
        if len(head) < HEAD_BYTES:
            return None
        end = len(head)
    return hashlib.sha256(head[:end]).hexdigest()[:32]


class CursorState:
    """Saved offsets of log files, keyed by first-line hash."""

    def __init__(self, path: str | None):
        self.path = path
        self.entries = {}
        self.problem = None
        if path and os.path.exists(path):
            try:
                with open(path, encoding="utf-8") as handle:
                    data = json.load(handle)
                if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
                    raise ValueError("unknown state version")
                for entry in data.get("files", []):
                    if isinstance(entry, dict) and isinstance(entry.get("head"), str):
                        self.entries[entry["head"]] = entry
            except (OSError, ValueError) as exc:
                # Unreadable cursor: read everything again (counted once more) rather than miss lines.
                self.problem = "the saved cursor %s could not be read (%s); the logs were read from the start" % (
                    path, exc)
                self.entries = {}

    def lookup(self, head: str, dev: int | None = None, inode: int | None = None):
        return self.entries.get(head)

    def update(self, head: str, path: str, offset: int, dev=None, inode=None, size=None):
        self.entries[head] = {
            "head": head, "path": path, "offset": int(offset), "dev": dev, "inode": inode, "size": size,
            "seen": int(time.time()),
        }

    def save(self):
        if not self.path:
            return
        entries = sorted(self.entries.values(), key=lambda e: e.get("seen", 0), reverse=True)[:MAX_ENTRIES]
        directory = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(directory, mode=0o700, exist_ok=True)
        files.write_atomic(self.path, json.dumps({"version": STATE_VERSION, "files": entries}, indent=1,
                                                 sort_keys=True), mode=0o600)
