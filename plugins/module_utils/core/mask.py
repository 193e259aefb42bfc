# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Masking of secrets and optional pseudonymisation of addresses and host names.

Used on the web host (the diagnosis masks what it returns) and again on the
controller (the vendor bundle is masked before it is packed). Standard library
only, so it runs on any web host.

What is masked (replaced by ``********``):
- private keys (PEM blocks, whole block),
- ``Authorization:`` / ``Proxy-Authorization:`` header values, ``Cookie:`` /
  ``Set-Cookie:`` values,
- values of keys that look secret in ``key=value``, ``key: value``,
  ``key value;`` (nginx), ``"key": "value"`` (JSON), ``define('DB_PASSWORD', '...')``
  (PHP) and query strings (``?token=...``),
- credentials in URLs (``mysql://user:pass@host``),
- long bearer/API tokens, JWTs,
- any literal value the caller knows is secret (``extra_secrets``), such as the
  database password from inventory.

Pseudonymisation replaces IPv4/IPv6 addresses and the given host names with
stable tokens (``ip-0001``, ``host-0001``); the mapping is returned to the
caller, who keeps it on the controller only.
"""

from __future__ import annotations

import ipaddress
import re

MASK = "********"

# Key names whose values are secrets.
SENSITIVE_NAMES = (
    r"(?:[A-Za-z0-9_.\-]*?(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|"
    r"access[_-]?key|private[_-]?key|auth[_-]?key|client[_-]?secret|credentials?|"
    r"session(?:id)?|sessid|cookie|salt|signature|db[_-]?pass|dsn)[A-Za-z0-9_.\-]*)"
)

_PEM_RE = re.compile(
    r"-----BEGIN ([A-Z0-9 ]*PRIVATE KEY|[A-Z0-9 ]*PRIVATE KEY BLOCK)-----.*?(?:-----END \1-----|\Z)",
    re.S,
)
_HEADER_RE = re.compile(
    r"(?i)\b((?:proxy-)?authorization|cookie|set-cookie|x-api-key|x-auth-token|x-csrf-token)"
    r"(\s*[:=]\s*|\s+\"?)([^\r\n\"';]+(?:;[^\r\n\"']*)?)"
)
# key = value / key: value / "key": "value" / --key=value
_KV_RE = re.compile(
    r"(?i)(?P<key>[\"']?\b" + SENSITIVE_NAMES + r"[\"']?)(?P<sep>\s*(?:=>|[:=])\s*)"
    r"(?P<val>\"[^\"\r\n]*\"|'[^'\r\n]*'|[^\s;,&\"'<>)]+)"
)
# Directives: "fastcgi_param DB_PASSWORD value;" (nginx), "SetEnv DB_PASS value" (Apache): the value ends
# the line or the statement, so prose ("passwords, tokens") is left alone.
_KV_SPACE_RE = re.compile(
    r"(?im)(?P<key>\b" + SENSITIVE_NAMES + r")(?P<sep>[ \t]+)"
    r"(?P<val>\"[^\"\r\n]*\"|'[^'\r\n]*'|[^\s;,\"'<>]+)(?=[ \t]*(?:;|$))"
)
# PHP define('DB_PASSWORD', 'value')
_PHP_DEFINE_RE = re.compile(
    r"(?i)(define\s*\(\s*['\"]" + SENSITIVE_NAMES + r"['\"]\s*,\s*)(\"[^\"]*\"|'[^']*')"
)
# query strings: ?token=abc&x=1
_QUERY_RE = re.compile(r"(?i)([?&;]" + SENSITIVE_NAMES + r"=)([^&\s\"'#]+)")
# scheme://user:password@host
_URL_CRED_RE = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://[^\s:/@]+:)([^\s@/]+)(@)")
_BEARER_RE = re.compile(r"(?i)\b(bearer|basic|token)(\s+)([A-Za-z0-9._~+/=\-]{8,})")
_JWT_RE = re.compile(r"\beyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]{5,}\b")
# Well-known token shapes (GitHub, Slack, AWS access key ids, generic sk-...).
_TOKEN_SHAPES_RE = re.compile(
    r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|xox[abpr]-[A-Za-z0-9\-]{10,}|AKIA[0-9A-Z]{16}|sk-[A-Za-z0-9]{20,})\b"
)
# mysql -pSECRET on a command line
_MYSQL_P_RE = re.compile(r"(\s-p)([^\s'\"]{3,})")

_IPV4_RE = re.compile(r"(?<![\w.])((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})(?![\w.])")
_IPV6_RE = re.compile(r"(?<![\w:.])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\w:])")


def _quoted_mask(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[0] + MASK + value[0]
    return MASK


def mask_text(text: str, extra_secrets=()) -> tuple:
    """Mask secrets in ``text``. Returns ``(masked_text, number_of_masks)``."""
    if not text:
        return text or "", 0
    count = 0

    def sub(pattern, repl, value):
        nonlocal count
        value, n = pattern.subn(repl, value)
        count += n
        return value

    # Literal secrets first, longest first, so a value is masked wherever it appears.
    for secret in sorted({s for s in extra_secrets if isinstance(s, str) and len(s) >= 4}, key=len, reverse=True):
        n = text.count(secret)
        if n:
            text = text.replace(secret, MASK)
            count += n
    text = sub(_PEM_RE, lambda m: "-----BEGIN %s-----\n%s\n-----END %s-----" % (m.group(1), MASK, m.group(1)), text)
    text = sub(_HEADER_RE, lambda m: m.group(1) + m.group(2) + MASK, text)
    text = sub(_URL_CRED_RE, lambda m: m.group(1) + MASK + m.group(3), text)
    text = sub(_PHP_DEFINE_RE, lambda m: m.group(1) + _quoted_mask(m.group(len(m.groups())).strip()), text)
    text = sub(_QUERY_RE, lambda m: m.group(1) + MASK, text)
    text = sub(_BEARER_RE, lambda m: m.group(1) + m.group(2) + MASK, text)
    text = sub(_JWT_RE, MASK, text)
    text = sub(_TOKEN_SHAPES_RE, MASK, text)
    text = sub(_MYSQL_P_RE, lambda m: m.group(1) + MASK, text)

    def kv(m):
        val = m.group("val")
        if MASK in val:
            return m.group(0)
        return m.group("key") + m.group("sep") + _quoted_mask(val)

    text = sub(_KV_RE, kv, text)
    text = sub(_KV_SPACE_RE, kv, text)
    return text, count


def mask_value(value, extra_secrets=()):
    """Mask every string inside a JSON-like structure (dict/list/str). Returns (value, count)."""
    total = 0

    def walk(item, key=None):
        nonlocal total
        if isinstance(item, str):
            if key is not None and re.fullmatch(SENSITIVE_NAMES, str(key), re.I) and item:
                total += 1
                return MASK
            masked, n = mask_text(item, extra_secrets)
            total += n
            return masked
        if isinstance(item, dict):
            return {k: walk(v, k) for k, v in item.items()}
        if isinstance(item, (list, tuple)):
            return [walk(v) for v in item]
        return item

    return walk(value), total


def safe_environment(environ, allowed=("PATH", "LANG", "LC_ALL", "TZ", "HOME", "USER", "SHELL")) -> dict:
    """The environment with only harmless variables' values; every other value is masked."""
    out = {}
    for key in sorted(environ):
        out[key] = environ[key] if key in allowed else MASK
    return out


class Pseudonymiser:
    """Replace IP addresses and host names by stable tokens; keep the mapping."""

    def __init__(self, hostnames=(), keep=("127.0.0.1", "::1", "0.0.0.0")):  # noqa: S104  kept as-is, not a bind
        self.mapping = {}
        self._counters = {"ip": 0, "host": 0}
        self.keep = set(keep)
        names = sorted({h.lower() for h in hostnames if h and not self._is_ip(h)}, key=len, reverse=True)
        self._host_re = (
            re.compile(r"(?i)(?<![\w.\-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w\-]|\.\w)")
            if names else None
        )

    @staticmethod
    def _is_ip(value: str) -> bool:
        try:
            ipaddress.ip_address(value)
        except ValueError:
            return False
        return True

    def token(self, kind: str, original: str) -> str:
        key = original.lower()
        if key not in self.mapping:
            self._counters[kind] += 1
            self.mapping[key] = "%s-%04d" % (kind, self._counters[kind])
        return self.mapping[key]

    def text(self, value: str) -> str:
        if not value:
            return value
        if self._host_re is not None:
            value = self._host_re.sub(lambda m: self.token("host", m.group(1)), value)

        def ip(m):
            raw = m.group(1)
            if raw in self.keep or not self._is_ip(raw):
                return raw
            return self.token("ip", raw)

        value = _IPV4_RE.sub(ip, value)
        value = _IPV6_RE.sub(ip, value)
        return value

    def value(self, item):
        if isinstance(item, str):
            return self.text(item)
        if isinstance(item, dict):
            return {self.text(k) if isinstance(k, str) else k: self.value(v) for k, v in item.items()}
        if isinstance(item, (list, tuple)):
            return [self.value(v) for v in item]
        return item

    def reverse_mapping(self) -> dict:
        """token -> original, for the controller-side mapping file."""
        return {v: k for k, v in self.mapping.items()}
