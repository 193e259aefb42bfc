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

Every address is canonical (``address.canonical_ip``: IPv4-mapped IPv6 becomes IPv4, IPv6 is
compressed and lower-case, no zone id) before it is compared with the never-block list, stored or
written; anything else is refused, and entries of an older block list that are not canonical (or
are now never-blocked) are purged. Each changed file is checked by its service's own tool before
it replaces the live one (``nginx -t`` on a minimal configuration that includes the candidate,
``nft -c -f`` on the candidate, ``fail2ban-regex`` on the candidate ban file, ``fail2ban-client -t``
on a copy of the fail2ban folder holding the candidate jail and filter); after the write, the
full checks the caller gives (``nginx -t`` of the real configuration, ``fail2ban-client -t``) run,
and when one fails every file of this run gets its previous content back. A checker whose program
is not installed is skipped and the result says so (``checks``).

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
import shutil
import subprocess
import tempfile

from ansible_collections.sitekeeper.website.plugins.module_utils.audit.address import canonical_ip, is_canonical
from ansible_collections.sitekeeper.website.plugins.module_utils.audit.detections import Networks
from ansible_collections.sitekeeper.website.plugins.module_utils.core import files

ALWAYS_NEVER = ["127.0.0.0/8", "::1/128"]
NEVER_WHY = "allowlisted, loopback or the controller's own address"
CHECK_TIMEOUT = 120
# Where admin tools live when a module's PATH lacks the sbin folders.
_SBIN = ("/usr/local/sbin", "/usr/sbin", "/sbin")


class BlockError(ValueError):
    """A block file failed its service's check; the live files were left as they were."""


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


def never_list(items):
    """The never-block list with IPv4-mapped entries as IPv4 (the controller seen by a dual-stack
    sshd is ``::ffff:a.b.c.d``; the clients it must protect are canonical IPv4)."""
    out = []
    for item in list(items or []) + ALWAYS_NEVER:
        text = str(item).strip()
        address = canonical_ip(text)
        if address is not None:
            out.append(address)
            continue
        try:
            net = ipaddress.ip_network(text, strict=False)
        except ValueError:
            out.append(text)  # Networks reports it as not understood
            continue
        mapped = net.network_address.ipv4_mapped if net.version == 6 and net.prefixlen >= 96 else None
        out.append("%s/%d" % (mapped, net.prefixlen - 96) if mapped is not None else str(net))
    return out


def purge(current, never):
    """(kept, purged): entries whose key is not a canonical address (an older Sitekeeper stored
    what it was given, zone ids included) or that the never-block list now covers."""
    kept, purged = {}, []
    for ip, entry in current.items():
        if not is_canonical(ip):
            purged.append({"client": ip[:100], "why": "not a canonical IP address"})
        elif never.contains(ip):
            purged.append({"client": ip, "why": NEVER_WHY})
        else:
            kept[ip] = entry
    return kept, purged


def plan(current, requests, duration, now, never_block):
    """(new list, added, expired, refused, purged) from the current list and the addresses asked for."""
    never = Networks(never_list(never_block))
    current, purged = purge(current, never)
    entries = {ip: dict(e) for ip, e in current.items() if e.get("until", 0) > now}
    expired = sorted(set(current) - set(entries))
    added, refused = [], []
    for req in requests or []:
        if isinstance(req, dict):
            raw = req.get("client", req.get("ip", ""))
            reason = str(req.get("reason") or ",".join(req.get("detections") or []))[:200]
        else:
            raw, reason = req, ""
        ip = canonical_ip(str(raw))
        if ip is None:
            refused.append({"client": str(raw)[:100], "why": "not an IP address"})
            continue
        if never.contains(ip):
            refused.append({"client": ip, "why": NEVER_WHY})
            continue
        if ip in entries:
            # Already blocked: keep its expiry (a repeated run with the same input changes nothing).
            continue
        entries[ip] = {"since": now, "until": now + int(duration), "reason": reason}
        added.append(ip)
    return entries, added, expired, refused, purged


