"""The schedule role installs the quick watch every 5 minutes beside the SOP timetable (cron of a
throw-away user), and the systemd timer for it fires every 5 minutes too."""

import os
import shutil
import subprocess
import sys

import pytest

pytestmark = pytest.mark.integration
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def playbook(*extra):
    env = dict(os.environ, ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"),
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    return subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i",
                           os.path.join(REPO, "inventory", "demo", "hosts.yml"),
                           os.path.join(REPO, "playbooks", "schedule.yml"), *extra],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=600)


def test_the_role_installs_the_watch_every_five_minutes(cron_user, tmp_path):
    proc = playbook("-e", "schedule_cron_user=%s" % cron_user, "-e", "schedule_data_dir=%s" % tmp_path)
    assert proc.returncode == 0, proc.stdout[-3000:]
    table = subprocess.run(["crontab", "-u", cron_user, "-l"], capture_output=True, text=True).stdout
    (line,) = [x for x in table.splitlines() if " run watch " in x]
    assert line.startswith("*/5 * * * * ") and "scripts/sitekeeper" in line and "schedule-watch.log" in line
    assert "#Ansible: sitekeeper watch" in table
    removed = playbook("-e", "schedule_cron_user=%s" % cron_user, "-e", "schedule_state=absent")
    assert removed.returncode == 0, removed.stdout[-3000:]
    table = subprocess.run(["crontab", "-u", cron_user, "-l"], capture_output=True, text=True).stdout
    assert " run watch " not in table


def test_the_systemd_timer_of_the_watch_fires_every_five_minutes(tmp_path):
    units = tmp_path / "units"
    units.mkdir()
    # The units are written before systemd is asked to enable them (not possible in a container):
    # the written timer is what is checked, with systemd-analyze when it is there.
    playbook("-e", "schedule_method=systemd", "-e", "schedule_systemd_unit_dir=%s" % units)
    timer = (units / "sitekeeper-watch.timer").read_text()
    assert "OnCalendar=*-*-* *:0/5:00" in timer and "RandomizedDelaySec=10" in timer
    if shutil.which("systemd-analyze"):
        check = subprocess.run(["systemd-analyze", "calendar", "*-*-* *:0/5:00"], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
