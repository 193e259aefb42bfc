# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the probe reads in a page: dates, feeds, spam, defacement, hidden links.

Plain functions over already-fetched text or bytes, standard library only, so they
are unit-tested without any server. XML (sitemaps, RSS, Atom) is parsed with the C
ElementTree after any document type or entity declaration has been refused, so
entity-expansion attacks (billion laughs, external entities) cannot run.
"""

from __future__ import annotations

import datetime
import email.utils
import functools
import hashlib
import html
import json
import re
import urllib.parse
from html.parser import HTMLParser
from xml.etree import ElementTree

# Online-gambling spam seen injected into Indonesian government sites (judi online,
# slot, togel). Matched case-insensitively as whole words; spaces match any run of
# whitespace or hyphens. Extend per deployment with site_monitor_extra_spam_terms.
DEFAULT_SPAM_TERMS = (
    "slot gacor", "situs slot", "slot online", "slot88", "slot777", "slot demo", "akun demo slot",
    "judi online", "judi slot", "judi bola", "agen judi", "bandar judi", "situs judi",
    "togel", "toto macau", "toto togel", "bandar togel", "prediksi togel", "keluaran hk", "keluaran sgp",
    "maxwin", "gacor hari ini", "scatter hitam", "rtp slot", "rtp live", "pola gacor",
    "sbobet", "casino online", "kasino online", "poker online", "domino qq", "dominoqq",
    "pragmatic play", "mahjong ways", "gates of olympus", "sweet bonanza", "zeus slot",
    "deposit pulsa", "depo 10k", "link alternatif", "bonus new member", "sabung ayam online",
)

# Text defacers leave on a replaced page.
DEFAULT_DEFACEMENT_MARKERS = (
    r"h[a4]ck[e3]d\s+by",
    r"d[e3]f[a4]c[e3]d\s+by",
    r"pwn[e3]d\s+by",
    r"owned\s+by\s+[\w.-]+\s+(?:team|crew|army|cyber)",
    r"greetz?\s*(?:to|:)",
    r"your\s+(?:security|system)\s+is\s+(?:low|down|weak)",
    r"security\s+(?:is\s+)?(?:low|down)\s*!",
    r"cyber\s+(?:army|team|mafia)\s+(?:was\s+)?here",
    r"just\s+(?:a\s+)?(?:security\s+)?test(?:er)?\s+by",
    r"\bdefacer\b",
)

# Words of a page (used to compare the browser's and the crawler's copies).
_WORD_RE = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_STRIP_BLOCKS_RE = re.compile(r"<(script|style|noscript|template)\b.*?</\1\s*>", re.I | re.S)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
_TAG_RE = re.compile(r"<[^>]*>")
_SPACE_RE = re.compile(r"\s+")
_DIGITS_RE = re.compile(r"\d+")
_TITLE_RE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_LINK_TAG_RE = re.compile(r"<link\b[^>]*>", re.I)
_META_TAG_RE = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR_RE = re.compile(r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
_FUTURE_SLACK = datetime.timedelta(days=2)


# -- text ----------------------------------------------------------------------
def visible_text(page: str) -> str:
    """The readable text of an HTML page, whitespace collapsed."""
    text = _COMMENT_RE.sub(" ", page)
    text = _STRIP_BLOCKS_RE.sub(" ", text)
    text = _TAG_RE.sub(" ", text)
    return _SPACE_RE.sub(" ", html.unescape(text)).strip()


def content_hash(text: str) -> str:
    """Hash of the visible text with digits removed, so counters and clocks do not count as edits."""
    normalised = _DIGITS_RE.sub("", text).lower()
    return hashlib.sha256(normalised.encode("utf-8", "replace")).hexdigest()


def title(page: str) -> str:
    match = _TITLE_RE.search(page)
    return _SPACE_RE.sub(" ", html.unescape(match.group(1))).strip()[:200] if match else ""


def word_set(text: str) -> set:
    return {w.lower() for w in _WORD_RE.findall(text)}


def similarity(first: set, second: set) -> float:
    """Jaccard similarity of two word sets (1.0 = same words)."""
    if not first and not second:
        return 1.0
    return len(first & second) / float(len(first | second))


class _Term:
    """A plain term: a cheap substring test on lowercased text first, the word-boundary regex only then."""

    __slots__ = ("first", "regex")

    def __init__(self, term: str):
        parts = term.lower().split()
        self.first = parts[0]
        body = r"[\s\-_]*".join(re.escape(part) for part in parts)
        self.regex = re.compile(r"(?<![a-z0-9])" + body + r"(?![a-z0-9])", re.I)

    def search(self, text: str, lowered: str | None = None):
        if self.first not in (lowered if lowered is not None else text.lower()):
            return None
        return self.regex.search(text)


def compile_terms(terms) -> list:
    """[(term, matcher)] matching each plain term as whole words, case-insensitive."""
    compiled = []
    for term in terms:
        term = str(term).strip()
        if term:
            compiled.append((term, _Term(term)))
    return compiled


def compile_patterns(patterns) -> list:
    """[(pattern, regex)] for regular expressions; raises ValueError naming a bad one."""
    compiled = []
    for pattern in patterns:
        try:
            compiled.append((pattern, re.compile(pattern, re.I)))
        except re.error as exc:
            raise ValueError("bad regular expression %r: %s" % (pattern, exc)) from None
    return compiled


def find_matches(text: str, compiled) -> list:
    """[(term, excerpt)] for each compiled term found in text."""
    found = []
    lowered = text.lower()
    for term, matcher in compiled:
        match = matcher.search(text, lowered) if isinstance(matcher, _Term) else matcher.search(text)
        if match:
            start, end = max(0, match.start() - 40), min(len(text), match.end() + 40)
            found.append((term, _SPACE_RE.sub(" ", text[start:end]).strip()))
    return found


def keyword_match(text: str, needle: str) -> bool:
    """A must_contain/must_not_contain entry: 're:<regex>' is a regex, anything else a plain substring."""
    if needle.startswith("re:"):
        return re.search(needle[3:], text, re.I | re.S) is not None
    return needle.lower() in text.lower()


# -- hidden links -------------------------------------------------------------------
_HIDDEN_STYLE_RE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])|"
    r"(?:left|top|text-indent)\s*:\s*-\d{3,}|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)|"
    r"(?:height|width)\s*:\s*[01]px[^;]*;[^\"']*overflow\s*:\s*hidden",
    re.I,
)
# Cheap test whether a page can hide anything at all (style, class rules or attributes).
_MAY_HIDE_RE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|-\d{3,}|opacity\s*:\s*0|"
    r"[<\s]hidden[\s=>/]|overflow\s*:\s*hidden|aria-hidden",
    re.I,
)
_CSS_RULE_RE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)


def _hidden_classes(page: str) -> set:
    classes = set()
    for block in re.findall(r"<style\b[^>]*>(.*?)</style\s*>", page, re.I | re.S):
        for selectors, declarations in _CSS_RULE_RE.findall(block):
            if _HIDDEN_STYLE_RE.search(declarations):
                for selector in selectors.split(","):
                    selector = selector.strip()
                    if re.fullmatch(r"\.[\w-]+", selector):
                        classes.add(selector[1:])
                    elif re.fullmatch(r"#[\w-]+", selector):
                        classes.add(selector)
    return classes


class _HiddenLinkParser(HTMLParser):
    def __init__(self, hidden_classes: set):
        super().__init__(convert_charrefs=True)
        self.hidden_classes = hidden_classes
        self.stack = []  # (tag, hidden)
        self.links = []
        self._link = None

    def _hidden_here(self) -> bool:
        return any(hidden for _tag, hidden in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = {k: (v or "") for k, v in attrs}
        hidden = (
            "hidden" in attributes
            or attributes.get("aria-hidden") == "true" and tag != "a"
            or bool(_HIDDEN_STYLE_RE.search(attributes.get("style", "")))
            or bool(self.hidden_classes & set(attributes.get("class", "").split()))
            or ("#" + attributes.get("id", "")) in self.hidden_classes
        )
        if tag == "a" and (hidden or self._hidden_here()) and attributes.get("href"):
            self._link = {"href": attributes["href"][:300], "text": ""}
            self.links.append(self._link)
        if tag not in _VOID:
            self.stack.append((tag, hidden))
        if len(self.stack) > 500:  # broken markup: stop tracking depth
            self.stack = self.stack[-250:]

    def handle_endtag(self, tag):
        if tag == "a":
            self._link = None
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if self._link is not None and len(self._link["text"]) < 200:
            self._link["text"] = (self._link["text"] + data).strip()[:200]


def hidden_links(page: str, base_url: str) -> list:
    """Links inside elements hidden by CSS or the hidden attribute: [{href, text, external}]."""
    if not _MAY_HIDE_RE.search(page):  # nothing can be hidden: skip the (slow) HTML parse
        return []
    parser = _HiddenLinkParser(_hidden_classes(page))
    try:
        parser.feed(page)
        parser.close()
    except (AssertionError, ValueError):  # pragma: no cover - html.parser is lenient
        pass
    base_host = (urllib.parse.urlsplit(base_url).hostname or "").lower()
    result = []
    for link in parser.links:
        target = urllib.parse.urljoin(base_url, link["href"])
        host = (urllib.parse.urlsplit(target).hostname or "").lower()
        result.append(dict(link, external=bool(host) and host != base_host))
    return result


# -- discovery -----------------------------------------------------------------
def _attrs(tag: str) -> dict:
    return {k.lower(): html.unescape(v.strip("\"'")) for k, v in _ATTR_RE.findall(tag)}


def discover_feeds(page: str, base_url: str) -> list:
    """RSS/Atom feed URLs announced with <link rel="alternate" type="application/rss+xml">."""
    feeds = []
    for tag in _LINK_TAG_RE.findall(page[:200000]):
        attrs = _attrs(tag)
        if "alternate" in attrs.get("rel", "").lower().split() and attrs.get("type", "").lower() in (
            "application/rss+xml", "application/atom+xml", "application/rdf+xml",
        ) and attrs.get("href"):
            url = urllib.parse.urljoin(base_url, attrs["href"])
            if url not in feeds and url.startswith(("http://", "https://")):
                feeds.append(url)
    return feeds[:3]


def detect_cms(page: str) -> str | None:
    """'wordpress', 'joomla' or None, from generator tags and well-known paths."""
    head = page[:200000]
    for tag in _META_TAG_RE.findall(head):
        attrs = _attrs(tag)
        if attrs.get("name", "").lower() == "generator":
            content = attrs.get("content", "").lower()
            if content.startswith("wordpress"):
                return "wordpress"
            if content.startswith("joomla"):
                return "joomla"
    if "/wp-content/" in head or "/wp-json/" in head or "api.w.org" in head:
        return "wordpress"
    if "/media/jui/" in head or "/components/com_content/" in head:
        return "joomla"
    return None


# -- dates -----------------------------------------------------------------------
_ISO_RE = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*(Z|[+-]\d{2}:?\d{2})?)?)?)?$"
)


def parse_date(value, now: datetime.datetime | None = None) -> datetime.datetime | None:
    """A W3C/ISO-8601 or RFC 822 date as aware UTC; None if unreadable or in the future."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()
    parsed = None
    match = _ISO_RE.match(text)
    if match:
        year, month, day, hour, minute, second, zone = match.groups()
        try:
            parsed = datetime.datetime(
                int(year), int(month or 1), int(day or 1), int(hour or 0), int(minute or 0), int(second or 0),
                tzinfo=datetime.timezone.utc,
            )
        except ValueError:
            return None
        if zone and zone != "Z":
            sign = 1 if zone[0] == "+" else -1
            digits = zone[1:].replace(":", "")
            parsed -= sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    else:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if parsed is None:
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=datetime.timezone.utc)
        parsed = parsed.astimezone(datetime.timezone.utc)
    now = now or datetime.datetime.now(datetime.timezone.utc)
    if parsed > now + _FUTURE_SLACK:
        return None
    return parsed


