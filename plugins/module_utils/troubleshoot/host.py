# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Read-only probes of a web host, shared by the diagnosis and the remediation catalogue.

Processes (``/proc``), ports (a TCP connect and ``/proc/net/tcp*``), commands run without a shell,
disk/inode usage, memory and load, log tails, local certificate files, database greetings, SNTP,
an HTTP GET from the host itself, service state and docroot scans. Nothing here writes.
"""

from __future__ import annotations

import datetime
import os
import shlex
import socket
import ssl
import stat
import struct
import subprocess
import time
import urllib.error
import urllib.parse

from ansible.module_utils.urls import ConnectionError as UrlsConnectionError
from ansible.module_utils.urls import Request

SERVICE_KINDS = ("web", "php", "db", "other")
MAX_OUTPUT = 20000
USER_AGENT = "sitekeeper-troubleshoot"


def split_command(command) -> list:
    if not command:
        return []
    if isinstance(command, (list, tuple)):
        return [str(c) for c in command]
    return shlex.split(str(command))


def run_command(command, timeout: float = 30.0, env=None) -> dict:
    """Run a command without a shell; never raises."""
    argv = split_command(command)
    if not argv:
        return {"rc": None, "output": "", "error": "no command configured"}
    try:
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              timeout=timeout, check=False, env=env)
    except FileNotFoundError:
        return {"rc": None, "output": "", "error": "command not found: %s" % argv[0]}
    except PermissionError:
        return {"rc": None, "output": "", "error": "permission denied running %s" % argv[0]}
    except subprocess.TimeoutExpired:
        return {"rc": None, "output": "", "error": "command timed out after %ss: %s" % (timeout, argv[0])}
    output = proc.stdout.decode("utf-8", "replace")
    if len(output) > MAX_OUTPUT:
        output = output[:MAX_OUTPUT] + "\n[... truncated ...]"
    return {"rc": proc.returncode, "output": output, "error": ""}


def read_pidfile(path: str):
    try:
        with open(path) as handle:
            text = handle.read().strip()
        return int(text.split()[0])
    except (OSError, ValueError, IndexError):
        return None


def pid_alive(pid) -> bool:
    if not pid or pid <= 0:
        return False
    try:
        with open("/proc/%d/stat" % pid) as handle:
            state = handle.read().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True


def processes() -> list:
    """(pid, comm, cmdline) of every process we can see."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/comm" % entry) as handle:
                comm = handle.read().strip()
            with open("/proc/%s/cmdline" % entry, "rb") as handle:
                cmdline = handle.read().replace(b"\0", b" ").decode("utf-8", "replace").strip()
            with open("/proc/%s/stat" % entry) as handle:
                state = handle.read().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state in ("Z", "X"):
            continue
        out.append((int(entry), comm, cmdline))
    return out


def find_processes(name: str, procs=None, match: str | None = None) -> list:
    """Pids whose command name is ``name`` (and whose command line contains ``match``)."""
    procs = processes() if procs is None else procs
    found = []
    for pid, comm, cmdline in procs:
        first = os.path.basename(cmdline.split(" ", 1)[0]) if cmdline else ""
        if comm == name or comm == name[:15] or first == name or first.startswith(name + ":"):
            if match and match not in cmdline:
                continue
            found.append(pid)
    return found


def port_open(host: str, port: int, timeout: float = 2.0) -> bool:
    try:
        with socket.create_connection((host, int(port)), timeout=timeout):
            return True
    except OSError:
        return False


def listening_ports() -> list:
    """Listening TCP sockets from /proc/net/tcp and tcp6, as "addr:port"."""
    found = set()
    for path, v6 in (("/proc/net/tcp", False), ("/proc/net/tcp6", True)):
        try:
            with open(path) as handle:
                lines = handle.readlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if len(parts) < 4 or parts[3] != "0A":
                continue
            addr_hex, port_hex = parts[1].split(":")
            port = int(port_hex, 16)
            try:
                raw = bytes.fromhex(addr_hex)
                if v6:
                    raw = b"".join(struct.pack("<I", struct.unpack(">I", raw[i:i + 4])[0]) for i in range(0, 16, 4))
                    addr = socket.inet_ntop(socket.AF_INET6, raw)
                else:
                    addr = socket.inet_ntoa(struct.pack("<I", int(addr_hex, 16)))
            except (ValueError, OSError, struct.error):
                addr = addr_hex
            found.add("%s:%d" % (addr, port))
    return sorted(found)


def disk_usage(path: str) -> dict:
    st = os.statvfs(path)
    total = st.f_blocks * st.f_frsize
    avail = st.f_bavail * st.f_frsize
    used = total - st.f_bfree * st.f_frsize
    inodes = st.f_files
    inodes_used = st.f_files - st.f_ffree
    return {
        "path": path,
        "total_bytes": total,
        "used_bytes": used,
        "avail_bytes": avail,
        "used_percent": round(100.0 * used / (used + avail), 1) if (used + avail) else 0.0,
        "inodes_used_percent": round(100.0 * inodes_used / inodes, 1) if inodes else 0.0,
    }


