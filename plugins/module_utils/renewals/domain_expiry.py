# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Domain expiry checks: RDAP first, WHOIS (port 43) as fallback, manual dates last.

For each domain: find its RDAP server (override, per-TLD override, or the IANA
bootstrap file, cached), read the expiration event, registrar, status codes and
nameservers; if RDAP has no server for the TLD or fails, ask WHOIS (the
``whois_server`` override, a per-TLD server, or a small built-in table) and parse
the answer with ``whois.parse``. A manual expiry date from the inventory is used
for TLDs that publish none (and is compared with a live date when both exist).

Rate limiting (HTTP 429, WHOIS throttling text), timeouts and answers without
an expiry date give ``unknown`` with the reason; the next run retries. Lookups
run concurrently (threads: the work is network waits). Standard library only;
see rdap.py and whois.py for why no PyPI client is used.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import os
import re

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core.history import default_data_dir
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import alternatives as alt
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import rdap as rdap_mod
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import whois as whois_mod

ACTIVITY = 4
DEFAULT_THRESHOLDS = (30, 14, 7)
# WHOIS servers of the registries courts use most; everything else via IANA's referral.
WHOIS_SERVERS = {
    "id": "whois.id",
    "com": "whois.verisign-grs.com",
    "net": "whois.verisign-grs.com",
    "org": "whois.publicinterestregistry.org",
    "info": "whois.nic.info",
    "biz": "whois.nic.biz",
}
IANA_WHOIS = "whois.iana.org"
# EPP / RDAP statuses that take a site off the air or lose the name (compared letters-only).
CRITICAL_STATUSES = {
    "clienthold": "the registrar has suspended the domain (clientHold)",
    "serverhold": "the registry has suspended the domain (serverHold)",
    "redemptionperiod": "the domain has expired and is in its redemption period",
    "redemption": "the domain has expired and is in its redemption period",
    "pendingdelete": "the domain is about to be deleted (pendingDelete)",
    "pendingtransfer": "a transfer of the domain to another registrar is pending",
}
_DOMAIN_RE = re.compile(r"^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$")


def default_cache_path() -> str:
    """Where the RDAP bootstrap file is cached when the caller names no file: under the
    data directory ($SITEKEEPER_DATA_DIR, else ~/.local/share/sitekeeper) like the history."""
    return os.path.join(default_data_dir(), "cache", "rdap-dns.json")


class DomainConfigError(ValueError):
    """A domain entry in the inventory is wrong; the message names the domain and field."""


def domains_from_sites(sites_by_host: dict) -> list:
    """``{inventory_host: [site, ...]}`` -> a domain entry (the site with its ``host``) for each site
    that has a ``domain`` key, in host then site order."""
    if not isinstance(sites_by_host, dict):
        raise DomainConfigError("sites must be a mapping of inventory host to its list of sites")
    entries = []
    for host, sites in sites_by_host.items():
        if not isinstance(sites, list):
            raise DomainConfigError("the sites of host %s must be a list, got %s" % (host, type(sites).__name__))
        entries.extend(dict(site, host=host) for site in sites if isinstance(site, dict) and "domain" in site)
    return entries


def normalise_domains(domains, default_host: str = "localhost", errors: list | None = None) -> list:
    """Accept names or dicts; return dicts with name, host, expected_nameservers,
    expires (manual, ISO date or None), transfer_expected, whois_server, rdap_url.

    A wrong entry raises DomainConfigError, or, when ``errors`` is a list, is
    appended there as (host, label, message) and skipped."""
    entries = []
    seen = set()
    for index, item in enumerate(domains or []):
        try:
            entry = _normalise_one(index, item, default_host)
        except DomainConfigError as exc:
            if errors is None:
                raise
            host = item.get("host") if isinstance(item, dict) and item.get("host") else default_host
            label = (item.get("name") or item.get("domain")) if isinstance(item, dict) else item
            errors.append((str(host), str(label or "domains[%d]" % index), str(exc)))
            continue
        if entry["name"] in seen:
            continue
        seen.add(entry["name"])
        entries.append(entry)
    return entries


