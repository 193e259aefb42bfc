"""Integration tests of troubleshoot.yml (SOP activities 6 and 7): real faults injected on loopback services
(nginx, MariaDB, a 2 MB tmpfs, an expired certificate, a defaced page, wrong permissions), each diagnosed and
then fixed-and-verified or escalated by e-mail to a real SMTP server (aiosmtpd with STARTTLS and AUTH)."""

from __future__ import annotations

import email
import hashlib
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time

import pytest
import yaml

from ansible_collections.sitekeeper.website.plugins.module_utils.core import history
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import host as hst
from tests.harness import services
from tests.harness.fixtures import published_findings

pytestmark = pytest.mark.integration

# Unique strings planted in configs, logs and the environment; none may reach the vendor bundle.
PLANTED = {
    "config": "cfgSecret-8d41c2",
    "log": "logToken-51aa7e",
    "env": "envPass-93bd10",
    "vault": "vaultDbPw-77e2f9",
}

SERVERS = """
server {{
    listen 127.0.0.1:{{port}};
    root {docroot};
    index index.html;
    location / {{ try_files $uri $uri/ =404; }}
    location /app {{ fastcgi_param DB_PASSWORD {secret}; return 200 "app"; }}
}}
"""


def quiet_port():
    """A free port below the kernel's ephemeral range: other tests (bind to port 0) never get it, so a stopped
    server's port cannot be taken by someone else before the fix starts it again."""
    rng = random.SystemRandom()
    while True:
        port = rng.randrange(20000, 32000)
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port


def kill_from_pidfile(path):
    pid = hst.read_pidfile(path)
    if pid and hst.pid_alive(pid):
        services.kill_pid(pid, signal.SIGQUIT)


@pytest.fixture
def web(nginx_factory, tmp_path):
    """A real nginx serving a docroot, described as Sitekeeper services and sites."""
    docroot = tmp_path / "site"
    docroot.mkdir()
    os.chmod(tmp_path, 0o755)
    os.chmod(docroot, 0o755)
    (docroot / "index.html").write_text("<html><body><h1>Pengadilan Negeri Contoh</h1></body></html>\n")
    os.chmod(docroot / "index.html", 0o644)
    nginx = nginx_factory(SERVERS.format(docroot=docroot, secret=PLANTED["config"]), port=quiet_port())
    base = ["nginx", "-c", nginx.conf, "-e", nginx.error_log]
    service = {"name": "nginx", "kind": "web", "host": "127.0.0.1", "port": nginx.port,
               "pidfile": os.path.join(nginx.dir, "nginx.pid"), "config_test": base + ["-t"],
               "config_dump": base + ["-T"], "config_paths": [nginx.conf, nginx.servers_conf], "start": base,
               "reload": base + ["-s", "reload"], "error_logs": [nginx.error_log], "third_party": "hosting"}
    site = {"name": "pn-contoh", "url": nginx.url, "docroot": str(docroot), "docroot_file_mode": "0644",
            "docroot_dir_mode": "0755", "third_party": "webdev", "access_logs": [nginx.access_log]}
    yield {"nginx": nginx, "service": service, "site": site, "docroot": docroot, "tmp": tmp_path}
    kill_from_pidfile(service["pidfile"])


