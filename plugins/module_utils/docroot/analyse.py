# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One file's verdict from its path and bytes: which analysis applies, the score, the kind.

The verdict depends only on the relative path and the content, so it can be
cached against the file's size, times and inode (baseline.py).
"""

from __future__ import annotations

import os
import re

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import (
    cgi,
    decode,
    lazyre,
    other,
    php,
    phpeval,
    spam,
    ssi,
    vocabulary,
    yarascan,
)

PHP_EXT = (".php", ".php3", ".php4", ".php5", ".php7", ".php8", ".phtml", ".pht", ".phar", ".phps", ".inc",
           ".module", ".install", ".theme", ".engine", ".profile", ".test", ".shtml")
OTHER_EXT = (".asp", ".aspx", ".ashx", ".asmx", ".asa", ".cer", ".cdx", ".jsp", ".jspx", ".cfm", ".soap")
# CGI scripts (Perl, Python, shell) scored by cgi.py; .rb is left out: Ruby runs behind Rack, not as a CGI file.
SCRIPT_EXT = (".pl", ".cgi", ".pm", ".py", ".sh", ".bash")
MARKUP_EXT = (".html", ".htm", ".js", ".xhtml", ".tpl", ".twig")
CONFIG_NAMES = (".htaccess", ".user.ini", "php.ini", "web.config")
# Files that are never code: a PHP tag inside one is a script smuggled past an upload filter.
MEDIA_EXT = (".jpg", ".jpeg", ".png", ".gif", ".ico", ".bmp", ".webp", ".svg", ".pdf", ".zip", ".mp3", ".mp4",
             ".woff", ".woff2", ".ttf", ".eot", ".swf", ".doc", ".docx", ".xls", ".xlsx")
# Upload folders: names matched at any depth ("uploads") or paths from the scanned root ("wp-content/uploads").
DEFAULT_UPLOAD_DIRS = ("uploads", "upload", "wp-content/uploads", "sites/default/files", "images", "img", "media",
                       "files", "userfiles", "storage/app/public")
ANY_DEPTH_UPLOAD = ("uploads", "userfiles")
EXCERPT_CHARS = 160
# A file that decodes a part of itself and runs it (_own_program_verdict): hiding what runs is a hint, not a verdict.
SELF_DECODING_WEIGHT = 4
_PHP_TAG = lazyre.pattern(rb"<\?php|<\?=\s*\$|<script\s+language\s*=\s*[\"']?php", re.I)
_SHORT_TAG = lazyre.pattern(rb"<\?[\s=]")  # the short tag, and the echo tag PHP always reads
# A short tag followed by code (<?=eval(...), <? @fwrite(...), <? $x): PHP runs it, whatever surrounds it. Looked for
# where no <?php tag is: in a picture (a shell behind a JPEG header) and in a script named .php that holds binary.
_CODE_TAG = lazyre.pattern(rb"<\?(?:=|\s)\s*(?:@\s*)?(?:[a-z_]\w{1,40}\s*\(|\$[a-z_]\w*)", re.I)
_ASP_HINT = lazyre.pattern(r"<%@\s*(?:page|language)|\brequest\s*[\(.]|server\.createobject|runat\s*=\s*['\"]?server"
                           r"|request\.getparameter|#@~\^")
_ZIP_MAGIC = b"PK\x03\x04"
_UNSAFE = lazyre.pattern(r"[^\x20-\x7e]+")
_CODE_IN_UPLOAD = lazyre.pattern(r"[a-z_]\w*\s*\(|\$\w+\s*=|`", re.I)
# The index page applications put in their asset folders against listings: a redirect elsewhere or a "not found"
# status, an exit, nothing else (comments taken out). A script dropped by an attacker has to run something.
_REDIRECT_ONLY = lazyre.pattern(r"\s*<\?php\s*(?:(?:header\s*\(\s*(['\"])(?:location:[^'\"\n]{0,200}|http/[\d.]+\s+40[34]"
                                r"[^'\"\n]{0,40})\1\s*\)|http_response_code\s*\(\s*40[34]\s*\)|exit|die)\s*"
                                r"(?:\(\s*\))?\s*;\s*)+(?:\?>\s*)?", re.I)


def kind_of_name(rel: str) -> str:
    """php | other | script | markup | config | data, from the file name."""
    name = os.path.basename(rel).lower()
    if name in CONFIG_NAMES:
        return "config"
    _root, ext = os.path.splitext(name)
    if ext in PHP_EXT or ".php." in name:
        return "php"
    if ext in OTHER_EXT:
        return "other"
    if ext in SCRIPT_EXT:
        return "script"
    if ext in MARKUP_EXT:
        return "markup"
    return "data"


def in_upload_dir(rel: str, upload_dirs) -> bool:
    """Whether ``rel`` (relative to its root) is inside an upload folder."""
    path = rel.replace(os.sep, "/")
    for entry in upload_dirs:
        entry = entry.strip("/")
        if path.startswith(entry + "/"):
            return True
        if entry in ANY_DEPTH_UPLOAD and "/%s/" % entry in "/" + path:
            return True
    return False


def excerpt(text: str, pos: int) -> str:
    """A short, printable slice of the text around ``pos`` (non-ASCII and controls replaced)."""
    if pos < 0:
        pos = 0
    start = max(0, pos - 40)
    piece = text[start:start + EXCERPT_CHARS * 2]
    piece = _UNSAFE.sub(" ", piece)
    piece = " ".join(piece.split())
    return piece[:EXCERPT_CHARS]


def certain_score(threshold: int) -> int:
    """The score from which no later step can change a verdict: the vocabulary takes evidence off only below it
    (vocabulary.weigh), every other step only adds. Scoring stops there, and a web shell or spam file there is
    critical."""
    return threshold + vocabulary.AGAINST_WEIGHT


def severity(kind: str, score: int, threshold: int) -> str:
    if kind == "unexpected_change":
        return "medium"
    if kind == "suspicious_upload":
        # The placement itself weighs one threshold; the rest is what the code does.
        return "critical" if score >= threshold * 2 else "medium"
    return "critical" if score >= certain_score(threshold) else "high"


_DEEP_MARKERS = ("base64_decode", "gzinflate", "gzuncompress", "gzdecode", "str_rot13", "hex2bin",
                 "convert_uudecode", "eval(", "eval (", "create_function", "${'", '${"', "openssl_decrypt")
_DEEP_SPELLED = tuple(php.spelled(m) for m in _DEEP_MARKERS)  # looked up in php.words_of()
DEEP_SIZE = 4 << 10
LONG_LINE = 1000
# Literals joined by "." (names spelled in pieces) or a call through a variable: two patterns, each starting with a
# literal or a set of characters that the regular expression engine skips to (an alternation of the two does not).
_BUILT = lazyre.pattern(r"['\"]\s*\.\s*['\"$]")
_INDIRECT = lazyre.pattern(r"\$\w+\s*\(")
_CALL_ON_VALUE = lazyre.pattern(r"[\]}'\"]\s*\(")
_INTERPOLATED = lazyre.pattern(r'"[^"\n]*\$')
_RUN_CALLS = tuple("%s(" % name for name in ("eval", "assert") + php.COMMAND_NAMES)  # code and command sinks


# eval/*x*/( : a comment between a sink and its bracket hides the call from the markers above. One pattern per
# name, each starting with the name (the look-behind after it is a word start): such a pattern is only tried where
# the name stands, one starting with \b at every position of the text.
_CALLS_AFTER_COMMENT = tuple((name, re.compile(r"%s(?<!\w%s)\s*/\*[^*]{0,200}\*/\s*\(" % (name, name)))
                             for name in ("eval", "assert"))


def _call_after_comment(low) -> bool:
    return "*/" in low and any(name in low and rx.search(low) for name, rx in _CALLS_AFTER_COMMENT)


def _deep_marker_in(low) -> bool:
    words = php.words_of(low)
    return any(php.occurs(marker, low, words) for marker in _DEEP_SPELLED)


def _obfuscation_primitives(low) -> bool:
    """Whether ``low`` uses what obfuscation needs: a decoder or eval, chr() or escapes in numbers, XOR of literals,
    a call hidden behind a comment, a payload packed by percent signs."""
    return _deep_marker_in(low) or low.count("chr(") >= 5 or low.count("\\x") >= 20 \
        or ("^" in low and decode.caret_between_quotes(low)) or _call_after_comment(low) \
        or decode.phpstrings.packed_by_percent(low)


def _may_hide_code(text, low) -> bool:
    """Whether a small file may spell a name or a flow that only undoing shows: literals joined ('as'.'sert'), a call
    through a variable, an element or a literal ($f(...), $a['x'](...), 'assert'(...)), chr() or pack() spelling, an
    upload (its name and path reach the write through variables), a variable in a string beside a command or code
    sink (popen("$cmd")). Templates, settings and small classes show none of these: undoing them (normalising,
    decoding, partial evaluation) took half of their scan's time and found nothing."""
    return _BUILT.search(text) is not None or _INDIRECT.search(text) is not None \
        or _CALL_ON_VALUE.search(text) is not None or "chr(" in low or "pack(" in low or "$_files" in low \
        or (_INTERPOLATED.search(text) is not None and any(sink in low for sink in _RUN_CALLS))


