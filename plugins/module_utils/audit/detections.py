# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Attack and abuse detection for access-log requests and user agents.

Standard library only (this code runs on the web host).

Stable API (used by the Aggregator and by benchmarks/detect.py):

- ``Classifier(enabled=None, login_paths=None, extra_agents=None, allow_params=None)``
  - ``.classify(request_line: bytes) -> (ids tuple, is_login_post)``: not cached;
    ``.request(...)`` is the same, cached.
  - ``.inspect(request_line: bytes) -> Verdict``: cached.
  - ``.agent(agent: bytes) -> (is_attack_tool, is_automated)``.
- ``inspect_request(method: bytes, target: bytes, agent=b"", referer=b"") -> Verdict``, with
  ``Verdict(score: int, ids: tuple, matches: tuple)`` and each match a
  ``(rule_id, detection_id, part, raw_excerpt, decoded_excerpt)`` tuple of str. ``part`` names
  where it matched: ``method``, ``target``, ``path``, ``arg_name:NAME``, ``arg:NAME``,
  ``agent``, ``referer``. ``ids`` are keys of ``DETECTIONS``; an id ending in ``_weak``
  counts only when the server answered 4xx.

Signatures run once per DISTINCT request line or user agent: the callers keep a
bounded cache, so a log of millions of lines costs as many classifications as it has
distinct URLs.
"""

from __future__ import annotations

import ipaddress
import re
from collections import namedtuple
from urllib.parse import unquote_to_bytes

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
    "fake_crawler": ("medium", "fake search-engine crawler (reverse DNS disagrees)",
                     "crawler mesin pencari palsu (DNS balik tidak cocok)"),
}
SEVERITIES = ("low", "medium", "high", "critical")
_SEV_RANK = {s: i for i, s in enumerate(SEVERITIES)}

# Detections counted only when the server answered 4xx (a probe), because a
# successful answer is ordinary application traffic (e.g. an app's /data/x.sql).
WEAK_ONLY_ON_ERROR = {"sensitive_file_weak"}


def _c(*patterns):
    return tuple(re.compile(p.encode(), re.S) for p in patterns)


# Patterns see the decoded, lower-cased request target (path + query, no method).
SIGNATURES = {
    "sqli": _c(
        r"union(?:\s|/\*.*?\*/|\+)+(?:all(?:\s|/\*.*?\*/|\+)+|distinct\s+)?select",
        r"information_schema",
        r"\bselect\b.{1,100}\bfrom\b.{1,100}\b(?:where|limit|union)\b",
        r"\b(?:or|and)\b\s*\(?\s*['\"]?\w*['\"]?\s*(?:=|like)\s*['\"]?\w*['\"]?\s*(?:--|#|/\*)",
        r"['\"\)]\s*(?:or|and|\|\||&&)\s*['\"(]?\d+['\"]?\s*[=<>]+\s*['\"(]?\d+",
        r"\b(?:sleep|benchmark|pg_sleep|extractvalue|updatexml|load_file)\s*\(",
        r"waitfor\s+delay\s+'",
        r"\binto\s+(?:out|dump)file\b",
        r"@@version|\bversion\s*\(\s*\)",
        r"\border\s+by\s+\d+\s*(?:--|#)",
        r"\b(?:concat|char|chr)\s*\(\s*(?:0x|\d)",
        r"['\"]\s*;\s*(?:drop|insert|update|delete|shutdown|exec)\b",
        r"\bxp_cmdshell\b",
    ),
    "xss": _c(
        r"<\s*/?\s*(?:script|iframe|svg|img|body|object|embed|math|details|video|audio|marquee|br|a\s)",
        r"javascript\s*:",
        r"\bon(?:error|load|mouseover|focus|click|toggle|begin|animationstart)\s*=",
        r"\b(?:alert|prompt|confirm)\s*(?:\(|`)",
        r"document\s*\.\s*(?:cookie|domain|write)",
        r"\beval\s*\(\s*(?:atob|string\.fromcharcode)",
        r"vbscript\s*:",
    ),
    "path_traversal": _c(
        r"(?:^|[/\\=])\.\.[/\\]",
        r"(?:^|[/\\=])\.\.;/",
        r"/etc/(?:passwd|shadow|hosts|group|issue)\b",
        r"(?:c:|\\)\\?windows\\?(?:win\.ini|system32)",
        r"\bwin\.ini\b|\bboot\.ini\b",
        r"/proc/self/(?:environ|cmdline|fd)",
        r"\bphp://(?:filter|input)",
        r"\bfile:///",
        r"wp-config\.php.*\.\.",
    ),
    "rfi": _c(
        r"[?&][^=&]{1,40}=\s*(?:https?|ftps?)://[^&\s]+\.(?:txt|php\d?|sh|pl|py|jpg|gif|png)\?",
        r"[?&][^=&]{1,40}=\s*(?:https?|ftps?)://\d{1,3}(?:\.\d{1,3}){3}[/:]",
        r"[?&][^=&]{1,40}=\s*(?:data|expect|zip|phar)://",
    ),
    "command_injection": _c(
        r"(?:;|\||&&|\$\(|`)\s*(?:cat|wget|curl|id|uname|whoami|ls|nc|ncat|bash|sh|ping|nslookup|chmod|rm|echo|python\d?|perl|busybox|tftp)\b",
        r"/bin/(?:ba|z|da)?sh\b",
        r"\bcmd(?:\.exe)?\s*/c\b|\bpowershell(?:\.exe)?\b",
        r"\$\{ifs\}|\$ifs\$",
        r"\b(?:wget|curl)\s+-?\w*\s*https?://",
        r"\bchmod\s+\+?[0-7x]+\s",
    ),
    "exploit_probe": _c(
        r"/vendor/phpunit/.*eval-stdin\.php",
        r"\$\{(?:jndi|\$\{|lower:|upper:|env:|sys:)",
        r"[%$]\{\s*\(?\s*#",
        r"@java\.lang\.runtime|@org\.apache\.|java\.lang\.processbuilder|freemarker\.template\.utility\.execute",
        r"class\.module\.classloader",
        r"/cgi-bin/(?:\.%2e|\.\.)",
        r"/remote/fgt_lang|/api/v2/cmdb/system/admin",
        r"/vendor/htmlawed/htmlawed/htmlawedtest\.php",
        r"/catalog-portal/ui/oauth/verify",
        r"/php/ztp_gate\.php|/index\.php/\.js\.map|/unauth/.*ztp_gate",
        r"/_ignition/execute-solution|/actuator/(?:env|heapdump|gateway)|/solr/admin/",
        r"/hnap1\b|/boaform/|/goform/|/setup\.cgi|/cgi-bin/luci|/gponform/",
        r"/w00tw00t|/core/skin/login\.aspx",
        r"/sap/bc/gui/|/sap/public/|^/nwa(?:/|$|\?)|/webdynpro/",
        r"/crx/packmgr|/cgi-bin/videoconfiguration\.cgi|/system/console/",
        r"/owa/auth/x\.js|/autodiscover/autodiscover\.json.*powershell|/ecp/.*\.js\b",
        r"/mifs/|/webtools/control/|/console/css/%252e|/manager/html\b",
        r"/wp-content/plugins/[^/]+/(?:readme\.txt)?$",
        r"/(?:phpmyadmin|pma|myadmin|mysqladmin)[^/]*/(?:index\.php|scripts/setup\.php)",
        r"/cgi-bin/[^/?]*\.(?:cgi|sh|pl)\b.*(?:;|\|)",
        r"/\+cscoe\+/|/dana-na/|/global-protect/login\.esp",
        r"xdebug_session_start=|allow_url_include",
        r"/\?(?:xdebug|phpinfo)|/phpinfo\.php",
    ),
    "sensitive_file": _c(
        r"/\.env(?:\.\w+)?(?:$|\?)",
        r"/\.git(?:/|$)|/\.svn(?:/|$)|/\.hg(?:/|$)|/\.bzr(?:/|$)",
        r"/\.ht(?:access|passwd)\b|/\.ds_store\b|/\.aws/|/\.ssh/|/id_rsa\b|/\.npmrc\b|/\.docker",
        r"/wp-config\.php(?!$)|/wp-config\.php$|/configuration\.php~|/config\.php\.(?:bak|old|save|swp)",
        r"/(?:backup|backups|dump|db|database|www|site|wwwroot|htdocs|public_html|sql|localhost|web|data)\.(?:sql|zip|tar|tgz|gz|rar|7z|bak)(?:$|\?)",
        r"/(?:server-status|server-info|\.listing|web\.config|phpinfo\.php|elmah\.axd|trace\.axd)(?:$|\?)",
        r"/(?:etc/)?(?:composer|package)\.(?:json|lock)$|/(?:docker-compose|config)\.ya?ml$",
    ),
    "sensitive_file_weak": _c(
        r"\.(?:sql|bak|old|orig|save|swp|backup|tar|tgz|tar\.gz|zip|rar|7z|dump|log|ini|conf|cfg)(?:$|\?)",
    ),
    "webshell": _c(
        r"/(?:c99|r57|wso\d*|b374k|webshell|alfa\w*|priv8|indoxploit|mini|shell\d*|cmd|up|uploader|x|sh3ll|0x|leaf|symlink)\.php\d?(?:$|\?)",
        r"\.php\d?\?(?:cmd|exec|command|shell|c)=",
        r"/wp-content/uploads/.*\.php\d?(?:$|\?)",
        r"/(?:wp-admin|wp-includes)/[^/?]+/[^/?]*(?:shell|c99|wso)[^/?]*\.php",
    ),
}
REQUEST_IDS = tuple(SIGNATURES)

# Cheap gates: a class's expressions run only if the decoded target contains one of
# its literal fragments (every expression of the class needs at least one of them;
# tests/unit/audit/test_log_perf.py checks each expression's examples pass their gate).
GATES = {
    "sqli": (b"select", b"information_schema", b"'", b'"', b"(", b")", b"waitfor", b"into", b"@@", b"--", b"#",
             b"/*", b";", b"xp_cmdshell"),
    "xss": (b"<", b"script:", b"onerror", b"onload", b"onmouseover", b"onfocus", b"onclick", b"ontoggle",
            b"onbegin", b"onanimationstart", b"(", b"`", b"document"),
    "path_traversal": (b"..", b"/etc/", b"win", b"boot.ini", b"/proc/", b"php://", b"file://"),
    "rfi": (b"://",),
    "command_injection": (b";", b"|", b"&&", b"$(", b"`", b"/bin/", b"cmd", b"powershell", b"ifs", b"wget",
                          b"curl", b"chmod"),
    "sensitive_file": (b"/.", b".sql", b".zip", b".tar", b".tgz", b".gz", b".rar", b".7z", b".bak", b"wp-config",
                       b"server-", b"listing", b"web.config", b"phpinfo", b".axd", b"composer", b"package.",
                       b".yml", b".yaml", b"id_rsa", b"config.php", b"/etc/"),
    "webshell": (b".php",),
    "exploit_probe": (b"phpunit", b"${", b"%{", b"java.lang", b"@org.apache.", b"freemarker", b"classloader",
                      b"/cgi-bin/", b"fgt_lang", b"/cmdb/", b"htmlawed", b"catalog-portal", b"ztp_gate", b".js.map",
                      b"_ignition", b"/actuator/", b"/solr/", b"/hnap1", b"/boaform/", b"/goform/", b"/setup.cgi",
                      b"/gponform/", b"w00tw00t", b"/core/skin/", b"/sap/", b"/nwa", b"/webdynpro/", b"/crx/",
                      b"/system/console/", b"/owa/", b"autodiscover", b"/ecp/", b"/mifs/", b"/webtools/",
                      b"/console/css/", b"/manager/html", b"/wp-content/plugins/", b"myadmin", b"pma", b"+cscoe+",
                      b"/dana-na/", b"/global-protect/", b"xdebug", b"allow_url_include", b"phpinfo"),
}

# Attack and scanner tools; matched in the lower-cased user agent.
AGENT_SIGNATURES = _c(
    r"sqlmap|nikto|nmap|masscan|zgrab|nuclei|acunetix|netsparker|wpscan|dirbuster|gobuster|\bdirb\b",
    r"feroxbuster|\bffuf\b|wfuzz|hydra|w3af|openvas|nessus|whatweb|jorgee|zmeu|morfeus|\bparos\b",
    r"havij|appscan|arachni|skipfish|fimap|commix|\bx-scan\b|sysscan|nimbostratus|zmap|censysinspect",
    r"\bmasscan\b|l9explore|l9tcpid|fuzz faster|\bbrutus\b|webshag|webinspect|pangolin|hexometer|\bxenu\b",
    r"\(hydra\)|<\?php|\$\{jndi|\bbsqlbf\b|\bdotdotpwn\b|\bgrabber\b|\bvega/|\bnetlab360\b|absinthe|\bblackwidow\b",
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


def _gate(fragments):
    """One C-level search for any of the literal fragments (None: no gate)."""
    if not fragments:
        return None
    return re.compile(b"|".join(re.escape(f) for f in fragments)).search


def decode(target: bytes) -> bytes:
    """Lower-cased target with URL encoding removed repeatedly (bounded), '+' as space."""
    out = target
    for _ in range(MAX_DECODE):
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
                self.nets.append(ipaddress.ip_network(str(item).strip(), strict=False))
            except ValueError:
                self.bad.append(str(item))
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


Verdict = namedtuple("Verdict", "score ids matches")


def inspect_request(method: bytes, target: bytes, agent: bytes = b"", referer: bytes = b"") -> Verdict:
    """The verdict on one request (see the module docstring)."""
    return _DEFAULT.inspect_parts(method, target, agent, referer)


class Classifier:
    """Classifies distinct requests and agents once; bounded caches."""

    CACHE_MAX = 200000

    def __init__(self, enabled=None, login_paths=None, extra_agents=None):
        self.enabled = set(enabled) if enabled is not None else set(DETECTIONS)
        self.req_sigs = [(i, p, _gate(GATES.get(i))) for i, p in SIGNATURES.items()
                         if (i[:-5] if i.endswith("_weak") else i) in self.enabled]
        self.login = tuple(re.compile(p.encode()) for p in (login_paths or DEFAULT_LOGIN_PATHS))
        self.agent_sigs = AGENT_SIGNATURES + tuple(re.compile(p.encode()) for p in (extra_agents or []))
        self._req = {}
        self._agent = {}

    def request(self, request: bytes):
        """(detection ids tuple, is_login_post) for a raw request line, cached."""
        hit = self._req.get(request)
        if hit is not None:
            return hit
        hit = self.classify(request)
        if len(self._req) >= self.CACHE_MAX:
            self._req.clear()
        self._req[request] = hit
        return hit

    def classify(self, request: bytes):
        """(detection ids tuple, is_login_post) for a raw request line (not cached: the caller keeps it)."""
        parts = request.split(b" ")
        method = parts[0] if len(parts) > 1 else b""
        target = parts[1] if len(parts) >= 3 else (b" ".join(parts[1:]) if len(parts) > 1 else request)
        # Request lines with spaces inside the target (badly escaped attacks): keep all but the protocol.
        if len(parts) > 3:
            target = b" ".join(parts[1:-1]) if parts[-1].startswith(b"HTTP/") else b" ".join(parts[1:])
        text = decode(target)
        found = []
        for ident, patterns, gate in self.req_sigs:
            if gate is not None and not gate(text):
                continue
            for pat in patterns:
                if pat.search(text):
                    found.append(ident)
                    break
        path = text.split(b"?", 1)[0]
        is_login_post = method == b"POST" and any(p.search(path) for p in self.login)
        return tuple(found), is_login_post

    def inspect(self, request: bytes) -> Verdict:
        """The Verdict for a raw request line."""
        parts = request.split(b" ")
        method = parts[0] if len(parts) > 1 else b""
        target = parts[1] if len(parts) > 1 else request
        return self.inspect_parts(method, target)

    def inspect_parts(self, method, target, agent=b"", referer=b"") -> Verdict:
        ids, _login = self.classify(method + b" " + target + b" HTTP/1.1")
        matches = tuple(("legacy", i, "target", target[:200].decode("utf-8", "replace"),
                         decode(target)[:200].decode("utf-8", "replace")) for i in ids)
        return Verdict(5 * len(ids), ids, matches)

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