def write_inventory(tmp_path, data_dir, services_, sites, smtp=None, host_name="localhost", host_vars=None, **extra):
    host = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
    host.update(host_vars or {})
    variables = {
        "sitekeeper_data_dir": str(data_dir),
        "sitekeeper_services": services_,
        "sitekeeper_sites": sites,
        "sitekeeper_known_good_dir": str(tmp_path / "known-good"),
        "sitekeeper_third_parties": {
            "hosting": {"name": "PT Hosting Uji", "email": "support@hosting.test"},
            "webdev": {"name": "CV Web Uji", "email": ["helpdesk@webdev.test"]},
        },
        "troubleshoot_default_third_party": "hosting",
        "troubleshoot_disk_paths": [],
        "troubleshoot_secrets": [PLANTED["vault"]],
        "troubleshoot_bundle_dir": str(data_dir / "escalations"),
        "troubleshoot_mail_transport": "smtp" if smtp else "none",
        "troubleshoot_options": {"checks": ["service_running", "config_test", "disk_space", "error_log",
                                            "tls_certificate", "site_response", "database", "docroot_permissions",
                                            "docroot_changes"]},
        "remediate_wait": 20,
    }
    if smtp:
        variables["troubleshoot_smtp"] = {"host": "127.0.0.1", "port": smtp.port, "tls": "starttls",
                                          "cafile": smtp.ca_path, "username": smtp.USER, "password": smtp.PASSWORD}
        variables["troubleshoot_mail_from"] = "sitekeeper@pn-contoh.test"
    variables.update(extra)
    inventory = {"all": {"hosts": {host_name: host}, "vars": variables,
                         "children": {"webservers": {"hosts": {host_name: None}}}}}
    path = tmp_path / ("inventory-%d.yml" % time.monotonic_ns())
    path.write_text(yaml.safe_dump(inventory))
    return str(path)


def run(playbook_runner, inventory, data_dir, extravars=None, envvars=None):
    runner = playbook_runner("playbooks/troubleshoot.yml", inventory, extravars=extravars, data_dir=data_dir,
                             envvars=envvars)
    assert runner.status == "successful", runner.stdout.read()[-3000:]
    found = published_findings(runner)
    return runner, found


def pick(found, check, activity=None):
    return [f for f in found if f["check"] == check and (activity is None or f["activity"] == activity)]


def incidents(data_dir):
    with history.HistoryStore(str(data_dir / "history.sqlite")) as store:
        return {(i["check"], i["subject"]): i for i in store.incidents()}


def test_nginx_stopped_then_config_broken_both_resolved_in_house(web, playbook_runner, data_dir, tmp_path):
    svc, site = web["service"], web["site"]
    inventory = write_inventory(tmp_path, data_dir, [svc], [site])
    # 1. nginx stopped.
    web["nginx"].stop()
    assert not hst.port_open("127.0.0.1", svc["port"])
    _, found = run(playbook_runner, inventory, data_dir)
    (started,) = pick(found, "remediate.start_service", 6)
    assert started["status"] == "ok", (started["summary"], started["evidence"])
    assert pick(found, "troubleshoot.service_running", 7)[0]["status"] == "ok"
    assert hst.port_open("127.0.0.1", svc["port"])
    inc = incidents(data_dir)[("troubleshoot.service_running", "service:nginx")]
    assert inc["state"] == "resolved" and "in-house" in inc["resolved_by"] and inc["resolved_at"]
    # The run kept a known-good copy of the passing configuration.
    assert os.path.exists(tmp_path / "known-good" / "nginx" / "current" / "manifest.json")

    # 2. nginx config broken (nginx keeps running with the old one; a reload would fail).
    good = open(web["nginx"].servers_conf).read()
    with open(web["nginx"].servers_conf, "a") as handle:
        handle.write("server { listen 127.0.0.1:%d; this_is_not_a_directive on; }\n" % svc["port"])
    assert subprocess.run(svc["config_test"], capture_output=True).returncode != 0
    _, found = run(playbook_runner, inventory, data_dir)
    (rolled,) = pick(found, "remediate.rollback_config", 6)
    assert rolled["status"] == "ok", rolled
    assert open(web["nginx"].servers_conf).read() == good
    assert subprocess.run(svc["config_test"], capture_output=True).returncode == 0
    assert pick(found, "troubleshoot.config_test", 7)[0]["status"] == "ok"
    assert incidents(data_dir)[("troubleshoot.config_test", "service:nginx")]["state"] == "resolved"