def _php_evidence(text, low, ev, certain=None):
    """Score PHP: the raw text first; normalised and decoded layers only when worth it.

    Normalising and decoding cost far more than scoring, so they run on small
    files, on files that already show some evidence, and on files using the
    primitives obfuscation needs (decoders, eval, chr, escapes, XOR, ...); of
    other large files only on the long lines that build strings. Once the score
    reaches ``certain`` (certain_score()) nothing more can change the verdict,
    and scoring stops.
    """
    php.score_php([text], ev, low, enough=certain)
    if certain is not None and ev.score >= certain:
        return text
    deep_text = text
    if ev.score < 3 and not _obfuscation_primitives(low):
        if len(text) <= DEEP_SIZE:
            if not _may_hide_code(text, low):
                return text
        else:
            # Nothing in a larger file shows obfuscation primitives: only its very long lines that build strings
            # or call through variables (a packed payload on one line) are worth undoing, not the whole file
            # nor a long line of data (a generated array).
            long_lines = [line for line in text.split("\n") if len(line) >= LONG_LINE]
            deep_text = "\n".join(line for line in long_lines if _INDIRECT.search(line) or _BUILT.search(line))
            if not deep_text:
                return text
    whole = deep_text is text
    layers, size = decode.decoded_layers(deep_text)
    deep = php.Evidence()
    scored = 0
    if not (whole and layers == [text]):
        # Stop once critical here too: then partial evaluation, the costliest step, is not needed either.
        php.score_php(layers, deep, enough=certain if whole else None)
        scored = len(layers)
    if not (scored and whole and certain is not None and deep.score >= certain):
        layers = layers + decode.recovered_layer(deep_text, size)
    if whole and layers == [text]:
        return text  # nothing to undo: the text scored above is all there is
    if len(layers) > scored:
        php.score_php(layers[scored:], deep, first_index=scored)
    if len(layers) > 1 or layers[0] != text:
        # A spam block can hide in an encoded literal as well as code can.
        spam.score_spam("\n".join(layers).lower(), deep, markup=False)
    if deep_text is not text:
        for name, weight in deep.found.items():
            ev.add(name, weight)
    elif deep.score > ev.score:
        ev.found, ev.best = deep.found, deep.best
        return layers[0]
    return text


