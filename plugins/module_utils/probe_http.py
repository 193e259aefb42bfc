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


def cert_not_after(der: bytes | None) -> datetime.datetime | None:
    """notAfter of a DER certificate, or None when it cannot be decoded."""
    if not der or _x509 is None:
        return None
    try:
        cert = _x509.load_der_x509_certificate(der)
    except ValueError:
        return None
    try:
        return cert.not_valid_after_utc
    except AttributeError:  # pragma: no cover - older cryptography
        return cert.not_valid_after.replace(tzinfo=datetime.timezone.utc)


def _tls_info(sslobj, verified: bool, error: str | None) -> dict:
    der = sslobj.getpeercert(binary_form=True) if sslobj is not None else None
    not_after = cert_not_after(der)
    info = {
        "verified": verified,
        "error": error,
        "protocol": sslobj.version() if sslobj is not None else None,
        "cipher": (sslobj.cipher() or (None,))[0] if sslobj is not None else None,
        "not_after": not_after.strftime("%Y-%m-%dT%H:%M:%SZ") if not_after else None,
        "days_left": None,
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
        writer = None
        try:
            async with asyncio.timeout(timeout):
                addresses, dns_ms = await self.resolve(host, port)
                response.addresses = addresses
                timings = {"dns_ms": dns_ms}
                response.timings.update(timings)
                start = time.monotonic()
                reader, writer = await self._connect(addresses[0], port)
                response.timings["connect_ms"] = _ms(start)
                if parts.scheme == "https":
                    start = time.monotonic()
                    reader, writer = await self._start_tls(reader, writer, host, addresses[0], port, response)
                    response.timings["tls_ms"] = _ms(start)
                host_header = host if ":" not in host else "[%s]" % host
                if parts.port:
                    host_header += ":%d" % parts.port
                request = (
                    "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: %s\r\nAccept: %s\r\n"
                    "Accept-Encoding: gzip, deflate\r\nConnection: close\r\n\r\n"
                    % (path, host_header, user_agent, accept)
                )
                start = time.monotonic()
                writer.write(request.encode("latin-1", "replace"))
                await writer.drain()
                await self._read_response(reader, response, cap, start)
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
        except (ConnectionError, OSError, asyncio.IncompleteReadError) as exc:
            raise FetchError("connection", "connection to %s failed: %s" % (parts.netloc, exc)) from None
        finally:
            if writer is not None:
                writer.transport.abort()

    @staticmethod
    async def _connect(address: str, port: int):
        return await asyncio.open_connection(address, port, limit=MAX_HEADER_BYTES)

    async def _start_tls(self, reader, writer, host, address, port, response):
        key = (host, port)
        verdict = self._tls.get(key)
        if verdict is not None:  # this host was verified (or failed) earlier in the run
            response.tls = verdict
            ctx = self._verify_ctx if verdict["verified"] else self._plain_ctx
            await writer.start_tls(ctx, server_hostname=host)
            return reader, writer
        if self.validate_certs:
            try:
                await writer.start_tls(self._verify_ctx, server_hostname=host)
            except ssl.SSLCertVerificationError as exc:
                writer.transport.abort()
                message = exc.verify_message or exc.reason or str(exc)
                reader, writer = await self._connect(address, port)
                await writer.start_tls(self._plain_ctx, server_hostname=host)
                verdict = _tls_info(writer.get_extra_info("ssl_object"), False, message)
            else:
                verdict = _tls_info(writer.get_extra_info("ssl_object"), True, None)
        else:
            await writer.start_tls(self._plain_ctx, server_hostname=host)
            verdict = _tls_info(writer.get_extra_info("ssl_object"), False, "certificate not checked")
        self._tls[key] = verdict
        response.tls = verdict
        return reader, writer

    async def _read_response(self, reader, response: Response, cap: int, sent_at: float) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except asyncio.LimitOverrunError:
            raise FetchError("protocol", "response headers larger than %d bytes" % MAX_HEADER_BYTES) from None
        except asyncio.IncompleteReadError as exc:
            if not exc.partial:
                raise FetchError("empty", "the server closed the connection without answering") from None
            raise FetchError("protocol", "incomplete response headers") from None
        response.timings["ttfb_ms"] = _ms(sent_at)
        lines = head.decode("latin-1").split("\r\n")
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
        encoding = headers.get("content-encoding", "").lower().strip()
        decoder = None
        if encoding in ("gzip", "x-gzip"):
            decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            decoder = zlib.decompressobj()
        body = bytearray()
        state = {"wire": 0}

        def feed(chunk: bytes) -> bool:
            """Add a chunk; False once the cap is reached."""
            state["wire"] += len(chunk)
            if decoder is None:
                room = cap - len(body)
                body.extend(chunk[:room])
                if len(chunk) > room:
                    response.truncated = True
                    response.truncated_reason = "body larger than the %d-byte cap" % cap
                    return False
                return True
            try:
                out = decoder.decompress(chunk, cap - len(body) + 1)
            except zlib.error as exc:
                raise FetchError("protocol", "compressed body is corrupt: %s" % exc) from None
            body.extend(out)
            if len(body) > cap or decoder.unconsumed_tail:
                del body[cap:]
                response.truncated = True
                response.truncated_reason = (
                    "compressed body expands beyond the %d-byte cap after %d bytes on the wire "
                    "(possible gzip bomb)" % (cap, state["wire"])
                )
                return False
            return True

        if response.status in (204, 304) or 100 <= response.status < 200:
            pass
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            while True:
                size_line = await reader.readline()
                try:
                    size = int(size_line.split(b";", 1)[0].strip() or b"0", 16)
                except ValueError:
                    raise FetchError("protocol", "bad chunk size in response") from None
                if size == 0:
                    break
                remaining = size
                keep_going = True
                while remaining > 0 and keep_going:
                    data = await reader.read(min(remaining, 65536))
                    if not data:
                        raise FetchError("protocol", "response ended inside a chunk")
                    remaining -= len(data)
                    keep_going = feed(data)
                if not keep_going:
                    break
                await reader.readline()
        else:
            length = headers.get("content-length")
            remaining = int(length) if length and length.strip().isdigit() else None
            while remaining is None or remaining > 0:
                data = await reader.read(65536 if remaining is None else min(remaining, 65536))
                if not data:
                    break
                if remaining is not None:
                    remaining -= len(data)
                if not feed(data):
                    break
        response.body = bytes(body)
        response.wire_bytes = state["wire"]
