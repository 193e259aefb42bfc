"""False alarms of the docroot scan on whole benign applications read from git mirrors, beside php-malware-finder.

    python benchmarks/docroot_apps.py GITDIR[:PREFIX] ... [--all-files] [--module FILE] [--module-args JSON]

For applications that cannot be stored in ``benchmarks/data/docroot`` (a licence that does not allow passing them
on, or none) but whose code is public: the Chinese CMSs and frameworks of session 29 (DedeCMS, phpcms, Discuz! X,
ThinkPHP, Typecho, Z-BlogPHP), the kind of code a corpus of Chinese origin holds. Development data: their false
alarms were looked at and fixed, so the figures are optimistic, like the development split's.

Each ``GITDIR`` (a bare mirror, read at HEAD) is written under a neutral folder (``s00/``, ``s01/``, ...) with its
own paths below it (a template's extension and folder are part of what it is), from ``PREFIX`` on (the folder an
application ships its docroot in: ``upload/`` for Discuz! X). By default only the files the corpus keeps
(``docroot_corpus.keep_benign``: code and markup), so the rates compare with the corpus's; ``--all-files`` keeps
every file a docroot holds (IP databases, plugin archives, pictures). The module scans the tree once as Ansible runs
it and ``yara -r`` with php-malware-finder's rules once (``docroot_scan.py``'s helpers). The LAST line is one JSON
object: per application, files flagged and files.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # run as a script or imported from tests

import docroot_corpus  # noqa: E402
import docroot_scan  # noqa: E402
import docroot_unseen  # noqa: E402


def write_apps(tree, sources, all_files=False):
    """Write each GITDIR[:PREFIX] under ``tree``; {relative path: (application, "benign")}."""
    records = {}
    # The name is checked before the blob is read (no picture is read to be dropped), the size after.
    keep = None if all_files else (lambda path: docroot_corpus.keep_benign(path, b"x"))
    for number, source in enumerate(sources):
        gitdir, _sep, prefix = source.partition(":")
        files, _commit = docroot_corpus.git_files(gitdir, prefix, keep=keep)
        app = docroot_unseen.source_name(gitdir)
        for path, data in files:
            if not all_files and not docroot_corpus.keep_benign(path, data):
                continue  # empty or larger than the corpus takes
            rel = os.path.join("s%02d" % number, path)
            full = os.path.join(tree, rel)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as handle:
                handle.write(data)
            records[rel] = (app, "benign")
    return records


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sources", nargs="+", help="GITDIR[:PREFIX] of a benign application")
    ap.add_argument("--all-files", action="store_true", help="every file, not only the code and markup")
    ap.add_argument("--module-args", default="{}", help="extra module arguments, JSON")
    ap.add_argument("--module", help="the module file to run, with its collection's module_utils (older code)")
    args = ap.parse_args(argv)
    workdir = tempfile.mkdtemp(prefix="docroot-apps-")
    try:
        tree = os.path.join(workdir, "tree")
        records = write_apps(tree, args.sources, args.all_files)
        if not records:
            raise SystemExit("no file to scan in the given repositories")
        module, pythonpath, version = docroot_scan.module_to_run(args.module, workdir)
        mine = docroot_scan.run_module(tree, os.path.join(workdir, "state.json"), workdir, "full",
                                       json.loads(args.module_args), module, pythonpath, sample=False)
        flagged = {rel for rel, item in mine["flagged"].items() if docroot_scan.found_by_module(item)}
        peer = docroot_scan.run_yara(tree, workdir, sample=False)
        summary = {"code": version, "files": len(records), "all_files": args.all_files,
                   "sitekeeper": docroot_unseen.count(records, flagged),
                   "php_malware_finder": docroot_unseen.count(records, set(peer["flagged"])) if peer else None,
                   "flagged": sorted(flagged)}
        docroot_unseen.print_counts(summary, width=40)
        hits, total = (sum(v[i] for v in summary["sitekeeper"].values()) for i in (0, 1))
        print("all: %d of %d files flagged (%.2f %%)" % (hits, total, 100.0 * hits / total))
        print(json.dumps(summary, sort_keys=True))
        return summary
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