def _normalise_one(index, item, default_host):
    """One entry -> normalised dict (raises DomainConfigError)."""
    if isinstance(item, str):
        item = {"name": item}
    if isinstance(item, dict) and item.get("domain"):
        # A site entry of sitekeeper_sites: domain, domain_nameservers, domain_expires.
        item = {"name": item["domain"], "host": item.get("host"),
                "expected_nameservers": item.get("domain_nameservers") or [],
                "expires": item.get("domain_expires"), "lookup": item.get("domain_lookup", True)}
    if not isinstance(item, dict):
        raise DomainConfigError("domains[%d]: must be a name or a mapping with 'name'" % index)
    name = str(item.get("name") or "").strip().lower().rstrip(".")
    try:
        ascii_name = name.encode("idna").decode("ascii") if name and not name.isascii() else name
    except UnicodeError:
        ascii_name = ""
    if not ascii_name or not _DOMAIN_RE.match(ascii_name):
        raise DomainConfigError("domains[%d]: name %r is not a domain name like 'pn-contoh.go.id'"
                                % (index, item.get("name")))
    expires = item.get("expires")
    if expires not in (None, ""):
        try:
            expires = _to_date(expires).isoformat()
        except (TypeError, ValueError):
            raise DomainConfigError("domain %s: field 'expires' must be a date like 2027-01-31, got %r"
                                    % (ascii_name, expires)) from None
    else:
        expires = None
    expected = item.get("expected_nameservers") or []
    if isinstance(expected, str) or not isinstance(expected, list):
        raise DomainConfigError("domain %s: field 'expected_nameservers' must be a list of names" % ascii_name)
    lookup = item.get("lookup", True)
    if not isinstance(lookup, bool):
        raise DomainConfigError("domain %s: field 'lookup' must be true or false" % ascii_name)
    return {
        "name": ascii_name,
        "host": str(item.get("host") or default_host),
        "expected_nameservers": sorted({str(n).lower().rstrip(".") for n in expected}),
        "expires": expires,
        "lookup": lookup,
        "transfer_expected": bool(item.get("transfer_expected", False)),
        "whois_server": item.get("whois_server"),
        "rdap_url": item.get("rdap_url"),
    }


def _to_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        return datetime.date.fromisoformat(text)
    return fnd.parse_iso(text).date()


def _tld_key(name: str, table: dict):
    labels = name.split(".")
    for start in range(1, len(labels)):
        suffix = ".".join(labels[start:])
        if suffix in table:
            return table[suffix]
    return None


