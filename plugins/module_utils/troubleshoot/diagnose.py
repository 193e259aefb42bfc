# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Diagnosis of a web host (SOP activity 7), standard library only.

Everything here only reads: processes (``/proc``), ports (a TCP connect and
``/proc/net/tcp*``), the configuration test command, disk/inode usage, memory
and load, error-log tails, local certificate files, DNS, database greetings,
docroot ownership/permissions and recent changes, and time synchronisation.
Nothing is written, so the diagnosis is safe for a read-only vendor account.

The result is a list of findings (activity 7) with plain-words summaries, an
Indonesian summary in ``details.summary_id``, and candidate fixes that name
``playbook: remediate, tag: <fix>``; plus raw ``diagnostics`` (masked) for the
escalation bundle.
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
import urllib.request

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import mask as msk

ACTIVITY = 7

# Fix tags of the remediation catalogue (playbooks/remediate.yml).
FIXES = (
    "start_service",
    "rollback_config",
    "free_disk",
    "renew_cert",
    "restore_site",
    "block_attackers",
    "fix_permissions",
)
# Fixes that change nothing irreversibly: the default unattended allowlist.
NON_DESTRUCTIVE_FIXES = ("start_service", "rollback_config", "free_disk", "fix_permissions")

FIX_TEXT = {
    "start_service": ("Start the stopped service after its configuration test passes",
                      "Jalankan layanan yang berhenti setelah uji konfigurasinya lulus"),
    "rollback_config": ("Roll the web server configuration back to the last version that passed its test",
                        "Kembalikan konfigurasi server web ke versi terakhir yang lulus uji"),
    "free_disk": ("Free disk space: compress old logs, clear caches, prune old backups",
                  "Kosongkan ruang disk: kompres log lama, bersihkan cache, hapus cadangan lama"),
    "renew_cert": ("Renew the TLS certificate with certbot and check the new expiry date",
                   "Perbarui sertifikat TLS dengan certbot dan periksa tanggal kedaluwarsa baru"),
    "restore_site": ("Restore the website from the newest verified backup",
                     "Pulihkan situs web dari cadangan terverifikasi terbaru"),
    "block_attackers": ("Block the attacking addresses at the firewall",
                        "Blokir alamat penyerang di firewall"),
    "fix_permissions": ("Reset the owner and permissions of the website files",
                        "Atur ulang pemilik dan izin berkas situs web"),
}

SERVICE_KINDS = ("web", "php", "db", "other")
DEFACE_MARKERS = ("hacked by", "defaced by", "owned by", "h4ck3d", "greetz", "was here")
TIME_SYNC_DAEMONS = ("chronyd", "ntpd", "systemd-timesyn", "openntpd", "timesyncd", "ntpsec")
ERROR_WORDS = ("[emerg]", "[alert]", "[crit]", "[error]", " error ", "fatal", "ERROR")

MAX_OUTPUT = 20000


def fix_action(tag: str, extra: str = "") -> dict:
    text, text_id = FIX_TEXT[tag]
    if extra:
        text = "%s (%s)" % (text, extra)
        text_id = "%s (%s)" % (text_id, extra)
    return dict(fnd.action(text, playbook="remediate", tag=tag), text_id=text_id)


def vendor_action() -> dict:
    return dict(
        fnd.action("If it is not solved in-house, send the evidence bundle to the third party",
                   playbook="troubleshoot"),
        text_id="Jika tidak dapat diselesaikan sendiri, kirim berkas bukti ke pihak ketiga",
    )


class Diagnosis:
    """Collects findings and raw diagnostics for one host."""

    def __init__(self, host: str, observed_at: str | None = None, extra_secrets=()):
        self.host = host
        self.observed_at = observed_at or fnd.utc_now_iso()
        self.findings = []
        self.diagnostics = {}
        self.extra_secrets = [s for s in extra_secrets if s]

    def mask(self, text):
        return msk.mask_text(text or "", self.extra_secrets)[0]

    def add(self, check, subject, status, summary, summary_id, details=None, evidence=None, fixes=(), vendor=False):
        details = dict(details or {})
        details["summary_id"] = summary_id
        actions = [fix_action(t) for t in fixes]
        if vendor or (status == "critical" and not fixes):
            actions.append(vendor_action())
        evidence = [self.mask(line) for line in (evidence or [])]
        finding = fnd.make_finding(
            activity=ACTIVITY, check="troubleshoot." + check, host=self.host, subject=subject,
            status=status, summary=summary, details=details, evidence=evidence,
            suggested_actions=actions, observed_at=self.observed_at,
        )
        self.findings.append(finding)
        return finding


