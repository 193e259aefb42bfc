# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""TLS certificate checks of many sites and services at once, on the controller.

Why not ``community.crypto.get_certificate``: it checks one host per task call, so
a court with many sites would need one task per site (the architecture forbids it)
and it does not say whether the chain verifies against the trust store. Here a thread
pool makes the TLS handshakes concurrently with Python's ``ssl`` and reads the leaf
certificate with ``cryptography`` (already a controller dependency of
community.crypto): days left, issuer, chain validity (a verifying handshake against
the system or a given CA bundle), hostname match (subjectAltName, wildcards, IPs),
self-signed, weak keys (RSA/DSA < 2048 bits, EC < 224) and weak signatures
(MD5, SHA-1).

Thresholds (default 30/14/7 days) can be set per target.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import ipaddress
import socket
import ssl
import urllib.parse

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import alternatives as alt

ACTIVITY = 4
DEFAULT_THRESHOLDS = (30, 14, 7)
WEAK_HASHES = {"md5", "sha1", "md2", "md4"}


def targets_from_sites(sites_by_host: dict, thresholds=DEFAULT_THRESHOLDS) -> list:
    """``{inventory_host: [site, ...]}`` -> TLS targets for every https site.

    Site keys used: ``url``, optional ``tls_thresholds`` (three numbers),
    ``tls_ca_file`` (CA bundle to verify against), ``tls_check`` (false skips it),
    ``tls_address`` (``host:port`` to connect to instead of the URL's).
    """
    targets = []
    for host, sites in (sites_by_host or {}).items():
        for site in sites or []:
            if not isinstance(site, dict) or not site.get("url") or site.get("tls_check") is False:
                continue
            parts = urllib.parse.urlsplit(str(site["url"]))
            if parts.scheme != "https" or not parts.hostname:
                continue
            target = {"host": host, "subject": str(site["url"]), "server_name": parts.hostname,
                      "address": site.get("tls_address") or "%s:%d" % (parts.hostname, parts.port or 443),
                      "thresholds": site.get("tls_thresholds") or list(thresholds),
                      "ca_file": site.get("tls_ca_file")}
            targets.append(target)
    return targets


def normalise_services(services, default_host: str, thresholds=DEFAULT_THRESHOLDS) -> list:
    """TLS services from the inventory (mail, other): ``{name, address: host:port, server_name?, host?,
    thresholds?, ca_file?}``; raises ValueError naming the service and field."""
    out = []
    for index, service in enumerate(services or []):
        if not isinstance(service, dict):
            raise ValueError("renewals_tls_services[%d]: must be a mapping" % index)
        name = service.get("name") or "renewals_tls_services[%d]" % index
        address = str(service.get("address") or "")
        hostname, _colon, port = address.rpartition(":")
        if not hostname or not port.isdigit():
            raise ValueError("TLS service %s: field 'address' must be host:port, got %r" % (name, address))
        thresholds_ = service.get("thresholds") or list(thresholds)
        if len(thresholds_) != 3:
            raise ValueError("TLS service %s: field 'thresholds' must be three numbers of days" % name)
        starttls = service.get("starttls")
        if starttls not in (None, "", *STARTTLS):
            raise ValueError("TLS service %s: field 'starttls' must be one of %s (got %r)"
                             % (name, ", ".join(STARTTLS), starttls))
        out.append({"host": service.get("host") or default_host, "subject": str(name), "starttls": starttls or None,
                    "server_name": service.get("server_name") or hostname.strip("[]"), "address": address,
                    "thresholds": thresholds_, "ca_file": service.get("ca_file")})
    return out


def _split_address(address: str):
    host, _colon, port = address.rpartition(":")
    return host.strip("[]"), int(port)


STARTTLS = ("smtp", "imap", "pop3")


def _read_line(sock) -> bytes:
    line = b""
    while not line.endswith(b"\n") and len(line) < 4096:
        char = sock.recv(1)
        if not char:
            raise ConnectionError("the server closed the connection before STARTTLS")
        line += char
    return line


