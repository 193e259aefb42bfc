# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""RDAP (RFC 9082/9083) domain lookups with the IANA bootstrap (RFC 9224).

Why by hand (PyPI checked on 2026-11-27): ``whoisit`` 4.1.0 does RDAP well but
needs ``requests``/``httpx``, hard-codes the IANA bootstrap addresses (it can load
a bootstrap text, but not fetch one from an overriding URL with our cache), and
its domain results drop the raw status list we classify; ``whodap`` needs
``httpx``. An RDAP domain query is one HTTPS GET of a JSON document, so
Ansible's ``open_url`` plus ~100 lines gives us: a bootstrap URL that can be overridden (a
local mirror, the test peer), a cache file with a maximum age, per-TLD server
overrides, HTTP 429 with Retry-After reported as "rate limited", and the RDAP
status values kept as the registry wrote them. Needs nothing beyond the standard library and
ansible-core.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse

from ansible.module_utils.urls import open_url

from ansible_collections.sitekeeper.website.plugins.module_utils.core.files import write_atomic

IANA_DNS_BOOTSTRAP = "https://data.iana.org/rdap/dns.json"
DEFAULT_TIMEOUT = 10.0
DEFAULT_CACHE_MAX_AGE = 7 * 24 * 3600
MAX_ANSWER_BYTES = 2 * 1024 * 1024
USER_AGENT = "sitekeeper-rdap/1.0"


class RdapError(Exception):
    """A lookup failed; ``reason`` is one plain sentence, ``kind`` a short code."""

    def __init__(self, reason: str, kind: str = "error", retry_after: int | None = None, status: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind  # error | rate_limited | not_found | timeout | no_server
        self.retry_after = retry_after
        self.status = status


def _get_json(url: str, timeout: float, accept: str = "application/rdap+json, application/json"):
    try:
        # Ansible's open_url (urllib underneath): the proxy, certificate and redirect handling every
        # Ansible module shares. _check_url has limited the scheme to http/https.
        with open_url(url, headers={"Accept": accept}, http_agent=USER_AGENT, timeout=timeout) as response:
            body = response.read(MAX_ANSWER_BYTES + 1)
    except urllib.error.HTTPError as exc:
        if exc.code == 429:
            retry = exc.headers.get("Retry-After") if exc.headers else None
            retry_after = int(retry) if retry and retry.strip().isdigit() else None
            raise RdapError(
                "the RDAP server %s is rate limiting us (HTTP 429)%s" % (
                    urllib.parse.urlsplit(url).netloc,
                    ", retry after %d s" % retry_after if retry_after else ", retry later"),
                kind="rate_limited", retry_after=retry_after, status=429) from None
        if exc.code == 404:
            raise RdapError("the RDAP server does not know this name (HTTP 404)", kind="not_found", status=404) from None
        raise RdapError("the RDAP server answered HTTP %d" % exc.code, status=exc.code) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError,)) or "timed out" in str(reason):
            raise RdapError("the RDAP server %s did not answer within %g s"
                            % (urllib.parse.urlsplit(url).netloc, timeout), kind="timeout") from None
        raise RdapError("cannot reach the RDAP server %s: %s" % (urllib.parse.urlsplit(url).netloc, reason)) from None
    except TimeoutError:
        raise RdapError("the RDAP server %s did not answer within %g s"
                        % (urllib.parse.urlsplit(url).netloc, timeout), kind="timeout") from None
    except OSError as exc:
        raise RdapError("cannot reach the RDAP server %s: %s" % (urllib.parse.urlsplit(url).netloc, exc)) from None
    if len(body) > MAX_ANSWER_BYTES:
        raise RdapError("the RDAP answer is larger than %d bytes" % MAX_ANSWER_BYTES)
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RdapError("the RDAP server sent something that is not JSON") from None


def _check_url(url: str) -> str:
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("http", "https"):
        raise RdapError("RDAP URL %r must start with https:// (or http://)" % url, kind="no_server")
    return url


