"""Docroot scan (web shells, gambling/SEO spam) beside php-malware-finder's YARA rules, on one tree.

    flock /tmp/sitekeeper-bench.lock python benchmarks/docroot_scan.py [--split dev|holdout|all] [--misses FILE]

Corpora (benchmarks/data/docroot/README.md): labelled public web shells, benign PHP/HTML/JS of real
applications and synthetic-from-report gambling-spam injections, stored as .tar.xz, plus the shared
``webshell-dev`` set when it is beside the checkout. Every file has a fixed split (``split_of``):
whole applications are held out for the benign side, shells and spam are split by their sha256,
except the shell collections nobody tuned on (``HOLDOUT_SHELLS``), held out whole and also counted apart.
The chosen split is extracted to a temporary tree (neutral directory names, so no path says what a
file is) and, in the same run, on the same tree:

- **Sitekeeper**: ``plugins/modules/docroot_scan.py`` run as Ansible runs it (a child process with the
  module's arguments), from an empty state (the full scan), then again after 1 % of the files
  changed (the incremental re-scan, same state). Memory (``run_child``): the peak of the summed PSS of the
  module's process tree (its forked workers share pages with it: each shared page is counted once in all),
  or the largest single process's peak RSS if higher; the summed RSS (double-counting shared pages) is
  printed beside it as ``peak_rss_sum_mb``. Memory is sampled in one more run of each engine after the timed
  runs: sampling takes CPU time from the cores the scan runs on (the kernel walks each process's pages).
- **php-malware-finder** (jvoisin/php-malware-finder's ``php.yar`` and its whitelists, LGPL-3.0,
  in ``data/docroot/peer/``) run with Debian's ``yara -r``, as its README suggests.

Both engines run ``--repeat`` times (default 3), alternately (yara, scan, yara, scan, ...), then the re-scan as
many times (each from the state of the last full scan); each one's least wall time and least CPU time count
(``best_of``), every run's times are printed beside them. On a shared machine the
times of one engine vary by 10-30 % from run to run: one run of each gave ratios anywhere in that band.

A shell or spam file counts as found when the engine flags it (for Sitekeeper, any kind except
``unexpected_change``: the first scan has no baseline); a benign file flagged at all is a false alarm.
Per corpus and per class: found/total and false alarms/benign. The LAST line is one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data", "docroot")
PEER_RULES = os.path.join(DATA, "peer", "php.yar")
SHARED_DEV = os.path.join(os.path.dirname(REPO), "shared", "data", "webshell-dev")
MODULE = os.path.join(REPO, "plugins", "modules", "docroot_scan.py")

# Benign applications kept out of development entirely: false alarms are measured on code nobody
# looked at while tuning. Everything else benign is development data.
HOLDOUT_BENIGN = frozenset({"mediawiki", "phpbb", "opencart", "yii2", "ojs", "jspwiki"})
# Shell collections nobody has tuned on (added in session 6): held out in full, like HOLDOUT_BENIGN, so
# their recall is a fresh estimate of generalisation; the older collections are split by HOLDOUT_PERCENT.
HOLDOUT_SHELLS = frozenset({"ysrc-webshell-sample", "tanjiti-webshellsample", "threedr3am-jsp-webshells",
                            "joychou93-webshell"})
HOLDOUT_PERCENT = 30  # of the shells and spam samples, by sha256
CLASSES = ("webshell", "spam")
CHANGED_SHARE = 0.01


# -- corpora ---------------------------------------------------------------------------------

def split_of(label, source, sha):
    """'dev' or 'holdout' for one file; fixed by what the file is, never by a random draw."""
    if source.startswith("webshell-dev/"):
        return "dev"  # the shared development set, public to every developer
    if label == "benign":
        return "holdout" if source in HOLDOUT_BENIGN else "dev"
    if source in HOLDOUT_SHELLS:
        return "holdout"
    return "holdout" if int(sha[:8], 16) % 100 < HOLDOUT_PERCENT else "dev"


def wanted(split, chosen):
    return chosen == "all" or split == chosen


def safe_member(name):
    """The member's path parts when it stays inside the tree, else None."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]
    if not parts or name.startswith("/") or ".." in parts:
        return None
    return parts