def _starttls(sock, protocol: str):
    """Plain-text upgrade before the handshake (RFC 3207 SMTP, RFC 3501 IMAP, RFC 2595 POP3)."""
    if protocol == "smtp":
        while _read_line(sock)[3:4] != b" ":
            pass
        sock.sendall(b"EHLO sitekeeper.invalid\r\n")
        while _read_line(sock)[3:4] != b" ":
            pass
        sock.sendall(b"STARTTLS\r\n")
        reply = _read_line(sock)
        if not reply.startswith(b"220"):
            raise ssl.SSLError("the SMTP server refused STARTTLS: %s" % reply[:80].decode("ascii", "replace").strip())
    elif protocol == "imap":
        _read_line(sock)
        sock.sendall(b"a1 STARTTLS\r\n")
        reply = _read_line(sock)
        while reply.startswith(b"*"):
            reply = _read_line(sock)
        if not reply.upper().startswith(b"A1 OK"):
            raise ssl.SSLError("the IMAP server refused STARTTLS")
    elif protocol == "pop3":
        _read_line(sock)
        sock.sendall(b"STLS\r\n")
        if not _read_line(sock).startswith(b"+OK"):
            raise ssl.SSLError("the POP3 server refused STLS")


def _handshake(address, server_name, context, timeout, starttls=None):
    host, port = _split_address(address)
    with socket.create_connection((host, port), timeout=timeout) as sock:
        if starttls:
            _starttls(sock, starttls)
        sni = server_name if server_name and not _is_ip(server_name) else None
        with context.wrap_socket(sock, server_hostname=sni) as tls:
            return tls.getpeercert(binary_form=True), tls.version()


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def fetch(target: dict, timeout: float = 10.0) -> dict:
    """Handshake with the target: leaf certificate (DER) and whether the chain verifies."""
    result = {"chain_valid": None, "chain_error": None, "der": None, "protocol": None, "error": None}
    verify = ssl.create_default_context(cafile=target.get("ca_file") or None)
    verify.check_hostname = False  # the hostname is checked separately, to say which problem it is
    _accept_weak(verify)
    try:
        result["der"], result["protocol"] = _handshake(target["address"], target["server_name"], verify, timeout,
                                                       target.get("starttls"))
        result["chain_valid"] = True
        return result
    except ssl.SSLCertVerificationError as exc:
        result["chain_valid"] = False
        result["chain_error"] = exc.verify_message or str(exc)
    except (OSError, ssl.SSLError) as exc:
        result["error"] = _why(exc, target, timeout)
        return result
    insecure = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE
    _accept_weak(insecure)
    try:
        result["der"], result["protocol"] = _handshake(target["address"], target["server_name"], insecure, timeout,
                                                       target.get("starttls"))
    except (OSError, ssl.SSLError) as exc:
        result["error"] = _why(exc, target, timeout)
    return result


def _accept_weak(context):
    """Let the handshake finish with weak keys/signatures so they are reported, not just refused."""
    try:
        context.set_ciphers("DEFAULT:@SECLEVEL=0")
    except ssl.SSLError:
        pass


def _why(exc, target, timeout):
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return "no answer from %s within %g s" % (target["address"], timeout)
    if isinstance(exc, ConnectionRefusedError):
        return "connection to %s refused" % target["address"]
    if isinstance(exc, ssl.SSLError):
        return "TLS handshake with %s failed: %s" % (target["address"], exc.reason or exc)
    if isinstance(exc, ConnectionError) and not exc.strerror:
        return "%s: %s" % (target["address"], exc)
    return "cannot connect to %s: %s" % (target["address"], exc.strerror or exc)


