# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Optional second opinion on suspicious requests: ModSecurity v3 with the OWASP Core Rule Set.

Used only when BOTH are installed on the host that runs the audit:

- the Debian package ``modsecurity-crs`` (CRS 3.3.x; rules in ``/usr/share/modsecurity-crs/rules/``,
  setup in ``/etc/modsecurity/crs/crs-setup.conf``): the rules are loaded from there, never copied;
- the PyPI binding ``libmodsecurity`` (pinned in requirements.txt; it bundles libmodsecurity).

Without either, ``available()`` says why and nothing else here may be called with effect: the
audit runs as before. The import is guarded, so importing this module never fails.

Interface for the audit (summary.py / detections.py call it, for DISTINCT suspicious requests only:
a transaction costs about 0.6-2 ms, far too slow for every line of a big log)::

    ok, reason = crs.available()
    if ok:
        verdicts, stats = crs.second_opinion(items, paranoia=1, max_seconds=10.0)

``items`` is an iterable of any of these (mixed is fine; duplicates are sent once):

- a request line as logged, bytes or str: ``b'GET /x?id=1 HTTP/1.1'``;
- a 3-tuple ``(request_line, agent, referer)``, e.g. a parsed row's ``(row[3], row[7], row[6])``;
- a 4-tuple ``(method, target, agent, referer)``.

``"-"`` or empty agent/referer means "not sent". The log's own escaping (nginx's ``\\xHH``, Apache's
``\\"`` and ``\\\\``) is undone first, so CRS sees the bytes the client sent.

``verdicts`` maps each item (the same object, as given) to a ``Verdict``:

- ``rules``: sorted CRS rule ids that fired (detection rules only: no 949/980 bookkeeping);
- ``score``: CRS's inbound anomaly score; ``alarm``: score >= CRS's inbound threshold (5 by default,
  what CRS in blocking mode would refuse);
- ``detections``: sorted Sitekeeper detection ids the rules map to (``DETECTION_OF``), e.g. sqli, xss.

``stats``: ``requests`` (distinct transactions run), ``seconds`` (wall), ``cpu_seconds``, ``skipped``
(items left out when ``max_requests`` or ``max_seconds`` ran out: the time is bounded), ``paranoia``,
``crs_version``.

