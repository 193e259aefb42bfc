# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Writing a file so that a reader never sees half of it.

Cursors, block lists, reports, memos and caches are read by other runs, by the web
server or by people while Sitekeeper may be rewriting them, and a run can be killed
mid-write. ``write_atomic`` writes the new content to a temporary file in the same
folder (so the final rename stays on one file system), flushes it to disk, then
renames it over the target: a reader sees the old file or the new one, never a mix,
and a failed write leaves the old file as it was and no temporary file behind.
Standard library only, so it runs on any web host.
"""

from __future__ import annotations

import os
import tempfile


def write_atomic(path: str, data, mode: int = 0o644) -> None:
    """Replace ``path`` with ``data`` (bytes, or text written as UTF-8) in one step.

    ``mode`` is the new file's permission bits (a cursor or a memo may hold what a
    visitor or a vendor must not read: pass 0o600 or 0o640 for those). The folder must
    exist. Errors (``OSError``) are raised after the temporary file has been removed.
    """
    if isinstance(data, str):
        payload = data.encode("utf-8")
    elif isinstance(data, (bytes, bytearray, memoryview)):
        payload = bytes(data)
    else:
        # bytes(5) would silently write five zero bytes
        raise TypeError("write_atomic needs bytes or text, got %s" % type(data).__name__)
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".%s." % os.path.basename(path), suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(payload)
            handle.flush()
            # On disk before the rename: after a crash the name points at complete content.
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        # Also on KeyboardInterrupt or a timeout signal: never leave a stray temporary file.
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
