"""Docroot scan of a site with a large uploads folder: memory and time against the number of files (issue 14).

    flock /tmp/sitekeeper-bench.lock python benchmarks/docroot_uploads.py [--files 100000] [--module FILE]

A court's site keeps every published decision, photo and banner under ``wp-content/uploads``: tens of thousands
of small files, where the held-out tree (``docroot_scan.py``) has 8,695 files of code. The scan holds a little
per file (its path and state entry) in its main process, so its memory grows with the number of files, not with
their size. This builds such a tree (``--files`` PDF, JPEG and PNG files of 0.5-3 KB: the format's first bytes,
then random ones from a fixed seed; a folder per year and month; a few PHP pages and one web shell beside them),
then, in the same run, on the same tree:

- the module, as Ansible runs it (``docroot_scan.run_module``), from an empty state: a timed run, then a run
  sampled for memory (the summed PSS of its process tree, as ``docroot_scan.run_child`` measures it);
- ``yara -r`` with php-malware-finder's rules, the issue's peer: wall and CPU time, memory;
- the incremental re-scan after 1 % of the files changed.

It prints the peak memory against the issue's 200 MB, the scan's time against yara's, and whether the web shell
was found (a run that found nothing measured nothing). ``--module`` runs another copy of the module (older code,
to compare). The LAST line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # run as a script or imported from tests

import docroot_scan  # noqa: E402

MEMORY_TARGET_MB = 200
# The first bytes of each kind of upload, and its name.
UPLOADS = (("putusan-%d.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
           ("kegiatan-%d.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"),
           ("banner-%d-300x200.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
PAGES = {"index.php": b"<?php require __DIR__ . '/wp-blog-header.php';\n",
         "wp-blog-header.php": b"<?php if (!isset($wp_did_header)) { $wp_did_header = true; }\n",
         "wp-content/uploads/2019/07/cache.php": b"<?php @eval($_POST['x']); ?>\n"}
SHELL = "wp-content/uploads/2019/07/cache.php"


def build_tree(root, files, seed=1):
    """``files`` uploads under ``root``/wp-content/uploads/YEAR/MONTH (400 a folder) and PAGES; their relative paths."""
    rnd = random.Random(seed)
    made = []
    for number in range(files):
        name, head = UPLOADS[number % 3]
        rel = os.path.join("wp-content", "uploads", str(2010 + number // 4800), "%02d" % (number // 400 % 12 + 1),
                           name % number)
        made.append(rel)
        _write(root, rel, head + rnd.randbytes(rnd.randint(500, 3000)))
    for rel, data in PAGES.items():
        made.append(rel)
        _write(root, rel, data)
    return made


def _write(root, rel, data):
    os.makedirs(os.path.join(root, os.path.dirname(rel)), exist_ok=True)
    with open(os.path.join(root, rel), "wb") as handle:
        handle.write(data)


def measure(tree, files, workdir, module, pythonpath):
    """The figures of one run over ``tree``, whose ``files`` (relative paths) build_tree() made (see the docstring)."""
    state = os.path.join(workdir, "state.json")
    timed = docroot_scan.run_module(tree, state, workdir, "full", module=module, pythonpath=pythonpath, sample=False)
    os.unlink(state)
    sampled = docroot_scan.run_module(tree, state, workdir, "full-sampled", module=module, pythonpath=pythonpath)
    peer = docroot_scan.run_yara(tree, workdir)
    counts = sampled["result"]["counts"]
    docroot_scan.change_files(tree, docroot_scan.pick_changed(files))
    rescan = docroot_scan.run_module(tree, state, workdir, "rescan", module=module, pythonpath=pythonpath,
                                     sample=False)
    return {
        "files": counts["files"], "read": counts["read"], "shell_found": SHELL in sampled["flagged"],
        "flagged": sorted(sampled["flagged"]),
        "scan_s": round(timed["seconds"], 3), "scan_cpu_s": round(timed["cpu"], 3),
        "peak_mb": round(sampled["memory"]["peak_mb"], 1), "pss_sum_mb": round(sampled["memory"]["pss_sum_mb"], 1),
        "rss_sum_mb": round(sampled["memory"]["rss_sum_mb"], 1),
        "memory_to_target": round(sampled["memory"]["peak_mb"] / MEMORY_TARGET_MB, 3),
        "rescan_s": round(rescan["seconds"], 3), "rescan_ratio": round(rescan["seconds"] / timed["seconds"], 4),
        "yara_s": peer and round(peer["seconds"], 3), "yara_cpu_s": peer and round(peer["cpu"], 3),
        "yara_mb": peer and round(peer["memory"]["peak_mb"], 1),
        "scan_to_yara": peer and round(timed["seconds"] / peer["seconds"], 3),
        "scan_to_yara_cpu": peer and round(timed["cpu"] / peer["cpu"], 3),
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=100000, help="uploads in the tree (default 100,000)")
    ap.add_argument("--module", help="the module file to run, with its collection's module_utils (default: a copy of this checkout's plugins/)")
    args = ap.parse_args(argv)
    workdir = tempfile.mkdtemp(prefix="docroot-uploads-")
    try:
        tree = os.path.join(workdir, "tree")
        files = build_tree(tree, args.files)
        module, pythonpath, version = docroot_scan.module_to_run(args.module, workdir)
        summary = dict(measure(tree, files, workdir, module, pythonpath), code=version)
        print("%d files (%d read), code %s: full scan %.2f s (CPU %.2f s), peak memory %.0f MB (%.2f of %d MB; summed "
              "RSS %.0f MB); re-scan after 1 %% changed %.2f s (%.1f %%)" % (
                  summary["files"], summary["read"], version, summary["scan_s"], summary["scan_cpu_s"],
                  summary["peak_mb"], summary["memory_to_target"], MEMORY_TARGET_MB, summary["rss_sum_mb"],
                  summary["rescan_s"], 100 * summary["rescan_ratio"]))
        if summary["yara_s"] is not None:
            print("yara -r (php-malware-finder rules) %.2f s (CPU %.2f s), %.0f MB; scan/yara %.2f (CPU %.2f)" % (
                summary["yara_s"], summary["yara_cpu_s"], summary["yara_mb"], summary["scan_to_yara"],
                summary["scan_to_yara_cpu"]))
        print("web shell among the uploads: %s" % ("found" if summary["shell_found"] else "MISSED"))
        print(json.dumps(summary, sort_keys=True))
        return summary
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(0 if main()["shell_found"] else 1)