def tarballs(data=DATA):
    """[(label, source, path)] of the corpus tarballs, named <label>-<source>.tar.xz."""
    out = []
    for name in sorted(os.listdir(data)):
        if name.endswith(".tar.xz"):
            label, _, source = name[:-7].partition("-")
            out.append((label, source, os.path.join(data, name)))
    return out


def iter_corpus(data=DATA, shared=SHARED_DEV):
    """Yield (label, source, relative path, bytes) for every corpus file."""
    for label, source, path in tarballs(data):
        with tarfile.open(path, "r:xz") as tar:
            for member in tar:
                parts = safe_member(member.name) if member.isfile() else None
                # Members are <label>/<source>/<path>; the label and source come from the tarball's name.
                if parts is None or len(parts) < 3:
                    continue
                yield label, source, "/".join(parts[2:]), tar.extractfile(member).read()
    if shared and os.path.isdir(shared):
        for label in ("webshell", "benign"):
            base = os.path.join(shared, label)
            for sub in sorted(os.listdir(base)) if os.path.isdir(base) else []:
                for name in sorted(os.listdir(os.path.join(base, sub))):
                    with open(os.path.join(base, sub, name), "rb") as handle:
                        yield label, "webshell-dev/" + sub, name, handle.read()


def iter_split(split="dev", data=DATA, shared=SHARED_DEV):
    """Yield (label, source, relative path, bytes, sha256, split) for each file of the chosen split, once per
    content: duplicates (same sha256) come once, the first source keeps them."""
    seen = set()
    for label, source, rel, data_bytes in iter_corpus(data, shared):
        sha = hashlib.sha256(data_bytes).hexdigest()
        which = split_of(label, source, sha)
        if sha in seen or not wanted(which, split):
            continue
        seen.add(sha)
        yield label, source, rel, data_bytes, sha, which


def extract(dest, split="dev", data=DATA, shared=SHARED_DEV):
    """Write the chosen split under dest; return {relative path: record}.

    Each source gets a neutral directory (``s07``) so that no directory name tells the engines
    what a file is; duplicates (same sha256) are written once, the first source keeps them.
    """
    records, dirs = {}, {}
    for label, source, rel, data_bytes, sha, which in iter_split(split, data, shared):
        top = dirs.setdefault(source, "s%02d" % len(dirs))
        relpath = os.path.join(top, rel)
        full = os.path.join(dest, relpath)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as handle:
            handle.write(data_bytes)
        records[relpath] = {"label": label, "source": source, "sha256": sha, "split": which}
    return records


def pick_changed(records, share=CHANGED_SHARE):
    """A fixed 1 % of the files (the lowest sha256 of path), at least one."""
    ranked = sorted(records, key=lambda p: hashlib.sha256(p.encode()).hexdigest())
    return ranked[:max(1, int(len(ranked) * share))]


def change_files(root, paths):
    """Append a harmless line (new size and mtime), as an edit or an update would."""
    for rel in paths:
        with open(os.path.join(root, rel), "ab") as handle:
            handle.write(b"\n<!-- edited -->\n" if rel.endswith((".html", ".htm")) else b"\n/* edited */\n")


# -- engines ---------------------------------------------------------------------------------

