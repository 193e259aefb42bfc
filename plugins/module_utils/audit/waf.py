# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The request classifier: decompose a request like a WAF, decode each part, score the evidence.

Standard library only (this code runs on the web host).

A request is split into its method, path, each query parameter's name and value, the
user agent and the referer (read whole, and each of its own query values for SQL). Each part is decoded (decode.normalise: repeated URL
decoding, %u and overlong UTF-8, entities and escapes, NFKC, case folding) and given to
the detectors of its kind (rules.py, sqli.py, paths.py). Every rule that fires adds its
weight to its detection's score, once per request however many parts it fires on.

Anomaly scoring (as the OWASP Core Rule Set does): a detection is reported when its score
reaches ``THRESHOLD`` (5, one critical rule); when the request's total reaches
``COMBINED`` (8), every detection with at least a warning (3) is reported too. A lone
weak hint (an HTML tag, "select ... from", a function name) never alarms on its own.
Decoding that undid hiding (double encoding, escapes, NUL bytes) adds ``EVASION`` to
the detections that already had evidence.

Bounds: at most ``MAX_PARAMS`` parameters and ``decode.MAX_PART`` characters of each
part are inspected, decoding is bounded in rounds and every expression is linear, so
one request costs at most a few milliseconds whatever it holds (1 MB query strings,
nested encodings, invalid UTF-8 are cut or replaced, never a crash).
"""

from __future__ import annotations

import re
from collections import namedtuple

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import paths as path_rules
from ansible_collections.sitekeeper.website.plugins.module_utils.audit import rules, sqli
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.decode import MAX_PART, normalise, normalise_path

THRESHOLD = 5
COMBINED = 8
EVASION = 2
MAX_PARAMS = 64


class Verdict(namedtuple("Verdict", "score ids matches")):
    """score (sum of weights), ids (detections reported), matches ((rule, detection, part, raw, decoded) of
    the reported detections). Attribute ``peak``: the weight of the heaviest single rule."""

    peak = 0


NOTHING = Verdict(0, (), ())

METHODS = frozenset((
    "GET HEAD POST PUT DELETE OPTIONS PATCH PROPFIND PROPPATCH MKCOL COPY MOVE LOCK UNLOCK REPORT SEARCH "
    "MKCALENDAR ACL MKACTIVITY CHECKOUT MERGE BIND UNBIND REBIND ORDERPATCH VERSION-CONTROL UPDATE LABEL "
    "MKWORKSPACE BASELINE-CONTROL PRI PURGE"
).split())
# Parts made only of these characters cannot carry an injection: the detectors are skipped.
_PLAIN = re.compile(r"^(?!.*--)[a-z0-9_./~:-]*$")
# Parameter names that are attacks however plain they look (Spring4Shell, prototype pollution).
_NAME_RISK = re.compile(r"classloader|__proto__|constructor|prototype|\[#")
_INJECTION_DETECTORS = (rules.xss, rules.nodejs, rules.command, rules.php, rules.java, rules.template)
# Detectors skipped for parameters a site allows to carry markup or SQL-like text.
_MARKUP = frozenset(("xss", "template", "sqli"))


def _excerpt(text, pos, width=120):
    start = max(0, pos - 30)
    return text[start:start + width]


def _raw(value: bytes, width=160):
    return value[:width].decode("utf-8", "backslashreplace")


class _Evidence:
    """Rules that fired on one request: per rule the heaviest part; scores per detection."""

    __slots__ = ("best", "evasion")

    def __init__(self):
        self.best = {}
        self.evasion = 0

    def add(self, found, part, raw, text):
        for rule, ident, weight, pos in found:
            old = self.best.get(rule)
            if old is None or weight > old[1]:
                self.best[rule] = (ident, weight, part, _raw(raw), _excerpt(text, max(pos, 0)))

    def verdict(self, enabled=None):
        scores = {}
        for ident, weight, _part, _raw_text, _text in self.best.values():
            if enabled is None or ident.replace("_weak", "") in enabled:
                scores[ident] = scores.get(ident, 0) + weight
        if not scores:
            return NOTHING
        if self.evasion:
            for ident, score in scores.items():
                if score >= 3 and not ident.endswith("_weak"):
                    scores[ident] = score + EVASION
        total = sum(scores.values())
        ids = [i for i, s in scores.items() if s >= THRESHOLD or (i.endswith("_weak") and s >= 3)]
        if total >= COMBINED:
            ids.extend(i for i, s in scores.items() if 3 <= s < THRESHOLD and i not in ids)
        if not ids:
            return Verdict(total, (), ())
        matches = tuple((rule, ident, part, raw, text) for rule, (ident, _w, part, raw, text) in self.best.items()
                        if ident in ids)
        verdict = Verdict(total, tuple(sorted(ids)), matches)
        verdict.peak = max(w for ident, w, _p, _r, _t in self.best.values() if ident in ids)
        return verdict


def _split_query(query: bytes):
    """[(name, value)] of a query string (names without '=' have the whole item as value)."""
    out = []
    for item in query.split(b"&", MAX_PARAMS)[:MAX_PARAMS]:
        if not item:
            continue
        name, eq, value = item.partition(b"=")
        out.append((name, value) if eq else (b"", name))
    return out


def _injections(text, ev, part, raw, markup_ok=True):
    found = []
    for detect in _INJECTION_DETECTORS:
        if markup_ok or detect not in (rules.xss, rules.template):
            found.extend(detect(text))
    if markup_ok:
        found.extend(("%s" % rule, "sqli", weight, pos) for rule, weight, pos in sqli.inspect(text))
    found.extend(rules.file_access(text))
    ev.add(found, part, raw, text)


def _method_and_target(method: bytes, target: bytes, ev):
    """Protocol checks; returns the origin-form target (path?query) to inspect."""
    name = method.decode("latin-1")
    if method and name not in METHODS:
        weight = 5 if name.isalpha() or name.replace("-", "").isalpha() else 3
        if name in ("TRACE", "TRACK", "DEBUG"):
            weight = 3
        ev.add([("protocol_invalid_method", "protocol_abuse", weight, 0)], "method", method, name.lower())
    if name == "CONNECT" or (method and name not in ("OPTIONS",) and target[:1] not in (b"/", b"")):
        scheme = re.match(rb"^([a-zA-Z][a-zA-Z0-9+.-]{0,15})://([^/?#]*)", target)
        if name == "CONNECT":
            rule, weight = "protocol_proxy_connect", 6
        elif scheme:
            # absolute-form is legal HTTP and some bots send it for the site itself; a proxy probe names
            # another scheme, an explicit port or a bare address
            host = scheme.group(2).rsplit(b"@", 1)[-1]
            other = (scheme.group(1).lower() not in (b"http", b"https") or b":" in host
                     or re.match(rb"^[\d.]+$|^\[", host))
            rule, weight = ("protocol_proxy_request", 6) if other else ("protocol_absolute_uri", 3)
        else:
            rule, weight = "protocol_bad_target", 4
        ev.add([(rule, "protocol_abuse", weight, 0)], "target", target, target[:200].decode("utf-8", "replace").lower())
        if scheme:
            target = target[scheme.end():] or b"/"
    return target


def inspect(method: bytes, target: bytes, agent: bytes = b"", referer: bytes = b"", allow_params=frozenset(),
            enabled=None) -> Verdict:
    """The verdict on one request (method, raw target, optional agent and referer)."""
    ev = _Evidence()
    target = _method_and_target(method, target, ev)
    raw_path, _q, query = target.partition(b"?")
    path, evasion = normalise(raw_path, plus=False)
    ev.evasion += evasion
    if "?" in path:
        # an encoded '?' in the path: only useful to confuse a rewrite rule (CVE-2024-38475)
        ev.add([("protocol_encoded_query_in_path", "protocol_abuse", 5 if path.endswith("?") else 3,
                 path.find("?"))], "path", raw_path, path)
    if "\n" in path or "\r" in path:
        ev.add([("protocol_crlf_injection", "protocol_abuse", 6, path.find("\n"))], "path", raw_path, path)
    npath = normalise_path(path)[0]
    found = path_rules.files(npath)
    found.extend(rules.file_access(path, is_path=True))
    ev.add(found, "path", raw_path, npath)
    if not _PLAIN.match(path) or ".." in path:
        _injections(path, ev, "path", raw_path)
    whole = npath + ("?" + query[:MAX_PART].decode("latin-1").lower() if query else "")
    ev.add(path_rules.exploit(whole) + path_rules.shell_query(whole), "target", target, whole)
    for raw_name, raw_value in _split_query(query):
        name, e1 = normalise(raw_name)
        value, e2 = normalise(raw_value)
        ev.evasion += e1 + e2
        if not _PLAIN.match(name) or _NAME_RISK.search(name):
            _injections(name, ev, "arg_name:" + _raw(raw_name, 40), raw_name)
            if "[#" in name:  # a Drupal render-array property in a parameter name (Drupalgeddon 2)
                ev.add([("drupal_render_array", "exploit_probe", 6, name.find("[#"))], "arg_name:" + name[:40],
                       raw_name, name)
        if _PLAIN.match(value) and ":" not in value:
            found = rules.file_access(value) if "/" in value or ".." in value else []
            if value[:2] == "//":  # a scheme-relative URL (//host/x.php)
                found.extend(rules.remote_include(name, value))
            m = sqli.SYSTEM_NAMES.search(value) if "_" in value or "." in value else None
            if m:
                found.append(("sql_system_object", "sqli", 6, m.start()))
            ev.add(found, "arg:" + name[:40], raw_value, value)
            continue
        markup_ok = name not in allow_params
        _injections(value, ev, "arg:" + name[:40], raw_value, markup_ok)
        found = rules.remote_include(name, value)
        if ("\n" in value or "\r" in value) and re.search(r"[\r\n]\s*[a-z-]{2,30}\s*:", value):
            found.append(("protocol_crlf_injection", "protocol_abuse", 6, value.find("\n")))
        ev.add(found, "arg:" + name[:40], raw_value, value)
    for part, raw in (("agent", agent), ("referer", referer)):
        if raw and raw != b"-":
            text, evasion = normalise(raw, plus=False)
            if not _PLAIN.match(text):
                found = []
                for detect in (rules.java, rules.command, rules.php, rules.template, rules.xss):
                    found.extend(detect(text))
                found.extend(("%s" % r, "sqli", w, p) for r, w, p in sqli.inspect(text))
                ev.add(found, part, raw, text)
            if part == "referer" and b"?" in raw:
                _referer_query(raw, ev)
    return ev.verdict(enabled)


def _referer_query(raw: bytes, ev):
    """SQL in a parameter value of a referer URL: the lexer reads each value on its own (a quote
    in the value breaks out of that value's string, not out of the whole URL's)."""
    for _name, raw_value in _split_query(raw.partition(b"?")[2]):
        value, _evasion = normalise(raw_value)
        if not _PLAIN.match(value):
            ev.add([("%s" % r, "sqli", w, p) for r, w, p in sqli.inspect(value)], "referer", raw, value)