class Checker:
    """Look up many domains; one instance per run (shares the bootstrap cache)."""

    def __init__(self, rdap_bootstrap_url: str | None = rdap_mod.IANA_DNS_BOOTSTRAP, rdap_base_url: str | None = None,
                 rdap_servers: dict | None = None, whois_server: str | None = None,
                 whois_servers: dict | None = None, cache_path: str | None = None,
                 cache_max_age: float = rdap_mod.DEFAULT_CACHE_MAX_AGE, timeout: float = 10.0,
                 use_rdap: bool = True, use_whois: bool = True, whois_referral: bool = True):
        self.rdap_base_url = rdap_base_url
        self.rdap_servers = {k.lower().strip("."): v for k, v in (rdap_servers or {}).items()}
        self.whois_server = whois_server
        self.whois_servers = dict(WHOIS_SERVERS)
        self.whois_servers.update({k.lower().strip("."): v for k, v in (whois_servers or {}).items()})
        self.timeout = timeout
        self.use_rdap = use_rdap
        self.use_whois = use_whois
        self.whois_referral = whois_referral
        self.bootstrap = None
        if use_rdap and rdap_bootstrap_url and not rdap_base_url:
            self.bootstrap = rdap_mod.Bootstrap(rdap_bootstrap_url, cache_path=cache_path,
                                                max_age=cache_max_age, timeout=timeout)

    def rdap_base(self, entry: dict):
        if entry.get("rdap_url"):
            return entry["rdap_url"]
        if self.rdap_base_url:
            return self.rdap_base_url
        override = _tld_key(entry["name"], self.rdap_servers)
        if override:
            return override
        if self.bootstrap is None:
            return None
        return self.bootstrap.base_url(entry["name"])

    def whois_for(self, entry: dict):
        return entry.get("whois_server") or self.whois_server or _tld_key(entry["name"], self.whois_servers)

    def lookup(self, entry: dict) -> dict:
        """One domain -> result dict (never raises for network trouble)."""
        result = {
            "name": entry["name"], "host": entry["host"], "expires": None, "days_left": None,
            "registrar": None, "statuses": [], "nameservers": [], "source": None,
            "manual_expires": entry.get("expires"), "errors": [], "rate_limited": False,
            "retry_after": None, "live_expires": None,
        }
        live = None
        if entry.get("lookup", True):
            if self.use_rdap:
                live = self._rdap(entry, result)
            if (live is None or live.get("expires") is None) and self.use_whois:
                whois_live = self._whois(entry, result)
                if whois_live is not None and (live is None or whois_live.get("expires")):
                    live = whois_live
        if live is not None:
            result.update({k: live[k] for k in ("registrar", "statuses", "nameservers", "source")})
            result["live_source"] = live["source"]
            if live.get("expires"):
                result["expires"] = live["expires"]
                result["live_expires"] = live["expires"]
        if result["expires"] is None and entry.get("expires"):
            result["expires"] = entry["expires"]
            result["source"] = "manual"
        return result

    def _rdap(self, entry, result):
        try:
            base = self.rdap_base(entry)
        except rdap_mod.RdapError as exc:
            result["errors"].append("RDAP: %s" % exc.reason)
            if exc.kind == "rate_limited":
                result["rate_limited"] = True
                result["retry_after"] = exc.retry_after
            return None
        if not base:
            result["errors"].append("RDAP: no RDAP server is known for this TLD")
            return None
        try:
            answer = rdap_mod.lookup(base, entry["name"], timeout=self.timeout)
        except rdap_mod.RdapError as exc:
            result["errors"].append("RDAP: %s" % exc.reason)
            if exc.kind == "rate_limited":
                result["rate_limited"] = True
                result["retry_after"] = exc.retry_after
            if exc.kind == "not_found":
                result["not_registered"] = True
            return None
        expires = None
        if answer.get("expires"):
            try:
                expires = fnd.parse_iso(answer["expires"]).date().isoformat()
            except ValueError:
                result["errors"].append("RDAP: the expiration date %r is not a date" % answer["expires"][:40])
        else:
            result["errors"].append("RDAP: the registry publishes no expiration date for this domain")
        result.pop("not_registered", None)
        return {"expires": expires, "registrar": answer.get("registrar"), "statuses": answer.get("statuses") or [],
                "nameservers": answer.get("nameservers") or [], "source": "rdap"}

    def _whois(self, entry, result):
        server = self.whois_for(entry)
        if not server and self.whois_referral:
            try:
                server = whois_mod.referral(whois_mod.query(IANA_WHOIS, entry["name"].rsplit(".", 1)[-1],
                                                            timeout=self.timeout))
            except whois_mod.WhoisError as exc:
                result["errors"].append("WHOIS: cannot ask IANA which server serves this TLD: %s" % exc)
                return None
        if not server:
            result["errors"].append("WHOIS: no WHOIS server is known for this TLD")
            return None
        try:
            raw = whois_mod.query(server, entry["name"], timeout=self.timeout)
        except (whois_mod.WhoisError, ValueError) as exc:
            result["errors"].append("WHOIS: %s" % exc)
            return None
        parsed = whois_mod.parse(raw, entry["name"])
        if parsed["throttled"]:
            result["rate_limited"] = True
            first = next((line.strip() for line in raw.splitlines() if whois_mod._THROTTLE_RE.search(line)), "")
            result["errors"].append("WHOIS: the server %s is rate limiting us, retry later (%s)" % (server, first[:120]))
            return None
        if parsed["available"]:
            result["not_registered"] = True
            result["errors"].append("WHOIS: the registry says this domain is not registered")
            return None
        expires = None
        if parsed["expires"] is not None:
            expires = whois_mod.as_utc(parsed["expires"]).date().isoformat()
        else:
            result["errors"].append("WHOIS: the answer of %s has no expiry date" % server)
        result.pop("not_registered", None)
        return {"expires": expires, "registrar": parsed["registrar"], "statuses": parsed["statuses"],
                "nameservers": parsed["nameservers"], "source": "whois"}


