# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The vendor evidence bundle and its delivery (SOP activity 7, "bring in the third party").

The bundle is a tar.gz with the findings, the raw diagnostics (config test
output, log excerpts, service and port state, disk and memory), and what
Sitekeeper already tried. Everything is masked (mask.py) before it is written;
on request IP addresses and host names are replaced by stable tokens and the
mapping is written beside the bundle on the controller only (never inside it).
Before the bundle is closed, its whole content is scanned for every known
secret value; if one is found, the bundle is refused.

Delivery is e-mail over SMTP (smtplib), or a file in an outbox directory
(``maildir``), which is what the demo and air-gapped courts use.
"""

from __future__ import annotations

import datetime
import email.message
import email.utils
import hashlib
import io
import json
import os
import re
import smtplib
import ssl
import tarfile
import time

from ansible_collections.sitekeeper.website.plugins.module_utils.core import mask as msk

TRANSPORTS = ("smtp", "maildir", "none")


class EscalationError(Exception):
    """The bundle cannot be built or sent; the message says why."""


def _safe_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.\-]+", "_", text)[:80] or "item"


def contact_secrets(contact) -> list:
    """The values of a third party's contact held under secret-looking keys (tokens, passwords)."""
    names = re.compile(msk.SENSITIVE_NAMES)
    return [str(v) for k, v in (contact or {}).items()
            if v not in (None, "") and not isinstance(v, (dict, list)) and names.fullmatch(str(k))]


def suspicious_files(findings, outcomes) -> list:
    """Every file a finding or a fix's outcome names with its hash (``details.files``, ``flagged``, ``suspicious``):
    the docroot scan's flagged files and what quarantine_files did with them, one entry per path and hash."""
    seen = {}
    for item in list(outcomes or []) + list(findings or []):
        details = item.get("details") if isinstance(item, dict) else None
        if not isinstance(details, dict):
            continue
        for entry in [e for key in ("files", "flagged", "suspicious") for e in (details.get(key) or [])]:
            if not isinstance(entry, dict) or not entry.get("path") or not entry.get("sha256"):
                continue
            key = (str(entry["path"]), str(entry["sha256"]))
            merged = seen.setdefault(key, {"path": key[0], "sha256": key[1], "seen_in": []})
            for field in ("kind", "severity", "score", "excerpt", "action", "quarantine", "restored_from"):
                if entry.get(field) not in (None, "", []) and field not in merged:
                    # Attacker-written text: kept as one plain line, never run or rendered.
                    merged[field] = " ".join(str(entry[field]).split())[:500] if field == "excerpt" else entry[field]
            merged["seen_in"].append("%s %s" % (item.get("check", "?"), item.get("subject", "")))
    return list(seen.values())


