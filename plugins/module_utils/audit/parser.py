# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reading access logs: globs, rotated and gzip files, the cursor, chunks, worker processes.

Standard library only (this code runs on the web host).

Files are read in large byte chunks cut at the last newline; a partial last line is
left for the next run. With ``workers > 1`` a large plain file is split at newlines
into byte ranges that forked processes (and this one) take in turn; each process's
partial aggregate is sent back over a pipe and merged, so every core works on one file.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import glob
import os
import pickle
import re
import time

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.formats import FormatError, make_parser
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.state import CursorState, head_hash, open_log
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.summary import Aggregator, safe_text

CHUNK_SIZE = 4 * 1024 * 1024
MAX_LINE = 1024 * 1024 + 65536
SPLIT_MIN_BYTES = 16 * 1024 * 1024
PARTS_PER_WORKER = 6  # parts of a split file per worker process, taken as each finishes the last
PART_MIN_BYTES = 4 * 1024 * 1024
MAX_WORKERS = 64  # processes per file (the parts are numbered in single bytes)


class AuditError(ValueError):
    """An option is wrong; the message says which and how."""


_REL = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")


def parse_time(value, now=None):
    """ISO-8601 time, or a duration ('24h', '7d', '30m') meaning that long ago -> epoch seconds."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        return float(value)
    now = time.time() if now is None else now
    m = _REL.match(str(value))
    if m:
        unit = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}[m.group(2)]
        return now - int(m.group(1)) * unit
    text = str(value).strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise AuditError("%r is not a time: use ISO-8601 (2026-11-27T08:00:00+07:00) or a duration like 24h or 7d"
                         % (value,)) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.timezone.utc)
    return parsed.timestamp()


def expand_paths(paths):
    """(files in oldest-first order, problems) for a list of paths and globs."""
    files, problems, seen = [], [], set()
    for pattern in paths or []:
        pattern = os.path.expanduser(str(pattern))
        if glob.has_magic(pattern):
            matches = [p for p in glob.glob(pattern) if os.path.isfile(p)]
            if not matches:
                problems.append({"path": pattern, "problem": "missing", "message": "no file matches %s" % pattern})
        elif os.path.isfile(pattern):
            matches = [pattern]
        elif os.path.exists(pattern):
            matches = []
            problems.append({"path": pattern, "problem": "not_a_file", "message": "%s is not a regular file" % pattern})
        else:
            matches = []
            problems.append({"path": pattern, "problem": "missing", "message": "the log file %s does not exist" % pattern})
        for path in matches:
            if path not in seen:
                seen.add(path)
                files.append(path)

    def age(path):
        try:
            return os.stat(path).st_mtime
        except OSError:
            return 0

    files.sort(key=lambda p: (age(p), p))
    return files, problems


def _process(data, parser, agg):
    rows, refused = parser.parse_chunk(data)
    if rows:
        agg.add_rows(rows)
    if refused:
        agg.add_unparsed(refused)


def read_stream(fileobj, parser, agg, limit=None, chunk_size=CHUNK_SIZE, max_line=MAX_LINE, on_chunk=None):
    """Parse complete lines from fileobj (at most ``limit`` bytes); returns bytes consumed."""
    consumed = 0
    carry = b""
    skipping = False
    while True:
        want = chunk_size if limit is None else min(chunk_size, limit - consumed - len(carry))
        if want <= 0:
            break
        block = fileobj.read(want)
        if not block:
            break
        data = carry + block if carry else block
        carry = b""
        if skipping:
            nl = data.find(b"\n")
            if nl < 0:
                consumed += len(data)
                continue
            consumed += nl + 1
            data = data[nl + 1:]
            skipping = False
        cut = data.rfind(b"\n")
        if cut < 0:
            if len(data) >= max_line:
                agg.add_unparsed([data[:300] + b"... (line longer than %d bytes)" % max_line])
                consumed += len(data)
                skipping = True
            else:
                carry = data
            continue
        body, carry = data[: cut + 1], data[cut + 1:]
        _process(body, parser, agg)
        consumed += len(body)
        if on_chunk is not None:
            on_chunk(consumed)
    return consumed


def _split_points(path, start, end, parts):
    points = [start]
    with open(path, "rb") as handle:
        for k in range(1, parts):
            handle.seek(start + (end - start) * k // parts)
            handle.readline()
            points.append(min(max(handle.tell(), points[-1]), end))
    points.append(end)
    return points


def _read_parallel(path, start, end, parser_factory, agg, agg_factory, workers, chunk_size):
    """Parse [start, end) of a plain file with ``workers`` processes; returns bytes consumed.

    The range is cut at newlines into several parts per worker (at least PART_MIN_BYTES each);
    the parts wait in a pipe, one byte each, and every process (this one included) takes the
    next part when it is done with the last. So a process that gets less CPU (a busy machine)
    simply reads fewer parts instead of holding everyone up. Each worker returns one compact
    aggregate (counters, capped event lists), pickled over a pipe, merged here.
    """
    parts = max(workers, min(workers * PARTS_PER_WORKER, (end - start) // PART_MIN_BYTES, 255))
    points = _split_points(path, start, end, parts)
    jobs_r, jobs_w = os.pipe()
    os.write(jobs_w, bytes(range(parts)))  # at most 255 bytes: fits the pipe buffer
    os.close(jobs_w)  # once they are taken, reads return end-of-file

    def work(target):
        done = {}
        parser = parser_factory()
        with open(path, "rb") as handle:
            while True:
                job = os.read(jobs_r, 1)  # one byte: atomic between processes
                if not job:
                    return done
                lo, hi = points[job[0]], points[job[0] + 1]
                handle.seek(lo)
                done[job[0]] = read_stream(handle, parser, target, limit=hi - lo, chunk_size=chunk_size)

    children = []
    for _worker in range(1, workers):
        rfd, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child
            os.close(rfd)
            code = 0
            try:
                part = agg_factory()
                payload = pickle.dumps(("ok", work(part), part), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # noqa: BLE001 - report any failure to the parent
                payload = pickle.dumps(("error", {}, "%s: %s" % (type(exc).__name__, exc)))
                code = 1
            with os.fdopen(wfd, "wb") as out:
                out.write(payload)
            os._exit(code)
        os.close(wfd)
        children.append((pid, rfd))
    try:
        done = work(agg)
    finally:
        os.close(jobs_r)
    failure = None
    for pid, rfd in children:
        with os.fdopen(rfd, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        try:
            kind, used, part = pickle.loads(data)  # noqa: S301 - our own forked child wrote it
        except Exception as exc:  # noqa: BLE001
            kind, used, part = "error", {}, str(exc)
        if kind != "ok":
            failure = failure or part
            continue
        done.update(used)
        agg.merge(part)
    if failure:
        raise OSError("a worker process failed: %s" % failure)
    # The cursor moves over the parts read completely, in file order.
    consumed = 0
    for index in range(parts):
        used = done.get(index)
        if used is None:
            break
        consumed += used
        if used != points[index + 1] - points[index]:
            break
    return consumed


def audit(paths, fmt="combined", state_path=None, since=None, until=None, thresholds=None, allowlist=None,
          trusted_proxies=None, verified_crawlers=None, detections=None, login_paths=None, extra_agents=None,
          json_keys=None, workers=1, chunk_size=CHUNK_SIZE, max_line=MAX_LINE, on_chunk=None, limits=None,
          crawler_dns=None, resolver=None, allow_params=None, second_opinion=True):
    """Read the logs (only the new lines when state_path is given) and aggregate them.

    ``allow_params``: parameter names that may carry markup or SQL-like text (see Classifier).
    ``second_opinion``: True to ask OWASP CRS about the distinct suspicious requests when it is
    installed (see crs.py; silently off when it is not), False to never, or a callable
    (list of (request line, user agent, referer) bytes tuples -> {item: verdict} or ({...}, stats)).

    Returns dict(summary, incidents, unparsed, files, problems, state_problem).
    Raises AuditError (or FormatError) only for wrong options; file problems are reported.
    """
    if isinstance(paths, str):
        paths = [paths]

    def make():
        return make_parser(fmt, trusted_proxies, json_keys)

    try:
        make()
    except FormatError as exc:
        raise AuditError(str(exc)) from None
    lo, hi = parse_time(since), parse_time(until)
    if lo is not None and hi is not None and lo >= hi:
        raise AuditError("since (%s) must be before until (%s)" % (since, until))

    opinion = load_second_opinion() if second_opinion is True else (second_opinion or None)

    def new_agg():
        return Aggregator(thresholds, allowlist, verified_crawlers, detections, login_paths, extra_agents,
                          lo, hi, limits, crawler_dns, resolver, allow_params, opinion)

    agg = new_agg()
    bad_nets = agg.allow.bad
    if bad_nets:
        raise AuditError("allowlist entries that are not addresses or networks: %s" % ", ".join(bad_nets[:5]))
    workers = max(1, min(MAX_WORKERS, int(workers or 1)))
    state = CursorState(state_path)
    files, problems = expand_paths(paths)
    report = []
    parser = make()  # one parser across files keeps IIS #Fields headers
    with _no_gc():  # rows are plain tuples of bytes: no cycles to collect, and collecting costs time
        for path in files:
            entry = {"path": path, "start": 0, "read_bytes": 0, "status": "read"}
            report.append(entry)
            try:
                st = os.stat(path)
                with open_log(path) as handle:
                    head = head_hash(handle)
                    if head is None:
                        entry["status"] = "empty"
                        continue
                    saved = state.lookup(head)
                    start = 0
                    plain = not path.endswith(".gz")
                    if saved is not None:
                        start = int(saved.get("offset", 0))
                        if plain and st.st_size < start:
                            entry["status"] = "truncated"
                            start = 0
                        elif saved.get("path") != path:
                            entry["rotated_from"] = saved.get("path")
                    entry["start"] = start
                    if plain and st.st_size == start:
                        entry["status"] = "unchanged"
                        state.update(head, path, start, st.st_dev, st.st_ino, st.st_size)
                        continue
                    if (plain and workers > 1 and getattr(parser, "splittable", False)
                            and st.st_size - start >= SPLIT_MIN_BYTES and since is None and until is None):
                        used = _read_parallel(path, start, st.st_size, make, agg, new_agg, workers, chunk_size)
                    else:
                        if start and hasattr(parser, "fields"):
                            _iis_header(handle, parser, start)
                        handle.seek(start)  # gzip files seek by decompressing
                        used = read_stream(handle, parser, agg, chunk_size=chunk_size, max_line=max_line,
                                           on_chunk=on_chunk)
                    entry["read_bytes"] = used
                    state.update(head, path, start + used, st.st_dev, st.st_ino, st.st_size)
            except PermissionError:
                entry["status"] = "unreadable"
                problems.append({"path": path, "problem": "unreadable",
                                 "message": "the log file %s may not be read by this account" % path})
            except (OSError, EOFError) as exc:
                entry["status"] = "error"
                problems.append({"path": path, "problem": "error",
                                 "message": "the log file %s could not be read: %s" % (path, safe_text(str(exc), 200))})
    result = agg.finish()
    saved_ok = True
    try:
        state.save()
    except OSError as exc:
        saved_ok = False
        problems.append({"path": state_path, "problem": "state_not_saved",
                         "message": "the cursor %s could not be saved: %s" % (state_path, exc)})
    result.update({"files": report, "problems": problems, "state_problem": state.problem,
                   "state_saved": bool(state_path) and saved_ok})
    return result


def load_second_opinion():
    """The OWASP CRS second opinion as a callable, or None when CRS or its binding is not installed."""
    try:
        from ansible_collections.sitekeeper.website.plugins.module_utils.audit import crs
    except ImportError:
        return None
    try:
        ok = crs.available()[0]
    except (OSError, RuntimeError, ValueError):
        ok = False
    return crs.second_opinion if ok else None


@contextlib.contextmanager
def _no_gc():
    """The cyclic garbage collector off for the block (restored after, even on error)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _iis_header(handle, parser, start):
    """Resuming an IIS log mid-file: take the last #Fields header before the cursor.

    IIS writes a new header block mid-file when its fields change or the service restarts, so the
    header in force at ``start`` is the nearest one before it (searched backwards, block by block,
    keeping a little overlap for a header split across two blocks), not the file's first.
    """
    block, end, overlap = 1 << 20, start, b""
    while end > 0:
        begin = max(0, end - block)
        handle.seek(begin)
        data = handle.read(end - begin) + overlap
        at = data.rfind(b"\n#Fields:")
        if at < 0 and begin == 0 and data.startswith(b"#Fields:"):
            at = -1
        elif at < 0:
            overlap, end = data[:4096], begin
            continue
        parser.fields = data[at + 1:].split(b"\n", 1)[0][8:].split()
        return