class Bootstrap:
    """The IANA DNS bootstrap registry: TLD -> RDAP base URLs, cached on disk."""

    def __init__(self, url: str = IANA_DNS_BOOTSTRAP, cache_path: str | None = None,
                 max_age: float = DEFAULT_CACHE_MAX_AGE, timeout: float = DEFAULT_TIMEOUT):
        self.url = _check_url(url)
        self.cache_path = cache_path
        self.max_age = max_age
        self.timeout = timeout
        self._services = None
        self._failure = None
        self.from_cache = False

    def _load(self):
        if self._services is not None:
            return self._services
        if self._failure is not None:
            # Failed once this run: do not wait for the same timeout for every domain.
            raise self._failure
        try:
            return self._fetch()
        except RdapError as exc:
            self._failure = exc
            raise

    def _fetch(self):
        data = None
        if self.cache_path and os.path.exists(self.cache_path):
            age = time.time() - os.path.getmtime(self.cache_path)
            try:
                with open(self.cache_path, encoding="utf-8") as handle:
                    cached = json.load(handle)
                if cached.get("_source_url") == self.url and age <= self.max_age:
                    data = cached
                    self.from_cache = True
            except (OSError, ValueError):
                data = None
        if data is None:
            try:
                data = _get_json(self.url, self.timeout, accept="application/json")
            except RdapError as exc:
                # A stale cache is better than nothing.
                if self.cache_path and os.path.exists(self.cache_path):
                    try:
                        with open(self.cache_path, encoding="utf-8") as handle:
                            data = json.load(handle)
                        self.from_cache = True
                    except (OSError, ValueError):
                        raise exc from None
                else:
                    raise RdapError("cannot read the RDAP bootstrap file %s: %s" % (self.url, exc.reason),
                                    kind=exc.kind, retry_after=exc.retry_after) from None
            else:
                if self.cache_path:
                    data["_source_url"] = self.url
                    _write_cache(self.cache_path, json.dumps(data))
        services = {}
        for service in data.get("services", []) if isinstance(data, dict) else []:
            if not (isinstance(service, list) and len(service) >= 2):
                continue
            tlds, urls = service[0], service[1]
            https = [u for u in urls if isinstance(u, str) and u.startswith("https://")]
            chosen = (https or [u for u in urls if isinstance(u, str)])
            if not chosen:
                continue
            for tld in tlds:
                services[str(tld).lower().strip(".")] = chosen[0]
        self._services = services
        return services

    def base_url(self, domain: str) -> str | None:
        """Longest matching suffix ('go.id' before 'id'), or None."""
        services = self._load()
        labels = domain.lower().strip(".").split(".")
        for start in range(1, len(labels)):
            suffix = ".".join(labels[start:])
            if suffix in services:
                return services[suffix]
        return None


def _write_cache(path: str, text: str):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    write_atomic(path, text)


def domain_url(base_url: str, domain: str) -> str:
    base = _check_url(base_url)
    if not base.endswith("/"):
        base += "/"
    return base + "domain/" + urllib.parse.quote(domain.lower().strip("."), safe="")


def lookup(base_url: str, domain: str, timeout: float = DEFAULT_TIMEOUT) -> dict:
    """Query one domain and return ``parse_domain`` of the answer (raises RdapError)."""
    answer = _get_json(domain_url(base_url, domain), timeout)
    if not isinstance(answer, dict):
        raise RdapError("the RDAP answer is not a JSON object")
    if answer.get("errorCode"):
        raise RdapError("the RDAP server answered error %s: %s" % (
            answer.get("errorCode"), " ".join(answer.get("description") or [])[:200]))
    return parse_domain(answer)


def _vcard_fn(entity: dict):
    card = entity.get("vcardArray")
    if isinstance(card, list) and len(card) == 2 and isinstance(card[1], list):
        for prop in card[1]:
            if isinstance(prop, list) and len(prop) >= 4 and prop[0] in ("fn", "org") and prop[3]:
                return str(prop[3])
    return None


def parse_domain(answer: dict) -> dict:
    """RFC 9083 domain object -> expires (ISO string or None), registrar, statuses, nameservers."""
    events = {}
    for event in answer.get("events") or []:
        if isinstance(event, dict) and event.get("eventAction") and event.get("eventDate"):
            events.setdefault(str(event["eventAction"]).lower(), str(event["eventDate"]))
    registrar = None
    for entity in answer.get("entities") or []:
        if isinstance(entity, dict) and "registrar" in (entity.get("roles") or []):
            registrar = _vcard_fn(entity)
            if not registrar:
                for public_id in entity.get("publicIds") or []:
                    registrar = "IANA ID %s" % public_id.get("identifier")
            break
    nameservers = []
    for ns in answer.get("nameservers") or []:
        if isinstance(ns, dict) and ns.get("ldhName"):
            name = str(ns["ldhName"]).lower().rstrip(".")
            if name not in nameservers:
                nameservers.append(name)
    return {
        "domain": str(answer.get("ldhName") or "").lower() or None,
        "expires": events.get("expiration"),
        "registered": events.get("registration"),
        "updated": events.get("last changed"),
        "registrar": registrar,
        "statuses": [str(s) for s in answer.get("status") or []],
        "nameservers": nameservers,
    }
