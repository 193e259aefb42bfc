# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""WHOIS (RFC 3912, TCP port 43): a small client and a tolerant parser.

Why by hand (PyPI checked on 2026-11-27):

* ``python-whois`` 0.9.6 always connects to port 43 (no ``host:port``, so it
  cannot be pointed at a test peer or a proxy), needs ``python-dateutil``, and on
  the 513 recorded answers of ``whois_parser.jsonl`` that carry an expected
  ``expires_on`` it got 369 right (72 %), raised or hung on 62 (measured with a
  2 s alarm per answer).
* ``asyncwhois`` 1.1.15 pulls in ``tldextract`` (which fetches the public suffix
  list from the internet on first use), ``whodap`` and ``python-socks``.
* ``whoisit`` 4.1.0 is RDAP only (no port 43).

The protocol is one line out and the answer until the server closes, so the
client is a dozen lines of ``socket``. The parser below reads the "key: value"
conventions of the registries in that data set (ICANN gTLD format, PANDI ``.id``
old and current forms, RIPE-style ``key:  value``, dotted ``Expires on......:``,
bracketed JPRS ``[Expires on]``) and the date notations they use. Standard
library only.
"""

from __future__ import annotations

import datetime
import re
import socket

DEFAULT_PORT = 43
DEFAULT_TIMEOUT = 10.0
MAX_ANSWER_BYTES = 256 * 1024

# Rate-limit answers seen in the wild (recorded in whois_parser.jsonl).
_THROTTLE_RE = re.compile(
    r"go away for|quota (?:for .* has been )?exceeded|quota exceeded|limit (?:reached|exceeded)"
    r"|try again later|too many requests|slow down|wait \d+ seconds|request denied"
    r"|rate limit exceeded|whois limit exceeded|exceeded (?:the )?(?:maximum|allowed)",
    re.IGNORECASE,
)
_NOT_FOUND_RE = re.compile(
    r"\b(?:no match|not found|no data found|no entries found|object does not exist|nothing found"
    r"|no such domain|is free|is available|not registered|no object found|not known in"
    r"|does not exist|no information available|status:\s*(?:available|free|no object found))\b"
    r"|^\s*(?:available|free)\b",
    re.IGNORECASE | re.MULTILINE,
)
_AVAILABLE_STATUSES = {"available", "free", "no", "not"}

# Keys naming the expiry date, most authoritative first.
_EXPIRY_KEYS = [
    r"registry expiry date",
    r"expiration date",
    r"expiry date",
    r"domain expiration date",
    r"registrar registration expiration date",
    r"expir(?:es|ation|y|e)?(?: date| time| on| at)?",
    r"exp date",
    r"expired",
    r"fecha de vencimiento",
    r"domain expires",
    r"domain currently expires",
    r"record (?:will )?expires? on",
    r"paid-till",
    r"valid(?:-date| until|ity)",
    r"free-date",
    r"renewal(?: date)?",
    r"renew date",
    r"date_renewal",
    r"domain_datebilleduntil",
    r"expire-date",
    r"option expiration date",
]
_EXPIRY_KEY_RES = [re.compile(r"^(?:domain |record )?" + k + r"$", re.IGNORECASE) for k in _EXPIRY_KEYS]
_REGISTRAR_KEY_RE = re.compile(
    r"^(?:sponsoring registrar|registrar(?: name)?|registrar organization|registrar_name)$", re.IGNORECASE
)
_NS_KEY_RE = re.compile(
    r"^(?:name ?servers?|nserver|ns|dns|name server \d+|nameservers? \d*|domain nameservers?"
    r"|host ?name|dns servers?|ns_name_\d+|domain servers in listed order)$",
    re.IGNORECASE,
)
_STATUS_KEY_RE = re.compile(r"^(?:domain )?status$|^state$|^eppstatus$|^domain_status$", re.IGNORECASE)
_DOMAIN_KEY_RE = re.compile(r"^(?:domain(?: name)?|domain_name)$", re.IGNORECASE)

# "Key: value", "Key....: value", "[Key]  value", "key  value" (two or more spaces/tabs).
_LINE_RES = [
    re.compile(r"^\[\s*([^\]]+?)\s*\]\s*(.*)$"),
    re.compile(r"^([A-Za-z][\w \-/().]*?)\s*\.{2,}\s*:?\s*(.*)$"),
    re.compile(r"^([A-Za-z][\w \-/().#]*?)\s*:\s*(.*)$"),
    re.compile(r"^([A-Za-z][\w\-]*(?: [A-Za-z][\w\-]*){0,4})(?:\t+| {2,})(\S.*)$"),
]

_MONTHS = {
    m: i + 1
    for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}
_MONTH_NAMES = "|".join(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
_TZ_RE = r"(?:\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|UTC|GMT|UT)\b)?"
_TIME_RE = r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?" + _TZ_RE + r")?"
_DATE_RES = [
    # 2026-09-01T23:59:59Z, 2014-05-22, 2013.11.23 00:00:00 -0500, 2014/03/31
    re.compile(r"(?P<y>\d{4})[-./]\s?(?P<m>\d{1,2})[-./]\s?(?P<d>\d{1,2})(?!\d)" + _TIME_RE),
    # 2014-Aug-22
    re.compile(r"(?P<y>\d{4})-(?P<mon>" + _MONTH_NAMES + r")-(?P<d>\d{1,2})" + _TIME_RE, re.IGNORECASE),
    # 01-Sep-2014 23:59:59 UTC, 01 Sep 2014, 1-September-2014
    re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?[-\s./]+(?P<mon>" + _MONTH_NAMES + r")\.?[-\s./,]+(?P<y>\d{4})"
               + _TIME_RE,
               re.IGNORECASE),
    # Sun Mar 30 23:59:00 2014 / Mar 30 2014 / March 30, 2014
    re.compile(r"(?P<mon>" + _MONTH_NAMES + r")\.?\s+(?P<d>\d{1,2}),?\s+(?:(?P<H>\d{1,2}):(?P<M>\d{2})"
               r"(?::(?P<S>\d{2}))?\s+(?:(?P<tz>[A-Z]{2,4})\s+)?)?(?P<y>\d{4})", re.IGNORECASE),
    # 16.09.2014, 16/09/2014, 16-09-2014 (day first: the convention outside the US)
    re.compile(r"(?P<d>\d{1,2})[-./](?P<m>\d{1,2})[-./](?P<y>\d{4})" + _TIME_RE),
    # 20141231, 20131218000000
    re.compile(r"\b(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?:(?P<H>[0-2]\d)(?P<M>[0-5]\d)(?P<S>[0-5]\d))?\b"),
    # 16/09/14 (two-digit year, day first)
    re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<yy>\d{2})\b"),
]


class WhoisError(Exception):
    """A WHOIS query failed (connection, timeout); the message says why."""


def parse_date(text: str):
    """Parse one WHOIS date notation to a datetime (aware if a zone is given, else naive).

    The date part is kept as written (not shifted to UTC), so it reads the same as
    the registry's text; callers convert with ``as_utc`` for arithmetic.
    Returns None when no date is recognised.
    """
    if not text:
        return None
    for regex in _DATE_RES:
        match = regex.search(text)
        if not match:
            continue
        parts = match.groupdict()
        try:
            if parts.get("yy"):
                year = 2000 + int(parts["yy"])
            else:
                year = int(parts["y"])
            if parts.get("mon"):
                month = _MONTHS[parts["mon"][:3].lower()]
            else:
                month = int(parts["m"])
            value = datetime.datetime(
                year, month, int(parts["d"]),
                int(parts.get("H") or 0), int(parts.get("M") or 0), int(parts.get("S") or 0),
            )
        except (ValueError, KeyError):
            continue
        tz = parts.get("tz")
        if tz:
            value = value.replace(tzinfo=_zone(tz))
        return value
    return None


def _zone(tz: str):
    tz = tz.upper()
    if tz in ("Z", "UTC", "GMT", "UT"):
        return datetime.timezone.utc
    if re.match(r"^[+-]\d{2}:?\d{2}$", tz):
        sign = -1 if tz[0] == "-" else 1
        digits = tz[1:].replace(":", "")
        return datetime.timezone(sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    return None


def as_utc(value: datetime.datetime) -> datetime.datetime:
    """Aware UTC for arithmetic; a naive time is taken as UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=datetime.timezone.utc)
    return value.astimezone(datetime.timezone.utc)


