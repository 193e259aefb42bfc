#!/usr/bin/env python3
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Train the docroot scan's vocabulary model (plugins/module_utils/docroot/vocabulary_model.py).

A logistic regression over which names (runs of a-z, 0-9 and _) a PHP file uses, one binary feature
per name, classes weighted equally, L2-regularised, fitted with L-BFGS. Training data: the
development split of benchmarks/data/docroot (never the held-out split) and the public corpora given
on the command line. Only names of MIN_LENGTH to 32 characters, not all digits, used by at least MIN_FILES
files of at least MIN_SOURCES different sources (applications or shell collections, named once each:
SAME_SOURCE) are features (a name only one application or one shell collection uses would teach the
model that source, not what shells have in common), and only weights of at least PRUNE_BELOW in size
are written (the others change no verdict in the cross-corpus check, see docs/docroot-detection.md).

Needs numpy and scipy; training only: the scan applies the written table with the standard library.

    python3 benchmarks/train_vocabulary.py \\
        --shells DIR ...            # a folder per shell collection under DIR, each file a shell
        --benign-git GITDIR[:PREFIX]  # benign PHP files of a bare git repository at HEAD (under PREFIX)
        [--out FILE] [--print-only]
"""

from __future__ import annotations

import argparse
import collections
import datetime
import hashlib
import json
import os
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "collections"))
sys.path.insert(0, HERE)

import docroot_corpus  # noqa: E402
import docroot_scan  # noqa: E402

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import analyse, vocabulary  # noqa: E402

OUT = os.path.join(REPO, "plugins", "module_utils", "docroot", "vocabulary_model.py")
MIN_FILES = 3
# Two-character names are mostly words of data, not of code (language and country codes, hex pairs, syllables
# of place names): a generated table of thousands of them summed enough small weights to look like a shell.
MIN_LENGTH = 3
MIN_SOURCES = 3
C = 1.0  # inverse regularisation strength
PRUNE_BELOW = 0.2
MAX_SIZE = 4 << 20


# One name per application or collection: the corpus tarballs, the shared set and the git mirrors ("owner+repo")
# name some of them differently, and MIN_SOURCES must not count one source twice.
SAME_SOURCE = {
    "bcit-ci+CodeIgniter": "codeigniter3",
    "codeigniter4+CodeIgniter4": "codeigniter4",
    "dokuwiki+dokuwiki": "dokuwiki",
    "drupal+core": "drupal-core",
    "laravel+framework": "laravel-framework",
    "matomo-org+matomo": "matomo",
    "symfony+symfony": "symfony",
    "takayukister+contact-form-7": "contact-form-7",
    "webshell-dev/tennc": "tennc-webshell",
}


def is_php(path):
    return analyse.kind_of_name(path) == "php"


def is_text(data):
    return b"\0" not in data[:8192] or b"<?php" in data


def dev_split():
    """(label, source, bytes) of the development split's PHP files (shells and benign)."""
    for label, source, rel, data in docroot_scan.iter_corpus():
        sha = hashlib.sha256(data).hexdigest()
        if label in ("webshell", "benign") and docroot_scan.split_of(label, source, sha) == "dev" and is_php(rel):
            yield label, source, data


def shell_folders(base):
    """(webshell, collection, bytes) of every file under base, one folder per collection."""
    for source in sorted(os.listdir(base)):
        for _path, data in docroot_corpus.dir_files(os.path.join(base, source)):
            yield "webshell", source, data


def git_files(spec):
    """(benign, repository name, bytes) of the PHP files at HEAD of a bare repository, optionally under PREFIX."""
    gitdir, _sep, prefix = spec.partition(":")
    name = os.path.basename(os.path.dirname(gitdir.rstrip("/"))) or gitdir
    files, _commit = docroot_corpus.git_files(gitdir, prefix, keep=is_php)
    for _path, data in files:
        yield "benign", name, data


