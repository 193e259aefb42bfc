"""What each part of the docroot analysis costs: the breakdown behind issue 14's speed target.

    python benchmarks/docroot_costs.py [--split dev] [--label benign] [--kind php|other|all] [--dir DIR] [--floor]
    python benchmarks/docroot_costs.py --by-kind [--split holdout]

CPU time of ``analyse()`` in this process over the chosen files (a split of this repository's corpora, or every
file under ``--dir``), with the bundled generic YARA rules when ``yara-python`` imports: once as it is (the best
of two runs), then once per part with that part replaced by a function that finds nothing. The difference is
what the part costs, an estimate only: without a part, later steps may run on more files (a shell no longer
reaching the critical score goes on to the costlier deep pass: negative figures) or on fewer. Verdicts are not
the point here and are not printed.

With ``--floor``, the same files are also written to a temporary tree and scanned by ``yara -r`` with
php-malware-finder's rules (the peer of ``docroot_scan.py``, its CPU time in the same run), and the passes over
the text that any engine written in Python makes before it can tell anything are timed on their own: decoding
and lower-casing, listing the names (``php.words_of``) and one regular-expression tokeniser that cuts PHP into
its tokens (``TOKEN``). Each is printed as a multiple of yara's CPU time, beside ``analyse()``'s and the
1.5x budget of issue 14: how much of the budget the text passes alone use up.

With ``--by-kind``, instead of the parts: the split's files (every label) grouped by label and by the kind their
name gives (``analyse.kind_of_name``: php, other for ASP/JSP, markup, ...), and for each group ``analyse()``'s CPU
time beside that of ``yara -r -p 1`` with php-malware-finder's rules on the group alone: which files the scan is
slow on compared with the peer. The LAST line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # run as a script or imported from tests
# The engine from this checkout's collection tree, as train_vocabulary.py does (no PYTHONPATH needed).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "collections"))

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
    ("generic YARA rules", yarascan, "hits", lambda *_args: []),
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


# One token per match, every character in one token: blanks, comments, quoted strings, variables, names, numbers,
# any other single character. A lexer that does no more than this is the least a tokenised engine does per file.
TOKEN = re.compile(r"""\s+|//[^\n]*|#[^\n]*|/\*.*?(?:\*/|\Z)|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\$?[A-Za-z_]\w*|\d+|.""",
                   re.S)
SPEED_TARGET = 1.5  # issue 14: a full scan no slower than 1.5x yara -r with the peer's rules


def _tokens(text):
    count = 0
    for _match in TOKEN.finditer(text):
        count += 1
    return count


# The literals the first pass looks up before any pattern runs: the signal heads (php.heads_in) and the spam
# and cloaking gates (spam.py), all lower-case ASCII.
GATE_LITERALS = tuple(sorted({name for name, _parent, _spelling in php._LOOKUPS}
                             | {quoted for group in php._QUOTED_OF.values() for quoted, _spelling in group}
                             | set(spam._GATE) | set(spam._CLOAK_GATE)))
_SPAM_SPELLED = tuple(php.spelled(literal) for literal in sorted(set(spam._GATE) | set(spam._CLOAK_GATE)))


def gates_in_python(data):
    """The GATE_LITERALS in ``data`` as the engine finds them: decoded, lower-cased, looked up among its names."""
    low = data.decode("latin-1").lower()
    words = php.words_of(low)
    found = php.heads_in(low)
    found.update(spelling[0] for spelling in _SPAM_SPELLED if php.occurs(spelling, low, words))
    return found


def gate_rule():
    """GATE_LITERALS as one YARA rule (ASCII case ignored, as lower-casing latin-1 text does), or None."""
    yara = yarascan._yara()
    if yara is None:
        return None
    strings = "\n".join('  $g%d = "%s" nocase' % (number, literal.replace("\\", "\\\\").replace('"', '\\"'))
                        for number, literal in enumerate(GATE_LITERALS))
    return yara.compile(source="rule gates {\n strings:\n%s\n condition:\n  any of them\n}" % strings)


def gates_in_yara(rule, data):
    """The same set, found by YARA in one pass over the bytes (fast mode: each literal's first match only)."""
    return {GATE_LITERALS[int(string.identifier[2:])] for match in rule.match(data=data, fast=True)
            for string in match.strings}


# (pass, function of the file's bytes): each is timed over all files, the best of two runs
TEXT_PASSES = (
    ("decode and lower-case", lambda data: data.decode("latin-1").lower()),
    ("list the names (php.words_of)", lambda data: php.words_of(data.decode("latin-1").lower())),
    ("tokenise (TOKEN, one regular expression)", lambda data: _tokens(data.decode("latin-1"))),
    ("gate literals, Python (the engine's way)", gates_in_python),
)
YARA_GATE_STEP = "gate literals, one YARA rule"  # timed too when yara-python imports


def best_cpu(function, files, runs=2):
    best = None
    for _ in range(runs):
        start = time.process_time()
        for _rel, data in files:
            function(data)
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    return best


def write_tree(files, root):
    """The files under ``root``, each under a neutral numbered name keeping its extension."""
    for number, (rel, data) in enumerate(files):
        with open(os.path.join(root, "f%06d%s" % (number, os.path.splitext(rel)[1])), "wb") as handle:
            handle.write(data)


