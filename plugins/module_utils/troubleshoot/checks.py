# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The twelve checks of the diagnosis (SOP activity 7): each reads the host and adds findings.

Every finding has a plain-words summary, an Indonesian summary (``details.summary_id``) and the
candidate fixes of the catalogue (catalogue.fix_action: ``playbook: remediate, tag: <fix>``); a problem
also gets the alternatives of ALTERNATIVES (SOP activity 5: "alternative solutions"). Raw
``diagnostics`` are kept (masked) for the escalation bundle.
"""

from __future__ import annotations

import datetime
import os
import socket
import time
import urllib.parse

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import mask as msk
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import catalogue as cat
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot.host import (
    certificate_expiry,
    database_greeting,
    disk_usage,
    http_get,
    memory_and_load,
    mount_point,
    processes,
    recent_changes,
    run_command,
    scan_docroot,
    service_state,
    sntp_offset,
    split_command,
    tail_lines,
)

ACTIVITY = 7
DEFACE_MARKERS = ("hacked by", "defaced by", "owned by", "h4ck3d", "greetz", "was here")
TIME_SYNC_DAEMONS = ("chronyd", "ntpd", "systemd-timesyn", "openntpd", "timesyncd", "ntpsec")
ERROR_WORDS = ("[emerg]", "[alert]", "[crit]", "[error]", " error ", "fatal", "ERROR")
PROBLEM_STATUSES = ("warning", "critical")


def _step(text, text_id, playbook=None):
    """An alternative done by hand or by another playbook. Never a remediate tag: those are the catalogue's
    fixes, and the troubleshoot role may run the ones a finding names unattended."""
    return fnd.action(text, playbook=playbook, text_id=text_id)


def _escalate(who, who_id):
    """The hand-over to a named third party (SOP activity 7), always the last alternative."""
    return fnd.action("If it is not solved in-house, send the evidence bundle to %s (troubleshoot playbook)." % who,
                      playbook="troubleshoot",
                      text_id="Jika tidak dapat diselesaikan sendiri, kirim berkas bukti ke %s (playbook troubleshoot)."
                      % who_id)


_HOSTING = ("the hosting provider", "penyedia hosting")
_DEVELOPER = ("the web developer or the vendor of the application", "pengembang web atau vendor aplikasi")
_RESTORE = _step("Restore the site's files and database from the newest verified backup (restore playbook;"
                 " site_backup_restore_set picks an older set).",
                 "Pulihkan berkas dan basis data situs dari cadangan terverifikasi terbaru (playbook restore;"
                 " site_backup_restore_set memilih set yang lebih lama).", "restore")

# What else the court's IT staff can do about each problem, after the catalogue's fixes: a step by hand,
# another playbook, and the third party to bring in. Added to every warning or critical finding of the check.
ALTERNATIVES = {
    "service_running": (
        _step("See why the service stopped (journalctl -u <service> -n 50, or its error log) and which program"
              " holds its port (ss -ltnp), then restart it by hand: systemctl restart <service>.",
              "Lihat penyebab layanan berhenti (journalctl -u <layanan> -n 50 atau log galatnya) dan program yang"
              " memakai port-nya (ss -ltnp), lalu jalankan ulang secara manual: systemctl restart <layanan>."),
        _escalate(*_HOSTING)),
    "config_test": (
        _step("Open the file and line named in the test output, correct the mistake and run the test again"
              " (nginx -t, apachectl configtest or php-fpm -t) before reloading.",
              "Buka berkas dan baris yang disebut hasil uji, perbaiki kesalahannya, lalu jalankan uji lagi"
              " (nginx -t, apachectl configtest atau php-fpm -t) sebelum memuat ulang."),
        _step("Take the configuration from the verified backup (restore playbook with"
              " site_backup_restore_components=[config]) and compare it with the current one.",
              "Ambil konfigurasi dari cadangan terverifikasi (playbook restore dengan"
              " site_backup_restore_components=[config]) dan bandingkan dengan konfigurasi sekarang.", "restore"),
        _escalate(*_HOSTING)),
    "disk_space": (
        _step("Find what fills the disk (du -xh --max-depth=2 <mount> | sort -h | tail) and move old archives,"
              " logs or uploads to the backup media.",
              "Cari yang memenuhi disk (du -xh --max-depth=2 <mount> | sort -h | tail) lalu pindahkan arsip, log"
              " atau unggahan lama ke media cadangan."),
        _escalate("the hosting provider and ask for a larger disk", "penyedia hosting dan minta disk yang lebih besar")),
    "memory_load": (
        _step("Find the processes using the most memory or processor (top, or ps aux --sort=-%mem | head) and"
              " restart the one that is stuck, often PHP-FPM or the database.",
              "Cari proses yang paling banyak memakai memori atau prosesor (top, atau ps aux --sort=-%mem | head)"
              " lalu jalankan ulang proses yang macet, biasanya PHP-FPM atau basis data."),
        _step("Check whether a flood of bots or an attack causes the load (audit playbook) and block the worst"
              " addresses.",
              "Periksa apakah beban disebabkan banjir bot atau serangan (playbook audit) lalu blokir alamat"
              " terburuk.", "audit"),
        _escalate("the hosting provider and ask for more memory or processors",
                  "penyedia hosting dan minta tambahan memori atau prosesor")),
    "error_log": (
        _step("Read the error lines shown and fix their cause (a missing file, a broken plugin or theme, a database"
              " error); if they began after an update, undo that update.",
              "Baca baris galat yang ditampilkan dan perbaiki penyebabnya (berkas hilang, plugin atau tema rusak,"
              " galat basis data); jika muncul setelah pembaruan, batalkan pembaruan itu."),
        _escalate(*_DEVELOPER)),
    "tls_certificate": (
        _step("If the certificate does not come from certbot, order the renewal from its issuer or the hosting"
              " panel, install it with its intermediate chain and reload the web server.",
              "Jika sertifikat bukan dari certbot, ajukan perpanjangan ke penerbitnya atau lewat panel hosting,"
              " pasang bersama rantai perantaranya, lalu muat ulang server web."),
        _escalate(*_HOSTING)),
    "dns": (
        _step("In the registrar's or DNS provider's panel check that the name's A record points to this server and"
              " that the domain has not expired (renewals playbook).",
              "Di panel registrar atau penyedia DNS, pastikan record A nama itu mengarah ke server ini dan domain"
              " belum kedaluwarsa (playbook renewals).", "renewals"),
        _step("Ask another resolver (dig @1.1.1.1 <name>): if it answers, only the local resolver is wrong; fix"
              " /etc/resolv.conf or ask the ISP.",
              "Tanyakan ke resolver lain (dig @1.1.1.1 <nama>): jika menjawab, hanya resolver lokal yang salah;"
              " perbaiki /etc/resolv.conf atau hubungi ISP."),
        _escalate("the registrar or DNS provider", "registrar atau penyedia DNS")),
    "site_response": (
        _step("Read the web server's error log for the reason (the error log check) and undo the last change"
              " (update, plugin, configuration).",
              "Baca log galat server web untuk mengetahui penyebabnya (pemeriksaan log galat) dan batalkan"
              " perubahan terakhir (pembaruan, plugin, konfigurasi)."),
        _RESTORE,
        _escalate(*_DEVELOPER)),
    "database": (
        _step("Read the database server's log and check its disk space; for refused connections check the user's"
              " allowed hosts (GRANT in MariaDB/MySQL, pg_hba.conf in PostgreSQL).",
              "Baca log server basis data dan periksa ruang disknya; untuk koneksi yang ditolak periksa host yang"
              " diizinkan bagi penggunanya (GRANT di MariaDB/MySQL, pg_hba.conf di PostgreSQL)."),
        _step("If the database is damaged, restore it from the newest verified backup (restore playbook with"
              " site_backup_restore_components=[databases]).",
              "Jika basis data rusak, pulihkan dari cadangan terverifikasi terbaru (playbook restore dengan"
              " site_backup_restore_components=[databases]).", "restore"),
        _escalate(*_HOSTING)),
    "docroot_permissions": (
        _step("Check that the folder in the inventory (docroot) is the site's folder, then set owner and modes by"
              " hand: chown -R <owner>:<group> <docroot>; folders 755, files 644, nothing writable by everyone.",
              "Pastikan folder di inventaris (docroot) memang folder situs, lalu atur pemilik dan izin secara manual:"
              " chown -R <pemilik>:<grup> <docroot>; folder 755, berkas 644, tidak ada yang dapat ditulis semua"
              " orang."),
        _escalate(*_HOSTING)),
    "docroot_changes": (
        _step("Ask the content team and the web developer whether they made these changes; if nobody did, treat"
              " it as a break-in: put up a maintenance page and change the CMS, hosting and server passwords.",
              "Tanyakan kepada tim konten dan pengembang web apakah mereka yang membuat perubahan ini; jika tidak,"
              " anggap sebagai pembobolan: pasang halaman pemeliharaan dan ganti kata sandi CMS, hosting dan"
              " server."),
        _step("Find in the visitor logs who uploaded or changed the files around the times shown (audit playbook).",
              "Telusuri di log pengunjung siapa yang mengunggah atau mengubah berkas sekitar waktu yang ditampilkan"
              " (playbook audit).", "audit"),
        _escalate(*_DEVELOPER)),
    "time_sync": (
        _step("Turn on time synchronisation: timedatectl set-ntp true, or install chrony (apt install chrony, or"
              " dnf install chrony) and check it with chronyc tracking.",
              "Aktifkan sinkronisasi waktu: timedatectl set-ntp true, atau pasang chrony (apt install chrony, atau"
              " dnf install chrony) lalu periksa dengan chronyc tracking."),
        _escalate("the hosting provider (a virtual server may take its clock from the provider's host)",
                  "penyedia hosting (server virtual bisa mengambil jam dari host penyedia)")),
}


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

    def add(self, check, subject, status, summary, summary_id, details=None, evidence=None, fixes=()):
        """Add one finding; ``fixes`` are catalogue ids, proposed first. A problem then gets the check's
        ALTERNATIVES, the hand-over to the third party last."""
        actions = [cat.fix_action(fix_id) for fix_id in fixes]
        if status in PROBLEM_STATUSES:
            # Copies: a finding's actions may be changed later, the table must not be.
            actions += [dict(alt) for alt in ALTERNATIVES.get(check, ())]
        evidence = [self.mask(line) for line in (evidence or [])]
        finding = fnd.make_finding(
            activity=ACTIVITY, check="troubleshoot." + check, host=self.host, subject=subject,
            status=status, summary=summary, summary_id=summary_id, details=dict(details or {}), evidence=evidence,
            suggested_actions=actions, observed_at=self.observed_at,
        )
        self.findings.append(finding)
        return finding


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
                     details, fixes=("start_service",))
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
                 "Server sedang terbebani (memori atau beban prosesor tinggi).", stats)
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
                     % (hostname, site["name"]), {"hostname": hostname, "error": str(exc)})
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
                     details, evidence=[result.get("error", "")])
        else:
            diag.add("database", subject, "critical",
                     "The database of %s does not accept connections, so dynamic pages fail." % site["name"],
                     "Basis data %s tidak menerima koneksi, sehingga halaman dinamis gagal." % site["name"],
                     details, evidence=[result.get("error", "")], fixes=("start_service",))
    diag.diagnostics["databases"] = results
    return results


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
    daemons = sorted({comm for _pid, comm, _cmdline in procs if comm in TIME_SYNC_DAEMONS})
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
                 info)
    elif "offset_seconds" in info or daemons:
        diag.add("time_sync", subject, "ok", "The server clock is synchronised.", "Jam server sudah tersinkron.", info)
    else:
        diag.add("time_sync", subject, "warning",
                 "No time synchronisation service runs on the server, so its clock may drift.",
                 "Tidak ada layanan sinkronisasi waktu di server, jam server bisa bergeser.", info)
    return info