# --------------------------------------------------------------------------
# Low-level probes (all read-only)
# --------------------------------------------------------------------------
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
                key, _, rest = line.partition(":")
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
        data, _ = sock.recvfrom(512)
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
    context = _no_verify_context()
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        return {"status": None, "body": "", "error": "not an http(s) address: %s" % url[:100]}
    request = urllib.request.Request(url, headers={"User-Agent": "sitekeeper-troubleshoot"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as resp:  # noqa: S310
            return {"status": resp.status, "body": resp.read(max_bytes).decode("utf-8", "replace"), "error": ""}
    except urllib.error.HTTPError as exc:
        return {"status": exc.code, "body": "", "error": str(exc)}
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return {"status": None, "body": "", "error": str(reason)}


# --------------------------------------------------------------------------
# Normalisation of inputs
# --------------------------------------------------------------------------
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


# --------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------
def check_services(diag: Diagnosis, services: list, procs=None):
    procs = processes() if procs is None else procs
    states = {}
    for svc in services:
        state = service_state(svc, procs)
        states[svc["name"]] = state
        subject = "service:%s" % svc["name"]
        port_text = ("port %s" % svc["port"]) if svc.get("port") else "its socket"
        details = dict(state, service=svc["name"], kind=svc["kind"], port=svc.get("port"))
        if state["running"]:
            diag.add("service_running", subject, "ok",
                     "%s is running and answering on %s." % (svc["name"], port_text),
                     "%s berjalan dan menjawab pada %s." % (svc["name"], port_text.replace("its socket", "soketnya")),
                     details)
        elif not state["process_running"] and not state["listening"]:
            diag.add("service_running", subject, "critical",
                     "%s is not running: no process and nothing answers on %s." % (svc["name"], port_text),
                     "%s tidak berjalan: tidak ada proses dan tidak ada yang menjawab pada %s."
                     % (svc["name"], port_text.replace("its socket", "soketnya")),
                     details, fixes=("start_service",))
        elif state["process_running"]:
            diag.add("service_running", subject, "critical",
                     "%s has a process but does not answer on %s." % (svc["name"], port_text),
                     "%s memiliki proses tetapi tidak menjawab pada %s."
                     % (svc["name"], port_text.replace("its socket", "soketnya")),
                     details, fixes=("start_service",), vendor=True)
        else:
            diag.add("service_running", subject, "warning",
                     "Something answers on %s but the %s process was not found." % (port_text, svc["name"]),
                     "Ada yang menjawab pada %s tetapi proses %s tidak ditemukan." % (port_text, svc["name"]),
                     details)
    diag.diagnostics["services"] = states
    return states


def looks_like_permission_problem(text: str) -> bool:
    lowered = text.lower()
    return "permission denied" in lowered or "operation not permitted" in lowered


def _undo_empty_pidfile(pidfile, existed):
    """`nginx -t` creates an empty pid file when the server is stopped; remove it so the test changes nothing."""
    if not pidfile or existed:
        return
    try:
        if os.path.getsize(pidfile) == 0:
            os.unlink(pidfile)
    except OSError:
        pass


def check_config_tests(diag: Diagnosis, services: list):
    outputs = {}
    for svc in services:
        if not svc.get("config_test"):
            continue
        pidfile = svc.get("pidfile")
        pid_existed = bool(pidfile) and os.path.exists(pidfile)
        result = run_command(svc["config_test"], timeout=30)
        if svc.get("config_dump"):
            dump = run_command(svc["config_dump"], timeout=30)
        _undo_empty_pidfile(pidfile, pid_existed)
        output = diag.mask(result["output"] or result["error"])
        outputs[svc["name"]] = {"rc": result["rc"], "output": output, "command": " ".join(split_command(svc["config_test"]))}
        subject = "service:%s" % svc["name"]
        details = {"service": svc["name"], "rc": result["rc"]}
        lines = [line for line in output.splitlines() if line.strip()][-6:]
        if result["rc"] == 0:
            diag.add("config_test", subject, "ok",
                     "The configuration of %s passes its test." % svc["name"],
                     "Konfigurasi %s lulus uji." % svc["name"], details)
        elif result["rc"] is None or looks_like_permission_problem(output):
            diag.add("config_test", subject, "unknown",
                     "The configuration test of %s could not run: %s" % (svc["name"], (result["error"] or "permission denied")[:150]),
                     "Uji konfigurasi %s tidak dapat dijalankan (izin atau perintah tidak ada)." % svc["name"],
                     details, evidence=lines)
        else:
            diag.add("config_test", subject, "critical",
                     "The configuration of %s is broken: its test fails, so it cannot start or reload." % svc["name"],
                     "Konfigurasi %s rusak: uji gagal, sehingga tidak dapat dijalankan atau dimuat ulang." % svc["name"],
                     details, evidence=lines, fixes=("rollback_config",))
        if svc.get("config_dump"):
            outputs[svc["name"]]["dump"] = diag.mask(dump["output"] or dump["error"])
    diag.diagnostics["config_tests"] = outputs
    return outputs


def check_disks(diag: Diagnosis, paths: list, warn: float, crit: float):
    seen = {}
    for path in paths:
        if not path or not os.path.exists(path):
            continue
        mount = mount_point(path)
        if mount in seen:
            continue
        try:
            usage = disk_usage(path)
        except OSError as exc:
            diag.add("disk_space", "disk:%s" % mount, "unknown",
                     "The disk usage of %s could not be read: %s" % (mount, exc.strerror),
                     "Pemakaian disk %s tidak dapat dibaca." % mount, {"path": path})
            continue
        usage["mount"] = mount
        seen[mount] = usage
        worst = max(usage["used_percent"], usage["inodes_used_percent"])
        what = "inodes" if usage["inodes_used_percent"] > usage["used_percent"] else "space"
        if worst >= crit:
            status = "critical"
        elif worst >= warn:
            status = "warning"
        else:
            status = "ok"
        if status == "ok":
            summary = "The disk holding %s has enough free space (%.0f%% used)." % (mount, worst)
            summary_id = "Disk %s masih cukup (terpakai %.0f%%)." % (mount, worst)
        else:
            summary = "The disk holding %s is %s: %.0f%% of its %s is used." % (
                mount, "full" if status == "critical" else "nearly full", worst, what)
            summary_id = "Disk %s %s: %.0f%% %s terpakai." % (
                mount, "penuh" if status == "critical" else "hampir penuh", worst,
                "inode" if what == "inodes" else "ruang")
        diag.add("disk_space", "disk:%s" % mount, status, summary, summary_id, usage,
                 fixes=("free_disk",) if status != "ok" else ())
    diag.diagnostics["disks"] = seen
    return seen


def check_memory_load(diag: Diagnosis, mem_warn_percent: float, load_warn_per_cpu: float):
    stats = memory_and_load()
    diag.diagnostics["memory_load"] = stats
    problems = []
    if stats["mem_available_percent"] is not None and stats["mem_available_percent"] < mem_warn_percent:
        problems.append("only %.0f%% of memory is free" % stats["mem_available_percent"])
    if stats["load"][1] > load_warn_per_cpu * stats["cpus"]:
        problems.append("the 5-minute load is %.1f for %d processors" % (stats["load"][1], stats["cpus"]))
    if problems:
        diag.add("memory_load", "host:%s" % diag.host, "warning",
                 "The server is under pressure: %s." % "; ".join(problems),
                 "Server sedang terbebani (memori atau beban prosesor tinggi).", stats, vendor=True)
    else:
        diag.add("memory_load", "host:%s" % diag.host, "ok",
                 "Memory and processor load are normal.", "Memori dan beban prosesor normal.", stats)
    return stats


def check_error_logs(diag: Diagnosis, logs: list, lines: int):
    tails = {}
    for path in logs:
        if not path:
            continue
        try:
            tail = tail_lines(path, lines)
        except FileNotFoundError:
            continue
        except OSError as exc:
            diag.add("error_log", "log:%s" % path, "unknown",
                     "The error log %s could not be read: %s" % (path, exc.strerror),
                     "Log galat %s tidak dapat dibaca." % path, {"path": path})
            continue
        masked = [diag.mask(line) for line in tail]
        tails[path] = masked
        errors = [line for line in masked if any(word in line for word in ERROR_WORDS)]
        status = "warning" if errors else "ok"
        diag.add("error_log", "log:%s" % path, status,
                 ("The error log %s has %d recent error lines." % (path, len(errors))) if errors
                 else "The error log %s shows no recent errors." % path,
                 ("Log galat %s berisi %d baris galat terbaru." % (path, len(errors))) if errors
                 else "Log galat %s tidak menunjukkan galat terbaru." % path,
                 {"path": path, "error_lines": len(errors), "lines_read": len(tail)}, evidence=errors[-5:])
    diag.diagnostics["error_logs"] = tails
    return tails


def check_certificates(diag: Diagnosis, sites: list, warn_days: int, crit_days: int, now=None):
    now = now or datetime.datetime.now(datetime.timezone.utc)
    certs = {}
    for site in sites:
        path = site.get("tls_cert")
        if not path:
            continue
        subject = site.get("url") or site["name"]
        try:
            expiry = certificate_expiry(path)
        except (OSError, ValueError) as exc:
            diag.add("tls_certificate", subject, "unknown",
                     "The certificate file of %s could not be read." % site["name"],
                     "Berkas sertifikat %s tidak dapat dibaca." % site["name"],
                     {"path": path, "error": str(exc)[:300]})
            continue
        days = (expiry - now).total_seconds() / 86400.0
        certs[site["name"]] = {"path": path, "not_after": fnd.utc_now_iso(expiry), "days_left": round(days, 1)}
        details = dict(certs[site["name"]], site=site["name"], cert_name=site.get("cert_name"))
        fixes = ("renew_cert",)
        if days < 0:
            diag.add("tls_certificate", subject, "critical",
                     "The security certificate of %s has expired; visitors see a warning." % site["name"],
                     "Sertifikat keamanan %s sudah kedaluwarsa; pengunjung melihat peringatan." % site["name"],
                     details, fixes=fixes)
        elif days < crit_days:
            diag.add("tls_certificate", subject, "critical",
                     "The security certificate of %s expires in %d days." % (site["name"], int(days)),
                     "Sertifikat keamanan %s kedaluwarsa dalam %d hari." % (site["name"], int(days)),
                     details, fixes=fixes)
        elif days < warn_days:
            diag.add("tls_certificate", subject, "warning",
                     "The security certificate of %s expires in %d days." % (site["name"], int(days)),
                     "Sertifikat keamanan %s kedaluwarsa dalam %d hari." % (site["name"], int(days)),
                     details, fixes=fixes)
        else:
            diag.add("tls_certificate", subject, "ok",
                     "The security certificate of %s is valid for %d more days." % (site["name"], int(days)),
                     "Sertifikat keamanan %s masih berlaku %d hari lagi." % (site["name"], int(days)), details)
    diag.diagnostics["certificates"] = certs
    return certs


def check_dns(diag: Diagnosis, sites: list):
    answers = {}
    for site in sites:
        url = site.get("url")
        if not url:
            continue
        hostname = urllib.parse.urlsplit(url).hostname or ""
        subject = url
        if not hostname:
            continue
        try:
            infos = socket.getaddrinfo(hostname, None, proto=socket.IPPROTO_TCP)
            addresses = sorted({info[4][0] for info in infos})
        except (socket.gaierror, UnicodeError) as exc:
            answers[hostname] = {"error": str(exc)}
            diag.add("dns", subject, "critical",
                     "The name %s of %s cannot be found in DNS, so visitors cannot reach it." % (hostname, site["name"]),
                     "Nama %s untuk %s tidak ditemukan di DNS, sehingga pengunjung tidak dapat mengaksesnya."
                     % (hostname, site["name"]), {"hostname": hostname, "error": str(exc)}, vendor=True)
            continue
        answers[hostname] = {"addresses": addresses}
        diag.add("dns", subject, "ok",
                 "The name %s resolves to %s." % (hostname, ", ".join(addresses[:4])),
                 "Nama %s mengarah ke %s." % (hostname, ", ".join(addresses[:4])),
                 {"hostname": hostname, "addresses": addresses})
    diag.diagnostics["dns"] = answers
    return answers


def check_site_response(diag: Diagnosis, sites: list, timeout: float):
    answers = {}
    for site in sites:
        url = site.get("check_url") or site.get("url")
        if not url:
            continue
        result = http_get(url, timeout=timeout)
        answers[site["name"]] = {"url": url, "status": result["status"], "error": result["error"]}
        details = {"site": site["name"], "http_status": result["status"], "error": result["error"][:300]}
        if result["status"] is not None and result["status"] < 400:
            diag.add("site_response", url, "ok",
                     "%s answers normally (HTTP %d)." % (site["name"], result["status"]),
                     "%s menjawab normal (HTTP %d)." % (site["name"], result["status"]), details)
        elif result["status"] is None:
            diag.add("site_response", url, "critical",
                     "%s does not answer from the server itself: %s." % (site["name"], result["error"][:120]),
                     "%s tidak menjawab dari server itu sendiri." % site["name"], details,
                     fixes=("start_service",))
        else:
            diag.add("site_response", url, "critical" if result["status"] >= 500 else "warning",
                     "%s answers with an error (HTTP %d)." % (site["name"], result["status"]),
                     "%s menjawab dengan galat (HTTP %d)." % (site["name"], result["status"]), details,
                     fixes=("fix_permissions",) if result["status"] == 403 else ())
    diag.diagnostics["site_responses"] = answers
    return answers


def check_databases(diag: Diagnosis, sites: list, services: list):
    seen = set()
    results = {}
    for site in sites:
        db = site.get("database")
        if not isinstance(db, dict):
            continue
        engine = db.get("engine", "mysql")
        key = (db.get("host", "127.0.0.1"), db.get("port"), db.get("socket"))
        if key in seen:
            continue
        seen.add(key)
        port = db.get("port") or (5432 if engine == "postgresql" else 3306)
        where = db.get("socket") or "%s:%s" % (db.get("host", "127.0.0.1"), port)
        result = database_greeting(db.get("host", "127.0.0.1"), port, db.get("socket"), engine)
        results[where] = result
        subject = "database:%s" % where
        details = {"engine": engine, "where": where, "site": site["name"]}
        details.update({k: v for k, v in result.items() if k != "ok"})
        if result["ok"]:
            diag.add("database", subject, "ok",
                     "The database of %s accepts connections." % site["name"],
                     "Basis data %s menerima koneksi." % site["name"], details)
        elif result.get("answered"):
            diag.add("database", subject, "warning",
                     "The database of %s runs but refuses connections from this address." % site["name"],
                     "Basis data %s berjalan tetapi menolak koneksi dari alamat ini." % site["name"],
                     details, evidence=[result.get("error", "")], vendor=True)
        else:
            diag.add("database", subject, "critical",
                     "The database of %s does not accept connections, so dynamic pages fail." % site["name"],
                     "Basis data %s tidak menerima koneksi, sehingga halaman dinamis gagal." % site["name"],
                     details, evidence=[result.get("error", "")], fixes=("start_service",))
    diag.diagnostics["databases"] = results
    return results


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


def check_docroots(diag: Diagnosis, sites: list):
    results = {}
    for site in sites:
        docroot = site.get("docroot")
        if not docroot:
            continue
        subject = site.get("url") or site["name"]
        if not os.path.isdir(docroot):
            diag.add("docroot_permissions", subject, "critical",
                     "The website folder %s of %s is missing or not readable." % (docroot, site["name"]),
                     "Folder situs %s untuk %s tidak ada atau tidak dapat dibaca." % (docroot, site["name"]),
                     {"docroot": docroot}, fixes=("restore_site",))
            continue
        scan = scan_docroot(docroot, site.get("docroot_owner"), site.get("docroot_group"),
                            site.get("docroot_file_mode"), site.get("docroot_dir_mode"))
        problems = scan["problems"]
        results[site["name"]] = scan
        counts = {k: len(v) for k, v in problems.items() if isinstance(v, list)}
        details = {"docroot": docroot, "scanned": scan["scanned"], "counts": counts}
        evidence = ["%s: %s" % (k, ", ".join(v[:5])) for k, v in problems.items() if isinstance(v, list) and v]
        if problems["unreadable"]:
            diag.add("docroot_permissions", subject, "critical",
                     "%d files or folders of %s cannot be read by the web server, so pages fail."
                     % (counts["unreadable"], site["name"]),
                     "%d berkas atau folder %s tidak dapat dibaca server web, sehingga halaman gagal."
                     % (counts["unreadable"], site["name"]), details, evidence, fixes=("fix_permissions",))
        elif problems["world_writable"] or problems["wrong_owner"] or problems["wrong_mode"]:
            total = counts["world_writable"] + counts["wrong_owner"] + counts["wrong_mode"]
            diag.add("docroot_permissions", subject, "warning",
                     "%d files of %s have unsafe owner or permissions (anyone could change them)."
                     % (total, site["name"]),
                     "%d berkas %s memiliki pemilik atau izin yang tidak aman." % (total, site["name"]),
                     details, evidence, fixes=("fix_permissions",))
        else:
            diag.add("docroot_permissions", subject, "ok",
                     "The owner and permissions of the files of %s are correct." % site["name"],
                     "Pemilik dan izin berkas %s sudah benar." % site["name"], details)
    diag.diagnostics["docroots"] = results
    return results


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


def check_defacement(diag: Diagnosis, sites: list, recent_hours: float, markers, now_ts=None):
    now_ts = now_ts or time.time()
    results = {}
    markers = [m.lower() for m in markers if m]
    for site in sites:
        docroot = site.get("docroot")
        if not docroot or not os.path.isdir(docroot):
            continue
        subject = site.get("url") or site["name"]
        changed = recent_changes(docroot, now_ts - recent_hours * 3600)
        hits = []
        index_files = site.get("index_files") or ["index.html", "index.php", "index.htm"]
        for name in index_files:
            path = os.path.join(docroot, name)
            try:
                with open(path, "rb") as handle:
                    content = handle.read(262144).decode("utf-8", "replace").lower()
            except OSError:
                continue
            for marker in markers + [m.lower() for m in site.get("deface_markers", [])]:
                if marker in content:
                    hits.append("%s contains %r" % (name, marker))
            expected = site.get("expected_text")
            if expected and expected.lower() not in content:
                hits.append("%s lacks the expected text %r" % (name, expected))
        results[site["name"]] = {"recent_changes": [c[0] for c in changed], "deface_signs": hits}
        details = {"site": site["name"], "recent_hours": recent_hours, "recent_changes": len(changed),
                   "deface_signs": hits}
        evidence = hits + ["changed: %s at %s" % (rel, fnd.utc_now_iso(datetime.datetime.fromtimestamp(ts, datetime.timezone.utc)))
                           for rel, ts in changed[:8]]
        if hits:
            diag.add("docroot_changes", subject, "critical",
                     "The home page of %s looks defaced (its content was replaced)." % site["name"],
                     "Halaman depan %s tampaknya dirusak (isinya diganti)." % site["name"],
                     details, evidence, fixes=("restore_site", "block_attackers"))
        elif changed:
            diag.add("docroot_changes", subject, "warning",
                     "%d files of %s changed in the last %d hours; check that the changes were expected."
                     % (len(changed), site["name"], recent_hours),
                     "%d berkas %s berubah dalam %d jam terakhir; pastikan perubahan itu memang disengaja."
                     % (len(changed), site["name"], recent_hours), details, evidence)
        else:
            diag.add("docroot_changes", subject, "ok",
                     "No file of %s changed in the last %d hours." % (site["name"], recent_hours),
                     "Tidak ada berkas %s yang berubah dalam %d jam terakhir." % (site["name"], recent_hours),
                     details)
    diag.diagnostics["docroot_changes"] = results
    return results


def check_time_sync(diag: Diagnosis, ntp_server: str | None, max_offset: float, procs=None):
    procs = processes() if procs is None else procs
    daemons = sorted({comm for _, comm, _ in procs if comm in TIME_SYNC_DAEMONS})
    info = {"daemons": daemons, "utc_now": fnd.utc_now_iso()}
    subject = "host:%s" % diag.host
    if ntp_server:
        try:
            offset = sntp_offset(ntp_server)
            info["offset_seconds"] = round(offset, 3)
        except (OSError, ValueError) as exc:
            info["error"] = str(exc)
    diag.diagnostics["time_sync"] = info
    if "offset_seconds" in info and abs(info["offset_seconds"]) > max_offset:
        diag.add("time_sync", subject, "warning",
                 "The server clock is off by %.0f seconds; logs and certificates may be misjudged." % info["offset_seconds"],
                 "Jam server selisih %.0f detik; log dan sertifikat bisa salah dinilai." % info["offset_seconds"],
                 info, vendor=True)
    elif "offset_seconds" in info or daemons:
        diag.add("time_sync", subject, "ok", "The server clock is synchronised.", "Jam server sudah tersinkron.", info)
    else:
        diag.add("time_sync", subject, "warning",
                 "No time synchronisation service runs on the server, so its clock may drift.",
                 "Tidak ada layanan sinkronisasi waktu di server, jam server bisa bergeser.", info)
    return info


def run_diagnosis(host: str, services=(), sites=(), disk_paths=(), options=None, extra_secrets=(),
                  environ=None) -> dict:
    """Run every check for one host. Returns {findings, diagnostics, problems, errors}."""
    opts = {
        "disk_warn_percent": 85.0, "disk_crit_percent": 95.0, "mem_warn_percent": 10.0,
        "load_warn_per_cpu": 2.0, "error_log_lines": 50, "cert_warn_days": 21, "cert_crit_days": 7,
        "recent_hours": 24.0, "deface_markers": list(DEFACE_MARKERS), "ntp_server": None,
        "max_clock_offset": 5.0, "http_timeout": 5.0, "checks": None,
    }
    opts.update({k: v for k, v in (options or {}).items() if v is not None})
    diag = Diagnosis(host, extra_secrets=extra_secrets)
    errors = []
    norm_services = []
    for raw in services or []:
        try:
            norm_services.append(normalise_service(raw))
        except (ValueError, TypeError) as exc:
            errors.append(str(exc))
    good_sites = []
    for site in sites or []:
        if isinstance(site, dict) and site.get("name"):
            good_sites.append(site)
        else:
            errors.append("a site entry needs a name, got %r" % (site,))
    wanted = set(opts["checks"] or [])

    def enabled(name):
        return not wanted or name in wanted

    procs = processes()
    steps = [
        ("service_running", lambda: check_services(diag, norm_services, procs)),
        ("config_test", lambda: check_config_tests(diag, norm_services)),
        ("disk_space", lambda: check_disks(
            diag, list(disk_paths or []) + [s.get("docroot") for s in good_sites]
            + [os.path.dirname(p) for s in good_sites for p in s.get("access_logs", []) or []],
            float(opts["disk_warn_percent"]), float(opts["disk_crit_percent"]))),
        ("memory_load", lambda: check_memory_load(diag, float(opts["mem_warn_percent"]), float(opts["load_warn_per_cpu"]))),
        ("error_log", lambda: check_error_logs(
            diag, [p for s in norm_services for p in s["error_logs"]] + [p for s in good_sites for p in s.get("error_logs", []) or []],
            int(opts["error_log_lines"]))),
        ("tls_certificate", lambda: check_certificates(diag, good_sites, int(opts["cert_warn_days"]), int(opts["cert_crit_days"]))),
        ("dns", lambda: check_dns(diag, good_sites)),
        ("site_response", lambda: check_site_response(diag, good_sites, float(opts["http_timeout"]))),
        ("database", lambda: check_databases(diag, good_sites, norm_services)),
        ("docroot_permissions", lambda: check_docroots(diag, good_sites)),
        ("docroot_changes", lambda: check_defacement(diag, good_sites, float(opts["recent_hours"]), opts["deface_markers"])),
        ("time_sync", lambda: check_time_sync(diag, opts["ntp_server"], float(opts["max_clock_offset"]), procs)),
    ]
    for name, step in steps:
        if not enabled(name):
            continue
        try:
            step()
        except Exception as exc:  # noqa: BLE001  one broken check must not hide the others
            errors.append("%s check failed: %s" % (name, exc))
            diag.add(name, "host:%s" % host, "unknown",
                     "The %s check could not run: %s" % (name.replace("_", " "), str(exc)[:150]),
                     "Pemeriksaan %s tidak dapat dijalankan." % name.replace("_", " "), {"error": str(exc)[:500]})
    diag.diagnostics["listening_ports"] = listening_ports()
    diag.diagnostics["environment"] = msk.safe_environment(environ if environ is not None else os.environ)
    diag.diagnostics["errors"] = errors
    problems = [f for f in diag.findings if f["status"] in ("critical", "warning")]
    return {
        "findings": diag.findings,
        "diagnostics": msk.mask_value(diag.diagnostics, diag.extra_secrets)[0],
        "problems": len(problems),
        "worst_status": fnd.worst_status(f["status"] for f in diag.findings),
        "candidate_fixes": candidate_fixes(diag.findings),
        "errors": errors,
    }


def candidate_fixes(findings, statuses=("critical", "warning")) -> list:
    """The remediation tags proposed by non-ok findings, in catalogue order."""
    tags = set()
    for finding in findings:
        if finding["status"] not in statuses:
            continue
        for act in finding.get("suggested_actions", []):
            if act.get("playbook") == "remediate" and act.get("tag"):
                tags.add(act["tag"])
    return [t for t in FIXES if t in tags]