def _tree_pids(root):
    """The process ``root`` and all its live descendants now (an exited process not yet reaped holds no memory)."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry, "rb") as handle:
                    stat = handle.read()
            except OSError:
                continue
            state, parent = stat[stat.rfind(b")") + 2:].split()[:2]
            if state != b"Z":
                parents[int(entry)] = int(parent)
    tree, todo = set(), [root]
    while todo:
        pid = todo.pop()
        tree.add(pid)
        todo.extend(child for child, parent in parents.items() if parent == pid and child not in tree)
    return tree


def _memory_kb(pid):
    """(PSS, RSS, peak RSS) of one process in KiB; PSS is RSS with each shared page divided among the processes
    sharing it; the peak RSS is the kernel's high-water mark of this program (VmHWM, reset by exec).

    Without smaps_rollup (kernels before 4.14) the PSS is not known and the RSS stands in for it (an upper bound).
    """
    pss = rss = None
    hwm = 0
    try:
        with open("/proc/%d/smaps_rollup" % pid, "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    pss = int(line.split()[1])
                elif line.startswith(b"Rss:"):
                    rss = int(line.split()[1])
    except OSError:
        pass
    try:
        with open("/proc/%d/status" % pid, "rb") as handle:
            for line in handle:
                if line.startswith(b"VmRSS:") and rss is None:
                    rss = int(line.split()[1])
                elif line.startswith(b"VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return (pss if pss is not None else rss or 0), rss or 0, hwm


def _tree_memory_kb(root):
    """(summed PSS, summed RSS, largest peak RSS of one process) of a process tree now. The summed PSS is the
    tree's real footprint: a page the forked workers share with their parent counts once in all; the summed RSS
    counts it in every process. The sums are None when a process started or ended while they were read: a worker
    read before it ended and its parent after would count the pages they shared twice (seen once, 102 MB for 62)."""
    pss = rss = hwm = 0
    pids = _tree_pids(root)
    for pid in pids:
        one_pss, one_rss, one_hwm = _memory_kb(pid)
        pss += one_pss
        rss += one_rss
        hwm = max(hwm, one_hwm)
    if _tree_pids(root) != pids:
        return None, None, hwm
    return pss, rss, hwm


def run_child(argv, stdout_path, env=None, sample=True):
    """(wall seconds, CPU seconds, memory {peak_mb, pss_sum_mb, rss_sum_mb, max_process_rss_mb} or None when not
    ``sample``, return code).

    CPU is the child's rusage (its waited-for workers included). Memory, sampled every 0.1 s over the child's whole
    process tree (a scan that forks workers is charged for all of them): ``pss_sum_mb``, the peak of the summed
    proportional set sizes (shared pages divided among the processes sharing them: counted once in all);
    ``rss_sum_mb``, the peak of the summed resident sizes (shared pages counted in every process: an upper bound
    that double-counts what forked workers share); ``max_process_rss_mb``, the largest single process's own peak
    RSS (VmHWM: catches a peak between two samples; not rusage's maxrss, which on Linux keeps the high-water mark
    of the forked copy of this benchmark from before the exec). ``peak_mb`` is the larger of the PSS sum and that
    single-process peak. The CPU time is reported beside the wall time: on a shared machine the wall time also
    counts the time other processes held the cores. Sampling costs the kernel milliseconds per process and sample
    (it walks each process's pages for smaps_rollup: 13 ms of CPU for a scan's three processes, about 6 % of a
    2-core machine at ten samples a second), taken from the cores the child runs on: timed runs are not sampled.
    """
    peak = {"pss": 0, "rss": 0, "hwm": 0}
    done = threading.Event()

    def take_samples(pid):
        while not done.wait(0.1):
            for key, value in zip(("pss", "rss", "hwm"), _tree_memory_kb(pid)):
                if value is not None:
                    peak[key] = max(peak[key], value)

    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, env=env)
        sampler = threading.Thread(target=take_samples, args=(proc.pid,), daemon=True) if sample else None
        if sampler:
            sampler.start()
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        if sampler:
            sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    memory = None
    if sample:
        memory = {"pss_sum_mb": peak["pss"] / 1024.0, "rss_sum_mb": max(peak["rss"], peak["hwm"]) / 1024.0,
                  "max_process_rss_mb": peak["hwm"] / 1024.0}
        memory["peak_mb"] = max(memory["pss_sum_mb"], memory["max_process_rss_mb"])
    return wall, usage.ru_utime + usage.ru_stime, memory, proc.returncode


def run_yara(tree, workdir, rules=PEER_RULES, sample=True):
    """Flagged relative paths of ``yara -r`` with the peer's rules, wall time and (when ``sample``) memory."""
    if not shutil.which("yara"):
        return None
    out = os.path.join(workdir, "yara.out")
    wall, cpu, memory, rc = run_child(["yara", "-r", "-w", rules, tree], out, sample=sample)
    flagged = defaultdict(list)
    with open(out, "rb") as handle:
        for line in handle:
            rule, _, path = line.rstrip(b"\n").decode("utf-8", "surrogateescape").partition(" ")
            if path.startswith(tree):
                flagged[os.path.relpath(path, tree)].append(rule)
    return {"seconds": wall, "cpu": cpu, "memory": memory, "rss_mb": memory and memory["peak_mb"], "rc": rc,
            "flagged": dict(flagged)}


