# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What one backup run means: every finding and metric of SOP activity 2.

The run (backup.run) builds, verifies and copies; this module only reads what
it did (the result, the new set's manifest, the sets on the destination) and
says what it means for each website, the configuration and each backup place.
Standard library only: this runs on the web host.
"""

from __future__ import annotations

import datetime
import os
import re
import shutil

from ansible_collections.sitekeeper.website.plugins.module_utils.backup import common as bk
from ansible_collections.sitekeeper.website.plugins.module_utils.findings import action, make_finding

ACTIVITY = 2
PROBLEM_STATUSES = ("warning", "critical")

_MANUAL_COPY = action(
    "Until the backup works again, copy the site's folder and a database dump (mysqldump or pg_dump) by hand to"
    " removable media.",
    text_id="Sampai pencadangan berjalan lagi, salin folder situs dan dump basis data (mysqldump atau pg_dump)"
            " secara manual ke media lepas-pasang.")
_DISK_HEALTH = action(
    "Check the backup disk's health (smartctl -H <disk>, I/O errors in dmesg) and replace it if it fails.",
    text_id="Periksa kesehatan disk cadangan (smartctl -H <disk>, galat I/O di dmesg) dan ganti bila rusak.")
_PROVIDER = action(
    "If the backup server, disk or link is rented, send the error to its provider (hosting or ISP).",
    playbook="troubleshoot",
    text_id="Jika server, disk atau jaringan cadangan disewa, kirim galatnya ke penyedianya (hosting atau ISP).")

# What else the court's IT staff can do about each backup problem, after the finding's own first action:
# a step by hand, another playbook, the provider to call. Added to every warning or critical finding of the
# check (SOP activity 5: "alternative solutions").
ALTERNATIVES = {
    "backup.source": (
        action("If the folder was deleted by mistake, restore it from an earlier verified backup (restore"
               " playbook).", playbook="restore",
               text_id="Jika folder terhapus tanpa sengaja, pulihkan dari cadangan terverifikasi sebelumnya"
                       " (playbook restore)."),),
    "backup.damaged": (
        action("Move the damaged set aside so that no restore uses it, and keep a second copy of the newest"
               " verified set on removable media.",
               text_id="Pindahkan set yang rusak agar tidak dipakai untuk pemulihan, dan simpan salinan kedua set"
                       " terverifikasi terbaru di media lepas-pasang."),
        _PROVIDER),
    "backup.run": (_MANUAL_COPY, _PROVIDER),
    "backup.space": (
        action("Keep fewer old sets (site_backup_retention_daily, _weekly, _monthly) so the next run prunes more.",
               playbook="backup",
               text_id="Simpan lebih sedikit set lama (site_backup_retention_daily, _weekly, _monthly) agar proses"
                       " berikutnya memangkas lebih banyak."),
        action("Move older sets to an archive disk or removable media, never the newest verified one.",
               text_id="Pindahkan set lama ke disk arsip atau media lepas-pasang, jangan set terverifikasi"
                       " terbaru."),
        _PROVIDER),
    "backup.age": (
        action("Read the last backup run's findings for why it stopped and check the timetable (sitekeeper schedule"
               " show).",
               text_id="Baca temuan proses pencadangan terakhir untuk mengetahui mengapa berhenti, dan periksa jadwalnya"
                       " (sitekeeper schedule show)."),
        _MANUAL_COPY),
    "backup.verify": (
        action("For any restore, use the previous verified set (restore playbook with site_backup_restore_set)"
               " until a new set passes.", playbook="restore",
               text_id="Untuk pemulihan, pakai set terverifikasi sebelumnya (playbook restore dengan"
                       " site_backup_restore_set) sampai ada set baru yang lulus."),
        _DISK_HEALTH),
    "backup.database": (
        action("Check that the database server runs and dump the database by hand (mysqldump or pg_dump) to the"
               " backup media meanwhile.",
               text_id="Pastikan server basis data berjalan dan sementara itu buat dump basis data secara manual"
                       " (mysqldump atau pg_dump) ke media cadangan."),
        action("If the database is hosted by a provider, send them the error and ask for a dump.",
               playbook="troubleshoot",
               text_id="Jika basis data dikelola penyedia, kirim galatnya kepada mereka dan minta dump."),),
    "backup.shrink": (
        action("Ask the content team whether large files or pages were removed on purpose; if so, nothing is"
               " lost.",
               text_id="Tanyakan kepada tim konten apakah berkas atau halaman besar sengaja dihapus; jika ya, tidak"
                       " ada yang hilang."),
        action("Keep the previous, larger set: copy it to removable media before the retention prunes it.",
               text_id="Simpan set sebelumnya yang lebih besar: salin ke media lepas-pasang sebelum dipangkas masa"
                       " simpan."),),
    "backup.config": (
        action("Copy the web server and PHP configuration (/etc/nginx or /etc/apache2, /etc/php) by hand to"
               " removable media until the backup passes.",
               text_id="Salin konfigurasi server web dan PHP (/etc/nginx atau /etc/apache2, /etc/php) secara manual"
                       " ke media lepas-pasang sampai pencadangan lulus."),
        _DISK_HEALTH),
    "backup.media": (
        action("If the disk is attached but not mounted, check its /etc/fstab entry and the mount point in"
               " site_backup_removable.",
               text_id="Jika disk terpasang tetapi tidak terkait (mount), periksa entri /etc/fstab dan mount point di"
                       " site_backup_removable."),
        action("Once it is attached, run the backup again instead of waiting for the next scheduled run.",
               playbook="backup",
               text_id="Setelah terpasang, jalankan pencadangan lagi tanpa menunggu jadwal berikutnya."),),
    "backup.copy": (
        action("Test the login to the backup server by hand (ssh <user>@<host>) and its free space (df -h).",
               text_id="Uji login ke server cadangan secara manual (ssh <user>@<host>) dan ruang kosongnya (df -h)."),
        _PROVIDER),
    "backup.retention": (
        action("Remove old sets by hand on the backup server, never the newest verified ones.",
               text_id="Hapus set lama secara manual di server cadangan, jangan set terverifikasi terbaru."),
        _PROVIDER),
}


class RunFindings:
    """The findings and metrics of one run of one host, all observed at the run's start."""

    def __init__(self, host, observed_at):
        self.host = host
        self.observed_at = observed_at
        self.findings = []
        self.metrics = []

    def add(self, check, subject, status, summary, summary_id, details=None, actions=None, evidence=None,
            alternatives=True):
        """One finding; a problem also gets the check's ALTERNATIVES after ``actions`` (unless told not to,
        when the branch has its own)."""
        actions = list(actions or [])
        if alternatives and status in PROBLEM_STATUSES:
            # Copies: a finding's actions may be changed later, the table must not be.
            actions += [dict(alt) for alt in ALTERNATIVES.get(check, ()) if alt not in actions]
        self.findings.append(make_finding(ACTIVITY, check, self.host, subject, status, summary, details, evidence,
                                          actions, self.observed_at, summary_id=summary_id))

    def metric(self, subject, name, value):
        self.metrics.append({"activity": ACTIVITY, "host": self.host, "subject": subject, "name": name,
                             "value": value})


def site_subject(site):
    """A website's findings are about its URL (its name when it has none)."""
    return site.get("url") or site["name"]


def unusable_site(out, index, site, problem):
    """backup.source critical: a site whose name breaks the rule was not backed up at all.

    The finding is about the site's URL when it has a plain one, else about its place in the
    inventory list; the name itself appears only in PROBLEM's safe, shortened form.
    """
    url = site.get("url") if isinstance(site, dict) else None
    plain = isinstance(url, str) and url.startswith(("http://", "https://")) and len(url) <= 200 \
        and not re.search(r"[\s<>\"'`]", url)
    subject = url if plain else "sitekeeper_sites[%d]" % index
    out.add(
        "backup.source", subject, "critical",
        "This website was not backed up: its name in the inventory cannot be used (%s)." % problem[:200],
        "Situs web ini tidak dicadangkan: namanya di inventaris tidak dapat dipakai (%s)." % problem[:200],
        {"problem": problem, "inventory_entry": index},
        [action("Give the site a plain name in sitekeeper_sites (letters, digits, '.', '_', '-'), then run the"
                " backup again.", playbook="backup",
                text_id="Beri situs nama sederhana di sitekeeper_sites (huruf, angka, '.', '_', '-'), lalu jalankan"
                        " pencadangan lagi."),
         _MANUAL_COPY],
        evidence=[problem], alternatives=False,
    )


def damaged_set(out, name, problems, dest):
    """An earlier verified set no longer matches its checksums."""
    out.add(
        "backup.damaged", name, "critical",
        "An earlier backup no longer matches its checksums: it is damaged and cannot be trusted.",
        "Cadangan sebelumnya tidak lagi cocok dengan checksum-nya: cadangan itu rusak dan tidak dapat diandalkan.",
        {"set": name, "problems": problems[:20], "destination": dest},
        [action("Check the backup disk for errors and keep today's new backup.", playbook="backup",
                text_id="Periksa disk cadangan dari kerusakan dan simpan cadangan baru hari ini.")],
        evidence=problems[:5],
    )


def host_failure(out, dest, message):
    """The run failed as a whole (no set was made); a full disk says so on its own."""
    out.add(
        "backup.run", out.host, "critical",
        "The backup of this server failed: %s." % message[:300],
        "Pencadangan server ini gagal: %s." % message[:300],
        {"error": message, "destination": dest},
        [action("Free space on the backup disk or fix the backup folder, then run the backup again.",
                playbook="backup",
                text_id="Kosongkan ruang disk cadangan atau perbaiki folder cadangan, lalu jalankan pencadangan"
                        " lagi.")],
    )
    if message.startswith("destination full"):
        out.add(
            "backup.space", dest, "critical",
            "The backup disk is full, so no new backup could be made; older backups were kept.",
            "Disk cadangan penuh sehingga cadangan baru tidak dapat dibuat; cadangan lama tetap disimpan.",
            {"destination": dest},
            [action("Free space on the backup disk or attach a larger one.",
                    text_id="Kosongkan ruang pada disk cadangan atau pasang disk yang lebih besar.")],
        )


class Judge:
    """Judges one run: each website's newest backup, this run's set, and every backup place."""

    def __init__(self, out, params, dest, check_mode=False, before=()):
        self.out = out
        self.p = params
        self.dest = dest
        self.check_mode = check_mode
        # The sets as they were before this run (for the shrink comparison).
        self.before = before

    def judge(self, sites, result, this_set):
        sets = bk.list_sets(self.dest, self.out.host)
        result["sets"] = [{"name": s["name"], "verified": s["verified"]} for s in sets]
        now = datetime.datetime.now(datetime.timezone.utc)
        for site in sites:
            subject = site_subject(site)
            self.age(site, subject, sets, now)
            if this_set is not None:
                self.site_run(site, subject, this_set, sets)
        if this_set is not None:
            self.config(this_set)
        self.destinations(result, sets)

    def age(self, site, subject, sets, now):
        """backup.age: how old the newest verified, complete set of this website is."""
        max_age = float(self.p["max_age_hours"])
        name = site["name"]
        complete = [s for s in sets
                    if s["verified"] and ((s["manifest"] or {}).get("sites", {}).get(name) or {}).get("complete")]
        newest = complete[0] if complete else None
        if newest is None:
            self.out.add(
                "backup.age", subject, "critical",
                "There is no verified backup of this website.",
                "Belum ada cadangan terverifikasi untuk situs web ini.",
                {"age_hours": None, "max_age_hours": max_age, "destination": self.dest},
                [action("Run the backup and fix any problem it reports.", playbook="backup",
                        text_id="Jalankan pencadangan dan perbaiki masalah yang dilaporkan.")],
            )
            return
        age = (now - newest["time"]).total_seconds() / 3600.0
        status = "ok" if age <= max_age else ("warning" if age <= 3 * max_age else "critical")
        self.out.add(
            "backup.age", subject, status,
            "The newest verified backup of this website is %.0f hours old (standard: %.0f hours)." % (age, max_age),
            "Cadangan terverifikasi terbaru situs web ini berumur %.0f jam (standar: %.0f jam)." % (age, max_age),
            {"age_hours": round(age, 2), "max_age_hours": max_age, "newest": newest["name"],
             "destination": self.dest},
            [] if status == "ok" else [
                action("Run the backup now and check that the scheduled backup runs every day.", playbook="backup",
                       text_id="Jalankan pencadangan sekarang dan pastikan pencadangan terjadwal berjalan setiap"
                               " hari.")],
        )
        self.out.metric(subject, "backup_age_hours", round(age, 3))

    def site_run(self, site, subject, manifest, sets):
        """backup.verify, backup.source and backup.database for one website in this run's set."""
        info = manifest["sites"].get(site["name"], {})
        items = [c for c in manifest["contents"] if c.get("site") == site["name"]]
        failed = [c for c in items if c.get("verify", {}).get("status") != "ok"]
        missing = [p for p in info.get("problems", [])
                   if "does not exist" in p or "nothing" in p or "to back up" in p or p.startswith("tar failed")]
        if failed:
            problems = [p for c in failed for p in c["verify"]["problems"]]
            data = {"set": manifest["name"], "problems": problems[:20]}
            # A damaged restic repository: the snapshot a restore can still use.
            damaged = [c["verify"] for c in failed if "last_good_snapshot" in c["verify"]]
            if damaged:
                data["last_good_snapshot"] = damaged[0]["last_good_snapshot"]
                problems = [p for p in problems if p.startswith(("the last good", "no restic snapshot"))] + problems
            self.out.add(
                "backup.verify", subject, "critical",
                "The backup of this website failed its verification; it cannot be trusted for a restore.",
                "Cadangan situs web ini gagal verifikasi; cadangan ini tidak dapat diandalkan untuk pemulihan.",
                data,
                [action("Run the backup again and check the backup disk for errors.", playbook="backup",
                        text_id="Jalankan pencadangan lagi dan periksa disk cadangan dari kerusakan.")],
                evidence=problems[:5],
            )
        elif items:
            dbs = [c for c in items if c["kind"] == "database"]
            self.out.add(
                "backup.verify", subject, "ok",
                "Today's backup of this website was checked and can be restored.",
                "Cadangan hari ini untuk situs web ini sudah diperiksa dan dapat dipulihkan.",
                {"set": manifest["name"], "archives": len(items), "databases_restore_tested": len(
                    [d for d in dbs if d.get("restore_test") == "ok"])},
            )
        if missing:
            self.out.add(
                "backup.source", subject, "critical",
                "A folder of this website that should be backed up is missing, so it was not backed up.",
                "Folder situs web ini yang seharusnya dicadangkan tidak ada, sehingga tidak ikut dicadangkan.",
                {"problems": missing},
                [action("Check the website's folder (docroot) in the inventory and on the server.",
                        playbook="troubleshoot",
                        text_id="Periksa folder situs web (docroot) di inventaris dan di server.")],
                evidence=missing[:5],
            )
        elif items:
            self.out.add(
                "backup.source", subject, "ok",
                "All folders of this website were backed up.",
                "Semua folder situs web ini sudah dicadangkan.",
                {"files": info.get("files", 0), "source_bytes": info.get("source_bytes", 0)},
            )
        self.databases(subject, info.get("databases", []))
        if info:
            self.out.metric(subject, "backup_bytes", info.get("bytes", 0))
            self.out.metric(subject, "backup_source_bytes", info.get("source_bytes", 0))
            self.shrink(site, subject, manifest, info, sets)

    def databases(self, subject, databases):
        """backup.database: one finding per database, the good ones first."""
        for db in databases:
            if db.get("ok"):
                self.out.add(
                    "backup.database", _db_subject(subject, db), "ok",
                    "The website's database was backed up and a test restore matched the original.",
                    "Basis data situs web sudah dicadangkan dan uji pemulihannya sama dengan aslinya.",
                    {"database": db["name"], "engine": db["engine"], "tables": db.get("tables")},
                )
        for db in databases:
            if db.get("ok"):
                continue
            self.out.add(
                "backup.database", _db_subject(subject, db), "critical",
                "The website's database could not be backed up.",
                "Basis data situs web tidak dapat dicadangkan.",
                {"database": db.get("name"), "engine": db.get("engine"), "error": db.get("error")},
                [action("Check the backup user's password and rights on the database server.",
                        playbook="troubleshoot",
                        text_id="Periksa kata sandi dan hak akses pengguna cadangan pada server basis data.")],
                evidence=[db.get("error") or ""],
            )

    def shrink(self, site, subject, manifest, info, sets):
        """backup.shrink: this set is much smaller than the previous complete one."""
        previous = None
        for item in self.before or sets:
            if item["name"] == manifest["name"] or not item["verified"]:
                continue
            pinfo = ((item["manifest"] or {}).get("sites") or {}).get(site["name"])
            if pinfo and pinfo.get("complete"):
                previous = (item, pinfo)
                break
        if previous is None or not info.get("complete"):
            return
        before = previous[1].get("source_bytes") or 0
        after = info.get("source_bytes") or 0
        fraction = float(self.p["shrink_fraction"])
        details = {"previous_set": previous[0]["name"], "previous_bytes": before, "bytes": after,
                   "threshold_fraction": fraction}
        if before > 0 and after < before * (1 - fraction):
            details["shrunk_fraction"] = round(1 - after / before, 3)
            self.out.add(
                "backup.shrink", subject, "warning",
                "This backup is %d%% smaller than the previous one: data may have been lost or deleted."
                % round(100 * (1 - after / before)),
                "Cadangan ini %d%% lebih kecil dari cadangan sebelumnya: mungkin ada data yang hilang atau terhapus."
                % round(100 * (1 - after / before)),
                details,
                [action("Check that the website's files and database are complete; restore from an older backup"
                        " if data was lost.", playbook="restore",
                        text_id="Periksa apakah berkas dan basis data situs web lengkap; pulihkan dari cadangan"
                                " lama bila data hilang.")],
            )
        else:
            self.out.add("backup.shrink", subject, "ok",
                         "The backup size is in line with the previous one.",
                         "Ukuran cadangan sebanding dengan cadangan sebelumnya.", details)

    def config(self, manifest):
        """backup.config: the web server configuration archive of this run's set."""
        items = [c for c in manifest["contents"] if c["kind"] == "config"]
        if not items:
            return
        bad = [p for c in items for p in c.get("verify", {}).get("problems", [])]
        self.out.add(
            "backup.config", self.out.host, "critical" if bad else "ok",
            "The web server configuration backup failed its verification." if bad
            else "The web server configuration was backed up and checked.",
            "Cadangan konfigurasi server web gagal verifikasi." if bad
            else "Konfigurasi server web sudah dicadangkan dan diperiksa.",
            {"set": manifest["name"], "problems": bad[:20], "tls_keys_included": items[0].get("tls_keys_included")},
            [action("Run the backup again and check the backup disk.", playbook="backup",
                    text_id="Jalankan pencadangan lagi dan periksa disk cadangan.")] if bad else [],
        )

    def _targets(self, result):
        """Every backup place of this run with its status (predicted in check mode)."""
        targets = [{"type": "local", "path": self.dest, "status": "ok"}] + list(result.get("copies") or [])
        if self.check_mode:
            targets += [{"type": "removable", "path": s["path"], "mount_point": s.get("mount_point") or s["path"],
                         "status": "ok" if (not s.get("require_mount", True)
                                            or os.path.ismount(s.get("mount_point") or s["path"])) else "absent"}
                        for s in self.p.get("removable") or []]
        elif result.get("error"):
            targets = [{"type": "local", "path": self.dest, "status": "failed"}]
            targets += [{"type": "removable", "path": s["path"], "mount_point": s.get("mount_point") or s["path"],
                         "status": "skipped"} for s in self.p.get("removable") or []]
        return targets

    def destinations(self, result, sets):
        """backup.media, backup.copy, backup.retention and backup.space for every backup place."""
        last_size = 0
        if sets and sets[0]["manifest"]:
            last_size = sets[0]["manifest"].get("total_bytes") or 0
        for entry in self._targets(result):
            if entry["type"] == "removable":
                if entry["status"] == "absent":
                    self.out.add(
                        "backup.media", entry["path"], "warning",
                        "The removable backup media is not present, so no copy was made on it; the next run will"
                        " catch up.",
                        "Media cadangan lepas-pasang tidak terpasang, sehingga salinan tidak dibuat; proses berikutnya"
                        " akan menyusul.",
                        {"mount_point": entry.get("mount_point")},
                        [action("Attach and mount the backup disk.",
                                text_id="Pasang dan kaitkan (mount) disk cadangan.")],
                    )
                    continue
                if entry["status"] in ("ok", "skipped"):
                    self.out.add("backup.media", entry["path"], "ok",
                                 "The removable backup media is present.", "Media cadangan lepas-pasang terpasang.",
                                 {"mount_point": entry.get("mount_point"), "copied": entry.get("copied")})
            if entry["status"] == "failed" and entry["type"] != "local":
                self.out.add(
                    "backup.copy", entry["path"], "critical",
                    "The backup could not be copied to the second backup place: %s." % (entry.get("error") or "")[:200],
                    "Cadangan tidak dapat disalin ke tempat cadangan kedua: %s." % (entry.get("error") or "")[:200],
                    {"type": entry["type"], "error": entry.get("error")},
                    [action("Check the backup disk or backup server and its free space.", playbook="backup",
                            text_id="Periksa disk atau server cadangan dan ruang kosongnya.")],
                )
                continue
            if entry.get("prune_error"):
                self.out.add(
                    "backup.retention", entry["path"], "warning",
                    "Old backups on the backup server could not be pruned: %s." % entry["prune_error"][:200],
                    "Cadangan lama di server cadangan tidak dapat dipangkas: %s." % entry["prune_error"][:200],
                    {"type": entry["type"], "error": entry["prune_error"]},
                    [action("Check the backup server account's rights on the backup folder and its free space.",
                            playbook="backup",
                            text_id="Periksa hak akses akun server cadangan pada folder cadangan dan ruang"
                                    " kosongnya.")],
                )
            if entry["type"] != "rsync" and entry["status"] == "ok":
                self.space(entry["path"], last_size)

    def space(self, path, last_size):
        """backup.space: a local or removable backup disk keeps room for the next sets."""
        min_free = float(self.p["min_free_fraction"])
        try:
            usage = shutil.disk_usage(path)
        except OSError:
            return
        free_fraction = usage.free / usage.total if usage.total else 0
        low = free_fraction < min_free or (last_size and usage.free < 2 * last_size)
        details = {"free_bytes": usage.free, "total_bytes": usage.total, "free_fraction": round(free_fraction, 4),
                   "last_backup_bytes": last_size, "min_free_fraction": min_free}
        self.out.metric(path, "backup_free_bytes", usage.free)
        self.out.add(
            "backup.space", path, "warning" if low else "ok",
            ("The backup disk is almost full (%d%% free); the next backups may fail." % round(100 * free_fraction))
            if low else "The backup disk has enough free space.",
            ("Disk cadangan hampir penuh (%d%% kosong); cadangan berikutnya bisa gagal." % round(100 * free_fraction))
            if low else "Disk cadangan memiliki ruang kosong yang cukup.",
            details,
            [action("Free space on the backup disk or attach a larger one.",
                    text_id="Kosongkan ruang pada disk cadangan atau pasang disk yang lebih besar.")]
            if low else [],
        )


def _db_subject(subject, db):
    return "%s#%s/%s" % (subject, db.get("engine") or "mariadb", db.get("name"))