Requests seen only in a log lack their headers: the replay sends ``Host: localhost`` and
``Accept: */*`` (neutral values; without them CRS's protocol rules would fire on every line), the
logged User-Agent and Referer, and no body.
"""

from __future__ import annotations

import glob
import os
import re
import time
from collections import namedtuple

try:  # optional: never a hard dependency of the audit
    import libmodsecurity as _modsec
    IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - exercised by the "missing" test through a flag
    _modsec = None
    IMPORT_ERROR = str(exc)

RULES_DIR = "/usr/share/modsecurity-crs/rules"
SETUP_FILE = "/etc/modsecurity/crs/crs-setup.conf"
# IP reputation needs GeoIP, which the wheel lacks (the file fails to load); response rules need
# responses, which a log does not have.
LEFT_OUT = ("REQUEST-910-IP-REPUTATION.conf",)

# Local-use rule ids (1-99,999 are reserved for local rules by CRS's numbering).
_PARANOIA_RULE = 99700
_SCORE_RULE = 99710
# CRS bookkeeping rules (score summing, blocking evaluation, correlation): not detections.
_BOOKKEEPING = range(949000, 950000), range(959000, 960000), range(980000, 981000), range(901000, 902000)

Verdict = namedtuple("Verdict", "rules score alarm detections")

# CRS rule-id ranges (CRS's public file layout) -> Sitekeeper detection ids; exact ids first.
_EXACT = {
    930130: "sensitive_file",   # restricted files (restricted-files.data: .git, .env, wp-config ...)
    920440: "sensitive_file",   # restricted file extensions (.bak, .sql, .config ...)
    920500: "sensitive_file",   # backup or "working" file extensions (~, .swp)
}
_RANGES = (
    (911, "protocol_abuse"),    # method enforcement
    (913, "scanner_agent"),     # scanner detection (agents, headers, URLs)
    (920, "protocol_abuse"),    # protocol enforcement
    (921, "protocol_abuse"),    # protocol attack (splitting, smuggling, CRLF)
    (922, "protocol_abuse"),    # multipart attack
    (930, "path_traversal"),    # local file inclusion
    (931, "rfi"),
    (932, "command_injection"),  # remote command execution
    (933, "php_injection"),
    (934, "nodejs_injection"),
    (941, "xss"),
    (942, "sqli"),
    (943, "session_fixation"),
    (944, "java_injection"),
)
DETECTION_OF = dict(_RANGES)


def detection_of(rule_id: int):
    """The Sitekeeper detection id for a CRS rule id, or None (bookkeeping or unmapped)."""
    if rule_id in _EXACT:
        return _EXACT[rule_id]
    return DETECTION_OF.get(rule_id // 1000)


def available(rules_dir=None, setup_file=None):
    """(True, "") when the binding imports and the CRS files are installed, else (False, why)."""
    if _modsec is None:
        return False, "the libmodsecurity Python binding is not installed (%s)" % IMPORT_ERROR
    rules_dir = rules_dir or RULES_DIR
    setup_file = setup_file or SETUP_FILE
    if not _rule_files(rules_dir):
        return False, "no OWASP CRS rules in %s (Debian package modsecurity-crs)" % rules_dir
    if not os.path.isfile(setup_file):
        return False, "no CRS setup file %s (Debian package modsecurity-crs)" % setup_file
    return True, ""


def _rule_files(rules_dir):
    return [f for f in sorted(glob.glob(os.path.join(rules_dir, "REQUEST-*.conf")))
            if os.path.basename(f) not in LEFT_OUT]


class CRSError(RuntimeError):
    """The CRS could not be loaded (not installed, or a rule file the engine refuses)."""


class Engine:
    """One loaded rule set at one paranoia level; runs one transaction per distinct request."""

    def __init__(self, paranoia=1, rules_dir=None, setup_file=None):
        ok, reason = available(rules_dir, setup_file)
        if not ok:
            raise CRSError(reason)
        self.paranoia = int(paranoia)
        if not 1 <= self.paranoia <= 4:
            raise CRSError("paranoia must be 1 to 4, not %r" % paranoia)
        rules_dir = rules_dir or RULES_DIR
        setup_file = setup_file or SETUP_FILE
        self._engine = _modsec.ModSecurity()
        self._rules = _modsec.RulesSet()
        self._load_text("SecRuleEngine DetectionOnly\n")
        self._load_file(setup_file)
        # Before 901 (initialisation), which only sets a default paranoia when none is set.
        self._load_text('SecAction "id:%d,phase:1,nolog,pass,t:none,setvar:tx.paranoia_level=%d"\n'
                        % (_PARANOIA_RULE, self.paranoia))
        for path in _rule_files(rules_dir):
            self._load_file(path)
        # After 949 has summed the score: report it (and the threshold) through the callback.
        self._load_text("SecAction \"id:%d,phase:2,pass,log,msg:'sitekeeper-score',"
                        "logdata:'%%{tx.anomaly_score} %%{tx.inbound_anomaly_score_threshold}'\"\n" % _SCORE_RULE)
        self.crs_version = _crs_version(rules_dir)
        self._fired = []
        self._engine.set_rule_message_callback(self._fired.append)

    def _load_text(self, text):
        if self._rules.load(text) < 0:
            raise CRSError("ModSecurity refused a directive: %s" % self._rules.get_parser_error().strip())

    def _load_file(self, path):
        if self._rules.load_from_uri(path) < 0:
            raise CRSError("ModSecurity refused %s: %s" % (path, self._rules.get_parser_error().strip()[:300]))

    def close(self):
        """Unregister the callback (the binding keeps a registry entry otherwise)."""
        if self._engine is not None:
            self._engine.set_rule_message_callback(None)
            self._engine = None

    def check(self, method, target, agent=None, referer=None) -> Verdict:
        """CRS's verdict on one request (str arguments, as the client sent them)."""
        fired = self._fired
        del fired[:]
        t = _modsec.Transaction(self._engine, self._rules)
        t.process_connection("192.0.2.1", 40000, "127.0.0.1", 80)
        t.process_uri(target or "/", method or "GET", "1.1")
        t.add_request_header("Host", "localhost")
        t.add_request_header("Accept", "*/*")
        if agent:
            t.add_request_header("User-Agent", agent)
        if referer:
            t.add_request_header("Referer", referer)
        t.process_request_headers()
        t.process_request_body()
        rules, score, threshold = set(), 0, 5
        for msg in fired:
            rid = msg.rule_id
            if rid == _SCORE_RULE:
                parts = msg.data.split()
                if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit():
                    score, threshold = int(parts[0]), int(parts[1])
            elif not any(rid in r for r in _BOOKKEEPING):
                rules.add(rid)
        del fired[:]
        found = sorted({d for d in map(detection_of, rules) if d})
        return Verdict(sorted(rules), score, score >= threshold, found)