def collect(shell_dirs, benign_gits):
    """[(is_shell, source, names)] deduplicated by content; a content under both labels is left out."""
    seen = {}
    sources = [dev_split()] + [shell_folders(d) for d in shell_dirs] + [git_files(g) for g in benign_gits]
    for stream in sources:
        for label, source, data in stream:
            if len(data) > MAX_SIZE or not is_text(data):
                continue
            sha = hashlib.sha256(data).hexdigest()
            if sha in seen:
                if seen[sha] is not None and seen[sha][0] != (label == "webshell"):
                    seen[sha] = None
                continue
            seen[sha] = (label == "webshell", SAME_SOURCE.get(source, source), vocabulary.names_of(data))
    return [item for item in seen.values() if item is not None]


def features(items):
    """The names kept as features, in a fixed order."""
    files, sources = collections.Counter(), collections.defaultdict(set)
    for _shell, source, names in items:
        for name in names:
            if MIN_LENGTH <= len(name) <= 32 and not name.isdigit():
                files[name] += 1
                sources[name].add(source)
    return sorted(n for n, count in files.items() if count >= MIN_FILES and len(sources[n]) >= MIN_SOURCES)


def fit(items, names):
    import numpy as np  # noqa: PLC0415 (training only)
    from scipy import sparse  # noqa: PLC0415
    from scipy.optimize import minimize  # noqa: PLC0415

    column = {name: i for i, name in enumerate(names)}
    rows, cols = [], []
    for row, (_shell, _source, file_names) in enumerate(items):
        for name in file_names:
            if name in column:
                rows.append(row)
                cols.append(column[name])
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(items), len(names)))
    y = np.array([shell for shell, _source, _names in items], float)
    positives = y.sum()
    sample_weight = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * (len(y) - positives)))

    def loss_and_gradient(params):
        w, b = params[:-1], params[-1]
        z = x @ w + b
        residual = sample_weight * (1 / (1 + np.exp(-z)) - y)
        loss = np.sum(sample_weight * (np.logaddexp(0, z) - y * z)) + 0.5 / C * (w @ w)
        return loss, np.append(x.T @ residual + w / C, residual.sum())

    result = minimize(loss_and_gradient, np.zeros(len(names) + 1), jac=True, method="L-BFGS-B",
                      options={"maxiter": 400})
    return result.x[:-1], float(result.x[-1])


def render(weights, bias, items):
    counts = collections.Counter(shell for shell, _source, _names in items)
    sources = {shell: sorted({source for s, source, _names in items if s == shell}) for shell in (True, False)}
    lines = [
        "# Copyright: Sitekeeper contributors",
        "# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)",
        '"""Weights of the vocabulary model (see vocabulary.py). Generated: do not edit.',
        "",
        "Written by benchmarks/train_vocabulary.py on %s from %d web shells and %d benign PHP files."
        % (datetime.date.today().isoformat(), counts[True], counts[False]),
        "",
    ]
    for shell, what in ((True, "Shell sources"), (False, "Benign sources")):
        lines += textwrap.wrap("%s: %s." % (what, ", ".join(sources[shell])), 110, break_on_hyphens=False)
    lines += [
        '"""',
        "",
        "BIAS = %r" % round(bias, 2),
        "WEIGHTS = {",
    ]
    lines += ["    %s: %r," % (json.dumps(name), weight) for name, weight in sorted(weights.items())]
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shells", action="append", default=[], help="a folder of shell collections")
    parser.add_argument("--benign-git", action="append", default=[], help="GITDIR[:PREFIX] of a benign application")
    parser.add_argument("--out", default=OUT)
    parser.add_argument("--print-only", action="store_true", help="print the counts, write nothing")
    args = parser.parse_args(argv)
    items = collect(args.shells, args.benign_git)
    counts = collections.Counter(shell for shell, _source, _names in items)
    names = features(items)
    print("files: %d shells, %d benign; %d features" % (counts[True], counts[False], len(names)))
    if args.print_only:
        return 0
    w, bias = fit(items, names)
    weights = {name.decode("ascii"): round(float(v), 2) for name, v in zip(names, w) if abs(v) >= PRUNE_BELOW}
    print("weights kept: %d; bias %.2f" % (len(weights), bias))
    with open(args.out, "w", encoding="utf-8") as handle:
        handle.write(render(weights, bias, items))
    return 0


if __name__ == "__main__":
    sys.exit(main())
