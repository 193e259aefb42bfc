"""The loopback services the other tests rely on really work."""

import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import sys
import time
import urllib.request
import uuid

import pytest

from tests.harness import services
from tests.harness.fixtures import run_playbook
from tests.harness.services import REPO, free_port

pytestmark = pytest.mark.integration


def test_nginx_serves_http_and_https_with_the_test_ca(nginx_factory, pki, tmp_path):
    (tmp_path / "index.html").write_text("hello court")
    tmp_path.chmod(0o755)
    cert = pki.issue("court.test", ["court.test", "127.0.0.1"])
    https_port = free_port()
    server = nginx_factory(
        "server { listen 127.0.0.1:{port}; root %s; }\n"
        "server { listen 127.0.0.1:%d ssl; ssl_certificate %s; ssl_certificate_key %s; root %s; }"
        % (tmp_path, https_port, cert["chain"], cert["key"], tmp_path)
    )
    assert urllib.request.urlopen(server.url, timeout=5).read() == b"hello court"
    context = ssl.create_default_context(cafile=pki.ca_path)
    body = urllib.request.urlopen("https://127.0.0.1:%d/" % https_port, timeout=5, context=context).read()
    assert body == b"hello court"
    with open(server.access_log) as handle:
        assert "GET / HTTP/1.1" in handle.read()


def test_mariadb_answers_sql(mariadb_server):
    assert mariadb_server.execute("SELECT 6*7;").strip() == "42"


def test_postgres_answers_sql(postgres_server):
    assert postgres_server.execute("SELECT 6*7;").strip() == "42"


def test_ssh_hosts_are_separate_hosts_with_sudo(ssh_hosts):
    for name, address in zip(ssh_hosts.names, ssh_hosts.addresses):
        plain = ssh_hosts.run(name, "id -un; echo $SSH_CONNECTION", become=False)
        assert plain.returncode == 0, plain.stderr
        user, connection = plain.stdout.split("\n")[:2]
        assert user == ssh_hosts.user != "root"
        assert connection.split()[2] == address
        sudo = ssh_hosts.run(name, "id -un")
        assert sudo.stdout.strip() == "root", sudo.stderr


def test_smtp_requires_starttls_and_auth(smtp_server):
    context = ssl.create_default_context(cafile=smtp_server.ca_path)
    with smtplib.SMTP("127.0.0.1", smtp_server.port, timeout=10) as client:
        client.starttls(context=context)
        client.login(smtp_server.USER, smtp_server.PASSWORD)
        client.sendmail("a@court.test", ["b@court.test"], b"Subject: hi\r\n\r\nbody\r\n")
    assert smtp_server.messages[-1]["to"] == ["b@court.test"]
    assert smtp_server.messages[-1]["authenticated"] is True
    with smtplib.SMTP("127.0.0.1", smtp_server.port, timeout=10) as client:
        with pytest.raises(smtplib.SMTPException):
            client.login(smtp_server.USER, smtp_server.PASSWORD)  # no STARTTLS first


def test_smtp_refuses_a_wrong_password(smtp_server):
    context = ssl.create_default_context(cafile=smtp_server.ca_path)
    with smtplib.SMTP("127.0.0.1", smtp_server.port, timeout=10) as client:
        client.starttls(context=context)
        with pytest.raises(smtplib.SMTPAuthenticationError):
            client.login(smtp_server.USER, "wrong-password")


def test_a_port_taken_on_another_loopback_address_is_not_free():
    """sshd listens on 127.0.0.2-4: a port free on 127.0.0.1 may be held there by a server an
    earlier run left behind, and sshd would then share it with that server without failing."""
    with socket.socket() as other:
        other.bind(("127.0.0.3", 0))
        other.listen()
        port = other.getsockname()[1]
        assert services.port_is_free(port)  # on 127.0.0.1 only
        assert not services.port_is_free(port, ["127.0.0.2", "127.0.0.3"])
        assert services.free_port("127.0.0.2", also=["127.0.0.3"]) != port


def test_nginx_moves_to_another_port_when_its_free_port_was_taken(tmp_path):
    (tmp_path / "index.html").write_text("moved")
    tmp_path.chmod(0o755)
    server = services.Nginx(str(tmp_path / "nginx"), "server { listen 127.0.0.1:{port}; root %s; }" % tmp_path)
    with socket.socket() as thief:  # another program takes the port between choosing and starting
        thief.bind(("127.0.0.1", server.port))
        thief.listen()
        taken = server.port
        try:
            server.start()
            assert server.port != taken
            assert urllib.request.urlopen(server.url, timeout=10).read() == b"moved"
        finally:
            server.stop()


