"""Secrets never stay in what a run leaves on disk (issue 15 item 9).

Canaries are planted where an admin puts secrets: the environment (a token, a URL with a
password), ``-e`` extra variables and the inventory (a database password). After a normal run,
and after a ``kill -9`` of every process of a backup that is busy dumping the database (a
stand-in dump tool that waits) followed by the next run, no canary may be found in any file of
the data folder nor in ``~/.ansible/tmp``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest
import yaml

from tests.harness.services import REPO

pytestmark = pytest.mark.integration


def canaries():
    tag = uuid.uuid4().hex[:12]
    return {name: "Canary-%s-%s" % (name, tag) for name in ("env-token", "url-pass", "extra-token", "extra-plain",
                                                                 "db-pass")}


def setup(tmp_path, planted, dump_tool):
    """Inventory, environment and a stand-in MariaDB client; returns (argv, env, started flag)."""
    docroot = tmp_path / "site"
    docroot.mkdir()
    (docroot / "index.html").write_text("<h1>PN</h1>")
    tools = tmp_path / "bin"
    tools.mkdir()
    flag = tmp_path / "dump-started"
    for name in ("mariadb-dump", "mysqldump", "mariadb", "mysql"):
        script = tools / name
        script.write_text("#!/bin/sh\ntouch %s\n%s\n" % (flag, dump_tool))
        script.chmod(0o755)
    site = {"name": "pn", "url": "http://127.0.0.1:9/", "docroot": str(docroot),
            "databases": [{"engine": "mariadb", "name": "db1", "user": "sk", "bin_dir": str(tools)}]}
    hosts = {"all": {"hosts": {"localhost": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}},
                     "children": {"webservers": {"hosts": {"localhost": None}}},
                     "vars": {"sitekeeper_sites": [site],
                              "site_backup_db_passwords": {"pn/mariadb/db1": planted["db-pass"]}}}}
    inventory = tmp_path / "inventory"
    inventory.mkdir()
    (inventory / "hosts.yml").write_text(yaml.safe_dump(hosts))
    home = tmp_path / "home"
    home.mkdir()
    data_dir = tmp_path / "data"
    env = dict(os.environ, HOME=str(home), SITEKEEPER_DATA_DIR=str(data_dir),
               SK_CANARY_API_TOKEN=planted["env-token"],
               SK_CANARY_DB_URL="postgresql://sk:%s@127.0.0.1:9/sk" % planted["url-pass"])
    argv = [os.path.join(REPO, "scripts", "sitekeeper"), "--data-dir", str(data_dir), "run", "backup",
            "-i", str(inventory), "-e", "sitekeeper_backup_destination=%s" % (data_dir / "backups"),
            "-e", "sk_canary_token=%s" % planted["extra-token"], "-e", "sk_canary_note=%s" % planted["extra-plain"]]
    return argv, env, flag, data_dir, home


def found_canaries(planted, *folders):
    hits = []
    for folder in folders:
        for root, _dirs, names in os.walk(folder):
            for name in names:
                path = os.path.join(root, name)
                try:
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                hits += ["%s in %s" % (key, path) for key, value in planted.items() if value.encode() in data]
    return hits


def descendants(pid):
    """Every process below pid (read from /proc before anything is killed)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def test_no_secret_in_the_data_folder_after_a_normal_run(tmp_path):
    planted = canaries()
    argv, env, flag, data_dir, home = setup(tmp_path, planted, "exit 1")
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=900, check=False)
    assert proc.returncode in (1, 2), (proc.returncode, proc.stdout[-3000:], proc.stderr[-3000:])
    assert flag.exists()  # the database step ran with the password
    runs = os.listdir(data_dir / "runs")
    assert runs and (data_dir / "runs" / runs[0] / "artifacts").is_dir()
    assert found_canaries(planted, data_dir, home / ".ansible") == []


def test_no_secret_left_after_a_killed_backup_and_the_next_run(tmp_path):
    planted = canaries()
    argv, env, flag, data_dir, home = setup(tmp_path, planted, "exec sleep 600")
    cli = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 600  # a bound on the wait, not a measurement
        while not flag.exists() and cli.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert flag.exists() and cli.poll() is None, "the backup never reached the database dump"
    finally:
        for pid in [cli.pid] + descendants(cli.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        cli.wait()
    # The next run (the dump tool now fails at once) cleans up after the killed one.
    for name in ("mariadb-dump", "mysqldump", "mariadb", "mysql"):
        (tmp_path / "bin" / name).write_text("#!/bin/sh\nexit 1\n")
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=900, check=False)
    assert proc.returncode in (1, 2), (proc.returncode, proc.stdout[-3000:], proc.stderr[-3000:])
    assert len(os.listdir(data_dir / "runs")) == 2
    assert found_canaries(planted, data_dir, home / ".ansible") == []
