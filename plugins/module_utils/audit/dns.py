# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Reverse-DNS verification of clients that claim to be a search-engine crawler.

Standard library only (this code runs on the web host).

The check the search engines document: the address's reverse-DNS name must be under
the crawler's domain (Googlebot: googlebot.com or google.com; Bingbot: search.msn.com),
and that name must resolve forward to the same address. Outcomes:

- ``verified``: both hold, the client is the crawler;
- ``fake``: the address HAS a reverse name but outside the domains, or the name does not
  lead back to the address: positive evidence of impersonation;
- ``unverified``: no reverse name, a resolver error, the time limit or the lookup budget
  ran out. Such a client is not exempt as a crawler, but it is not accused either (a
  resolver that cannot answer must not turn real crawlers into attackers).

The number of addresses looked up is bounded and every lookup runs under a deadline in
daemon threads (the system resolver has no timeout parameter), so a dead resolver costs
at most the time limit and never keeps the module from exiting.
"""

from __future__ import annotations

import ipaddress
import queue
import socket
import threading
import time

DEFAULT_MAX_LOOKUPS = 50
DEFAULT_TIMEOUT = 2.0
THREADS = 4


class SystemResolver:
    """The host's resolver (getaddrinfo / gethostbyaddr: /etc/hosts, then DNS)."""

    def ptr(self, address: str) -> str:
        return socket.gethostbyaddr(address)[0]

    def forward(self, name: str):
        return {info[4][0] for info in socket.getaddrinfo(name, None)}


def _same(address, candidates):
    try:
        want = ipaddress.ip_address(address)
    except ValueError:
        return False
    for item in candidates or ():
        try:
            if ipaddress.ip_address(str(item).split("%", 1)[0]) == want:
                return True
        except ValueError:
            continue
    return False


def check(address: str, domains, resolver) -> tuple:
    """(status, detail) for one address claiming a crawler whose names end in one of ``domains``."""
    try:
        name = resolver.ptr(address)
    except (OSError, ValueError) as exc:
        return "unverified", "no reverse DNS name (%s)" % (exc.args[-1] if exc.args else exc)
    name = str(name or "").rstrip(".").lower()
    if not name:
        return "unverified", "no reverse DNS name"
    if not any(name == d or name.endswith("." + d) for d in domains):
        return "fake", "its reverse DNS name %s is not under %s" % (name[:100], " or ".join(domains))
    try:
        addresses = resolver.forward(name)
    except (OSError, ValueError) as exc:
        return "unverified", "%s could not be resolved forward (%s)" % (name[:100], exc.args[-1] if exc.args else exc)
    if _same(address, addresses):
        return "verified", name[:100]
    return "fake", "its reverse DNS name %s does not resolve back to it" % name[:100]


def verify(claims, resolver=None, timeout=DEFAULT_TIMEOUT, max_lookups=DEFAULT_MAX_LOOKUPS, threads=THREADS):
    """Check claimants; ``claims`` is [(address, domains, weight)]. Returns {address: (status, detail)}.

    The ``max_lookups`` heaviest addresses are looked up, at most ``timeout`` seconds per address
    per thread round; the others, and any lookup still running at the deadline, are unverified.
    """
    resolver = resolver or SystemResolver()
    ordered = sorted(claims, key=lambda c: (-c[2], c[0]))
    budget = max(0, int(max_lookups))
    results = {address: ("unverified", "over the lookup budget of %d addresses" % budget)
               for address, _d, _w in ordered[budget:]}
    todo = ordered[:budget]
    if not todo:
        return results
    jobs = queue.Queue()
    for address, domains, _w in todo:
        jobs.put((address, tuple(domains)))
    done = {}
    lock = threading.Lock()

    def work():
        while True:
            try:
                address, domains = jobs.get_nowait()
            except queue.Empty:
                return
            try:
                outcome = check(address, domains, resolver)
            except Exception as exc:  # noqa: BLE001 - a resolver bug must not stop the audit
                outcome = ("unverified", "lookup failed: %s" % type(exc).__name__)
            with lock:
                done[address] = outcome

    count = max(1, min(int(threads), len(todo)))
    workers = [threading.Thread(target=work, daemon=True, name="sitekeeper-dns-%d" % i) for i in range(count)]
    for thread in workers:
        thread.start()
    rounds = -(-len(todo) // count)
    deadline = time.monotonic() + max(0.0, float(timeout)) * rounds
    for thread in workers:
        thread.join(max(0.0, deadline - time.monotonic()))
    while True:  # lookups not started by the deadline never start
        try:
            jobs.get_nowait()
        except queue.Empty:
            break
    with lock:
        for address, _d, _w in todo:
            results[address] = done.get(address, ("unverified", "no answer within %.1f s" % float(timeout)))
    return results
