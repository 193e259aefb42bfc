# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A small asyncio HTTP/1.1 client for probing websites from the controller.

Why not urllib, requests or aiohttp: the probe must time each phase of a fetch
separately (DNS, TCP connect, TLS handshake, time to first byte, total), see the
certificate even when verification fails, cap every body *before* it is read or
decompressed, and run hundreds of fetches at once on two cores. Standard
library asyncio streams do all of that with one fresh connection per request
and nothing to install; urllib is blocking, requests hides the phases and
aiohttp would be a new dependency that still hides DNS/connect/TLS timing.

Every request uses ``Connection: close`` and is bounded by a timeout, a header
size limit, a body cap (applied to the decompressed size too, so a gzip bomb
stops at the cap) and a redirect limit with loop detection.
"""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import re
import socket
import ssl
import time
import urllib.parse
import zlib

try:  # controller side only: decode certificates that failed verification
    from cryptography import x509 as _x509
except ImportError:  # pragma: no cover - cryptography ships with the venv
    _x509 = None

DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0 Safari/537.36 Sitekeeper/1.0"
)
CRAWLER_USER_AGENT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
MAX_HEADER_BYTES = 64 * 1024
REDIRECT_CODES = (301, 302, 303, 307, 308)
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


class FetchError(Exception):
    """A fetch failed; ``kind`` is a stable short reason id, the message is for people."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


def _ms(start: float, end: float | None = None) -> float:
    return round(((end or time.monotonic()) - start) * 1000.0, 1)


def _load_cert(der: bytes | None):
    if not der or _x509 is None:
        return None
    try:
        return _x509.load_der_x509_certificate(der)
    except ValueError:
        return None


def cert_not_after(der: bytes | None) -> datetime.datetime | None:
    """notAfter of a DER certificate, or None when it cannot be decoded."""
    cert = _load_cert(der)
    if cert is None:
        return None
    try:
        return cert.not_valid_after_utc
    except AttributeError:  # pragma: no cover - older cryptography
        return cert.not_valid_after.replace(tzinfo=datetime.timezone.utc)


def cert_matches_host(der: bytes | None, host: str) -> bool | None:
    """Whether the certificate's subjectAltName covers host (None when unreadable)."""
    cert = _load_cert(der)
    if cert is None:
        return None
    try:
        sans = cert.extensions.get_extension_for_class(_x509.SubjectAlternativeName).value
    except _x509.ExtensionNotFound:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        return address in sans.get_values_for_type(_x509.IPAddress)
    host = host.lower().rstrip(".")
    for name in sans.get_values_for_type(_x509.DNSName):
        name = name.lower().rstrip(".")
        if name == host:
            return True
        if name.startswith("*.") and "." in host and host.split(".", 1)[1] == name[2:]:
            return True
    return False


def _tls_info(sslobj, verified: bool, error: str | None, host: str = "") -> dict:
    der = sslobj.getpeercert(binary_form=True) if sslobj is not None else None
    not_after = cert_not_after(der)
    hostname_match = True if verified else cert_matches_host(der, host)
    lowered = (error or "").lower()
    # OpenSSL checks the chain (issuer, dates) before the name: a name mismatch means the chain passed.
    chain_valid = True if verified or "mismatch" in lowered else (False if error else None)
    info = {
        "verified": verified,
        "error": error,
        "protocol": sslobj.version() if sslobj is not None else None,
        "cipher": (sslobj.cipher() or (None,))[0] if sslobj is not None else None,
        "not_after": not_after.strftime("%Y-%m-%dT%H:%M:%SZ") if not_after else None,
        "days_left": None,
        "hostname_match": hostname_match,
        "chain_valid": chain_valid,
    }
    if not_after is not None:
        delta = not_after - datetime.datetime.now(datetime.timezone.utc)
        info["days_left"] = round(delta.total_seconds() / 86400.0, 1)
    return info


def decode_body(body: bytes, content_type: str | None) -> tuple:
    """Best-effort text of a body: (text, encoding, note). Never raises."""
    charset = None
    if content_type:
        match = re.search(r"charset\s*=\s*\"?([A-Za-z0-9_.:-]+)", content_type, re.I)
        if match:
            charset = match.group(1)
    if not charset:
        match = _CHARSET_RE.search(body[:4096])
        if match:
            charset = match.group(1).decode("ascii", "replace")
    if charset:
        try:
            return body.decode(charset, errors="replace"), charset.lower(), None
        except LookupError:
            note = "unknown charset %r, decoded best-effort" % charset[:40]
        else:  # pragma: no cover - unreachable, decode returned
            note = None
    else:
        note = None
    try:
        return body.decode("utf-8"), "utf-8", note
    except UnicodeDecodeError:
        return (
            body.decode("cp1252", errors="replace"),
            "cp1252",
            note or "page is not valid UTF-8 and declares no charset; decoded as Windows-1252",
        )