MAX_LINE_CHARS = 400  # real WHOIS lines are short; bounding them keeps the regexes linear enough


def _split(line: str):
    stripped = line.strip()[:MAX_LINE_CHARS]
    if not stripped or stripped[0] in "%#;>":
        return None, None
    for regex in _LINE_RES:
        match = regex.match(stripped)
        if match:
            key = re.sub(r"\s+", " ", match.group(1).strip().rstrip(".").strip())
            return key, match.group(2).strip()
    return None, stripped


def normalise_status(value: str) -> str:
    """'clientTransferProhibited https://icann.org/epp#…' -> 'clientTransferProhibited';
    'CLIENT-XFER-PROHIBITED' -> 'client-xfer-prohibited'. Keeps the registry's word."""
    token = value.strip().split()[0] if value.strip() else ""
    token = token.rstrip(",;")
    if re.search(r"[a-z][A-Z]", token):
        return token
    return token.lower()


def status_key(value: str) -> str:
    """A comparable key: letters only, lower case ('redemptionperiod', 'clienthold')."""
    return re.sub(r"[^a-z]", "", value.lower())


def parse(raw: str, domain: str | None = None) -> dict:
    """Read a WHOIS answer. Returns a dict:

    ``expires`` (datetime or None), ``expires_text`` (the line's value), ``registrar``,
    ``statuses`` (list), ``nameservers`` (list, lower case, no trailing dot),
    ``available`` (the registry says the name is not registered), ``throttled``
    (the registry refused because of rate limiting), ``domain``.
    """
    text = (raw or "").replace("\r\n", "\n").replace("\r", "\n")
    result = {
        "domain": None,
        "expires": None,
        "expires_text": None,
        "registrar": None,
        "statuses": [],
        "nameservers": [],
        "available": False,
        "throttled": bool(_THROTTLE_RE.search(text)),
    }
    expiry_candidates = []  # (priority, order, value_text)
    lines = text.split("\n")
    pending_block = None  # key whose values follow on the next indented lines
    for index, line in enumerate(lines):
        if pending_block and line.startswith((" ", "\t")) and line.strip() and ":" not in line.strip()[:-1]:
            _block_value(result, pending_block, line.strip())
            continue
        pending_block = None
        key, value = _split(line)
        if key is None:
            if value:
                _free_text(value, expiry_candidates, index)
            continue
        if not value:
            if _NS_KEY_RE.match(key):
                pending_block = "ns"
            elif _REGISTRAR_KEY_RE.match(key):
                pending_block = "registrar"
            elif _STATUS_KEY_RE.match(key):
                pending_block = "status"
            else:
                priority = _expiry_priority(key)
                if priority is not None:
                    # Value on the next line (e.g. "Renewal date:\n\tMonday 16th Jun 2014")
                    nxt = lines[index + 1].strip() if index + 1 < len(lines) else ""
                    if nxt:
                        expiry_candidates.append((priority, index, nxt))
                else:
                    _free_text(line.strip()[:MAX_LINE_CHARS], expiry_candidates, index)
            continue
        priority = _expiry_priority(key)
        if priority is not None:
            expiry_candidates.append((priority, index, value))
        else:
            if _REGISTRAR_KEY_RE.match(key) and not result["registrar"]:
                result["registrar"] = value
            elif _NS_KEY_RE.match(key):
                _block_value(result, "ns", value)
            elif _STATUS_KEY_RE.match(key):
                _block_value(result, "status", value)
                until = re.match(r"^(?:ok-until|connected)\s*\(?\s*(\d[\d/.\-]+)", value, re.IGNORECASE)
                if until:
                    # .ua "OK-UNTIL 20131218000000", JPRS "[State] Connected (2010/09/30)"
                    expiry_candidates.append((len(_EXPIRY_KEYS) - 1, index, until.group(1)))
            elif _DOMAIN_KEY_RE.match(key) and not result["domain"]:
                result["domain"] = value.split()[0].lower().rstrip(".")
            else:
                _free_text(line.strip()[:MAX_LINE_CHARS], expiry_candidates, index)
    for _priority, _index, value in sorted(expiry_candidates):
        parsed = parse_date(value)
        if parsed is not None:
            result["expires"] = parsed
            result["expires_text"] = value
            break
    has_data = result["expires"] is not None or bool(result["nameservers"]) or bool(
        [s for s in result["statuses"] if status_key(s) not in _AVAILABLE_STATUSES])
    if has_data:
        # Registries with data often mention their rate limits in the terms text.
        result["throttled"] = False
    elif not result["throttled"]:
        result["available"] = bool(_NOT_FOUND_RE.search(text))
    if domain and not result["domain"]:
        result["domain"] = domain.lower()
    return result


