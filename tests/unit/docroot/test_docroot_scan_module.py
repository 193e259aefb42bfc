"""The module as the acceptance calls it: ansible localhost -m sitekeeper.website.docroot_scan."""

import json
import os
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def _ansible(args, tmp_path, *extra):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, "collections"), ANSIBLE_LOCAL_TEMP=str(tmp_path / "t"),
               ANSIBLE_LOAD_CALLBACK_PLUGINS="1", ANSIBLE_STDOUT_CALLBACK="json")
    cmd = [os.path.join(os.path.dirname(sys.executable), "ansible"), "localhost", "-m",
           "sitekeeper.website.docroot_scan", "-a", json.dumps(args), "-e",
           "ansible_python_interpreter=" + sys.executable, *extra]
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    out = json.loads(proc.stdout)
    return out["plays"][0]["tasks"][0]["hosts"]["localhost"]


def test_module_scans_a_tree(tmp_path):
    root = tmp_path / "www"
    (root / "wp-content" / "uploads").mkdir(parents=True)
    (root / "index.php").write_bytes(b"<?php echo 'ok';\n")
    (root / "wp-content" / "uploads" / "a.php").write_bytes(b"<?php system($_GET['c']);\n")
    os.symlink("/etc", root / "etc")
    result = _ansible({"paths": [str(root)]}, tmp_path)
    assert [f["path"] for f in result["flagged"]] == [str(root / "wp-content" / "uploads" / "a.php")]
    assert result["flagged"][0]["kind"] == "suspicious_upload"
    assert result["counts"]["files"] == 2 and result["counts"]["skipped"]["symlink_outside"] == 1
    assert not result["changed"]
    checks = {f["check"]: f for f in result["findings"]}
    assert checks["docroot.suspicious_upload"]["status"] == "critical"
    assert checks["docroot.suspicious_upload"]["details"]["summary_id"].startswith("Ditemukan 1")
    assert checks["docroot.webshell"]["status"] == "ok"


def test_module_check_mode_leaves_no_state(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    (root / "index.php").write_bytes(b"<?php echo 'ok';\n")
    state = tmp_path / "state.json"
    _ansible({"paths": [str(root)], "state_path": str(state)}, tmp_path, "--check")
    assert not state.exists()
    _ansible({"paths": [str(root)], "state_path": str(state)}, tmp_path)
    assert state.exists()
