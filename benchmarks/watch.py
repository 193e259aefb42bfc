"""Speed of the quick watch with its alert state (issue 17).

Starts benchmarks/probe_server.py (1,000 distinct sites on loopback ports: most answer
after 100-500 ms, some stale, some cloaked, 5 % refused, 2 % accept and never answer),
writes an inventory of 10 web hosts with 100 sites each (connection local) whose alerts
go to the outbox folder, and runs ``ansible-playbook playbooks/watch.yml`` three times
against a fresh history:

1. first watch: every check's state created; cloaking (confirmed by one observation) alerted;
2. second watch: the refused and hanging sites' outages confirmed (two observations) and
   alerted, grouped per host;
3. third watch: nothing changed, nothing sent.

Each run is the whole ansible-playbook process (start-up, light probe, alert decision,
history, delivery). Probe settings as benchmarks/probe.py: timeout 2 s, 2 attempts 0.25 s
apart (a hanging site is given up after about 4.3 s). Target: <= 15 s per watch.

Usage: .venv/bin/python benchmarks/watch.py [--sites 1000] [--hosts 10]
Run under ``flock /tmp/sitekeeper-bench.lock``. The last line is one JSON object with
``sites``, ``wall_s`` (the slowest of the three watches), ``alerts_sent`` (messages in the
outbox after all three) and each run's figures.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
WATCH_TASK = "sitekeeper.website.alerts : Watch every site of every web host at once and alert on confirmed changes (on the controller)"
REPO = os.path.dirname(HERE)


def inventory(path: str, layout: list, hosts: int) -> None:
    groups = {"web%02d" % h: [] for h in range(hosts)}
    for index, site in enumerate(layout):
        # Consecutive blocks of sites per host, so the server's kinds (down, hang, cloaked) spread over hosts.
        groups["web%02d" % (index * hosts // len(layout))].append(
            {"name": "site%04d" % index, "url": "http://127.0.0.1:%d/" % site["port"]})
    local = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
    data = {"all": {
        "vars": {"alerts_recipients": {"outbox": "outbox://"}, "alerts_routes": [{"name": "all", "to": ["outbox"]}],
                 "alerts_watch_timeout": 2, "alerts_watch_attempts": 2, "alerts_watch_retry_backoff": 0.25,
                 "alerts_digest_time": "07:00"},
        "children": {"webservers": {"hosts": {h: dict(local, sitekeeper_sites=s) for h, s in groups.items()}}}}}
    with open(path, "w") as handle:
        json.dump(data, handle)  # JSON is YAML


def watch(hosts_path: str, data_dir: str) -> dict:
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"), SITEKEEPER_DATA_DIR=data_dir,
               ANSIBLE_STDOUT_CALLBACK="ansible.builtin.json",
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    env.pop("SITEKEEPER_HISTORY_URL", None)
    start = time.monotonic()
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", hosts_path,
                           os.path.join(REPO, "playbooks", "watch.yml")], capture_output=True, text=True, env=env,
                          cwd=REPO)
    wall = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit("watch failed (rc %d): %s" % (proc.returncode, (proc.stdout + proc.stderr)[-3000:]))
    data = json.loads(proc.stdout[proc.stdout.index("{"):])
    tasks = {}
    result = {}
    for task in data["plays"][0]["tasks"]:
        name = task["task"]["name"]
        duration = task["task"]["duration"]
        from ansible_collections.sitekeeper.website.plugins.module_utils.findings import parse_iso

        tasks[name] = round((parse_iso(duration["end"]) - parse_iso(duration["start"])).total_seconds(), 2)
        for res in task["hosts"].values():
            if "digest" in res and "events" in res:
                result = res
    return {"wall_s": round(wall, 2), "tasks_s": tasks, "watch_task_s": tasks.get(WATCH_TASK, 0),
            "probe_s": (result.get("probe") or {}).get("wall_s", 0), "events": len(result.get("events", [])),
            "messages": len(result.get("messages", [])), "sent": result.get("sent", 0),
            "observed": result.get("observed", 0), "pending": result.get("pending", 0)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--hosts", type=int, default=10)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (outbox, history)")
    args = parser.parse_args()
    sys.path.insert(0, os.path.join(REPO, "collections"))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    work = tempfile.mkdtemp(prefix="bench-watch-")
    server = subprocess.Popen([sys.executable, os.path.join(HERE, "probe_server.py"), str(args.sites), str(args.seed)],
                              stdout=subprocess.PIPE, text=True)
    try:
        layout = json.loads(server.stdout.readline())["sites"]
        kinds = {}
        for site in layout:
            kinds[site["kind"]] = kinds.get(site["kind"], 0) + 1
        hosts_path = os.path.join(work, "hosts.yml")
        inventory(hosts_path, layout, args.hosts)
        data_dir = os.path.join(work, "data")
        print("servers: %d sites on %d hosts %s" % (len(layout), args.hosts, json.dumps(kinds, sort_keys=True)))
        runs = []
        for number in (1, 2, 3):
            run = watch(hosts_path, data_dir)
            runs.append(run)
            print("watch %d: %.2f s (the watch task %.2f s, of which the probe %.2f s); %d sites observed, "
                  "%d changes, %d deliveries" % (number, run["wall_s"], run["watch_task_s"], run["probe_s"],
                                                 run["observed"], run["events"], run["sent"]))
        outbox = os.path.join(data_dir, "outbox")
        sent = len([n for n in os.listdir(outbox) if n.endswith(".eml")]) if os.path.isdir(outbox) else 0
        wall = max(r["wall_s"] for r in runs)
        print("slowest watch %.2f s (target <= 15 s); %d alert messages in the outbox" % (wall, sent))
        print(json.dumps({"sites": len(layout), "hosts": args.hosts, "wall_s": wall, "alerts_sent": sent,
                          "runs": runs, "site_kinds": kinds, "load_average_1m": round(os.getloadavg()[0], 2)}))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print("kept %s" % work, file=sys.stderr)


if __name__ == "__main__":
    main()
