"""pytest fixtures over tests/harness/services.py: real services on loopback,
session-scoped where starting them is slow, always stopped by PID."""

from __future__ import annotations

import contextlib
import datetime
import fcntl
import itertools
import os
import pwd
import shutil
import signal
import subprocess
import sys
import tempfile

import pytest

from tests.harness import services
from tests.harness.services import REPO

__all__ = [
    "backup_clock_at_noon",
    "pki",
    "nginx_factory",
    "mariadb_server",
    "postgres_server",
    "ssh_hosts",
    "smtp_server",
    "cron_user",
    "data_dir",
    "run_playbook",
    "playbook_runner",
]


def _need(tool: str) -> None:
    if shutil.which(tool) is None and not os.path.exists(tool):
        pytest.fail("%s is not installed: run ./scripts/setup --test as root" % tool)


@pytest.fixture
def backup_clock_at_noon(monkeypatch):
    """Backup set names carry the controller's time. A test that makes several sets and expects them on
    one day reads this clock instead: noon today (UTC), a minute on per reading, so a run across
    midnight does not put them on two days (daily retention would then keep another set)."""
    from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk

    noon = bk.now_utc().replace(hour=12, minute=0, second=0)
    readings = itertools.count()
    monkeypatch.setattr(bk, "now_utc", lambda: noon + datetime.timedelta(minutes=next(readings)))


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    return services.Pki(str(tmp_path_factory.mktemp("pki")))


@pytest.fixture
def nginx_factory(tmp_path_factory):
    """nginx_factory(servers_text, port=None) -> started services.Nginx; all stopped at teardown."""
    _need("nginx")
    started = []

    def start(servers: str, port: int | None = None) -> services.Nginx:
        directory = tempfile.mkdtemp(prefix="nginx-", dir=str(tmp_path_factory.getbasetemp()))
        os.chmod(directory, 0o755)
        server = services.Nginx(directory, servers, port=port)
        started.append(server)  # before start(): a start that fails half-way is stopped too
        return server.start()

    try:
        yield start
    finally:
        _stop_all(started)


def _stop_all(servers) -> None:
    """Stop every server, even when stopping one of them fails; then raise the first error."""
    errors = []
    for server in servers:
        try:
            server.stop()
        except Exception as error:  # noqa: BLE001  the others must still be stopped
            errors.append(error)
    if errors:
        raise errors[0]


def _running(server, directory):
    """Yield the started server; stop it and remove its folder afterwards, also when a test failed."""
    try:
        yield server.start()
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def mariadb_server(tmp_path_factory):
    _need("mariadbd")
    # Under /tmp, not pytest's 0700 folder: the server runs as the mysql user.
    directory = services.temp_dir("sk-mariadb-")
    yield from _running(services.MariaDB(directory), directory)


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory):
    _need(os.path.join(services.PG_BIN, "initdb"))
    directory = services.temp_dir("sk-pg-")
    os.chmod(directory, 0o755)  # the server runs as the postgres user
    yield from _running(services.Postgres(os.path.join(directory, "pg")), directory)


@pytest.fixture(scope="session")
def ssh_hosts(tmp_path_factory):
    """Three managed hosts web1..web3 (sshd on 127.0.0.2-4) with user skuser (passwordless sudo)."""
    _need("/usr/sbin/sshd")
    directory = str(tmp_path_factory.mktemp("sshd"))
    hosts = services.SshHosts(directory)
    try:
        yield hosts.start()
    finally:
        hosts.stop()


@pytest.fixture(scope="session")
def smtp_server(pki):
    server = services.Smtp(pki).start()
    try:
        yield server
    finally:
        server.stop()


CRON_USER = "skcron"


@pytest.fixture
def cron_user():
    """An account whose crontab is empty at the start and at the end of the test.

    The crontab is held for the whole test under a lock: two tests at once (pytest -n 2, or two
    checkouts' sessions) would install and remove entries in the same table."""
    if shutil.which("crontab") is None:
        pytest.fail("crontab is not installed: apt-get install cron")
    lock = os.path.join(tempfile.gettempdir(), "sitekeeper-test-crontab.lock")
    with open(lock, "a") as handle, contextlib.ExitStack() as stack:
        fcntl.flock(handle, fcntl.LOCK_EX)
        stack.callback(fcntl.flock, handle, fcntl.LOCK_UN)
        with services.accounts_lock():
            try:
                pwd.getpwnam(CRON_USER)
            except KeyError:
                subprocess.run(["useradd", "-M", "-s", "/usr/sbin/nologin", CRON_USER], check=True)
        subprocess.run(["crontab", "-u", CRON_USER, "-r"], capture_output=True, check=False)
        stack.callback(subprocess.run, ["crontab", "-u", CRON_USER, "-r"], capture_output=True, check=False)
        yield CRON_USER


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A fresh Sitekeeper data directory (history store, reports) for one test."""
    path = tmp_path / "sitekeeper-data"
    path.mkdir()
    monkeypatch.setenv("SITEKEEPER_DATA_DIR", str(path))
    return path


def run_playbook(playbook: str, inventory: str, extravars: dict | None = None, data_dir=None,
                 check: bool = False, tags: str | None = None, limit: str | None = None, envvars=None):
    """Run a playbook of this repo through ansible-runner, as the CLI and AWX do.

    Returns the ansible_runner Runner (status, rc, events, stats)."""
    import ansible_runner

    private = tempfile.mkdtemp(prefix="runner-")
    env = {
        "ANSIBLE_CONFIG": os.path.join(REPO, "ansible.cfg"),
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        "ANSIBLE_NOCOLOR": "1",
    }
    if data_dir is not None:
        env["SITEKEEPER_DATA_DIR"] = str(data_dir)
    env.update(envvars or {})
    cmdline = []
    if check:
        cmdline.append("--check")
    if tags:
        cmdline += ["--tags", tags]
    path = playbook if os.path.isabs(playbook) else os.path.join(REPO, playbook)
    # ansible_runner.run() replaces the SIGTERM and SIGINT handlers of the calling process for good:
    # pytest would then ignore Ctrl-C and a CI's SIGTERM, and a later test that expects the default
    # handlers fails depending on the order. Put them back afterwards.
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        runner = ansible_runner.run(
            private_data_dir=private,
            project_dir=REPO,
            playbook=path,
            inventory=os.path.abspath(inventory),  # ansible-runner resolves a relative path elsewhere
            extravars=extravars or {},
            envvars=env,
            limit=limit,
            cmdline=" ".join(cmdline) or None,
            quiet=True,
            rotate_artifacts=1,
        )
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    runner.private_data_dir_path = private
    return runner


@pytest.fixture
def playbook_runner():
    """The run_playbook function, as a fixture; removes runner folders afterwards."""
    made = []

    def run(*args, **kwargs):
        runner = run_playbook(*args, **kwargs)
        made.append(runner.private_data_dir_path)
        return runner

    yield run
    for path in made:
        shutil.rmtree(path, ignore_errors=True)


def published_findings(runner) -> list:
    """Findings published by the findings role during a run, read from runner events."""
    found = []
    for event in runner.events:
        if event.get("event") != "runner_on_ok":
            continue
        facts = (event.get("event_data", {}).get("res") or {}).get("ansible_facts") or {}
        found.extend(facts.get("sitekeeper_findings_published") or [])
    return found