def _canonical_only(entries):
    """Defence in depth: a renderer writes nothing but canonical addresses."""
    for ip in entries:
        if not is_canonical(ip):
            raise BlockError("refusing to write %r into a block file: not a canonical IP address" % ip[:100])
    return entries


def render_nginx(entries):
    lines = ["# Managed by Sitekeeper (log_audit blocking). Do not edit: changes are overwritten.",
             "# Include it in a server block: include <this file>;"]
    for ip in sorted(_canonical_only(entries)):
        lines.append("deny %s;  # until %s" % (ip, _iso(entries[ip]["until"])))
    return "\n".join(lines) + "\n"


def render_nft(entries, table="sitekeeper"):
    v4 = sorted(ip for ip in _canonical_only(entries) if ":" not in ip)
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
    for ip in sorted(_canonical_only(entries), key=lambda a: (entries[a]["since"], a)):
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
    ignore = " ".join(str(n) for n in Networks(never_list(never_block)).nets)
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
    """core.files.write_atomic, creating the folder first (a first block run makes it)."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    files.write_atomic(path, text, mode)


# -- checking a candidate with the service's own tool ------------------------------------------
def find_binary(name):
    """The path of an admin tool, also in the sbin folders a module's PATH may lack; None if absent."""
    extra = os.pathsep.join(_SBIN)
    return shutil.which(name) or shutil.which(name, path=extra)


def _run_check(argv, full=False):
    """(ok, what the checker said: its first lines, or everything with full=True)."""
    try:
        out = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=CHECK_TIMEOUT,
                             check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, "%s could not run: %s" % (argv[0], exc)
    text = (out.stderr + out.stdout).strip()
    if full:
        return out.returncode == 0, text
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # The lines that say what is wrong, not the warnings a checker prints first.
    errors = [line for line in lines if re.search(r"error|emerg|\[crit\]|fail", line, re.I)]
    return out.returncode == 0, " ".join((errors or lines)[:3])[:600]


def _scratch():
    return tempfile.mkdtemp(prefix="sitekeeper-check-")


