# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Detection bookkeeping of the audit: per-client signature hits, the site's learned normal
paths, and the optional second opinion (OWASP CRS) on distinct suspicious requests.

Standard library only (this code runs on the web host).

- A request flagged only by parameter content, with a moderate score (below ``STRONG``) and no
  single rule above ``WEIGHABLE`` (a tautology after a quote, a script tag, a shell command are
  never weighed down), that the site answered 2xx is held back per path. When ``normal_path_clients`` different clients got such answers on
  the same path, the path is taken as part of the site's normal traffic (an API whose JSON
  parameters trip a rule, a search box) and those hits are dropped; otherwise they count
  as usual when the audit finishes. A strong payload always counts.
- With a ``second_opinion`` callable, requests that scored some evidence but stayed below
  the threshold ("near misses") are remembered (bounded); when the audit finishes the
  distinct flagged and near-miss requests are sent to it once, each as (request line, user
  agent, referer) so the CRS reads the headers too (at most ``OPINION_COMBOS`` header
  combinations per request, ``OPINION_ITEMS`` in all), its verdicts are attached
  to the incidents as evidence, and a near miss it confirms becomes a hit.
- Technology of the site: a page of a server-side technology (by its extension, paths.technology)
  answered 2xx to ``TECH_CLIENTS`` different clients, on a request that raised nothing, shows the
  site runs it. A request for a technology the site never answered 2xx, answered "not here"
  (4xx), is held back; when the audit finishes it is an exploit probe (software this site does
  not run) unless the site turned out to run that technology, or ``normal_clients`` different
  clients asked for the same path (old links of a site that changed technology).
