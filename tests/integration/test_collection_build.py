"""The repo builds as a collection that installs and runs elsewhere."""

import os
import sqlite3
import subprocess
import sys
import tarfile

import pytest

from tests.harness import services
from tests.harness.services import REPO

pytestmark = pytest.mark.integration


def test_built_collection_installs_and_runs_the_sop_on_the_demo_inventory(tmp_path):
    bindir = os.path.dirname(sys.executable)
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"], ANSIBLE_NOCOLOR="1")
    build = subprocess.run(["ansible-galaxy", "collection", "build", "--output-path", str(tmp_path), REPO],
                           capture_output=True, text=True, env=env, timeout=300)
    assert build.returncode == 0, build.stderr
    tarball = next(tmp_path.glob("sitekeeper-website-*.tar.gz"))
    with tarfile.open(tarball) as tar:
        names = tar.getnames()
    assert "plugins/modules/history_record.py" in names and "playbooks/sop.yml" in names
    # README links the activity pages: the installed collection must carry them (issue 16).
    assert "docs/architecture.md" in names and "docs/audit.md" in names, sorted(n for n in names if "docs" in n)
    assert not any(n.startswith(("tests/", "inventory/", ".venv", "collections/", "scripts/")) for n in names)

    installed = tmp_path / "installed"
    install = subprocess.run(["ansible-galaxy", "collection", "install", "--force", "-p", str(installed), str(tarball)],
                             capture_output=True, text=True, env=env, timeout=300)
    assert install.returncode == 0, install.stderr

    # Elsewhere: no checkout config, only the installed collection (and the bundled ones from the venv).
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data_dir = tmp_path / "data"
    run_env = dict(env, ANSIBLE_COLLECTIONS_PATH=str(installed), SITEKEEPER_DATA_DIR=str(data_dir),
                   ANSIBLE_CONFIG=str(elsewhere / "none.cfg"))
    listing = subprocess.run(["ansible-doc", "-l", "sitekeeper.website"], capture_output=True, text=True,
                             env=run_env, cwd=str(elsewhere), timeout=120)
    assert "sitekeeper.website.history_record" in listing.stdout, listing.stderr
    with services.closed_port() as closed:  # a port nothing listens on: the run must still finish
        run = subprocess.run(
            ["ansible-playbook", "-i", os.path.join(REPO, "inventory", "demo", "hosts.yml"), "sitekeeper.website.sop",
             "-e", "sitekeeper_demo_port=%d" % closed],
            capture_output=True, text=True, env=run_env, cwd=str(elsewhere), timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    with sqlite3.connect(str(data_dir / "history.sqlite")) as db:
        activities = {row[0] for row in db.execute("SELECT activity FROM runs")}
    assert activities, "the installed collection recorded no history"