def evaluate(result: dict, entry: dict, today: datetime.date, thresholds=DEFAULT_THRESHOLDS,
             observed_at: str | None = None) -> list:
    """Findings for one looked-up domain: expiry, status codes and nameservers."""
    name = result["name"]
    host = result["host"]
    out = []
    notice, warning, critical = sorted(thresholds, reverse=True)
    renew_text_id = ("Perpanjang domain %s di registrar sesuai tagihan, lalu jalankan playbook renewals "
                     "untuk memastikan tanggal kedaluwarsa baru." % name)
    renew_action = dict(fnd.action("Renew the domain %s with the registrar against its invoice, then run the "
                                   "renewals playbook to confirm the new expiry date." % name, playbook="renewals"),
                        text_id=renew_text_id)
    details = {k: result.get(k) for k in ("expires", "days_left", "registrar", "statuses", "nameservers", "source",
                                          "manual_expires", "live_expires", "errors", "retry_after")}
    details["thresholds"] = [notice, warning, critical]
    if result["expires"]:
        days_left = (datetime.date.fromisoformat(result["expires"]) - today).days
        result["days_left"] = days_left
        details["days_left"] = days_left
        if days_left < 0:
            status, level = "critical", "expired"
            summary = "The domain %s expired %d day(s) ago." % (name, -days_left)
            summary_id = "Domain %s sudah kedaluwarsa %d hari yang lalu." % (name, -days_left)
        elif days_left <= critical:
            status, level = "critical", "critical"
            summary = "The domain %s expires in %d day(s)." % (name, days_left)
            summary_id = "Domain %s akan kedaluwarsa dalam %d hari." % (name, days_left)
        elif days_left <= notice:
            status, level = "warning", "warning" if days_left <= warning else "notice"
            summary = "The domain %s expires in %d days; start the renewal." % (name, days_left)
            summary_id = "Domain %s akan kedaluwarsa dalam %d hari; mulai proses perpanjangan." % (name, days_left)
        else:
            status, level = "ok", "ok"
            summary = "The domain %s is registered until %s." % (name, result["expires"])
            summary_id = "Domain %s terdaftar sampai %s." % (name, result["expires"])
        details["level"] = level
        actions = [renew_action] if status != "ok" else []
        if result.get("manual_expires") and result.get("live_expires") and \
                result["manual_expires"] != result["live_expires"]:
            details["manual_differs"] = True
    elif result.get("not_registered"):
        status = "critical"
        summary = "The registry says the domain %s is not registered." % name
        summary_id = "Registri menyatakan domain %s tidak terdaftar." % name
        actions = [dict(fnd.action("Check the domain name in the inventory; if it is right, contact the registrar "
                                   "at once.", playbook="troubleshoot"),
                        text_id="Periksa nama domain di inventaris; jika benar, segera hubungi registrar.")]
    else:
        status = "unknown"
        reason = "; ".join(result.get("errors") or ["no expiry date found"])
        if result.get("rate_limited"):
            summary = "The expiry date of the domain %s could not be read now (the registry limits queries); " \
                      "it will be retried." % name
            summary_id = "Tanggal kedaluwarsa domain %s belum dapat dibaca (registri membatasi permintaan); " \
                         "akan dicoba lagi." % name
        else:
            summary = "The expiry date of the domain %s could not be read." % name
            summary_id = "Tanggal kedaluwarsa domain %s tidak dapat dibaca." % name
        details["reason"] = reason
        actions = [dict(fnd.action("Add the expiry date to the inventory (domains: expires) if the registry "
                                   "publishes none, or run the renewals playbook again later.", playbook="renewals"),
                        text_id="Tambahkan tanggal kedaluwarsa di inventaris (domains: expires) jika registri tidak "
                                "menerbitkannya, atau jalankan playbook renewals lagi nanti.")]
    details["summary_id"] = summary_id
    out.append(fnd.make_finding(ACTIVITY, "renewals.domain_expiry", host, name, status, summary, details,
                                evidence=result.get("errors") or [],
                                suggested_actions=alt.with_alternatives("renewals.domain_expiry", status, actions),
                                observed_at=observed_at))
    if result.get("live_source") in ("rdap", "whois"):
        out.append(_status_finding(result, entry, observed_at))
        if entry.get("expected_nameservers"):
            out.append(_ns_finding(result, entry, observed_at))
    return out


def _status_finding(result, entry, observed_at):
    name = result["name"]
    bad = []
    for status in result.get("statuses") or []:
        key = re.sub(r"[^a-z]", "", status.lower())
        if key in CRITICAL_STATUSES and not (key == "pendingtransfer" and entry.get("transfer_expected")):
            bad.append((status, CRITICAL_STATUSES[key]))
    details = {"statuses": result.get("statuses") or [], "critical_statuses": [b[0] for b in bad]}
    if bad:
        summary = "The domain %s has a dangerous registry status: %s." % (name, bad[0][1])
        details["summary_id"] = "Domain %s memiliki status registri berbahaya: %s." % (name, bad[0][0])
        actions = [dict(fnd.action("Contact the registrar today about the status %s of %s." % (bad[0][0], name),
                                   playbook="troubleshoot"),
                        text_id="Hubungi registrar hari ini tentang status %s pada %s." % (bad[0][0], name))]
        status = "critical"
    else:
        summary = "The registry status of the domain %s is normal." % name
        details["summary_id"] = "Status registri domain %s normal." % name
        actions = []
        status = "ok"
    return fnd.make_finding(ACTIVITY, "renewals.domain_status", result["host"], name, status, summary, details,
                            evidence=["%s: %s" % b for b in bad],
                            suggested_actions=alt.with_alternatives("renewals.domain_status", status, actions),
                            observed_at=observed_at)


