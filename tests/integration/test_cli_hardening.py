"""The CLI against what a careless admin or a signal does (issues 15 and 16), with real
ansible-playbook runs: a broken inventory, bad YAML in group_vars, an inventory that matches
no host, Ctrl-C / SIGTERM in the middle of a run, and the demo's port already taken."""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest
import yaml

from tests.harness.services import REPO

pytestmark = pytest.mark.integration
CLI = os.path.join(REPO, "scripts", "sitekeeper")
LOCAL = {"ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}


def sitekeeper(data_dir, *args, timeout=300):
    return subprocess.run([CLI, "--data-dir", str(data_dir), *args], capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def write_inventory(folder, hosts_text, group_vars_text=None):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hosts.yml").write_text(hosts_text)
    if group_vars_text is not None:
        (folder / "group_vars" / "all").mkdir(parents=True)
        (folder / "group_vars" / "all" / "main.yml").write_text(group_vars_text)
    return folder


def test_an_unparsable_inventory_fails_with_a_line_naming_the_file(tmp_path, data_dir):
    inv = write_inventory(tmp_path / "inv", "all:\n  hosts:\n    web1: {ansible_connection: local\n  children: [\n")
    done = sitekeeper(data_dir, "run", "monitor", "-i", str(inv))
    assert done.returncode == 3, done.stdout + done.stderr
    named = [line for line in done.stdout.splitlines() if line.startswith("problem:")
             and str(inv / "hosts.yml") in line]
    assert named and "parse" in named[0], done.stdout
    assert "(finished)" not in done.stdout


def test_bad_yaml_in_group_vars_shows_the_cause(tmp_path, data_dir):
    hosts = yaml.safe_dump({"all": {"children": {"webservers": {"hosts": {"localhost": LOCAL}}}}})
    inv = write_inventory(tmp_path / "inv", hosts, "sitekeeper_sites:\n  - name: x\n  bad: : :\n")
    done = sitekeeper(data_dir, "run", "monitor", "-i", str(inv))
    assert done.returncode == 3, done.stdout + done.stderr
    problems = [line for line in done.stdout.splitlines() if line.startswith("problem:")]
    assert problems and "YAML parsing failed" in problems[0], done.stdout
    assert "(in %s line 3: " % (inv / "group_vars" / "all" / "main.yml") in problems[0]
    assert "exited with" not in done.stdout


def test_a_run_that_matches_no_host_is_exit_3(tmp_path, data_dir):
    hosts = yaml.safe_dump({"all": {"children": {"databases": {"hosts": {"localhost": LOCAL}}}}})
    inv = write_inventory(tmp_path / "inv", hosts)
    done = sitekeeper(data_dir, "run", "audit", "-i", str(inv))
    assert done.returncode == 3, done.stdout + done.stderr
    assert "problem: no host matched" in done.stdout


SLOW_PLAY = """
- name: A run that takes long
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Work for a long time, with a child of its own
      ansible.builtin.shell: "sleep {tag} & touch {marker}; wait"
      changed_when: true
"""
DRIVER = """
import sys
from sitekeeper_cli import __main__ as cli

class Args:
    keep_runs, limit, check, tags, extra_vars = 3, None, False, None, []

sys.exit(cli.do_run(Args(), sys.argv[1], sys.argv[2], sys.argv[3], "slow"))
"""


def processes_with(text):
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open("/proc/%s/cmdline" % name, "rb") as handle:
                    cmd = handle.read().replace(b"\0", b" ").decode("utf-8", "replace")
                with open("/proc/%s/stat" % name) as handle:
                    zombie = handle.read().rsplit(")", 1)[1].split()[0] == "Z"
            except OSError:
                continue
            if text in cmd and not zombie:
                found.append(int(name))
    return found


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_the_whole_run(tmp_path, data_dir, signum):
    tag = str(3000 + os.getpid() % 1000 + signum)  # a sleep length no other process uses
    marker = tmp_path / "started"
    play = tmp_path / "slow.yml"
    play.write_text(SLOW_PLAY.format(tag=tag, marker=marker))
    inv = write_inventory(tmp_path / "inv", yaml.safe_dump({"all": {"hosts": {"localhost": LOCAL}}}))
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([os.path.join(REPO, "scripts"),
                                                       os.path.join(REPO, "collections"), REPO]))
    driver = subprocess.Popen([sys.executable, "-c", DRIVER, str(play), str(inv), str(data_dir)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and driver.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert marker.exists(), driver.communicate(timeout=30)
        assert processes_with("sleep " + tag)
        driver.send_signal(signum)
        out, err = driver.communicate(timeout=90)
    finally:
        if driver.poll() is None:
            os.killpg(driver.pid, signal.SIGKILL)
        for pid in processes_with("sleep " + tag) + processes_with(str(play)):  # never leave them behind
            os.kill(pid, signal.SIGKILL)
    assert driver.returncode == 3, out + err
    assert "(interrupted)" in out and "interrupted by %s" % signal.Signals(signum).name in out, out
    assert "Traceback" not in err, err
    assert processes_with("sleep " + tag) == [] and processes_with(str(play)) == []


def test_the_demo_says_when_its_port_is_taken(tmp_path):
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    holder.listen(8)
    port = holder.getsockname()[1]
    try:
        # Global options after the command are accepted (issue 16).
        done = subprocess.run([CLI, "demo", "--data-dir", str(tmp_path / "data"), "--port", str(port)],
                              capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    finally:
        holder.close()
    assert done.returncode == 3, done.stdout + done.stderr
    problem = [line for line in done.stdout.splitlines() if line.startswith("problem:")]
    assert problem and "Port %d on 127.0.0.1 is in use by another program" % port in problem[0], done.stdout
    assert "sitekeeper demo --port PORT" in problem[0]
    assert "usage error" not in done.stderr
