"""Docroot scan on corpora kept out of development, beside php-malware-finder (issue 14). Measure only.

    python benchmarks/docroot_unseen.py --labelled GITDIR [--shells GITDIR ...] [--exclude-dir DIR ...]
                                        [--module-args JSON]

A check that this repository's own corpora cannot give: public PHP nobody here has read. ``--labelled`` is a
git repository laid out as JiaHeng-DLUT/Webshell-samples (``samples/webshell/...`` and
``samples/nonwebshell/...``) or as for-just-we/webshell_sample (``train/webshell/``, ``test/normal/``, ...); each ``--shells`` repository's PHP files are all shells (z3n70/webshell_bypass).
Files whose sha256 is in this repository's corpora (both splits, the shared ``webshell-dev`` set) or under an
``--exclude-dir`` (corpora tuned on outside the repository) are left out, so nothing tuned on or held out is
counted twice. The rest is written to a temporary tree under neutral names, scanned once by the module as
Ansible runs it and by ``yara -r`` with php-malware-finder's rules (the same helpers as
``docroot_scan.py``), and counted per source: shells found, benign files flagged. Then 1 % of the files change and
the module scans again with the state of its full scan: the wall times of both scans and of yara, and the re-scan's
share of the full scan, on a tree of another shape than the held-out one (one folder of small PHP files). Never tune
on what it reports: once its files are looked at, they are no longer unseen (the applications of ``LOOKED_AT`` were,
in session 30: their benign files are counted apart). The LAST line is one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # run as a script or imported from tests

import docroot_corpus  # noqa: E402
import docroot_scan  # noqa: E402

PHP_NAMES = (".php", ".php3", ".php4", ".php5", ".php7", ".phtml", ".inc")
# Applications of JiaHeng-DLUT/Webshell-samples' "nonwebshell" folder whose false alarms were looked at (session 30,
# the half whose name's sha256 is even): development data since. Their files, and any file with the same content
# elsewhere, are counted apart as ".../looked-at"; the other applications' files stay unseen.
LOOKED_AT = frozenset({"elefant-elefant_2_0_9_stable", "elgg-v2", "ZenTaoPMS_v11", "yk365_v1", "qlzmtxwxt_v1",
                       "S-CMS_v3", "Catfishcms_v4", "ipdzcx_v1", "shopsn_v2"})


def known_hashes(exclude_dirs):
    """sha256 of every file of this repository's corpora and of the given folders."""
    known = {hashlib.sha256(data).hexdigest() for _label, _source, _rel, data in docroot_scan.iter_corpus()}
    for folder in exclude_dirs:
        known.update(hashlib.sha256(data).hexdigest() for _path, data in docroot_corpus.dir_files(folder))
    return known


def source_name(gitdir):
    """owner+name of a mirror (…/owner+name/repo) or the folder's own name."""
    parts = os.path.normpath(gitdir).split(os.sep)
    while len(parts) > 1 and parts[-1] in ("repo", ".git"):  # …/owner+name/repo/.git: a mirror with a work tree
        parts.pop()
    return parts[-1]


def unseen_files(labelled, shells, known):
    """[(source, label, bytes)] of the PHP files not in ``known``, each content once."""
    out, seen = [], set(known)

    def add(source, label, data):
        sha = hashlib.sha256(data).hexdigest()
        if sha not in seen:
            seen.add(sha)
            out.append((source, label, data))

    if labelled:
        files, _commit = docroot_corpus.git_files(labelled, "", keep=lambda p: p.lower().endswith(PHP_NAMES))
        looked_at = {hashlib.sha256(data).hexdigest() for path, data in files if _application(path) in LOOKED_AT}
        for path, data in files:
            label = "webshell" if "/webshell/" in path else "benign" if "/nonwebshell/" in path or "/normal/" in path \
                else None
            if label:
                looked = label == "benign" and hashlib.sha256(data).hexdigest() in looked_at
                add(source_name(labelled) + ("/looked-at" if looked else ""), label, data)
    for gitdir in shells:
        files, _commit = docroot_corpus.git_files(gitdir, "", keep=lambda p: p.lower().endswith(PHP_NAMES))
        for _path, data in files:
            add(source_name(gitdir), "webshell", data)
    return out