def _crs_version(rules_dir):
    try:
        with open(os.path.join(rules_dir, "REQUEST-901-INITIALIZATION.conf"), encoding="utf-8") as handle:
            found = re.search(r"Core Rule Set ver\.([0-9.]+)", handle.read(2000))
        return found.group(1) if found else "unknown"
    except OSError:
        return "unknown"


_ESCAPE = re.compile(rb'\\(x[0-9a-fA-F]{2}|\\|")')


def unescape_log(value: bytes) -> bytes:
    """Undo the access log's escaping in one pass: nginx ``\\xHH``, Apache ``\\"`` and ``\\\\``."""
    if b"\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: bytes((int(m.group(1)[1:], 16),)) if m.group(1)[:1] == b"x" else m.group(1),
                       value)


def _text(value):
    if value is None:
        return ""
    if isinstance(value, str):
        value = value.encode("utf-8", "surrogateescape")
    value = unescape_log(value)
    # The binding takes str (sent on as UTF-8): invalid bytes become U+FFFD.
    return "" if value in (b"-", b"") else value.decode("utf-8", "replace")


def split_item(item):
    """(method, target, agent, referer) as str for one item (see the module docstring)."""
    if isinstance(item, (bytes, str)):
        line, agent, referer = item, None, None
    elif len(item) == 3:
        line, agent, referer = item
    elif len(item) == 4:
        method, target, agent, referer = item
        return _text(method) or "GET", _text(target) or "/", _text(agent), _text(referer)
    else:
        raise ValueError("a request must be a request line, (line, agent, referer) or "
                         "(method, target, agent, referer)")
    text = _text(line)
    parts = text.split(" ")
    if len(parts) >= 3 and parts[-1].startswith("HTTP/"):
        method, target = parts[0], " ".join(parts[1:-1])
    elif len(parts) >= 2:
        method, target = parts[0], " ".join(parts[1:])
    else:
        # Not a request line (binary noise, a bare path): replayed as a GET of what is there.
        method, target = "GET", text or "/"
    return method, target, _text(agent), _text(referer)


_ENGINES = {}


def engine(paranoia=1, rules_dir=None, setup_file=None) -> Engine:
    """A loaded Engine, kept for the life of the process (loading takes about 50 ms)."""
    key = (int(paranoia), rules_dir or RULES_DIR, setup_file or SETUP_FILE)
    found = _ENGINES.get(key)
    if found is None:
        found = _ENGINES[key] = Engine(paranoia, rules_dir, setup_file)
    return found


def second_opinion(items, paranoia=1, max_requests=20000, max_seconds=30.0, rules_dir=None, setup_file=None):
    """({item: Verdict}, stats) for distinct requests; raises CRSError when CRS is not available.

    Stops sending once ``max_requests`` transactions ran or ``max_seconds`` passed (the items left
    out are counted in ``stats["skipped"]`` and absent from the verdicts).
    """
    eng = engine(paranoia, rules_dir, setup_file)
    start, cpu = time.monotonic(), time.process_time()
    deadline = start + max_seconds
    verdicts, by_request = {}, {}
    skipped = 0
    for item in items:
        if item in verdicts:
            continue
        key = split_item(item)
        found = by_request.get(key)
        if found is None:
            if len(by_request) >= max_requests or time.monotonic() > deadline:
                skipped += 1
                continue
            found = by_request[key] = eng.check(*key)
        verdicts[item] = found
    stats = {"requests": len(by_request), "seconds": round(time.monotonic() - start, 3),
             "cpu_seconds": round(time.process_time() - cpu, 3), "skipped": skipped,
             "paranoia": eng.paranoia, "crs_version": eng.crs_version}
    return verdicts, stats
