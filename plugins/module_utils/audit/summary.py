# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Aggregation of parsed access-log rows: the visitor summary and the incidents.

Standard library only (this code runs on the web host).

Rows come in chunks (see log_formats). Per chunk, counting is done by
``collections.Counter`` over ``operator.itemgetter`` maps, i.e. in C; signatures run
once per distinct request or agent (log_detections.Classifier caches them); only
the rows that are suspicious, 404s or login POSTs are looked at one by one.

Memory is bounded whatever the log size: every counter keyed by something visitors
choose (pages, referrers, clients, client-minutes) is pruned to its heaviest entries
when it grows past a limit, and per-client event lists are capped. The pruning makes
"top" lists approximate only for logs with more distinct keys than the limits.
"""

from __future__ import annotations

import heapq
from collections import Counter
from itertools import compress
from operator import itemgetter

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import (
    DEFAULT_VERIFIED_CRAWLERS,
    DETECTIONS,
    Classifier,
    Networks,
    combine,
    max_severity,
    raise_severity,
)
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.formats import TimeCache, minute_epoch
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.incidents import (
    NEAR_MIN,
    IncidentBook,
)
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.paths import answered_missing, technology

DEFAULT_THRESHOLDS = {
    # signature detections: suspicious requests from one client before it is an incident
    "sqli": 1,
    "xss": 1,
    "path_traversal": 1,
    "rfi": 1,
    "command_injection": 1,
    "webshell": 1,
    "exploit_probe": 1,
    "sensitive_file": 1,
    "scanner_agent": 1,
    "fake_crawler": 1,             # requests of a client whose crawler claim reverse DNS disproves
    "php_injection": 1,
    "java_injection": 1,
    "template_injection": 1,
    "nodejs_injection": 1,
    "protocol_abuse": 1,
    # a path where this many different clients sent parameters with moderate evidence and got 2xx
    # answers is the site's normal traffic (0: never learn)
    "normal_path_clients": 10,
    # behaviour detections
    "brute_force_posts": 5,        # POSTs to login pages by one client ... (fail2ban's maxretry)
    "brute_force_window": 600,     # ... within this many seconds (fail2ban's findtime)
    "brute_force_slow_posts": 20,  # low-and-slow guessing: POSTs to login pages by one client ...
    "brute_force_slow_window": 86400,  # ... within a day
    "probing_404_paths": 20,       # distinct missing paths asked by one client ...
    "probing_404_window": 600,     # ... within this many seconds
    "burst_rate_per_minute": 120,  # leaky bucket: requests a client may make per minute on average ...
    "burst_capacity": 600,         # ... and how far above that it may go before it is a burst
}
LIMITS = {
    "top": 10,              # entries in each top list
    "evidence": 5,          # evidence lines kept per incident
    "unparsed_samples": 5,  # refused lines kept as samples
    "counter_max": 50000,   # pages, referrers, clients: prune to half when bigger
    "events_per_client": 2000,
    "clients_with_events": 20000,
    "incidents_max": 5000,
    "requests_cache": 200000,  # distinct requests whose classification is kept
    "near_misses": 20000,      # distinct near-miss requests kept for the second opinion
}

_g0, _g1, _g3, _g4, _g5, _g6, _g7 = (itemgetter(i) for i in (0, 1, 3, 4, 5, 6, 7))


# What else the court's IT staff can do about each audit problem, after the finding's own first action
# (SOP activity 5: "alternative solutions"): (text, Indonesian text, playbook), added to every warning or
# critical finding of the check. Plain tuples: findings is imported only when findings are built.
ALTERNATIVES = {
    "audit.log_files": (
        ("Give the audit account read access to the logs: add it to the adm group, or set the group in the"
         " 'create' line of the log's logrotate file.",
         "Beri akun audit hak baca log: tambahkan ke grup adm, atau atur grupnya pada baris 'create' berkas"
         " logrotate log tersebut.", None),
        ("If the logs were rotated away or deleted, keep them longer in logrotate (rotate 14 or more) so that each"
         " audit still finds them.",
         "Jika log sudah dirotasi habis atau terhapus, simpan lebih lama di logrotate (rotate 14 atau lebih) agar"
         " setiap audit masih menemukannya.", None),
    ),
    "audit.suspicious_activity": (
        ("Put a web application firewall in front of the site: ModSecurity with the OWASP Core Rule Set on the web"
         " server, or the hosting provider's firewall.",
         "Pasang firewall aplikasi web di depan situs: ModSecurity dengan OWASP Core Rule Set di server web, atau"
         " firewall dari penyedia hosting.", None),
        ("If the attacks go on, send the incident list to the hosting provider or ISP to filter them upstream and,"
         " where the court's rules ask for it, report them to Gov-CSIRT (BSSN).",
         "Jika serangan berlanjut, kirim daftar insiden ke penyedia hosting atau ISP agar disaring di hulu dan, bila"
         " aturan pengadilan memintanya, laporkan ke Gov-CSIRT (BSSN).", "troubleshoot"),
    ),
    "audit.unparsed_lines": (
        ("Or set the web server's log_format to the standard combined format, which the audit reads without any"
         " setting.",
         "Atau ubah log_format server web ke format combined standar, yang dibaca audit tanpa pengaturan apa pun.",
         None),
        ("Look at the sample lines shown: lines written by another program mean access_logs names the wrong file.",
         "Lihat contoh baris yang ditampilkan: baris dari program lain berarti access_logs menunjuk berkas yang"
         " salah.", "audit"),
    ),
}
_INERT = {c: "\\x%02x" % c for c in list(range(32)) + [127]}


def safe_text(value, limit=400) -> str:
    """Bytes an attacker wrote, as inert text: control bytes escaped, length bounded."""
    if isinstance(value, bytes):
        value = value[: limit * 4].decode("utf-8", "backslashreplace")
    text = value[:limit].translate(_INERT)
    return text + ("\u2026" if len(value) > limit else "")


def _prune(counter: Counter, limit: int) -> Counter:
    if len(counter) <= limit:
        return counter
    return Counter(dict(counter.most_common(limit // 2)))


def _path_of(request: bytes) -> bytes:
    parts = request.split(b" ")
    target = parts[1] if len(parts) >= 2 else request
    return target.split(b"?", 1)[0]


def row_text(row) -> str:
    """A readable, inert line for evidence, rebuilt from a row."""
    client, minute, sec_tz, request, status, size, referer, agent = row[:8]
    return safe_text(b'%s [%s%s] "%s" %s %s "%s"' % (client, minute, sec_tz, request, status, size, agent), 500)


class Aggregator:
    """Accumulates chunks of rows; ``merge`` combines workers; ``finish`` builds the result."""

    def __init__(self, thresholds=None, allowlist=None, verified_crawlers=None, detections=None,
                 login_paths=None, extra_agents=None, since=None, until=None, limits=None, crawler_dns=None,
                 resolver=None, allow_params=None, second_opinion=None):
        self.thresholds = dict(DEFAULT_THRESHOLDS, **(thresholds or {}))
        # Reverse-DNS verification of crawler claims (off unless crawler_dns.enabled): done once, in finish().
        self.crawler_dns = dict(crawler_dns) if crawler_dns and crawler_dns.get("enabled") else None
        self.resolver = resolver
        self.claims = {}
        self.limits = dict(LIMITS, **(limits or {}))
        self.detections = set(detections) if detections is not None else set(DETECTIONS)
        self._options = (allowlist, verified_crawlers, detections, login_paths, extra_agents, allow_params)
        self.since, self.until = since, until
        self.second_opinion = second_opinion
        self.track_near = second_opinion is not None  # near misses are kept only for a second opinion
        self.book = IncidentBook(self.limits, self.thresholds["normal_path_clients"], None, row_text, safe_text)
        self._setup()
        self.lines = 0
        self.unparsed = 0
        self.unparsed_samples = []
        self.out_of_window = 0
        self.clients = Counter()
        self.pages = Counter()
        self.referers = Counter()
        self.statuses = Counter()
        self.minutes = Counter()
        self.bytes = 0
        self.automated = 0
        self.client_minutes = Counter()
        self.login_events = {}
        self.missing_events = {}

    def _setup(self):
        allowlist, verified, detections, login_paths, extra_agents, allow_params = self._options
        self.allow = Networks(allowlist or [])
        crawlers = verified if verified is not None else DEFAULT_VERIFIED_CRAWLERS
        self.crawlers = [(c["agent"].lower().encode(), Networks(c.get("networks", []))) for c in crawlers]
        self.crawler_domains = [tuple(str(d).lower().strip(".") for d in c.get("dns") or ()) for c in crawlers]
        self.claim_cache = {}
        self.classifier = Classifier(detections, login_paths, extra_agents, allow_params)
        self.times = TimeCache()
        self.book.bind(self.times.epoch, row_text, safe_text)
        self._exempt = {}
        # Per distinct request: its path (for top pages), signatures and login POSTs; rebuilt when
        # full and never sent between processes (a worker classifies what it reads).
        self._paths, self._flagged, self._logins, self._watch = {}, {}, set(), set()
        self._near = set()
        self._absolute = {}  # absolute-form request -> the host it names (decided against the site's hosts)
        self._tech = {}      # request that raised nothing -> the server-side technology its path names
        self._tools, self._refs = {}, {}

    def __getstate__(self):
        state = dict(self.__dict__)
        for key in ("allow", "crawlers", "crawler_domains", "claim_cache", "classifier", "times", "_exempt", "_paths",
                    "_flagged", "_logins", "_watch", "_tools", "_refs", "resolver", "second_opinion", "_near",
                    "_absolute", "_tech"):
            state.pop(key, None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.resolver = None
        self.second_opinion = None
        self._setup()

    # -- exemptions ---------------------------------------------------------
    def exempt(self, client: bytes, agent: bytes) -> bool:
        """Allowlisted address, or a verified crawler (agent AND published address range)."""
        key = (client, agent)
        hit = self._exempt.get(key)
        if hit is None:
            hit = self.allow.contains(client)
            if not hit:
                low = agent.lower()
                hit = any(name in low and nets.contains(client) for name, nets in self.crawlers)
            if len(self._exempt) > 100000:
                self._exempt.clear()
            self._exempt[key] = hit
        return hit

    # -- per chunk ----------------------------------------------------------
    def add_unparsed(self, lines):
        self.unparsed += len(lines)
        room = self.limits["unparsed_samples"] - len(self.unparsed_samples)
        for line in lines[:max(room, 0)]:
            self.unparsed_samples.append(safe_text(line, 300))

    def _window(self, rows):
        epoch = self.times.epoch
        lo = self.since if self.since is not None else float("-inf")
        hi = self.until if self.until is not None else float("inf")
        kept = [r for r in rows if lo <= epoch(r[1], r[2]) < hi]
        self.out_of_window += len(rows) - len(kept)
        return kept

    def add_rows(self, rows):
        """Count one chunk of rows. Every per-row step is a C-level map or Counter; Python loops
        run only over what is new (requests and agents not seen before) or suspicious."""
        if self.since is not None or self.until is not None:
            rows = self._window(rows)
        if not rows:
            return
        limit = self.limits["counter_max"]
        self.lines += len(rows)
        chunk_clients = Counter(map(_g0, rows))
        self.clients.update(chunk_clients)
        self.minutes.update(map(_g1, rows))
        self.statuses.update(map(_g4, rows))
        self.bytes += sum(map(int, filter(bytes.isdigit, map(_g5, rows))))
        self.referers.update(map(_g6, rows))
        requests = list(map(_g3, rows))
        distinct = set(requests)
        paths = self._paths
        new = distinct.difference(paths)
        if new:
            self._learn_requests(new)
            paths = self._paths
        self.pages.update(map(paths.__getitem__, requests))
        if self._tech and not distinct.isdisjoint(self._tech):
            self._site_technology([r for r in rows if r[3] in self._tech])
        agents = Counter(map(_g7, rows))
        agent_class = self.classifier.agent
        claimed = {}
        for agent, n in agents.items():
            if agent_class(agent)[1]:
                self.automated += n
                if self.crawler_dns is not None:
                    index = crawler_claim(self, agent)
                    if index is not None:
                        claimed[agent] = index
        # attack tools and payloads in the agent or Referer: classified once per distinct value
        tools, refs = self._tools, self._refs = self.classifier.header_hits(agents, set(map(_g6, rows)))
        if claimed:
            add_claims(self, rows, claimed)
        # Client-minute counts for the burst detection, only for clients busy enough in
        # this chunk to matter: a client below half the leak rate cannot fill the bucket.
        if "request_burst" in self.detections:
            floor = max(1, self.thresholds["burst_rate_per_minute"] // 2)
            heavy = set(compress(chunk_clients.keys(), map(floor.__le__, chunk_clients.values())))
            if heavy:
                per_minute = Counter([(r[0], r[1]) for r in rows if r[0] in heavy])
                for key, n in per_minute.items():
                    if n >= floor:
                        self.client_minutes[key] += n
        # The rows worth a look one by one: 404s, and (only when this chunk has any) signature
        # requests, login POSTs and attack-tool agents. One simple comprehension per case is
        # faster than chained C-level masks.
        watch = self._watch
        if watch and watch.isdisjoint(distinct):
            watch = None
        if refs:
            picked = [r for r in rows if r[4] == b"404" or r[3] in (watch or ()) or r[7] in tools or r[6] in refs]
        elif watch and tools:
            picked = [r for r in rows if r[4] == b"404" or r[3] in watch or r[7] in tools]
        elif watch:
            picked = [r for r in rows if r[4] == b"404" or r[3] in watch]
        elif tools:
            picked = [r for r in rows if r[4] == b"404" or r[7] in tools]
        else:
            picked = [r for r in rows if r[4] == b"404"]
        for row in picked:
            self._inspect(row)
        if len(self.pages) > limit:
            self.pages = _prune(self.pages, limit)
        if len(self.referers) > limit:
            self.referers = _prune(self.referers, limit)
        if len(self.clients) > limit * 4:
            self.clients = _prune(self.clients, limit * 4)
        if len(self.client_minutes) > limit * 4:
            self.client_minutes = _prune(self.client_minutes, limit * 4)

    def _site_technology(self, rows):
        """Learn the technologies the site runs (2xx on their pages) and hold back the requests for
        the others answered 4xx (decided in finish, see incidents.py); rows whose request names one."""
        techs, book = self._tech, self.book
        for row in rows:
            tech = techs.get(row[3])
            if tech is None or self.exempt(row[0], row[7]):
                continue
            status = row[4]
            if status[:1] == b"2":
                if book.tech_answered(tech, row[0]):
                    # the site runs it: its requests need no more looking at
                    for req in [q for q, t in techs.items() if t == tech]:
                        del techs[req]
            elif answered_missing(status):
                book.tech_missing(tech, self._paths.get(row[3]) or _path_of(row[3]), row[0], row)

    def _learn_requests(self, new):
        """Classify requests not seen before (their path, signatures, login POST); bounded."""
        if len(self._paths) + len(new) > self.limits["requests_cache"]:
            self._paths, self._flagged, self._logins, self._near = {}, {}, set(), set()
            self._tech = {}
        paths, flagged, logins, near = self._paths, self._flagged, self._logins, self._near
        classify = self.classifier.verdict
        tech_of, techs = technology, self._tech if "exploit_probe" in self.detections else None
        for req in new:
            path = paths[req] = _path_of(req)
            verdict, login = classify(req)
            if techs is not None and not verdict.ids:
                tech = tech_of(path)
                if tech is not None and not self.book.site_runs(tech):
                    techs[req] = tech
            if verdict.ids:
                flagged[req] = verdict
            elif verdict.score >= NEAR_MIN and self.track_near:
                near.add(req)
            if login:
                logins.add(req)
            if req[req.find(b" ") + 1:][:4].lower() == b"http" and not verdict.ids:
                host = absolute_host(req)
                if host:
                    self._absolute[req] = host
        self._watch = set(flagged).union(logins, near, self._absolute)

    def _inspect(self, row):
        client, agent, req = row[0], row[7], row[3]
        if self.exempt(client, agent):
            return
        verdict = self._flagged.get(req)
        status = row[4]
        ids = ()
        if verdict is not None:
            ids = verdict.ids
            if "_weak" in "".join(ids):
                # product and file-name hints count only when the site does not have them (4xx)
                ids = tuple(i for i in ids if not i.endswith("_weak")) + tuple(
                    i[:-5] for i in ids if i.endswith("_weak") and status[:1] == b"4" and i[:-5] not in ids)
        heads = combine(self._tools.get(agent), self._refs.get(row[6]) if self._refs else None)
        if heads.ids:  # the part (agent, referer) is named in the evidence; never weighed down as normal
            ids = ids + tuple(i for i in heads.ids if i not in ids)
            verdict = combine(verdict, heads)
        if ids:
            self.book.record(client, ids, row, verdict, self._paths.get(req))
        else:
            if req in self._near:
                self.book.near_miss(req, client, row)
            if req in self._absolute and "protocol_abuse" in self.detections:
                self.book.absolute_form(self._absolute[req], client, row)
        if req in self._logins and "brute_force" in self.detections:
            self._event(self.login_events, client, self.times.epoch(row[1], row[2]), row)
        if status == b"404" and "probing_404" in self.detections:
            self._event(self.missing_events, client, self.times.epoch(row[1], row[2]), row,
                        self._paths.get(req) or _path_of(req))

    def _event(self, store, client, epoch, row, extra=None):
        events = store.get(client)
        if events is None:
            if len(store) >= self.limits["clients_with_events"]:
                return
            events = store[client] = []
        if len(events) < self.limits["events_per_client"]:
            events.append((epoch, extra, row_text(row) if len(events) < self.limits["evidence"] else None))

    # -- combining workers --------------------------------------------------
    def merge(self, other: Aggregator):
        self.lines += other.lines
        self.unparsed += other.unparsed
        room = self.limits["unparsed_samples"] - len(self.unparsed_samples)
        self.unparsed_samples.extend(other.unparsed_samples[:max(room, 0)])
        self.out_of_window += other.out_of_window
        for name in ("clients", "pages", "referers", "statuses", "minutes", "client_minutes"):
            getattr(self, name).update(getattr(other, name))
        self.bytes += other.bytes
        self.automated += other.automated
        for name in ("login_events", "missing_events"):
            mine = getattr(self, name)
            for client, events in getattr(other, name).items():
                mine.setdefault(client, []).extend(events)
        for client, claim in other.claims.items():
            mine = self.claims.get(client)
            if mine is None:
                if len(self.claims) < self.limits["clients_with_events"]:
                    self.claims[client] = list(claim)
            else:
                mine[1] += claim[1]
        self.book.merge(other.book)

    # -- results ------------------------------------------------------------
    def finish(self):
        """The visitor summary, incidents (sorted, most serious first) and unparsed info."""
        top = self.limits["top"]
        incidents = []
        dns = verify_claims(self)
        verified = {c for c, v in dns.items() if v[0] == "verified"}  # the crawler it claims: exempt
        fake = {c: v for c, v in dns.items() if v[0] == "fake" and "fake_crawler" in self.detections}
        behaviour = behaviour_detections(self, verified)
        th = self.thresholds
        self.book.settle(self.second_opinion, site_hosts(self.referers, self.pages))
        book = self.book.incidents
        for client in (set(book) | set(behaviour) | set(fake)) - verified:
            inc = book.get(client) or {"hits": Counter(), "count": 0, "first": None, "last": None,
                                       "evidence": [], "success": 0, "rules": {}}
            ids = [i for i, n in inc["hits"].items() if n >= th.get(i, 1)]
            by_detection = {i: inc["hits"][i] for i in ids}
            evidence = list(inc["evidence"])
            crawler_check = None
            if client in fake and self.claims[client][1] >= th["fake_crawler"]:
                claim = self.claims[client]
                ids.append("fake_crawler")
                by_detection["fake_crawler"] = claim[1]
                crawler_check = "claims to be %s, but %s" % (fake[client][2], fake[client][1])
                if len(evidence) < self.limits["evidence"]:
                    evidence.append(claim[2])
                inc = dict(inc, first=inc["first"] or claim[3], last=inc["last"] or claim[3])
            for ident, n, lines in behaviour.get(client, []):
                ids.append(ident)
                by_detection[ident] = n
                evidence.extend(lines[: max(0, self.limits["evidence"] - len(evidence))])
            if not ids:
                continue
            severity = max_severity(DETECTIONS[i][0] for i in ids)
            if inc["success"] or len(ids) >= 3:
                severity = raise_severity(severity)
            incidents.append({
                "client": safe_text(client, 100),
                "detections": sorted(ids),
                "severity": severity,
                "count": max(inc["count"], sum(by_detection.values()) if not inc["count"] else inc["count"]),
                "by_detection": by_detection,
                "requests_total": self.clients.get(client, inc["count"]),
                "successful_responses": inc["success"],
                "first_seen": safe_text(inc["first"] or b"", 40) or None,
                "last_seen": safe_text(inc["last"] or b"", 40) or None,
                "evidence": evidence[: self.limits["evidence"]],
            })
            if inc["rules"]:
                incidents[-1]["rules"] = [
                    {"rule": rule, "detection": det, "part": safe_text(part, 60), "raw": safe_text(raw, 200),
                     "decoded": safe_text(dec, 200)} for rule, (det, part, raw, dec) in inc["rules"].items()
                    if det.replace("_weak", "") in ids or det == "second_opinion"]
            if inc.get("second_opinion"):
                incidents[-1]["second_opinion"] = inc["second_opinion"]
            if crawler_check:
                incidents[-1]["crawler_check"] = safe_text(crawler_check, 300)
        rank = {"critical": 3, "high": 2, "medium": 1, "low": 0}
        incidents.sort(key=lambda i: (-rank[i["severity"]], -i["count"], i["client"]))
        hours = Counter()
        for minute, n in self.minutes.items():
            hours[minute[:14]] += n
        status_classes = Counter()
        for status, n in self.statuses.items():
            status_classes[(status[:1] + b"xx") if status[:1].isdigit() else b"other"] += n
        referers = Counter({k: v for k, v in self.referers.items() if k not in (b"-", b"")})
        summary = {
            "requests": self.lines,
            "unique_visitors": len(self.clients),
            "bytes": self.bytes,
            "status_classes": {k.decode(): v for k, v in sorted(status_classes.items())},
            "statuses": {safe_text(k, 10): v for k, v in _top(self.statuses, top)},
            "top_pages": [{"page": safe_text(k, 200), "requests": v} for k, v in _top(self.pages, top)],
            "top_referrers": [{"referrer": safe_text(k, 200), "requests": v} for k, v in _top(referers, top)],
            "top_clients": [{"client": safe_text(k, 100), "requests": v} for k, v in _top(self.clients, top)],
            "requests_per_hour": {_hour_label(k): v for k, v in sorted(hours.items(), key=lambda kv: _hour_sort(kv[0]))},
            "automated_requests": self.automated,
            "human_requests": self.lines - self.automated,
            "automated_share": round(self.automated / self.lines, 4) if self.lines else 0.0,
            "out_of_window": self.out_of_window,
        }
        if self.crawler_dns is not None:
            tally = Counter(v[0] for v in dns.values())
            summary["crawler_verification"] = {
                "checked": len(dns), "verified": tally["verified"], "fake": tally["fake"],
                "unverified": tally["unverified"],
                "clients": [{"client": safe_text(c, 100), "crawler": v[2], "status": v[0], "detail": safe_text(v[1], 200),
                             "requests": self.claims[c][1]}
                            for c, v in sorted(dns.items(), key=lambda kv: -self.claims[kv[0]][1])[:20]],
            }
        if self.book.opinion is not None:
            summary["second_opinion"] = self.book.opinion[1]
        if self.book.normal:
            summary["learned_normal_paths"] = [{"path": safe_text(k, 200), "hits_ignored": v}
                                               for k, v in _top(self.book.normal, top)]
        if len(summary["requests_per_hour"]) > 48:  # keep the latest two days
            summary["requests_per_hour"] = dict(list(summary["requests_per_hour"].items())[-48:])
        return {
            "summary": summary,
            "incidents": incidents,
            "unparsed": {"count": self.unparsed, "samples": list(self.unparsed_samples)},
        }


def crawler_claim(agg, agent):
    """Index of the crawler (with reverse-DNS domains) an agent claims to be, or None; cached."""
    if agent in agg.claim_cache:
        return agg.claim_cache[agent]
    low = agent.lower()
    found = None
    for index, (name, _nets) in enumerate(agg.crawlers):
        if name in low and agg.crawler_domains[index]:
            found = index
            break
    if len(agg.claim_cache) > 10000:
        agg.claim_cache.clear()
    agg.claim_cache[agent] = found
    return found


def add_claims(agg, rows, claimed):
    """Remember clients that claim a crawler from outside its published networks (checked in finish)."""
    per_client = Counter((r[0], r[7]) for r in rows if r[7] in claimed)
    first = {}
    for row in rows:
        if row[7] in claimed and row[0] not in first:
            first[row[0]] = row
    for (client, agent), n in per_client.items():
        index = claimed[agent]
        if agg.allow.contains(client) or agg.crawlers[index][1].contains(client):
            continue
        claim = agg.claims.get(client)
        if claim is None:
            if len(agg.claims) >= agg.limits["clients_with_events"]:
                continue
            row = first[client]
            claim = agg.claims[client] = [index, 0, row_text(row), row[1] + row[2]]
        claim[1] += n


def verify_claims(agg):
    """{client: (status, detail, crawler)} for an Aggregator's crawler claimants, by reverse DNS (bounded)."""
    from ansible_collections.sitekeeper.website.plugins.module_utils.audit import dns as log_dns

    if agg.crawler_dns is None or not agg.claims:
        return {}
    text = {}
    todo = []
    for client, (index, n, _ev, _when) in agg.claims.items():
        address = client.decode("ascii", "replace")
        text[address] = client
        todo.append((address, agg.crawler_domains[index], n))
    opts = agg.crawler_dns
    found = log_dns.verify(todo, agg.resolver, timeout=opts.get("timeout", log_dns.DEFAULT_TIMEOUT),
                           max_lookups=opts.get("max_lookups", log_dns.DEFAULT_MAX_LOOKUPS))
    return {text[a]: (status, detail, agg.crawlers[agg.claims[text[a]][0]][0].decode("ascii", "replace"))
            for a, (status, detail) in found.items()}


