"""TLS certificate checks against a real nginx on loopback (SNI picks the certificate):
valid, near expiry, expired, self-signed, wrong host, weak key; plus a closed port."""

import datetime

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import tls_certs
from tests.harness import services

pytestmark = pytest.mark.integration

CASES = {
    # server_name: (issue kwargs)
    "valid.test": {"days": 200},
    "near.test": {"days": 10},
    "urgent.test": {"days": 3},
    "expired.test": {"days": -2},
    "self.test": {"days": 200, "self_signed": True},
    "wrong.test": {"days": 200, "name": "other.test"},
    "weak.test": {"days": 200, "key": "rsa1024"},
}


@pytest.fixture(scope="module")
def tls_nginx(pki, tmp_path_factory):
    import os
    import tempfile

    blocks = []
    for server_name, spec in CASES.items():
        kwargs = dict(spec)
        name = kwargs.pop("name", server_name)
        if kwargs.get("key") == "rsa1024":
            kwargs["key"] = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505 (on purpose)
        paths = pki.issue(name, sans=[name], **kwargs)
        blocks.append("server { listen 127.0.0.1:{port} ssl; server_name %s; ssl_certificate %s; "
                      "ssl_certificate_key %s; %s return 200 'ok'; }" % (
                          server_name, paths["chain"], paths["key"],
                          "ssl_ciphers DEFAULT@SECLEVEL=0;" if "key" in kwargs else ""))
    directory = tempfile.mkdtemp(prefix="nginx-tls-", dir=str(tmp_path_factory.getbasetemp()))
    os.chmod(directory, 0o755)
    server = services.Nginx(directory, "\n".join(blocks)).start()
    yield server
    server.stop()


def _target(server_name, port, ca, thresholds=(30, 14, 7)):
    return {"host": "web1", "subject": "https://%s/" % server_name, "server_name": server_name,
            "address": "127.0.0.1:%d" % port, "thresholds": list(thresholds), "ca_file": ca}


def test_many_certificates_concurrently(tls_nginx, pki):
    targets = [_target(name, tls_nginx.port, pki.ca_path) for name in CASES]
    with services.closed_port() as closed:
        targets.append(_target("closed.test", closed, pki.ca_path))
        result = tls_certs.check(targets, timeout=5)
    by = {f["subject"]: f for f in result["findings"]}
    valid = by["https://valid.test/"]
    assert valid["status"] == "ok", valid["summary"]
    assert valid["details"]["chain_valid"] is True
    assert valid["details"]["issuer"] == "Sitekeeper Test CA"
    assert 198 <= valid["details"]["days_left"] <= 200
    near = by["https://near.test/"]
    assert near["status"] == "warning" and near["details"]["level"] == "warning"
    assert by["https://urgent.test/"]["status"] == "critical"
    expired = by["https://expired.test/"]
    assert expired["status"] == "critical" and expired["details"]["days_left"] < 0
    assert "expired" in expired["summary"]
    self_signed = by["https://self.test/"]
    assert self_signed["status"] == "critical" and self_signed["details"]["self_signed"] is True
    assert self_signed["details"]["chain_valid"] is False
    wrong = by["https://wrong.test/"]
    assert wrong["status"] == "critical" and wrong["details"]["hostname_match"] is False
    assert "other.test" in wrong["summary"]
    weak = by["https://weak.test/"]
    assert weak["status"] == "warning" and weak["details"]["weak_key"] is True
    assert weak["details"]["key_bits"] == 1024
    closed = by["https://closed.test/"]
    assert closed["status"] == "unknown" and "refused" in closed["details"]["reason"]
    assert all("summary_id" in f["details"] for f in result["findings"])
    names = {m["subject"] for m in result["metrics"]}
    assert "https://valid.test/" in names and "https://closed.test/" not in names


def test_untrusted_without_the_ca(tls_nginx):
    # Without the test CA the system trust store does not know the issuer.
    result = tls_certs.check([_target("valid.test", tls_nginx.port, None)], timeout=5)
    finding = result["findings"][0]
    assert finding["status"] == "critical"
    assert finding["details"]["chain_valid"] is False
    # nginx sends the test root too: OpenSSL calls it a self-signed certificate in the chain.
    assert "self-signed certificate in certificate chain" in finding["details"]["chain_error"]
    assert "not trusted" in finding["summary"]


def test_per_target_thresholds(tls_nginx, pki):
    result = tls_certs.check([_target("valid.test", tls_nginx.port, pki.ca_path, (365, 250, 100))], timeout=5)
    assert result["findings"][0]["status"] == "warning"
    result = tls_certs.check([_target("valid.test", tls_nginx.port, pki.ca_path)], timeout=5,
                             now=datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=195))
    assert result["findings"][0]["status"] == "critical"


def test_mail_service_with_starttls(smtp_server, pki):
    targets = tls_certs.normalise_services(
        [{"name": "mail", "address": "127.0.0.1:%d" % smtp_server.port, "server_name": "localhost",
          "starttls": "smtp", "ca_file": pki.ca_path, "host": "web1"},
         {"name": "mail-no-starttls", "address": "127.0.0.1:%d" % smtp_server.port, "server_name": "localhost",
          "ca_file": pki.ca_path}], default_host="localhost")
    result = tls_certs.check(targets, timeout=5)
    by = {f["subject"]: f for f in result["findings"]}
    assert by["mail"]["status"] == "ok", by["mail"]["summary"]
    assert by["mail"]["host"] == "web1"
    assert by["mail"]["details"]["hostname_match"] is True
    # Speaking TLS at once to a STARTTLS port fails: unknown with the reason, never ok.
    assert by["mail-no-starttls"]["status"] == "unknown"
    with pytest.raises(ValueError, match="TLS service x: field 'starttls'"):
        tls_certs.normalise_services([{"name": "x", "address": "h:25", "starttls": "ftp"}], "localhost")
    with pytest.raises(ValueError, match="TLS service y: field 'address'"):
        tls_certs.normalise_services([{"name": "y", "address": "no-port"}], "localhost")