class Response:
    """One fetch (after redirects): status, headers, capped body, timings, chain."""

    __slots__ = (
        "url", "final_url", "status", "headers", "body", "truncated", "truncated_reason",
        "timings", "redirects", "tls", "addresses", "error", "error_kind", "wire_bytes",
    )

    def __init__(self, url: str):
        self.url = url
        self.final_url = url
        self.status = None
        self.headers = {}
        self.body = b""
        self.truncated = False
        self.truncated_reason = None
        self.timings = {}
        self.redirects = []
        self.tls = None
        self.addresses = []
        self.error = None
        self.error_kind = None
        self.wire_bytes = 0

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 400

    def text(self) -> tuple:
        return decode_body(self.body, self.headers.get("content-type"))


class Fetcher:
    """Shares DNS answers and TLS verdicts between the requests of one probe run."""

    def __init__(self, timeout: float = 10.0, max_body_bytes: int = 2 * 1024 * 1024,
                 max_redirects: int = 5, ca_file: str | None = None, validate_certs: bool = True):
        self.timeout = float(timeout)
        self.max_body_bytes = int(max_body_bytes)
        self.max_redirects = int(max_redirects)
        self.validate_certs = validate_certs
        self._verify_ctx = ssl.create_default_context(cafile=ca_file)
        self._plain_ctx = ssl.create_default_context()
        self._plain_ctx.check_hostname = False
        self._plain_ctx.verify_mode = ssl.CERT_NONE
        self._dns = {}
        self._tls = {}

    # -- DNS ----------------------------------------------------------------
    async def resolve(self, host: str, port: int) -> tuple:
        """(addresses, dns_ms); cached per (host, port) for the run. Raises FetchError."""
        key = (host, port)
        task = self._dns.get(key)
        if task is None or (task.done() and (task.cancelled() or task.exception() is not None)):
            # a failed lookup is asked again on the next attempt (DNS can flap)
            task = asyncio.ensure_future(self._resolve(host, port))
            task.add_done_callback(lambda t: t.cancelled() or t.exception())  # consumed: no stray warning
            self._dns[key] = task
        return await asyncio.shield(task)

    @staticmethod
    async def _resolve(host: str, port: int) -> tuple:
        start = time.monotonic()
        try:
            ipaddress.ip_address(host)
            return [host], 0.0
        except ValueError:
            pass
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError("dns", "the name %s does not resolve (%s)" % (host, exc.strerror)) from None
        addresses = []
        for info in infos:
            if info[4][0] not in addresses:
                addresses.append(info[4][0])
        return addresses, _ms(start)

    # -- one request ----------------------------------------------------------
    async def fetch(self, url: str, user_agent: str = DEFAULT_USER_AGENT, follow: bool = True,
                    max_body_bytes: int | None = None, accept: str = "*/*",
                    timeout: float | None = None) -> Response:
        """GET url (following redirects); never raises: errors land in Response.error."""
        response = Response(url)
        timeout = self.timeout if timeout is None else float(timeout)
        seen = {url}
        current = url
        start = time.monotonic()
        cap = self.max_body_bytes if max_body_bytes is None else int(max_body_bytes)
        try:
            for _hop in range(self.max_redirects + 1):
                await self._request(current, user_agent, cap, accept, response, timeout)
                if not follow or response.status not in REDIRECT_CODES:
                    break
                location = response.headers.get("location")
                if not location:
                    break
                target = urllib.parse.urljoin(current, location.strip())
                response.redirects.append({"status": response.status, "url": current, "location": target})
                if urllib.parse.urlsplit(target).scheme not in ("http", "https"):
                    raise FetchError("redirect", "redirect to an unsupported address %s" % target[:200])
                if target in seen:
                    raise FetchError("redirect_loop", "redirect loop: %s leads back to %s" % (current, target))
                seen.add(target)
                current = target
                response.final_url = current
            else:
                raise FetchError(
                    "redirect_limit", "more than %d redirects starting at %s" % (self.max_redirects, url)
                )
        except FetchError as exc:
            response.error, response.error_kind = str(exc), exc.kind
        response.timings["total_ms"] = _ms(start)
        return response

    async def _request(self, url: str, user_agent: str, cap: int, accept: str, response: Response,
                       timeout: float) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("url", "not an http(s) URL: %s" % url[:200])
        host = parts.hostname
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise FetchError("url", "bad port in URL %s" % url[:200]) from None
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        response.status, response.headers, response.body = None, {}, b""
        response.truncated, response.truncated_reason = False, None
        loop = asyncio.get_running_loop()
        protocol = None
        try:
            async with asyncio.timeout(timeout):
                addresses, dns_ms = await self.resolve(host, port)
                response.addresses = addresses
                response.timings["dns_ms"] = dns_ms
                start = time.monotonic()
                protocol = await self._connect(loop, addresses[0], port, cap)
                response.timings["connect_ms"] = _ms(start)
                if parts.scheme == "https":
                    start = time.monotonic()
                    protocol = await self._start_tls(loop, protocol, host, addresses[0], port, cap, response)
                    response.timings["tls_ms"] = _ms(start)
                host_header = host if ":" not in host else "[%s]" % host
                if parts.port:
                    host_header += ":%d" % parts.port
                request = (
                    "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\nAccept: %s\r\n"
                    "Accept-Encoding: gzip, deflate\r\nConnection: close\r\n\r\n"
                    % (path, host_header, user_agent, accept)
                )
                sent_at = time.monotonic()
                protocol.transport.write(request.encode("latin-1", "replace"))
                await protocol.done
        except TimeoutError:
            raise FetchError(
                "timeout", "no complete answer from %s within %g s" % (parts.netloc, timeout)
            ) from None
        except FetchError:
            raise
        except ssl.SSLError as exc:
            raise FetchError("tls", "TLS failed with %s: %s" % (parts.netloc, exc.reason or exc)) from None
        except ConnectionRefusedError:
            raise FetchError("refused", "connection refused by %s" % parts.netloc) from None
        except (ConnectionError, OSError) as exc:
            raise FetchError("connection", "connection to %s failed: %s" % (parts.netloc, exc)) from None
        finally:
            if protocol is not None and protocol.transport is not None:
                protocol.transport.abort()
        response.timings["ttfb_ms"] = _ms(sent_at, protocol.first_byte_at)
        _parse_response(protocol, response, cap)

    @staticmethod
    async def _connect(loop, address: str, port: int, cap: int) -> _HttpProtocol:
        _transport, protocol = await loop.create_connection(lambda: _HttpProtocol(loop, cap), address, port)
        return protocol

    async def _tls_upgrade(self, loop, protocol, ctx, host):
        transport = await loop.start_tls(protocol.transport, protocol, ctx, server_hostname=host)
        protocol.transport = transport
        return transport

    async def _start_tls(self, loop, protocol, host, address, port, cap, response):
        key = (host, port)
        verdict = self._tls.get(key)
        if verdict is not None:  # this host was verified (or failed) earlier in the run
            response.tls = verdict
            await self._tls_upgrade(loop, protocol, self._verify_ctx if verdict["verified"] else self._plain_ctx, host)
            return protocol
        if self.validate_certs:
            try:
                transport = await self._tls_upgrade(loop, protocol, self._verify_ctx, host)
            except ssl.SSLCertVerificationError as exc:
                protocol.transport.abort()
                message = exc.verify_message or exc.reason or str(exc)
                protocol = await self._connect(loop, address, port, cap)
                transport = await self._tls_upgrade(loop, protocol, self._plain_ctx, host)
                verdict = _tls_info(transport.get_extra_info("ssl_object"), False, message, host)
            else:
                verdict = _tls_info(transport.get_extra_info("ssl_object"), True, None, host)
        else:
            transport = await self._tls_upgrade(loop, protocol, self._plain_ctx, host)
            verdict = _tls_info(transport.get_extra_info("ssl_object"), False, "certificate not checked", host)
        self._tls[key] = verdict
        response.tls = verdict
        return protocol