def check_nginx_include(text, nginx="nginx"):
    """nginx -t on a minimal configuration that includes the candidate in a server block.
    Returns (None, why skipped) without nginx, else (ok, what nginx said)."""
    binary = find_binary(nginx)
    if not binary:
        return None, "skipped: %s is not installed on this host" % nginx
    work = _scratch()
    try:
        include = os.path.join(work, "candidate.conf")
        with open(include, "w", encoding="utf-8") as handle:
            handle.write(text)
        conf = os.path.join(work, "nginx.conf")
        temps = "".join("  %s_temp_path %s/%s;\n" % (t, work, t)
                        for t in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        with open(conf, "w", encoding="utf-8") as handle:
            handle.write("pid %s/nginx.pid;\nevents { }\nhttp {\n  access_log off;\n%s"
                         "  server { listen 127.0.0.1:9; include %s; }\n}\n" % (work, temps, include))
        argv = [binary, "-t", "-q", "-p", work + "/", "-c", conf]
        ok, said = _run_check(argv + ["-e", os.path.join(work, "error.log")])
        if not ok and 'invalid option: "e"' in said:  # nginx older than 1.19.5
            ok, said = _run_check(argv)
        return ok, said
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check_nft_script(text, argv=None):
    """nft -c -f on the candidate script (it stands alone: it recreates its own table)."""
    argv = list(argv or ["nft", "-c", "-f"])
    binary = find_binary(argv[0])
    if not binary:
        return None, "skipped: %s is not installed on this host" % argv[0]
    work = _scratch()
    try:
        path = os.path.join(work, "candidate.nft")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        return _run_check([binary] + argv[1:] + [path])
    finally:
        shutil.rmtree(work, ignore_errors=True)


_F2B_LINES = re.compile(r"Lines: (\d+) lines, (\d+) ignored, (\d+) matched, (\d+) missed")


def check_fail2ban_ban_file(text, filter_text):
    """fail2ban-regex: every line of the candidate ban file must match the Sitekeeper filter."""
    binary = find_binary("fail2ban-regex")
    if not binary:
        return None, "skipped: fail2ban-regex is not installed on this host"
    work = _scratch()
    try:
        log, filt = os.path.join(work, "blocks.log"), os.path.join(work, "sitekeeper-check.conf")
        for path, content in ((log, text), (filt, filter_text)):
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(content)
        ok, said = _run_check([binary, log, filt], full=True)
        counts = _F2B_LINES.search(said)
        if ok and counts and int(counts.group(3)) == text.count("\n") and int(counts.group(4)) == 0:
            return True, counts.group(0)
        return False, "fail2ban-regex: %s" % (counts.group(0) if counts else said[-300:])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check_fail2ban_config(jail_file, jail_text, filter_file, filter_text, ban_text, client="fail2ban-client"):
    """fail2ban-client -t on a copy of the fail2ban configuration folder holding the candidate jail
    and filter (the jail reading a copy of the candidate ban file: fail2ban wants its log to exist)."""
    binary = find_binary(client)
    if not binary:
        return None, "skipped: %s is not installed on this host" % client
    conf = os.path.dirname(os.path.dirname(os.path.abspath(jail_file)))
    if not os.path.isfile(os.path.join(conf, "jail.conf")):
        return None, "skipped: %s is not a fail2ban configuration folder (no jail.conf)" % conf
    work = _scratch()
    try:
        copy = os.path.join(work, "fail2ban")
        shutil.copytree(conf, copy, symlinks=True, ignore_dangling_symlinks=True)
        ban = os.path.join(work, "blocks.log")
        jail_text = re.sub(r"(?m)^logpath  = .*$", lambda _m: "logpath  = " + ban, jail_text)
        candidates = [(ban, ban_text), (os.path.join(copy, os.path.relpath(os.path.abspath(jail_file), conf)),
                                        jail_text)]
        inside = os.path.relpath(os.path.abspath(filter_file), conf)
        if not inside.startswith(".."):
            candidates.append((os.path.join(copy, inside), filter_text))
        for path, content in candidates:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(content)
        return _run_check([binary, "-c", copy, "-t"])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _precheck(kind, text, options, filter_text):
    if kind == "nginx":
        return check_nginx_include(text, (options.get("nginx_test_command") or ["nginx"])[0])
    if kind == "nftables":
        return check_nft_script(text, options.get("nft_check_command"))
    if kind == "fail2ban":
        return check_fail2ban_ban_file(text, filter_text)
    return None, "no checker"


def _full_check(argv):
    """The caller's check of the whole service configuration, after the write."""
    argv = [str(a) for a in argv]
    binary = find_binary(argv[0])
    if not binary:
        return None, "skipped: %s is not installed on this host" % argv[0]
    return _run_check([binary] + argv[1:])


def _restore(previous):
    """Put back what the files held before this run (a file that did not exist is removed)."""
    for path, (text, mode) in previous.items():
        if text is None:
            try:
                os.unlink(path)
            except OSError:
                pass
        else:
            write_atomic(path, text, mode)


def apply(options, now, check_mode=False):
    """Run the blocking step; returns a dict (changed, blocked, added, expired, refused, purged, checks,
    diff, files). Raises BlockError when a file fails its check (the live files stay as they were)."""
    state_path = options["state_path"]
    current, problem = load_list(state_path)
    entries, added, expired, refused, purged = plan(current, options.get("clients"), options.get("duration", 86400),
                                                    now, options.get("never_block"))
    if purged:
        note = "%d entr%s of the block list purged (not a canonical address, or now never blocked): %s" % (
            len(purged), "y" if len(purged) == 1 else "ies", ", ".join(p["client"] for p in purged[:5]))
        problem = "%s; %s" % (problem, note) if problem else note
    outputs = {}  # path -> (text, kind of check)
    if options.get("nginx_include"):
        outputs[options["nginx_include"]] = (render_nginx(entries), "nginx")
    if options.get("nft_file"):
        outputs[options["nft_file"]] = (render_nft(entries, options.get("nft_table") or "sitekeeper"), "nftables")
    f2b_config = []
    filter_text = render_fail2ban_filter()
    if options.get("fail2ban_log"):
        jail = options.get("fail2ban_jail") or "sitekeeper"
        outputs[options["fail2ban_log"]] = (render_fail2ban_log(entries), "fail2ban")
        for key, text in (("fail2ban_jail_file", render_fail2ban_jail(
                jail, options["fail2ban_log"], options.get("duration", 86400), options.get("never_block"),
                options.get("fail2ban_action"), options.get("fail2ban_filter_file"))),
                ("fail2ban_filter_file", filter_text)):
            if not options.get(key):
                raise ValueError("block.%s is required with block.fail2ban_log" % key)
            outputs[options[key]] = (text, "fail2ban_config")
            f2b_config.append(options[key])
    state_text = json.dumps(entries, indent=1, sort_keys=True) + "\n"
    files_changed, diffs, checks, failures = [], [], {}, []
    for path, (text, kind) in outputs.items():
        before = _read(path)
        if before == text:
            continue
        files_changed.append(path)
        diffs.append({"before": before or "", "after": text, "before_header": path, "after_header": path})
        if kind in ("nginx", "nftables", "fail2ban"):
            ok, said = _precheck(kind, text, options, filter_text)
            checks[kind] = "passed" if ok else said
            if ok is False:
                failures.append("%s refused the new %s (%s)" % (kind, path, said))
    if any(p in files_changed for p in f2b_config):
        ok, said = check_fail2ban_config(
            options["fail2ban_jail_file"], outputs[options["fail2ban_jail_file"]][0], options["fail2ban_filter_file"],
            filter_text, outputs[options["fail2ban_log"]][0],
            (options.get("fail2ban_test_command") or ["fail2ban-client"])[0])
        checks["fail2ban_jail"] = "passed" if ok else said
        if ok is False:
            failures.append("fail2ban refused the new jail %s (%s)" % (options["fail2ban_jail_file"], said))
    if failures:
        raise BlockError("the block files were not changed: " + "; ".join(failures))
    if _read(state_path) != state_text:
        files_changed.append(state_path)
        diffs.append({"before": _read(state_path) or "", "after": state_text, "before_header": state_path,
                      "after_header": state_path})
    if not check_mode:
        _write_checked(files_changed, outputs, options, f2b_config, checks)
        if state_path in files_changed:
            write_atomic(state_path, state_text, 0o600)
    return {
        "changed": bool(files_changed),
        "blocked": sorted(entries),
        "added": added,
        "expired": expired,
        "refused": refused,
        "purged": purged,
        "checks": checks,
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


def _write_checked(files_changed, outputs, options, f2b_config, checks):
    """Write the changed block files, then run the caller's full checks; on a failure every file
    written here gets its previous content back and BlockError says why."""
    previous = {}
    for path in files_changed:
        if path in outputs:
            previous[path] = (_read(path), _mode(path))
            write_atomic(path, outputs[path][0])
    full = []
    if options.get("nginx_include") in files_changed and options.get("nginx_test_command"):
        full.append(("nginx_config", options["nginx_test_command"]))
    if any(p in files_changed for p in f2b_config) and options.get("fail2ban_test_command"):
        full.append(("fail2ban_config", options["fail2ban_test_command"]))
    for kind, argv in full:
        ok, said = _full_check(argv)
        checks[kind] = "passed" if ok else said
        if ok is False:
            _restore(previous)
            raise BlockError("%s failed with the new block files, so the previous files are back: %s"
                             % (" ".join(str(a) for a in argv), said))


def _mode(path):
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        return 0o644
