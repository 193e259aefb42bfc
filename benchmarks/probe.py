"""Speed of SOP activity 1's site probe (issue 3).

Starts benchmarks/probe_server.py: 1,000 distinct sites on loopback ports, most
answering every request after 100-500 ms, some stale, some cloaked, some down
(refused) and some that accept and never answer. Then measures:

1. one full probe of all sites (module_utils.site_probe, every check: browser and
   crawler fetch, sitemap, feed), in its own process, wall time and peak RSS;
2. a serial ``ansible.builtin.uri`` loop over the first 50 sites (same mix), the
   task's own duration from Ansible's JSON callback (without playbook start-up),
   scaled to 1,000 sites.

Targets: <= 10 s for 1,000 sites, >= 50x faster than the serial loop, < 200 MB.
Probe settings: timeout 2 s, 2 attempts 0.25 s apart (a hanging site is given up
after about 4.3 s), default concurrency (200) and workers (one process per CPU). The
uri loop uses the same 2 s timeout. The machine's 1-minute load average at the end is
printed too: the servers, the probe and the uri loop share its CPUs with whatever else runs.

Usage: .venv/bin/python benchmarks/probe.py [--sites 1000] [--subset 50]
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TIMEOUT_S = 2.0
OPTIONS = {"timeout": TIMEOUT_S, "attempts": 2, "retry_backoff": 0.25, "expect_https": False}


def run_probe_child(sites_path: str) -> None:
    """In a fresh process: probe, then print wall time, peak RSS and counts."""
    sys.path.insert(0, os.path.join(REPO, "collections"))
    from ansible_collections.sitekeeper.website.plugins.module_utils.probe import sites as site_probe

    with open(sites_path) as handle:
        sites = json.load(handle)
    start = time.monotonic()
    report = site_probe.probe_sites(sites, OPTIONS)
    wall = time.monotonic() - start
    # Peak memory of the whole probe: this process plus, when the probe shared the sites out
    # to worker processes, the largest worker's peak counted once per worker (an upper bound).
    workers = report["summary"].get("workers", 1)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
    peak_mb = own + (child * workers if workers > 1 else 0.0)
    statuses = {}
    for result in report["sites"]:
        statuses[result["status"]] = statuses.get(result["status"], 0) + 1
    checks = {}
    for finding in report["findings"]:
        key = "%s:%s" % (finding["check"], finding["status"])
        checks[key] = checks.get(key, 0) + 1
    usage_self = resource.getrusage(resource.RUSAGE_SELF)
    usage_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = sum(u.ru_utime + u.ru_stime for u in (usage_self, usage_children))
    print(json.dumps({"wall_s": wall, "peak_rss_mb": peak_mb, "workers": workers, "cpu_s": cpu_s, "statuses": statuses, "checks": checks,
                      "findings": len(report["findings"]), "metrics": len(report["metrics"])}))


def serial_uri(urls: list) -> float:
    """Duration of a serial ansible.builtin.uri loop over urls (the task alone)."""
    workdir = tempfile.mkdtemp(prefix="bench-uri-")
    playbook = os.path.join(workdir, "uri.yml")
    with open(playbook, "w") as handle:
        handle.write(
            "- hosts: localhost\n  gather_facts: false\n  tasks:\n"
            "    - name: serial uri loop\n      ansible.builtin.uri:\n        url: \"{{ item }}\"\n"
            "        timeout: %d\n        status_code: [200, 404]\n"
            "      loop: %s\n      ignore_errors: true\n" % (int(TIMEOUT_S), json.dumps(urls))
        )
    env = dict(os.environ, ANSIBLE_STDOUT_CALLBACK="ansible.builtin.json", ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"),
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    out = subprocess.run(
        ["ansible-playbook", "-i", "localhost,", "-c", "local", "-e",
         "ansible_python_interpreter=%s" % sys.executable, playbook],
        capture_output=True, text=True, env=env, cwd=REPO,
    )
    data = json.loads(out.stdout[out.stdout.index("{"):])
    task = data["plays"][0]["tasks"][0]
    duration = task["task"]["duration"]
    from ansible_collections.sitekeeper.website.plugins.module_utils.findings import parse_iso

    return (parse_iso(duration["end"]) - parse_iso(duration["start"])).total_seconds()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--subset", type=int, default=50)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--probe-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.probe_child:
        run_probe_child(args.probe_child)
        return
    sys.path.insert(0, os.path.join(REPO, "collections"))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    server = subprocess.Popen(
        [sys.executable, os.path.join(HERE, "probe_server.py"), str(args.sites), str(args.seed)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        layout = json.loads(server.stdout.readline())["sites"]
        urls = ["http://127.0.0.1:%d/" % s["port"] for s in layout]
        sites = [{"url": url, "name": "site%04d" % i, "host": "web%d" % (i % 10)} for i, url in enumerate(urls)]
        kinds = {}
        for site in layout:
            kinds[site["kind"]] = kinds.get(site["kind"], 0) + 1
        sites_path = os.path.join(tempfile.mkdtemp(prefix="bench-probe-"), "sites.json")
        with open(sites_path, "w") as handle:
            json.dump(sites, handle)
        print("servers: %d sites on loopback ports %s" % (len(sites), json.dumps(kinds, sort_keys=True)))
        start = time.monotonic()
        child = subprocess.run([sys.executable, __file__, "--probe-child", sites_path],
                               capture_output=True, text=True, check=True)
        outer = time.monotonic() - start
        probe = json.loads(child.stdout.strip().splitlines()[-1])
        print("probe: %d sites in %.2f s (process incl. start-up %.2f s), %d worker process(es), peak RSS %.1f MB"
              % (len(sites), probe["wall_s"], outer, probe["workers"], probe["peak_rss_mb"]))
        print("probe: CPU time %.2f s (all probe processes)" % probe["cpu_s"])
        print("probe: site statuses %s" % json.dumps(probe["statuses"], sort_keys=True))
        print("probe: %d findings, %d metrics; %s" % (probe["findings"], probe["metrics"],
                                                     json.dumps(probe["checks"], sort_keys=True)))
        subset = urls[: args.subset]
        serial = serial_uri(subset)
        scaled = serial * len(sites) / float(len(subset))
        print("serial ansible.builtin.uri loop: %d sites in %.2f s, scaled to %d sites: %.1f s"
              % (len(subset), serial, len(sites), scaled))
        speedup = scaled / probe["wall_s"]
        print("speedup: %.1fx (targets: <= 10 s, >= 50x, < 200 MB)" % speedup)
        print(json.dumps({
            "sites": len(sites), "wall_s": round(probe["wall_s"], 3),
            "serial_uri_wall_s": round(serial, 3), "serial_uri_sites": len(subset),
            "serial_uri_wall_s_scaled": round(scaled, 1), "speedup": round(speedup, 1),
            "peak_rss_mb": round(probe["peak_rss_mb"], 1), "site_kinds": kinds,
            "statuses": probe["statuses"], "timeout_s": TIMEOUT_S, "attempts": OPTIONS["attempts"],
            "workers": probe["workers"], "probe_cpu_s": round(probe["cpu_s"], 2),
            "load_average_1m": round(os.getloadavg()[0], 2),
        }))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


if __name__ == "__main__":
    main()