def analyse(der: bytes, server_name: str, now: datetime.datetime | None = None) -> dict:
    """Read a DER certificate: expiry, issuer, names, key and signature strength."""
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa
    from cryptography.x509.oid import NameOID

    now = now or datetime.datetime.now(datetime.timezone.utc)
    cert = x509.load_der_x509_certificate(der)
    not_after = cert.not_valid_after_utc
    not_before = cert.not_valid_before_utc

    def name_of(name):
        for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME):
            attrs = name.get_attributes_for_oid(oid)
            if attrs:
                return str(attrs[0].value)
        return name.rfc4514_string()

    try:
        sans = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        dns_names = [str(n).lower() for n in sans.get_values_for_type(x509.DNSName)]
        ip_names = [str(n) for n in sans.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        dns_names, ip_names = [], []
    common_names = [str(a.value).lower() for a in cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        key_type, key_bits, weak_key = "RSA", key.key_size, key.key_size < 2048
    elif isinstance(key, ec.EllipticCurvePublicKey):
        key_type, key_bits, weak_key = "EC", key.curve.key_size, key.curve.key_size < 224
    elif isinstance(key, dsa.DSAPublicKey):
        key_type, key_bits, weak_key = "DSA", key.key_size, True
    elif isinstance(key, (ed25519.Ed25519PublicKey, ed448.Ed448PublicKey)):
        key_type, key_bits, weak_key = "EdDSA", 256 if isinstance(key, ed25519.Ed25519PublicKey) else 456, False
    else:
        key_type, key_bits, weak_key = type(key).__name__, None, False
    hash_alg = cert.signature_hash_algorithm.name if cert.signature_hash_algorithm else None
    return {
        "cert_subject": name_of(cert.subject),
        "issuer": name_of(cert.issuer),
        "self_signed": cert.issuer == cert.subject,
        "not_before": not_before.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "not_after": not_after.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "days_left": int((not_after - now).total_seconds() // 86400),
        "not_yet_valid": not_before > now,
        "dns_names": dns_names,
        "ip_names": ip_names,
        "hostname_match": hostname_matches(server_name, dns_names or common_names, ip_names),
        "key_type": key_type,
        "key_bits": key_bits,
        "weak_key": weak_key,
        "signature_hash": hash_alg,
        "weak_signature": bool(hash_alg and hash_alg.lower() in WEAK_HASHES),
        "serial": format(cert.serial_number, "x"),
    }


def hostname_matches(hostname: str, dns_names: list, ip_names: list) -> bool:
    """RFC 6125 matching: exact, or a wildcard in the left-most label only."""
    hostname = (hostname or "").lower().rstrip(".")
    if _is_ip(hostname):
        return any(ipaddress.ip_address(hostname) == ipaddress.ip_address(ip) for ip in ip_names)
    for pattern in dns_names:
        pattern = pattern.lower().rstrip(".")
        if pattern == hostname:
            return True
        if pattern.startswith("*.") and "." in hostname:
            if hostname.split(".", 1)[1] == pattern[2:] and pattern.count(".") >= 2:
                return True
    return False


def evaluate(target: dict, fetched: dict, now: datetime.datetime | None = None, observed_at: str | None = None):
    """One finding (check ``renewals.tls_certificate``) and the analysed certificate."""
    subject = target["subject"]
    details = {"address": target["address"], "server_name": target["server_name"],
               "thresholds": list(target["thresholds"])}
    if fetched.get("error") or not fetched.get("der"):
        details["reason"] = fetched.get("error") or "no certificate received"
        details["summary_id"] = "Sertifikat TLS %s tidak dapat diperiksa: %s." % (subject, details["reason"])
        finding = fnd.make_finding(
            ACTIVITY, "renewals.tls_certificate", target["host"], subject, "unknown",
            "The TLS certificate of %s could not be checked." % subject, details, evidence=[details["reason"]],
            suggested_actions=[dict(fnd.action("Check that the service is running and reachable from the "
                                               "controller.", playbook="troubleshoot"),
                                    text_id="Periksa bahwa layanan berjalan dan dapat dijangkau dari controller.")],
            observed_at=observed_at)
        return finding, None
    cert = analyse(fetched["der"], target["server_name"], now)
    details.update(cert)
    details["chain_valid"] = fetched["chain_valid"]
    details["chain_error"] = fetched["chain_error"]
    details["protocol"] = fetched["protocol"]
    notice, warning, critical = sorted((int(t) for t in target["thresholds"]), reverse=True)
    days = cert["days_left"]
    problems = []  # (status, english, indonesian)
    if days < 0:
        problems.append(("critical", "expired %d day(s) ago" % -days, "sudah kedaluwarsa %d hari yang lalu" % -days))
    elif days <= critical:
        problems.append(("critical", "expires in %d day(s)" % days, "akan kedaluwarsa dalam %d hari" % days))
    elif days <= notice:
        problems.append(("warning", "expires in %d days" % days, "akan kedaluwarsa dalam %d hari" % days))
    if cert["self_signed"]:
        problems.append(("critical", "is self-signed, so browsers do not trust it",
                         "ditandatangani sendiri sehingga tidak dipercaya peramban"))
    elif fetched["chain_valid"] is False and days >= 0:
        problems.append(("critical", "is not trusted (%s)" % fetched["chain_error"],
                         "tidak dipercaya (%s)" % fetched["chain_error"]))
    if not cert["hostname_match"]:
        problems.append(("critical", "is for another name (%s), not %s" % (
            ", ".join((cert["dns_names"] or [cert["cert_subject"]])[:3]), target["server_name"]),
            "diterbitkan untuk nama lain, bukan %s" % target["server_name"]))
    if cert["not_yet_valid"]:
        problems.append(("critical", "is not valid yet", "belum berlaku"))
    if cert["weak_key"]:
        problems.append(("warning", "has a weak %s %s-bit key" % (cert["key_type"], cert["key_bits"]),
                         "memakai kunci %s %s-bit yang lemah" % (cert["key_type"], cert["key_bits"])))
    if cert["weak_signature"]:
        problems.append(("warning", "has a weak %s signature" % cert["signature_hash"].upper(),
                         "memakai tanda tangan %s yang lemah" % cert["signature_hash"].upper()))
    details["problems"] = [p[1] for p in problems]
    details["level"] = ("expired" if days < 0 else "critical" if days <= critical else
                        "warning" if days <= warning else "notice" if days <= notice else "ok")
    status = fnd.worst_status([p[0] for p in problems])
    if problems:
        summary = "The TLS certificate of %s %s." % (subject, "; it ".join(p[1] for p in problems))
        details["summary_id"] = "Sertifikat TLS %s %s." % (subject, "; ".join(p[2] for p in problems))
        actions = [dict(fnd.action("Renew or replace the certificate of %s (with certbot: run the renewals "
                                   "playbook with the certbot tag), then check again." % subject,
                                   playbook="renewals", tag="certbot"),
                        text_id="Perpanjang atau ganti sertifikat %s (dengan certbot: jalankan playbook renewals "
                                "dengan tag certbot), lalu periksa lagi." % subject)]
    else:
        summary = "The TLS certificate of %s is valid until %s." % (subject, cert["not_after"][:10])
        details["summary_id"] = "Sertifikat TLS %s berlaku sampai %s." % (subject, cert["not_after"][:10])
        actions = []
    if len(summary) > fnd.MAX_SUMMARY_CHARS:
        summary = summary[: fnd.MAX_SUMMARY_CHARS - 1] + "\u2026"
    finding = fnd.make_finding(ACTIVITY, "renewals.tls_certificate", target["host"], subject, status, summary,
                               details, evidence=["issuer: %s" % cert["issuer"], "expires: %s" % cert["not_after"]]
                               + ([("chain: %s" % fetched["chain_error"])] if fetched["chain_error"] else []),
                               suggested_actions=alt.with_alternatives("renewals.tls_certificate", status, actions),
                               observed_at=observed_at)
    return finding, cert


def check(targets: list, timeout: float = 10.0, max_workers: int = 16, now=None, observed_at=None) -> dict:
    """Check all targets concurrently -> {certificates, findings, metrics}."""
    observed_at = observed_at or fnd.utc_now_iso()
    fetched = [None] * len(targets)
    if targets:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(targets)))) as pool:
            futures = {pool.submit(fetch, t, timeout): i for i, t in enumerate(targets)}
            for future in concurrent.futures.as_completed(futures):
                fetched[futures[future]] = future.result()
    certificates, all_findings, metrics = [], [], []
    for target, got in zip(targets, fetched):
        finding, cert = evaluate(target, got, now, observed_at)
        all_findings.append(finding)
        entry = {"host": target["host"], "subject": target["subject"], "address": target["address"],
                 "server_name": target["server_name"], "status": finding["status"]}
        entry.update({k: v for k, v in finding["details"].items() if k not in ("summary_id",)})
        certificates.append(entry)
        if cert is not None:
            metrics.append({"activity": ACTIVITY, "host": target["host"], "subject": target["subject"],
                            "name": "expires_days_left", "value": cert["days_left"]})
    return {"certificates": certificates, "findings": all_findings, "metrics": metrics}
