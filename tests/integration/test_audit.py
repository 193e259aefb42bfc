"""Integration tests of SOP activity 3: the audit playbook on a real nginx's log, blocking for real,
and the module called ad hoc."""

import http.client
import json
import os
import shutil
import sqlite3
import subprocess
import time

import pytest
import yaml

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import block as log_block
from tests.harness.fixtures import published_findings
from tests.harness.services import REPO

pytestmark = pytest.mark.integration

SERVER = """
server {{
    listen 127.0.0.1:{{port}};
    root {{dir}}/site;
    {extra}
    location / {{ try_files $uri $uri/ =404; }}
    location = /login {{ return 401; }}
}}
"""


def request(port, path, source="127.0.0.1", method="GET", agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=(source, 0))
    try:
        conn.request(method, path, body=b"user=admin&pass=guess" if method == "POST" else None,
                     headers={"User-Agent": agent, "Referer": "https://www.google.com/"})
        return conn.getresponse().status
    finally:
        conn.close()


@pytest.fixture
def site(nginx_factory, tmp_path_factory):
    server = nginx_factory(SERVER.format(extra=""))
    os.makedirs(os.path.join(server.dir, "site", "berita"), exist_ok=True)
    for name in ("index.html", "berita/1.html", "berita/2.html"):
        with open(os.path.join(server.dir, "site", name), "w") as handle:
            handle.write("<h1>Pengadilan Negeri Contoh</h1>")
    return server


def traffic(port):
    for i in range(20):
        request(port, "/" if i % 2 else "/berita/%d.html" % (i % 3), source="127.0.0.%d" % (10 + i))
    request(port, "/berita?id=1%27%20UNION%20SELECT%20user,pass%20FROM%20users--", source="127.0.0.66",
            agent="sqlmap/1.7.2#stable (https://sqlmap.org)")
    request(port, "/unduh?file=../../../../etc/passwd", source="127.0.0.66", agent="sqlmap/1.7.2#stable")
    request(port, "/.env", source="127.0.0.23")
    request(port, "/.git/config", source="127.0.0.23")
    for _ in range(6):
        request(port, "/login", source="127.0.0.77", method="POST")


def inventory(tmp_path, server, **extra):
    state = tmp_path / "audit-state"
    data = {
        "all": {
            "hosts": {"localhost": {"ansible_connection": "local",
                                    "ansible_python_interpreter": "{{ ansible_playbook_python }}"}},
            "children": {"webservers": {"hosts": {"localhost": {}}}},
            "vars": dict({
                "sitekeeper_sites": [
                    {"name": "pn-test", "url": server.url, "access_logs": [server.access_log + "*"]},
                    {"name": "no-logs", "url": "http://127.0.0.1:9/"},
                    {"name": "bad-format", "url": "http://127.0.0.1:8/", "access_logs": [server.access_log],
                     "access_log_format": "apache-fancy"},
                    {"name": "bad-threshold", "url": "http://127.0.0.1:7/", "access_logs": [server.access_log],
                     "audit_thresholds": {"sqli_per_day": 3}, "docroot": "/srv/other-keys-are-not-passed"},
                ],
                "log_audit_state_dir": str(state),
            }, **extra),
        }
    }
    path = tmp_path / "hosts.yml"
    path.write_text(yaml.safe_dump(data))
    return str(path), state