def _ns_finding(result, entry, observed_at):
    name = result["name"]
    expected = set(entry["expected_nameservers"])
    seen = set(result.get("nameservers") or [])
    details = {"expected": sorted(expected), "seen": sorted(seen)}
    if not seen:
        status = "unknown"
        summary = "The nameservers of the domain %s could not be read." % name
        details["summary_id"] = "Nameserver domain %s tidak dapat dibaca." % name
        actions = []
    elif seen != expected:
        status = "critical"
        details["added"] = sorted(seen - expected)
        details["removed"] = sorted(expected - seen)
        summary = "The nameservers of the domain %s are not the expected ones; this can mean the domain was " \
                  "hijacked." % name
        details["summary_id"] = "Nameserver domain %s tidak sesuai yang diharapkan; ini bisa berarti domain " \
                                "dibajak." % name
        actions = [dict(fnd.action("Confirm the nameserver change with the registrar and the hosting provider; if "
                                   "nobody asked for it, lock the domain and restore the nameservers.",
                                   playbook="troubleshoot"),
                        text_id="Pastikan perubahan nameserver dengan registrar dan penyedia hosting; jika tidak ada "
                                "yang memintanya, kunci domain dan kembalikan nameserver.")]
    else:
        status = "ok"
        summary = "The nameservers of the domain %s are the expected ones." % name
        details["summary_id"] = "Nameserver domain %s sesuai yang diharapkan." % name
        actions = []
    return fnd.make_finding(ACTIVITY, "renewals.domain_nameservers", result["host"], name, status, summary, details,
                            suggested_actions=alt.with_alternatives("renewals.domain_nameservers", status, actions),
                            observed_at=observed_at)


def check(domains, today: datetime.date | None = None, thresholds=DEFAULT_THRESHOLDS, default_host="localhost",
          max_workers: int = 8, observed_at: str | None = None, **checker_options) -> dict:
    """Look up and evaluate all domains concurrently.

    Returns ``{"domains": [...], "findings": [...], "metrics": [...]}``; a bad entry
    raises DomainConfigError before any lookup.
    """
    config_errors = []
    entries = normalise_domains(domains, default_host, errors=config_errors)
    today = today or datetime.datetime.now(datetime.timezone.utc).date()
    observed_at = observed_at or fnd.utc_now_iso()
    checker = Checker(**checker_options)
    # Load the bootstrap once before fanning out (one download, not one per thread).
    if checker.bootstrap is not None and any(e["lookup"] for e in entries):
        try:
            checker.bootstrap._load()
        except rdap_mod.RdapError:
            pass
    results = [None] * len(entries)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, min(max_workers, len(entries) or 1))) as pool:
        futures = {pool.submit(checker.lookup, entry): i for i, entry in enumerate(entries)}
        for future in concurrent.futures.as_completed(futures):
            results[futures[future]] = future.result()
    all_findings = []
    metrics = []
    for host, label, message in config_errors:
        all_findings.append(fnd.make_finding(
            ACTIVITY, "renewals.domain_config", host, label[:200] or "domains", "unknown",
            "A domain entry in the inventory is wrong and was not checked: %s." % message[:300],
            {"error": message, "summary_id": "Entri domain di inventaris salah dan tidak diperiksa: %s."
             % message[:300]},
            evidence=[message],
            suggested_actions=[dict(fnd.action("Correct the domain entry (renewals_domains or the site's domain "
                                               "key) in the inventory.", playbook="renewals"),
                                    text_id="Perbaiki entri domain (renewals_domains atau kunci domain situs) di "
                                            "inventaris.")],
            observed_at=observed_at))
    for entry, result in zip(entries, results):
        all_findings.extend(evaluate(result, entry, today, thresholds, observed_at))
        if result.get("days_left") is not None:
            metrics.append({"activity": ACTIVITY, "host": result["host"], "subject": result["name"],
                            "name": "expires_days_left", "value": result["days_left"]})
    public = []
    for result in results:
        public.append({k: result.get(k) for k in (
            "name", "host", "expires", "days_left", "registrar", "statuses", "nameservers", "source",
            "manual_expires", "live_expires", "errors", "rate_limited", "retry_after")})
    return {"domains": public, "findings": all_findings, "metrics": metrics,
            "errors": [message for _host, _label, message in config_errors]}
