"""Shared pytest setup: import paths, the real loopback services (see tests/harness/), and a
session that leaves nothing behind: its own data folder, and a check at the end that every
process the tests started has stopped."""

import os
import shutil
import signal
import sys
import tempfile
import time
import uuid

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# module_utils are imported by FQCN, exactly as Ansible imports them.
sys.path.insert(0, os.path.join(REPO, "collections"))
sys.path.insert(0, os.path.join(REPO, "scripts"))
sys.path.insert(0, REPO)

from tests.harness import services  # noqa: E402
from tests.harness.fixtures import *  # noqa: E402,F401,F403  the service fixtures

# How long stopped services get to exit before the session-end check counts them as left running.
LEFTOVER_GRACE = 15.0


def pytest_configure(config):
    # Every process this session starts inherits this mark, also daemons that leave the process tree.
    os.environ[services.SESSION_ENV] = uuid.uuid4().hex
    # Never the user's data (~/.local/share/sitekeeper or their SITEKEEPER_DATA_DIR) nor their shared
    # history database: a test that forgets its own data_dir writes here, and this is removed at the end.
    config.sitekeeper_data_dir = tempfile.mkdtemp(prefix="sk-test-data-")
    os.environ["SITEKEEPER_DATA_DIR"] = config.sitekeeper_data_dir
    os.environ.pop("SITEKEEPER_HISTORY_URL", None)
    # A run stopped with SIGTERM (a CI timeout, `kill`) ends like Ctrl-C: pytest then tears the fixtures down,
    # so the services they started (PostgreSQL, nginx, sshd) stop instead of outliving the run.
    signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum, _frame):
    raise KeyboardInterrupt("stopped by signal %d" % signum)


def _xdist_controller(config) -> bool:
    """The controlling process of `pytest -n N`: its workers run the tests and check themselves."""
    return config.pluginmanager.getplugin("dsession") is not None


def _ancestors() -> set:
    pids, pid = set(), os.getpid()
    while pid > 1:
        pids.add(pid)
        try:
            with open("/proc/%d/stat" % pid) as handle:
                pid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            break
    return pids


def _session_paths(session) -> list:
    """The session's temporary folders: a process naming one of them on its command line is ours."""
    paths = [os.path.join(path, "") for path in services.TEMP_DIRS]
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is not None:
        try:
            paths.append(os.path.join(str(factory.getbasetemp()), ""))
        except OSError:
            pass
    return paths


def _interpreter_helper(pid: int, cmdline: str) -> bool:
    """multiprocessing's resource tracker and forkserver, started for pytest's own interpreter by code
    under test: they end with the interpreter, and cannot outlive the session."""
    return services.parent(pid) == os.getpid() and " -c from multiprocessing." in cmdline


def left_running(session) -> dict:
    """PID -> description of every process this session started that still runs, after a grace
    period for the ones being stopped (nginx workers finishing, ssh masters exiting)."""
    exclude = _ancestors()
    mark = os.environ.get(services.SESSION_ENV, "")
    deadline = time.monotonic() + LEFTOVER_GRACE
    while True:
        found = {pid: cmd for pid, cmd in services.session_processes(mark, _session_paths(session), exclude).items()
                 if not _interpreter_helper(pid, cmd)}
        for pid, what in services.STARTED.items():
            if services.alive(pid) and pid not in exclude:
                found[pid] = "%s (started by tests/harness, never stopped)" % what
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


def pytest_sessionstart(session):
    if hasattr(session.config, "workerinput"):
        return  # a worker of pytest -n N: its controller reports
    # Only reported: they may belong to a test run going on beside this one.
    others = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/environ" % entry, "rb") as handle:
                if (services.SESSION_ENV + "=").encode() not in handle.read():
                    continue
            with open("/proc/%s/cmdline" % entry, "rb") as handle:
                others[int(entry)] = handle.read().replace(b"\0", b" ").decode("utf-8", "replace")[:120]
        except OSError:
            continue
    ours = _ancestors() | set(services.descendants(os.getpid()))
    others = {pid: cmd for pid, cmd in others.items() if pid not in ours}
    if others:
        sys.stderr.write("note: %d processes of another or an earlier test session are running (the tests "
                         "use their own ports and folders, so they do not matter): %s\n"
                         % (len(others), "; ".join("%d %s" % item for item in sorted(others.items())[:5])))


@pytest.hookimpl(wrapper=True)
def pytest_sessionfinish(session, exitstatus):
    # After the yield the session-scoped fixtures have been torn down: every service should be gone.
    result = yield
    data_dir = getattr(session.config, "sitekeeper_data_dir", None)
    if _xdist_controller(session.config):
        shutil.rmtree(data_dir or "", ignore_errors=True)
        return result
    leftovers = left_running(session)
    if leftovers:
        lines = ["", "LEFT RUNNING: the tests started %d processes that are still running "
                     "(each test must stop what it starts, also when it fails); ended now:" % len(leftovers)]
        lines += ["  pid %d: %s" % (pid, cmd[:300]) for pid, cmd in sorted(leftovers.items())]
        reporter = session.config.pluginmanager.getplugin("terminalreporter")
        for line in lines:
            if reporter is not None:
                reporter.write_line(line, red=True, bold=line.startswith("LEFT"))
            else:
                sys.stderr.write(line + "\n")
        for pid in leftovers:
            family = services.descendants(pid)  # read first: a killed parent's children move to init
            services.kill_pid(pid, timeout=5)
            for child in family:
                services.kill_pid(child, timeout=5)
        if session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
    shutil.rmtree(data_dir or "", ignore_errors=True)
    return result