def test_audit_playbook_on_a_real_nginx_log(site, tmp_path, data_dir, playbook_runner):
    traffic(site.port)
    time.sleep(0.2)
    inv, state = inventory(tmp_path, site)
    runner = playbook_runner("playbooks/audit.yml", inv, data_dir=data_dir)
    assert runner.rc == 0, runner.stdout.read()
    found = {(f["subject"], f["check"]): f for f in published_findings(runner)}
    suspicious = found[(site.url, "audit.suspicious_activity")]
    assert suspicious["status"] == "critical"
    incidents = {i["client"]: i for i in suspicious["details"]["top_incidents"]}
    assert set(incidents) == {"127.0.0.66", "127.0.0.23", "127.0.0.77"}
    assert {"sqli", "path_traversal", "scanner_agent"} <= set(incidents["127.0.0.66"]["detections"])
    assert incidents["127.0.0.23"]["detections"] == ["sensitive_file"]
    assert incidents["127.0.0.77"]["detections"] == ["brute_force"]
    summary = found[(site.url, "audit.visitor_summary")]["details"]
    assert summary["requests"] == 30 and summary["unique_visitors"] == 22  # 127.0.0.23 is also a visitor
    # The site without logs and the site with a wrong format are reported, not silently skipped.
    assert found[("http://127.0.0.1:9/", "audit.log_files")]["status"] == "unknown"
    bad = found[("http://127.0.0.1:8/", "audit.log_files")]
    assert bad["status"] == "unknown" and "unknown log format" in bad["summary"]
    bad = found[("http://127.0.0.1:7/", "audit.log_files")]
    assert bad["status"] == "unknown" and "unknown threshold(s) sqli_per_day" in bad["summary"]
    # One module run for all the host's sites (not one per site).
    audits = [e for e in runner.events if e.get("event") in ("runner_on_ok", "runner_item_on_ok", "runner_on_failed")
              and e["event_data"].get("task_action") in ("sitekeeper.website.access_log_audit", "access_log_audit")]
    assert len(audits) == 1 and audits[0]["event"] == "runner_on_ok"
    assert [s["name"] for s in audits[0]["event_data"]["res"]["sites"]] == ["pn-test", "no-logs", "bad-format",
                                                                            "bad-threshold"]
    # The suspicious-activity log and the history store.
    lines = [json.loads(x) for x in (state / "incidents.jsonl").read_text().splitlines()]
    assert sorted(x["client"] for x in lines) == ["127.0.0.23", "127.0.0.66", "127.0.0.77"]
    db = sqlite3.connect(str(data_dir / "history.sqlite"))
    statuses = dict(db.execute("SELECT subject, status FROM findings WHERE activity = 3 AND "
                               "check_id = 'audit.suspicious_activity'").fetchall())
    assert statuses[site.url] == "critical"

    # Second run: only new lines are read.
    request(site.port, "/", source="127.0.0.10")
    time.sleep(0.2)
    again = playbook_runner("playbooks/audit.yml", inv, data_dir=data_dir)
    assert again.rc == 0
    found = {(f["subject"], f["check"]): f for f in published_findings(again)}
    assert found[(site.url, "audit.visitor_summary")]["details"]["requests"] == 1
    assert found[(site.url, "audit.suspicious_activity")]["status"] == "ok"


def test_blocking_never_blocks_loopback_or_allowlist(site, tmp_path, data_dir, playbook_runner):
    traffic(site.port)
    time.sleep(0.2)
    deny = os.path.join(site.dir, "deny.conf")
    inv, state = inventory(tmp_path, site, log_audit_block_enabled=True, log_audit_block_nginx_include=deny,
                           log_audit_block_nginx_test_command=site.command("-t"),
                           log_audit_block_nginx_reload_command=site.command("-s", "reload"))
    check = playbook_runner("playbooks/audit.yml", inv, data_dir=data_dir, check=True)
    assert check.rc == 0
    assert not os.path.exists(deny)  # check mode writes nothing
    runner = playbook_runner("playbooks/audit.yml", inv, data_dir=data_dir)
    assert runner.rc == 0, runner.stdout.read()
    text = open(deny).read()
    assert "deny" not in text.split("\n", 2)[2]  # the attackers were all on loopback: refused
    result = [e["event_data"]["res"] for e in runner.events if e.get("event") == "runner_on_ok"
              and "log_audit_block_result" in (e["event_data"].get("res", {}).get("ansible_facts") or {})]
    refused = result[0]["ansible_facts"]["log_audit_block_result"]["refused"]
    assert {r["client"] for r in refused} == {"127.0.0.66", "127.0.0.77"}
    assert request(site.port, "/", source="127.0.0.66") == 200