def _php_placement(text, ftype, media, upload, ev, threshold):
    """Add the evidence of PHP code where no script belongs; "suspicious_upload" when there is some, else None."""
    if ftype == "data" or (ftype == "markup" and media):
        # Inside an image or a media file a PHP tag is a smuggled script; inside a text file only evidence.
        ev.add("php_in_media_file" if media else "php_in_non_php_file", threshold if media else 4,
               max(0, text.find("<?")))
        return "suspicious_upload"
    if upload and _CODE_IN_UPLOAD.search(text) and not _REDIRECT_ONLY.fullmatch(php.without_comments(text)):
        ev.add("php_in_upload_dir", threshold)
        return "suspicious_upload"
    return None


def _server_script_placement(ftype, media, ev, threshold):
    """Add the evidence of ASP/JSP code inside a media file; "suspicious_upload" when so, else None."""
    if ftype != "other" and media:
        ev.add("server_script_in_media_file", threshold)
        return "suspicious_upload"
    return None


def _settled_by_rules(rule_hits, certain):
    """An Evidence of the YARA rules' matches when they alone reach ``certain``, else None."""
    ev = php.Evidence()
    for name, weight, at in rule_hits:
        ev.add(name, weight, at)
    return ev if ev.score >= certain else None


def analyse(rel: str, data: bytes, threshold: int, upload_dirs, rules=None, carried=()):
    """Verdict dict (kind, score, signals, severity, excerpt) or a dict with kind None and the weak score.

    ``data`` is the whole file. Returns None for binary data that carries no script. ``carried``: evidence (name,
    weight, position) of the file that ``data`` is the decoded program of (see _own_program_verdict).
    """
    ftype = kind_of_name(rel)
    if data.startswith(_ZIP_MAGIC) and rel.lower().endswith(".zip"):
        # A ZIP archive is served as a download, never run: the PHP of its stored members is a packaged application
        # (plugins kept for installing), and its compressed bytes are noise to every text measure.
        return {"binary": True}
    head = data[:8192]
    has_tag = _PHP_TAG.search(data) is not None or _CODE_TAG.search(data) is not None
    # A NUL byte marks binary data, unless server-script tags hide in it (a "picture shell" in ASP/JSP).
    if b"\0" in head and not has_tag and ftype != "data" and not (ftype == "other" and b"<%" in data):
        return {"binary": True}
    text = data.decode("latin-1")
    low = text.lower()
    shown = text
    upload = in_upload_dir(rel, upload_dirs)
    media = os.path.splitext(rel.lower())[1] in MEDIA_EXT
    # Text files (a shell saved as .txt for remote inclusion, a double extension) also count the short and echo tags.
    # Not in binary data: among its random bytes "<?" and a blank turn up by chance (an IP database), where a script
    # smuggled into binary data still needs <?php or code right after the short tag (_CODE_TAG).
    if not has_tag and not media and ftype in ("data", "markup") and b"\0" not in head:
        has_tag = _SHORT_TAG.search(data) is not None
    kind = "webshell"
    certain = certain_score(threshold)
    # A CGI script, or any file whose #! line names Perl, Python or a shell (a Perl shell saved as .php), is scored
    # as that language; PHP scoring still runs when a PHP tag is present too. Its "<%" is a template's, not ASP.
    script = cgi.language(rel, head) if ftype == "script" else cgi.interpreter(head)
    server_tags = "<%" in text and not script and not rel.lower().endswith((".js", ".mjs")) \
        and _ASP_HINT.search(low) is not None
    php_scored = (ftype == "php" and not script) or has_tag
    server_scored = ftype == "other" or server_tags
    if php_scored and not carried and ftype == "php":
        verdict = _own_program_verdict(rel, text, low, threshold, upload_dirs, rules)
        if verdict is not None:
            return verdict
    rule_hits, present = yarascan.read(rules, data)
    php.take_present(low, present)
    ev = _settled_by_rules(rule_hits + list(carried), certain)
    if ev is not None:
        # Several maintained rules agree on a web shell: this engine's own scoring could only add to a certain
        # verdict, so it is skipped (on a tree of known shells, most of the scan's time). Where the file stands
        # still decides its kind.
        if php_scored:
            kind = _php_placement(text, ftype, media, upload, ev, threshold) or kind
        if server_scored:
            kind = _server_script_placement(ftype, media, ev, threshold) or kind
        return _verdict(kind, ev, threshold, text, text)
    ev = php.Evidence()
    for name, weight, at in carried:
        ev.add(name, weight, at)
    if script:
        cgi.score_script(rel, text, script, ev)
    code = data
    if php_scored:
        spam.score_spam(low, ev, markup=False)
        if ftype == "markup":
            # A template's HTML and JavaScript are output: only its PHP islands are scored as code.
            islands = php.code_only(text)
            code = islands.encode("latin-1")
            shown = _php_evidence(islands, islands.lower(), ev, _settled_at(ev.found, certain))
        else:
            shown = _php_evidence(text, low, ev, _settled_at(ev.found, certain))
        kind = _php_placement(text, ftype, media, upload, ev, threshold) or kind
    elif ftype == "markup":
        spam.score_spam(low, ev, markup=True)
    elif ftype == "config":
        spam.score_htaccess(low, ev)
    ssi.score_ssi(low, ev)
    if server_scored:
        # The original case: base64 and UTF-7 payloads need it.
        other.score_other(low, ev, text, _settled_at(ev.found, certain))
        kind = _server_script_placement(ftype, media, ev, threshold) or kind
    # Past it, neither can change a web shell's verdict (an upload's severity needs twice the threshold).
    if kind != "webshell" or ev.score < _settled_at(ev.found, certain):
        for name, weight, _at in rule_hits:
            ev.add(name, weight)
        if php_scored:
            vocabulary.weigh(code, ev, threshold)
    return _verdict(kind, ev, threshold, shown, text)


