"""The AWX side, checked here: the execution environment's build context and the
configuration-as-code playbook (no AWX server or container engine on these machines)."""

import os
import shutil
import subprocess
import sys

import pytest
import yaml

pytestmark = pytest.mark.integration

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.dirname(sys.executable)


def run(argv, cwd, env=None):
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PATH=BIN + os.pathsep + os.environ.get("PATH", ""), **(env or {})))


def test_ansible_builder_creates_the_build_context(tmp_path):
    if not os.path.exists(os.path.join(BIN, "ansible-builder")):
        pytest.fail("ansible-builder is not installed: pip install -r requirements.txt")
    work = tmp_path / "ee"
    shutil.copy(os.path.join(REPO, "execution-environment.yml"), work.mkdir() or work / "execution-environment.yml")
    built = run([os.path.join(BIN, "ansible-galaxy"), "collection", "build", "--force", "--output-path",
                 str(work / "awx" / "ee" / "collections"), REPO], cwd=REPO)
    assert built.returncode == 0, built.stderr
    created = run([os.path.join(BIN, "ansible-builder"), "create", "-f", "execution-environment.yml", "-c", "context"],
                  cwd=str(work))
    assert created.returncode == 0, created.stdout + created.stderr
    context = work / "context"
    containerfile = (context / "Containerfile").read_text()
    assert "ansible-galaxy collection install --offline" in containerfile
    assert "ansible-doc -l sitekeeper.website" in containerfile
    tarballs = list((context / "_build" / "sitekeeper").glob("sitekeeper-website-*.tar.gz"))
    assert len(tarballs) == 1
    python = (context / "_build" / "requirements.txt").read_text()
    assert "psycopg" in python and "weasyprint" in python and "PyMySQL" in python
    galaxy = yaml.safe_load((context / "_build" / "requirements.yml").read_text())
    assert {"community.general", "community.postgresql", "ansible.posix"} <= {c["name"] for c in galaxy["collections"]}
    assert "rsync" in (context / "_build" / "bindep.txt").read_text()


def test_awx_configuration_passes_syntax_check_and_lint(tmp_path):
    check = run([os.path.join(BIN, "ansible-playbook"), "--syntax-check", "awx/configure.yml"], cwd=REPO,
                env={"ANSIBLE_CONFIG": os.path.join(REPO, "ansible.cfg")})
    assert check.returncode == 0, check.stderr
    # HOME elsewhere: a copy of the collection installed in ~/.ansible must not shadow the checkout.
    lint = run([os.path.join(BIN, "ansible-lint"), "--offline", "--profile", "production", "awx/configure.yml",
                "execution-environment.yml"], cwd=REPO, env={"HOME": str(tmp_path)})
    assert lint.returncode == 0, lint.stdout + lint.stderr


def test_awx_schedules_meet_the_sop_time_standards():
    from ansible.parsing.yaml.loader import AnsibleLoader  # knows Ansible's !unsafe tag

    with open(os.path.join(REPO, "awx", "configure.yml")) as handle:
        play = AnsibleLoader(handle).get_single_data()[0]
    activities = {a["name"]: a for a in play["vars"]["awx_activities"]}
    for name in ("monitor", "backup", "audit", "renewals", "troubleshoot", "report"):
        rrule = activities[name]["rrule"]
        assert rrule in ("FREQ=DAILY;INTERVAL=1", "FREQ=HOURLY;INTERVAL=4"), name
    secrets = [t for t in play["tasks"] if "awx.awx.credential" in t]
    assert secrets and all(t.get("no_log") is True for t in secrets)