"""

from __future__ import annotations

from collections import Counter

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import DETECTIONS

STRONG = 10           # a verdict at least this heavy is never weighed down as "normal traffic" ...
WEIGHABLE = 5         # ... nor one with a single rule heavier than this
NEAR_MIN = 2          # a request with this much evidence (and not flagged) is a near miss
RULES_PER_INCIDENT = 8
OPINION_COMBOS = 4    # (agent, referer) combinations of one request sent to the second opinion ...
OPINION_ITEMS = 20000  # ... and items in all (each costs the CRS about 0.6 ms)
TECH_CLIENTS = 2      # different clients answered 2xx on a technology's pages: the site runs it
FOREIGN_PATHS = 20000  # distinct paths of foreign technologies held back (bounded)
SIGNATURE_IDS = ("sqli", "xss", "path_traversal", "rfi", "command_injection", "webshell", "exploit_probe",
                 "sensitive_file", "php_injection", "java_injection", "template_injection", "nodejs_injection",
                 "protocol_abuse")


def _new():
    return {"hits": Counter(), "count": 0, "first": None, "last": None, "first_t": None, "last_t": None,
            "evidence": [], "success": 0, "rules": {}, "requests": []}


class IncidentBook:
    """Hits per client (bounded), held-back moderate hits per path, near misses per request."""

    def __init__(self, limits, normal_clients, epoch, row_text, safe_text):
        self.limits = limits
        self.normal_clients = normal_clients
        self._epoch, self._row_text, self._safe = epoch, row_text, safe_text
        self.incidents = {}
        self.pending = {}    # path -> {client: [(ids, row, matches)]}; None once the path is normal
        self.normal = Counter()  # path -> hits dropped as normal traffic
        self.near = {}       # request -> [(client, row)]
        self.opinion = None  # (verdicts, stats) of the second opinion, set in finish
        self.absolute = {}   # host -> [(client, row)] of absolute-form requests (open-proxy probes or not)
        self.tech_seen = {}  # technology -> clients answered 2xx on its pages (up to TECH_CLIENTS)
        self.foreign = {}    # (technology, path) -> [(client, row)] answered 4xx, while the site may not run it

    def __getstate__(self):
        state = dict(self.__dict__)
        for key in ("_epoch", "_row_text", "_safe"):
            state.pop(key)
        return state

    def bind(self, epoch, row_text, safe_text):
        self._epoch, self._row_text, self._safe = epoch, row_text, safe_text

    # -- recording -------------------------------------------------------
    def record(self, client, ids, row, verdict, path):
        """A flagged request of a client: counted now, or held back while its path may be normal."""
        if (verdict is not None and verdict.score < STRONG and getattr(verdict, "peak", STRONG) <= WEIGHABLE
                and row[4][:1] == b"2" and self.normal_clients
                and path is not None and verdict.matches and all(m[2][:3] == "arg" for m in verdict.matches)):
            # only parameter content is weighed down: a path itself (/.env, an exploit) always counts
            clients = self.pending.get(path, {})
            if clients is None:
                self.normal[path] += 1
                return
            held = clients.get(client)
            if held is None:
                if len(clients) + 1 >= self.normal_clients:
                    self.pending[path] = None
                    self.normal[path] += 1 + sum(len(v) for v in clients.values())
                    return
                if len(self.pending) >= self.limits["clients_with_events"]:
                    self.hit(client, ids, row, verdict)
                    return
                held = clients.setdefault(client, [])
                self.pending[path] = clients
            if len(held) < self.limits["evidence"] * 4:
                held.append((ids, row, verdict.matches if verdict else ()))
            return
        self.hit(client, ids, row, verdict)

    def near_miss(self, request, client, row):
        rows = self.near.get(request)
        if rows is None:
            if len(self.near) >= self.limits["near_misses"]:
                return
            rows = self.near[request] = []
        if len(rows) < self.limits["evidence"] * 4:
            rows.append((client, row))

    def absolute_form(self, host, client, row):
        """An absolute-form request (GET http://host/...): a proxy probe unless host is the site's own."""
        rows = self.absolute.get(host)
        if rows is None:
            if len(self.absolute) >= self.limits["near_misses"]:
                return
            rows = self.absolute[host] = []
        if len(rows) < self.limits["events_per_client"]:
            rows.append((client, row))

    def site_runs(self, tech):
        return len(self.tech_seen.get(tech, ())) >= TECH_CLIENTS

    def tech_answered(self, tech, client):
        """A page of ``tech`` answered 2xx to ``client``; True once the site is known to run it."""
        seen = self.tech_seen.setdefault(tech, set())
        if len(seen) < TECH_CLIENTS:
            seen.add(client)
        return len(seen) >= TECH_CLIENTS

    def tech_missing(self, tech, path, client, row):
        """A page of ``tech`` answered 4xx: held back until the site's technologies are known."""
        key = (tech, path)
        rows = self.foreign.get(key)
        if rows is None:
            if len(self.foreign) >= FOREIGN_PATHS:
                return
            rows = self.foreign[key] = []
        if len(rows) < self.limits["evidence"] * 4:
            rows.append((client, row))

    def hit(self, client, ids, row, verdict=None, matches=None):
        inc = self.incidents.get(client)
        if inc is None:
            if len(self.incidents) >= self.limits["incidents_max"]:
                return
            inc = self.incidents[client] = _new()
        inc["hits"].update(ids)
        inc["count"] += 1
        # First and last by log time, not by reading order (worker processes read parts in any order).
        t = self._epoch(row[1], row[2])
        if inc["first_t"] is None or t < inc["first_t"]:
            inc["first_t"], inc["first"] = t, row[1] + row[2]
        if inc["last_t"] is None or t >= inc["last_t"]:
            inc["last_t"], inc["last"] = t, row[1] + row[2]
        if row[4][:1] == b"2" and any(i in SIGNATURE_IDS for i in ids):
            inc["success"] += 1
        if len(inc["evidence"]) < self.limits["evidence"]:
            inc["evidence"].append(self._row_text(row))
            inc["requests"].append((row[3], row[7], row[6]))  # (request, agent, referer) for the second opinion
        rules = inc["rules"]
        for match in (verdict.matches if verdict is not None else matches or ()):
            if match[0] not in rules and len(rules) < RULES_PER_INCIDENT:
                rules[match[0]] = match[1:]

    # -- combining workers -----------------------------------------------
    def merge(self, other):
        for client, inc in other.incidents.items():
            mine = self.incidents.get(client)
            if mine is None:
                self.incidents[client] = inc
                continue
            mine["hits"].update(inc["hits"])
            mine["count"] += inc["count"]
            mine["success"] += inc["success"]
            if inc["first_t"] is not None and (mine["first_t"] is None or inc["first_t"] < mine["first_t"]):
                mine["first_t"], mine["first"] = inc["first_t"], inc["first"]
            if inc["last_t"] is not None and (mine["last_t"] is None or inc["last_t"] > mine["last_t"]):
                mine["last_t"], mine["last"] = inc["last_t"], inc["last"]
            room = self.limits["evidence"] - len(mine["evidence"])
            mine["evidence"].extend(inc["evidence"][:max(room, 0)])
            mine["requests"].extend(inc["requests"][:max(room, 0)])
            for rule, match in inc["rules"].items():
                if len(mine["rules"]) < RULES_PER_INCIDENT:
                    mine["rules"].setdefault(rule, match)
        self.normal.update(other.normal)
        for path, clients in other.pending.items():
            mine = self.pending.get(path, {})
            if mine is None or clients is None:
                self.pending[path] = None
                continue
            for client, held in clients.items():
                mine.setdefault(client, []).extend(held)
            self.pending[path] = mine
        for host, rows in other.absolute.items():
            self.absolute.setdefault(host, []).extend(rows)
        for tech, clients in other.tech_seen.items():
            for client in clients:
                self.tech_answered(tech, client)
        for key, rows in other.foreign.items():
            self.foreign.setdefault(key, []).extend(rows)
        for request, rows in other.near.items():
            mine = self.near.setdefault(request, [])
            mine.extend(rows[:max(0, self.limits["evidence"] * 4 - len(mine))])

    # -- finishing -------------------------------------------------------
    def settle(self, second_opinion=None, own_hosts=frozenset()):
        """Decide the held-back hits (normal path or not), the absolute-form requests (a proxy probe
        names another host than the site's own) and ask the second opinion, once."""
        for host, rows in self.absolute.items():
            if host in own_hosts or host.split(b":")[0] in own_hosts:
                continue
            match = ("protocol_proxy_request", "protocol_abuse", "target", self._safe(host, 100),
                     "absolute URI for a host this site does not serve")
            for client, row in rows:
                self.hit(client, ("protocol_abuse",), row, None, (match,))
        self.absolute = {}
        self._settle_foreign()
        for path, clients in list(self.pending.items()):
            if clients is None or len(clients) >= self.normal_clients:
                self.normal[path] += sum(len(v) for v in (clients or {}).values())
                continue
            for client, held in clients.items():
                for ids, row, matches in held:
                    self.hit(client, ids, row, None, matches)
        self.pending = {}
        if second_opinion is not None:
            self._second_opinion(second_opinion)

    def _settle_foreign(self):
        """Requests for technologies the site does not run (answered 4xx) are exploit probes."""
        for (tech, path), rows in self.foreign.items():
            if self.site_runs(tech):
                continue
            if self.normal_clients and len({client for client, _row in rows}) >= self.normal_clients:
                continue  # many different visitors follow the same old link: not a probe
            match = ("exploit_foreign_technology", "exploit_probe", "path", self._safe(path, 160),
                     "a %s page on a site that answers none (4xx)" % tech)
            for client, row in rows:
                self.hit(client, ("exploit_probe",), row, None, (match,))
        self.foreign = {}

    def _opinion_items(self):
        """Distinct (request, agent, referer) combinations of the flagged and near-miss requests (the
        CRS reads the headers too), at most ``OPINION_COMBOS`` per request and ``OPINION_ITEMS`` in all."""
        combos = {}
        for inc in self.incidents.values():
            for item in inc["requests"]:
                combos.setdefault(item[0], set()).add(item)
        for request, rows in self.near.items():
            combos.setdefault(request, set()).update((request, row[7], row[6]) for _client, row in rows)
        items = []
        for request in sorted(combos):
            items.extend(sorted(combos[request])[:OPINION_COMBOS])
            if len(items) >= OPINION_ITEMS:
                return items[:OPINION_ITEMS]
        return items

    def _second_opinion(self, ask):
        items = self._opinion_items()
        if not items:
            return
        try:
            answer = ask(items)
        except (RuntimeError, OSError, ValueError, TypeError, KeyError) as exc:  # optional: never breaks the audit
            self.opinion = ({}, {"error": self._safe(str(exc), 200)})
            return
        verdicts, stats = answer if isinstance(answer, tuple) else (answer, {})
        self.opinion = (verdicts, dict(stats or {}))
        # a row's own combination decides; a row whose combination was not sent (capped) takes an
        # alarming verdict on the same request line with other headers
        alarming = {item[0]: v for item, v in verdicts.items() if isinstance(item, tuple) and _ids_of(v)}
        sent, confirmed = set(items), 0
        for request, rows in self.near.items():
            hit_any = False
            for client, row in rows:
                key = (request, row[7], row[6])
                verdict = verdicts.get(key) if key in sent else alarming.get(request)
                ids = _ids_of(verdict)
                if ids:
                    hit_any = True
                    match = ("second_opinion", ids[0], "request", self._safe(request, 160),
                             "rules %s" % ", ".join(str(r) for r in _rules_of(verdict)))
                    self.hit(client, ids, row, None, (match,))
            confirmed += hit_any
        self.opinion[1]["near_misses_confirmed"] = confirmed
        self.opinion[1]["near_misses_sent"] = len(self.near)
        for inc in self.incidents.values():
            rules = set()
            for request in inc["requests"]:
                rules.update(_rules_of(verdicts.get(request)))
            if rules:
                inc["second_opinion"] = sorted(rules)


def _rules_of(verdict):
    if verdict is None:
        return []
    rules = getattr(verdict, "rules", None)
    if rules is None and isinstance(verdict, (list, tuple)):
        rules = [r for r in verdict if not isinstance(r, str) or r not in DETECTIONS]
    return list(rules or [])


def _ids_of(verdict):
    """Sitekeeper detection ids a second-opinion verdict supports (only when it alarms)."""
    if verdict is None:
        return ()
    if hasattr(verdict, "detections"):
        if not getattr(verdict, "alarm", True):
            return ()
        found = verdict.detections
    else:
        found = [r for r in verdict if isinstance(r, str)]
    return tuple(sorted(i for i in found if i in DETECTIONS))
