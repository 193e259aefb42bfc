# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One spelling per client address: the canonical form every consumer compares, stores and writes.

Standard library only (this code runs on the web host).

Why: a client address travels from an attacker-controlled header (X-Forwarded-For) into
allowlist checks and into the files that block it (nginx ``deny``, an nftables set, a fail2ban
ban file). Python's ``ipaddress`` accepts any text after ``%`` in an IPv6 address (the zone
id), so ``fe80::1%x;deny all`` is "an address" to it; and ``::ffff:198.51.100.50`` is the
IPv4 address ``198.51.100.50`` written as IPv6, which an IPv4 allowlist does not match. So:

- IPv4-mapped IPv6 becomes the IPv4 address;
- IPv6 is lower-case and compressed (``2001:db8::7``);
- a zone id that is a plain interface name (``%eth0``) is dropped, any other zone makes the
  text "not an address";
- ``[v6]``, ``[v6]:port`` and ``v4:port`` (as proxies write them) give the address;
- anything else is not an address (``None``).
"""

from __future__ import annotations

import ipaddress
import re

# Interface names (Linux allows up to 15 bytes) or scope numbers; nothing a config file would parse.
_ZONE = re.compile(r"[A-Za-z0-9_.-]{1,16}")
_ADDRESS_CHARS = re.compile(r"[0-9A-Fa-f:.]{2,45}")
_PORT = re.compile(r"[0-9]{1,5}")


def canonical_ip(value):
    """The canonical text of one IP address (see module doc), or None when it is not one."""
    if isinstance(value, bytes):
        # Never hand bytes to ipaddress: 4 or 16 bytes would be read as a packed address.
        try:
            value = value.decode("ascii")
        except UnicodeDecodeError:
            return None
    elif not isinstance(value, str):
        return None
    text = value.strip()
    if text.startswith("["):
        inner, sep, rest = text[1:].partition("]")
        if not sep or (rest and not (rest[:1] == ":" and _PORT.fullmatch(rest[1:]))):
            return None
        text = inner
    elif text.count(":") == 1:
        host, _colon, port = text.partition(":")
        if not _PORT.fullmatch(port):
            return None
        text = host
    if "%" in text:
        text, _percent, zone = text.partition("%")
        if not _ZONE.fullmatch(zone) or ":" not in text:
            return None
    if not _ADDRESS_CHARS.fullmatch(text):
        return None
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return str(ip)


def is_canonical(text) -> bool:
    """True when the text is already the canonical form of an address."""
    return isinstance(text, str) and canonical_ip(text) == text


class ClientCanon:
    """canonical_ip for log clients (bytes in, bytes or None out), cached per distinct raw client.

    A log has far fewer distinct clients than lines, so the parse cost is one dictionary
    look-up per row; ``known`` holds the raw values that are already canonical, so a chunk
    whose clients all are (the usual case) is recognised with one set comparison in C.
    """

    def __init__(self, limit=200000):
        self.cache = {}
        self.known = set()
        self.limit = limit

    def __call__(self, raw: bytes):
        try:
            return self.cache[raw]
        except KeyError:
            pass
        text = canonical_ip(raw)
        value = None if text is None else text.encode("ascii")
        if len(self.cache) >= self.limit:
            self.cache.clear()
            self.known.clear()
        self.cache[raw] = value
        if value == raw:
            self.known.add(raw)
        return value