class UnsafeXmlError(ValueError):
    """The document declares a DTD or entities; refused without expanding anything."""


_DATE_TAGS = {"lastmod", "pubdate", "updated", "published", "date", "modified"}
_ENTRY_TAGS = {"url", "sitemap", "item", "entry"}
_UNSAFE_XML_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)


@functools.lru_cache(maxsize=512)
def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()


def _local(tag) -> str:
    return _local_name(tag) if isinstance(tag, str) else ""


def parse_xml_dates(data: bytes, limit_entries: int = 50000, now: datetime.datetime | None = None) -> dict:
    """Read a sitemap, sitemap index, RSS or Atom document safely.

    Any document type or entity declaration is refused *before* parsing (so no
    entity can ever be declared, let alone expanded: billion laughs, external
    entities), as is a document not in an ASCII-compatible encoding (UTF-16
    could hide the declaration from that test). Parsing uses the C ElementTree.

    Returns {"kind", "dates" (newest first, as datetimes; none after ``now``, the run's time), "children"
    (sitemap index locations), "entries"}. Raises UnsafeXmlError for DTDs/entities and
    ValueError (with the parser's reason) for malformed XML.
    """
    if _UNSAFE_XML_RE.search(data):
        raise UnsafeXmlError("the XML declares a DTD or entities; refused to protect against entity expansion")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:256]:
        raise UnsafeXmlError("the XML is not in UTF-8 or another ASCII-compatible encoding; refused")
    parser = ElementTree.XMLParser()  # noqa: S314 - DTDs and entities were refused just above
    try:
        parser.feed(data)
        root = parser.close()
    except ElementTree.ParseError as exc:
        raise ValueError("malformed XML: %s" % exc) from None
    dates, children, entries = [], [], 0
    for parent in root.iter():
        parent_tag = _local(parent.tag)
        if parent_tag in _ENTRY_TAGS:
            entries += 1
            if entries > limit_entries:
                raise ValueError("more than %d entries" % limit_entries)
        elif parent_tag not in ("channel", "feed"):
            continue
        for child in parent:
            tag = _local(child.tag)
            if tag in _DATE_TAGS:
                parsed = parse_date(child.text, now)
                if parsed is not None:
                    dates.append(parsed)
            elif tag == "loc" and parent_tag == "sitemap" and child.text and child.text.strip():
                children.append(child.text.strip())
    kinds = {"urlset": "sitemap", "sitemapindex": "sitemapindex", "rss": "rss", "feed": "atom", "rdf": "rss"}
    root_tag = _local(root.tag)
    return {
        "kind": kinds.get(root_tag, root_tag),
        "dates": sorted(dates, reverse=True),
        "children": children[:1000],
        "entries": entries,
    }


def wordpress_post_dates(data: bytes, now: datetime.datetime | None = None) -> list:
    """Dates of the newest WordPress post from /wp-json/wp/v2/posts?per_page=1 (none after ``now``)."""
    try:
        posts = json.loads(data.decode("utf-8", "replace"))
    except ValueError:
        raise ValueError("WordPress REST answer is not JSON") from None
    dates = []
    if isinstance(posts, list):
        for post in posts[:5]:
            if isinstance(post, dict):
                for key in ("modified_gmt", "date_gmt"):
                    value = post.get(key)
                    if isinstance(value, str):
                        parsed = parse_date(value if value.endswith("Z") else value + "Z", now)
                        if parsed is not None:
                            dates.append(parsed)
    return sorted(dates, reverse=True)