def best_of(runs):
    """The first of ``runs`` (dicts of run_yara() or run_module()) with the least wall time and the least CPU time of
    them all, the largest memory, and every run's times (``*_runs``).

    On a shared machine a run is only ever slowed down by the rest of it, so each engine's least time is its
    least disturbed one; the same rule for both engines (yara's times vary more, so it favours the peer).
    """
    best = dict(runs[0])
    best["seconds_runs"] = [round(run["seconds"], 3) for run in runs]
    best["cpu_runs"] = [round(run["cpu"], 3) for run in runs]
    best["seconds"] = min(run["seconds"] for run in runs)
    best["cpu"] = min(run["cpu"] for run in runs)
    sampled = [run["memory"] for run in runs if run["memory"]]
    best["memory"] = {key: max(memory[key] for memory in sampled) for key in sampled[0]} if sampled else None
    best["rss_mb"] = best["memory"] and best["memory"]["peak_mb"]
    return best


def with_memory(timed, sampled):
    """``timed`` (best_of() of unsampled runs) with the memory of the ``sampled`` run of the same engine."""
    return dict(timed, memory=sampled["memory"], rss_mb=sampled["rss_mb"])


def module_args(tree, state):
    """The module's arguments: the tree, and its own state file for the incremental re-scan."""
    return {"paths": [tree], "state_path": state}


