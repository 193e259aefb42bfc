"""An unprivileged admin runs ./scripts/sitekeeper against remote hosts (real SSH, become)."""

import json
import os
import pwd
import shutil
import sqlite3
import subprocess
import tempfile

import pytest

from tests.harness import services
from tests.harness.services import REPO

pytestmark = pytest.mark.integration

def test_non_root_admin_sets_up_and_runs_monitor_over_ssh(ssh_hosts):
    """The admin clones the project into their own home and runs the CLI: it sets itself up
    (its own .venv, no system packages) and manages the hosts over SSH with become."""
    user = ssh_hosts.user
    home = tempfile.mkdtemp(prefix="sk-admin-", dir="/tmp")
    shutil.chown(home, user, user)
    checkout = os.path.join(home, "sitekeeper")
    as_admin = ["runuser", "-u", user, "--", "env", "HOME=" + home, "PATH=/usr/bin:/bin"]
    # A site nothing answers on, for the whole test.
    with services.closed_port() as port:
        try:
            clone = subprocess.run(["git", "clone", "-q", "--no-hardlinks", REPO, checkout],
                                   capture_output=True, text=True, timeout=300)
            assert clone.returncode == 0, clone.stderr
            subprocess.run(["chown", "-R", "%s:%s" % (user, user), checkout], check=True)
            key = os.path.join(home, "id_ed25519")
            shutil.copy(ssh_hosts.key, key)
            inventory = os.path.join(home, "hosts.yml")
            data_dir = os.path.join(home, "data")
            hosts = {}
            for name, address in zip(ssh_hosts.names, ssh_hosts.addresses):
                host = ssh_hosts.host_vars(address)
                host["ansible_ssh_private_key_file"] = key
                host["ansible_ssh_common_args"] = (
                    "-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ControlMaster=no")
                # A site nothing answers on: the run works, the finding is critical.
                host["sitekeeper_sites"] = [{"name": name, "url": "http://127.0.0.1:%d/" % port, "docroot": "/nonexistent"}]
                hosts[name] = host
            with open(inventory, "w") as handle:
                json.dump({"all": {"children": {"webservers": {"hosts": hosts}}}}, handle)
            for path in (key, inventory):
                shutil.chown(path, user, user)
            result = subprocess.run(
                as_admin + [os.path.join(checkout, "scripts", "sitekeeper"), "--data-dir", data_dir,
                            "run", "monitor", "-i", inventory],
                capture_output=True, text=True, timeout=900, cwd=home)
            assert result.returncode == 2, result.stdout[-3000:] + result.stderr[-3000:]
            assert "not root: not installing" in result.stderr or "installing Debian packages" not in result.stderr
            with sqlite3.connect(os.path.join(data_dir, "history.sqlite")) as db:
                rows = db.execute("SELECT DISTINCT host, check_id FROM findings").fetchall()
                owner = os.stat(os.path.join(data_dir, "history.sqlite")).st_uid
            assert {host for host, _ in rows} == set(ssh_hosts.names)
            assert not any(check == "run.host_unreachable" for _, check in rows)
            assert owner == pwd.getpwnam(user).pw_uid
        finally:
            subprocess.run(["pkill", "-u", user, "-f", "ssh.*" + home], capture_output=True)
            shutil.rmtree(home, ignore_errors=True)
