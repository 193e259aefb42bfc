# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The docroot scan: walk, read each file once (hashing it), reuse cached verdicts, compare
with the baseline, and return the flagged files, counts and findings."""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import json
import multiprocessing
import os
import signal

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import (
    analyse,
    baseline,
    php,
    report,
    walk,
    yarascan,
)

ENGINE = "15"  # bump when cached verdicts must be computed again for a reason the digest below cannot see
# The modules of this package whose code or data decide a file's verdict (the rest: baseline, report, __init__).
# A digest of their source is part of every cached verdict's key, so a release that changes any of them (a
# retrained vocabulary, a new rule) computes verdicts again by itself: a hand-bumped ENGINE was once forgotten.
VERDICT_MODULES = ("analyse", "cgi", "decode", "generic_rules", "known_rules", "lazyre", "other", "php", "phpactions",
                   "phpeval", "phpstrings", "scan", "screnc", "spam", "ssi", "vocabulary", "vocabulary_model", "walk",
                   "yarascan")
DEFAULTS = {
    "threshold": 10,
    "max_file_size": 8 << 20,
    "max_files": 500000,
    "upload_dirs": list(analyse.DEFAULT_UPLOAD_DIRS),
    "allowed": [],
    "max_listed_changes": 200,
    "workers": 0,
    "generic_rules": True,
}
_SCRIPT_TYPES = ("php", "other", "script", "config", "markup")


_WORKER = {}


def read_and_analyse(rel, abspath, opts=None):
    """(skip reason or None, sha256 or None, size, verdict or None, analysed 0/1) for one file."""
    opts = opts or _WORKER
    try:
        sha, size, data = walk.read_hashed(abspath, opts["max_file_size"])
    except walk.ReadError as exc:
        return exc.reason, None, 0, None, 0
    if data is None:
        return "too_large", sha, size, None, 0
    verdict = analyse.analyse(rel, data, opts["threshold"], opts["upload_dirs"], opts.get("rules"))
    if verdict and verdict.get("binary"):
        return ("binary" if analyse.kind_of_name(rel) in ("php", "other", "script") else None), sha, size, None, 1
    # A verdict that can flag nothing, even as an unexpected change, is None: most of a tree's files. It is neither
    # sent back by a worker nor kept in the state (a full scan of 28,000 files: 10 MB less at its peak).
    if verdict and flags_nothing(verdict, opts["threshold"]):
        verdict = None
    return None, sha, size, verdict, 1


def flags_nothing(verdict, threshold):
    """Whether ``verdict`` can flag nothing, even as an unexpected change: no kind, and a score below the least that
    flags a changed file (half the threshold, at least 3)."""
    return verdict.get("kind") is None and verdict.get("score", 0) < max(3, threshold // 2)


def _work_chunk(tasks):
    return [(index, read_and_analyse(rel, abspath)) for index, rel, abspath in tasks]


# Each worker adds 15-20 MB to the scan's memory (its own heap, and the pages of the main process it writes to): the
# benchmark's development tree takes 152 MB with 2 workers and 233 MB with 6. Four keep a scan under 200 MB.
MAX_WORKERS = 4


def default_workers():
    """One worker per core this process may run on (its CPU affinity: a container's or taskset's cores), at most
    MAX_WORKERS."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_WORKERS))


# Fewer files to read than this are read by the main process alone: forking costs more than it gains.
MIN_FORKED = 200
# While the tree is walked, every this many files to read the scan looks whether its workers can start.
FORK_CHECK = 256

# A worker's task is a chunk of files: up to CHUNK_FILES of them, CHUNK_BYTES together, a larger file alone. Each task
# is a message each way: with eight files per task the messages cost 5-10 % of the scan's CPU time (benchmark).
CHUNK_FILES = 256
CHUNK_BYTES = 1 << 20


