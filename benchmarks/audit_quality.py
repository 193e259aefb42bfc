"""Detection quality of the access-log audit on real labelled data (shared by the test and the benchmark).

Data (tests/data/audit/SOURCES.md): CrowdSec's scenario-test lines (crowdsecurity/hub, MIT) and a
real form-spam bot log (nielsbasjes/logparser, Apache-2.0).

CrowdSec alerts per source IP after a leaky bucket, so scoring is per IP and per test (tests reuse
addresses like 127.0.0.1): an IP is "attack" when a line of it carries a scenario label, "benign"
when all its lines are labelled none. Tests are grouped:

- in scope: scenarios the audit has a detection for (CVE probes, sensitive files, attack-tool
  agents, SQLi, XSS, traversal, login brute force, technology/SAP probing);
- out of scope: behaviours the audit does not model (cache-busting DoS, invalid HTTP versions,
  switching user agents, WordPress user enumeration, malformed binary requests);
- not access logs: nginx error-log lines (generic 401 brute force, limit_req) and a proxy
  manager's mixed custom formats, which no access-log format parses.

    python benchmarks/audit_quality.py    # prints the per-class figures
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "collections"))

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.formats import make_parser  # noqa: E402
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.parser import audit  # noqa: E402

DATA = os.path.join(REPO, "tests", "data", "audit")
OUT_OF_SCOPE = {"http-dos-bypass-cache", "http-dos-invalid-http-versions", "http-dos-switching-ua",
                "http-wordpress_user-enum", "nginx-http-malformed"}
CROWDSEC = os.path.join(DATA, "crowdsec_dev.jsonl")
HACKERS = os.path.join(DATA, "hackers-access.log")
NOT_ACCESS_LOGS = {"nginx-http-generic-bf", "nginx_req_limit_exceeded", "nginx_http-catch-npm"}


def _run(lines, fmt):
    fd, path = tempfile.mkstemp(suffix=".log")
    with os.fdopen(fd, "wb") as handle:
        handle.write(b"".join(lines))
    try:
        return audit([path], fmt=fmt)
    finally:
        os.unlink(path)


def score_crowdsec(path=CROWDSEC):
    tests = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            rec = json.loads(raw)
            tests[rec["test"]].append(rec)
    groups = {g: {"attack_ips": 0, "detected": 0, "benign_ips": 0, "false_alarms": 0, "missed": [], "alarms": []}
              for g in ("in_scope", "out_of_scope", "whitelist")}
    lines_total = parsed_total = 0
    for test, recs in sorted(tests.items()):
        if test in NOT_ACCESS_LOGS:
            continue
        fmt = "json" if recs[0]["log_type"] == "traefik" else "combined"
        parser = make_parser(fmt)
        labels = defaultdict(set)
        raw_lines = []
        for rec in recs:
            line = rec["raw"].encode("utf-8", "surrogateescape") + b"\n"
            raw_lines.append(line)
            rows, _ = parser.parse_chunk(line)
            if rows:
                labels[rows[0][0].decode("utf-8", "replace")].update(rec["label"])
        result = _run(raw_lines, fmt)
        lines_total += len(recs)
        parsed_total += result["summary"]["requests"]
        flagged = {i["client"]: i["detections"] for i in result["incidents"]}
        group = "whitelist" if test.endswith("-whitelist") else (
            "out_of_scope" if test in OUT_OF_SCOPE else "in_scope")
        g = groups[group]
        for ip, labs in labels.items():
            attack = bool(labs - {"none"})
            if attack:
                g["attack_ips"] += 1
                if ip in flagged:
                    g["detected"] += 1
                else:
                    g["missed"].append("%s %s" % (test, ip))
            else:
                g["benign_ips"] += 1
                if ip in flagged:
                    g["false_alarms"] += 1
                    g["alarms"].append("%s %s %s" % (test, ip, "+".join(flagged[ip])))
    for g in groups.values():
        g["detection_rate"] = round(g["detected"] / g["attack_ips"], 3) if g["attack_ips"] else None
        g["false_alarm_rate"] = round(g["false_alarms"] / g["benign_ips"], 3) if g["benign_ips"] else None
    return {"groups": groups, "lines": lines_total, "parsed": parsed_total}


def score_hackers(path=HACKERS):
    with open(path, "rb") as handle:
        lines = handle.readlines()
    result = _run(lines, "combined")
    by_detection = defaultdict(int)
    for inc in result["incidents"]:
        for d in inc["detections"]:
            by_detection[d] += 1
    return {"lines": len(lines), "parsed": result["summary"]["requests"], "unparsed": result["unparsed"]["count"],
            "clients": result["summary"]["unique_visitors"], "flagged_clients": len(result["incidents"]),
            "by_detection": dict(by_detection),
            "flagged": [(i["client"], i["detections"], i["by_detection"]) for i in result["incidents"]]}


def main():
    cs = score_crowdsec()
    print("CrowdSec scenario lines: %d, parsed %d (error-log and mixed-format tests excluded)" % (cs["lines"],
                                                                                               cs["parsed"]))
    for name, g in cs["groups"].items():
        print("  %-12s attack IPs %3d detected %3d (rate %s) | benign IPs %3d false alarms %d (rate %s)" % (
            name, g["attack_ips"], g["detected"], g["detection_rate"], g["benign_ips"], g["false_alarms"],
            g["false_alarm_rate"]))
        for m in g["missed"]:
            print("      missed:", m)
        for a in g["alarms"]:
            print("      alarm: ", a)
    hk = score_hackers()
    print("hackers-access.log: %d lines, %d clients, %d flagged %s" % (hk["lines"], hk["clients"],
                                                                      hk["flagged_clients"], hk["by_detection"]))
    return {"crowdsec": cs, "hackers": hk}


if __name__ == "__main__":
    main()
