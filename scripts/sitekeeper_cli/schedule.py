"""`sitekeeper schedule install|remove|show`: the SOP on a timetable.

The default timetable meets every activity's time standard (SOP: monitoring at
least every 2 days, every other activity at least daily) with room for one
missed run:

    monitor       every 4 hours (00:05, 04:05, ... 20:05)   standard 2 days
    backup        nightly 01:30                              standard 1 day
    audit         nightly 02:30 (after the day's logs)       standard 1 day
    renewals      daily 05:30                                standard 1 day
    troubleshoot  daily 06:15 (records activities 6 and 7)   standard 1 day
    report        every morning 07:00 (read at the office)   standard 1 day
    watch         every 5 minutes (the quick watch and its alerts; no SOP activity)

Times are the controller's local time. Change one with ``--at ACTIVITY=HH:MM[,HH:MM...]``
(or ``*/N``, every N minutes) or leave one out with ``--at ACTIVITY=off``.

Two forms, chosen by ``--systemd``:
- cron (default): one block of lines in the user's crontab between BEGIN/END
  marker comments; install replaces the block, remove deletes it, every other
  line of the crontab is left exactly as it was.
- systemd: a ``sitekeeper-ACTIVITY.service`` + ``.timer`` pair per activity in a
  unit folder (default ~/.config/systemd/user), timers ``Persistent=true`` so a
  run missed while the machine was off happens at boot.

Each entry runs ``scripts/sitekeeper run ACTIVITY``, which holds a per-activity
lock (lock.py), so a slow run is never overlapped by the next one. A run that
did not happen (machine off, failed run) shows in the report's SOP-compliance
section, which compares each activity's last completed run with its standard.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history_pg

BEGIN = "# BEGIN sitekeeper schedule (managed by 'sitekeeper schedule'; edit with it, not by hand)"
END = "# END sitekeeper schedule"
UNIT_MARK = "# Managed by 'sitekeeper schedule'"

# activity -> (list of "HH:MM", SOP activity numbers it completes)
DEFAULT_TIMES = {
    "monitor": ["00:05", "04:05", "08:05", "12:05", "16:05", "20:05"],
    "backup": ["01:30"],
    "audit": ["02:30"],
    "renewals": ["05:30"],
    "troubleshoot": ["06:15"],
    "report": ["07:00"],
    "watch": ["*/5"],
}
COMPLETES = {"monitor": [1], "backup": [2], "audit": [3], "renewals": [4], "troubleshoot": [6, 7], "report": [5],
             "watch": []}
_TIME_RE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
# "*/N": every N minutes (1-59), for the quick watch.
_EVERY_RE = re.compile(r"^\*/([1-9]|[1-5]\d)$")


class ScheduleError(Exception):
    """Bad input or a failed crontab/unit write; the message says what to fix."""


def parse_times(overrides: list) -> dict:
    """The timetable with ``ACTIVITY=HH:MM[,HH:MM]`` / ``ACTIVITY=off`` overrides applied."""
    times = {k: list(v) for k, v in DEFAULT_TIMES.items()}
    for item in overrides or []:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or name not in DEFAULT_TIMES:
            raise ScheduleError("--at wants ACTIVITY=HH:MM[,HH:MM...] with ACTIVITY one of %s, got %r"
                                % (", ".join(DEFAULT_TIMES), item))
        if value.strip() == "off":
            times[name] = []
            continue
        parsed = []
        for text in value.split(","):
            if _EVERY_RE.match(text.strip()):
                parsed.append(text.strip())
                continue
            match = _TIME_RE.match(text.strip())
            if not match:
                raise ScheduleError("--at %s: %r is not a time HH:MM (00:00-23:59) or */N (every N minutes)"
                                    % (name, text.strip()))
            parsed.append("%02d:%02d" % (int(match.group(1)), int(match.group(2))))
        times[name] = sorted(set(parsed))
    return times


def gaps(times: dict) -> list:
    """Warnings for activities whose timetable does not meet the SOP time standard."""
    warnings = []
    for name, numbers in COMPLETES.items():
        if not times.get(name):
            for number in numbers:
                warnings.append("activity %d (%s) is not scheduled: its SOP time standard is %d day(s), "
                                "run it another way" % (number, fnd.ACTIVITIES[number], fnd.TIME_STANDARD_DAYS[number]))
    return warnings


def _cron_fields(hhmm: list) -> list:
    """Cron minute/hour fields, one line per distinct minute ("*/N" entries: every N minutes)."""
    by_minute = {}
    every = [(text, "*") for text in hhmm if _EVERY_RE.match(text)]
    for text in hhmm:
        if not _EVERY_RE.match(text):
            hour, minute = (int(x) for x in text.split(":"))
            by_minute.setdefault(minute, []).append(hour)
    return every + [(str(minute), ",".join(str(h) for h in sorted(hours))) for minute, hours in sorted(by_minute.items())]


def _on_calendar(text: str) -> str:
    """systemd's OnCalendar value of one timetable entry."""
    every = _EVERY_RE.match(text)
    return "*-*-* *:0/%s:00" % every.group(1) if every else "*-*-* %s:00" % text


def _describe(activity: str) -> str:
    numbers = ", ".join("%d %s" % (n, fnd.ACTIVITIES[n]) for n in COMPLETES[activity])
    return "SOP activity %s" % numbers if numbers else "%s (no SOP activity)" % activity


def command(repo: str, activity: str, inventory: str, data_dir: str, history_url: str | None,
            extra: list | None = None) -> list:
    argv = [os.path.join(repo, "scripts", "sitekeeper"), "--data-dir", data_dir]
    if history_url:
        argv += ["--history-url", history_url]
    argv += ["run", activity, "-i", inventory]
    for item in extra or []:
        argv += ["-e", item]
    return argv