def test_a_taken_port_the_test_chose_is_named_with_its_owner(tmp_path):
    with socket.socket() as owner:
        owner.bind(("127.0.0.1", 0))
        owner.listen()
        port = owner.getsockname()[1]
        server = services.Nginx(str(tmp_path / "nginx"), "server { listen 127.0.0.1:{port}; return 200; }", port=port)
        with pytest.raises(services.PortInUse, match="port %d is held by" % port) as error:
            server.start()
    assert "python" in str(error.value)  # ss names this test process as the owner


def test_nginx_serves_the_new_config_as_soon_as_reload_returns(nginx_factory):
    server = nginx_factory("server { listen 127.0.0.1:{port}; return 200 'before'; }")
    for answer in ("one", "two", "three"):
        server.write_servers("server { listen 127.0.0.1:{port}; return 200 '%s'; }" % answer)
        server.reload()
        assert urllib.request.urlopen(server.url, timeout=10).read() == answer.encode()


def test_session_end_check_fails_a_run_that_leaves_a_process(tmp_path):
    """A test that starts a process and does not stop it fails the run, and the process is ended."""
    marker = "sk-leftover-%s" % uuid.uuid4().hex
    (tmp_path / "test_leaves_one.py").write_text(
        "import subprocess\n\n\ndef test_starts_and_forgets():\n"
        "    subprocess.Popen(['sh', '-c', 'sleep 120; : %s'])\n" % marker)
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
                           "-p", "no:randomly", "--rootdir", str(tmp_path), str(tmp_path / "test_leaves_one.py")],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stdout[-2000:] + done.stderr[-2000:]
    assert "1 passed" in done.stdout and "LEFT RUNNING" in done.stdout
    assert marker in done.stdout
    still = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True).stdout.split()
    assert still == [], "the check ends what it found"


def test_running_a_playbook_keeps_the_signal_handlers_of_the_test_process(tmp_path):
    """ansible-runner replaces SIGTERM and SIGINT handlers for good; the harness puts them back, so
    Ctrl-C and a CI's SIGTERM still stop pytest, and no later test depends on the order."""
    play = tmp_path / "ping.yml"
    play.write_text("- hosts: localhost\n  gather_facts: false\n  tasks:\n    - ansible.builtin.ping:\n")
    inventory = tmp_path / "hosts.yml"
    inventory.write_text("all:\n  hosts:\n    localhost:\n      ansible_connection: local\n"
                         "      ansible_python_interpreter: %s\n" % sys.executable)
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}
    runner = run_playbook(str(play), str(inventory))
    try:
        assert runner.rc == 0, runner.stdout.read()[-2000:]
        assert {sig: signal.getsignal(sig) for sig in before} == before
    finally:
        shutil.rmtree(runner.private_data_dir_path, ignore_errors=True)


def test_a_run_stopped_with_sigterm_stops_the_services_its_fixtures_started(tmp_path):
    """A CI timeout or `kill` sends SIGTERM: pytest must still tear the fixtures down, or the PostgreSQL
    server of a stopped run stays up for good (seen in session 6)."""
    pid_file = tmp_path / "postgres.pid"
    (tmp_path / "test_waits.py").write_text(
        "import time\n\n\ndef test_waits_with_a_server(postgres_server):\n"
        "    open(%r, 'w').write(str(postgres_server.pid))\n    time.sleep(300)\n" % str(pid_file))
    child = subprocess.Popen([sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
                              "-p", "no:randomly", "--rootdir", str(tmp_path), str(tmp_path / "test_waits.py")],
                             cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while not pid_file.exists() or not pid_file.read_text():
            assert child.poll() is None and time.monotonic() < deadline, "the server never started"
            time.sleep(0.2)
        server_pid = int(pid_file.read_text())
        assert services.alive(server_pid)
        child.send_signal(signal.SIGTERM)
        output, _ = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode != 0, output[-2000:]
    gone_by = time.monotonic() + 30
    while services.alive(server_pid) and time.monotonic() < gone_by:
        time.sleep(0.2)
    assert not services.alive(server_pid), "PostgreSQL (pid %d) outlived the stopped run:\n%s" % (server_pid, output[-2000:])
