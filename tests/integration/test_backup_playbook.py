"""backup.yml -> verify -> restore.yml over real SSH (loopback sshd hosts, sudo), with the site served
by a real nginx and its database on a real MariaDB. Proves the restored site and tables equal the
originals, that a planted password never shows in Ansible output or runner artifacts, and that a
copy over rsync/SSH arrives intact.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.request

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.backup.run import run_backup
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history
from tests.harness.fixtures import run_playbook
from tests.integration.test_backup_databases import (  # noqa: F401  fixtures
    MARIADB_SECRET,
    PG_SECRET,
    shop_mariadb,
    shop_postgres,
)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def workdir():
    path = tempfile.mkdtemp(prefix="sk4-pb-", dir="/tmp")
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def _write_site(docroot):
    os.makedirs(os.path.join(docroot, "berita"), exist_ok=True)
    with open(os.path.join(docroot, "index.html"), "w") as handle:
        handle.write("<h1>Pengadilan Negeri Contoh</h1>\n")
    with open(os.path.join(docroot, "berita", "1.html"), "w") as handle:
        handle.write("<p>Sidang keliling</p>\n" * 100)
    os.makedirs(os.path.join(docroot, "cache"), exist_ok=True)
    with open(os.path.join(docroot, "cache", "page.cache"), "w") as handle:
        handle.write("cached")


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  loopback test server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def _ok_results(runner, task_suffix):
    return [e["event_data"]["res"] for e in runner.events
            if e.get("event") == "runner_on_ok" and e["event_data"].get("task", "").endswith(task_suffix)]


def _artifacts_text(runner):
    chunks = [runner.stdout.read()]
    for root, _dirs, files in os.walk(runner.private_data_dir_path):
        for name in files:
            with open(os.path.join(root, name), "rb") as handle:
                chunks.append(handle.read().decode("utf-8", "replace"))
    return "\n".join(chunks)


def test_backup_verify_restore_over_ssh(ssh_hosts, nginx_factory, shop_mariadb, shop_postgres,  # noqa: F811
                                       data_dir, workdir, tmp_path):
    docroot = os.path.join(workdir, "site")
    _write_site(docroot)
    nginx = nginx_factory("server { listen 127.0.0.1:{port}; root %s; }" % docroot)
    assert _get(nginx.url)[1].startswith("<h1>Pengadilan")
    dest = os.path.join(workdir, "backups")
    site = {"name": "pn", "url": nginx.url, "docroot": docroot, "backup_exclude": ["./cache"],
            "databases": [{"engine": "mariadb", "name": "shop", "user": "skbackup", "host": "127.0.0.1",
                           "port": shop_mariadb.port},
                          {"engine": "postgresql", "name": "shop", "user": "skbackup", "host": "127.0.0.1",
                           "port": shop_postgres.port}]}
    host_vars = {"sitekeeper_sites": [site], "site_backup_destination": dest, "site_backup_config_paths": [nginx.dir],
                 "site_backup_db_passwords": {"pn/shop": MARIADB_SECRET}}
    host_vars["site_backup_db_passwords"]["pn/postgresql/shop"] = PG_SECRET  # both databases are named shop
    inventory = ssh_hosts.write_inventory({"web1": host_vars}, path=str(tmp_path / "inv.json"))
    extravars = {"sitekeeper_history_path": str(data_dir / "history.sqlite")}

    backup = run_playbook("playbooks/backup.yml", inventory, extravars, data_dir=data_dir, limit="web1")
    assert backup.status == "successful", backup.stdout.read()[-3000:]
    sets = bk.list_sets(dest)
    assert len(sets) == 1 and sets[0]["verified"], [
        bk.read_manifest(os.path.join(dest, n)).get("problems") for n in os.listdir(dest) if n.endswith(".failed")]
    manifest = sets[0]["manifest"]
    assert {c["kind"] for c in manifest["contents"]} == {"files", "database", "config"}
    assert sorted(c["engine"] for c in manifest["contents"] if c["kind"] == "database") == ["mariadb", "postgresql"]
    assert {c["restore_test"] for c in manifest["contents"] if c["kind"] == "database"} == {"ok"}
    text = _artifacts_text(backup)
    assert MARIADB_SECRET not in text and PG_SECRET not in text
    with history.HistoryStore(str(data_dir / "history.sqlite")) as store:
        recorded = [f for f in store.findings() if f["activity"] == 2]
    assert {(f["check"], f["status"]) for f in recorded} >= {("backup.age", "ok"), ("backup.verify", "ok"),
                                                               ("backup.database", "ok")}

    # Deface the site: changed page, an added web shell.
    with open(os.path.join(docroot, "index.html"), "w") as handle:
        handle.write("HACKED")
    with open(os.path.join(docroot, "shell.php"), "w") as handle:
        handle.write("<?php system($_GET['c']); ?>")
    assert _get(nginx.url)[1] == "HACKED"
    shop_mariadb.execute("DROP DATABASE IF EXISTS shop_pb_restored")
    shop_postgres.execute("DROP DATABASE IF EXISTS shop_pb_restored")
    restore_vars = dict(extravars, site_backup_restore_databases=[
        dict(site["databases"][0], restore_as="shop_pb_restored"),
        dict(site["databases"][1], restore_as="shop_pb_restored")])

    check = run_playbook("playbooks/restore.yml", inventory, restore_vars, data_dir=data_dir, limit="web1", check=True)
    assert check.status == "successful", check.stdout.read()[-3000:]
    plan = _ok_results(check, "Restore the site from its verified backup")[0]
    assert plan["files"][0]["changed_files"] == ["index.html"] and plan["files"][0]["removed"] == ["shell.php"]
    assert sorted(d["database"] for d in plan["databases"]) == ["shop_pb_restored", "shop_pb_restored"]
    assert _get(nginx.url)[1] == "HACKED"
    assert "shop_pb_restored" not in shop_mariadb.execute("SHOW DATABASES")

    restore = run_playbook("playbooks/restore.yml", inventory, restore_vars, data_dir=data_dir, limit="web1")
    assert restore.status == "successful", restore.stdout.read()[-3000:]
    assert MARIADB_SECRET not in _artifacts_text(restore)
    assert _get(nginx.url)[1].startswith("<h1>Pengadilan")
    assert _get(nginx.url + "shell.php")[0] == 404
    assert open(os.path.join(docroot, "cache", "page.cache")).read() == "cached"
    for table in ("news", "hits"):
        original = shop_mariadb.execute("CHECKSUM TABLE %s" % table, database="shop").split("\t")[1]
        copy = shop_mariadb.execute("CHECKSUM TABLE %s" % table, database="shop_pb_restored").split("\t")[1]
        assert original == copy
    query = "SELECT md5(string_agg(id || title || body, ',' ORDER BY id)) FROM news"
    assert shop_postgres.execute(query, "shop") == shop_postgres.execute(query, "shop_pb_restored")

    again = run_playbook("playbooks/restore.yml", inventory, extravars, data_dir=data_dir, limit="web1")
    assert again.status == "successful"
    assert again.stats["changed"].get("web1", 0) == 0

    # The web server configuration: by default into another folder (never the live one).
    servers_conf = os.path.join(nginx.dir, "servers.conf")
    original_conf = open(servers_conf).read()
    with open(servers_conf, "a") as handle:
        handle.write("# changed after the backup\n")
    config_vars = dict(extravars, site_backup_restore_components=["config"])
    config = run_playbook("playbooks/restore.yml", inventory, config_vars, data_dir=data_dir, limit="web1")
    assert config.status == "successful", config.stdout.read()[-3000:]
    done = _ok_results(config, "Restore the site from its verified backup")[0]
    restored_dir = os.path.join(dest, "restored-config", sets[0]["name"])
    assert done["config"][0]["target"] == restored_dir + nginx.dir
    assert open(restored_dir + servers_conf).read() == original_conf
    assert open(servers_conf).read().endswith("# changed after the backup\n")
    # In place, in check mode: the change is listed, nothing is written.
    in_place = dict(config_vars, site_backup_restore_config_in_place=True)
    plan = run_playbook("playbooks/restore.yml", inventory, in_place, data_dir=data_dir, limit="web1", check=True)
    assert plan.status == "successful", plan.stdout.read()[-3000:]
    listed = _ok_results(plan, "Restore the site from its verified backup")[0]["config"][0]
    assert listed["target"] == nginx.dir and "servers.conf" in listed["changed_files"]
    assert open(servers_conf).read().endswith("# changed after the backup\n")


def test_copy_over_rsync_ssh_arrives_verified(ssh_hosts, workdir, tmp_path):
    docroot = os.path.join(workdir, "site-rsync")
    _write_site(docroot)
    remote_dir = os.path.join(workdir, "remote-copies")
    os.makedirs(remote_dir)
    shutil.chown(remote_dir, ssh_hosts.user, ssh_hosts.user)
    ssh = "ssh -i %s -p %d %s" % (ssh_hosts.key, ssh_hosts.port, ssh_hosts.ssh_args())
    target = "%s@%s:%s" % (ssh_hosts.user, ssh_hosts.addresses[1], remote_dir)
    result = run_backup({"host": "web1", "destination": str(tmp_path / "b"),
                         "sites": [{"name": "pn", "docroot": docroot}],
                         "rsync": [{"target": target, "ssh_command": ssh}]})
    assert result["copies"][0]["status"] == "ok", result["copies"]
    copy = os.path.join(remote_dir, result["set"])
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=copy, capture_output=True, text=True)
    assert check.returncode == 0 and "OK" in check.stdout
    assert not [n for n in os.listdir(remote_dir) if n.endswith(".partial")]
    # An unreachable backup host is a critical finding, the local set is still good.
    bad = run_backup({"host": "web1", "destination": str(tmp_path / "b"),
                      "sites": [{"name": "pn", "docroot": docroot}],
                      "rsync": [{"target": "%s@127.0.0.99:%s" % (ssh_hosts.user, remote_dir),
                                 "ssh_command": ssh + " -o ConnectTimeout=3"}]})
    copy_f = [f for f in bad["findings"] if f["check"] == "backup.copy"]
    assert copy_f and copy_f[0]["status"] == "critical"
    assert bad["manifest"]["verification"]["status"] == "ok"
    assert json.dumps(bad)  # JSON-safe for Ansible


def test_rsync_backup_host_retention_over_ssh(ssh_hosts, workdir, tmp_path, backup_clock_at_noon):
    docroot = os.path.join(workdir, "site-retention")
    _write_site(docroot)
    remote_dir = os.path.join(workdir, "remote-retention")
    os.makedirs(remote_dir)
    old = ["web1-20260101T010000Z", "web1-20260102T010000Z", "web1-20260103T010000Z"]
    for name in old + ["web2-20250101T010000Z", "web1-20260104T010000Z.partial"]:
        os.makedirs(os.path.join(remote_dir, name))
        with open(os.path.join(remote_dir, name, "SHA256SUMS"), "w") as handle:
            handle.write("")
    subprocess.run(["chown", "-R", "%s:%s" % (ssh_hosts.user, ssh_hosts.user), remote_dir], check=True)
    ssh = "ssh -i %s -p %d %s" % (ssh_hosts.key, ssh_hosts.port, ssh_hosts.ssh_args())
    rsync = [{"target": "%s@%s:%s" % (ssh_hosts.user, ssh_hosts.addresses[1], remote_dir), "ssh_command": ssh,
              "retention": {"daily": 2, "weekly": 0, "monthly": 0}}]
    site = {"name": "pn", "docroot": docroot}
    base = {"host": "web1", "destination": str(tmp_path / "b"), "rsync": rsync}

    # A backup with a failed part: the copy is made, nothing is pruned on the backup host.
    failed = run_backup(dict(base, sites=[dict(site, backup_paths=[os.path.join(workdir, "gone")])]))
    assert failed["copies"][0]["status"] == "ok" and failed["copies"][0]["pruned"] == []
    assert set(old) <= set(os.listdir(remote_dir))

    # A good backup: its copy verifies there, then keep 2 days: today's newest and 2026-01-03.
    good = run_backup(dict(base, sites=[site]))
    assert good["status"] == "ok", good["problems"]
    copy = good["copies"][0]
    assert copy["status"] == "ok" and "prune_error" not in copy
    left = set(os.listdir(remote_dir))
    assert left == {good["set"], "web1-20260103T010000Z", "web2-20250101T010000Z"}, left
    assert set(copy["pruned"]) == {"web1-20260101T010000Z", "web1-20260102T010000Z", failed["set"],
                                   "web1-20260104T010000Z.partial"}
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=os.path.join(remote_dir, good["set"]),
                           capture_output=True, text=True)
    assert check.returncode == 0

    # A copy damaged in transit never gets its final name, and then nothing is pruned.
    damaged = os.path.join(str(tmp_path / "b"), good["set"])
    archive = next(n for n in os.listdir(damaged) if n.startswith("files-"))
    fake = str(tmp_path / "fake-set" / "web1-20270101T000000Z")
    shutil.copytree(damaged, fake)
    with open(os.path.join(fake, archive), "r+b") as handle:
        handle.seek(10)
        byte = handle.read(1)
        handle.seek(10)
        handle.write(bytes([byte[0] ^ 1]))
    with pytest.raises(bk.BackupError, match="did not verify"):
        bk.rsync_set(fake, rsync[0]["target"], ssh)
    assert "web1-20270101T000000Z" not in os.listdir(remote_dir)
    assert "web1-20270101T000000Z.partial" in os.listdir(remote_dir)
