"""The loopback services the other tests rely on really work."""

import smtplib
import ssl
import urllib.request

import pytest

from tests.harness.services import free_port

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