def _check_url(history_url: str | None) -> None:
    if history_url and history_pg.safe_url(history_url) != history_url.strip():
        raise ScheduleError("the history URL carries a password, which would be readable in the timetable: "
                            "remove it from the URL and put it in ~/.pgpass of the scheduling user")


def cron_block(repo: str, times: dict, inventory: str, data_dir: str, history_url: str | None = None) -> str:
    _check_url(history_url)
    log_dir = os.path.join(data_dir, "logs")
    lines = [BEGIN,
             "# SOP timetable: monitor several times a day, backup/audit nightly, renewals and troubleshooting daily,",
             "# the report every morning. Output goes to %s/schedule-ACTIVITY.log." % log_dir]
    for activity, hhmm in times.items():
        argv = command(repo, activity, inventory, data_dir, history_url)
        log = os.path.join(log_dir, "schedule-%s.log" % activity)
        shell = "mkdir -p %s && %s >> %s 2>&1" % (
            shlex.quote(log_dir), " ".join(shlex.quote(a) for a in argv), shlex.quote(log))
        # '%' is special in crontab lines.
        shell = shell.replace("%", "\\%")
        for minute, hours in _cron_fields(hhmm):
            lines.append("%s %s * * * %s" % (minute, hours, shell))
    lines.append(END)
    return "\n".join(lines) + "\n"


def strip_block(text: str) -> tuple:
    """(crontab text without our block, whether a block was there)."""
    out, inside, found = [], False, False
    for line in text.splitlines(keepends=True):
        if line.rstrip("\n") == BEGIN:
            inside, found = True, True
            continue
        if inside:
            if line.rstrip("\n") == END:
                inside = False
            continue
        out.append(line)
    return "".join(out), found


def read_crontab(user: str | None = None) -> str:
    argv = ["crontab"] + (["-u", user] if user else []) + ["-l"]
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise ScheduleError("crontab is not installed: apt-get install cron (or use --systemd)") from None
    if proc.returncode != 0:
        if "no crontab for" in proc.stderr:
            return ""
        raise ScheduleError("crontab -l failed: %s" % proc.stderr.strip())
    return proc.stdout


def write_crontab(text: str, user: str | None = None) -> None:
    argv = ["crontab"] + (["-u", user] if user else []) + ["-"]
    proc = subprocess.run(argv, input=text, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise ScheduleError("crontab refused the timetable: %s" % proc.stderr.strip())


def cron_install(block: str, user: str | None = None) -> bool:
    """Put our block in the crontab (replacing an older one). True when it changed."""
    current = read_crontab(user)
    rest, _found = strip_block(current)
    if rest and not rest.endswith("\n"):
        rest += "\n"
    wanted = rest + block
    if wanted == current:
        return False
    write_crontab(wanted, user)
    return True


def cron_remove(user: str | None = None) -> bool:
    current = read_crontab(user)
    rest, found = strip_block(current)
    if not found:
        return False
    write_crontab(rest, user)
    return True


# -- systemd ---------------------------------------------------------------------
def systemd_units(repo: str, times: dict, inventory: str, data_dir: str, history_url: str | None = None) -> dict:
    """{file name: content} of a service and a timer per scheduled activity."""
    _check_url(history_url)
    units = {}
    for activity, hhmm in times.items():
        if not hhmm:
            continue
        argv = command(repo, activity, inventory, data_dir, history_url)
        units["sitekeeper-%s.service" % activity] = "\n".join([
            UNIT_MARK,
            "[Unit]",
            "Description=Sitekeeper %s" % _describe(activity),
            "Documentation=file://%s/docs/scale.md" % repo,
            "",
            "[Service]",
            "Type=oneshot",
            # systemd's own quoting: each argument double-quoted, '%' doubled.
            "ExecStart=%s" % " ".join('"%s"' % a.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
                                      for a in argv),
            "",
        ])
        units["sitekeeper-%s.timer" % activity] = "\n".join([
            UNIT_MARK,
            "[Unit]",
            "Description=Sitekeeper %s on its timetable" % _describe(activity),
            "",
            "[Timer]",
            *("OnCalendar=%s" % _on_calendar(t) for t in hhmm),
            "Persistent=true",
            "RandomizedDelaySec=60",
            "",
            "[Install]",
            "WantedBy=timers.target",
            "",
        ])
    return units


def systemd_install(unit_dir: str, units: dict) -> list:
    """Write the units; remove our units no longer wanted. Returns the changed file names."""
    os.makedirs(unit_dir, exist_ok=True)
    changed = []
    for name, content in units.items():
        path = os.path.join(unit_dir, name)
        old = None
        if os.path.exists(path):
            with open(path) as handle:
                old = handle.read()
        if old != content:
            with open(path, "w") as handle:
                handle.write(content)
            changed.append(name)
    changed += systemd_remove(unit_dir, keep=set(units))
    return changed


def systemd_remove(unit_dir: str, keep: set | None = None) -> list:
    removed = []
    if not os.path.isdir(unit_dir):
        return removed
    for name in sorted(os.listdir(unit_dir)):
        if not re.match(r"^sitekeeper-[a-z]+\.(service|timer)$", name) or name in (keep or set()):
            continue
        path = os.path.join(unit_dir, name)
        with open(path) as handle:
            if not handle.read().startswith(UNIT_MARK):
                continue  # not ours: leave it
        os.remove(path)
        removed.append(name)
    return removed
