"""Benchmark of the access-log audit against GoAccess, on a seeded realistic log.

    python benchmarks/audit.py [--lines 2000000] [--small 500000] [--repeats 2] [--workdir DIR]

Measured in the same run, on the same file: the audit with every detection on, the OWASP CRS
second opinion included where installed (its share is ``crs_stage_1core``) (one core,
then all cores by splitting the file across processes), GoAccess 1.7
(`goaccess FILE --log-format=COMBINED -o report.json`, which only counts), `wc -l` (the I/O
ceiling), the audit of the .gz copy, and peak memory at two sizes (it must stay flat). GoAccess,
one core and all cores take turns (--repeats) and each keeps its best wall time.
Also the detection figures on the generated attackers and on real labelled data
(benchmarks/audit_quality.py). The LAST line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import audit_gen  # noqa: E402
import audit_quality  # noqa: E402

RUNNER = r"""
import json, resource, sys, time
sys.path.insert(0, %(collections)r)
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import audit
start = time.perf_counter()
cpu = time.process_time()
r = audit([%(path)r], workers=%(workers)d)
elapsed = time.perf_counter() - start
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu_total = time.process_time() - cpu + kids.ru_utime + kids.ru_stime
self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"elapsed": elapsed, "cpu": cpu_total, "lines": r["summary"]["requests"],
                  "unparsed": r["unparsed"]["count"], "rss_kb": max(self_rss, child_rss),
                  "second_opinion": r["summary"].get("second_opinion"),
                  "incidents": [[i["client"], i["detections"], i["severity"]] for i in r["incidents"]]}))
