"""Integration tests of remediate.yml (SOP activity 6): one tag per fix, check mode changes nothing, a real run
fixes and verifies, a second run changes nothing; restore_site uses the backup activity's real restore."""

from __future__ import annotations

import os
import sys

import pytest
import yaml

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history
from tests.harness.fixtures import published_findings

pytestmark = pytest.mark.integration

HOME = "<html><body><h1>Pengadilan Negeri Contoh</h1><p>Jadwal sidang</p></body></html>\n"


@pytest.fixture
def site(tmp_path):
    os.chmod(tmp_path, 0o755)
    docroot = tmp_path / "site"
    (docroot / "berita").mkdir(parents=True)
    (docroot / "index.html").write_text(HOME)
    (docroot / "berita" / "a.html").write_text("<p>berita</p>")
    for path in (docroot, docroot / "berita"):
        os.chmod(path, 0o755)
    for path in (docroot / "index.html", docroot / "berita" / "a.html"):
        os.chmod(path, 0o644)
    return {"name": "pn-contoh", "url": "http://127.0.0.1:9/", "docroot": str(docroot),
            "docroot_file_mode": "0644", "docroot_dir_mode": "0755"}


def inventory(tmp_path, data_dir, site, **extra):
    variables = {"sitekeeper_data_dir": str(data_dir), "sitekeeper_sites": [site], "sitekeeper_services": [],
                 "sitekeeper_known_good_dir": str(tmp_path / "known-good"),
                 "sitekeeper_backup_destination": str(tmp_path / "backups")}
    variables.update(extra)
    variables = {k: v for k, v in variables.items() if v is not None}
    inv = {"all": {"hosts": {"localhost": {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}},
                   "vars": variables, "children": {"webservers": {"hosts": {"localhost": None}}}}}
    path = tmp_path / "inventory.yml"
    path.write_text(yaml.safe_dump(inv))
    return str(path)


def changed_tasks(runner, action):
    return [e for e in runner.events if e.get("event") in ("runner_on_ok", "runner_item_on_ok")
            and e["event_data"].get("task_action", "").endswith(action)
            and (e["event_data"].get("res") or {}).get("changed")]


def test_fix_permissions_check_mode_diff_then_fix_then_idempotent(site, tmp_path, data_dir, playbook_runner):
    page = os.path.join(site["docroot"], "index.html")
    os.chmod(page, 0o600)
    inv = inventory(tmp_path, data_dir, site)
    checked = playbook_runner("playbooks/remediate.yml", inv, data_dir=data_dir, check=True, tags="fix_permissions",
                              envvars={"ANSIBLE_DIFF_ALWAYS": "1"})
    assert checked.status == "successful"
    assert oct(os.stat(page).st_mode & 0o777) == "0o600"
    predicted = [f for f in published_findings(checked) if f["check"] == "remediate.fix_permissions"]
    assert predicted and predicted[0]["status"] == "warning"
    diffs = [e for e in checked.events if e.get("event") == "runner_item_on_ok"
             and "index.html 0600" in str((e["event_data"].get("res") or {}).get("diff"))]
    assert diffs
    fixed = playbook_runner("playbooks/remediate.yml", inv, data_dir=data_dir, tags="fix_permissions")
    assert fixed.status == "successful" and oct(os.stat(page).st_mode & 0o777) == "0o644"
    outcome = [f for f in published_findings(fixed) if f["check"] == "remediate.fix_permissions"][0]
    assert outcome["status"] == "ok"
    fnd.validate(outcome)
    assert changed_tasks(fixed, "remediation")
    again = playbook_runner("playbooks/remediate.yml", inv, data_dir=data_dir, tags="fix_permissions")
    assert again.status == "successful" and not changed_tasks(again, "remediation")


def stored_history(data_dir):
    with history.HistoryStore(str(data_dir / "history.sqlite"), readonly=True) as store:
        return store.findings(), store.runs()


