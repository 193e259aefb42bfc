"""Detection quality per attack class: Sitekeeper's audit beside ModSecurity + OWASP CRS and a naive regex.

    flock /tmp/sitekeeper-bench.lock python benchmarks/detect.py [--data DIR] [--no-crs] [--verbose] [--markdown]
    ... --data benchmarks/data/detect/holdout    # SQLi and XSS lines nobody tuned on (see SOURCES.md)

Corpora (benchmarks/data/detect/SOURCES.md): one labelled combined-format log per attack class, built
from public payload collections by benchmarks/detect_corpus.py, one client address per line; a
constructed benign log of tricky legitimate requests; and the real CrowdSec scenario lines
(tests/data/audit/crowdsec_dev.jsonl, scored per source IP as CrowdSec alerts).

Engines, on the same lines in the same run:

- **Sitekeeper**: the real audit path, ``audit([log])`` of module_utils/audit/parser.py (what
  ``access_log_audit`` runs) over ONE log mixing every class and the benign lines; a line is found
  when an incident names its client (one client per line), its class when the incident's detections
  include the class. Also the per-request classifier alone (``inspect_request``), for reference.
- **CRS PL1 / PL2** (when installed, see plugins/module_utils/audit/crs.py): each line's request,
  User-Agent and Referer replayed through ModSecurity v3 + CRS 3.3 in DetectionOnly mode; a line is
  found when CRS's inbound anomaly score reaches its blocking threshold (5), its class when a rule of
  the class's range fired.
- **naive regex**: one regular expression an administrator might grep with, on the URL-decoded line.

Per class: detected/total (attack lines found), false_alarms/benign (benign lines flagged AS that
class; the ``benign`` row counts benign lines flagged at all). The LAST line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import re
import sys
import tempfile
import time
from collections import defaultdict
from urllib.parse import unquote_to_bytes

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "collections"))
sys.path.insert(0, HERE)

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import crs  # noqa: E402
from ansible_collections.sitekeeper.website.plugins.module_utils.audit import detections as dets  # noqa: E402
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.formats import make_parser  # noqa: E402
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import audit  # noqa: E402

DATA = os.path.join(HERE, "data", "detect")
CROWDSEC = os.path.join(REPO, "tests", "data", "audit", "crowdsec_dev.jsonl")
HACKERS = os.path.join(REPO, "tests", "data", "audit", "hackers-access.log")
# nginx error-log lines and a proxy manager's mixed formats: no access-log parser reads them.
NOT_ACCESS_LOGS = {"nginx-http-generic-bf", "nginx_req_limit_exceeded", "nginx_http-catch-npm"}

# Detection ids that also count as the right class (the class is named differently by an engine).
ALIASES = {
    "exploit_probe": {"exploit_probe", "webshell"},
    "path_traversal": {"path_traversal"},
    # Server-side template injection is its own detection for the audit; the corpora file it by language.
    "java_injection": {"java_injection", "template_injection"},
    "php_injection": {"php_injection", "template_injection"},
    "nodejs_injection": {"nodejs_injection", "template_injection"},
    "sensitive_file": {"sensitive_file"},
}

# The naive peer: what an administrator might grep an access log with.
NAIVE = re.compile(
    rb"union\s+(?:all\s+)?select|select\s.+\sfrom\s|\bor\s+1\s*=\s*1|sleep\s*\(|<script|javascript:|onerror\s*=|"
    rb"\.\./|\.\.\\|/etc/passwd|win\.ini|\$\{jndi:|;\s*(?:cat|ls|id|wget|curl|uname)\b|\|\s*(?:cat|ls|id)\b|"
    rb"cmd\.exe|/bin/(?:ba)?sh|php://|base64_decode\(|\beval\(|system\(|/\.env\b|/\.git/|wp-config|=https?://")


def load_corpus(data=DATA):
    """[(label, raw line bytes, row)] for every class log and the benign log."""
    parser = make_parser("combined")
    out = []
    files = [os.path.join(data, n) for n in sorted(os.listdir(data)) if n.endswith(".log")]
    if "benign.log" not in os.listdir(data):  # the held-out attack set is scored against the same benign lines
        files.append(os.path.join(os.path.dirname(os.path.abspath(data)), "benign.log"))
    for path in files:
        name = os.path.basename(path)
        label = name[:-4]
        with open(path, "rb") as handle:
            raw = handle.read()
        lines = raw.splitlines(keepends=True)
        rows, refused = parser.parse_chunk(raw)
        if refused or len(rows) != len(lines):
            raise SystemExit("%s: %d lines, %d parsed" % (name, len(lines), len(rows)))
        out.extend((label, line, row) for line, row in zip(lines, rows))
    return out


def _empty():
    return {"detected": 0, "as_class": 0, "total": 0, "false_alarms": 0, "benign": 0}


def score(corpus, flagged):
    """Per-class figures from flagged = [(alarm: bool, detection ids: set) per corpus line]."""
    classes = sorted({label for label, _l, _r in corpus if label != "benign"})
    table = {c: _empty() for c in classes}
    benign_total = sum(1 for label, _l, _r in corpus if label == "benign")
    any_alarm = 0
    for (label, _line, _row), (alarm, ids) in zip(corpus, flagged):
        if label == "benign":
            if alarm:
                any_alarm += 1
                for c in classes:
                    if ids & ALIASES.get(c, {c}):
                        table[c]["false_alarms"] += 1
            continue
        t = table[label]
        t["total"] += 1
        if alarm:
            t["detected"] += 1
            if ids & ALIASES.get(label, {label}):
                t["as_class"] += 1
    for t in table.values():
        t["benign"] = benign_total
    attacks = {k: sum(t[k] for t in table.values()) for k in ("detected", "as_class", "total")}
    return {"classes": table, "all_attacks": attacks, "benign": {"false_alarms": any_alarm, "benign": benign_total}}


# -- engines -------------------------------------------------------------------

def _audit_kwargs(crs_stage):
    """Switch the audit's own CRS stage on or off, when the audit has such an option."""
    params = inspect.signature(audit).parameters
    for name in ("second_opinion", "crs", "crs_stage"):
        if name in params:
            return {name: crs_stage}
    return {}