def test_docroot_permissions_wrong_fixed_and_verified(web, playbook_runner, data_dir, tmp_path):
    page = web["docroot"] / "index.html"
    os.chmod(page, 0o600)
    os.chmod(web["docroot"], 0o777)
    inventory = write_inventory(tmp_path, data_dir, [web["service"]], [web["site"]])
    _, found = run(playbook_runner, inventory, data_dir)
    (fixed,) = pick(found, "remediate.fix_permissions", 6)
    assert fixed["status"] == "ok", fixed
    assert oct(os.stat(page).st_mode & 0o777) == "0o644" and oct(os.stat(web["docroot"]).st_mode & 0o777) == "0o755"
    assert pick(found, "troubleshoot.docroot_permissions", 7)[0]["status"] == "ok"
    assert pick(found, "troubleshoot.site_response", 7)[0]["status"] == "ok"


def test_defaced_index_escalated_with_a_clean_bundle(web, playbook_runner, data_dir, tmp_path, smtp_server):
    (web["docroot"] / "index.html").write_text("<html><body><h1>Hacked by TestCrew</h1></body></html>\n")
    # Secrets planted in the error log and the environment (the config holds one already).
    with open(web["nginx"].error_log, "a") as handle:
        handle.write('2026/11/27 10:00:00 [error] 7#7: *1 open() failed, client: 198.51.100.23, request: '
                     '"GET /admin?token=%s HTTP/1.1", host: "pn-contoh.test"\n' % PLANTED["log"])
        handle.write("2026/11/27 10:00:01 [error] 7#7: db connect password=%s failed\n" % PLANTED["vault"])
    before = len(smtp_server.messages)
    inventory = write_inventory(tmp_path, data_dir, [web["service"]], [web["site"]], smtp=smtp_server,
                                troubleshoot_pseudonymise=True)
    _, found = run(playbook_runner, inventory, data_dir, envvars={"SK_TEST_DB_PASSWORD": PLANTED["env"]})
    deface = pick(found, "troubleshoot.docroot_changes", 7)[0]
    assert deface["status"] == "critical"
    assert not pick(found, "remediate.restore_site")  # not in the unattended allowlist
    inc = incidents(data_dir)[("troubleshoot.docroot_changes", site_key(web))]
    assert inc["state"] == "escalated" and inc["third_party"] == "webdev"
    bundle_path = inc["actions"][-1]["bundle"]
    # The e-mail went to the site's third party over STARTTLS with AUTH, the bundle attached.
    assert len(smtp_server.messages) == before + 1
    sent = smtp_server.messages[-1]
    assert sent["to"] == ["helpdesk@webdev.test"] and sent["authenticated"]
    msg = email.message_from_bytes(sent["data"])
    (attachment,) = [p for p in msg.walk() if p.get_filename()]
    assert attachment.get_payload(decode=True) == open(bundle_path, "rb").read()
    texts = {}
    with tarfile.open(bundle_path) as tar:
        for member in tar.getmembers():
            texts[member.name.split("/", 1)[1]] = tar.extractfile(member).read().decode()
    assert {"README.txt", "findings.json", "diagnostics.json", "config_test/nginx.txt"} <= set(texts)
    assert any(name.startswith("logs/") for name in texts)
    blob = "\n".join(texts.values()) + msg.as_string()
    for where, secret in PLANTED.items():
        assert secret not in blob, "planted %s secret leaked" % where
    assert "198.51.100.23" not in blob  # pseudonymised; the mapping stays on the controller
    mapping = json.load(open(bundle_path.replace(".tar.gz", ".mapping.json")))
    assert "198.51.100.23" in mapping.values()
    assert "Hacked by" in texts["findings.json"] or "defaced" in texts["findings.json"]


def site_key(web):
    return web["site"]["url"]