def _chunks(todo, order, prefix):
    """The files of ``todo`` ((relative path, key) each) in ``order`` as chunks of (index, relative path, absolute
    path); ``prefix``: the root and a separator."""
    chunk, size = [], 0
    for i in order:
        rel, key = todo[i]
        if chunk and (len(chunk) >= CHUNK_FILES or size + key[0] > CHUNK_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append((i, rel, prefix + rel))
        size += key[0]
    if chunk:
        yield chunk


def _worker_start():
    # A forked worker inherits its parent's SIGTERM handler (a test runner's, a wrapper's that raises an exception):
    # then the pool's terminate(), which sends SIGTERM, runs Python code in a worker that may be waiting on the
    # task queue's lock, and the worker can hang there while the parent waits for it. The default action ends it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def engine_digest(modules=VERDICT_MODULES):
    """A digest of the source of ``modules`` (read through their loader: from files, or from the zip Ansible sends)."""
    package = __name__.rpartition(".")[0]
    digest = hashlib.sha256(ENGINE.encode())
    for name in modules:
        spec = importlib.util.find_spec("%s.%s" % (package, name))
        try:
            source = spec.loader.get_source(spec.name)
        except (AttributeError, ImportError, OSError):
            source = None
        # Without its source (a bytecode-only install) a module counts by name: ENGINE still invalidates.
        digest.update(("\0%s\0%s" % (name, source or "")).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:16]


def _config_key(opts, rules_key=None):
    keyed = {k: opts.get(k) for k in ("threshold", "upload_dirs", "yara_rules", "generic_rules")}
    keyed["rules"] = rules_key
    return hashlib.sha256(json.dumps(keyed, sort_keys=True, default=str).encode()).hexdigest()[:16]


class Scan:
    """One scan run over ``opts["paths"]`` (see the module's options)."""

    def __init__(self, opts, check_mode=False):
        self.opts = dict(DEFAULTS, **{k: v for k, v in opts.items() if v is not None})
        self.check_mode = check_mode
        self.counts = {"files": 0, "read": 0, "unchanged": 0, "analysed": 0, "flagged": 0, "bytes_read": 0,
                       "new": 0, "changed": 0, "deleted": 0}
        self.problems = []
        self.flagged = []
        self.changes = {}
        self.allowed = {str(a) for a in self.opts["allowed"]}
        self.archive_key = None
        self._loaded_rules = yarascan.load_in_background(self.opts.get("yara_rules"), self.opts["generic_rules"],
                                                         php.automaton_literals())
        self._rules = None
        self._pool = None
        self._prepared = False
        # Which rule sets run and what the admin's say: installing yara-python or editing a rule file changes verdicts.
        self.rules_key = yarascan.describe(self.opts.get("yara_rules"), self.opts["generic_rules"])

    def _wait_for_rules(self):
        """The compiled YARA rule sets, waited for at their first use (they compile while the tree is walked)."""
        if self._rules is None:
            self._rules, problem = self._loaded_rules()
            if problem:
                self.problems.append(problem)
            # Whether the bundled generic rules ran (they need yara-python on the host).
            self.counts["generic_rules"] = int(bool(self.opts["generic_rules"]) and bool(self._rules))
        return self._rules

    def _is_allowed(self, abspath, rel, sha):
        return bool(self.allowed) and (abspath in self.allowed or rel in self.allowed or sha in self.allowed)

    def _take(self, outcome, walker):
        """Count one read file's outcome; (sha256 or None when it could not be read, verdict or None)."""
        reason, sha, size, verdict, analysed = outcome
        if reason and sha is None:
            walker.skip(reason)
            return None, None
        self.counts["read"] += 1
        self.counts["bytes_read"] += size
        self.counts["analysed"] += analysed
        if reason:
            walker.skip(reason)
        return sha, verdict

    def run_root(self, root, state_root, walker_roots):
        """Scan one root; returns its new state entry."""
        # Read only: the old state is compared with the new one at the end.
        cache = (state_root.get("files") or {}) if state_root.get("config") == self.config else {}
        limit = self.opts["max_files"]
        walker = walk.Walker([root], max(1, limit - self.counts["files"]) if limit else 0)
        prefix = os.path.join(root, "")  # + a relative path: the walk's absolute path, not kept per file
        # Per file the scan keeps only its relative path and its state entry (size, mtime, ctime, inode, sha256,
        # verdict): its memory grows with the number of files (docs/docroot-detection.md, session 28).
        verdicts, new_cache, todo, unread = {}, {}, [], set()
        try:
            for _root, rel, _abspath, st in walker:
                key = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
                cached = cache.get(rel)
                if cached and cached[:4] == key and cached[4]:
                    self.counts["unchanged"] += 1
                    new_cache[rel] = cached
                    if cached[5]:
                        verdicts[rel] = (cached[4], cached[5])
                    continue
                todo.append((rel, key))
                if self._pool is None and len(todo) % FORK_CHECK == 0:
                    self._fork_when_ready(len(todo))
            for index, outcome in self._outcomes(todo, prefix):
                rel, key = todo[index]
                sha, verdict = self._take(outcome, walker)
                if sha is None:
                    unread.add(rel)  # present, but neither changed nor deleted
                    continue
                key += (sha, verdict)  # the state entry
                new_cache[rel] = key
                if verdict:
                    verdicts[rel] = (sha, verdict)
        finally:
            self._stop_workers(finished=False)
        del todo
        hashes = {rel: entry[4] for rel, entry in new_cache.items()}
        self.counts["files"] += walker.files
        for reason, n in walker.skipped.items():
            self.counts.setdefault("skipped", {})
            self.counts["skipped"][reason] = self.counts["skipped"].get(reason, 0) + n
        if walker.truncated:
            self.problems.append("max_files (%d) reached; the rest of %s was not scanned" % (self.opts["max_files"], root))
        base, source, at = self._baseline_for(root, state_root, hashes)
        changed_paths = {}
        if base is not None:
            new, changed, deleted = baseline.compare(hashes, base, unread)
            if walker.truncated:
                deleted = []
            self._record_changes(root, source, new, changed, deleted)
            changed_paths = {p: "new" for p in new}
            changed_paths.update({p: "changed" for p in changed})
        self._flag(root, prefix, verdicts, changed_paths, base or {})
        entry = {"files": new_cache, "config": self.config}
        if base is not None:
            if self.opts.get("update_baseline") or source == "scan" and not state_root.get("baseline"):
                base, source, at = dict(hashes), "scan", report.now()
            entry.update(baseline=base, baseline_source=source, baseline_at=at)
            if source and source.startswith("archive:"):
                entry["archive_key"] = self.archive_key or state_root.get("archive_key")
        return entry

    def _baseline_for(self, root, state_root, hashes):
        """(baseline dict or None, source, time): the archive for the first path, else the kept one."""
        archive = self.opts.get("baseline_archive")
        if archive and root == self.roots[0]:
            source = "archive:%s" % archive
            try:
                st = os.stat(archive)
            except OSError as exc:
                self.problems.append("baseline archive %s cannot be read: %s" % (archive, exc.strerror))
            else:
                key = [st.st_size, st.st_mtime_ns, st.st_ino]
                # The same archive as last time: its hashes are in the state, no need to decompress it again.
                if state_root.get("baseline_source") == source and state_root.get("archive_key") == key:
                    return state_root["baseline"], source, state_root.get("baseline_at")
                try:
                    self.archive_key = key
                    return baseline.archive_hashes(archive), source, report.now()
                except baseline.BaselineError as exc:
                    self.problems.append(str(exc))
        if state_root.get("baseline") is not None:
            return state_root["baseline"], state_root.get("baseline_source", "scan"), state_root.get("baseline_at")
        if self.opts.get("state_path"):
            return dict(hashes), "scan", report.now()
        return None, None, None

    def _record_changes(self, root, source, new, changed, deleted):
        limit = self.opts["max_listed_changes"]
        self.counts["new"] += len(new)
        self.counts["changed"] += len(changed)
        self.counts["deleted"] += len(deleted)
        self.changes[walk.printable_path(root)] = {
            "baseline": walk.printable_path(source or ""),
            "new": [walk.printable_path(p) for p in new[:limit]],
            "changed": [walk.printable_path(p) for p in changed[:limit]],
            "deleted": [walk.printable_path(p) for p in deleted[:limit]],
        }

    def _flag(self, root, prefix, verdicts, changed_paths, base):
        for rel, (sha, verdict) in sorted(verdicts.items()):
            abspath = prefix + rel
            status = changed_paths.get(rel)
            if verdict.get("kind") is None:
                if not status or flags_nothing(verdict, self.opts["threshold"]):
                    continue
                if analyse.kind_of_name(rel) not in _SCRIPT_TYPES:
                    continue
                verdict = dict(verdict, kind="unexpected_change", severity="medium", excerpt="")
            if self._is_allowed(abspath, rel, sha):
                self.counts["allowed"] = self.counts.get("allowed", 0) + 1  # kept from being flagged
                continue
            self.flagged.append({
                "path": walk.printable_path(abspath),
                "root": walk.printable_path(root),
                "relative_path": walk.printable_path(rel),
                "sha256": sha,
                "kind": verdict["kind"],
                "score": verdict["score"],
                "signals": verdict["signals"],
                "severity": verdict["severity"],
                "excerpt": verdict.get("excerpt", ""),
                "baseline": status or ("unchanged" if rel in base else None),
                "baseline_sha256": base.get(rel),
            })

    def _read_options(self):
        return {"max_file_size": self.opts["max_file_size"], "threshold": self.opts["threshold"],
                "upload_dirs": self.opts["upload_dirs"], "rules": self._wait_for_rules()}

    def _workers_for(self, pending):
        """How many worker processes to fork for ``pending`` files to read: 0 to read them in this process."""
        workers = self.opts.get("workers") or default_workers()
        return workers if workers > 1 and pending >= MIN_FORKED and hasattr(os, "fork") else 0

    def _fork_when_ready(self, pending):
        """Fork the workers during the walk once the YARA rules are compiled, if ``pending`` files are worth them.

        Forked early, they do not share the pages holding the files walked after: the main process writes to every
        file's objects as its outcome comes back, and each shared page it writes to is copied (a tree of 100,000
        uploads forked after its walk: 52 MB copied at once, see docs/docroot-detection.md, session 28)."""
        workers = self._workers_for(pending)
        if not workers:
            return
        self._prepare_patterns()
        if self._loaded_rules.finished():
            self._start_workers(workers)

    def _prepare_patterns(self):
        # Forked workers share the patterns and the literal automaton compiled here, before they start. They
        # compile while the YARA rules still compile on their thread (which lets go of the GIL meanwhile).
        if not self._prepared:
            php.prepare()
            self._prepared = True

    def _start_workers(self, workers):
        """Fork ``workers`` processes, which read and analyse the chunks of files _outcomes() gives them."""
        self._prepare_patterns()
        opts = self._read_options()
        # The workers inherit the options and the compiled YARA rules without pickling them: the larger files' sets
        # too (the thread compiles them after the rest, and no other thread may run while the process forks).
        self._loaded_rules(everything=True)
        _WORKER.clear()
        _WORKER.update(opts)
        # The objects made so far (patterns, the automaton's tables, the walk's list) are left out of the workers'
        # garbage collections, which would otherwise write to every page holding one and so copy it into each worker.
        gc.freeze()
        try:
            self._pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_start)
        except BaseException:
            gc.unfreeze()
            raise

    def _stop_workers(self, finished):
        """End the workers: told to stop once every task is done (``finished``), else ended by a signal."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        try:
            if finished:
                pool.close()  # they end on their own (terminate() would signal them)
            else:
                pool.terminate()
            pool.join()
        finally:
            gc.unfreeze()

    def _outcomes(self, todo, prefix):
        """(index in ``todo``, outcome) of each file of ``todo`` ((relative path, key) each) read and analysed, as each
        is done: in order, or on the worker processes when there are many (then in any order)."""
        workers = self._workers_for(len(todo))
        if self._pool is None and workers:
            self._start_workers(workers)
        if self._pool is None:
            opts = self._read_options()
            for index, (rel, _key) in enumerate(todo):
                yield index, read_and_analyse(rel, prefix + rel, opts)
            return
        # Largest files first, in chunks of similar size: a big file left for the end would keep one worker busy
        # while the others wait.
        order = sorted(range(len(todo)), key=lambda i: (-todo[i][1][0], i))
        for chunk in self._pool.imap_unordered(_work_chunk, _chunks(todo, order, prefix)):
            yield from chunk
        self._stop_workers(finished=True)

    def run(self):
        self.roots = [os.path.abspath(p) for p in self.opts["paths"]]
        self.config = "%s:%s" % (engine_digest(), _config_key(self.opts, self.rules_key))
        state_path = self.opts.get("state_path")
        state, problem = baseline.load_state(state_path)
        if problem:
            self.problems.append(problem)
        new_roots = {}
        for root in self.roots:
            if not os.path.isdir(root):
                self.problems.append("%s is not a folder" % walk.printable_path(root))
                self.counts.setdefault("skipped", {})
                self.counts["skipped"]["missing_root"] = self.counts["skipped"].get("missing_root", 0) + 1
                continue
            new_roots[root] = self.run_root(root, state["roots"].get(root) or {}, self.roots)
        self._wait_for_rules()  # also when no file was read: its problems and counts are reported
        self.counts["flagged"] = len(self.flagged)
        rank = {"critical": 0, "high": 1, "medium": 2}
        self.flagged.sort(key=lambda f: (rank.get(f["severity"], 3), -f["score"], f["path"]))
        self.counts.setdefault("skipped", {})
        changed = False
        if state_path:
            old = {k: v for k, v in state["roots"].items() if k not in new_roots}
            new_state = {"version": baseline.VERSION, "engine": ENGINE, "roots": dict(old, **new_roots)}
            changed = new_state != state
            if changed and not self.check_mode:
                try:
                    baseline.save_state(state_path, new_state)
                except OSError as exc:
                    self.problems.append("state file %s not written: %s" % (state_path, exc))
        return {"changed": changed, "flagged": self.flagged, "counts": self.counts, "changes": self.changes,
                "problems": self.problems}


def run(opts, host, check_mode=False):
    """The module's result: flagged, counts, changes, problems and findings."""
    scan = Scan(opts, check_mode=check_mode)
    result = scan.run()
    result["findings"] = report.findings(result, opts, host)
    return result