def _own_program_verdict(rel, text, low, threshold, upload_dirs, rules):
    """The verdict of the program a file decodes out of itself and runs (phpeval.own_program), with the encoding as
    evidence of its own (SELF_DECODING_WEIGHT); None when the file is no such loader. Its loader is the shape of an
    encoded backdoor and of an encoded application alike: what the decoded program does tells them apart."""
    program = phpeval.own_program(text, low)
    if program is None:
        return None
    program = "<?php\n" + program  # eval() runs code without the tag a file needs (a leading ?> leaves PHP mode)
    return analyse(rel, program.encode("latin-1", "replace"), threshold, upload_dirs, rules,
                   carried=(("self_decoding_file", SELF_DECODING_WEIGHT, 0),))


def _verdict(kind, ev, threshold, shown, text):
    """The verdict dict of analyse() from the evidence; the excerpt from ``shown`` (the text the best signal was
    found in) or from the file's ``text``."""
    score = ev.score
    signals = sorted(ev.found)
    if score < threshold:
        return {"kind": None, "score": score, "signals": signals}
    if kind == "webshell" and _is_spam(ev.found):
        kind = "spam_injection"
    return {"kind": kind, "score": score, "signals": signals, "severity": severity(kind, score, threshold),
            "excerpt": excerpt(shown if ev.best[1] >= 0 else text, ev.best[1])}


_SPAM_SIGNALS = ("hidden_gambling_links", "search_referrer_redirect", "crawler_cloaking", "doorway_page", "gambling_links", "crawler_redirect",
                 "gambling_redirect", "crawler_cloaking_code", "remote_page_relayed")


def _spam_weight(found) -> int:
    return sum(w for n, w in found.items() if n in _SPAM_SIGNALS)


def _is_spam(found) -> bool:
    return _spam_weight(found) * 2 > sum(found.values())


def _settled_at(found, certain) -> int:
    """The score at which scoring stops: certain, and at least twice the spam found (from there on the file is a web
    shell, not spam: more evidence of code keeps it one)."""
    return max(certain, 2 * _spam_weight(found))