def test_certificate_expired_renewal_fails_and_is_escalated(web, playbook_runner, data_dir, tmp_path, pki,
                                                            smtp_server):
    cert = pki.issue("pn-contoh.test", days=-3)
    config_dir = tmp_path / "letsencrypt"
    site = dict(web["site"], tls_cert=cert["cert"], cert_name="pn-contoh.test",
                certbot_args=["--config-dir", str(config_dir), "--work-dir", str(tmp_path / "le-work"),
                              "--logs-dir", str(tmp_path / "le-logs")])
    inventory = write_inventory(tmp_path, data_dir, [web["service"]], [site], smtp=smtp_server,
                                sitekeeper_unattended_fixes=["start_service", "renew_cert"])
    _, found = run(playbook_runner, inventory, data_dir)
    assert pick(found, "troubleshoot.tls_certificate", 7)[0]["status"] == "critical"
    (renewal,) = pick(found, "remediate.renew_cert", 6)
    assert renewal["status"] == "critical" and renewal["details"]["certbot_rc"] != 0
    inc = incidents(data_dir)[("troubleshoot.tls_certificate", site["url"])]
    assert inc["state"] == "escalated"


@pytest.fixture
def own_mariadb():
    """A MariaDB only this test stops and restarts (the shared one must keep running for others)."""
    if shutil.which("mariadbd") is None:
        pytest.fail("mariadb-server is not installed: run ./scripts/setup --test as root")
    directory = tempfile.mkdtemp(prefix="sk-ts-mariadb-", dir="/tmp")
    server = services.MariaDB(directory)
    server.port = quiet_port()
    server.start()
    try:
        yield server
    finally:
        server.stop()
        kill_from_pidfile(server.pid_file)
        shutil.rmtree(directory, ignore_errors=True)