def _expiry_priority(key: str):
    """Rank of an expiry key (lower = more authoritative), or None."""
    key = re.sub(r"\s*\([^)]*\)\s*$", "", key)  # "Expiration Date (dd/mm/yyyy)"
    for piece in [key] + [p.strip() for p in key.split(" / ")][1:]:
        for priority, regex in enumerate(_EXPIRY_KEY_RES):
            if regex.match(piece):
                return priority
    return None


def _block_value(result: dict, kind: str, value: str):
    if kind == "ns":
        for token in re.split(r"[\s,]+", value.strip()):
            name = token.lower().rstrip(".")
            if not name or not re.match(r"^[a-z0-9][a-z0-9\-.]*\.[a-z0-9\-]+$", name):
                # "ns1.example.com 192.0.2.1": keep the name, drop addresses; skip words
                continue
            if re.match(r"^[\d.]+$", name):
                continue
            if name not in result["nameservers"]:
                result["nameservers"].append(name)
            break
    elif kind == "status":
        for part in re.split(r",\s*", value):
            status = normalise_status(part)
            if status and status not in result["statuses"]:
                result["statuses"].append(status)
    elif kind == "registrar" and not result["registrar"]:
        key, inner = _split(value)
        if key and key.lower() in ("name", "organization", "registrar name") and inner:
            result["registrar"] = inner
        elif not key:
            result["registrar"] = value