def snapshot_code(workdir, repo=REPO):
    """Copy the collection's plugins/ once, so the full scan and the re-scan run the same code
    even while someone edits the working tree (the state cache is keyed to the engine version)."""
    dest = os.path.join(workdir, "collections", "ansible_collections", "sitekeeper", "website")
    shutil.copytree(os.path.join(repo, "plugins"), os.path.join(dest, "plugins"),
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    head = subprocess.run(["git", "-C", repo, "rev-parse", "--short=7", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", repo, "status", "--porcelain", "--", "plugins/modules/docroot_scan.py",
                            "plugins/module_utils/docroot"], capture_output=True, text=True)
    version = (head.stdout.strip() or "unknown") + ("+uncommitted" if dirty.stdout.strip() else "")
    return os.path.join(dest, "plugins", "modules", "docroot_scan.py"), os.path.join(workdir, "collections"), version


def pythonpath_of(module):
    """The folder holding ``ansible_collections`` for the module file ``module`` (its own copy of module_utils is what
    it imports), or None (this checkout's) when it does not lie in a collection."""
    parts = os.path.abspath(module).split(os.sep)
    if len(parts) > 6 and parts[-6] == "ansible_collections" and parts[-3:-1] == ["plugins", "modules"]:
        return os.sep.join(parts[:-6])
    return None


def module_to_run(given, workdir):
    """(module file, PYTHONPATH, code version) of the ``--module`` file ``given``, or of a snapshot of this checkout's
    code (snapshot_code) when none is given."""
    if given:
        return given, pythonpath_of(given), "given"
    return snapshot_code(workdir)


def run_module(tree, state, workdir, tag, extra=None, module=MODULE, pythonpath=None, sample=True):
    """Run the Ansible module the way Ansible does (args file), in its own process; its memory when ``sample``."""
    args = module_args(tree, state)
    args.update(extra or {})
    args_path = os.path.join(workdir, "args-%s.json" % tag)
    with open(args_path, "w") as handle:
        json.dump({"ANSIBLE_MODULE_ARGS": args}, handle)
    env = dict(os.environ, PYTHONPATH=pythonpath or os.path.join(REPO, "collections"))
    out = os.path.join(workdir, "module-%s.out" % tag)
    wall, cpu, memory, rc = run_child([sys.executable, module, args_path], out, env=env, sample=sample)
    with open(out, "rb") as handle:
        raw = handle.read().decode("utf-8", "replace")
    result = json.loads(raw[raw.find("{"):]) if "{" in raw else {"failed": True, "msg": raw[-2000:]}
    if rc or result.get("failed"):
        raise SystemExit("docroot_scan failed (rc %s): %s" % (rc, result.get("msg", raw[-2000:])))
    flagged = {}
    for item in result.get("flagged", []):
        path = item["path"]
        rel = os.path.relpath(path, tree) if os.path.isabs(path) else path
        flagged[rel] = item
    return {"seconds": wall, "cpu": cpu, "memory": memory, "rss_mb": memory and memory["peak_mb"], "flagged": flagged,
            "result": result}


# -- scoring ---------------------------------------------------------------------------------

LANGS = (("php", (".php", ".php3", ".php4", ".php5", ".php7", ".phtml", ".pht", ".inc", ".txt")),
         ("asp", (".asp", ".aspx", ".ascx", ".ashx", ".asmx", ".asa", ".cer", ".master")),
         ("jsp", (".jsp", ".jspx", ".jspf", ".tag")),
         ("html/js", (".html", ".htm", ".js")))


def lang_of(path):
    """The language group of a file by its name (the peer's rules read PHP only)."""
    low = path.lower()
    for name, exts in LANGS:
        if low.endswith(exts):
            return name
    return "other"


def found_by_module(item):
    return item is not None and item.get("kind") != "unexpected_change"


def score(records, flagged, hit=bool):
    """Per class, source and language: found/total for shells and spam, false alarms/total for benign.

    ``fresh`` is the same count, by language and in all, over the HOLDOUT_SHELLS collections only
    (the estimate of how the scan does on shells nobody tuned on).
    """
    by_class = defaultdict(lambda: [0, 0])
    by_source = defaultdict(lambda: [0, 0])
    by_lang = defaultdict(lambda: [0, 0])
    fresh = defaultdict(lambda: [0, 0])
    for rel, rec in records.items():
        ok = hit(flagged.get(rel))
        keys = [(by_class, rec["label"]), (by_source, (rec["label"], rec["source"])),
                (by_lang, (rec["label"], lang_of(rel)))]
        if rec["label"] != "benign" and rec["source"] in HOLDOUT_SHELLS:
            keys += [(fresh, (rec["label"], lang_of(rel))), (fresh, (rec["label"], "all"))]
        for table, key in keys:
            table[key][0] += int(ok)
            table[key][1] += 1
    bad = [by_class[c] for c in CLASSES]
    found, total = sum(b[0] for b in bad), sum(b[1] for b in bad)
    benign = by_class["benign"]
    return {
        "classes": {k: {"flagged": v[0], "total": v[1]} for k, v in sorted(by_class.items())},
        "sources": {"%s/%s" % k: {"flagged": v[0], "total": v[1]} for k, v in sorted(by_source.items())},
        "languages": {"%s/%s" % k: {"flagged": v[0], "total": v[1]} for k, v in sorted(by_lang.items())},
        "fresh": {"%s/%s" % k: {"flagged": v[0], "total": v[1]} for k, v in sorted(fresh.items())},
        "recall": round(found / total, 4) if total else None,
        "false_alarm_rate": round(benign[0] / benign[1], 5) if benign[1] else None,
        "found": found, "bad_total": total, "false_alarms": benign[0], "benign_total": benign[1],
    }


def pct(a, b):
    return "%d/%d (%.1f%%)" % (a, b, 100.0 * a / b) if b else "-"


def print_table(mine, peer):
    for part, title in (("sources", "by source"), ("languages", "by language"),
                        ("fresh", "fresh collections (held out in full), by language")):
        if not mine[part]:
            continue
        print("\n%-52s %22s %22s" % (title, "Sitekeeper", "php-malware-finder"))
        for key in sorted(mine[part]):
            m = mine[part][key]
            p = peer[part][key] if peer else None
            print("%-52s %22s %22s" % (key, pct(m["flagged"], m["total"]), pct(p["flagged"], p["total"]) if p else "-"))
    print()
    for cls in sorted(mine["classes"]):
        m = mine["classes"][cls]
        p = peer["classes"][cls] if peer else None
        what = "false alarms" if cls == "benign" else "found"
        print("%-52s %22s %22s" % ("%s (%s)" % (cls, what), pct(m["flagged"], m["total"]),
                                   pct(p["flagged"], p["total"]) if p else "-"))


def write_misses(path, records, flagged, peer_flagged):
    """The dev split's misses and false alarms, for whoever tunes the detection."""
    with open(path, "w") as handle:
        for rel, rec in sorted(records.items()):
            item = flagged.get(rel)
            hit = found_by_module(item)
            if rec["label"] == "benign" and hit:
                handle.write("FALSE_ALARM\t%s\t%s\t%s\t%s\n" % (rec["source"], rel, item.get("score"),
                                                               ",".join(str(x) for x in item.get("signals", [])[:12])))
            elif rec["label"] != "benign" and not hit:
                handle.write("MISS\t%s\t%s\t%s\tyara:%s\n" % (rec["label"], rec["source"], rel,
                                                            ",".join(peer_flagged.get(rel, [])) or "-"))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "holdout", "all"), default="holdout")
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--no-shared", action="store_true", help="leave out ../shared/data/webshell-dev")
    ap.add_argument("--no-yara", action="store_true")
    ap.add_argument("--misses", help="write the misses and false alarms (dev split only) to this file")
    ap.add_argument("--keep", help="extract into this directory and keep it")
    ap.add_argument("--module", help="the module file to run, with its collection's module_utils (default: a copy of this checkout's plugins/)")
    ap.add_argument("--module-args", default="{}", help="extra module arguments, JSON")
    ap.add_argument("--repeat", type=int, default=3,
                    help="run yara and the full scan this many times, alternately; each engine's least time counts")
    args = ap.parse_args(argv)
    if args.misses and args.split != "dev":
        raise SystemExit("--misses is for the dev split: the holdout must not be used for tuning")
    workdir = tempfile.mkdtemp(prefix="docroot-bench-")
    try:
        return _run(args, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _run(args, workdir):
    tree = args.keep or os.path.join(workdir, "tree")
    os.makedirs(tree, exist_ok=True)
    records = extract(tree, args.split, args.data, None if args.no_shared else SHARED_DEV)
    counts = defaultdict(int)
    for rec in records.values():
        counts[rec["label"]] += 1
    size = sum(os.path.getsize(os.path.join(tree, r)) for r in records)
    print("split %s: %d files (%s), %.1f MB" % (args.split, len(records), dict(sorted(counts.items())), size / 1e6))
    state = os.path.join(workdir, "state")
    os.makedirs(state)
    state = os.path.join(state, "docroot-state.json")
    extra = json.loads(args.module_args)
    module, pythonpath, version = module_to_run(args.module, workdir)
    print("module code: %s" % version)
    peers, fulls = [], []
    for _run_index in range(max(1, args.repeat)):
        if not args.no_yara:
            peers.append(run_yara(tree, workdir, sample=False))
        if os.path.exists(state):
            os.remove(state)  # every full scan starts without cached verdicts
        fulls.append(run_module(tree, state, workdir, "full", extra, module, pythonpath, sample=False))
    if any(set(run["flagged"]) != set(fulls[0]["flagged"]) for run in fulls):
        raise SystemExit("the full scans flagged different files: the verdicts must not depend on the run")
    peer = best_of(peers) if peers and peers[0] else None
    full = best_of(fulls)
    changed = pick_changed(records)
    change_files(tree, changed)
    # The re-scan runs as often as the full scan, each time from the state the last full scan left.
    kept = state + ".full"
    shutil.copyfile(state, kept)
    rescans = []
    for _run_index in range(len(fulls)):
        shutil.copyfile(kept, state)
        rescans.append(run_module(tree, state, workdir, "rescan", extra, module, pythonpath, sample=False))
    # Memory: one more run of each, sampled (see run_child), after the timed ones.
    shutil.copyfile(kept, state)
    rescan = with_memory(best_of(rescans), run_module(tree, state, workdir, "rescan", extra, module, pythonpath))
    os.remove(state)
    full = with_memory(full, run_module(tree, state, workdir, "full", extra, module, pythonpath))
    if peer:
        peer = with_memory(peer, run_yara(tree, workdir))
    mine = score(records, full["flagged"], found_by_module)
    peer_score = score(records, peer["flagged"]) if peer else None
    print_table(mine, peer_score)
    print("\nfull scan %.2f s (CPU %.2f s), peak memory %.0f MB (PSS summed over its processes; summed RSS %.0f MB,"
          " largest process %.0f MB); re-scan after %d changed files %.2f s (CPU %.2f s, %.1f%% of full)"
          % (full["seconds"], full["cpu"], full["rss_mb"], full["memory"]["rss_sum_mb"],
             full["memory"]["max_process_rss_mb"], len(changed), rescan["seconds"], rescan["cpu"],
             100 * rescan["seconds"] / full["seconds"]))
    if peer:
        print("yara -r (php-malware-finder rules, YARA's default threads) %.2f s (CPU %.2f s), peak memory %.0f MB;"
              " scan/yara %.2f (CPU %.2f)" % (peer["seconds"], peer["cpu"], peer["rss_mb"],
                                             full["seconds"] / peer["seconds"], full["cpu"] / peer["cpu"]))
    print("least of %d runs each, alternately; every run's CPU seconds: scan %s, yara %s"
          % (len(fulls), full["cpu_runs"], peer["cpu_runs"] if peer else "-"))
    load = os.getloadavg()[0]
    print("load average at the end: %.2f on %d cores" % (load, os.cpu_count() or 1))
    if args.misses:
        write_misses(args.misses, records, full["flagged"], peer["flagged"] if peer else {})
        with open(args.misses + ".flagged.json", "w") as handle:
            json.dump({rel: dict(item, label=records.get(rel, {}).get("label")) for rel, item in full["flagged"].items()},
                      handle, indent=0, sort_keys=True)
    summary = {
        "split": args.split, "code": version, "files": len(records), "bytes": size, "by_label": dict(sorted(counts.items())),
        "scan_s": round(full["seconds"], 3), "rescan_s": round(rescan["seconds"], 3),
        "scan_cpu_s": round(full["cpu"], 3), "rescan_cpu_s": round(rescan["cpu"], 3), "load": round(load, 2),
        "runs": len(fulls), "scan_s_runs": full["seconds_runs"], "scan_cpu_s_runs": full["cpu_runs"],
        "rescan_s_runs": rescan["seconds_runs"],
        "rescan_changed_files": len(changed), "rescan_ratio": round(rescan["seconds"] / full["seconds"], 4),
        # The scan's peak footprint (see run_child): PSS summed over its process tree, or its largest process's
        # own peak RSS if higher; the summed RSS beside it counts the pages forked workers share once per process.
        "peak_rss_mb": round(max(full["rss_mb"], rescan["rss_mb"]), 1),
        "peak_memory_measure": "max(summed PSS of the process tree, largest single-process peak RSS)",
        "peak_rss_sum_mb": round(max(full["memory"]["rss_sum_mb"], rescan["memory"]["rss_sum_mb"]), 1),
        "peak_process_rss_mb": round(max(full["memory"]["max_process_rss_mb"],
                                         rescan["memory"]["max_process_rss_mb"]), 1),
        "recall": mine["recall"], "false_alarm_rate": mine["false_alarm_rate"],
        "classes": mine["classes"], "languages": mine["languages"], "fresh": mine["fresh"],
        "false_alarms": mine["false_alarms"], "benign_total": mine["benign_total"],
        "rescan_flagged_changed": sum(1 for p in changed if p in rescan["flagged"]),
    }
    if peer:
        summary.update({
            "yara_s": round(peer["seconds"], 3), "yara_cpu_s": round(peer["cpu"], 3),
            "yara_rss_mb": round(peer["rss_mb"], 1), "scan_to_yara": round(full["seconds"] / peer["seconds"], 3),
            "yara_s_runs": peer["seconds_runs"], "yara_cpu_s_runs": peer["cpu_runs"],
            "scan_to_yara_cpu": round(full["cpu"] / peer["cpu"], 3),
            "yara_recall": peer_score["recall"], "yara_false_alarm_rate": peer_score["false_alarm_rate"],
            "yara_classes": peer_score["classes"], "yara_languages": peer_score["languages"],
            "yara_fresh": peer_score["fresh"],
        })
    else:
        summary["yara_s"] = None
    print(json.dumps(summary, sort_keys=True))
    return summary


if __name__ == "__main__":
    main()
