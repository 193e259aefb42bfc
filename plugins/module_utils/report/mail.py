# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""E-mail delivery of the situation report: SMTP with STARTTLS and authentication.

The message is multipart/alternative (a plain-text note and the HTML report as the
body) inside multipart/mixed with the PDF attached. Standard library only
(smtplib, email). STARTTLS is required by default and the server certificate is
verified against the system CA store or a given CA file; a password is never
put in an error message.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

SECURITY = ("starttls", "tls", "none")


class ReportMailError(RuntimeError):
    """The report could not be delivered; the message says why (never the password)."""


def build_message(sender: str, recipients: list, subject: str, text: str, html: str | None,
                  attachments: list | None = None, sender_name: str = "") -> EmailMessage:
    """attachments: [(filename, bytes, maintype, subtype)]"""
    message = EmailMessage()
    message["From"] = formataddr((sender_name, sender)) if sender_name else sender
    message["To"] = ", ".join(recipients)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or "sitekeeper.local")
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for filename, data, maintype, subtype in attachments or []:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message


def _context(ca_file: str | None, verify: bool) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=ca_file or None)
    if not verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # noqa: S323  explicit opt-out for a test relay, documented
    return context


def _login(client: smtplib.SMTP, username: str, password: str) -> None:
    """Log in with AUTH PLAIN when offered (the session is already encrypted), else let smtplib choose.
    One mechanism only: a refused password is reported at once instead of retried with others."""
    offered = (client.esmtp_features.get("auth") or "").upper().split()
    if "PLAIN" in offered:
        client.user, client.password = username, password
        client.auth("PLAIN", client.auth_plain)
    else:
        client.login(username, password)


def send(message: EmailMessage, host: str, port: int, security: str = "starttls", username: str = "",
         password: str = "", ca_file: str | None = None, verify: bool = True, timeout: float = 30.0) -> dict:
    """Send one message; returns {accepted, refused}. Raises ReportMailError with a plain reason."""
    if security not in SECURITY:
        raise ReportMailError("mail security must be one of %s, got %r" % ("|".join(SECURITY), security))
    if not host:
        raise ReportMailError("no SMTP server is configured (situation_report_smtp_host)")
    if ca_file and not os.path.isfile(ca_file):
        raise ReportMailError("the CA file %s for the SMTP server does not exist" % ca_file)
    recipients = [addr for field in ("To", "Cc", "Bcc") for addr in
                  (message.get_all(field) or []) for addr in str(addr).split(",") if addr.strip()]
    if not recipients:
        raise ReportMailError("the report has no recipients")
    where = "%s:%s" % (host, port)
    try:
        if security == "tls":
            client = smtplib.SMTP_SSL(host, port, timeout=timeout, context=_context(ca_file, verify))
        else:
            client = smtplib.SMTP(host, port, timeout=timeout)
        with client:
            client.ehlo()
            if security == "starttls":
                if not client.has_extn("starttls"):
                    raise ReportMailError("SMTP server %s does not offer STARTTLS; refusing to send in clear" % where)
                client.starttls(context=_context(ca_file, verify))
                client.ehlo()
            if username:
                _login(client, username, password)
            refused = client.send_message(message)
    except ReportMailError:
        raise
    except smtplib.SMTPAuthenticationError as exc:
        raise ReportMailError("SMTP server %s refused the login of %s (%s)" % (where, username, exc.smtp_code)) from None
    except smtplib.SMTPRecipientsRefused as exc:
        raise ReportMailError("SMTP server %s refused every recipient: %s" % (where, ", ".join(exc.recipients))) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise ReportMailError("SMTP server %s does not support this: %s" % (where, exc)) from None
    except smtplib.SMTPException as exc:
        raise ReportMailError("SMTP delivery through %s failed: %s" % (where, exc)) from None
    except ssl.SSLError as exc:
        raise ReportMailError("TLS with SMTP server %s failed: %s" % (where, exc.reason or exc)) from None
    except TimeoutError:
        raise ReportMailError("SMTP server %s did not answer within %d s" % (where, timeout)) from None
    except OSError as exc:
        raise ReportMailError("cannot reach SMTP server %s: %s" % (where, exc.strerror or exc)) from None
    accepted = [r.strip() for r in recipients if r.strip() not in refused]
    return {"accepted": accepted, "refused": sorted(refused)}