def _free_text(value: str, candidates: list, index: int):
    """Sentences like 'Record expires on 2011-11-09 (YYYY-MM-DD)'."""
    match = re.search(r"(?:expire[sd]?|expiration|expiry|renewal)\b[^0-9A-Za-z]*(?:on|at|date)?\s*[:.]*\s*(.+)$",
                      value, re.IGNORECASE)
    if match:
        candidates.append((len(_EXPIRY_KEYS), index, match.group(1)))


def split_server(server: str) -> tuple:
    """'whois.example' -> ('whois.example', 43); 'host:4343' -> ('host', 4343); '[::1]:43' too."""
    server = server.strip()
    match = re.match(r"^\[([^\]]+)\](?::(\d+))?$", server)
    if match:
        return match.group(1), int(match.group(2) or DEFAULT_PORT)
    if server.count(":") == 1:
        host, port = server.rsplit(":", 1)
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise ValueError("WHOIS server %r: the port must be a number 1-65535" % server)
        return host, int(port)
    return server, DEFAULT_PORT


def query(server: str, name: str, timeout: float = DEFAULT_TIMEOUT, query_format: str = "{name}") -> str:
    """Send one query over TCP and return the answer text (decoded leniently)."""
    host, port = split_server(server)
    data = []
    size = 0
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            text = query_format.format(name=name) + "\r\n"
            sock.sendall(text.encode("ascii") if text.isascii() else text.encode("utf-8"))
            while size < MAX_ANSWER_BYTES:
                chunk = sock.recv(8192)
                if not chunk:
                    break
                data.append(chunk)
                size += len(chunk)
    except TimeoutError:
        raise WhoisError("WHOIS server %s:%d did not answer within %g s" % (host, port, timeout)) from None
    except OSError as exc:
        raise WhoisError("WHOIS server %s:%d: %s" % (host, port, exc.strerror or exc)) from None
    raw = b"".join(data)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def referral(raw: str) -> str | None:
    """The registrar WHOIS server a thin registry (or IANA) points to, if any."""
    match = re.search(r"^\s*(?:Registrar WHOIS Server|Whois Server|refer|whois):\s*(\S+)\s*$", raw or "",
                      re.IGNORECASE | re.MULTILINE)
    if match:
        server = match.group(1).strip()
        server = re.sub(r"^(?:whois|rwhois)://", "", server).rstrip("/")
        return server or None
    return None
