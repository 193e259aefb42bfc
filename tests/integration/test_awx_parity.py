"""AWX parity: the activity playbooks run with plain `ansible-playbook` (no CLI, no
ansible-runner), as an AWX job template or a cron line runs them, on the demo
inventory. Everything a CLI run produces must be there: the history of every
activity and the situation report files. A second run writes into a shared
PostgreSQL history chosen by the one setting SITEKEEPER_HISTORY_URL (as the AWX
credential "Sitekeeper settings" injects it).
"""

import os
import subprocess
import sys

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.core import history as hist
from tests.harness import services

pytestmark = pytest.mark.integration

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(REPO, "inventory", "demo", "hosts.yml")
# The job templates of awx/configure.yml, in the order of sop.yml.
ACTIVITY_PLAYBOOKS = ["monitor", "backup", "audit", "renewals", "troubleshoot", "report"]


def ansible_playbook(playbooks, data_dir, port, env=None):
    argv = [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", DEMO,
            "-e", "sitekeeper_demo_port=%d" % port]
    argv += [os.path.join(REPO, "playbooks", "%s.yml" % name) for name in playbooks]
    environment = dict(os.environ, ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"), SITEKEEPER_DATA_DIR=str(data_dir),
                       PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
                       ANSIBLE_NOCOLOR="1", **(env or {}))
    if hist.HISTORY_URL_ENV not in (env or {}):
        environment.pop(hist.HISTORY_URL_ENV, None)   # the SQLite file in the data dir
    return subprocess.run(argv, cwd=REPO, env=environment, capture_output=True, text=True, timeout=900)


@pytest.fixture
def demo_site(data_dir):
    port = services.free_port()
    try:
        # Inside the try: a run that fails half-way may have started the site already.
        proc = ansible_playbook(["demo_site"], data_dir, port)
        assert proc.returncode == 0, proc.stdout[-3000:]
        yield port
    finally:
        services.stop_demo(data_dir)


def test_plain_ansible_playbook_records_history_and_writes_the_report(data_dir, demo_site):
    proc = ansible_playbook(ACTIVITY_PLAYBOOKS, data_dir, demo_site)
    assert proc.returncode == 0, proc.stdout[-3000:]
    with hist.HistoryStore(str(data_dir / "history.sqlite"), readonly=True) as store:
        runs = store.runs(limit=50)
        compliance = {row["activity"]: row for row in store.compliance()}
    recorded = {r["activity"] for r in runs}
    assert {1, 2, 3, 4, 5, 7} <= recorded
    # A plain run makes its own run id per playbook; the CLI's is one for the whole cycle.
    assert all(r["run_id"] for r in runs)
    for activity in (1, 2, 3, 4, 5, 7):
        assert compliance[activity]["within_standard"], activity
    reports = data_dir / "reports"
    made = {p.suffix for p in reports.rglob("*") if p.is_file() and p.stat().st_size > 500}
    assert {".html", ".pdf", ".md", ".json"} <= made


def test_the_same_playbooks_write_to_a_shared_postgresql_history(data_dir, demo_site, postgres_server):
    postgres_server.execute("CREATE DATABASE sk_awx_parity")
    url = "postgresql://postgres@127.0.0.1:%d/sk_awx_parity" % postgres_server.port
    proc = ansible_playbook(["monitor", "audit"], data_dir, demo_site, env={hist.HISTORY_URL_ENV: url})
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert not (data_dir / "history.sqlite").exists()        # nothing went to the SQLite file
    store = hist.HistoryStore(url, readonly=True)
    store.open()
    try:
        assert {r["activity"] for r in store.runs()} == {1, 3}
        assert store.findings(activity=1) and store.findings(activity=3)
    finally:
        store.close()