def test_database_stopped_is_started_and_verified(own_mariadb, web, playbook_runner, data_dir, tmp_path):
    db = own_mariadb
    start = ["mariadbd", "--no-defaults", "--user=mysql", "--datadir=" + db.datadir, "--socket=" + db.socket,
             "--pid-file=" + db.pid_file, "--bind-address=127.0.0.1", "--port=%d" % db.port,
             "--log-error=" + os.path.join(db.dir, "error.log"), "--innodb-buffer-pool-size=64M",
             "--skip-name-resolve"]
    service = {"name": "mariadb", "kind": "db", "process": "mariadbd", "host": "127.0.0.1", "port": db.port,
               "pidfile": db.pid_file, "start": start, "error_logs": [os.path.join(db.dir, "error.log")]}
    # The site connects through the server's socket, as PHP sites on the same host do.
    site = dict(web["site"], database={"socket": db.socket, "engine": "mysql"})
    db.stop()
    assert not hst.port_open("127.0.0.1", db.port)
    inventory = write_inventory(tmp_path, data_dir, [web["service"], service], [site])
    _, found = run(playbook_runner, inventory, data_dir)
    started = [f for f in pick(found, "remediate.start_service", 6) if f["subject"] == "service:mariadb"][0]
    assert started["status"] == "ok", (started["summary"], started["evidence"])
    database = pick(found, "troubleshoot.database", 7)[0]
    assert database["status"] == "ok" and "MariaDB" in json.dumps(database["details"])
    assert db.execute("SELECT 1").strip() == "1"
    assert incidents(data_dir)[("troubleshoot.database", "database:%s" % db.socket)]["state"] == "resolved"


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_on_small_tmpfs_is_freed_and_verified(small_disk, web, playbook_runner, data_dir, tmp_path):
    logs = small_disk / "logs"
    logs.mkdir()
    cache = small_disk / "cache"
    cache.mkdir()
    (cache / "page.cache").write_bytes(os.urandom(300 * 1024))
    (logs / "access.log").write_text("current\n")
    line = '203.0.113.9 - - [20/Nov/2026:10:00:00 +0700] "GET /berita/ HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n'
    for number in (1, 2):
        rotated = logs / ("access.log.%d" % number)
        rotated.write_text(line * (850 * 1024 // len(line)))
        old = time.time() - 5 * 86400
        os.utime(rotated, (old, old))
    usage = hst.disk_usage(str(small_disk))
    assert usage["used_percent"] > 95
    inventory = write_inventory(
        tmp_path, data_dir, [web["service"]], [web["site"]],
        troubleshoot_disk_paths=[str(small_disk)],
        remediate_disk={"paths": [str(small_disk)], "target_percent": 80, "log_dirs": [str(logs)],
                        "cache_dirs": [str(cache)], "backup_sets": [], "prune_backups": False})
    _, found = run(playbook_runner, inventory, data_dir)
    (freed,) = pick(found, "remediate.free_disk", 6)
    assert freed["status"] == "ok", freed
    assert hst.disk_usage(str(small_disk))["used_percent"] < 80
    assert (logs / "access.log.1.gz").exists() and (logs / "access.log").read_text() == "current\n"
    disk = [f for f in pick(found, "troubleshoot.disk_space", 7) if str(small_disk) in f["subject"]][0]
    assert disk["status"] == "ok"
    key = ("troubleshoot.disk_space", "disk:%s" % small_disk)
    assert incidents(data_dir)[key]["state"] == "resolved"


def tree_checksums(*roots):
    sums = {}
    for root in roots:
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = os.path.join(folder, name)
                st = os.lstat(path)
                with open(path, "rb") as handle:
                    sums[path] = (hashlib.sha256(handle.read()).hexdigest(), st.st_mode, st.st_uid, st.st_mtime)
    return sums


def test_read_only_mode_changes_nothing(web, playbook_runner, data_dir, tmp_path):
    svc = web["service"]
    web["nginx"].stop()
    os.chmod(web["docroot"] / "index.html", 0o600)
    # The inventory asks for become, with a become program that cannot work: read-only mode must not use it.
    inventory = write_inventory(tmp_path, data_dir, [svc], [web["site"]], host_name="web-ro",
                                host_vars={"ansible_become": True, "ansible_become_exe": "/nonexistent/sudo"})
    watched = [web["docroot"], web["nginx"].dir]
    before = tree_checksums(*watched)
    state_before = hst.service_state(hst.normalise_service(svc))
    _, found = run(playbook_runner, inventory, data_dir, extravars={"troubleshoot_read_only": True})
    assert tree_checksums(*watched) == before
    assert hst.service_state(hst.normalise_service(svc)) == state_before and not state_before["running"]
    assert not os.path.exists(tmp_path / "known-good")
    assert pick(found, "troubleshoot.service_running", 7)[0]["status"] == "critical"
    assert pick(found, "troubleshoot.docroot_permissions", 7)[0]["status"] == "critical"
    assert not [f for f in found if f["activity"] == 6]
    assert {f["host"] for f in found} == {"web-ro"}


def test_port_helper_sanity():
    # Guard for the tests above: a closed port really reads as closed.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert not hst.port_open("127.0.0.1", port)


def test_fixes_named_by_earlier_findings_of_the_run_are_proposed(web, playbook_runner, data_dir, tmp_path):
    """In sop.yml the docroot scan runs before troubleshooting: its findings name remediate/quarantine_files,
    which the host diagnosis itself never proposes. Troubleshooting must offer it (destructive: proposed only)."""
    inventory = write_inventory(tmp_path, data_dir, [web["service"]], [web["site"]], host_name="web-scan")
    earlier = {
        "activity": 3, "check": "docroot.webshell", "host": "web-scan", "subject": "site:%s" % web["site"]["name"],
        "status": "critical", "summary": "A web shell was found in the docroot.",
        "details": {"summary_id": "Web shell ditemukan di docroot."}, "evidence": [],
        "suggested_actions": [{"text": "Quarantine the flagged files", "text_id": "Karantina berkas",
                               "playbook": "remediate", "tag": "quarantine_files"},
                              {"text": "Call the vendor", "text_id": "Hubungi vendor", "playbook": None, "tag": None}],
        "observed_at": "2026-12-04T08:00:00Z",
    }
    runner, _ = run(playbook_runner, inventory, data_dir, extravars={"sitekeeper_findings": [earlier]})
    said = runner.stdout.read()
    assert re.search(r"web-scan: \d+ problem\(s\) found; fixes applied: [^;]*; proposed: [^;]*quarantine_files", said), \
        said[-2000:]
    assert not os.path.exists(web["docroot"] / ".." / "quarantine")