class _HttpProtocol(asyncio.Protocol):
    """Collects one HTTP/1.1 response (Connection: close) up to a raw size limit.

    Finishes at end of stream, when Content-Length bytes arrived, or when the raw
    data passes the limit (the body is then cut at the cap by _parse_response)."""

    def __init__(self, loop, cap: int):
        self.done = loop.create_future()
        self.transport = None
        self.raw_limit = cap + 65536
        self.head = None
        self.body = bytearray()
        self.expected = None
        self.chunked = False
        self.first_byte_at = None
        self.over_limit = False

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        if self.done.done():
            return
        if self.first_byte_at is None:
            self.first_byte_at = time.monotonic()
        self.body += data
        if self.head is None:
            end = self.body.find(b"\r\n\r\n")
            if end < 0:
                if len(self.body) > MAX_HEADER_BYTES:
                    self._fail(FetchError("protocol", "response headers larger than %d bytes" % MAX_HEADER_BYTES))
                return
            self.head = bytes(self.body[:end])
            del self.body[: end + 4]
            self._read_framing()
        if self.expected is not None and len(self.body) >= self.expected:
            del self.body[self.expected:]
            self._finish()
        elif self.chunked and (self.body.endswith(b"\r\n0\r\n\r\n") or self.body == b"0\r\n\r\n"):
            self._finish()  # last chunk seen: do not wait for a server that keeps the connection open
        elif len(self.body) > self.raw_limit:
            self.over_limit = True
            self._finish()

    def _read_framing(self):
        lines = self.head.split(b"\r\n")
        status = lines[0].split(b" ", 2)
        code = int(status[1]) if len(status) > 1 and status[1].isdigit() else 0
        if code in (204, 304) or 100 <= code < 200:
            self.expected = 0
            return
        chunked, length = False, None
        for line in lines[1:]:
            name, _sep, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"transfer-encoding" and b"chunked" in value.lower():
                chunked = True
            elif name == b"content-length" and value.strip().isdigit():
                length = int(value.strip())
        self.chunked = chunked
        if not chunked and length is not None:
            self.expected = length

    def eof_received(self):
        self._finish()
        return False

    def connection_lost(self, exc):
        if exc is not None and self.head is None:
            self._fail(ConnectionResetError(str(exc)))
        else:
            self._finish()

    def _fail(self, exc):
        if not self.done.done():
            self.done.set_exception(exc)
            self.done.exception()  # may never be awaited (a failed TLS upgrade): not a stray warning

    def _finish(self):
        if self.done.done():
            return
        if self.head is None:
            if self.body:
                self._fail(FetchError("protocol", "incomplete response headers"))
            else:
                self._fail(FetchError("empty", "the server closed the connection without answering"))
            return
        if self.expected is not None and len(self.body) < self.expected and not self.over_limit:
            # Closed or reset before Content-Length bytes came: a cut page, never a whole (small) one.
            self._fail(FetchError("incomplete", "the connection closed after %d of the %d bytes announced"
                                  % (len(self.body), self.expected)))
            return
        self.done.set_result(True)


