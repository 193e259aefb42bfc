# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Attack and abuse detection for access-log requests and user agents (the audit's classifier).

Standard library only (this code runs on the web host).

Stable API (used by the Aggregator and by benchmarks/detect.py):

- ``Classifier(enabled=None, login_paths=None, extra_agents=None, allow_params=None)``
  - ``.classify(request_line: bytes) -> (ids tuple, is_login_post)``: not cached;
    ``.request(...)`` is the same, cached; ``.verdict(...) -> (Verdict, is_login_post)``.
  - ``.inspect(request_line: bytes) -> Verdict``: cached.
  - ``.agent(agent: bytes) -> (is_attack_tool, is_automated)``; ``.agent_verdict(agent) -> Verdict``
    (payloads carried in the user agent: Log4Shell, Shellshock ...).
  - ``.referer_verdict(referer: bytes) -> Verdict``: payloads carried in the Referer, cached; a
    referer without any character a payload needs (``HEADER_HINT``) is not classified at all.
  - ``.header_hits(agents, referers) -> (tools, refs)``: per distinct agent / referer of a chunk,
    the Verdict of those that alarm (an attack tool's agent adds ``scanner_agent``).
- ``combine(*verdicts) -> Verdict``: one verdict from several parts of a request (request line,
  agent, referer), each match still naming its part.
- ``inspect_request(method: bytes, target: bytes, agent=b"", referer=b"") -> Verdict``, with
  ``Verdict(score: int, ids: tuple, matches: tuple)`` and each match a
  ``(rule_id, detection_id, part, raw_excerpt, decoded_excerpt)`` tuple of str. ``part`` names
  where it matched: ``method``, ``target``, ``path``, ``arg_name:NAME``, ``arg:NAME``,
  ``agent``, ``referer``. ``ids`` are keys of ``DETECTIONS``; an id ending in ``_weak``
  counts only when the server answered 4xx (the site does not have that file or product).

Design (files of this package):

- waf.py decomposes a request like a WAF (method, path, each parameter name and value, agent,
  referer) and adds up rule weights per detection (anomaly scoring, CRS's scale: 5 alone is
  enough, 3 and 2 need company; a request total of 8 reports every detection with 3 or more).
- decode.py is the bounded transformation pipeline: repeated URL decoding with %uXXXX and
  overlong UTF-8, HTML entities, \\xNN/\\uNNNN/octal escapes, NFKC and Windows best-fit forms,
  NUL bytes, SQL comments, JS string concatenation, path normalisation (``../``, ``..;/``,
  ``....//``, backslashes, ``//``, trailing dots). Undone hiding adds weight (evasion).
- sqli.py is a small SQL lexer: a value is read as is, after a ``'`` and after a ``"``, and
  rules look at the token sequence (UNION SELECT, boolean expressions after a break-out,
  stacked statements, time/error functions, comment terminators, system tables).
- rules.py: HTML/JS (tags, event handlers, script URIs, dialog probes, sinks, JS break-outs),
  Node.js (require/child_process, constructor chains, prototype pollution), OS commands (shell
  separators or substitutions followed by a command word, shell syntax), PHP (wrappers, code,
  superglobals, serialized objects, CGI argument injection), Java (OGNL, JNDI lookups with
  nested ${lower:}/${::-} resolved, class names, Spring class loader), server-side templates,
  LFI (traversal, Unix/Windows/Java system files) and RFI (remote scripts where an include
  would append its suffix).
- paths.py and exploit_paths.py: sensitive files (hidden files, VCS metadata, credentials and
  password files, logs, editor and admin copies of code or configuration, site dumps, restricted
  extensions), web shells, and a versioned data file of known vulnerable-application paths of many
  products, one entry per path with its product and source (CVE id or advisory); exploit
  endpoints always count, product folders and probe-only names only when answered 4xx.
- incidents.py (the Aggregator's detection bookkeeping) learns the site's normal paths and the
  server-side technologies it runs (extensions answered 2xx to different clients, paths.technology):
  a 4xx for a page of a technology the site does not run is an exploit probe (rule
  ``exploit_foreign_technology``), unless many different clients ask for the same path (old links);
  it merges the optional OWASP CRS second opinion (crs.py).

Bounds: at most ``decode.MAX_PART`` (4,096) characters of a part, ``waf.MAX_PARAMS`` (64)
parameters, ``decode.MAX_ROUNDS`` (4) decoding rounds and 200 SQL tokens are inspected, and
every expression is linear: a request costs a few milliseconds at most whatever it holds
(1 MB query strings, nested encodings, invalid UTF-8: cut or replaced, never a crash); an
ordinary request costs about 10 microseconds. Each distinct request line, user agent and
referer is classified once (a referer only when HEADER_HINT finds a character a payload
needs): the callers keep a bounded cache, so a log of millions of lines costs as many
classifications as it has distinct URLs.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import unquote_to_bytes

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import waf
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.waf import Verdict

MAX_DECODE = 3

# id -> (base severity, English name, Indonesian name)
DETECTIONS = {
    "sqli": ("high", "SQL injection", "Injeksi SQL"),
    "xss": ("medium", "cross-site scripting (XSS)", "cross-site scripting (XSS)"),
    "path_traversal": ("high", "path traversal / local file inclusion", "path traversal / inklusi berkas lokal"),
    "rfi": ("high", "remote file inclusion", "inklusi berkas jarak jauh"),
    "command_injection": ("high", "command injection", "injeksi perintah"),
    "sensitive_file": ("medium", "probing for sensitive files", "pencarian berkas sensitif"),
    "scanner_agent": ("medium", "attack or scanner tool", "alat pemindai/serangan"),
    "exploit_probe": ("medium", "probing for known exploits (CVE)", "percobaan eksploit yang dikenal (CVE)"),
    "webshell": ("high", "web-shell access", "akses web shell"),
    "brute_force": ("high", "password guessing on a login page", "penebakan kata sandi di halaman login"),
    "probing_404": ("low", "probing for missing pages", "pencarian halaman yang tidak ada"),
    "request_burst": ("medium", "burst of requests", "lonjakan permintaan"),
    "php_injection": ("high", "PHP code injection", "injeksi kode PHP"),
    "java_injection": ("high", "Java/OGNL/JNDI injection (e.g. Log4Shell)", "injeksi Java/OGNL/JNDI (mis. Log4Shell)"),
    "template_injection": ("high", "server-side template injection", "injeksi templat sisi server"),
    "nodejs_injection": ("high", "JavaScript/Node.js code injection", "injeksi kode JavaScript/Node.js"),
    "protocol_abuse": ("medium", "HTTP protocol abuse (open-proxy probe, CRLF injection, invalid method)",
                       "penyalahgunaan protokol HTTP (uji proxy terbuka, injeksi CRLF, metode tidak sah)"),
    "fake_crawler": ("medium", "fake search-engine crawler (reverse DNS disagrees)",
                     "crawler mesin pencari palsu (DNS balik tidak cocok)"),
}
SEVERITIES = ("low", "medium", "high", "critical")
_SEV_RANK = {s: i for i, s in enumerate(SEVERITIES)}

# Detections counted only when the server answered 4xx (a probe), because a
# successful answer is ordinary application traffic (e.g. an app's /data/x.sql).
WEAK_ONLY_ON_ERROR = {"sensitive_file_weak", "exploit_probe_weak", "path_traversal_weak"}


def _c(*patterns):
    return tuple(re.compile(p.encode(), re.S) for p in patterns)


# Attack and scanner tools; matched in the lower-cased user agent.
AGENT_SIGNATURES = _c(
    r"sqlmap|nikto|nmap|masscan|zgrab|nuclei|acunetix|netsparker|wpscan|dirbuster|gobuster|\bdirb\b",
    r"feroxbuster|\bffuf\b|wfuzz|hydra|w3af|openvas|nessus|whatweb|jorgee|zmeu|morfeus|\bparos\b",
    r"havij|appscan|arachni|skipfish|fimap|commix|\bx-scan\b|sysscan|nimbostratus|zmap|censysinspect",
    r"\bmasscan\b|l9explore|l9tcpid|fuzz faster|\bbrutus\b|webshag|webinspect|pangolin|hexometer|\bxenu\b",
    r"\(hydra\)|<\?php|\$\{jndi|\bbsqlbf\b|\bdotdotpwn\b|\bgrabber\b|\bvega/|\bnetlab360\b|absinthe|\bblackwidow\b",
    r"dirsearch|joomscan|droopescan|cmsmap|sqlninja|\bjaeles\b|\bxray\b|zaproxy|owasp zap|burpcollaborator|\bwapiti\b",
    r"hakrawler|gospider|\bkatana\b|\bwfuzz\b|interactsh|\bnaabu\b|\btsunami\b",
)

# User agents of software that is not a person; used for the crawler/human share.
_AUTOMATED = re.compile(
    rb"bot\b|bot/|crawl|spider|slurp|bingpreview|facebookexternalhit|feedfetcher|\bcurl/|\bwget/|python-|"
    rb"go-http-client|java/|libwww|httpclient|okhttp|axios|node-fetch|uptime|monitor|scrapy|headless|"
    rb"\bphantomjs|^-?$|^mozilla/5\.0$"
)

DEFAULT_VERIFIED_CRAWLERS = [
    # Address ranges the operators publish for their crawlers, and the domains of their reverse-DNS
    # names (used only when crawler_dns is enabled) (facts, see docs/audit.md).
    {"agent": "Googlebot", "networks": ["66.249.64.0/19", "2001:4860:4801::/48"], "dns": ["googlebot.com", "google.com"]},
    {"agent": "bingbot", "networks": ["157.55.39.0/24", "207.46.13.0/24", "40.77.167.0/24", "13.66.139.0/24"],
     "dns": ["search.msn.com"]},
]

DEFAULT_LOGIN_PATHS = [
    r"/wp-login\.php", r"/xmlrpc\.php", r"login", r"logon", r"signin", r"sign-in", r"/auth\b", r"/session",
    r"/administrator/index\.php", r"/admin/?$", r"/user/?$", r"/j_security_check",
    # account creation is guessed and flooded the same way
    r"register", r"signup", r"sign-up", r"join",
]


def decode(target: bytes) -> bytes:
    """Lower-cased target with URL encoding removed repeatedly (bounded), '+' as space."""
    out = target
    for _round in range(MAX_DECODE):
        if b"%" not in out:
            break
        nxt = unquote_to_bytes(out)
        if nxt == out:
            break
        out = nxt
    return out.replace(b"+", b" ").lower()


class Networks:
    """Membership test for IPs in a list of addresses/CIDRs, cached per address."""

    def __init__(self, items):
        self.nets = []
        self.bad = []
        for item in items or []:
            try:
                net = ipaddress.ip_network(str(item).strip(), strict=False)
            except ValueError:
                self.bad.append(str(item))
                continue
            # client addresses are canonical (IPv4-mapped IPv6 read as IPv4, see address.py), so an entry
            # written as ::ffff:a.b.c.d/n (n >= 96) must be compared as IPv4 too, as block.never_list does
            mapped = net.network_address.ipv4_mapped if net.version == 6 and net.prefixlen >= 96 else None
            if mapped is not None:
                net = ipaddress.ip_network("%s/%d" % (mapped, net.prefixlen - 96), strict=False)
            self.nets.append(net)
        self._cache = {}

    def __bool__(self):
        return bool(self.nets)

    def contains(self, address) -> bool:
        if not self.nets:
            return False
        hit = self._cache.get(address)
        if hit is not None:
            return hit
        text = address.decode("ascii", "replace") if isinstance(address, bytes) else str(address)
        if text.startswith("[") and "]" in text:
            text = text[1:text.index("]")]
        try:
            ip = ipaddress.ip_address(text)
            hit = any(ip in net for net in self.nets if net.version == ip.version)
        except ValueError:
            hit = False
        if len(self._cache) > 100000:
            self._cache.clear()
        self._cache[address] = hit
        return hit


def max_severity(values):
    best = "low"
    for v in values:
        if _SEV_RANK.get(v, 0) > _SEV_RANK[best]:
            best = v
    return best


def raise_severity(sev: str) -> str:
    return SEVERITIES[min(_SEV_RANK[sev] + 1, len(SEVERITIES) - 1)]


def split_request(request: bytes):
    """(method, target) of a logged request line; a target with spaces (badly escaped attacks) is kept whole."""
    method, space, target = request.partition(b" ")
    if not space:
        return b"", request
    head, space, protocol = target.rpartition(b" ")
    if space and protocol.startswith(b"HTTP/"):
        target = head
    return method, target


def inspect_request(method: bytes, target: bytes, agent: bytes = b"", referer: bytes = b"") -> Verdict:
    """The verdict on one request (see the module docstring)."""
    return _DEFAULT.inspect_parts(method, target, agent, referer)


# A header value without any of these cannot carry an XSS, SQL, template, Log4Shell, Shellshock or
# shell payload: a plain URL (a search engine's, the site's own page, a query of words) is not
# classified at all. Percent-encoded bytes and escapes are looked at (they may hide any of them).
HEADER_HINT = re.compile(rb"[<>'\"(){}`;|$\\]|%[0-9a-fA-F]{2}|--|/\*")


def combine(*verdicts):
    """One Verdict from the verdicts on several parts of a request (None and empty ones skipped)."""
    found = [v for v in verdicts if v is not None and v.ids]
    if len(found) == 1:
        return found[0]
    if not found:
        return waf.NOTHING
    ids, matches = [], []
    for v in found:
        ids.extend(i for i in v.ids if i not in ids)
        matches.extend(m for m in v.matches if m not in matches)
    out = Verdict(sum(v.score for v in found), tuple(sorted(ids)), tuple(matches))
    out.peak = max(v.peak for v in found)
    return out


def _tool_verdict(agent, verdict):
    """``verdict`` (the agent's payloads) with the attack tool's name as evidence."""
    match = ("scanner_agent", "scanner_agent", "agent", agent[:160].decode("utf-8", "backslashreplace"),
             "a known attack or scanner tool")
    out = Verdict(verdict.score + 5, tuple(sorted(verdict.ids + ("scanner_agent",))), verdict.matches + (match,))
    out.peak = max(verdict.peak, 5)
    return out


class Classifier:
    """Classifies distinct requests and agents once; bounded caches.

    ``allow_params``: parameter names whose values may carry markup or SQL-like text (a
    site's rich-text or query-builder fields); the XSS, template and SQL detectors skip them.
    """

    CACHE_MAX = 200000

    def __init__(self, enabled=None, login_paths=None, extra_agents=None, allow_params=None):
        self.enabled = set(enabled) if enabled is not None else set(DETECTIONS)
        self.allow_params = frozenset(str(p).lower() for p in (allow_params or ()))
        self.login = tuple(re.compile(p.encode()) for p in (login_paths or DEFAULT_LOGIN_PATHS))
        self.agent_sigs = AGENT_SIGNATURES + tuple(re.compile(p.encode()) for p in (extra_agents or []))
        self._req = {}
        self._agent = {}
        self._agent_verdicts = {}
        self._referers = {}

    def request(self, request: bytes):
        """(detection ids tuple, is_login_post) for a raw request line, cached."""
        hit = self._req.get(request)
        if hit is None:
            hit = self._req_verdict(request)
        return hit[0].ids, hit[1]

    def _req_verdict(self, request):
        hit = self._classify(request)
        if len(self._req) >= self.CACHE_MAX:
            self._req.clear()
        self._req[request] = hit
        return hit

    def inspect(self, request: bytes) -> Verdict:
        """The Verdict for a raw request line, cached."""
        hit = self._req.get(request)
        if hit is None:
            hit = self._req_verdict(request)
        return hit[0]

    def classify(self, request: bytes):
        """(detection ids tuple, is_login_post) for a raw request line (not cached: the caller keeps it)."""
        verdict, login = self._classify(request)
        return verdict.ids, login

    def verdict(self, request: bytes):
        """(Verdict, is_login_post) for a raw request line (not cached: the caller keeps it)."""
        return self._classify(request)

    def _classify(self, request: bytes):
        method, target = split_request(request)
        verdict = waf.inspect(method, target, allow_params=self.allow_params, enabled=self.enabled)
        is_login_post = method == b"POST" and any(
            p.search(decode(target[:8192]).split(b"?", 1)[0]) for p in self.login)
        return verdict, is_login_post

    def inspect_parts(self, method, target, agent=b"", referer=b"") -> Verdict:
        """The Verdict for a request given by parts (not cached)."""
        return waf.inspect(method, target, agent, referer, self.allow_params, self.enabled)

    def agent_verdict(self, agent: bytes) -> Verdict:
        """Injections carried in the user agent (Log4Shell, Shellshock ...), cached."""
        hit = self._agent_verdicts.get(agent)
        if hit is None:
            hit = waf.inspect(b"GET", b"/", agent, enabled=self.enabled) if agent and agent != b"-" else waf.NOTHING
            if len(self._agent_verdicts) >= self.CACHE_MAX:
                self._agent_verdicts.clear()
            self._agent_verdicts[agent] = hit
        return hit

    def referer_verdict(self, referer: bytes) -> Verdict:
        """Injections carried in the Referer (stored XSS or SQL aimed at log viewers ...), cached;
        a referer without any character a payload needs costs one regex search."""
        if not HEADER_HINT.search(referer):
            return waf.NOTHING
        hit = self._referers.get(referer)
        if hit is None:
            hit = waf.inspect(b"GET", b"/", referer=referer, enabled=self.enabled)
            if len(self._referers) >= self.CACHE_MAX:
                self._referers.clear()
            self._referers[referer] = hit
        return hit

    def header_hits(self, agents, referers):
        """({agent: Verdict}, {referer: Verdict}) of the distinct agents and referers that alarm
        (attack tools and payloads); referers are first filtered by HEADER_HINT at C speed."""
        tools = {}
        for agent in agents:
            tool = self.agent(agent)[0]
            verdict = self.agent_verdict(agent)
            if tool or verdict.ids:
                tools[agent] = _tool_verdict(agent, verdict) if tool else verdict
        refs = {}
        for referer in filter(HEADER_HINT.search, referers):
            verdict = self.referer_verdict(referer)
            if verdict.ids:
                refs[referer] = verdict
        return tools, refs

    def agent(self, agent: bytes):
        """(is_attack_tool, is_automated) for a user agent, cached."""
        hit = self._agent.get(agent)
        if hit is not None:
            return hit
        low = agent.lower()
        tool = "scanner_agent" in self.enabled and any(p.search(low) for p in self.agent_sigs)
        hit = (tool, bool(tool or _AUTOMATED.search(low)))
        if len(self._agent) >= self.CACHE_MAX:
            self._agent.clear()
        self._agent[agent] = hit
        return hit


_DEFAULT = Classifier()