def run_sitekeeper(corpus, crs_stage=None):
    fd, path = tempfile.mkstemp(suffix=".log")
    with os.fdopen(fd, "wb") as handle:
        handle.write(b"".join(line for _label, line, _row in corpus))
    kwargs = _audit_kwargs(crs_stage) if crs_stage is not None else {}
    try:
        start = time.perf_counter()
        result = audit([path], **kwargs)
        seconds = time.perf_counter() - start
    finally:
        os.unlink(path)
    by_client = {i["client"]: set(i["detections"]) for i in result["incidents"]}
    flagged = []
    for _label, _line, row in corpus:
        ids = by_client.get(row[0].decode())
        flagged.append((ids is not None, ids or set()))
    extra = {"seconds": round(seconds, 3), "lines": result["summary"]["requests"], "options": sorted(kwargs)}
    stage = result["summary"].get("second_opinion") or result.get("second_opinion")
    if stage:
        extra["crs_stage"] = stage
    return flagged, extra


def run_classifier(corpus):
    """The per-request classifier alone (no thresholds, no learning; status only for weak ids), when the API exists."""
    if not hasattr(dets, "inspect_request"):
        return None, None
    flagged = []
    cpu = time.process_time()
    for _label, _line, row in corpus:
        method, _, rest = row[3].partition(b" ")
        target = rest.rsplit(b" ", 1)[0] if rest.endswith((b"HTTP/1.0", b"HTTP/1.1", b"HTTP/2.0")) else rest
        verdict = dets.inspect_request(method, target, row[7], row[6])
        # A weak id counts only when the server answered 4xx (the classifier's contract).
        ids = {i[:-5] if i.endswith("_weak") else i for i in verdict.ids
               if not i.endswith("_weak") or row[4][:1] == b"4"}
        flagged.append((bool(ids), ids))
    return flagged, {"requests": len(corpus), "cpu_seconds": round(time.process_time() - cpu, 3)}