def bundle_members(incidents, findings, outcomes, diagnostics, host, court="", before_findings=()) -> dict:
    """The bundle's files as {name: text}, before masking."""
    members = {}
    suspicious = suspicious_files(list(findings or []) + list(before_findings or []), outcomes)
    lines = [
        "Sitekeeper evidence bundle",
        "==========================",
        "Court: %s" % court,
        "Host: %s" % host,
        "Created (UTC): %s" % datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
        "",
        "Unresolved problems:",
    ]
    for inc in incidents:
        lines.append("- [%s] %s %s: %s" % (inc.get("incident_id", "?"), inc.get("check", ""), inc.get("subject", ""),
                                           inc.get("summary", "")))
    lines += ["", "What Sitekeeper already tried (activity 6):"]
    for out in outcomes or []:
        lines.append("- %s %s -> %s: %s" % (out.get("check"), out.get("subject"), out.get("status"), out.get("summary")))
    if not outcomes:
        lines.append("- nothing (no allowed fix applies, or read-only mode)")
    if suspicious:
        lines += ["", "Suspicious files in the docroot (path, sha256, kind; excerpts in suspicious_files.json):"]
        for item in suspicious[:50]:
            done = ("  -> %s" % item["action"]) if item.get("action") else ""
            lines.append("- %s  sha256 %s  %s%s" % (item["path"], item["sha256"], item.get("kind", "?"), done))
    lines += ["", "Files:", "  findings.json        the diagnosis after any fixes (activity 7 findings)",
              "  findings_before.json the first diagnosis", "  remediation.json     the fixes tried and their outcome",
              "  diagnostics.json     services, ports, disks, memory, DNS, certificates, docroot scans",
              "  config_test/*.txt    configuration test output (and config dump when available)",
              "  logs/*.txt           the last lines of the error logs",
              "  suspicious_files.json files the docroot scan flagged: path, sha256, kind, excerpt, quarantine"
              if suspicious else "", "",
              "Secrets (passwords, tokens, keys, cookies, database credentials) are replaced by %s." % msk.MASK]
    members["README.txt"] = "\n".join(lines) + "\n"
    members["incidents.json"] = json.dumps(incidents, indent=1, sort_keys=True, default=str)
    members["findings.json"] = json.dumps(findings, indent=1, sort_keys=True, default=str)
    members["findings_before.json"] = json.dumps(list(before_findings or []), indent=1, sort_keys=True, default=str)
    members["remediation.json"] = json.dumps(outcomes or [], indent=1, sort_keys=True, default=str)
    if suspicious:
        members["suspicious_files.json"] = json.dumps(suspicious, indent=1, sort_keys=True, default=str)
    diag = dict(diagnostics or {})
    for name, test in (diag.pop("config_tests", None) or {}).items():
        text = "$ %s\n(exit code %s)\n%s\n" % (test.get("command", ""), test.get("rc"), test.get("output", ""))
        members["config_test/%s.txt" % _safe_name(name)] = text
        if test.get("dump"):
            members["config_test/%s.dump.txt" % _safe_name(name)] = test["dump"]
    for path, tail in (diag.pop("error_logs", None) or {}).items():
        members["logs/%s.txt" % _safe_name(path.strip("/"))] = "# last lines of %s\n%s\n" % (path, "\n".join(tail))
    members["diagnostics.json"] = json.dumps(diag, indent=1, sort_keys=True, default=str)
    return members


