# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Access-log formats: turn raw log bytes into uniform rows, fast.

Standard library only (this code runs on the web host).

Every format yields *rows*, tuples of bytes in one layout::

    (client, minute, sec_tz, request, status, size, referer, agent)

``minute`` is the Common Log Format minute ``10/Oct/2023:13:55`` and ``sec_tz`` the
rest of the time ``:36 +0700``; other formats convert their time to this shape, so
the aggregator works on one layout whatever the log looked like.

The hot path (``combined``/``common``/``vhost_combined``) runs ONE regular expression
over a whole multi-megabyte chunk with ``findall`` so that splitting lines and
fields happens in C; lines the fast expression refuses go to a lenient per-line
expression (escaped quotes, a syslog or vhost prefix, missing referer/agent), and
only lines both refuse are counted as unparsed.
"""

from __future__ import annotations

import calendar
import json
import re
from operator import itemgetter

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.address import ClientCanon

MONTHS = {m.encode(): i for i, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1)}
MONTH_NAMES = {v: k for k, v in MONTHS.items()}

NAMED_FORMATS = ("combined", "common", "vhost_combined", "json", "iis")

# One expression over the whole chunk, consuming it line by line (each match ends at a
# newline, so no line-start search is needed). Two of them:
#
# - the LOOSE one uses only single-byte negated classes ([^ ], [^"]), which the regex
#   engine scans with a tight loop (about three times faster than [^"\n] or \S); such a
#   field could run over a newline into the next line (a truncated line), which the
#   caller detects: every match must end exactly one line, so the number of matches must
#   equal the number of newlines. A chunk that fails this check (or has empty lines) is
#   parsed again with
# - the STRICT one, whose fields never cross a newline.
#
# Possessive quantifiers spare the engine its backtracking bookkeeping. The second
# alternative catches any other non-empty line, so findall returns one tuple per line and
# group 9 marks refusals. Anything after the agent field (e.g. an X-Forwarded-For or a
# timing field) is ignored.
_LOOSE = re.compile(
    rb"([^ \n][^ ]*+) [^ ]++ [^ ]++ \[([^:]*+:..:..)(:[^\]]*+)\] "
    rb'"([^"]*+)" (\d++) ([^ ]++) "([^"]*+)" "([^"]*+)"[^\n]*+\n'
    rb"|([^\n]++)\n"
)
_STRICT = re.compile(
    rb"\n*+(?:(\S++) \S++ \S++ \[([^:\n]*+:..:..)(:[^\]\n]*+)\] "
    rb'"([^"\n]*+)" (\d++) (\S++) "([^"\n]*+)" "([^"\n]*+)"[^\n]*+\n'
    rb"|([^\n]++)\n)"
)
# The same for the common format (no referer, no agent).
_LOOSE_COMMON = re.compile(
    rb"([^ \n][^ ]*+) [^ ]++ [^ ]++ \[([^:]*+:..:..)(:[^\]]*+)\] "
    rb'"([^"]*+)" (\d++) ([^ \r\n]++)()()\r?\n'
    rb"|([^\n]++)\n"
)
_STRICT_COMMON = re.compile(
    rb"\n*+(?:(\S++) \S++ \S++ \[([^:\n]*+:..:..)(:[^\]\n]*+)\] "
    rb'"([^"\n]*+)" (\d++) (\S++)()()\r?\n'
    rb"|([^\n]++)\n)"
)

# Lenient per-line expression: anything before the client (vhost, syslog prefix),
# backslash-escaped quotes inside quoted fields, optional referer/agent.
_Q = rb'"((?:[^"\\]|\\.)*)"'
_LENIENT = re.compile(
    rb"^(?:.*?[\s:])?([0-9A-Fa-f:.]*[0-9A-Fa-f]|[\w.-]+) \S+ \S+ \[(\d\d/\w\w\w/\d{4}:\d\d:\d\d)(:\d\d[^\]]*)\] "
    + _Q + rb" (\d{3}|-) (\d+|-)(?: " + _Q + rb" " + _Q + rb")?"
)


_REFUSED = itemgetter(8)  # the catch-all group of the chunk expressions: a line they refused
_CLIENT = itemgetter(0)


def canonical_rows(canon, rows, refused, line_of):
    """Rows with canonical clients (see address.py); a row whose client is not an IP address is
    dropped and its line (``line_of(row)``) joins ``refused``, so no consumer ever sees it.

    Cheap on the hot path: the distinct clients of the chunk are compared with the known
    canonical ones in C; only a chunk holding another spelling is rebuilt.
    """
    clients = set(map(_CLIENT, rows))
    if clients <= canon.known:
        return rows
    mapped = {raw: canon(raw) for raw in clients - canon.known}
    mapped = {raw: value for raw, value in mapped.items() if value != raw}
    if not mapped:
        return rows
    if None not in mapped.values():
        get = mapped.get
        return [(get(r[0], r[0]),) + tuple(r[1:]) for r in rows]
    out = []
    for row in rows:
        if row[0] not in mapped:
            out.append(row)
        elif mapped[row[0]] is None:
            refused.append(line_of(row))
        else:
            out.append((mapped[row[0]],) + tuple(row[1:]))
    return out


def combined_line(row):
    """A refused combined row as a line again (for the unparsed sample)."""
    return b'%s - - [%s%s] "%s" %s %s "%s" "%s"' % tuple(row[:8])


class FormatError(ValueError):
    """The format option cannot be understood."""


def clf_time(year, month, day, hour, minute, second, tz=b"+0000"):
    """Build (minute, sec_tz) CLF byte strings from numbers."""
    return (
        b"%02d/%s/%04d:%02d:%02d" % (day, MONTH_NAMES.get(month, b"Jan"), year, hour, minute),
        b":%02d %s" % (second, tz),
    )


_ISO = re.compile(rb"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.\d+)?(Z|[+-]\d\d:?\d\d)?")


def iso_to_clf(value):
    """'2023-10-10T13:55:36+07:00' -> (b'10/Oct/2023:13:55', b':36 +0700'); None if not a time."""
    if isinstance(value, str):
        value = value.encode()
    match = _ISO.match(value)
    if not match:
        return None
    tz = match.group(7) or b"Z"
    tz = b"+0000" if tz == b"Z" else tz.replace(b":", b"")
    y, mo, d, h, mi, s = (int(x) for x in match.groups()[:6])
    return clf_time(y, mo, d, h, mi, s, tz)


def minute_epoch(minute: bytes) -> int:
    """Epoch seconds of a CLF minute key (local time of the log, no zone)."""
    day, month, rest = minute.split(b"/", 2)
    year, hour, mins = rest.split(b":")
    return calendar.timegm((int(year), MONTHS.get(month, 1), int(day), int(hour), int(mins), 0))


def tz_seconds(sec_tz: bytes) -> int:
    """':36 +0700' -> 25200 (seconds east of UTC)."""
    parts = sec_tz.split()
    if len(parts) < 2 or len(parts[1]) < 5:
        return 0
    tz = parts[1]
    try:
        sign = -1 if tz[:1] == b"-" else 1
        return sign * (int(tz[1:3]) * 3600 + int(tz[3:5]) * 60)
    except ValueError:
        return 0


class TimeCache:
    """Converts (minute, sec_tz) to UTC epoch seconds, caching per minute and zone."""

    def __init__(self):
        self._minutes = {}
        self._zones = {}

    def epoch(self, minute: bytes, sec_tz: bytes) -> int:
        base = self._minutes.get(minute)
        if base is None:
            try:
                base = minute_epoch(minute)
            except (ValueError, IndexError):
                base = 0
            if len(self._minutes) > 50000:
                self._minutes.clear()
            self._minutes[minute] = base
        zone = sec_tz[4:]
        offset = self._zones.get(zone)
        if offset is None:
            offset = self._zones[zone] = tz_seconds(sec_tz)
        try:
            sec = int(sec_tz[1:3])
        except ValueError:
            sec = 0
        return base + sec - offset


# ---------------------------------------------------------------------------
# Parsers. Each has parse_chunk(data: bytes) -> (rows, bad_lines) where data holds
# complete lines only; bad_lines are the raw refused lines (the caller samples them).


class CombinedParser:
    """combined, common and vhost_combined (and anything close: see module doc)."""

    name = "combined"
    splittable = True

    def __init__(self, common=False):
        self.loose = _LOOSE_COMMON if common else _LOOSE
        self.strict = _STRICT_COMMON if common else _STRICT
        self.canon = ClientCanon()

    def parse_chunk(self, data):
        if data[-1:] != b"\n":
            data += b"\n"  # the expressions end every line at a newline (read_stream always gives one)
        found = self.loose.findall(data)
        # A match ran over a line end, or there are empty lines. (Counting by deletion is about
        # twice as fast as bytes.count for one byte.)
        if len(found) != len(data) - len(data.replace(b"\n", b"")):
            found = self.strict.findall(data)
        if not any(map(_REFUSED, found)):  # the usual case, checked in C
            refused = []
            return canonical_rows(self.canon, found, refused, combined_line), refused
        bad = [r[8] for r in found if r[8]]
        rows = [r[:8] for r in found if not r[8]]
        refused = []
        lenient = _LENIENT.match
        for line in bad:
            m = lenient(line)
            if m is None:
                refused.append(line)
                continue
            g = m.groups()
            rows.append((g[0], g[1], g[2], g[3], g[4], g[5], g[6] or b"", g[7] or b""))
        return canonical_rows(self.canon, rows, refused, combined_line), refused


# Built-in aliases of JSON keys (nginx escape=json examples, Traefik, Caddy-like).
JSON_KEYS = {
    "client": ("remote_addr", "client", "client_ip", "ClientHost", "ip", "remote_ip", "c-ip"),
    "xff": ("http_x_forwarded_for", "x_forwarded_for", "request_X-Forwarded-For", "xff"),
    "time": ("time_iso8601", "time", "timestamp", "@timestamp", "StartUTC", "StartLocal", "time_local", "ts"),
    "request": ("request",),
    "method": ("request_method", "method", "RequestMethod"),
    "uri": ("request_uri", "uri", "RequestPath", "path"),
    "protocol": ("server_protocol", "protocol", "RequestProtocol"),
    "status": ("status", "DownstreamStatus", "response_status"),
    "size": ("body_bytes_sent", "bytes_sent", "DownstreamContentSize", "size", "bytes"),
    "referer": ("http_referer", "referer", "referrer", "request_Referer"),
    "agent": ("http_user_agent", "user_agent", "agent", "request_User-Agent"),
}


def _b(value):
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "backslashreplace")


class ClientResolver:
    """Picks the real client from X-Forwarded-For when the peer is a trusted proxy."""

    def __init__(self, trusted_proxies=None, canon=None):
        from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import Networks

        self.trusted = Networks(trusted_proxies or [])
        self.canon = canon or ClientCanon()

    def resolve(self, peer: bytes, xff: bytes):
        """The canonical client, given the canonical peer; None when the hop that names the client
        is not an IP address (the header is attacker-controlled: such a line is refused)."""
        if not xff or xff == b"-" or not self.trusted or not self.trusted.contains(peer):
            return peer
        return last_untrusted(xff, self.canon, self.trusted, peer)


def last_untrusted(chain: bytes, canon, trusted=None, default=None):
    """Walk a forwarding chain (``a, b, c``) right to left: the first canonical address that is not a
    trusted proxy; None when that hop is not an IP address; ``default`` when every hop is trusted."""
    for hop in reversed(chain.split(b",")):
        hop = hop.strip()
        if not hop:
            continue
        client = canon(hop)
        if client is None or not trusted or not trusted.contains(client):
            return client
    return default


def _split_request(request: bytes):
    parts = request.split(b" ")
    if len(parts) >= 2:
        return parts[0], parts[1]
    return b"", request


class JsonParser:
    """One JSON object a line (nginx `escape=json`, Traefik, Caddy)."""

    name = "json"
    splittable = True

    def __init__(self, resolver=None, keys=None):
        self.resolver = resolver
        self.canon = ClientCanon()
        self.keys = dict(JSON_KEYS)
        for k, v in (keys or {}).items():
            self.keys[k] = (v,) if isinstance(v, str) else tuple(v)

    def _get(self, obj, slot):
        for key in self.keys[slot]:
            if key in obj and obj[key] not in (None, ""):
                return obj[key]
        return None

    def parse_chunk(self, data):
        rows, refused = [], []
        for line in data.split(b"\n"):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError("not an object")
            except ValueError:
                refused.append(line)
                continue
            client = _b(self._get(obj, "client"))
            if b":" in client and client.count(b":") == 1:  # host:port
                client = client.rsplit(b":", 1)[0]
            when = self._get(obj, "time")
            clf = None
            if isinstance(when, str):
                clf = iso_to_clf(when)
                if clf is None and "[" not in when and len(when) >= 20 and when[2] == "/":
                    clf = (when[:17].encode(), when[17:].encode())
            status = _b(self._get(obj, "status"))
            if not client or clf is None or not status:
                refused.append(line)
                continue
            request = self._get(obj, "request")
            if request is None:
                request = "%s %s %s" % (
                    self._get(obj, "method") or "-", self._get(obj, "uri") or "-", self._get(obj, "protocol") or "-"
                )
            if b"," in client:
                # Some proxies (Traefik behind a trusted proxy) log the forwarding chain here.
                client = last_untrusted(client, self.canon, self.resolver and self.resolver.trusted)
            else:
                client = self.canon(client)
            if client is not None and self.resolver is not None:
                client = self.resolver.resolve(client, _b(self._get(obj, "xff")))
            if client is None:  # not an IP address: never a visitor (see address.py)
                refused.append(line)
                continue
            rows.append((client, clf[0], clf[1], _b(request), status, _b(self._get(obj, "size")) or b"-",
                         _b(self._get(obj, "referer")), _b(self._get(obj, "agent"))))
        return rows, refused


class IisParser:
    """IIS W3C extended logs (#Fields header; space separated; '+' for spaces; UTC times)."""

    name = "iis"
    splittable = False  # the #Fields header must be seen before the lines it describes

    DEFAULT_FIELDS = (b"date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
                      b"cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken").split()

    def __init__(self, resolver=None):
        self.fields = list(self.DEFAULT_FIELDS)
        self.resolver = resolver
        self.canon = ClientCanon()

    def parse_chunk(self, data):
        rows, refused = [], []
        for line in data.split(b"\n"):
            line = line.rstrip(b"\r")
            if not line:
                continue
            if line.startswith(b"#"):
                if line.startswith(b"#Fields:"):
                    self.fields = line[8:].split()
                continue
            parts = line.split(b" ")
            if len(parts) != len(self.fields):
                refused.append(line)
                continue
            rec = dict(zip(self.fields, parts))
            clf = iso_to_clf(rec.get(b"date", b"") + b" " + rec.get(b"time", b""))
            client = rec.get(b"c-ip", b"")
            status = rec.get(b"sc-status", b"")
            if clf is None or not client or not status.isdigit():
                refused.append(line)
                continue
            uri = rec.get(b"cs-uri-stem", b"-")
            query = rec.get(b"cs-uri-query", b"-")
            if query and query != b"-":
                uri = uri + b"?" + query
            request = b"%s %s %s" % (rec.get(b"cs-method", b"-"), uri, rec.get(b"cs-version", b"HTTP/1.1"))
            agent = rec.get(b"cs(User-Agent)", b"-").replace(b"+", b" ")
            referer = rec.get(b"cs(Referer)", b"-")
            client = self.canon(client)
            if client is not None and self.resolver is not None:
                client = self.resolver.resolve(client, rec.get(b"X-Forwarded-For", b""))
            if client is None:  # not an IP address: never a visitor (see address.py)
                refused.append(line)
                continue
            rows.append((client, clf[0], clf[1], request, status, rec.get(b"sc-bytes", b"-"), referer, agent))
        return rows, refused


# nginx variables -> (slot, pattern). Unknown variables match a field without spaces
# (or anything but a quote when quoted).
_NGINX_VARS = {
    "remote_addr": ("client", rb"[^\s\"]+"),
    "binary_remote_addr": (None, rb"\S+"),
    "realip_remote_addr": ("client", rb"[^\s\"]+"),
    "http_x_forwarded_for": ("xff", None),
    "time_local": ("time_local", rb"\d\d/\w\w\w/\d{4}:\d\d:\d\d:\d\d [+-]\d{4}"),
    "time_iso8601": ("time_iso", rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?"),
    "msec": ("msec", rb"\d+(?:\.\d+)?"),
    "request": ("request", None),
    "request_method": ("method", rb"[A-Za-z_-]+"),
    "request_uri": ("uri", None),
    "uri": ("uri", None),
    "server_protocol": ("protocol", rb"\S+"),
    "status": ("status", rb"\d{3}"),
    "body_bytes_sent": ("size", rb"\d+|-"),
    "bytes_sent": ("size_total", rb"\d+|-"),
    "http_referer": ("referer", None),
    "http_user_agent": ("agent", None),
}
_VAR = re.compile(r"\$(\{(\w+)\}|(\w+))")


class NginxFormatParser:
    """Any nginx ``log_format`` string, compiled once into one regular expression."""

    name = "nginx_log_format"
    splittable = True

    def __init__(self, log_format: str, resolver=None):
        self.log_format = log_format
        self.resolver = resolver
        self.canon = ClientCanon()
        self.slots = []
        pattern = []
        pos = 0
        text = log_format
        for m in _VAR.finditer(text):
            pattern.append(re.escape(text[pos:m.start()]).encode())
            name = m.group(2) or m.group(3)
            slot, sub = _NGINX_VARS.get(name, (None, None))
            quoted = m.start() > 0 and text[m.start() - 1] in "\"'["
            last = not text[m.end():].strip()
            if sub is None or (last and not quoted and slot in ("agent", "referer", "request", "uri", "xff")):
                sub = rb"(?:[^\"\\]|\\.)*" if quoted else (rb".*" if last else rb"\S*")
            if slot is not None and slot in self.slots:
                slot = None
            if slot is None:
                pattern.append(b"(?:" + sub + b")")
            else:
                self.slots.append(slot)
                pattern.append(b"(?P<" + slot.encode() + b">" + sub + b")")
            pos = m.end()
        pattern.append(re.escape(text[pos:]).encode())
        if not self.slots:
            raise FormatError("the log_format string %r has no nginx $variables" % log_format[:80])
        if "client" not in self.slots:
            raise FormatError("the log_format string has no $remote_addr: cannot tell visitors apart")
        if not {"time_local", "time_iso", "msec"} & set(self.slots):
            raise FormatError("the log_format string has no $time_local, $time_iso8601 or $msec")
        if "status" not in self.slots:
            raise FormatError("the log_format string has no $status")
        self.regex = re.compile(b"^" + b"".join(pattern) + rb"\s*$")

    def parse_chunk(self, data):
        import time as _time

        rows, refused = [], []
        match = self.regex.match
        for line in data.split(b"\n"):
            line = line.rstrip(b"\r")
            if not line:
                continue
            m = match(line)
            if m is None:
                refused.append(line)
                continue
            g = m.groupdict()
            if g.get("time_local"):
                t = g["time_local"]
                clf = (t[:17], t[17:])
            elif g.get("time_iso"):
                clf = iso_to_clf(g["time_iso"])
            else:
                tm = _time.gmtime(float(g["msec"]))
                clf = clf_time(tm.tm_year, tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec)
            request = g.get("request")
            if request is None:
                request = b"%s %s %s" % (g.get("method") or b"-", g.get("uri") or b"-", g.get("protocol") or b"-")
            client = self.canon(g["client"])
            if client is not None and self.resolver is not None and g.get("xff"):
                client = self.resolver.resolve(client, g["xff"])
            if client is None:  # not an IP address: never a visitor (see address.py)
                refused.append(line)
                continue
            size = g.get("size") or g.get("size_total") or b"-"
            rows.append((client, clf[0], clf[1], request, g["status"], size, g.get("referer") or b"",
                         g.get("agent") or b""))
        return rows, refused


def make_parser(fmt: str, trusted_proxies=None, json_keys=None):
    """A parser for a named format or a literal nginx log_format string."""
    fmt = (fmt or "combined").strip()
    resolver = ClientResolver(trusted_proxies) if trusted_proxies else None
    if fmt in ("combined", "common", "vhost_combined"):
        # The combined formats carry no X-Forwarded-For; there is nothing to resolve.
        return CombinedParser(common=fmt == "common")
    if fmt in ("json", "nginx_json", "traefik"):
        return JsonParser(resolver, json_keys)
    if fmt in ("iis", "w3c"):
        return IisParser(resolver)
    if "$" in fmt:
        return NginxFormatParser(fmt, resolver)
    raise FormatError(
        "unknown log format %r: use one of %s or paste the nginx log_format string" % (fmt[:80], ", ".join(NAMED_FORMATS))
    )