# The backup destination is one fact: the backup role and restore_site read the same variable, whether an
# inventory sets the shared name or the older site_backup_destination (the demo set that one).
@pytest.mark.parametrize("variable", ["sitekeeper_backup_destination", "site_backup_destination"])
def test_restore_site_from_the_newest_verified_backup(variable, site, tmp_path, data_dir, playbook_runner,
                                                      nginx_factory):
    # A real nginx serves the docroot, so the restore is verified by probing the site too.
    nginx = nginx_factory("server { listen 127.0.0.1:{port}; root %s; index index.html; }" % site["docroot"])
    site = dict(site, url=nginx.url)
    inv = inventory(tmp_path, data_dir, site, site_backup_config_paths=[],
                    **{"sitekeeper_backup_destination": None, variable: str(tmp_path / "backups")})
    made = playbook_runner("playbooks/backup.yml", inv, data_dir=data_dir)
    assert made.status == "successful", made.stdout.read()[-2000:]
    index = os.path.join(site["docroot"], "index.html")
    with open(index, "w") as handle:
        handle.write("<h1>Hacked by TestCrew</h1>")
    dropped = os.path.join(site["docroot"], "shell.php")
    with open(dropped, "w") as handle:
        handle.write("<?php system($_GET['c']); ?>")
    checked = playbook_runner("playbooks/remediate.yml", inv, data_dir=data_dir, check=True, tags="restore_site")
    assert checked.status == "successful"
    assert "Hacked" in open(index).read() and os.path.exists(dropped)
    # Check mode predicts: which set would be restored and which files would change.
    predicted = [f for f in published_findings(checked) if f["check"] == "remediate.restore_site"]
    assert len(predicted) == 1 and predicted[0]["status"] == "warning", predicted
    fnd.validate(predicted[0])
    plan = predicted[0]["details"]["restore"]
    assert plan["set"] and plan["set"] in predicted[0]["summary"]
    assert "index.html" in plan["files"][0]["changed_files"] and "shell.php" in plan["files"][0]["removed"]
    # ... and records nothing false: the host answered, so no run.host_unreachable and no failed run.
    findings, runs = stored_history(data_dir)
    assert not [f for f in findings if f["check"] == "run.host_unreachable"]
    assert [r["outcome"] for r in runs if r["activity"] == 6] == ["completed"]
    restored = playbook_runner("playbooks/remediate.yml", inv, data_dir=data_dir, tags="restore_site")
    assert restored.status == "successful", restored.stdout.read()[-3000:]
    assert open(index).read() == HOME and not os.path.exists(dropped)
    outcome = [f for f in published_findings(restored) if f["check"] == "remediate.restore_site"][0]
    assert outcome["status"] == "ok", outcome


def test_restore_site_without_a_backup_says_it_could_not_restore(site, tmp_path, data_dir, playbook_runner):
    index = os.path.join(site["docroot"], "index.html")
    with open(index, "w") as handle:
        handle.write("<h1>Hacked by TestCrew</h1>")
    inv = inventory(tmp_path, data_dir, site)
    runner = playbook_runner("playbooks/remediate.yml", inv, data_dir=data_dir, tags="restore_site")
    outcome = [f for f in published_findings(runner) if f["check"] == "remediate.restore_site"]
    assert len(outcome) == 1 and outcome[0]["status"] == "critical", outcome
    # It never claims a restore it did not make, and it says why.
    assert "restored from" not in outcome[0]["summary"] and "dipulihkan dari" not in outcome[0]["details"]["summary_id"]
    assert "no verified backup" in outcome[0]["summary"], outcome[0]["summary"]
    assert "Hacked" in open(index).read()


def test_without_tags_only_the_allowlist_runs(site, tmp_path, data_dir, playbook_runner):
    page = os.path.join(site["docroot"], "index.html")
    os.chmod(page, 0o600)
    inv = inventory(tmp_path, data_dir, site, sitekeeper_unattended_fixes=["start_service"])
    runner = playbook_runner("playbooks/remediate.yml", inv, data_dir=data_dir)
    assert runner.status == "successful"
    # fix_permissions is not allowed unattended here, so the file stays as it was.
    assert oct(os.stat(page).st_mode & 0o777) == "0o600"
    assert not [f for f in published_findings(runner) if f["check"] == "remediate.fix_permissions"]


def test_block_attackers_uses_the_audit_blocking_with_its_protection(site, tmp_path, data_dir, playbook_runner,
                                                                     nginx_factory):
    # A real nginx that includes the deny list; the audit's blocking tasks test and reload it.
    deny = tmp_path / "deny.conf"
    deny.write_text("")
    nginx = nginx_factory("server { listen 127.0.0.1:{port}; root %s; include %s; }" % (site["docroot"], deny))
    base = ["nginx", "-c", nginx.conf, "-e", nginx.error_log]
    inv = inventory(tmp_path, data_dir, site,
                    remediate_block_addresses=["203.0.113.66", "127.0.0.1"],
                    log_audit_state_dir=str(tmp_path / "audit"),
                    log_audit_block_methods=["nginx"],
                    log_audit_block_nginx_include=str(deny),
                    log_audit_block_nginx_test_command=base + ["-t"],
                    log_audit_block_nginx_reload_command=base + ["-s", "reload"])
    runner = playbook_runner("playbooks/remediate.yml", inv, data_dir=data_dir, tags="block_attackers")
    assert runner.status == "successful", runner.stdout.read()[-3000:]
    outcome = [f for f in published_findings(runner) if f["check"] == "remediate.block_attackers"][0]
    assert outcome["status"] == "ok", outcome
    assert outcome["details"]["blocked"] == ["203.0.113.66"] and outcome["details"]["refused"] == ["127.0.0.1"]
    assert "deny 203.0.113.66" in deny.read_text() and "127.0.0.1" not in deny.read_text()