def behaviour_detections(agg, skip=frozenset()):
    """Window-based detections of an Aggregator: brute force, 404 probing, request bursts (not for
    ``skip`` clients)."""
    th = agg.thresholds
    found = {}
    for client, events in agg.login_events.items():
        if client in skip:
            continue
        events.sort(key=itemgetter(0))
        fast = _max_in_window(events, th["brute_force_window"])
        slow = _max_in_window(events, th["brute_force_slow_window"])
        if fast >= th["brute_force_posts"] or slow >= th["brute_force_slow_posts"]:
            found.setdefault(client, []).append(("brute_force", len(events), [e[2] for e in events if e[2]]))
    window = th["probing_404_window"]
    for client, events in agg.missing_events.items():
        if client in skip:
            continue
        events.sort(key=itemgetter(0))
        best, start = 0, 0
        seen = Counter()
        for end in range(len(events)):
            seen[events[end][1]] += 1
            while events[end][0] - events[start][0] > window:
                seen[events[start][1]] -= 1
                if not seen[events[start][1]]:
                    del seen[events[start][1]]
                start += 1
            best = max(best, len(seen))
        if best >= th["probing_404_paths"]:
            found.setdefault(client, []).append(("probing_404", best, [e[2] for e in events if e[2]]))
    if "request_burst" in agg.detections:
        rate, capacity = th["burst_rate_per_minute"], th["burst_capacity"]
        per_client = {}
        for (client, minute), n in agg.client_minutes.items():
            if client in skip or agg.allow.contains(client):
                continue
            per_client.setdefault(client, []).append((minute_epoch(minute), n))
        for client, series in per_client.items():
            series.sort()
            level, peak, prev = 0, 0, None
            for when, n in series:
                if prev is not None:
                    level = max(0, level - rate * (when - prev) // 60)
                level += n
                prev = when
                peak = max(peak, level)
            if peak > capacity + rate:
                found.setdefault(client, []).append(("request_burst", peak, []))
    return found


def absolute_host(request: bytes) -> bytes:
    """The host an absolute-form request line names (GET http://host/...), lower-case, or b""."""
    target = request.split(b" ", 2)[1] if request.count(b" ") >= 1 else b""
    scheme, sep, rest = target.partition(b"://")
    if not sep or not scheme.isalpha():
        return b""
    return rest.split(b"/", 1)[0].split(b"?", 1)[0].rsplit(b"@", 1)[-1].lower()


def site_hosts(referers: Counter, pages: Counter) -> set:
    """The site's own host names, from the Referer headers its visitors send: a host is the site's when
    at least 5 requests were referred from a page (not just "/") that visitors also asked this site for,
    i.e. internal navigation. A search engine's or another site's referer does not make its host ours."""
    hosts = Counter()
    for referer, n in referers.items():
        scheme, sep, rest = referer.partition(b"://")
        if not sep or scheme.lower() not in (b"http", b"https"):
            continue
        host, slash, path = rest.partition(b"/")
        path = b"/" + path.split(b"?", 1)[0]
        if slash and path != b"/" and path in pages:
            hosts[host.rsplit(b"@", 1)[-1].lower()] += n
    return {h for h, n in hosts.items() if n >= 5}


def _top(counter, n):
    """The n heaviest entries, ties by key: the same list whatever order the lines were read in."""
    return heapq.nsmallest(n, counter.items(), key=lambda kv: (-kv[1], kv[0]))


def _max_in_window(events, window):
    """Most events (sorted by time) within any span of ``window`` seconds."""
    best, start = 0, 0
    for end in range(len(events)):
        while events[end][0] - events[start][0] > window:
            start += 1
        best = max(best, end - start + 1)
    return best


def _hour_sort(key: bytes):
    try:
        return minute_epoch(key + b":00")
    except (ValueError, IndexError):
        return 0


def _hour_label(key: bytes) -> str:
    """b'10/Oct/2023:13' -> '2023-10-10T13' (the log's own time zone)."""
    try:
        import time

        t = time.gmtime(minute_epoch(key + b":00"))
        return "%04d-%02d-%02dT%02d" % (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour)
    except (ValueError, IndexError):
        return safe_text(key, 20)


# ---------------------------------------------------------------------------
# Findings (activity 3). Check ids are stable: the report translates by them.

def _names(ids, lang):
    col = 2 if lang == "id" else 1
    return ", ".join(DETECTIONS[i][col] for i in ids)


def build_findings(result, host, subject, observed_at=None, unparsed_warn_share=0.01):
    """Findings for one audited site (or log set) from an audit() result."""
    from ansible_collections.sitekeeper.website.plugins.module_utils.findings import action, make_finding

    findings = []
    summary = result["summary"]
    incidents = result["incidents"]
    problems = result.get("problems", [])
    files = result.get("files", [])
    read_any = any(f.get("status") in ("read", "unchanged", "truncated", "empty") for f in files)

    def add(check, status, text, text_id, details=None, evidence=None, actions=None):
        details = dict(details or {})
        details["summary_id"] = text_id
        alternatives = ALTERNATIVES.get(check, ()) if status in ("warning", "critical") else ()
        actions = list(actions or []) + [action(en, playbook=pb, text_id=tid) for en, tid, pb in alternatives]
        findings.append(make_finding(3, check, host, subject, status, text, details, evidence, actions,
                                     observed_at))

    # 1. The log files themselves.
    if problems or result.get("state_problem"):
        lines = [p["message"] for p in problems] + ([result["state_problem"]] if result.get("state_problem") else [])
        status = "unknown" if not read_any else "warning"
        add("audit.log_files", status,
            "Some web-server logs of %s could not be read: %s" % (subject, lines[0][:200]),
            "Sebagian log server web %s tidak dapat dibaca: %s" % (subject, lines[0][:200]),
            {"problems": problems, "files": files, "state_problem": result.get("state_problem")}, lines,
            [dict(action("Check the log paths (access_logs) in the inventory and that the audit account may "
                         "read them.", playbook="troubleshoot"),
                  text_id="Periksa lokasi log (access_logs) di inventaris dan hak baca akun audit.")])
    else:
        add("audit.log_files", "ok",
            "The web-server logs of %s were read (%d file(s))." % (subject, len(files)),
            "Log server web %s telah dibaca (%d berkas)." % (subject, len(files)),
            {"files": files})

    # 2. The visitor summary (the SOP's visitor activity log).
    if read_any:
        add("audit.visitor_summary", "ok",
            "%s received %d requests from %d visitors in the period read." % (
                subject, summary["requests"], summary["unique_visitors"]),
            "%s menerima %d permintaan dari %d pengunjung pada periode yang dibaca." % (
                subject, summary["requests"], summary["unique_visitors"]),
            dict(summary))
    else:
        add("audit.visitor_summary", "unknown",
            "No visitor activity of %s could be read." % subject,
            "Aktivitas pengunjung %s tidak dapat dibaca." % subject, dict(summary))

    # 3. Suspicious activity.
    by_detection = Counter()
    for inc in incidents:
        by_detection.update(inc["detections"])
    serious = [i for i in incidents if i["severity"] in ("high", "critical")]
    success = sum(i.get("successful_responses", 0) for i in incidents)
    details = {
        "incidents": len(incidents),
        "serious_incidents": len(serious),
        "clients": [i["client"] for i in incidents[:50]],
        "by_detection": dict(by_detection),
        "top_incidents": incidents[:20],
        "successful_attack_responses": success,
    }
    evidence = []
    for inc in incidents[:5]:
        evidence.extend(inc["evidence"][:2])
    if not read_any:
        add("audit.suspicious_activity", "unknown",
            "Suspicious activity on %s could not be checked because no log was read." % subject,
            "Aktivitas mencurigakan di %s tidak dapat diperiksa karena tidak ada log yang terbaca." % subject,
            details)
    elif not incidents:
        add("audit.suspicious_activity", "ok",
            "No suspicious visitor activity was found on %s." % subject,
            "Tidak ditemukan aktivitas pengunjung yang mencurigakan di %s." % subject, details)
    else:
        rank = {"low": 0, "medium": 1, "high": 2, "critical": 3}
        top = sorted(by_detection, key=lambda i: (-rank[DETECTIONS[i][0]], -by_detection[i], i))[:6]
        status = "critical" if serious else "warning"
        actions = [
            dict(action("Review the suspicious visitors listed in the audit and block the worst ones "
                        "(audit playbook with log_audit_block_enabled=true).", playbook="audit", tag="block"),
                 text_id="Tinjau pengunjung mencurigakan dalam audit dan blokir yang terburuk "
                         "(playbook audit dengan log_audit_block_enabled=true)."),
        ]
        if success:
            actions.append(dict(action("Some attack requests were answered with success: check the site for "
                                       "changed or unknown files and update the web application.",
                                       playbook="troubleshoot"),
                                text_id="Sebagian permintaan serangan dijawab sukses: periksa situs dari berkas "
                                        "yang berubah atau tidak dikenal dan perbarui aplikasi web."))
        add("audit.suspicious_activity", status,
            "%d visitor(s) showed suspicious activity on %s (%s)." % (len(incidents), subject, _names(top, "en")),
            "%d pengunjung menunjukkan aktivitas mencurigakan di %s (%s)."
            % (len(incidents), subject, _names(top, "id")),
            details, evidence, actions)

    # 4. Lines the parser could not understand.
    unparsed = result["unparsed"]
    total = summary["requests"] + unparsed["count"]
    share = unparsed["count"] / total if total else 0.0
    if unparsed["count"] and share >= unparsed_warn_share:
        add("audit.unparsed_lines", "warning",
            "%d of %d log lines of %s could not be understood; the log format setting may be wrong." % (
                unparsed["count"], total, subject),
            "%d dari %d baris log %s tidak dapat dipahami; pengaturan format log mungkin salah." % (
                unparsed["count"], total, subject),
            {"count": unparsed["count"], "lines": total, "share": round(share, 4)}, unparsed["samples"],
            [dict(action("Set log_audit format (or the site's access_log_format) to the server's log_format.",
                         playbook="audit"),
                  text_id="Sesuaikan format log audit (access_log_format situs) dengan log_format server.")])
    else:
        add("audit.unparsed_lines", "ok",
            "Nearly all log lines of %s were understood (%d not understood)." % (subject, unparsed["count"]),
            "Hampir semua baris log %s dapat dipahami (%d tidak)." % (subject, unparsed["count"]),
            {"count": unparsed["count"], "lines": total, "share": round(share, 4)}, unparsed["samples"][:3])
    return findings


def build_metrics(result, host, subject):
    s = result["summary"]
    values = {
        "requests": s["requests"], "unique_visitors": s["unique_visitors"], "bytes": s["bytes"],
        "incidents": len(result["incidents"]), "unparsed_lines": result["unparsed"]["count"],
        "automated_share": s["automated_share"],
    }
    return [{"activity": 3, "host": host, "subject": subject, "name": "audit.%s" % k, "value": v}
            for k, v in values.items()]


def append_incident_log(path, incidents, host, subject, observed_at):
    """Append incidents as JSON lines (the suspicious-activity log an analyst reads); returns lines written."""
    import json
    import os

    if not incidents:
        return 0
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, mode=0o700, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        for inc in incidents:
            record = {"observed_at": observed_at, "host": host, "subject": subject}
            record.update(inc)
            handle.write(json.dumps(record, sort_keys=True, ensure_ascii=True) + "\n")
    return len(incidents)


def no_logs_findings(host, subject, observed_at=None):
    """A site with no access log configured cannot be audited: say so (never a silent ok)."""
    from ansible_collections.sitekeeper.website.plugins.module_utils.findings import action, make_finding

    return [make_finding(
        3, "audit.log_files", host, subject, "unknown",
        "No access log is configured for %s, so its visitors cannot be audited." % subject,
        {"summary_id": "Tidak ada log akses yang diatur untuk %s, sehingga pengunjungnya tidak dapat diaudit."
                       % subject, "files": []},
        [], [dict(action("Add the site's access_logs (paths on the web host) to the inventory.", playbook="audit"),
                  text_id="Tambahkan access_logs situs (lokasi di server web) ke inventaris.")],
        observed_at)]