def mount_point(path: str) -> str:
    path = os.path.realpath(path)
    while not os.path.ismount(path):
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    return path


def memory_and_load() -> dict:
    info = {}
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                key, _colon, rest = line.partition(":")
                info[key] = int(rest.split()[0]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    load1, load5, load15 = os.getloadavg()
    total = info.get("MemTotal", 0)
    avail = info.get("MemAvailable", info.get("MemFree", 0))
    return {
        "mem_total_bytes": total,
        "mem_available_bytes": avail,
        "mem_available_percent": round(100.0 * avail / total, 1) if total else None,
        "swap_total_bytes": info.get("SwapTotal", 0),
        "swap_free_bytes": info.get("SwapFree", 0),
        "load": [round(load1, 2), round(load5, 2), round(load15, 2)],
        "cpus": os.cpu_count() or 1,
    }


def tail_lines(path: str, lines: int = 50, max_bytes: int = 65536) -> list:
    with open(path, "rb") as handle:
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        handle.seek(max(0, size - max_bytes))
        data = handle.read()
    text = data.decode("utf-8", "replace").splitlines()
    if size > max_bytes and text:
        text = text[1:]
    return text[-lines:]


def certificate_expiry(path: str) -> datetime.datetime:
    """notAfter of a PEM certificate file (stdlib decoder, openssl as fallback)."""
    decoder = getattr(getattr(ssl, "_ssl", None), "_test_decode_cert", None)
    not_after = None
    if decoder is not None:
        try:
            not_after = decoder(path)["notAfter"]
        except (ssl.SSLError, OSError, KeyError, ValueError):
            not_after = None
    if not_after is None:
        result = run_command(["openssl", "x509", "-noout", "-enddate", "-in", path], timeout=10)
        if result["rc"] != 0 or "notAfter=" not in result["output"]:
            raise ValueError("cannot read the certificate %s: %s" % (path, (result["output"] or result["error"]).strip()[:200]))
        not_after = result["output"].split("notAfter=", 1)[1].strip()
    stamp = ssl.cert_time_to_seconds(not_after)
    return datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc)


def database_greeting(host: str, port: int, socket_path: str | None, engine: str, timeout: float = 3.0) -> dict:
    """Connect and read the server's first bytes: proves a real database answers."""
    try:
        if socket_path:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(timeout)
            sock.connect(socket_path)
        else:
            sock = socket.create_connection((host, int(port)), timeout=timeout)
    except OSError as exc:
        return {"ok": False, "error": "cannot connect: %s" % (exc.strerror or exc)}
    try:
        with sock:
            sock.settimeout(timeout)
            if engine == "postgresql":
                sock.sendall(struct.pack("!II", 8, 80877103))  # SSLRequest
                answer = sock.recv(1)
                if answer in (b"S", b"N"):
                    return {"ok": True, "server": "postgresql"}
                return {"ok": False, "error": "unexpected answer from PostgreSQL port"}
            header = sock.recv(4)
            if len(header) < 4:
                return {"ok": False, "error": "the database closed the connection without a greeting"}
            length = header[0] | header[1] << 8 | header[2] << 16
            body = sock.recv(min(length, 512))
            if body[:1] == b"\xff":
                # The server runs and answered, but refuses this client (e.g. host not allowed).
                return {"ok": False, "answered": True, "error": "the database refused the connection: %s"
                        % body[3:].decode("utf-8", "replace").lstrip("#0123456789HY")[:200]}
            version = body[1:].split(b"\0", 1)[0].decode("utf-8", "replace")
            return {"ok": True, "server": version}
    except OSError as exc:
        return {"ok": False, "error": "no greeting: %s" % exc}


def sntp_offset(server: str, timeout: float = 2.0):
    """Clock offset against an NTP server in seconds (simple SNTP query)."""
    packet = b"\x1b" + 47 * b"\0"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        sock.settimeout(timeout)
        sent = time.time()
        sock.sendto(packet, (server, 123))
        data = sock.recvfrom(512)[0]
        received = time.time()
    if len(data) < 48:
        raise ValueError("short NTP answer")
    seconds, fraction = struct.unpack("!II", data[40:48])
    server_time = seconds - 2208988800 + fraction / 2 ** 32
    return server_time - (sent + received) / 2


