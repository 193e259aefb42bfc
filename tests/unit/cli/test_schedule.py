"""The SOP timetable (scripts/sitekeeper_cli/schedule.py) and the per-activity run lock."""

import multiprocessing
import os
import shutil
import subprocess

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from sitekeeper_cli import __main__ as cli
from sitekeeper_cli import lock as lk
from sitekeeper_cli import schedule as sch

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def test_default_timetable_meets_every_time_standard():
    times = sch.parse_times([])
    assert sch.gaps(times) == []
    covered = {n for name, nums in sch.COMPLETES.items() if times[name] for n in nums}
    assert covered == set(fnd.ACTIVITIES)
    assert len(times["monitor"]) >= 3            # several times a day
    assert times["report"] == ["07:00"]          # every morning
    for name in ("backup", "audit"):             # nightly
        assert all(int(t[:2]) < 5 for t in times[name])


def test_overrides_and_bad_times():
    times = sch.parse_times(["monitor=9:00,21:00", "report=off"])
    assert times["monitor"] == ["09:00", "21:00"] and times["report"] == []
    assert any("activity 5 (report) is not scheduled" in w for w in sch.gaps(times))
    with pytest.raises(sch.ScheduleError, match="not a time HH:MM"):
        sch.parse_times(["backup=25:00"])
    with pytest.raises(sch.ScheduleError, match="ACTIVITY one of"):
        sch.parse_times(["coffee=07:00"])


def test_cron_block_lines_and_quoting():
    block = sch.cron_block("/opt/sk", sch.parse_times([]), "/etc/sk/hosts.yml", "/var/lib/sk data")
    lines = block.splitlines()
    assert lines[0] == sch.BEGIN and lines[-1] == sch.END
    monitor = [x for x in lines if " run monitor " in x]
    assert len(monitor) == 1 and monitor[0].startswith("5 0,4,8,12,16,20 * * * ")
    assert "'/var/lib/sk data'" in monitor[0]           # shell-quoted
    assert sum(1 for x in lines if not x.startswith("#")) == 7  # six activities and the quick watch


def test_a_url_with_a_password_is_refused():
    with pytest.raises(sch.ScheduleError, match="pgpass"):
        sch.cron_block("/opt/sk", sch.parse_times([]), "h.yml", "/d", "postgresql://sk:pw@db/sk")
    block = sch.cron_block("/opt/sk", sch.parse_times([]), "h.yml", "/d", "postgresql://sk@db/sk")
    assert "--history-url postgresql://sk@db/sk" in block


def test_strip_block_keeps_every_other_line():
    other = "MAILTO=admin@pn.test\n0 3 * * * /usr/local/bin/other-job\n"
    text = other + sch.cron_block("/opt/sk", sch.parse_times([]), "h.yml", "/d") + "# after\n"
    rest, found = sch.strip_block(text)
    assert found and rest == other + "# after\n"
    assert sch.strip_block(other) == (other, False)


def test_systemd_units_are_valid_and_idempotent(tmp_path):
    times = sch.parse_times(["report=off"])
    units = sch.systemd_units(REPO, times, "/etc/sk/hosts.yml", "/var/lib/sk%data")
    assert "sitekeeper-report.timer" not in units and len(units) == 12
    timer = units["sitekeeper-monitor.timer"]
    assert "OnCalendar=*-*-* 04:05:00" in timer and "Persistent=true" in timer
    assert '"/var/lib/sk%%data"' in units["sitekeeper-monitor.service"]
    unit_dir = tmp_path / "units"
    assert len(sch.systemd_install(str(unit_dir), units)) == 12
    assert sch.systemd_install(str(unit_dir), units) == []
    foreign = unit_dir / "sitekeeper-custom.service"
    foreign.write_text("[Service]\nExecStart=/bin/true\n")
    assert sorted(sch.systemd_remove(str(unit_dir))) == sorted(units)
    assert os.listdir(unit_dir) == ["sitekeeper-custom.service"]   # not ours: kept


def test_systemd_analyze_verifies_the_units(tmp_path):
    if shutil.which("systemd-analyze") is None:
        pytest.fail("systemd-analyze is not installed (apt-get install systemd)")
    units = sch.systemd_units(REPO, sch.parse_times([]), os.path.join(REPO, "inventory/demo/hosts.yml"), str(tmp_path))
    sch.systemd_install(str(tmp_path / "u"), units)
    paths = sorted(str(tmp_path / "u" / n) for n in units)
    proc = subprocess.run(["systemd-analyze", "verify", *paths], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    # ...and it does catch a broken timer.
    (tmp_path / "u" / "sitekeeper-backup.timer").write_text(
        units["sitekeeper-backup.timer"].replace("OnCalendar=*-*-* 01:30:00", "OnCalendar=nonsense"))
    proc = subprocess.run(["systemd-analyze", "verify", *paths], capture_output=True, text=True)
    assert proc.returncode != 0


def _hold(path, ready, done):
    with lk.ActivityLock(path, "backup"):
        ready.set()
        done.wait(30)


def test_a_second_run_of_the_same_activity_is_refused_while_the_first_runs(tmp_path):
    ready, done = multiprocessing.Event(), multiprocessing.Event()
    proc = multiprocessing.Process(target=_hold, args=(str(tmp_path), ready, done))
    proc.start()
    try:
        assert ready.wait(30)
        with pytest.raises(lk.LockBusy, match=r"another backup run is still going \(pid %d" % proc.pid):
            lk.ActivityLock(str(tmp_path), "backup").acquire()
        with lk.ActivityLock(str(tmp_path), "monitor"):   # another activity is not blocked
            pass
    finally:
        done.set()
        proc.join(30)
    with lk.ActivityLock(str(tmp_path), "backup"):        # released when the holder ends
        pass


def test_cli_run_skips_when_locked(tmp_path, capsys):
    with lk.ActivityLock(str(tmp_path), "report"):
        code = cli.main(["--data-dir", str(tmp_path), "run", "report"])
    assert code == cli.EXIT_RUN_FAILED
    assert "another report run is still going" in capsys.readouterr().err


def test_cli_schedule_show_and_bad_input(tmp_path, capsys):
    assert cli.main(["--data-dir", str(tmp_path), "schedule", "show", "--systemd", "--unit-dir", str(tmp_path)]) == 0
    assert "sitekeeper-backup.timer" in capsys.readouterr().out
    assert cli.main(["schedule", "install", "--at", "backup=7pm"]) == cli.EXIT_USAGE
    assert "not a time HH:MM" in capsys.readouterr().err


def test_the_quick_watch_runs_every_few_minutes_in_both_forms():
    times = sch.parse_times([])
    assert times["watch"] == ["*/5"] and sch.COMPLETES["watch"] == []
    block = sch.cron_block("/srv/sk", times, "/srv/inv", "/srv/data")
    watch = [line for line in block.splitlines() if " run watch " in line]
    assert len(watch) == 1 and watch[0].startswith("*/5 * * * * "), watch
    timer = sch.systemd_units("/srv/sk", times, "/srv/inv", "/srv/data")["sitekeeper-watch.timer"]
    assert "OnCalendar=*-*-* *:0/5:00" in timer and "no SOP activity" in timer
    assert sch.parse_times(["watch=*/15"])["watch"] == ["*/15"]
    assert sch.parse_times(["watch=off"])["watch"] == [] and sch.gaps(sch.parse_times(["watch=off"])) == []
    for bad in ("*/0", "*/60", "*/x", "*5"):
        with pytest.raises(sch.ScheduleError, match=r"\*/N"):
            sch.parse_times(["watch=%s" % bad])