def run_crs(corpus, paranoia):
    items = [(row[3], row[7], row[6]) for _label, _line, row in corpus]
    verdicts, stats = crs.second_opinion(items, paranoia=paranoia, max_requests=10 ** 7, max_seconds=3600)
    return [(verdicts[i].alarm, set(verdicts[i].detections)) for i in items], stats


def naive_flags(rows):
    out = []
    for row in rows:
        text = row[3] + b" " + row[6] + b" " + row[7]
        for _ in range(2):
            text = unquote_to_bytes(text)
        out.append(bool(NAIVE.search(text.replace(b"\\x22", b'"').replace(b"\\x5C", b"\\").lower())))
    return out


# -- the CrowdSec lines, per source IP -------------------------------------------------

def crowdsec_tests(path=CROWDSEC):
    tests = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            rec = json.loads(raw)
            if rec["test"] not in NOT_ACCESS_LOGS:
                tests[rec["test"]].append(rec)
    return tests


def score_crowdsec(engines, path=CROWDSEC):
    """{engine: {attack_ips, found, benign_ips, flagged}}; IPs are counted per test (tests reuse addresses)."""
    out = {name: {"attack_ips": 0, "found": 0, "benign_ips": 0, "flagged": 0, "missed": [], "alarms": []}
           for name in engines}
    for test, recs in sorted(crowdsec_tests(path).items()):
        fmt = "json" if recs[0]["log_type"] == "traefik" else "combined"
        parser = make_parser(fmt)
        labels, rows, lines = defaultdict(set), [], []
        for rec in recs:
            line = rec["raw"].encode("utf-8", "surrogateescape") + b"\n"
            parsed, _ = parser.parse_chunk(line)
            lines.append(line)
            if parsed:
                rows.append(parsed[0])
                labels[parsed[0][0].decode("utf-8", "replace")].update(rec["label"])
        for name, engine in engines.items():
            flagged_ips = engine(lines, rows, fmt)
            o = out[name]
            for ip, labs in labels.items():
                if labs - {"none"}:
                    o["attack_ips"] += 1
                    if ip in flagged_ips:
                        o["found"] += 1
                    else:
                        o["missed"].append("%s %s" % (test, ip))
                else:
                    o["benign_ips"] += 1
                    if ip in flagged_ips:
                        o["flagged"] += 1
                        o["alarms"].append("%s %s" % (test, ip))
    return out


def _cs_sitekeeper(lines, _rows, fmt):
    fd, path = tempfile.mkstemp(suffix=".log")
    with os.fdopen(fd, "wb") as handle:
        handle.write(b"".join(lines))
    try:
        return {i["client"] for i in audit([path], fmt=fmt)["incidents"]}
    finally:
        os.unlink(path)


def _cs_crs(paranoia):
    def engine(_lines, rows, _fmt):
        items = [(r[3], r[7], r[6]) for r in rows]
        verdicts, _ = crs.second_opinion(items, paranoia=paranoia, max_requests=10 ** 7, max_seconds=3600)
        return {r[0].decode("utf-8", "replace") for r, i in zip(rows, items) if verdicts[i].alarm}
    return engine


def _cs_naive(_lines, rows, _fmt):
    return {r[0].decode("utf-8", "replace") for r, hit in zip(rows, naive_flags(rows)) if hit}


# -- report ----------------------------------------------------------------------

def _rate(a, b):
    return "%5.1f %%" % (100.0 * a / b) if b else "    -"