def _no_verify_context() -> ssl.SSLContext:
    """A TLS client context that does not verify (the certificate is checked separately; here:
    does the site answer?). No CA store is loaded: with ssl.create_default_context() that load
    took 0.12 s per site, most of a 10-site host's diagnosis (benchmarks/fleet.py)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def http_get(url: str, timeout: float = 5.0, max_bytes: int = 262144) -> dict:
    """GET a site's address from the host itself: its HTTP status and the start of its body.

    Ansible's open_url machinery (Request().open, what open_url calls) with the context above, so no CA
    store is loaded (open_url(validate_certs=False) builds a default context, which loads it). As with
    urllib: redirects followed, proxies from the environment, no ~/.netrc credentials, no decompression.
    """
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        return {"status": None, "body": "", "error": "not an http(s) address: %s" % url[:100]}
    try:
        with Request().open("GET", url, timeout=timeout, context=_no_verify_context(), http_agent=USER_AGENT,
                            follow_redirects="urllib2", decompress=False, use_netrc=False) as resp:
            return {"status": resp.status, "body": resp.read(max_bytes).decode("utf-8", "replace"), "error": ""}
    except urllib.error.HTTPError as exc:
        return {"status": exc.code, "body": "", "error": str(exc)}
    except (urllib.error.URLError, UrlsConnectionError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return {"status": None, "body": "", "error": str(reason)}


def normalise_service(raw: dict) -> dict:
    if not isinstance(raw, dict) or not raw.get("name"):
        raise ValueError("a service entry needs at least a name, got %r" % (raw,))
    svc = dict(raw)
    svc.setdefault("kind", "other")
    if svc["kind"] not in SERVICE_KINDS:
        raise ValueError("service %s: kind must be one of %s" % (svc["name"], ", ".join(SERVICE_KINDS)))
    svc.setdefault("process", svc["name"])
    svc.setdefault("host", "127.0.0.1")
    if svc.get("port") not in (None, ""):
        svc["port"] = int(svc["port"])
    else:
        svc["port"] = None
    for key in ("config_paths", "error_logs"):
        value = svc.get(key) or []
        svc[key] = [value] if isinstance(value, str) else list(value)
    return svc


def service_state(svc: dict, procs=None) -> dict:
    """Process (pidfile or name) and port state of a service."""
    pid = read_pidfile(svc["pidfile"]) if svc.get("pidfile") else None
    if svc.get("pidfile"):
        pids = [pid] if pid_alive(pid) else []
    else:
        pids = find_processes(svc["process"], procs, svc.get("process_match"))
    listening = port_open(svc["host"], svc["port"]) if svc.get("port") else None
    if svc.get("socket"):
        sock_ok = database_greeting("", 0, svc["socket"], svc.get("engine", "mysql"))["ok"] if svc.get("kind") == "db" \
            else os.path.exists(svc["socket"])
        listening = sock_ok if listening is None else (listening or sock_ok)
    running = bool(pids) and (listening is not False)
    return {"pids": pids, "process_running": bool(pids), "listening": listening, "running": running}


def _owner_names(st):
    try:
        import grp
        import pwd
        user = pwd.getpwuid(st.st_uid).pw_name
    except (KeyError, ImportError):
        user = str(st.st_uid)
    try:
        group = grp.getgrgid(st.st_gid).gr_name
    except (KeyError, ImportError, NameError):
        group = str(st.st_gid)
    return user, group


def scan_docroot(docroot: str, owner=None, group=None, file_mode=None, dir_mode=None, max_files: int = 20000) -> dict:
    """Problems of ownership/permissions in a docroot (symlinks are not followed)."""
    problems = {"world_writable": [], "unreadable": [], "wrong_owner": [], "wrong_mode": []}
    scanned = 0
    for root, dirs, files in os.walk(docroot):
        dirs.sort()
        for name in [None] + sorted(files):
            path = root if name is None else os.path.join(root, name)
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if stat.S_ISLNK(st.st_mode):
                continue
            scanned += 1
            if scanned > max_files:
                problems["truncated"] = True
                return {"problems": problems, "scanned": scanned - 1}
            mode = stat.S_IMODE(st.st_mode)
            is_dir = stat.S_ISDIR(st.st_mode)
            rel = os.path.relpath(path, docroot)
            if mode & 0o002:
                problems["world_writable"].append(rel)
            wanted = int(str(dir_mode if is_dir else file_mode), 8) if (dir_mode if is_dir else file_mode) else None
            if wanted is not None:
                if mode != wanted:
                    problems["wrong_mode"].append(rel)
                readable_bits = wanted & 0o444
                if mode & readable_bits != readable_bits or (is_dir and mode & (wanted & 0o111) != wanted & 0o111):
                    problems["unreadable"].append(rel)
            else:
                if not is_dir and not mode & 0o044:
                    problems["unreadable"].append(rel)
                if is_dir and not mode & 0o011:
                    problems["unreadable"].append(rel)
            if owner or group:
                user_name, group_name = _owner_names(st)
                if (owner and owner not in (user_name, str(st.st_uid))) or (
                        group and group not in (group_name, str(st.st_gid))):
                    problems["wrong_owner"].append(rel)
    return {"problems": problems, "scanned": scanned}


def recent_changes(docroot: str, since_ts: float, limit: int = 50, max_files: int = 20000) -> list:
    changed = []
    scanned = 0
    for root, dirs, files in os.walk(docroot):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            scanned += 1
            if scanned > max_files:
                return changed
            try:
                st = os.lstat(path)
            except OSError:
                continue
            if max(st.st_mtime, st.st_ctime) >= since_ts:
                changed.append((os.path.relpath(path, docroot), max(st.st_mtime, st.st_ctime)))
    changed.sort(key=lambda item: item[1], reverse=True)
    return changed[:limit]
