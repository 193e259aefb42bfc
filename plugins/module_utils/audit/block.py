# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Blocking offending clients for a set time: the block list, its expiry, and the files it renders.

Standard library only (this code runs on the web host).

The block list is a small JSON file ``{address: {"until": epoch, "since": epoch, "reason": text}}``.
Every run drops expired entries, adds the new ones (never an address in the
never-block list: allowlist, loopback, the controller), and renders:

- an nginx include of ``deny ADDRESS;`` lines (the site's server block includes it),
- an nftables script that (re)creates table ``inet sitekeeper`` with two address sets
  and a drop rule, loaded atomically with ``nft -f``, and/or
- a fail2ban jail fed by a file Sitekeeper writes: the jail (``jail.d/sitekeeper.conf``:
  one match bans, ``bantime`` and ``findtime`` = the block duration, ``ignoreip`` = the
  never-block list), its filter (``filter.d/sitekeeper.conf``) and the ban file, one line
  ``EPOCH sitekeeper block ADDRESS until ISO-TIME reason ...`` per blocked address. fail2ban
  bans each address it reads there (with whatever ``banaction`` the host uses) and lifts the
  ban itself after ``bantime``; a line older than ``findtime`` (an expired block) is ignored,
  so a restarted fail2ban bans again exactly the blocks still running.

Files are rewritten only when their content changes, so a second run with nothing
new is not a change. Expiry therefore happens at the next audit run: schedule the
audit at least as often as the shortest block duration you care about.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import os
import re
import tempfile

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import Networks

ALWAYS_NEVER = ["127.0.0.0/8", "::1/128"]


def _iso(epoch):
    return datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def load_list(path):
    if not path or not os.path.exists(path):
        return {}, None
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if not isinstance(data, dict):
            raise ValueError("not a mapping")
        return {k: v for k, v in data.items() if isinstance(v, dict) and "until" in v}, None
    except (OSError, ValueError) as exc:
        return {}, "the block list %s could not be read (%s); it was started again" % (path, exc)


def plan(current, requests, duration, now, never_block):
    """(new list, added, expired, refused) from the current list and the addresses asked for."""
    never = Networks(list(never_block or []) + ALWAYS_NEVER)
    entries = {ip: dict(e) for ip, e in current.items() if e.get("until", 0) > now}
    expired = sorted(set(current) - set(entries))
    added, refused = [], []
    for req in requests or []:
        if isinstance(req, dict):
            ip = str(req.get("client", req.get("ip", "")))
            reason = str(req.get("reason") or ",".join(req.get("detections") or []))[:200]
        else:
            ip, reason = str(req), ""
        try:
            ip = str(ipaddress.ip_address(ip.strip()))
        except ValueError:
            refused.append({"client": ip[:100], "why": "not an IP address"})
            continue
        if never.contains(ip):
            refused.append({"client": ip, "why": "allowlisted, loopback or the controller's own address"})
            continue
        if ip in entries:
            # Already blocked: keep its expiry (a repeated run with the same input changes nothing).
            continue
        entries[ip] = {"since": now, "until": now + int(duration), "reason": reason}
        added.append(ip)
    return entries, added, expired, refused


def render_nginx(entries):
    lines = ["# Managed by Sitekeeper (log_audit blocking). Do not edit: changes are overwritten.",
             "# Include it in a server block: include <this file>;"]
    for ip in sorted(entries):
        lines.append("deny %s;  # until %s" % (ip, _iso(entries[ip]["until"])))
    return "\n".join(lines) + "\n"


def render_nft(entries, table="sitekeeper"):
    v4 = sorted(ip for ip in entries if ":" not in ip)
    v6 = sorted(ip for ip in entries if ":" in ip)

    def elements(ips):
        return (" elements = { %s }" % ", ".join(ips)) if ips else ""

    return "\n".join([
        "# Managed by Sitekeeper (log_audit blocking). Load with: nft -f <this file>",
        "table inet %s" % table,
        "delete table inet %s" % table,
        "table inet %s {" % table,
        "  set blocked4 { type ipv4_addr;%s }" % elements(v4),
        "  set blocked6 { type ipv6_addr;%s }" % elements(v6),
        "  chain input {",
        "    type filter hook input priority -5; policy accept;",
        "    ip saddr @blocked4 drop",
        "    ip6 saddr @blocked6 drop",
        "  }",
        "}",
        "",
    ])


_REASON_SAFE = re.compile(r"[^A-Za-z0-9_,.+-]")
_JAIL_NAME = re.compile(r"^[A-Za-z0-9_-]{1,40}$")


def render_fail2ban_log(entries):
    """The ban file the jail reads: one line per blocked address, oldest block first."""
    lines = []
    for ip in sorted(entries, key=lambda a: (entries[a]["since"], a)):
        e = entries[ip]
        reason = _REASON_SAFE.sub("_", str(e.get("reason") or "-"))[:100] or "-"
        lines.append("%d sitekeeper block %s until %s reason %s" % (int(e["since"]), ip, _iso(e["until"]), reason))
    return "".join(line + "\n" for line in lines)


def render_fail2ban_filter():
    return "\n".join([
        "# Managed by Sitekeeper (log_audit blocking). Do not edit: changes are overwritten.",
        "# Matches the ban file Sitekeeper writes: EPOCH sitekeeper block ADDRESS until ... reason ...",
        "[Definition]",
        "failregex = ^\\s*sitekeeper block <ADDR> until\\b",
        "ignoreregex =",
        "datepattern = {^LN-BEG}EPOCH",
        "",
    ])


def filter_name(filter_file):
    """fail2ban names a filter by its file in filter.d: /etc/fail2ban/filter.d/sitekeeper.conf -> sitekeeper."""
    name = os.path.basename(str(filter_file))
    for ext in (".conf", ".local"):
        if name.endswith(ext):
            name = name[: -len(ext)]
    return name


def render_fail2ban_jail(jail, log_path, duration, never_block, action=None, filter_file=None):
    """The jail: every line of the ban file bans its address for ``duration`` seconds."""
    filt = filter_name(filter_file) if filter_file else jail
    for what, name in (("fail2ban_jail", jail), ("the fail2ban filter file name", filt)):
        if not _JAIL_NAME.match(name or ""):
            raise ValueError("%s must be 1-40 letters, digits, _ or - (got %r)" % (what, name))
    ignore = " ".join(str(n) for n in Networks(list(never_block or []) + ALWAYS_NEVER).nets)
    lines = [
        "# Managed by Sitekeeper (log_audit blocking). Do not edit: changes are overwritten.",
        "[%s]" % jail,
        "enabled  = true",
        "filter   = %s" % filt,
        "logpath  = %s" % log_path,
        "backend  = polling",
        "maxretry = 1",
        "findtime = %d" % int(duration),
        "bantime  = %d" % int(duration),
        "ignoreip = %s" % ignore,
    ]
    if action:
        lines.append("action   = %s" % str(action).replace("\n", " "))
    return "\n".join(lines) + "\n"


def _read(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:
        return None


def write_atomic(path, text, mode=0o644):
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sitekeeper-", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def apply(options, now, check_mode=False):
    """Run the blocking step; returns a dict (changed, blocked, added, expired, refused, diff, files)."""
    state_path = options["state_path"]
    current, problem = load_list(state_path)
    entries, added, expired, refused = plan(current, options.get("clients"), options.get("duration", 86400), now,
                                            options.get("never_block"))
    outputs = {}
    if options.get("nginx_include"):
        outputs[options["nginx_include"]] = render_nginx(entries)
    if options.get("nft_file"):
        outputs[options["nft_file"]] = render_nft(entries, options.get("nft_table") or "sitekeeper")
    f2b_config = []
    if options.get("fail2ban_log"):
        jail = options.get("fail2ban_jail") or "sitekeeper"
        outputs[options["fail2ban_log"]] = render_fail2ban_log(entries)
        for key, text in (("fail2ban_jail_file", render_fail2ban_jail(
                jail, options["fail2ban_log"], options.get("duration", 86400), options.get("never_block"),
                options.get("fail2ban_action"), options.get("fail2ban_filter_file"))),
                ("fail2ban_filter_file", render_fail2ban_filter())):
            if not options.get(key):
                raise ValueError("block.%s is required with block.fail2ban_log" % key)
            outputs[options[key]] = text
            f2b_config.append(options[key])
    state_text = json.dumps(entries, indent=1, sort_keys=True) + "\n"
    files_changed = []
    diffs = []
    for path, text in list(outputs.items()) + [(state_path, state_text)]:
        before = _read(path)
        if before != text:
            files_changed.append(path)
            diffs.append({"before": before or "", "after": text, "before_header": path, "after_header": path})
            if not check_mode:
                write_atomic(path, text, 0o600 if path == state_path else 0o644)
    return {
        "changed": bool(files_changed),
        "blocked": sorted(entries),
        "added": added,
        "expired": expired,
        "refused": refused,
        "files_changed": files_changed,
        "nginx_changed": options.get("nginx_include") in files_changed,
        "nft_changed": options.get("nft_file") in files_changed,
        # the jail or its filter changed: fail2ban must reload; the ban file alone it reads by itself
        "fail2ban_changed": any(p in files_changed for p in f2b_config),
        "fail2ban_log_changed": bool(options.get("fail2ban_log")) and options["fail2ban_log"] in files_changed,
        "problem": problem,
        "diff": diffs,
        "entries": {ip: {"until": _iso(e["until"]), "reason": e.get("reason", "")} for ip, e in entries.items()},
    }
