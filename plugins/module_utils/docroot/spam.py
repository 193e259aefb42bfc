# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Injected gambling/SEO spam: hidden link blocks, server-side cloaking, doorway pages, and
``.htaccess`` / ``.user.ini`` tricks.

The vocabulary is what defaced Indonesian sites carry (slot gacor, judi online,
togel, maxwin, ...) plus the English casino terms and the Chinese ones of the
"博彩" SEO pages planted on hacked sites everywhere. A word alone proves nothing
(a news site may write about "judi online"); the evidence is the word inside a
block a visitor cannot see, a page that switches content for search crawlers,
or a page that is nothing but gambling words and outbound links.
"""

from __future__ import annotations

import bisect
import itertools
import re

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import lazyre, other, php

# Strong terms: nearly never on a legitimate government/education page.
STRONG = ("slot gacor", "slot online", "judi online", "judi slot", "judi bola", "agen slot", "agen judi",
          "situs slot", "situs judi", "situs togel", "bandar togel", "bandar judi", "bandar slot", "togel online",
          "togel hk", "togel sgp", "togel sdy", "togel macau", "toto macau", "toto togel", "slot88", "slot777",
          "slot gampang menang", "gampang maxwin", "maxwin", "rtp live", "rtp slot", "bocoran slot", "slot demo",
          "demo slot", "slot thailand", "slot server thailand", "slot deposit", "deposit pulsa", "slot pulsa",
          "daftar slot", "link slot", "sbobet", "sv388", "joker123", "pragmatic play", "pg soft", "mahjong ways",
          "gates of olympus", "starlight princess", "sweet bonanza", "kakek zeus", "scatter hitam", "live casino",
          "casino online", "poker online", "idn poker", "idnpoker", "idn slot", "domino qq", "dominoqq", "bandarq",
          "sabung ayam", "parlay", "judi", "togel", "gacor", "slot zeus", "link alternatif", "situs toto",
          "bet 200", "bet kecil", "bo slot", "online casino", "online slots", "sports betting", "betting site",
          "casino bonus", "free spins", "no deposit bonus", "payday loan", "viagra", "cialis")
# Weak terms: counted only beside strong ones.
WEAK = ("slot", "casino", "poker", "scatter", "jackpot", "bonus", "deposit", "pragmatic", "zeus", "bandar",
        "taruhan", "jp", "wd", "olympus", "betting", "bet", "spin", "rtp", "hoki", "cuan")
# Chinese gambling spam (the "博彩" SEO pages planted on hacked sites everywhere): Simplified and Traditional terms,
# looked for as the file's bytes spell them in UTF-8, GBK or Big5, or as HTML character references.
CJK_STRONG = ("博彩", "赌博", "賭博", "赌场", "賭場", "百家乐", "百家樂", "时时彩", "時時彩", "六合彩", "彩票", "投注",
              "娱乐城", "娛樂城", "老虎机", "老虎機", "赌球", "賭球", "真人娱乐", "真人娛樂", "北京赛车", "北京賽車",
              "开奖", "開獎", "葡京", "威尼斯人", "太阳城", "太陽城", "棋牌")
CJK_WEAK = ("澳门", "澳門", "皇冠", "娱乐", "娛樂", "开户", "開戶", "官网", "官網", "注册", "註冊", "平台", "网投", "網投")


def _spellings(term):
    """The lower-cased latin-1 text of ``term`` in each encoding that can write it, and as character references."""
    found = {"".join("&#%d;" % ord(c) for c in term), "".join("&#x%x;" % ord(c) for c in term)}
    for encoding in ("utf-8", "gbk", "big5"):
        try:
            found.add(term.encode(encoding).decode("latin-1").lower())
        except UnicodeEncodeError:
            continue
    return found


def _trie(words) -> str:
    """A pattern matching any of ``words``, the longest at a place, written as a tree of their common beginnings: at
    each place of the text the engine reads on one branch instead of trying every word (about twice as fast on
    Chinese text for this vocabulary)."""
    tree = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node):
        alternatives = ["%s%s" % (re.escape(char), branch(node[char])) for char in sorted(node) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else "(?:%s)" % "|".join(alternatives)
        return "(?:%s)?" % body if "" in node else body

    return branch(tree)


def _cjk_pattern(terms):
    """(pattern of every spelling of ``terms``, {spelling: term})."""
    of = {spelling: term for term in terms for spelling in _spellings(term)}
    return lazyre.pattern(_trie(of)), of


_CJK_STRONG_RE, _CJK_STRONG_OF = _cjk_pattern(CJK_STRONG)
_CJK_WEAK_RE, _CJK_WEAK_OF = _cjk_pattern(CJK_WEAK)
_CJK_LITERALS = frozenset(php.spelled(spelling)[0] for spelling in sorted(_CJK_STRONG_OF))
_STRONG_RE = lazyre.pattern(r"\b(?:%s)\b" % "|".join(re.escape(t) for t in sorted(STRONG, key=len, reverse=True)))
_WEAK_RE = lazyre.pattern(r"\b(?:%s)\b" % "|".join(re.escape(t) for t in WEAK))
# Words that must occur before the (slower) vocabulary pattern runs; ordinary code rarely holds them.
_GATE = ("gacor", "judi", "togel", "maxwin", "sbobet", "slot88", "slot777", "slot online", "situs slot", "slot deposit",
         "casino", "poker", "viagra", "cialis", "payday", "parlay", "sabung", "dominoqq", "domino qq", "bandarq",
         "sv388", "joker123", "slot demo", "demo slot", "rtp live", "rtp slot", "scatter hitam", "mahjong ways",
         "pragmatic play", "online slots", "sports betting", "free spins")
_HIDE = lazyre.pattern(r"display\s*:\s*none|visibility\s*:\s*hidden|(?:left|top|text-indent)\s*:\s*-\d{3,}"
                       r"|font-size\s*:\s*[01](?:px|pt|em)?\s*[;\"']|(?:height|width)\s*:\s*[01]px[^\"'>]{0,80}"
                       r"overflow\s*:\s*hidden|overflow\s*:\s*hidden[^\"'>]{0,80}(?:height|width)\s*:\s*[01]px"
                       r"|opacity\s*:\s*0(?:\.0+)?\s*[;\"']|\bhidden\b(?=[^<>]*>)|color\s*:\s*transparent"
                       r"|clip\s*:\s*rect\(\s*0")
_LINK = lazyre.pattern(r"<a\s[^>]{0,300}href\s*=\s*[\"']?https?://", re.I)
_BOT_CHECK = lazyre.pattern(r"(?:http_user_agent|user-agent|useragent|user_agent|http_referer|referer)[\s\S]{0,400}"
                            r"(?:googlebot|google|bingbot|bing|yahoo|slurp|yandex|baidu|spider|crawl|bot\b)"
                            r"|(?:googlebot|bingbot|slurp|yandex|baiduspider)[\s\S]{0,400}"
                            r"(?:http_user_agent|user-agent|http_referer)")
# The words a _BOT_CHECK match starts with (both branches).
_BOT_CHECK_FIRST = ("http_user_agent", "user-agent", "useragent", "user_agent", "http_referer", "referer", "googlebot",
                    "bingbot", "slurp", "yandex", "baiduspider")
# Client-side cloaking: visitors arriving from a search engine are sent elsewhere.
_JS_REFERRER_REDIRECT = lazyre.pattern(
    r"document\.referrer[\s\S]{0,200}?(?:google|bing|yahoo|yandex|baidu)[\s\S]{0,300}?"
    r"(?:location(?:\.href)?\s*=|location\.replace|location\.assign|window\.open)"
    r"|(?:google|bing|yahoo|yandex|baidu)[^\n]{0,80}\.test\s*\(\s*document\.referrer[\s\S]{0,300}?"
    r"(?:location(?:\.href)?\s*=|location\.replace|location\.assign|window\.open)")
_CLOAK_GATE = ("user_agent", "user-agent", "useragent", "referer", "googlebot", "bingbot")
_CLOAK_SPELLED = tuple(php.spelled(k) for k in _CLOAK_GATE)
_REFERRER = php.spelled("document.referrer")
_REMOTE_OUT = lazyre.pattern(r"(?:file_get_contents|curl_exec|curl_init|fopen|readfile|include|require|wp_remote_get"
                             r"|fsockopen)\s*\(?\s*['\"]?(?:https?:)?//|header\s*\(\s*['\"]location\s*:"
                             r"|\becho\b|\bprint\b|\bexit\b|\bdie\b|\?>")
_HTACCESS_EXEC = lazyre.pattern(r"(?:addtype|addhandler|sethandler|forcetype)\s+[^\n]*(?:x-httpd-php|php\d?-script"
                                r"|application/x-httpd|php-cgi|proxy:unix:[^\n]*php)[^\n]*"
                                r"|<files(?:match)?\s[^>]*>[^<]*(?:sethandler|forcetype)[^<]*php")
_HT_EXT = lazyre.pattern(r"\.(?:jpe?g|png|gif|ico|txt|bmp|svg|webp|pdf|css|js|html?|xml|zip|mp3|mp4|doc|log|tmp)\b"
                         r"|jpe?g|png|gif|ico")
_HT_PREPEND = lazyre.pattern(r"(?:php_value\s+)?auto_(?:prepend|append)_file\s*=?\s*\S+")
_HT_BOT_REDIRECT = lazyre.pattern(r"rewritecond\s+%\{http_(?:user_agent|referer)\}[^\n]*(?:google|bing|yahoo|bot|crawl"
                                  r"|spider|slurp|yandex|baidu)[\s\S]{0,600}?rewriterule\s+\S+\s+(?:https?://|\S*\.php)")


# The gate words grouped under a literal each of them contains: one lookup rules a whole group out.
_GATE_GROUPS = tuple((stem, tuple(g for g in _GATE if stem in g)) for stem in (
    "gacor", "judi", "togel", "maxwin", "sbobet", "slot", "casino", "poker", "viagra", "cialis", "payday", "parlay",
    "sabung", "domino", "bandarq", "sv388", "joker123", "rtp ", "scatter hitam", "mahjong ways", "pragmatic play",
    "sports betting", "free spins"))


_GATE_SPELLED = tuple((php.spelled(stem), tuple(php.spelled(g) for g in group)) for stem, group in _GATE_GROUPS)


def _gated(low: str) -> bool:
    """Whether any gate word occurs in ``low``."""
    words = php.words_of(low)
    for stem, group in _GATE_SPELLED:
        if php.occurs(stem, low, words) and (len(group) == 1 or any(php.occurs(g, low, words) for g in group)):
            return True
    return False


def _may_spell_cjk(low: str) -> bool:
    return not low.isascii() or "&#" in low


def _holds_cjk(low: str) -> bool:
    """Whether ``low`` spells a Chinese term: among the literals YARA's pass found, else looked up where there are bytes
    above ASCII or character references; not by a pass of the pattern."""
    return php.holds_any(_CJK_LITERALS, low, php.words_of(low), _may_spell_cjk)


def _cjk_terms(low: str):
    """(strong hits, distinct strong terms, weak hits) of the Chinese vocabulary."""
    strong = [_CJK_STRONG_OF[s] for s in _CJK_STRONG_RE.findall(low)]
    weak = len(_CJK_WEAK_RE.findall(low)) if strong else 0
    return len(strong), set(strong), weak


def terms(low: str):
    """(strong hits, distinct strong terms, weak hits) in lower-cased text."""
    count, distinct, weak = _cjk_terms(low) if _holds_cjk(low) else (0, set(), 0)
    if not _gated(low):
        return count, distinct, weak
    strong = _STRONG_RE.findall(low)
    weak += len(_WEAK_RE.findall(low)) if strong else 0
    return count + len(strong), distinct | set(strong), weak


def _gate_index(low: str):
    """(starts, earliest end from each start on) of the gate words and Chinese terms in ``low``, sorted by start."""
    spans = [match.span() for match in _CJK_STRONG_RE.finditer(low)] if _holds_cjk(low) else []
    for word in _GATE:
        pos = low.find(word)
        while pos != -1:
            spans.append((pos, pos + len(word)))
            pos = low.find(word, pos + 1)
    spans.sort()
    ends = [end for _pos, end in spans]
    for i in range(len(ends) - 2, -1, -1):
        ends[i] = min(ends[i], ends[i + 1])
    return [pos for pos, _end in spans], ends


# An element a script hides once the page loads: document.getElementById('x').style.display = 'none', or with jQuery
# $('#x').hide() or $('#x').css('display', 'none').
_SCRIPT_HIDE = lazyre.pattern(r"getelementbyid\s*\(\s*['\"]([\w-]{1,80})['\"]\s*\)\s*\.style\.(?:display\s*=\s*['\"]none"
                              r"|visibility\s*=\s*['\"]hidden)"
                              r"|(?:\$|jquery)\s*\(\s*['\"]#([\w-]{1,80})['\"]\s*\)\s*\.(?:hide\s*\(\s*\)"
                              r"|css\s*\(\s*['\"]display['\"]\s*,\s*['\"]none)")
_SCRIPT_HIDE_WORDS = ("getelementbyid", ".hide(", "'display'", '"display"')


def _hidden_starts(low: str):
    """Where hidden content starts: an element hidden by its style, or the element a script hides (its id, wherever
    it stands)."""
    for match in _HIDE.finditer(low):
        yield match.start()
    if any(word in low for word in _SCRIPT_HIDE_WORDS):
        for match in itertools.islice(_SCRIPT_HIDE.finditer(low), 64):
            element = re.search(r"\bid\s*=\s*['\"]?%s\b" % re.escape(match.group(1) or match.group(2)), low)
            if element:
                yield element.start()


def hidden_block(low: str):
    """Offset of a hidden element whose next 3,000 characters carry gambling words and links, or -1."""
    index = None
    for start in _hidden_starts(low):
        if index is None:
            index = _gate_index(low)
        # A window holding no gate word has no terms (see terms()): skipped without slicing it.
        first = bisect.bisect_left(index[0], start)
        if first == len(index[0]) or index[1][first] > start + 3000:
            continue
        window = low[start:start + 3000]
        _n, distinct, _weak = terms(window)
        if len(distinct) >= 2 and ("href" in window or "http" in window):
            return start
    return -1


def _first_of(low: str, words) -> int:
    """Where the first of ``words`` stands in ``low`` (the excerpt's place), the same on every run."""
    return min((at for at in (low.find(word) for word in words) if at >= 0), default=0)


def _bot_check(low: str):
    """The first _BOT_CHECK match, tried only where one of its first words stands (a search tries every position)."""
    return next(other.matches_at(_BOT_CHECK, low, _BOT_CHECK_FIRST), None)


# A remote page relayed as this site's own (an SEO "parasite" page, a doorway kept on the attacker's server): the
# response to a URL that carries this request's host and page is printed whole, so every address of the site can
# serve whatever the remote server makes for it, search crawlers included. Looked at from each fetch only (a file
# of a CMS can hold all the words), with a pattern per variable met: no pass over the whole text per pattern.
_FETCH_CALLS = ("file_get_contents", "curl_exec", "readfile")
_PAGE_KEYS = ("request_uri", "query_string", "php_self", "script_name", "path_info", "redirect_url")
_ASSIGNED_TO = lazyre.pattern(r"(\$\w+)\s*=\s*@?\s*$")
_PRINTED_HERE = lazyre.pattern(r"(?:\becho|\bprint|\bexit|\bdie)\s*\(?\s*@?\s*$")
_PRINTED_END = lazyre.pattern(r"\s*[;).]")
_ARGUMENTS = lazyre.pattern(r"\s*\(([^;]{0,400})")
_HELPER = lazyre.pattern(r"function\s+(\w+)\s*\([^)]{0,200}\)\s*\{")
_RETURN = lazyre.pattern(r"\breturn\b")  # (not curlopt_returntransfer)
_CURL_URL = lazyre.pattern(r"(?:curl_init\s*\(|curlopt_url\s*,)([^;]{0,400})")
_REMOTE_HOST = lazyre.pattern(r"https?://(?:[a-z0-9-]+\.)+[a-z0-9-]+|https?://\d+\.\d+\.\d+\.\d+")
_THIS_HOST = lazyre.pattern(r"\b(?:http_host|server_name)\b")
_THIS_PAGE = lazyre.pattern(r"\b(?:%s)\b" % "|".join(_PAGE_KEYS))
_VARIABLE = lazyre.pattern(r"\$\w+")
_MOST_SITES = 4096  # fetches looked at in one file
_MOST_VALUES = 8  # assignments looked at per variable (a hostile file may assign one name thousands of times)
_MOST_NAMES = 256  # variables looked up in one file (each lookup reads the whole text)


def _values(low: str, name: str, known):
    """The right-hand sides of the first assignments to variable ``name`` (``=`` or ``.=``); ``known`` keeps them
    per name for the file."""
    if name not in known:
        if len(known) >= _MOST_NAMES:
            return ()
        rx = re.compile(re.escape(name) + r"(?!\w)\s*\.?=(?!=)\s*([^;]{0,400});")
        known[name] = [m.group(1) for m in itertools.islice(rx.finditer(low), _MOST_VALUES)]
    return known[name]


def _expanded(low: str, text: str, known, rounds: int = 2) -> str:
    """``text`` with the values assigned in ``low`` to its variables appended, ``rounds`` steps deep."""
    seen, todo, parts = set(), set(_VARIABLE.findall(text)), [text]
    for _round in range(rounds):
        todo -= seen
        seen |= todo
        added = [value for name in sorted(todo) for value in _values(low, name, known)]
        parts.extend(added)
        todo = {name for value in added for name in _VARIABLE.findall(value)}
    return " ".join(parts)


def _is_printed(low: str, var: str, known) -> bool:
    """Whether ``var`` is printed whole somewhere (echo $var; print($var); exit($var . ...)); ``known`` keeps the
    answer per variable for the file."""
    if var not in known:
        if len(known) >= _MOST_NAMES:
            return False
        known[var], pos = False, low.find(var)
        while pos != -1:
            end = pos + len(var)
            if _PRINTED_HERE.search(low, max(0, pos - 12), pos) and _PRINTED_END.match(low, end):
                known[var] = True
                break
            pos = low.find(var, end)
    return known[var]


def _fetch_sites(low: str):
    """(start, name, its arguments' match) of the calls that fetch: file_get_contents, curl_exec and readfile, and
    the file's functions that return what one of them fetched (getHTTPPage($url) { ... file_get_contents($url ...)
    ... return }); not a function's own definition."""
    names = [name for name in _FETCH_CALLS if name in low]
    if "function" in low:
        for match in _HELPER.finditer(low):
            end = _RETURN.search(low, match.end(), match.end() + 1500)
            if end and any(name in low[match.end():end.start()] for name in _FETCH_CALLS):
                names.append(match.group(1))
    for name in names:
        for start, args in php.calls_of(low, (name,), _ARGUMENTS):
            if not low[max(0, start - 12):start].rstrip().endswith("function"):
                yield start, name, args


def _relays_remote_page(low: str) -> int:
    """Offset of a remote page fetched for this request's host and page and printed whole, or -1."""
    values, printed, curl = {}, {}, None
    for start, name, args in itertools.islice(_fetch_sites(low), _MOST_SITES):
        before = low[max(0, start - 80):start]
        if name != "readfile" and not _PRINTED_HERE.search(before):
            var = _ASSIGNED_TO.search(before)
            if var is None or not _is_printed(low, var.group(1), printed):
                continue
        # curl_exec($ch) fetches the URL given to curl_init() or CURLOPT_URL; a helper the URL it is called with.
        if name == "curl_exec" and curl is None:
            curl = " ".join(m.group(1) for m in itertools.islice(_CURL_URL.finditer(low), 8))
        text = _expanded(low, curl if name == "curl_exec" else args.group(1), values)
        if _REMOTE_HOST.search(text) and _THIS_HOST.search(text) and _THIS_PAGE.search(text):
            return start
    return -1


def score_spam(low: str, ev, markup: bool) -> None:
    """Add spam signals to ``ev`` (an Evidence) for PHP/HTML/JS text."""
    if not markup and "<?" in low and "http" in low and ("http_host" in low or "server_name" in low) \
            and any(key in low for key in _PAGE_KEYS) and any(call in low for call in _FETCH_CALLS):
        pos = _relays_remote_page(low)
        if pos >= 0:
            ev.add("remote_page_relayed", 10, pos)
    words = php.words_of(low)
    if php.occurs(_REFERRER, low, words):  # both branches of the pattern hold it
        match = _JS_REFERRER_REDIRECT.search(low)
        if match:
            ev.add("search_referrer_redirect", 10, match.start())
    count, distinct, weak = terms(low)
    crawler_code = any(php.occurs(k, low, words) for k in _CLOAK_SPELLED)
    if not distinct:
        if not crawler_code:
            return
        cloak = _bot_check(low)
        if cloak and _REMOTE_OUT.search(low, cloak.start(), cloak.end() + 1500) and "<?" in low:
            ev.add("crawler_cloaking_code", 4, cloak.start())
        return
    pos = hidden_block(low)
    if pos >= 0:
        ev.add("hidden_gambling_links", 12, pos)
    cloak = _bot_check(low) if crawler_code else None
    if cloak and ("<?" in low or "<%" in low or not markup):
        ev.add("crawler_cloaking", 10, cloak.start())
    links = len(_LINK.findall(low))
    # Words are counted by their separators: a word list (a password checker's dictionary, comma-separated) is not
    # a page of text, however many of its words are gambling's.
    words = max(1, low.count(" ") + low.count(","))
    if len(distinct) >= 4 and count + weak >= 12 and ((count + weak) * 100 >= words or links >= 10):
        ev.add("doorway_page", 10, _first_of(low, distinct))
    elif len(distinct) >= 3 and links >= 3:
        ev.add("gambling_links", 5, _first_of(low, distinct))


def score_htaccess(low: str, ev) -> None:
    """.htaccess / .user.ini: other extensions made executable, prepended files, crawler redirects."""
    for match in _HTACCESS_EXEC.finditer(low):
        if _HT_EXT.search(match.group(0)):
            ev.add("htaccess_executes_other_extensions", 12, match.start())
            break
    match = _HT_PREPEND.search(low)
    if match:
        ev.add("auto_prepend_file", 8, match.start())
    match = _HT_BOT_REDIRECT.search(low)
    if match:
        ev.add("crawler_redirect", 10, match.start())
    count, distinct, _weak = terms(low)
    if distinct and "rewrite" in low:
        ev.add("gambling_redirect", 6)
