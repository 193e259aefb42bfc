"""The docroot scan and the quarantine on the demo site, through the playbooks as the CLI and AWX run them.

demo_site.yml makes a verified clean backup of the demo site with the backup activity's own module, then plants
one web shell (berita/arsip.php), one hidden gambling-spam block (profil.html) and the crawler-only spam page.
The audit finds them; the backup of the same day seals the infected page into a newer verified set; remediate.yml
--tags quarantine_files in check mode plans (which files, from which set) and changes nothing; the real run
quarantines the three files (kept with their hash and metadata), restores the page from the clean set (not the
newer infected one), and verifies; a second scan is clean and a second run changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.request

import pytest

from tests.harness import services
from tests.harness.fixtures import published_findings

pytestmark = pytest.mark.integration

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(REPO, "inventory", "demo", "hosts.yml")
CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture
def demo(data_dir, playbook_runner):
    extravars = {"sitekeeper_demo_port": services.free_port()}
    try:
        runner = playbook_runner("playbooks/demo_site.yml", DEMO, extravars, data_dir=data_dir)
        assert runner.rc == 0, runner.stdout.read()
        yield extravars
    finally:
        services.stop_demo(data_dir)


def tree(root) -> dict:
    out = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = os.path.join(folder, name)
            out[os.path.relpath(path, root)] = hashlib.sha256(open(path, "rb").read()).hexdigest()
    return out


def docroot_findings(runner) -> dict:
    return {f["check"]: f for f in published_findings(runner) if f["check"].startswith("docroot.")}


def outcome(runner) -> dict:
    [found] = [f for f in published_findings(runner) if f["check"] == "remediate.quarantine_files"]
    return found


def page(port, agent=None) -> str:
    request = urllib.request.Request("http://127.0.0.1:%d/" % port, headers={"User-Agent": agent or "test"})
    with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310  loopback demo site
        return answer.read().decode("utf-8", "replace")


def test_demo_compromise_is_found_quarantined_and_restored_from_the_clean_backup(data_dir, playbook_runner, demo):
    site = data_dir / "demo" / "site"
    profile, shell, cloaked = site / "profil.html", site / "berita" / "arsip.php", site / ".crawler-index.html"
    clean_set = (data_dir / "demo" / "clean-set").read_text().strip()
    assert "slot gacor" in profile.read_text() and shell.exists() and cloaked.exists()
    assert "slot gacor" in page(demo["sitekeeper_demo_port"], CRAWLER)

    audit = playbook_runner("playbooks/audit.yml", DEMO, demo, data_dir=data_dir)
    assert audit.rc == 0
    found = docroot_findings(audit)
    assert found["docroot.webshell"]["status"] == "critical"
    assert [f["path"] for f in found["docroot.webshell"]["details"]["files"]] == [str(shell)]
    assert {f["path"] for f in found["docroot.spam_injection"]["details"]["files"]} == {str(profile), str(cloaked)}

    # The baseline is the newest verified set, the clean one: 2 new files, 1 changed.
    integrity = found["docroot.integrity"]["details"]
    assert (integrity["new"], integrity["changed"], integrity["deleted"]) == (2, 1, 0), integrity

    # The backup of the same day seals the infected page into a newer verified set.
    assert playbook_runner("playbooks/backup.yml", DEMO, demo, data_dir=data_dir).rc == 0
    sets = sorted(n for n in os.listdir(data_dir / "demo" / "backups") if not n.startswith("."))
    assert len(sets) == 2 and sets[0] == clean_set
    rescan = docroot_findings(playbook_runner("playbooks/audit.yml", DEMO, demo, data_dir=data_dir))
    assert rescan["docroot.integrity"]["details"]["new"] == rescan["docroot.integrity"]["details"]["changed"] == 0
    # A set whose verification failed is passed over for the baseline: the clean set again.
    manifest_path = data_dir / "demo" / "backups" / sets[1] / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest_path.write_text(json.dumps(dict(manifest, verification=dict(manifest["verification"], status="failed"))))
    passed_over = docroot_findings(playbook_runner("playbooks/audit.yml", DEMO, demo, data_dir=data_dir))
    assert passed_over["docroot.integrity"]["details"]["changed"] == 1
    manifest_path.write_text(json.dumps(manifest))

    before = tree(site)
    checked = playbook_runner("playbooks/remediate.yml", DEMO, demo, data_dir=data_dir, check=True,
                              tags="quarantine_files")
    assert checked.rc == 0
    plan = outcome(checked)
    assert plan["status"] == "warning"
    assert any(str(profile) in line and clean_set in line for line in plan["evidence"]), plan["evidence"]
    assert tree(site) == before and not (data_dir / "quarantine").exists()

    fixed = playbook_runner("playbooks/remediate.yml", DEMO, demo, data_dir=data_dir, tags="quarantine_files")
    assert fixed.rc == 0
    done = outcome(fixed)
    assert done["status"] == "ok", done
    by_path = {f["path"]: f for f in done["details"]["files"]}
    assert by_path[str(profile)]["restored_from"] == clean_set
    assert by_path[str(shell)]["action"] == by_path[str(cloaked)]["action"] == "quarantined"
    assert "slot gacor" not in profile.read_text() and not shell.exists() and not cloaked.exists()
    # Kept, never deleted: each file under its hash with its metadata.
    for path, row in by_path.items():
        store = data_dir / "quarantine" / "pn-contoh" / row["sha256"]
        assert hashlib.sha256((store / "content").read_bytes()).hexdigest() == row["sha256"]
        assert json.loads((store / "metadata.json").read_text())["locations"][0]["path"] == path
    assert "slot gacor" not in page(demo["sitekeeper_demo_port"], CRAWLER)

    again = playbook_runner("playbooks/audit.yml", DEMO, demo, data_dir=data_dir)
    clean = docroot_findings(again)
    assert {clean[c]["status"] for c in ("docroot.webshell", "docroot.spam_injection", "docroot.suspicious_upload")} \
        == {"ok"}
    second = playbook_runner("playbooks/remediate.yml", DEMO, demo, data_dir=data_dir, tags="quarantine_files")
    assert outcome(second)["status"] == "ok"
    changed = [e for e in second.events if e.get("event") == "runner_item_on_ok"
               and e["event_data"].get("task_action", "").endswith("remediation")
               and (e["event_data"].get("res") or {}).get("changed")]
    assert changed == []