def build_bundle(out_dir, incident_ref, members: dict, extra_secrets=(), pseudonymise=False, hostnames=(),
                 mapping_dir=None) -> dict:
    """Mask (and pseudonymise) the members and write ``<out_dir>/<ref>.tar.gz``."""
    secrets = [s for s in extra_secrets if isinstance(s, str) and len(s) >= 4]
    masked_total = 0
    cleaned = {}
    for name, text in members.items():
        text, count = msk.mask_text(text, secrets)
        masked_total += count
        cleaned[name] = text
    mapping = None
    if pseudonymise:
        pseudo = msk.Pseudonymiser(hostnames)
        cleaned = {name: pseudo.text(text) for name, text in cleaned.items()}
        mapping = pseudo.reverse_mapping()
    for name, text in cleaned.items():
        for secret in secrets:
            if secret in text:
                raise EscalationError("refusing to build the bundle: a known secret is still present in %s" % name)
    os.makedirs(out_dir, mode=0o700, exist_ok=True)
    base = _safe_name(incident_ref)
    path = os.path.join(out_dir, base + ".tar.gz")
    tmp = path + ".tmp"
    stamp = time.time()
    with tarfile.open(tmp, "w:gz") as tar:
        for name in sorted(cleaned):
            data = cleaned[name].encode("utf-8")
            info = tarfile.TarInfo("%s/%s" % (base, name))
            info.size = len(data)
            info.mtime = stamp
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(data))
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    out = {"path": path, "sha256": digest, "files": sorted(cleaned), "masked": masked_total,
           "size_bytes": os.path.getsize(path), "mapping_path": None}
    if mapping is not None:
        mapping_dir = mapping_dir or out_dir
        os.makedirs(mapping_dir, mode=0o700, exist_ok=True)
        mapping_path = os.path.join(mapping_dir, base + ".mapping.json")
        fd = os.open(mapping_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(mapping, handle, indent=1, sort_keys=True)
        out["mapping_path"] = mapping_path
        out["pseudonyms"] = len(mapping)
    return out


def compose_message(sender, recipients, subject, body, attachment_path=None) -> email.message.EmailMessage:
    msg = email.message.EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg["Subject"] = subject
    msg["Date"] = email.utils.formatdate(localtime=False)
    msg["Message-ID"] = email.utils.make_msgid(domain="sitekeeper.local")
    msg.set_content(body)
    if attachment_path:
        with open(attachment_path, "rb") as handle:
            msg.add_attachment(handle.read(), maintype="application", subtype="gzip",
                               filename=os.path.basename(attachment_path))
    return msg


def deliver(msg, transport="smtp", smtp=None, outbox=None) -> dict:
    """Send by SMTP or drop into an outbox directory. Returns where it went."""
    if transport == "none":
        return {"sent": False, "transport": "none", "detail": "delivery disabled"}
    if transport == "maildir":
        if not outbox:
            raise EscalationError("mail transport 'maildir' needs an outbox directory")
        os.makedirs(outbox, mode=0o700, exist_ok=True)
        name = "%d.%s.eml" % (int(time.time() * 1000), _safe_name(msg["Message-ID"].strip("<>")))
        path = os.path.join(outbox, name)
        with open(path, "wb") as handle:
            handle.write(msg.as_bytes())
        return {"sent": True, "transport": "maildir", "detail": path}
    if transport != "smtp":
        raise EscalationError("mail transport must be one of %s, got %r" % (", ".join(TRANSPORTS), transport))
    smtp = smtp or {}
    host = smtp.get("host") or "localhost"
    port = int(smtp.get("port") or 25)
    timeout = float(smtp.get("timeout") or 20)
    context = ssl.create_default_context(cafile=smtp.get("cafile") or None)
    try:
        if smtp.get("tls") == "ssl":
            client = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(host, port, timeout=timeout)
        with client:
            if smtp.get("tls") == "starttls":
                client.starttls(context=context)
            if smtp.get("username"):
                client.login(smtp["username"], smtp.get("password") or "")
            refused = client.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise EscalationError("the e-mail to %s could not be sent via %s:%s: %s" % (msg["To"], host, port, exc)) from None
    if refused:
        raise EscalationError("the mail server refused: %s" % ", ".join(refused))
    return {"sent": True, "transport": "smtp", "detail": "%s:%s" % (host, port)}


def message_text(third_party, host, court, incidents, bundle, sender_name="Sitekeeper") -> tuple:
    """(subject, body) of the escalation e-mail, English with an Indonesian summary."""
    subject = "[Sitekeeper] %s: %d unresolved problem(s) on %s" % (court or "Court website", len(incidents), host)
    lines = [
        "Dear %s," % (third_party.get("name") or "support team"),
        "",
        "Sitekeeper found problems on %s (%s) that could not be solved in-house." % (host, court),
        "The attached evidence bundle %s (sha256 %s) holds the diagnostics, configuration test output,"
        % (os.path.basename(bundle["path"]), bundle["sha256"][:16]),
        "log excerpts and findings, with secrets masked. Please reply quoting the incident number(s):",
        "",
    ]
    for inc in incidents:
        lines.append("  %s  %s" % (inc.get("incident_id"), inc.get("summary")))
    lines += ["", "Yth. %s, masalah di atas tidak dapat diselesaikan sendiri; mohon bantuan penanganannya." %
              (third_party.get("name") or "pihak ketiga"), "", "-- ", sender_name]
    return subject, "\n".join(lines) + "\n"