"""


def run_audit(path, workers):
    code = RUNNER % {"collections": os.path.join(REPO, "collections"), "path": path, "workers": workers}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed(argv, **kw):
    """(wall seconds, CPU seconds) of a command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def ensure_log(workdir, lines, seed):
    path = os.path.join(workdir, "access-%d-s%d.log" % (lines, seed))
    if not (os.path.exists(path) and os.path.exists(path + ".truth.json")):
        start = time.perf_counter()
        audit_gen.generate(path, lines, seed)
        print("generated %s (%d lines, %.0f MB) in %.1f s" % (path, lines, os.path.getsize(path) / 1e6,
                                                          time.perf_counter() - start))
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=2_000_000)
    ap.add_argument("--small", type=int, default=500_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", default="/tmp/sitekeeper-bench-audit")
    ap.add_argument("--repeats", type=int, default=2, help="turns of GoAccess / one core / all cores (best kept)")
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    cores = os.cpu_count() or 1
    path = ensure_log(args.workdir, args.lines, args.seed)
    small = ensure_log(args.workdir, args.small, args.seed)
    size_mb = os.path.getsize(path) / 1e6
    gz = path + ".gz"
    if not os.path.exists(gz):
        with open(gz, "wb") as out:
            subprocess.run([shutil.which("pigz") or "gzip", "-c", path], stdout=out, check=True)

    wc_s, _ = timed(["wc", "-l", path])
    report = os.path.join(args.workdir, "report.json")
    # GoAccess, one core and all cores take turns, --repeats times, and each keeps its best run:
    # on a machine shared with other jobs the load changes from minute to minute, and taking
    # turns exposes all three to the same conditions.
    runs = {"goaccess": [], "one": [], "all": []}
    for _ in range(max(1, args.repeats)):
        runs["goaccess"].append(timed(["goaccess", path, "--log-format=COMBINED", "-o", report]))
        runs["one"].append(run_audit(path, 1))
        runs["all"].append(run_audit(path, cores))
    goaccess_s = min(r[0] for r in runs["goaccess"])
    goaccess_cpu = min(r[1] for r in runs["goaccess"])
    one = min(runs["one"], key=lambda r: r["elapsed"])
    one["cpu"] = min(r["cpu"] for r in runs["one"])
    allc = min(runs["all"], key=lambda r: r["elapsed"])
    allc["cpu"] = min(r["cpu"] for r in runs["all"])
    gzr = run_audit(gz, 1)
    smallr = run_audit(small, 1)

    lines = one["lines"]
    res = {
        "lines": lines,
        "file_mb": round(size_mb, 1),
        "cores": cores,
        "lines_per_s_1core": round(lines / one["elapsed"]),
        "lines_per_s_all_cores": round(allc["lines"] / allc["elapsed"]),
        "goaccess_lines_per_s": round(lines / goaccess_s),
        "wc_lines_per_s": round(lines / wc_s),
        "gz_lines_per_s_1core": round(gzr["lines"] / gzr["elapsed"]),
        "peak_rss_mb": round(max(one["rss_kb"], allc["rss_kb"], gzr["rss_kb"]) / 1024, 1),
        "peak_rss_mb_small": round(smallr["rss_kb"] / 1024, 1),
        "small_lines": smallr["lines"],
        "unparsed": one["unparsed"],
        # the optional OWASP CRS stage inside the one-core run (None when CRS is not installed)
        "crs_stage_1core": one.get("second_opinion"),
        "repeats": max(1, args.repeats),
        "all_runs_s": {k: [round(r[0] if k == "goaccess" else r["elapsed"], 2) for r in v] for k, v in runs.items()},
    }
    # CPU-time figures: the same ratios, less disturbed when other jobs share the machine.
    res["cpu_lines_per_s_1core"] = round(lines / one["cpu"])
    res["cpu_lines_per_s_all_cores"] = round(allc["lines"] / allc["cpu"])
    res["goaccess_cpu_lines_per_s"] = round(lines / goaccess_cpu)
    res["vs_goaccess_cpu_1core"] = round(res["cpu_lines_per_s_1core"] / res["goaccess_cpu_lines_per_s"], 2)
    res["load_average_1min"] = round(os.getloadavg()[0], 2)
    res["vs_goaccess_1core"] = round(res["lines_per_s_1core"] / res["goaccess_lines_per_s"], 2)
    res["vs_goaccess_all_cores"] = round(res["lines_per_s_all_cores"] / res["goaccess_lines_per_s"], 2)
    res["vs_wc_1core"] = round(res["lines_per_s_1core"] / res["wc_lines_per_s"], 3)
    same = sorted(map(tuple, map(lambda i: (i[0], tuple(i[1])), one["incidents"]))) == sorted(
        map(tuple, map(lambda i: (i[0], tuple(i[1])), allc["incidents"])))
    res["all_cores_same_incidents"] = same

    with open(path + ".truth.json", encoding="utf-8") as handle:
        attackers = set(json.load(handle)["attackers"])
    flagged = {i[0] for i in one["incidents"]}
    res["generated_attackers"] = len(attackers)
    res["generated_attackers_found"] = len(attackers & flagged)
    res["generated_false_alarms"] = len(flagged - attackers)

    print("audit of %d lines (%.0f MB):" % (lines, size_mb))
    print("  one core      %9d lines/s  (%.2f x GoAccess, %.3f x wc -l)" % (
        res["lines_per_s_1core"], res["vs_goaccess_1core"], res["vs_wc_1core"]))
    print("  %d cores       %9d lines/s  (%.2f x GoAccess)" % (cores, res["lines_per_s_all_cores"],
                                                             res["vs_goaccess_all_cores"]))
    print("  .gz, one core %9d lines/s" % res["gz_lines_per_s_1core"])
    print("  GoAccess      %9d lines/s   wc -l %d lines/s" % (res["goaccess_lines_per_s"], res["wc_lines_per_s"]))
    print("  per CPU second: audit %d lines, GoAccess %d lines (%.2f x); load average %.1f on %d cores" % (
        res["cpu_lines_per_s_1core"], res["goaccess_cpu_lines_per_s"], res["vs_goaccess_cpu_1core"],
        res["load_average_1min"], cores))
    print("  peak RSS %.1f MB at %d lines, %.1f MB at %d lines" % (res["peak_rss_mb"], lines,
                                                                res["peak_rss_mb_small"], smallr["lines"]))
    print("  generated attackers found %d of %d, false alarms %d; same incidents on all cores: %s" % (
        res["generated_attackers_found"], res["generated_attackers"], res["generated_false_alarms"], same))
    quality = audit_quality.main()
    for name, g in quality["crowdsec"]["groups"].items():
        res["crowdsec_%s_detection_rate" % name] = g["detection_rate"]
        res["crowdsec_%s_false_alarm_rate" % name] = g["false_alarm_rate"]
    res["hackers_flagged_clients"] = quality["hackers"]["flagged_clients"]
    print(json.dumps(res, sort_keys=True))


if __name__ == "__main__":
    main()
