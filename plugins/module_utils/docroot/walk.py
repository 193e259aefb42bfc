# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A bounded walk of docroots, and reading each file once while hashing it.

Links are never followed: a link is either inside the tree (its target is
scanned where it really lives) or it is counted and skipped, so nothing outside
the given trees is ever read or reported. Every file that cannot be read has a
counted reason instead of an exception.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat

CHUNK = 1 << 20


def printable_path(path: str) -> str:
    """A path safe to put in JSON: undecodable bytes of a name become U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def has_bad_name(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _within(path: str, roots) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


class Walker:
    """Iterative, link-safe walk over several roots; ``skipped`` counts reasons."""

    def __init__(self, roots, max_files=0):
        self.roots = [os.path.abspath(r) for r in roots]
        self.real_roots = [os.path.realpath(r) for r in self.roots]
        self.max_files = max_files
        self.skipped = {}
        self.files = 0
        self.truncated = False
        self._seen_dirs = set()

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def _classify_link(self, path: str) -> str:
        try:
            target = os.path.realpath(path)
        except (OSError, RuntimeError, ValueError):
            return "loop"
        if not os.path.exists(target):
            # A dangling or looping link: realpath stops on a loop.
            return "loop" if os.path.islink(target) or _within(target, self.real_roots) else "symlink_outside"
        if not _within(target, self.real_roots):
            return "symlink_outside"
        real_parent = os.path.realpath(os.path.dirname(path))
        if os.path.isdir(target) and (real_parent == target or real_parent.startswith(target + os.sep)):
            return "loop"
        return "symlink_inside"

    def __iter__(self):
        """Yield (root, relpath, abspath, stat_result) for every regular file."""
        for root in self.roots:
            try:
                st = os.lstat(root)
            except OSError:
                self.skip("missing_root")
                continue
            if not stat.S_ISDIR(st.st_mode):
                self.skip("missing_root")
                continue
            stack = [root]
            # Every path below starts with the root as given and a separator (os.path.join of its parts): the
            # relative path is what follows, without os.path.relpath's normalising per file.
            prefix = len(os.path.join(root, ""))
            while stack:
                top = stack.pop()
                yield from self._scan_dir(root, top, stack, prefix)
                if self.truncated:
                    return

    def _scan_dir(self, root, top, stack, prefix):
        try:
            dst = os.stat(top, follow_symlinks=False)
            key = (dst.st_dev, dst.st_ino)
            if key in self._seen_dirs:
                self.skip("loop")
                return
            self._seen_dirs.add(key)
            entries = sorted(os.scandir(top), key=lambda e: e.name)
        except FileNotFoundError:
            self.skip("vanished")
            return
        except OSError:
            self.skip("unreadable_dir")
            return
        subdirs = []
        for entry in entries:
            if has_bad_name(entry.name):
                self.skip("bad_name")
            try:
                if entry.is_symlink():
                    self.skip(self._classify_link(entry.path))
                    continue
                if entry.is_dir(follow_symlinks=False):
                    subdirs.append(entry.path)
                    continue
                est = entry.stat(follow_symlinks=False)
            except FileNotFoundError:
                self.skip("vanished")
                continue
            except OSError:
                self.skip("unreadable")
                continue
            if not stat.S_ISREG(est.st_mode):
                self.skip("not_regular")
                continue
            if self.max_files and self.files >= self.max_files:
                self.truncated = True
                self.skip("max_files")
                return
            self.files += 1
            yield root, entry.path[prefix:], entry.path, est
        stack.extend(reversed(subdirs))


class ReadError(Exception):
    """A file could not be read; ``reason`` is the counted skip reason."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


def read_hashed(path: str, keep: int):
    """Read a file once: return (sha256 hex, size, first ``keep`` bytes or None when larger).

    Opened without following a link and without blocking on a FIFO, and checked
    to still be a regular file, so a file swapped for a link or a device while
    the walk ran is refused rather than read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ReadError("vanished") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ReadError("symlink_inside") from None
        raise ReadError("unreadable") from None
    digest = hashlib.sha256()
    kept = []
    kept_len = 0
    size = 0
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ReadError("not_regular")
        while True:
            try:
                chunk = os.read(fd, CHUNK)
            except OSError:
                raise ReadError("unreadable") from None
            if not chunk:
                break
            digest.update(chunk)
            size += len(chunk)
            if kept is not None:
                if kept_len + len(chunk) > keep:
                    kept = None
                else:
                    kept.append(chunk)
                    kept_len += len(chunk)
    finally:
        os.close(fd)
    return digest.hexdigest(), size, (b"".join(kept) if kept is not None else None)
