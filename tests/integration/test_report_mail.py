"""E-mail delivery of the report through a real SMTP server (aiosmtpd, STARTTLS required, AUTH)."""

import email
import email.policy

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.report import mail
from ansible_collections.sitekeeper.website.plugins.module_utils.report import situation as report
from tests.harness import services
from tests.unit.report.test_report_render import params

pytestmark = pytest.mark.integration


def settings(smtp_server, **extra):
    base = {"enabled": True, "recipients": ["ppid@pn-contoh.go.id", "sekretaris@pn-contoh.go.id"],
            "sender": "sitekeeper@pn-contoh.go.id", "sender_name": "Sitekeeper PN Contoh",
            "host": "localhost", "port": smtp_server.port, "security": "starttls",
            "username": smtp_server.USER, "password": smtp_server.PASSWORD, "ca_file": smtp_server.ca_path,
            "verify": True, "timeout": 15}
    base.update(extra)
    return base


def messages_to(smtp_server, address):
    return [m for m in smtp_server.messages if address in m["to"]]


def test_report_is_mailed_with_html_body_and_pdf(tmp_path, smtp_server):
    result = report.run(params(tmp_path, formats=["html", "pdf", "markdown", "json"],
                               mail=settings(smtp_server, recipients=["ppid-1@pn-contoh.go.id"])))
    assert result["delivered"] is True and result["mail"]["accepted"] == ["ppid-1@pn-contoh.go.id"]
    assert result["findings"][0]["status"] == "ok"
    assert result["findings"][0]["details"]["summary_id"].startswith("Laporan situasi sudah disimpan dan dikirim")
    [received] = messages_to(smtp_server, "ppid-1@pn-contoh.go.id")
    assert received["authenticated"] is True
    message = email.message_from_bytes(received["data"], policy=email.policy.default)
    assert message["Subject"].startswith("Laporan Situasi Website Pengadilan Negeri Contoh")
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Laporan Situasi dan Kondisi Website" in html and "Content-Security-Policy" in html
    [pdf] = list(message.iter_attachments())
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename().startswith("laporan-situasi-website-")
    assert pdf.get_content()[:5] == b"%PDF-"


@pytest.fixture(scope="module")
def strict_smtp(pki):
    """A second SMTP server of its own with another password; it answers a refused login with 535
    (as real servers do); STARTTLS required."""
    server = services.Smtp(pki, user="sitekeeper", password="right-password").start()  # noqa: S106
    try:
        yield server
    finally:
        server.stop()


def test_wrong_password_is_a_warning_and_report_is_kept(tmp_path, strict_smtp):
    smtp_server = strict_smtp
    before = len(smtp_server.messages)
    result = report.run(params(tmp_path, mail=settings(smtp_server, password="wrong-password-123")))
    finding = result["findings"][0]
    assert finding["status"] == "warning"
    assert "refused the login of sitekeeper" in finding["summary"]
    assert "wrong-password-123" not in str(result)
    assert open(result["paths"]["html"], encoding="utf-8").read().startswith("<!DOCTYPE html>")
    assert len(smtp_server.messages) == before


def test_untrusted_certificate_is_refused(tmp_path, smtp_server):
    result = report.run(params(tmp_path, mail=settings(smtp_server, ca_file=None, recipients=["x@pn.go.id"])))
    assert result["findings"][0]["status"] == "warning"
    assert "TLS with SMTP server" in result["mail"]["error"]
    assert messages_to(smtp_server, "x@pn.go.id") == []


def test_plain_smtp_without_starttls_is_refused():
    message = mail.build_message("a@b.c", ["d@e.f"], "s", "t", None)
    with pytest.raises(mail.ReportMailError, match="security must be one of"):
        mail.send(message, "localhost", 25, security="ssl")
