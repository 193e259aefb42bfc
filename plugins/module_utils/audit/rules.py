# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Detectors of the request classifier, one per attack family, on decoded request parts.

Standard library only (this code runs on the web host).

Each detector takes one decoded, lower-case part (see decode.normalise) and returns
``(rule, detection id, weight, position)`` tuples; waf.py adds the weights up (anomaly
scoring). Weights follow the Core Rule Set's scale: 5 (critical) is enough on its own,
3 (warning) and 2 (notice) need company. Every detector starts with a cheap literal gate,
and every expression is linear (no nested quantifiers over the same text).

The detectors look at grammar, not at spellings of known payloads: an HTML tag or an
event-handler attribute, a shell separator followed by a command word, a template
expression that computes, a remote URL that ends where an include would append ".php".
"""

from __future__ import annotations

import re

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.decode import js_form, normalise_path

# Literal gates: a detector runs only when its part holds one of these fragments (one C-level search).
_NODE_GATE = re.compile('require|process|constructor|eval|buffer|sync\\(|res\\.end').search
_CMD_GATE = re.compile(';|\\||\\&|`|\\$|\\\n|\\\r|\\{|/').search
_PHP_GATE = re.compile('php|://|\\(|\\$_|o:|a:|allow_url|prepend|\\-d').search
_JAVA_GATE = re.compile('\\{|java|\\#|class|runtime|ro0ab|aced|ognl|\\.exec\\(').search
_TEMPLATE_GATE = re.compile('\\{|<%|__|@\\(|\\[\\[|\\#set|<\\#|\\?new').search
_FILE_GATE = re.compile('\\.\\.|etc/|proc/|win|boot|web\\-inf|\\.ssh|history|var/|usr/|inetpub|(?<![a-z])[a-z]:[/\\\\]|\\\\').search

# --------------------------------------------------------------------------- XSS and JavaScript

# Tags that run script or load content on their own; other tags only weigh with an attribute.
ACTIVE_TAGS = frozenset((
    "script iframe frame frameset object embed applet svg math meta base link style form isindex xss "
    "template xmp noscript portal animate set handler listener import layer ilayer bgsound"
).split())
HTML_TAGS = frozenset((
    "a body button details dialog img image input keygen marquee select source textarea video audio canvas "
    "html head plaintext blink area map object param track picture form"
).split())
TEXT_TAGS = frozenset("abbr b br div em font h1 h2 h3 label li ol option p span table tbody td th title tr u ul "
                      "center dl".split())
# A tag that really opens: closed, self-closed, or with an attribute (name=, or a bare name before '>').
_TAG_END = re.compile(r"\s*(?:/?>|/|$|[\s/]+[a-z-]+\s*=|[\s/]+[a-z-]+\s*(?:/?>|$))")
# DOM event handler names (without "on"); onion, online-shop etc. are words, not handlers.
EVENTS = frozenset((
    "abort afterprint animationend animationiteration animationstart auxclick beforecopy beforecut beforeinput "
    "beforeprint beforeunload begin blur cancel canplay canplaythrough change click close contextmenu copy "
    "cuechange cut dblclick drag dragend dragenter dragleave dragover dragstart drop durationchange end ended "
    "error focus focusin focusout formdata hashchange input invalid keydown keypress keyup load loadeddata "
    "loadedmetadata loadstart message mousedown mouseenter mouseleave mousemove mouseout mouseover mouseup "
    "mousewheel offline online pagehide pageshow paste pause play playing pointerdown pointerenter "
    "pointerleave pointermove pointerout pointerover pointerrawupdate pointerup popstate progress ratechange "
    "repeat reset resize scroll scrollend search seeked seeking select selectionchange selectstart show stalled "
    "storage submit suspend timeupdate toggle touchend touchmove touchstart transitioncancel transitionend "
    "transitionrun transitionstart unhandledrejection unload volumechange waiting webkitanimationstart "
    "webkittransitionend wheel"
).split())
_TAG = re.compile(r"<\s*/?\s*([a-z][a-z0-9:-]{0,20})(?=[\s/>=]|$)")
_OPEN_TAG = re.compile(r"<[a-z][^<>]*$")  # an unclosed tag right before: on...= is its attribute
_EVENT = re.compile(r"(?:^|[\s\"'/;`<])on([a-z]{3,30})\s*=")
_SCHEME = re.compile(r"(?:^|[\s\"'=(:,`<])(?:java|vb|live)script\s*:|^\s*javascript\s*:")
_DATA_URI = re.compile(r"(?:^|[\s\"'=(])data\s*:\s*(?:text/html|image/svg|application/(?:x-)?(?:javascript|ecmascript)|"
                       r"text/javascript|[a-z/+-]{0,30};base64,)")
_JS_PROBE = re.compile(r"(?:alert|prompt|confirm|print)(?:\(|`)[^()]{0,60}[)`]")
_JS_CALL = re.compile(r"(?:^|[^a-z0-9_])(?:alert|prompt|confirm)\(")
_JS_SINK = re.compile(r"document\.(?:cookie|domain|write|location)|window\.location|(?:top|self|parent)\.location|"
                      r"location\.(?:href|hash|replace)|string\.fromcharcode|\batob\(|\beval\(|settimeout\(|"
                      r"setinterval\(|new function\(|\.innerhtml|fetch\(|import\(|\bthrow\b.{0,20}onerror|"
                      r"srcdoc=|formaction=|xlink:href|-moz-binding|expression\(")
_JS_BREAKOUT = re.compile(r"['\"`]\s*[;,)+\-*/|&]\s*(?:alert|prompt|confirm|eval|document|window|location|fetch|"
                          r"import|settimeout|top|self|this|constructor)\b")


def xss(text):
    found = []
    if "<" in text:
        best = None
        for m in _TAG.finditer(text, 0, 4096):
            name = m.group(1)
            weight = 6 if name in ACTIVE_TAGS else (5 if name in HTML_TAGS else (4 if name in TEXT_TAGS else 0))
            if weight and weight < 6 and not _TAG_END.match(text, m.end()):
                weight = 2  # "a<b and c>d": a comparison, not a tag with attributes
            if weight and (best is None or weight > best[0]):
                best = (weight, m.start(), name)
        if best:
            found.append(("xss_active_tag" if best[0] == 6 else "xss_html_tag", "xss", best[0], best[1]))
    if "on" in text and "=" in text:
        for m in _EVENT.finditer(text):
            in_tag = _OPEN_TAG.search(text, 0, m.start() + 1) is not None
            if m.group(1) in EVENTS or in_tag:
                # an attribute after a tag or a closed quote is XSS; a bare name=value is only a hint
                strong = "<" in text[:m.start() + 1] or text[max(0, m.start() - 1):m.start() + 1].strip() in ('"', "'", "/", "`")
                found.append(("xss_event_handler", "xss", 5 if strong else 3, m.start()))
                break
    if "script" in text or "\t" in text or "\n" in text:
        # browsers drop tabs and newlines inside URLs: java\tscript: is javascript:
        m = _SCHEME.search(text.replace("\t", "").replace("\n", "").replace("\r", ""))
        if m:
            found.append(("xss_script_uri", "xss", 6, m.start()))
    if "data" in text:
        m = _DATA_URI.search(text)
        if m:
            found.append(("xss_data_uri", "xss", 5 if m.start() == 0 or "<" in text else 4, m.start()))
    if "(" in text or "`" in text or "." in text or "=" in text:
        js = js_form(text)
        m = _JS_PROBE.search(js)
        if m:
            found.append(("xss_js_probe", "xss", 5, m.start()))
        elif "(" in js:
            m = _JS_CALL.search(js)
            if m:
                found.append(("xss_js_call", "xss", 3, m.start()))
        m = _JS_SINK.search(js)
        if m:
            found.append(("xss_js_sink", "xss", 3, m.start()))
        m = _JS_BREAKOUT.search(text)
        if m:
            found.append(("xss_js_breakout", "xss", 4, m.start()))
    return found


_NODE = re.compile(r"require\s*\(\s*['\"`]?(?:child_process|fs|net|vm|os)\b|child_process|process\.(?:mainmodule|binding|"
                   r"kill|exit|dlopen)|global\.process|constructor\s*\.\s*constructor|constructor\s*\(\s*['\"`]?return|"
                   r"\beval\s*\(\s*(?:require|process|buffer)|buffer\.from\(.{0,80}base64|\.execsync\(|\.spawnsync\(|"
                   r"res\.end\(require")
_PROTO = re.compile(r"__proto__|constructor\s*[\[.]\s*['\"]?prototype")


def nodejs(text):
    found = []
    if "proto" in text:
        m = _PROTO.search(text)
        if m:
            found.append(("node_prototype_pollution", "nodejs_injection", 5, m.start()))
    if _NODE_GATE(text):
        m = _NODE.search(js_form(text))
        if m:
            found.append(("node_code", "nodejs_injection", 6, m.start()))
    return found


# --------------------------------------------------------------------------- OS commands

# Command words an injection runs first: recon, download, shells, interpreters. Ordinary English
# words (date, set, type, more, find) are left out: after a ';' in a search box they are prose.
COMMANDS = frozenset((
    "id uname whoami cat ls wget curl nc ncat netcat bash sh zsh ksh dash csh tcsh ash ping nslookup dig "
    "ifconfig ipconfig echo sleep perl python python2 python3 php ruby lua busybox tftp ftp chmod chown rm "
    "mkfifo base64 telnet socat powershell pwsh cmd cmd.exe certutil bitsadmin systeminfo netstat ps "
    "printenv pwd uptime hostname useradd crontab killall xterm awk nohup sudo su touch mkdir cp mv tar "
    "unzip gcc cc wscript cscript mshta rundll32 regsvr32 net1 tasklist whoami.exe curl.exe ver vol "
    "expr timeout head tail nmap env printf rev xxd whoami.exe "
    "nbtstat arp route tracert traceroute shutdown reboot sc reg wmic schtasks icacls attrib del copy move "
    "bitsadmin.exe powershell.exe curl wget.exe"
).split())
# Words that are also prose; after a separator they count only with an argument that looks like one.
AMBIGUOUS_COMMANDS = frozenset("dir type set date more net time find sort copy move del ver vol".split())
_ARGUMENT = re.compile(r"\s+(?:-{1,2}[a-z]|/[a-z?]|[a-z]:|\\\\|\.{0,2}/|%[a-z]+%|\$)")
_SEPARATED = re.compile(r"(?:;|\|\|?|&&?|\n|\r|\$\(|`|\$\{ifs\}|\$ifs\$?\d?|\{)\s*(?:\(\s*)?['\"]?((?:/[a-z0-9_.]+)*/?[a-z0-9_.]+)")
_SHELL = re.compile(r"/bin/(?:ba|z|k|c|tc|da)?sh\b|/dev/(?:tcp|udp)/|\b(?:ba)?sh\s+-[ci]\b|\bnc(?:at)?\s+-[a-z]*e\b|"
                    r"\bcmd(?:\.exe)?\s*/[ck]\b|\bpowershell(?:\.exe)?\s+-|\b(?:wget|curl)\s+(?:-[a-z]+\s+)*"
                    r"(?:https?|ftp)://|\$\{ifs\}|\$ifs\$\d|\{[a-z]+,[^}]{1,40}\}|\(\)\s*\{\s*:?\s*;?\s*\}\s*;|"
                    r">\s*/(?:tmp|var/tmp|dev/shm)/|\|\s*(?:ba)?sh\b|;\s*chmod\s+\+?[0-7x]|"
                    r"(?<![a-z0-9])/(?:bin|usr|etc|dev|tmp|s?bin)/[a-z]*[?*][a-z?*]*|(?<![a-z0-9])/\?{2,}/|"
                    r"\b(?:cat|more|less|head|tail|nc|sh|bash|tac)\s*<\s*/|\$\{?path:\d")
_QUOTES_IN_WORD = re.compile(r"(?<=[a-z])(?:['\"\\]+|\$@|\$\{?\d\}?)(?=[a-z])")


def command(text):
    found = []
    if not _CMD_GATE(text):
        return found
    plain = _QUOTES_IN_WORD.sub("", text) if ("'" in text or '"' in text or "\\" in text or "$" in text) else text
    for m in _SEPARATED.finditer(plain):
        word = m.group(1)
        base = word.rsplit("/", 1)[-1]
        if base in AMBIGUOUS_COMMANDS:
            if _ARGUMENT.match(plain, m.end(1)):
                found.append(("cmd_separator_command", "command_injection", 5, m.start()))
                break
        elif base in COMMANDS and (base != word or m.end(1) == len(plain) or plain[m.end(1)] in " \t;|&)`'\"<>$"):
            found.append(("cmd_separator_command", "command_injection", 6 if "/" in word else 5, m.start()))
            break
    if "/" in plain or "$" in plain or "(" in plain or "{" in plain or ">" in plain or "|" in plain:
        m = _SHELL.search(plain)
        if m:
            found.append(("cmd_shell_syntax", "command_injection", 6, m.start()))
    return found


# --------------------------------------------------------------------------- PHP, Java, templates

_PHP_WRAPPER = re.compile(r"\b(?:php://(?:input|stdin|memory|temp|fd)|data://|expect://|phar://|zip://|glob://|"
                          r"compress\.(?:zlib|bzip2)://|ogg://|rar://|ssh2\.\w+://)")
_PHP_FILTER = re.compile(r"\bphp://filter|\bfile://")
_PHP_CODE = re.compile(r"<\?(?:php|=)|\b(?:system|passthru|shell_exec|exec|popen|proc_open|pcntl_exec|assert|eval|"
                       r"create_function|call_user_func(?:_array)?|preg_replace|array_map|usort|file_put_contents|fwrite|"
                       r"fputs|move_uploaded_file|phpinfo|show_source|highlight_file|readfile|include|require|"
                       r"include_once|require_once)\s*\(\s*(?:['\"$`]|[a-z0-9_]+\s*\(|\)|chr\()|"
                       r"\$_(?:get|post|request|cookie|server|files|env|session)\s*\[|"
                       r"\bo:\d+:\"[a-z_\\\\]+\":\d+:\{|\ba:\d+:\{[si]:\d|allow_url_include|auto_prepend_file|"
                       r"(?:^|\s)[-\ufffd\u00ad]d\s*[a-z_.]+\s*=|\bdie\s*\(\s*(?:md5|print|sha1)\(")


def php(text):
    found = []
    if not _PHP_GATE(text):
        return found
    if "://" in text:
        m = _PHP_WRAPPER.search(text)
        if m:
            found.append(("php_wrapper", "php_injection", 6, m.start()))
        m = _PHP_FILTER.search(text)
        if m:
            found.append(("php_filter_or_file_uri", "path_traversal", 6, m.start()))
    m = _PHP_CODE.search(text)
    if m:
        found.append(("php_code", "php_injection", 6, m.start()))
    return found


_LOOKUP = re.compile(r"\$\{(?:lower:|upper:|::-|[a-z]*:[^${}:]{0,30}:-)([^${}]{0,20})\}")
_JAVA = re.compile(r"\$\{jndi:|[%$#]\{\s*\(?\s*#|#_memberaccess|#context\[|@java\.lang\.|java\.lang\.(?:runtime|processbuilder|"
                   r"system|class|thread|reflect)|javax\.(?:script|naming)|getruntime\s*\(|\bt\s*\(\s*java\.|"
                   r"freemarker\.template\.utility|org\.apache\.commons\.|com\.opensymphony\.|class\.(?:module\.)?classloader|"
                   r"\bro0ab[a-z0-9+/]|\baced0005|new\s+java\.|ognl\.ognlcontext|\.getclass\(\)\.forname|"
                   r"@ognl\.|java\.io\.(?:file|bufferedreader|inputstream)|\.exec\(\s*['\"]")


_JAVA_CVE = re.compile(r"jndi|classloader|#|ognl")


def java(text):
    """OGNL, Log4Shell lookups (also nested: ${${lower:j}ndi:...}), Java class names, Spring class loader."""
    found = []
    if "${" in text:
        for _attempt in range(4):
            nxt = _LOOKUP.sub(lambda m: m.group(1), text)
            if nxt == text:
                break
            text = nxt
    if _JAVA_GATE(text):
        m = _JAVA.search(text)
        if m:
            # JNDI lookups, OGNL and the Spring class loader exist in requests only as CVE exploits
            # (Log4Shell, Struts, Confluence, Spring4Shell)
            ident = "exploit_probe" if _JAVA_CVE.search(m.group(0)) else "java_injection"
            found.append(("java_" + ("jndi_lookup" if "jndi" in m.group(0) else "code"), "java_injection", 7, m.start()))
            if ident == "exploit_probe":
                found.append(("java_known_cve", "exploit_probe", 5, m.start()))
    return found


_TEMPLATE = re.compile(r"(?:\{\{|\$\{|#\{|\*\{|@\(|<%=?|\{\{=|\[\[)\s*[\d\s]+[*+/^-]\s*['\"]?\d+['\"]?\s*(?:\}\}?|%>|\)|\]\])")
_TEMPLATE_OBJECTS = re.compile(r"__(?:class|globals|builtins|subclasses|mro|import|init|bases|getattribute)__|"
                               r"\{\{[^}]{0,80}(?:config|self|request|lipsum|cycler|joiner|namespace|range\(|"
                               r"\|attr\(|get_flashed_messages|url_for|_self\.env)|"
                               r"<#assign|\?new\(\)|#set\s*\(|\$class\.inspect|\{php\}|\{system\(|\{\$smarty|"
                               r"#foreach|\$\{\{|@\{\w+\}")


def template(text):
    found = []
    if not _TEMPLATE_GATE(text):
        return found
    m = _TEMPLATE.search(text)
    if m:
        found.append(("template_expression", "template_injection", 6, m.start()))
    m = _TEMPLATE_OBJECTS.search(text)
    if m:
        found.append(("template_objects", "template_injection", 6, m.start()))
    return found


# --------------------------------------------------------------------------- files and URLs

# System files an injection reads (Unix, Windows, Java web apps, credentials).
_OS_FILE = re.compile(r"(?<![^/])(?:etc/(?:passwd|shadow|group|gshadow|master\.passwd|sudoers|security/passwd)\b|"
                      r"proc/(?:self|\d+|thread-self)/(?:environ|cmdline|fd|maps|status|mem|cwd|exe|root)|"
                      r"windows/(?:win\.ini|system\.ini|system32|repair/sam)|winnt/|boot\.ini|win\.ini|"
                      r"web-inf/(?:web\.xml|classes|lib)|\.ssh/(?:id_[a-z0-9]+|authorized_keys|known_hosts)|"
                      r"root/\.bash_history|\.bash_history|etc/(?:hosts|issue|motd|hostname|crontab|fstab|resolv\.conf|"
                      r"nginx|apache2|httpd|mysql|php\d?|ssh)\b|var/log/|usr/local/etc|usr/share/|inetpub/|c:/|"
                      # Windows setup answer files and IIS's configuration hold administrator passwords
                      r"(?:panther/)?unattend(?:ed)?\.xml|sysprep\.(?:inf|xml)|applicationhost\.config)")
_TRAVERSED_FILE = re.compile(r"\.\./(?:[^/]+/)*[^/]*\.(?:php\d?|ini|conf|cfg|config|xml|json|ya?ml|env|log|sql|txt|"
                             r"inc|properties|sh|bak|htaccess|htpasswd|key|pem|asp|aspx|jsp|py|rb)\b|\.\./(?:[^/]+/)*"
                             r"(?:passwd|shadow|hosts|\.env|\.htaccess|\.git)")
_ABSOLUTE_SYSTEM = re.compile(r"^\s*(?:file:/*)?/(?:etc|proc|sys|root|boot|dev)/[a-z0-9._-]+|"
                              r"^\s*/(?:var/(?:log|www|lib|mail|spool|run|backups)|usr/(?:local|share|lib|bin|sbin)|"
                              r"home/[^/]+/\.)/")
# A Windows absolute path in a parameter (a browser's "C:\\fakepath\\" of a file input is not one).
_WINDOWS_ABSOLUTE = re.compile(r"^\s*(?:file:/*)?[a-z]:[/\\](?!fakepath)")
_WINDOWS_FILE = re.compile(r"\.(?:ini|inf|conf|cfg|config|log|err|sam|bak|php|asp|aspx|xml|dat|sql)$")
# The first folder of a request path that only exists on the server's disk, never on a web site.
_SYSTEM_ROOT = re.compile(r"^/(?:etc|proc|boot|root|windows|winnt|sys|c:|var/(?:log|lib|mail|spool)|usr/local/etc)/")
# "..X..X": the same odd separator between ups, the invalid or overlong forms (%c0%9v, %c1%1c, %c1%af,
# 0x2f) that old servers decoded to a slash; read as one.
_ODD_UPS = re.compile(r"(?:^|(?<=[/\\=]))\.\.([^./\\ \t\r\n]{1,6}?)\.\.\1")
_STRONG_FILE = ("unattend", "sysprep", "applicationhost", "passwd", "shadow", "proc/", "win.ini", "system32", "boot.ini", "web-inf", ".ssh/", "bash_history",
                "winnt", "sudoers", "system.ini", "repair/sam")


def file_access(text, is_path=False):
    """Traversal sequences and system files in a path or parameter (a value: ups count more than once)."""
    found = []
    if not _FILE_GATE(text):
        return found
    path, ups = normalise_path(text)
    if not ups and ".." in text:
        m = _ODD_UPS.search(text)
        if m and normalise_path(text.replace(m.group(1), "/"))[1] >= 2:
            found.append(("path_traversal_odd_separator", "path_traversal", 5, m.start()))
    if ups:
        weight = 5 if is_path or ups >= 2 else 2
        found.append(("path_traversal_sequence", "path_traversal", weight, text.find("..")))
        if weight < 5 and _TRAVERSED_FILE.search(path):
            found.append(("path_traversal_to_file", "path_traversal", 3, text.find("..")))
    best = None
    for m in _OS_FILE.finditer(path):
        weight = 5 if any(s in m.group(0) for s in _STRONG_FILE) else 3
        if best is None or weight > best[0]:
            best = (weight, m.start())
    if best:
        found.append(("path_os_file", "path_traversal", best[0], best[1]))
    if not is_path and _ABSOLUTE_SYSTEM.match(path):
        # a parameter holding an absolute path into the operating system, not a URL of the site
        found.append(("path_absolute_system", "path_traversal", 5, 0))
    elif not is_path and _WINDOWS_ABSOLUTE.match(path) and _WINDOWS_FILE.search(path):
        # people paste Windows paths into search boxes (the drive alone weighs 3, path_os_file): one that
        # ends in a configuration, log or system file adds the evidence of an inclusion attempt
        found.append(("path_absolute_windows_file", "path_traversal", 2, 0))
    elif is_path and _SYSTEM_ROOT.match(path):
        # a request for /etc/..., /proc/..., /windows/...: counted when the site answers 4xx (a site that
        # serves such a path is not attacked by asking for it)
        found.append(("path_system_folder", "path_traversal_weak", 3, 0))
    return found


INCLUDE_NAMES = frozenset((
    "page file include inc path template tpl dir document doc folder root load mod module lang language conf "
    "config site content cont layout abspath base_path basepath pg show view cat action read req src source "
    "filename load_file mosconfig_absolute_path phpbb_root_path appserv_root"
).split())
_REMOTE = re.compile(r"^\s*(?:https?|ftps?|smb|\\\\)(?::|/)/*([^/?#\s]*)([^?#\s]*)(\?+)?\s*$")


# Parameter names that say "a folder" or "a file to load" (parts of a name: phpbb_root_path, lang_file,
# tpl_dir); names of links and redirects never mean that.
_FOLDER_NAME = re.compile(r"path|dir(?:ectory)?\b|_dir|dir_|root|folder|basedir|abs")
_INCLUDE_NAME = re.compile(r"inc|file|page|tpl|template|lang|conf|module|lib|class|load|require|skin|theme")
_LINK_NAME = re.compile(r"url|uri|link|href|next|return|redirect|callback|continue|back|goto|target|dest|ref|"
                        r"share|origin|site|home|web|image|img|avatar|icon|logo|feed|rss|canonical|api|endpoint|server|host|"
                        r"proxy|service")
# URL schemes whose only use in a request parameter is to make the server fetch something for the
# attacker (SSRF to Redis/memcached through gopher:// and dict://, TFTP, Java's jar:).
_FETCH_SCHEME = re.compile(r"^\s*(?:gopher|dict|tftp)://[^\s]|^\s*jar:(?:https?|ftp|file):[^\s]*!/")


def remote_include(name, text):
    """A parameter that names a remote script the way file inclusion uses it (host, '?' ending, name)."""
    if _FETCH_SCHEME.match(text):
        return [("rfi_fetch_scheme", "rfi", 5, 0)]
    if text.startswith("//") and name in INCLUDE_NAMES and len(text) > 2 and text[2] not in "/\\":
        # scheme-relative (//host/x.php): an include in PHP does not take it, but a loader that prefixes
        # its scheme does; evidence only together with what follows
        text = "http:" + text
    if "://" not in text[:12] and not text.startswith("\\\\"):
        return []
    if text.startswith("\\\\"):  # a UNC path: \\host\share\file, fetched over SMB by Windows includes
        return [("rfi_unc_path", "rfi", 5, 0)] if re.match(r"^\\\\[\w.-]+\\", text) else []
    m = _REMOTE.match(text)
    if not m:
        return []
    host, path, question = m.group(1), m.group(2), m.group(3)
    weight = 0
    if re.match(r"^[\d.:\[\]]+$", host.split("@")[-1]):
        weight += 2
    if question:
        weight += 4
    if re.search(r"\.(?:txt|php\d?|phtml|sh|pl|py|cgi|inc|asp|aspx|jsp)$", path):
        weight += 3  # a script or a text file of code, what an include would run
    elif re.search(r"\.(?:jpg|gif|png)$", path):
        weight += 1
    if "\x00" in text or text.rstrip().endswith(("%00", "\ufffd")):
        weight += 3
    folder = _FOLDER_NAME.search(name)
    folder = folder if folder and not _LINK_NAME.search(name) else None
    if folder:
        # a parameter named for a folder (phpbb_root_path, base_dir, mosConfig_absolute_path) holds a
        # place on the server's disk that the code appends a file name to; a remote URL there is the
        # textbook inclusion, all the more when the URL itself ends like a folder (a bare "path" or
        # "root" says less: single words are used for other things too)
        weight += 3 + (2 if (path.endswith("/") or not path) and len(name) > len(folder.group(0)) else 0)
    if folder is None and (name in INCLUDE_NAMES or (_INCLUDE_NAME.search(name) and not _LINK_NAME.search(name))):
        weight += 2
    elif folder is not None and name in INCLUDE_NAMES and len(name) > len(folder.group(0)):
        weight += 2  # a known vulnerable application's own name (mosConfig_absolute_path)
    return [("rfi_remote_include", "rfi", weight, 0)] if weight >= 2 else []