def test_rendered_nginx_deny_include_really_denies(nginx_factory, tmp_path):
    server = nginx_factory(SERVER.format(extra="include {dir}/deny*.conf;"))  # a glob may match nothing yet
    os.makedirs(os.path.join(server.dir, "site"), exist_ok=True)
    with open(os.path.join(server.dir, "site", "index.html"), "w") as handle:
        handle.write("ok")
    entries = {"127.0.0.9": {"since": 0, "until": 4102444800, "reason": "test"}}
    with open(os.path.join(server.dir, "deny.conf"), "w") as handle:
        handle.write(log_block.render_nginx(entries))
    server.reload()
    assert request(server.port, "/", source="127.0.0.9") == 403
    assert request(server.port, "/", source="127.0.0.1") == 200


def test_nftables_script_loads(tmp_path):
    if subprocess.run(["nft", "list", "tables"], capture_output=True).returncode != 0:
        pytest.skip("nft cannot talk to the kernel here (no CAP_NET_ADMIN)")
    table = "sk_test_%d" % os.getpid()
    opts = {"clients": ["203.0.113.5", "2001:db8::1"], "duration": 3600, "state_path": str(tmp_path / "b.json"),
            "nft_file": str(tmp_path / "block.nft"), "nft_table": table, "never_block": []}
    log_block.apply(opts, int(time.time()))
    try:
        subprocess.run(["nft", "-c", "-f", opts["nft_file"]], check=True, capture_output=True)
        subprocess.run(["nft", "-f", opts["nft_file"]], check=True, capture_output=True)
        listed = subprocess.run(["nft", "list", "table", "inet", table], check=True, capture_output=True,
                                text=True).stdout
        assert "203.0.113.5" in listed and "2001:db8::1" in listed
        # Loading again after a change replaces the set atomically (no duplicate table error).
        log_block.apply(dict(opts, clients=["198.51.100.7"]), int(time.time()))
        subprocess.run(["nft", "-f", opts["nft_file"]], check=True, capture_output=True)
        listed = subprocess.run(["nft", "list", "table", "inet", table], check=True, capture_output=True,
                                text=True).stdout
        assert "198.51.100.7" in listed
    finally:
        subprocess.run(["nft", "delete", "table", "inet", table], capture_output=True)


