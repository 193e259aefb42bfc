"""`sitekeeper run watch` on the demo inventory, as issue 17's "done when" says: the demo's
cloaking problem is alerted into DATA_DIR/outbox/; the demo site stopped and watched twice gives
one "down" alert; started and watched once more, one "recovered" alert."""

import email
import email.policy
import os
import subprocess
import sys

import pytest

from tests.harness import services

pytestmark = pytest.mark.integration
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLI = os.path.join(REPO, "scripts", "sitekeeper")
DEMO = os.path.join(REPO, "inventory", "demo", "hosts.yml")


def demo_site(data_dir, port):
    env = dict(os.environ, SITEKEEPER_DATA_DIR=str(data_dir), ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"),
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    proc = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", DEMO,
                           os.path.join(REPO, "playbooks", "demo_site.yml"), "-e", "sitekeeper_demo_port=%d" % port],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:]


def watch(data_dir, port, extra=(), codes=(0,)):
    proc = subprocess.run([CLI, "--data-dir", str(data_dir), "run", "watch", "-e", "sitekeeper_demo_port=%d" % port,
                           *extra],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode in codes, proc.stdout[-2000:] + proc.stderr[-2000:]
    return [line for line in proc.stdout.splitlines() if line.startswith("alert: ")]


def subjects(data_dir):
    out = []
    for path in sorted((data_dir / "outbox").glob("*.alert-*.eml")):
        out.append(str(email.message_from_bytes(path.read_bytes(), policy=email.policy.default)["Subject"]))
    return out


def test_the_demo_watch_alerts_cloaking_then_one_down_and_one_recovery(data_dir):
    port = services.free_port()
    url = "http://127.0.0.1:%d/" % port
    try:
        demo_site(data_dir, port)
        lines = watch(data_dir, port)
        assert lines == ["alert: [KRITIS] Cloaking: mesin pencari diberi halaman lain: %s -> outbox sent" % url]
        assert subjects(data_dir) == ["[KRITIS] Cloaking: mesin pencari diberi halaman lain: %s" % url]
        services.stop_demo(data_dir)
        assert watch(data_dir, port) == []
        assert len(watch(data_dir, port)) == 1
        assert subjects(data_dir)[1:] == ["[KRITIS] Situs tidak dapat diakses: %s" % url]
        demo_site(data_dir, port)
        assert len(watch(data_dir, port)) == 1
        assert subjects(data_dir)[2:] == ["[PULIH] Situs kembali dapat diakses: %s" % url]
    finally:
        services.stop_demo(data_dir)


def test_opt_in_remediation_starts_the_stopped_demo_site_and_says_so(data_dir):
    port = services.free_port()
    url = "http://127.0.0.1:%d/" % port
    fix = ["-e", "alerts_remediate=true"]
    try:
        demo_site(data_dir, port)
        services.stop_demo(data_dir)
        assert watch(data_dir, port, fix) == []
        # Troubleshooting publishes its findings: the demo's planted warnings make the exit code 1.
        lines = watch(data_dir, port, fix, codes=(0, 1))
        assert lines[-2:] == ["alert: [KRITIS] Situs tidak dapat diakses: %s -> outbox sent" % url,
                              "alert: [PERBAIKAN] localhost: masalah teratasi -> outbox sent"]
        # The allowed fix (start_service) brought the site back: the next watch says it recovered.
        assert watch(data_dir, port, fix)[-1] == "alert: [PULIH] Situs kembali dapat diakses: %s -> outbox sent" % url
    finally:
        services.stop_demo(data_dir)
