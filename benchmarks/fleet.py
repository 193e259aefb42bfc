"""Fleet benchmark: the whole SOP cycle (playbooks/sop.yml) over a simulated fleet.

What it builds (all on this machine, loopback only, under one temp folder):
- N managed hosts: sshd listening on N loopback aliases 127.0.1.1, 127.0.1.2, ... (one
  sshd per 16 addresses, its limit),
  user skuser (passwordless sudo, Ansible become); each "host" has its own docroot,
  log, backup, audit-state and known-good folders (host vars point at them), since
  every host is really this machine;
- S sites (S / N per host): ONE nginx with a server block per site, each on its own
  loopback port, serving that site's docroot (index with dated news, sitemap), with
  an access log per site the audit reads.

What it measures (plain ansible-playbook, as AWX or cron runs it):
- wall time of one full sop.yml cycle over the fleet with the chosen settings
  (--forks, pipelining, strategy), and per_host_s = wall_s / hosts;
- with --forks-sweep 5,10,20, the full cycle again at each of those forks (per-host time
  as forks rise);
- with --variants, the effect of the settings on a cheaper connection-bound
  playbook (monitor.yml over all hosts): forks 5/20/50, pipelining off, the
  `free` strategy; and the cost of fact gathering (setup with all facts, with
  gather_subset=min, and a bare ping) per host.

Usage:
    .venv/bin/python benchmarks/fleet.py --hosts 5 --sites 50            # development
    .venv/bin/python benchmarks/fleet.py --hosts 100 --sites 1000 --forks 20   # the figure
    .venv/bin/python benchmarks/fleet.py --hosts 20 --sites 200 --skip-cycle --forks-sweep 5,10,20  # forks
Prints the figures, and as its LAST line one JSON object (hosts, sites, wall_s,
per_host_s, settings, variants, ...). Processes it starts are stopped by PID.
Needs root (sshd, the skuser account), nginx and openssh-server.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
from tests.harness import services  # noqa: E402  real loopback services shared with the tests

TARGET_S = 600
SSHD_ADDRESSES = 16
ACCESS_LINES = 200


def log(text: str) -> None:
    sys.stderr.write("[fleet] %s\n" % text)
    sys.stderr.flush()


def free_port_block(count: int) -> int:
    """A base port with `count` consecutive free ports on 127.0.0.1."""
    for _ in range(50):
        base = random.randint(20000, 60000 - count)
        socks = []
        try:
            for port in range(base, base + count):
                sock = socket.socket()
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                sock.bind(("127.0.0.1", port))
                socks.append(sock)
            return base
        except OSError:
            continue
        finally:
            for sock in socks:
                sock.close()
    raise RuntimeError("no block of %d free ports" % count)


class Fleet:
    def __init__(self, root: str, hosts: int, sites: int):
        self.root = root
        self.hosts = hosts
        self.sites = sites
        self.names = ["h%03d" % (i + 1) for i in range(hosts)]
        self.addresses = ["127.0.1.%d" % (i + 1) for i in range(hosts)]
        self.per_host = [sites // hosts + (1 if i < sites % hosts else 0) for i in range(hosts)]
        self.nginx_proc = None
        self.sshd_procs = []
        self.ssh_port = services.free_port()
        self.base_port = free_port_block(sites)
        self.key = os.path.join(root, "id_ed25519")
        self.control_dir = tempfile.mkdtemp(prefix="skfleet-cp-", dir="/tmp")
        self.data_dir = os.path.join(root, "controller")
        self.inventory = os.path.join(root, "fleet.json")

    # -- content -------------------------------------------------------------------
    def host_dir(self, name: str) -> str:
        return os.path.join(self.root, "hosts", name)

    def build(self) -> None:
        now = datetime.datetime.now(datetime.timezone.utc)
        day = now.strftime("%Y-%m-%d")
        stamp = now.strftime("%d/%b/%Y:%H:%M:%S +0000")
        port = self.base_port
        self.site_entries = {}
        for name, count in zip(self.names, self.per_host):
            base = self.host_dir(name)
            for sub in ("sites", "logs", "backups", "audit", "known-good", "restore"):
                os.makedirs(os.path.join(base, sub), exist_ok=True)
            entries = []
            for k in range(count):
                site = "%s-s%02d" % (name, k + 1)
                docroot = os.path.join(base, "sites", site)
                os.makedirs(os.path.join(docroot, "berita"), exist_ok=True)
                url = "http://127.0.0.1:%d/" % port
                with open(os.path.join(docroot, "index.html"), "w") as handle:
                    handle.write(
                        "<!doctype html><html lang=id><head><meta charset=utf-8><title>Pengadilan %s</title></head>"
                        "<body><h1>Pengadilan Negeri %s</h1><ul><li><a href=berita/1.html>Berita</a> "
                        "<time datetime=%s>%s</time></li></ul><p>Jadwal sidang dan layanan informasi publik.</p>"
                        "</body></html>\n" % (site, site, day, day))
                with open(os.path.join(docroot, "berita", "1.html"), "w") as handle:
                    handle.write("<html><body><h1>Berita</h1><time datetime=%s>%s</time></body></html>\n" % (day, day))
                with open(os.path.join(docroot, "sitemap.xml"), "w") as handle:
                    handle.write(
                        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/'
                        'sitemap/0.9"><url><loc>%s</loc><lastmod>%s</lastmod></url><url><loc>%sberita/1.html'
                        '</loc><lastmod>%s</lastmod></url></urlset>\n' % (url, day, url, day))
                access = os.path.join(base, "logs", "%s.access.log" % site)
                with open(access, "w") as handle:
                    for i in range(ACCESS_LINES):
                        path = "/berita/1.html" if i % 3 else "/"
                        if i == 7:
                            path = "/index.php?id=1%27%20UNION%20SELECT%20password%20FROM%20users--"
                        handle.write('10.%d.%d.%d - - [%s] "GET %s HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n'
                                     % (i % 7, i % 11, i % 13 + 1, stamp, path))
                entries.append({"name": site, "url": url, "docroot": docroot, "access_logs": [access]})
                port += 1
            self.site_entries[name] = entries
        for dirpath, _dirnames, filenames in os.walk(self.root):
            os.chmod(dirpath, 0o755)  # noqa: S103  nginx workers read the docroots
            for filename in filenames:
                os.chmod(os.path.join(dirpath, filename), 0o644)

    # -- services ------------------------------------------------------------------
    def start_nginx(self) -> None:
        directory = os.path.join(self.root, "nginx")
        os.makedirs(directory, exist_ok=True)
        servers = []
        for name in self.names:
            for entry in self.site_entries[name]:
                port = int(entry["url"].rsplit(":", 1)[1].strip("/"))
                servers.append("server { listen 127.0.0.1:%d; root %s; access_log off; }" % (port, entry["docroot"]))
        conf = os.path.join(directory, "nginx.conf")
        with open(conf, "w") as handle:
            handle.write(
                "worker_processes 2;\nworker_rlimit_nofile 16384;\npid %(d)s/nginx.pid;\nerror_log %(d)s/error.log;\n"
                "events { worker_connections 8192; }\nhttp {\n default_type text/html;\n"
                " types { text/html html; application/xml xml; }\n"
                " client_body_temp_path %(d)s/tmp; proxy_temp_path %(d)s/tmp; fastcgi_temp_path %(d)s/tmp;"
                " uwsgi_temp_path %(d)s/tmp; scgi_temp_path %(d)s/tmp;\n %(servers)s\n}\n"
                % {"d": directory, "servers": "\n ".join(servers)})
        os.makedirs(os.path.join(directory, "tmp"), exist_ok=True)
        self.nginx_proc = subprocess.Popen(["nginx", "-c", conf, "-e", os.path.join(directory, "error.log"),
                                            "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        services.wait_for_port("127.0.0.1", self.base_port, proc=self.nginx_proc)
        services.wait_for_port("127.0.0.1", self.base_port + self.sites - 1, proc=self.nginx_proc)

    def start_sshd(self) -> None:
        os.makedirs("/run/sshd", exist_ok=True)
        home = services.ensure_ssh_user(services.SSH_USER)
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", self.key], check=True)
        host_key = os.path.join(self.root, "ssh_host_ed25519_key")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", host_key], check=True)
        ssh_dir = os.path.join(home, ".ssh")
        os.makedirs(ssh_dir, exist_ok=True)
        auth = os.path.join(ssh_dir, "authorized_keys")
        with open(self.key + ".pub") as pub:
            key_line = pub.read()
        existing = open(auth).read() if os.path.exists(auth) else ""  # noqa: SIM115
        with open(auth, "w") as handle:
            handle.write(existing + key_line)
        shutil.chown(auth, services.SSH_USER, services.SSH_USER)
        shutil.chown(ssh_dir, services.SSH_USER, services.SSH_USER)
        os.chmod(ssh_dir, 0o700)
        os.chmod(auth, 0o600)
        self.authorized_line = key_line
        # One sshd listens on at most 16 addresses (its MAX_LISTEN_SOCKS): one sshd per 16 hosts.
        self.sshd_procs = []
        for n, start in enumerate(range(0, len(self.addresses), SSHD_ADDRESSES)):
            chunk = self.addresses[start:start + SSHD_ADDRESSES]
            config = os.path.join(self.root, "sshd_config.%d" % n)
            with open(config, "w") as handle:
                for address in chunk:
                    handle.write("ListenAddress %s:%d\n" % (address, self.ssh_port))
                handle.write(
                    "HostKey %s\nPidFile %s/sshd.%d.pid\nUsePAM no\nPasswordAuthentication no\n"
                    "KbdInteractiveAuthentication no\nPubkeyAuthentication yes\nPermitRootLogin no\n"
                    "AllowUsers %s\nSubsystem sftp internal-sftp\nMaxStartups 400:30:800\nMaxSessions 100\n"
                    "LogLevel ERROR\n" % (host_key, self.root, n, services.SSH_USER))
            proc = subprocess.Popen(["/usr/sbin/sshd", "-D", "-e", "-f", config], stdout=subprocess.DEVNULL,
                                    stderr=open(os.path.join(self.root, "sshd.%d.log" % n), "w"))  # noqa: SIM115
            self.sshd_procs.append(proc)
            for address in chunk:
                services.wait_for_port(address, self.ssh_port, proc=proc)

    def write_inventory(self) -> None:
        ssh_args = "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
        hosts = {}
        for name, address in zip(self.names, self.addresses):
            base = self.host_dir(name)
            hosts[name] = {
                "ansible_host": address, "ansible_port": self.ssh_port, "ansible_user": services.SSH_USER,
                "ansible_ssh_private_key_file": self.key, "ansible_ssh_common_args": ssh_args,
                "ansible_python_interpreter": "/usr/bin/python3", "ansible_become": True,
                "sitekeeper_sites": self.site_entries[name],
                "site_backup_destination": os.path.join(base, "backups"),
                "site_backup_restore_target": os.path.join(base, "restore"),
                "log_audit_state_dir": os.path.join(base, "audit"),
                "log_audit_block_nginx_include": os.path.join(base, "audit", "deny.conf"),
                "sitekeeper_known_good_dir": os.path.join(base, "known-good"),
                "remediate_disk": {"paths": [base], "target_percent": 95, "log_dirs": [os.path.join(base, "logs")],
                                   "cache_dirs": [], "backup_sets": [], "prune_backups": False},
            }
        inventory = {"all": {
            "hosts": {"localhost": {"ansible_connection": "local",
                                    "ansible_python_interpreter": "{{ ansible_playbook_python }}"}},
            "vars": {
                "sitekeeper_data_dir": self.data_dir,
                "sitekeeper_court_name": "Benchmark fleet",
                "sitekeeper_language": "id",
                "sitekeeper_timezone": "Asia/Jakarta",
                "site_monitor_expect_https": False,
                "site_backup_config_paths": [],
                "log_audit_block_enabled": False,
                "log_audit_block_nginx_test_command": ["/bin/true"],
                "log_audit_block_nginx_reload_command": ["/bin/true"],
                "renewals_domains": [],
                "renewals_contracts": [],
                "situation_report_mail_enabled": False,
                "sitekeeper_services": [],
                "sitekeeper_unattended_fixes": [],
                "troubleshoot_mail_transport": "maildir",
                "troubleshoot_outbox": os.path.join(self.data_dir, "outbox"),
                "troubleshoot_bundle_dir": os.path.join(self.data_dir, "escalations"),
            },
            "children": {"webservers": {"hosts": hosts}},
        }}
        with open(self.inventory, "w") as handle:
            json.dump(inventory, handle, indent=1)

    def start(self) -> Fleet:
        t0 = time.monotonic()
        self.build()
        self.start_nginx()
        self.start_sshd()
        self.write_inventory()
        os.makedirs(self.data_dir, exist_ok=True)
        log("fleet of %d hosts, %d sites ready in %.1f s (ssh port %d, sites on ports %d-%d)" % (
            self.hosts, self.sites, time.monotonic() - t0, self.ssh_port, self.base_port,
            self.base_port + self.sites - 1))
        return self

    def stop(self) -> None:
        # Ansible workers left by a stopped cycle (they run in their own sessions) and the ssh
        # mux masters of this run: signal them all, then make sure each is gone.
        out = subprocess.run(["pgrep", "-f", "%s|%s" % (self.control_dir, self.inventory)],
                             capture_output=True, text=True).stdout
        pids = [int(pid) for pid in out.split()]
        for pid in pids:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for pid in pids:
            services.kill_pid(pid, timeout=2)
        for proc in [*self.sshd_procs, self.nginx_proc]:
            if proc is not None and proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        auth = os.path.join(os.path.expanduser("~%s" % services.SSH_USER), ".ssh", "authorized_keys")
        if getattr(self, "authorized_line", None) and os.path.exists(auth):
            with open(auth) as handle:
                lines = [x for x in handle.read().splitlines(keepends=True) if x != self.authorized_line]
            with open(auth, "w") as handle:
                handle.writelines(lines)
        shutil.rmtree(self.control_dir, ignore_errors=True)

    # -- runs ----------------------------------------------------------------------
    def env(self, forks: int, pipelining: bool, strategy: str) -> dict:
        return dict(
            os.environ,
            PATH=os.path.join(REPO, ".venv", "bin") + os.pathsep + os.environ.get("PATH", ""),
            ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"),
            SITEKEEPER_DATA_DIR=self.data_dir,
            ANSIBLE_FORKS=str(forks),
            ANSIBLE_PIPELINING="True" if pipelining else "False",
            ANSIBLE_STRATEGY=strategy,
            ANSIBLE_SSH_CONTROL_PATH_DIR=self.control_dir,
            ANSIBLE_HOST_KEY_CHECKING="False",
            ANSIBLE_NOCOLOR="1",
            # Per-task times in the log (the slowest tasks are reported).
            ANSIBLE_CALLBACKS_ENABLED="ansible.posix.profile_tasks",
            PROFILE_TASKS_SORT_ORDER="descending",
            PROFILE_TASKS_TASK_OUTPUT_LIMIT="12",
        )

    def playbook(self, name: str, forks: int, pipelining: bool = True, strategy: str = "linear",
                 limit: str | None = None, max_s: float | None = None) -> dict:
        argv = ["ansible-playbook", "-i", self.inventory, os.path.join(REPO, "playbooks", name)]
        if limit:
            argv += ["--limit", limit]
        out = os.path.join(self.root, "run-%s-f%d-p%d-%s.log" % (name, forks, pipelining, strategy))
        t0 = time.monotonic()
        timed_out = False
        with open(out, "w") as handle:
            proc = subprocess.Popen(argv, cwd=REPO, env=self.env(forks, pipelining, strategy), stdout=handle,
                                    stderr=subprocess.STDOUT, start_new_session=True)
            try:
                proc.wait(max_s)
            except subprocess.TimeoutExpired:
                timed_out = True
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
        wall = time.monotonic() - t0
        with open(out) as handle:
            text = handle.read()
        recap = text[text.rfind("PLAY RECAP"):] if "PLAY RECAP" in text else text[-2000:]
        failed = sum(1 for line in recap.splitlines()
                     if ("failed=" in line and "failed=0" not in line) or ("unreachable=" in line
                                                                          and "unreachable=0" not in line))
        slowest = []
        for line in text[text.rfind("=" * 20):].splitlines() if "PLAY RECAP" in text else []:
            parts = line.rsplit(" ", 1)
            if line.strip().endswith("s") and " -" in line and len(parts) == 2:
                slowest.append(" ".join(line.split()))
        return {"playbook": name, "forks": forks, "pipelining": pipelining, "strategy": strategy,
                "wall_s": round(wall, 1), "rc": proc.returncode, "hosts_with_failures": failed, "log": out,
                "timed_out": timed_out, "plays": play_times(text),
                "slowest_tasks": slowest[:12]}

    def adhoc(self, module: str, args: str, forks: int) -> float:
        argv = ["ansible", "webservers", "-i", self.inventory, "-m", module, "-o"] + (["-a", args] if args else [])
        t0 = time.monotonic()
        subprocess.run(argv, cwd=REPO, env=self.env(forks, True, "linear"), stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return round(time.monotonic() - t0, 1)


def play_times(text: str) -> list:
    """[{play, start_s, end_s}] from a profile_tasks log: when each play's first task began
    and when the next play began (or the last task line seen, for an unfinished run)."""
    import re

    plays, current, last = [], None, 0.0
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("PLAY [") and not line.startswith("PLAY RECAP"):
            current = {"play": line[6:line.index("]")], "start_s": None}
            plays.append(current)
        match = re.search(r"\)\s+(\d+):(\d\d):(\d\d\.\d+)\s+\*+\s*$", line)
        if match:
            last = int(match.group(1)) * 3600 + int(match.group(2)) * 60 + float(match.group(3))
            if current is not None and current["start_s"] is None and i > 0 and lines[i - 1].startswith("TASK ["):
                current["start_s"] = round(last, 1)
    for n, play in enumerate(plays):
        following = [p["start_s"] for p in plays[n + 1:] if p["start_s"] is not None]
        play["end_s"] = following[0] if following else round(last, 1)
    return plays


def history_counts(data_dir: str) -> dict:
    from ansible_collections.sitekeeper.website.plugins.module_utils.core import history

    path = os.path.join(data_dir, "history.sqlite")
    if not os.path.exists(path):
        return {}
    with history.HistoryStore(path, readonly=True) as store:
        rows = store.query("SELECT activity, outcome, hosts FROM runs ORDER BY activity")
        findings = store.query("SELECT COUNT(*) AS n FROM findings")[0]["n"]
    return {"runs": [dict(r) for r in rows], "findings": findings}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--forks", type=int, default=20, help="forks of the full cycle (default 20, as ansible.cfg)")
    parser.add_argument("--no-pipelining", action="store_true")
    parser.add_argument("--strategy", default="linear", choices=("linear", "free"))
    parser.add_argument("--variants", action="store_true",
                        help="also measure forks/pipelining/strategy on monitor.yml and fact gathering")
    parser.add_argument("--skip-cycle", action="store_true", help="only the variants")
    parser.add_argument("--forks-sweep", default="",
                        help="also run the full cycle with each of these forks, e.g. 5,10,20 (each with a fresh "
                             "controller data folder), to show the per-host time as forks rise")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder (logs) afterwards")
    parser.add_argument("--max-s", type=float, default=None,
                        help="stop the cycle after this many seconds (reported as timed_out, wall_s the time spent)")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        sys.stderr.write("fleet.py needs root (sshd on loopback aliases, the skuser account)\n")
        return 2
    sys.path.insert(0, os.path.join(REPO, "collections"))
    root = tempfile.mkdtemp(prefix="skfleet-", dir="/tmp")
    os.chmod(root, 0o755)  # noqa: S103  nginx workers and skuser read below it
    load_before = os.getloadavg()
    fleet = Fleet(root, args.hosts, args.sites)
    result = {"hosts": args.hosts, "sites": args.sites, "cpus": os.cpu_count(),
              "load_before": [round(x, 2) for x in load_before]}
    settings = {"forks": args.forks, "pipelining": not args.no_pipelining, "strategy": args.strategy,
                "gathering": "explicit (roles gather only what they need)", "playbook": "sop.yml"}
    try:
        fleet.start()
        if not args.skip_cycle:
            log("full SOP cycle (sop.yml), forks=%d pipelining=%s strategy=%s ..." % (
                args.forks, not args.no_pipelining, args.strategy))
            cycle = fleet.playbook("sop.yml", args.forks, not args.no_pipelining, args.strategy, max_s=args.max_s)
            print("full cycle sop.yml: %d hosts, %d sites: %.1f s wall (%.2f s per host), rc %d, "
                  "%d hosts with failures" % (args.hosts, args.sites, cycle["wall_s"],
                                              cycle["wall_s"] / args.hosts, cycle["rc"],
                                              cycle["hosts_with_failures"]))
            for line in cycle["slowest_tasks"]:
                print("  slow task: %s" % line)
            for play in cycle["plays"]:
                print("  play %-70s %7.1f s -> %7.1f s" % (play["play"][:70], play["start_s"] or 0, play["end_s"]))
            result.update(wall_s=cycle["wall_s"], per_host_s=round(cycle["wall_s"] / args.hosts, 2),
                          slowest_tasks=cycle["slowest_tasks"], plays=cycle["plays"],
                          per_site_s=round(cycle["wall_s"] / args.sites, 3), rc=cycle["rc"],
                          hosts_with_failures=cycle["hosts_with_failures"], timed_out=cycle["timed_out"],
                          within_target=(cycle["rc"] == 0 and not cycle["timed_out"]
                                         and cycle["wall_s"] <= TARGET_S), target_s=TARGET_S,
                          history=history_counts(fleet.data_dir))
        if args.forks_sweep:
            sweep = []
            for forks in [int(x) for x in args.forks_sweep.split(",") if x.strip()]:
                fleet.data_dir = os.path.join(root, "controller-f%d" % forks)
                os.makedirs(fleet.data_dir, exist_ok=True)
                fleet.write_inventory()
                log("full SOP cycle (sop.yml) with forks=%d ..." % forks)
                run = fleet.playbook("sop.yml", forks, not args.no_pipelining, args.strategy, max_s=args.max_s)
                entry = {"forks": forks, "wall_s": run["wall_s"], "per_host_s": round(run["wall_s"] / args.hosts, 2),
                         "rc": run["rc"], "timed_out": run["timed_out"],
                         "hosts_with_failures": run["hosts_with_failures"],
                         "plays": [{"play": p["play"][:60], "s": round(p["end_s"] - (p["start_s"] or 0), 1)}
                                   for p in run["plays"]]}
                sweep.append(entry)
                print("sop.yml forks=%-3d %7.1f s wall, %.2f s per host, rc %d" % (
                    forks, entry["wall_s"], entry["per_host_s"], entry["rc"]))
            result["forks_sweep"] = sweep
            if "wall_s" not in result and sweep:
                best = min(sweep, key=lambda r: r["wall_s"])
                result.update(wall_s=best["wall_s"], per_host_s=best["per_host_s"], rc=best["rc"])
                settings.update(forks=best["forks"])
        if args.variants:
            variants = []
            for forks, pipelining, strategy in ((5, True, "linear"), (20, True, "linear"), (50, True, "linear"),
                                                (50, False, "linear"), (50, True, "free")):
                run = fleet.playbook("monitor.yml", forks, pipelining, strategy)
                run["per_host_s"] = round(run["wall_s"] / args.hosts, 3)
                variants.append(run)
                print("monitor.yml forks=%-3d pipelining=%-5s strategy=%-6s %6.1f s wall, %.3f s per host" % (
                    forks, pipelining, strategy, run["wall_s"], run["per_host_s"]))
            facts = {
                "setup_all_s": fleet.adhoc("ansible.builtin.setup", "", 50),
                "setup_min_s": fleet.adhoc("ansible.builtin.setup", "gather_subset=min", 50),
                "ping_s": fleet.adhoc("ansible.builtin.ping", "", 50),
            }
            facts["per_host_full_facts_s"] = round((facts["setup_all_s"] - facts["ping_s"]) / args.hosts, 3)
            facts["per_host_min_facts_s"] = round((facts["setup_min_s"] - facts["ping_s"]) / args.hosts, 3)
            print("fact gathering over %d hosts (forks 50): all facts %.1f s, gather_subset=min %.1f s, "
                  "ping %.1f s" % (args.hosts, facts["setup_all_s"], facts["setup_min_s"], facts["ping_s"]))
            result["variants"] = [{k: v for k, v in run.items() if k not in ("log", "slowest_tasks")}
                                  for run in variants]
            result["fact_gathering"] = facts
            if "wall_s" not in result:
                best = min(variants, key=lambda r: r["wall_s"])
                result.update(wall_s=best["wall_s"], per_host_s=best["per_host_s"])
                settings.update(playbook="monitor.yml", forks=best["forks"], pipelining=best["pipelining"],
                                strategy=best["strategy"])
    finally:
        fleet.stop()
        if args.keep:
            log("kept %s" % root)
        else:
            shutil.rmtree(root, ignore_errors=True)
    result["settings"] = settings
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