def test_module_ad_hoc(tmp_path):
    log = tmp_path / "access.log"
    log.write_text('198.51.100.5 - - [27/Nov/2026:10:00:00 +0700] "GET /.env HTTP/1.1" 404 0 "-" "curl/8"\n'
                   '198.51.100.5 - - [27/Nov/2026:10:00:01 +0700] "GET /.git/HEAD HTTP/1.1" 404 0 "-" "curl/8"\n')
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"), ANSIBLE_LOAD_CALLBACK_PLUGINS="1",
               ANSIBLE_STDOUT_CALLBACK="json", PATH=os.path.join(REPO, ".venv", "bin") + os.pathsep
               + os.environ.get("PATH", ""))
    ansible = shutil.which("ansible", path=env["PATH"])
    out = subprocess.run([ansible, "localhost", "-m", "sitekeeper.website.access_log_audit", "-a",
                          json.dumps({"paths": [str(log)]}), "-e", "ansible_python_interpreter=/usr/bin/python3"],
                         cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    res = json.loads(out.stdout)["plays"][0]["tasks"][0]["hosts"]["localhost"]
    assert res["summary"]["requests"] == 2
    assert res["incidents"][0]["client"] == "198.51.100.5"
    assert res["incidents"][0]["detections"] == ["sensitive_file"]
    assert {f["check"] for f in res["findings"]} == {"audit.log_files", "audit.visitor_summary",
                                                     "audit.suspicious_activity", "audit.unparsed_lines"}


F2B_PLAY = """
- name: Block through the audit role's fail2ban method
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Block
      ansible.builtin.include_role:
        name: sitekeeper.website.log_audit
        tasks_from: block
"""


@pytest.fixture
def fail2ban(tmp_path):
    """A real fail2ban server on its own configuration (copied from /etc/fail2ban), socket and pid file."""
    if not shutil.which("fail2ban-server"):
        pytest.skip("fail2ban is not installed (apt-get install fail2ban)")
    conf = tmp_path / "fail2ban"
    shutil.copytree("/etc/fail2ban", conf)
    for name in os.listdir(conf / "jail.d"):
        os.unlink(conf / "jail.d" / name)  # no distribution jails: only Sitekeeper's
    (conf / "fail2ban.local").write_text(
        f"[Definition]\nloglevel = INFO\nlogtarget = {tmp_path}/fail2ban.log\nsocket = {tmp_path}/fail2ban.sock\n"
        f"pidfile = {tmp_path}/fail2ban.pid\ndbfile = :memory:\n")
    client = ["fail2ban-client", "-c", str(conf)]
    subprocess.run(client + ["start"], check=True, capture_output=True, timeout=60)
    yield conf, client
    subprocess.run(client + ["stop"], capture_output=True, timeout=60)
    pid_file = tmp_path / "fail2ban.pid"
    if pid_file.exists():  # never leave the server behind
        try:
            os.kill(int(pid_file.read_text().strip()), 15)
        except (OSError, ValueError):
            pass


def banned(client, jail="sitekeeper", want=(), timeout=20):
    """The jail's banned addresses, waiting (fail2ban polls its files) until ``want`` are in."""
    deadline = time.time() + timeout
    while True:
        out = subprocess.run(client + ["status", jail], capture_output=True, text=True, timeout=30)
        found = set()
        for line in out.stdout.splitlines():
            if "Banned IP list:" in line:
                found = set(line.split(":", 1)[1].split())
        if set(want) <= found or time.time() > deadline:
            return found
        time.sleep(0.5)


def test_fail2ban_jail_bans_for_real(fail2ban, tmp_path, data_dir, playbook_runner):
    conf, client = fail2ban
    play = tmp_path / "block.yml"
    play.write_text(F2B_PLAY)
    inv = tmp_path / "hosts.yml"
    inv.write_text(yaml.safe_dump({"all": {"hosts": {"localhost": {
        "ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}}}}))
    dummy = tmp_path / "banned-by-action.txt"
    base = {
        "log_audit_block_methods": ["fail2ban"], "log_audit_block_duration": 3600,
        "log_audit_block_state_path": str(tmp_path / "blocklist.json"),
        "log_audit_block_fail2ban_jail_file": str(conf / "jail.d" / "sitekeeper.conf"),
        "log_audit_block_fail2ban_filter_file": str(conf / "filter.d" / "sitekeeper.conf"),
        "log_audit_block_fail2ban_log": str(tmp_path / "blocks.log"),
        "log_audit_block_fail2ban_action": "dummy[target=%s]" % dummy,  # records bans instead of firewalling
        "log_audit_block_fail2ban_test_command": client + ["-t"],
        "log_audit_block_fail2ban_reload_command": client + ["reload"],
        "log_audit_block_never": ["198.51.100.0/24"],
    }
    clients = ["203.0.113.5", {"client": "2001:db8::7", "detections": ["sqli"]}, "127.0.0.1", "198.51.100.9"]
    check = playbook_runner(str(play), str(inv), dict(base, log_audit_block_clients=clients), data_dir=data_dir,
                            check=True)
    assert check.rc == 0 and not (tmp_path / "blocks.log").exists()
    first = playbook_runner(str(play), str(inv), dict(base, log_audit_block_clients=clients), data_dir=data_dir)
    assert first.rc == 0, first.stdout.read()
    assert banned(client, want={"203.0.113.5", "2001:db8::7"}) == {"203.0.113.5", "2001:db8::7"}
    assert {"+203.0.113.5", "+2001:db8::7"} <= set(dummy.read_text().split())  # the jail's action ran
    # The same input again: nothing changes, fail2ban is not reloaded.
    again = playbook_runner(str(play), str(inv), dict(base, log_audit_block_clients=clients), data_dir=data_dir)
    assert again.rc == 0 and again.stats["changed"].get("localhost", 0) == 0
    # A new address only rewrites the ban file; fail2ban reads it by itself.
    more = playbook_runner(str(play), str(inv), dict(base, log_audit_block_clients=["192.0.2.200"]),
                           data_dir=data_dir)
    assert more.rc == 0
    reloads = [e for e in more.events if e.get("event") == "runner_on_ok"
               and e["event_data"].get("task") == "Reload fail2ban so the Sitekeeper jail takes effect"]
    assert reloads == []
    assert "192.0.2.200" in banned(client, want={"192.0.2.200"})
