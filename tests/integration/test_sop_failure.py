"""One activity's failure must not stop the SOP cycle (issue 15 item 8): troubleshooting and the
situation report still run, and the report names the activity that failed; a failed alert step is a
finding of the report, not a lost line in the log."""

from __future__ import annotations

import glob
import os
import re
import sqlite3
import subprocess
import sys

import pytest
import yaml

from tests.harness.services import REPO

pytestmark = pytest.mark.integration


def test_a_failed_activity_is_reported_and_the_cycle_goes_on(tmp_path, data_dir):
    folder = tmp_path / "inventory"
    folder.mkdir()
    hosts = {"all": {"hosts": {"localhost": {"ansible_connection": "local",
                                             "ansible_python_interpreter": sys.executable}},
                     "children": {"webservers": {"hosts": {"localhost": None}}},
                     "vars": {"sitekeeper_sites": [{"name": "pn-minimal", "url": "http://127.0.0.1:9/"}],
                              # Not a number: the renewals role refuses its arguments and fails.
                              "renewals_lookup_timeout": "sebentar",
                              # Likewise the alerts role: the report must say that nobody was alerted.
                              "alerts_timeout": "sebentar"}}}
    (folder / "hosts.yml").write_text(yaml.safe_dump(hosts))
    env = dict(os.environ, SITEKEEPER_DATA_DIR=str(data_dir))
    proc = subprocess.run([os.path.join(REPO, "scripts", "sitekeeper"), "--data-dir", str(data_dir), "run", "sop",
                           "-i", str(folder), "-e", "sitekeeper_backup_destination=%s" % (data_dir / "backups")],
                          capture_output=True, text=True, env=env, timeout=1200, check=False)
    out = proc.stdout + proc.stderr
    # Not a clean run: a failed activity is at least a critical finding.
    assert proc.returncode == 2, (proc.returncode, out[-3000:])
    # Troubleshooting (activity 7) and the report (5) still ran after the failed renewals (4).
    assert re.search(r"^7 +troubleshoot +\d", out, re.M) and re.search(r"^5 +report +1", out, re.M), out[-3000:]
    reports = glob.glob(str(data_dir / "reports" / "**" / "*.md"), recursive=True)
    assert reports, out[-3000:]
    # Markdown escapes the brackets: compare the text without its backslashes.
    text = "\n".join(open(path, encoding="utf-8").read() for path in reports).replace("\\", "")
    # The report (Indonesian by default) names the activity that did not finish.
    assert "Aktivitas SOP 4 (renewals) tidak selesai" in text, text[-3000:]
    assert "Langkah peringatan gagal" in text, text[-3000:]
    # The failed activity is recorded, but not as done: it does not count in the SOP compliance table.
    with sqlite3.connect(str(data_dir / "history.sqlite")) as db:
        outcomes = dict(db.execute("SELECT activity, outcome FROM runs"))
    assert outcomes[4] == "failed" and outcomes[7] == "completed" and outcomes[5] == "completed", outcomes