def floor(files, analyse_cpu):
    """{"yara_cpu_s", "passes": {pass: seconds}, ...}: the text passes and analyse() against yara -r, or None
    without the yara command."""
    with tempfile.TemporaryDirectory(prefix="sitekeeper-floor-") as workdir:
        tree = os.path.join(workdir, "tree")
        os.mkdir(tree)
        write_tree(files, tree)
        peer = docroot_scan.run_yara(tree, workdir)
    if peer is None:
        return None
    yara_cpu = peer["cpu"]
    passes = {name: round(best_cpu(function, files), 3) for name, function in TEXT_PASSES}
    rule = gate_rule()
    if rule is not None:
        passes[YARA_GATE_STEP] = round(best_cpu(lambda data: gates_in_yara(rule, data), files), 3)
    return {"yara_cpu_s": round(yara_cpu, 3), "passes": passes,
            "passes_to_yara": {name: round(cpu / yara_cpu, 3) for name, cpu in passes.items()},
            "analyse_to_yara": round(analyse_cpu / yara_cpu, 3), "target": SPEED_TARGET}


def print_floor(result, total_bytes):
    yara_cpu = result["yara_cpu_s"]
    print("yara -r (php-malware-finder's rules) on the same files: %.2f s CPU; %.1fx that is %.2f s" % (
        yara_cpu, SPEED_TARGET, SPEED_TARGET * yara_cpu))
    for name, seconds in result["passes"].items():
        print("  %-45s %6.2f s  %4.0f ns/byte  %5.2fx yara" % (
            name, seconds, 1e9 * seconds / max(1, total_bytes), result["passes_to_yara"][name]))
    print("  %-45s %13s  %5.2fx yara" % ("analyse() (above)", "", result["analyse_to_yara"]))


def by_kind(files, rules):
    """{group: {files, bytes, analyse_cpu_s, yara_cpu_s, to_yara}} for ``files`` of (label, rel, data), grouped by
    label and kind of name; None without the yara command."""
    if not shutil.which("yara"):
        return None
    groups = {}
    for label, rel, data in files:
        groups.setdefault("%s/%s" % (label, analyse.kind_of_name(rel)), []).append((rel, data))
    out = {}
    for group, members in sorted(groups.items()):
        with tempfile.TemporaryDirectory(prefix="sitekeeper-kind-") as tree:
            write_tree(members, tree)
            _wall, yara_cpu, _memory, _rc = docroot_scan.run_child(
                ["yara", "-r", "-w", "-p", "1", docroot_scan.PEER_RULES, tree], os.devnull)
        cpu = min(cpu_of(members, rules) for _ in range(2))
        out[group] = {"files": len(members), "bytes": sum(len(data) for _rel, data in members),
                      "analyse_cpu_s": round(cpu, 3), "yara_cpu_s": round(yara_cpu, 3),
                      "to_yara": round(cpu / yara_cpu, 2) if yara_cpu else None}
    return out


def print_by_kind(result):
    print("%-18s %6s %8s %12s %10s %8s" % ("group", "files", "MB", "analyse() s", "yara -r s", "ratio"))
    for group, row in result.items():
        print("%-18s %6d %8.1f %12.2f %10.2f %8s" % (group, row["files"], row["bytes"] / 1e6, row["analyse_cpu_s"],
                                                     row["yara_cpu_s"], row["to_yara"]))
    mine = sum(row["analyse_cpu_s"] for row in result.values())
    peer = sum(row["yara_cpu_s"] for row in result.values())
    print("%-18s %6d %8.1f %12.2f %10.2f %8.2f" % ("all", sum(row["files"] for row in result.values()),
                                                   sum(row["bytes"] for row in result.values()) / 1e6, mine, peer,
                                                   mine / peer if peer else 0.0))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "holdout", "all"))
    parser.add_argument("--label", default="benign", help="benign, webshell, spam or all")
    parser.add_argument("--kind", default="php", choices=("php", "other", "all"))
    parser.add_argument("--dir", help="every file under this folder instead of the corpora")
    parser.add_argument("--floor", action="store_true", help="also time yara -r and the bare text passes")
    parser.add_argument("--by-kind", action="store_true", help="analyse() and yara -r per label and kind of file")
    args = parser.parse_args(argv)
    rules = yarascan.load(None, True)[0]
    if args.by_kind:
        source = (("all", rel, data) for rel, data in docroot_corpus.dir_files(args.dir)) if args.dir else (
            (label, source + "/" + rel, data) for label, source, rel, data, _sha, _split in docroot_scan.iter_split(args.split))
        result = {"by_kind": by_kind(list(source), rules)}
        if result["by_kind"] is None:
            print("no yara command: nothing measured")
            return 1
        print_by_kind(result["by_kind"])
        print(json.dumps(result, sort_keys=True))
        return 0
    source = docroot_corpus.dir_files(args.dir) if args.dir else corpus_files(args.split, args.label)
    files = [(rel, data) for rel, data in source if wanted_kind(rel, args.kind)]
    result = measure(files, rules)
    result.update({"files": len(files), "bytes": sum(len(data) for _rel, data in files)})
    print("%d files, %.1f MB: analyse() %.2f s CPU" % (len(files), result["bytes"] / 1e6, result["base_cpu_s"]))
    for name, seconds in result["parts"].items():
        share = 100 * seconds / result["base_cpu_s"] if result["base_cpu_s"] else 0.0
        print("  %-45s %6.2f s  %5.1f %%" % (name, seconds, share))
    if args.floor:
        result["floor"] = floor(files, result["base_cpu_s"])
        if result["floor"] is None:
            print("no yara command: the floor is not measured")
        else:
            print_floor(result["floor"], result["bytes"])
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