def print_table(name, figures):
    print("\n== %s" % name)
    print("%-18s %9s %7s %9s %9s   %s" % ("class", "detected", "rate", "as class", "false al.", "fa rate"))
    for cls, t in figures["classes"].items():
        print("%-18s %4d/%-4d %7s %9d %4d/%-4d %s" % (cls, t["detected"], t["total"],
                                                     _rate(t["detected"], t["total"]), t["as_class"],
                                                     t["false_alarms"], t["benign"],
                                                     _rate(t["false_alarms"], t["benign"])))
    a, b = figures["all_attacks"], figures["benign"]
    print("%-18s %4d/%-4d %7s %9d" % ("ALL ATTACKS", a["detected"], a["total"], _rate(a["detected"], a["total"]),
                                      a["as_class"]))
    print("%-18s %14s %9s %4d/%-4d %s" % ("BENIGN (any alarm)", "", "", b["false_alarms"], b["benign"],
                                         _rate(b["false_alarms"], b["benign"])))


def _pct(a, b):
    return "%.1f %%" % (100.0 * a / b) if b else "-"


def markdown(result):
    """The per-class comparison as a Markdown table (for docs/audit.md)."""
    engines = [("Sitekeeper audit", result)] + [(title, result[key]) for key, title in (
        ("sitekeeper_without_crs_stage", "audit without CRS stage"), ("sitekeeper_classifier", "classifier alone"))
        if key in result] + [(title, result["peers"][key]) for key, title in (
            ("crs_pl1", "CRS PL1"), ("crs_pl2", "CRS PL2"), ("naive_regex", "naive regex")) if key in result["peers"]]
    out = ["| class (lines) | " + " | ".join(name for name, _ in engines) + " |",
           "|---|" + "---|" * len(engines)]
    for cls, t in result["classes"].items():
        cells = []
        for _name, fig in engines:
            c = fig["classes"][cls]
            cells.append("%d (%s)" % (c["detected"], _pct(c["detected"], c["total"])))
        out.append("| %s (%d) | %s |" % (cls, t["total"], " | ".join(cells)))
    cells = ["**%s**" % _pct(f["all_attacks"]["detected"], f["all_attacks"]["total"]) for _n, f in engines]
    out.append("| **all attacks** (%d) | %s |" % (result["all_attacks"]["total"], " | ".join(cells)))
    cells = ["%d (%s)" % (f["benign"]["false_alarms"], _pct(f["benign"]["false_alarms"], f["benign"]["benign"]))
             for _n, f in engines]
    out.append("| benign lines flagged (%d) | %s |" % (result["benign"]["benign"], " | ".join(cells)))
    cs = result.get("crowdsec", {})
    keys = {"Sitekeeper audit": "sitekeeper", "CRS PL1": "crs_pl1", "CRS PL2": "crs_pl2", "naive regex": "naive_regex"}
    if cs:
        for title, field, total in (("CrowdSec attacker IPs found", "found", "attack_ips"),
                                    ("CrowdSec must-not-alert IPs flagged", "flagged", "benign_ips")):
            cells = []
            for name, _fig in engines:
                key = keys.get(name)
                cells.append("%d of %d" % (cs[key][field], cs[key][total]) if key in cs else "")
            out.append("| %s | %s |" % (title, " | ".join(cells)))
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DATA)
    ap.add_argument("--crowdsec", default=CROWDSEC)
    ap.add_argument("--no-crs", action="store_true", help="leave the CRS peer out even when installed")
    ap.add_argument("--verbose", action="store_true", help="list the benign lines each engine flags")
    ap.add_argument("--markdown", action="store_true", help="also print the comparison as a Markdown table")
    ap.add_argument("--misses", type=int, default=0, metavar="N",
                    help="print up to N attack lines per class that the audit missed")
    args = ap.parse_args(argv)

    corpus = load_corpus(args.data)
    rows = [row for _label, _line, row in corpus]
    result = {"corpus": {"lines": len(corpus), "data": os.path.relpath(args.data, REPO)}}
    ok, reason = crs.available()
    use_crs = ok and not args.no_crs
    result["crs_available"] = ok
    if not ok:
        print("CRS peer: not available (%s)" % reason)

    flagged, extra = run_sitekeeper(corpus)
    sk = score(corpus, flagged)
    sk.update(extra)
    print_table("Sitekeeper audit (access_log_audit's audit(), default options)", sk)
    result.update(sk)
    if _audit_kwargs(False):
        off, extra_off = run_sitekeeper(corpus, crs_stage=False)
        result["sitekeeper_without_crs_stage"] = dict(score(corpus, off), **extra_off)
        print_table("Sitekeeper audit without its CRS stage", result["sitekeeper_without_crs_stage"])
    if sk.get("crs_stage"):
        print("the audit's CRS stage: %s" % json.dumps(sk["crs_stage"], sort_keys=True))
    classifier, classifier_cost = run_classifier(corpus)
    if classifier is not None:
        cost_line = classifier_cost
        result["sitekeeper_classifier"] = score(corpus, classifier)
        print_table("Sitekeeper classifier alone (inspect_request per line, no thresholds, no learned paths)",
                    result["sitekeeper_classifier"])
        print("classifier cost: %d requests, %.2f s CPU (%.3f ms each)" % (
            cost_line["requests"], cost_line["cpu_seconds"], 1000.0 * cost_line["cpu_seconds"] / cost_line["requests"]))

    peers = {}
    cost = {"sitekeeper_classifier": classifier_cost} if classifier is not None else {}
    if use_crs:
        for pl in (1, 2):
            flags, stats = run_crs(corpus, pl)
            peers["crs_pl%d" % pl] = score(corpus, flags)
            cost["crs_pl%d" % pl] = stats
            print_table("ModSecurity v3 + OWASP CRS %s, paranoia %d" % (stats["crs_version"], pl),
                        peers["crs_pl%d" % pl])
            print("CRS cost: %d distinct requests in %.2f s wall, %.2f s CPU (%.2f ms CPU each)" % (
                stats["requests"], stats["seconds"], stats["cpu_seconds"],
                1000.0 * stats["cpu_seconds"] / max(stats["requests"], 1)))
    naive = naive_flags(rows)
    peers["naive_regex"] = score(corpus, [(hit, set()) for hit in naive])
    print_table("one naive regex (no classes: 'as class' and per-class false alarms do not apply)",
                peers["naive_regex"])
    result["peers"] = peers
    result["cost"] = cost

    engines = {"sitekeeper": _cs_sitekeeper, "naive_regex": _cs_naive}
    if use_crs:
        engines["crs_pl1"] = _cs_crs(1)
        engines["crs_pl2"] = _cs_crs(2)
    cs = score_crowdsec(engines, args.crowdsec)
    print("\n== CrowdSec scenario lines (%s), per source IP" % os.path.relpath(args.crowdsec, REPO))
    for name, o in cs.items():
        print("%-12s attacker IPs found %3d of %3d (%s) | must-not-alert IPs flagged %2d of %2d" % (
            name, o["found"], o["attack_ips"], _rate(o["found"], o["attack_ips"]).strip(), o["flagged"],
            o["benign_ips"]))
    result["crowdsec"] = {k: {x: v[x] for x in ("attack_ips", "found", "benign_ips", "flagged")}
                          for k, v in cs.items()}
    if args.verbose:
        for name, o in cs.items():
            for m in o["missed"]:
                print("  %s missed: %s" % (name, m))
            for a in o["alarms"]:
                print("  %s alarm: %s" % (name, a))
        for (label, line, _row), (alarm, ids) in zip(corpus, flagged):
            if label == "benign" and alarm:
                print("  sitekeeper benign alarm %s: %s" % ("+".join(sorted(ids)), line[:300]))
    if args.misses:
        shown = defaultdict(int)
        for (label, line, _row), (alarm, _ids) in zip(corpus, flagged):
            if label != "benign" and not alarm and shown[label] < args.misses:
                shown[label] += 1
                print("  sitekeeper missed %s: %s" % (label, line[:300]))
    if args.markdown:
        print()
        print(markdown(result))
    print(json.dumps(result, sort_keys=True))
    return result


if __name__ == "__main__":
    main()