def _application(path):
    """The application folder of a path under .../nonwebshell/ (samples/nonwebshell/APP/...), else None."""
    parts = path.split("/")
    return parts[parts.index("nonwebshell") + 1] if "nonwebshell" in parts[:-2] else None


def count(records, flagged):
    """{source/label: [flagged, total]}."""
    out = defaultdict(lambda: [0, 0])
    for rel, (source, label) in records.items():
        out["%s/%s" % (source, label)][0] += int(rel in flagged)
        out["%s/%s" % (source, label)][1] += 1
    return dict(sorted(out.items()))


def print_counts(summary, width=50):
    """One line per source and label: the files Sitekeeper flagged beside those php-malware-finder flagged."""
    peer = summary["php_malware_finder"]
    for key, (hit, total) in summary["sitekeeper"].items():
        print("%-*s sitekeeper %5d/%-6d php-malware-finder %s/%d" % (width, key, hit, total,
                                                                     peer[key][0] if peer else "-", total))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--labelled", help="a repository with .../webshell/ and .../nonwebshell/ (or .../normal/) folders")
    ap.add_argument("--shells", action="append", default=[], help="a repository whose PHP files are all shells")
    ap.add_argument("--exclude-dir", action="append", default=[], help="leave out files with the same content")
    ap.add_argument("--module-args", default="{}", help="extra module arguments, JSON")
    args = ap.parse_args(argv)
    if not args.labelled and not args.shells:
        raise SystemExit("give --labelled and/or --shells")
    files = unseen_files(args.labelled, args.shells, known_hashes(args.exclude_dir))
    if not files:
        raise SystemExit("no unseen PHP file in the given repositories")
    workdir = tempfile.mkdtemp(prefix="docroot-unseen-")
    try:
        tree = os.path.join(workdir, "tree")
        os.makedirs(tree)
        records = {}
        for number, (source, label, data) in enumerate(files):
            rel = "f%06d.php" % number
            with open(os.path.join(tree, rel), "wb") as handle:
                handle.write(data)
            records[rel] = (source, label)
        module, pythonpath, version = docroot_scan.snapshot_code(workdir)
        state = os.path.join(workdir, "state.json")
        extra = json.loads(args.module_args)
        mine = docroot_scan.run_module(tree, state, workdir, "full", extra, module, pythonpath)
        flagged = {rel for rel, item in mine["flagged"].items() if docroot_scan.found_by_module(item)}
        peer = docroot_scan.run_yara(tree, workdir)
        # The incremental re-scan after 1 % of the files changed, as docroot_scan.py measures it (one run here).
        docroot_scan.change_files(tree, docroot_scan.pick_changed(records))
        rescan = docroot_scan.run_module(tree, state, workdir, "rescan", extra, module, pythonpath)
        summary = {"code": version, "files": len(records), "sitekeeper": count(records, flagged),
                   "php_malware_finder": count(records, set(peer["flagged"])) if peer else None,
                   "scan_s": round(mine["seconds"], 3), "scan_cpu_s": round(mine["cpu"], 3),
                   "peak_rss_mb": round(mine["memory"]["peak_mb"], 1),
                   "rescan_s": round(rescan["seconds"], 3),
                   "rescan_ratio": round(rescan["seconds"] / mine["seconds"], 4),
                   "yara_s": round(peer["seconds"], 3) if peer else None,
                   "yara_cpu_s": round(peer["cpu"], 3) if peer else None}
        print_counts(summary)
        print("full scan %.2f s (CPU %.2f s), %.0f MB; re-scan after 1 %% changed %.2f s (%.1f %%); yara -r %s" % (
            mine["seconds"], mine["cpu"], summary["peak_rss_mb"], rescan["seconds"], 100 * summary["rescan_ratio"],
            "%.2f s (CPU %.2f s)" % (peer["seconds"], peer["cpu"]) if peer else "not installed"))
        print(json.dumps(summary, sort_keys=True))
        return summary
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
