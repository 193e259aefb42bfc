"""What each part of the docroot analysis costs: the breakdown behind issue 14's speed target.

    python benchmarks/docroot_costs.py [--split dev] [--label benign] [--kind php|other|all] [--dir DIR]

CPU time of ``analyse()`` in this process over the chosen files (a split of this repository's corpora, or every
file under ``--dir``), with the bundled generic YARA rules when ``yara-python`` imports: once as it is (the best
of two runs), then once per part with that part replaced by a function that finds nothing. The difference is
what the part costs, an estimate only: without a part, later steps may run on more files (a shell no longer
reaching the critical score goes on to the costlier deep pass: negative figures) or on fewer. Verdicts are not
the point here and are not printed. The LAST line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # run as a script or imported from tests

import docroot_corpus  # noqa: E402
import docroot_scan  # noqa: E402

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import (  # noqa: E402
    analyse,
    decode,
    php,
    phpactions,
    phpeval,
    spam,
    vocabulary,
    yarascan,
)


def _nothing(*_args, **_kwargs):
    return None


# (part, module, function, what replaces it: the same "found nothing" answer its callers expect)
PARTS = (
    ("generic YARA rules", yarascan, "match", _nothing),
    ("spam signals", spam, "score_spam", _nothing),
    ("vocabulary score", vocabulary, "weigh", _nothing),
    ("PHP actions (phpactions)", phpactions, "score_actions", _nothing),
    ("PHP shell-UI features", php, "_features", _nothing),
    ("PHP obfuscation measures", php, "_obfuscation", lambda *_args: []),
    ("PHP taint to sinks", php, "_tainted_sinks", lambda *_args: []),
    ("PHP signal patterns (first_match)", php, "first_match", _nothing),
    ("partial evaluation (phpeval)", phpeval, "recover", lambda *_args: ""),
    ("deep pass (normalise, decode, score again)", decode, "decoded_layers", lambda text: ([text], len(text))),
)


def corpus_files(split, label):
    for file_label, source, rel, data, _sha, _split in docroot_scan.iter_split(split):
        if label in ("all", file_label):
            yield source + "/" + rel, data


def wanted_kind(rel, kind):
    return kind == "all" or (analyse.kind_of_name(rel) == "php") == (kind == "php")


def cpu_of(files, rules):
    start = time.process_time()
    for rel, data in files:
        analyse.analyse(rel, data, php.THRESHOLD, list(analyse.DEFAULT_UPLOAD_DIRS), rules)
    return time.process_time() - start


def measure(files, rules, parts=PARTS):
    """{"base_cpu_s": ..., "parts": {part: seconds it saves}}; every function is put back afterwards."""
    base = min(cpu_of(files, rules) for _ in range(2))
    saved = {}
    for name, module, attribute, replacement in parts:
        original = getattr(module, attribute)
        setattr(module, attribute, replacement)
        try:
            saved[name] = round(base - cpu_of(files, rules), 3)
        finally:
            setattr(module, attribute, original)
    return {"base_cpu_s": round(base, 3), "parts": saved}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "holdout", "all"))
    parser.add_argument("--label", default="benign", help="benign, webshell, spam or all")
    parser.add_argument("--kind", default="php", choices=("php", "other", "all"))
    parser.add_argument("--dir", help="every file under this folder instead of the corpora")
    args = parser.parse_args(argv)
    source = docroot_corpus.dir_files(args.dir) if args.dir else corpus_files(args.split, args.label)
    files = [(rel, data) for rel, data in source if wanted_kind(rel, args.kind)]
    rules = yarascan.load(None, True)[0]
    result = measure(files, rules)
    result.update({"files": len(files), "bytes": sum(len(data) for _rel, data in files)})
    print("%d files, %.1f MB: analyse() %.2f s CPU" % (len(files), result["bytes"] / 1e6, result["base_cpu_s"]))
    for name, seconds in result["parts"].items():
        share = 100 * seconds / result["base_cpu_s"] if result["base_cpu_s"] else 0.0
        print("  %-45s %6.2f s  %5.1f %%" % (name, seconds, share))
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