def _dechunk(data: bytes) -> tuple:
    """Body of a chunked transfer: (bytes, complete). Raises FetchError on bad framing."""
    out = bytearray()
    pos = 0
    while True:
        end = data.find(b"\r\n", pos)
        if end < 0:
            return bytes(out), False
        try:
            size = int(data[pos:end].split(b";", 1)[0].strip() or b"0", 16)
        except ValueError:
            raise FetchError("protocol", "bad chunk size in response") from None
        if size == 0:
            return bytes(out), True
        start = end + 2
        out += data[start:start + size]
        if start + size > len(data):
            return bytes(out), False
        pos = start + size + 2


def _parse_response(protocol: _HttpProtocol, response: Response, cap: int) -> None:
    """Status, headers and the capped, decompressed body of a collected response."""
    lines = protocol.head.decode("latin-1").split("\r\n")
    status_line = lines[0].split(" ", 2)
    if len(status_line) < 2 or not status_line[0].startswith("HTTP/") or not status_line[1].isdigit():
        raise FetchError("protocol", "not an HTTP response: %r" % lines[0][:80])
    response.status = int(status_line[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            name = name.strip().lower()
            headers[name] = (headers[name] + ", " + value.strip()) if name in headers else value.strip()
    response.headers = headers
    raw = bytes(protocol.body)
    response.wire_bytes = len(raw)
    if "chunked" in headers.get("transfer-encoding", "").lower():
        raw, complete = _dechunk(raw)
        if not complete and not protocol.over_limit:
            raise FetchError("incomplete", "the connection closed before the last chunk of the page")
    encoding = headers.get("content-encoding", "").lower().strip()
    if encoding in ("gzip", "x-gzip", "deflate"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS if encoding != "deflate" else zlib.MAX_WBITS)
        try:
            body = decoder.decompress(raw, cap + 1)
        except zlib.error as exc:
            raise FetchError("protocol", "compressed body is corrupt: %s" % exc) from None
        if len(body) > cap or decoder.unconsumed_tail:
            consumed = max(1, len(raw) - len(decoder.unconsumed_tail) - len(decoder.unused_data))
            response.truncated = True
            response.truncated_reason = "compressed body expands beyond the %d-byte cap" % cap
            if len(body) / consumed > 100:  # ordinary HTML compresses 5-20 times
                response.truncated_reason += " from %d compressed bytes (possible gzip bomb)" % consumed
            body = body[:cap]
    else:
        body = raw
        if len(body) > cap or protocol.over_limit:
            response.truncated = True
            response.truncated_reason = "body larger than the %d-byte cap" % cap
            body = body[:cap]
    response.body = body
