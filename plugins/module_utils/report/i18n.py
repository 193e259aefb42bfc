# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Words of the situation report in Bahasa Indonesia (default) and English.

The report is read by a non-technical officer, so everything it says comes from
this catalog (labels, activity names, status words, category names of check ids)
or from the finding itself: ``details["summary_id"]`` and each action's
``text_id`` in Indonesian, ``summary``/``text`` in English (the fallback).

Dates are shown in the court's time zone (default Asia/Jakarta, via zoneinfo)
and, in the Indonesian report, in the Indonesian style: "27 November 2026 17.02 WIB".
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
DEFAULT_TIMEZONE = "Asia/Jakarta"

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
           "September", "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
}
# Monday first, as datetime.weekday() counts.
WEEKDAYS = {
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}

ACTIVITY_NAMES = {
    "id": {
        1: "Pemantauan ketersediaan dan pembaruan konten",
        2: "Pencadangan (backup) sistem dan data",
        3: "Pemantauan aktivitas pengunjung",
        4: "Perpanjangan layanan (koneksi, hosting, domain)",
        5: "Laporan situasi kepada Penanggung Jawab Informasi",
        6: "Langkah penyelesaian masalah",
        7: "Penanganan gangguan (troubleshooting)",
    },
    "en": {
        1: "Availability and content-update monitoring",
        2: "System and data backup",
        3: "Visitor activity monitoring",
        4: "Service renewals (connection, hosting, domain)",
        5: "Situation report to the Information Officer",
        6: "Problem-solving steps (remediation)",
        7: "Troubleshooting",
    },
}
ACTIVITY_SHORT = {
    "id": {1: "Pemantauan", 2: "Backup", 3: "Pengunjung", 4: "Perpanjangan", 5: "Laporan",
           6: "Perbaikan", 7: "Troubleshooting"},
    "en": {1: "Monitoring", 2: "Backup", 3: "Visitors", 4: "Renewals", 5: "Report",
           6: "Remediation", 7: "Troubleshooting"},
}

STATUS_WORDS = {
    "id": {"ok": "Baik", "warning": "Perlu perhatian", "critical": "Kritis",
           "unknown": "Tidak dapat diperiksa", "none": "Tidak ada data"},
    "en": {"ok": "Good", "warning": "Needs attention", "critical": "Critical",
           "unknown": "Could not be checked", "none": "No data"},
}

# Category of a check id, by its first component.
CATEGORIES = {
    "id": {
        "availability": "Ketersediaan situs", "freshness": "Kebaruan konten",
        "tls": "Sertifikat keamanan (TLS)", "defacement": "Perubahan tampilan tanpa izin (deface)",
        "content": "Isi halaman", "backup": "Cadangan data", "restore": "Uji pemulihan cadangan",
        "audit": "Aktivitas pengunjung", "renewal": "Perpanjangan layanan", "domain": "Nama domain",
        "certificate": "Sertifikat", "contract": "Kontrak layanan", "remediation": "Perbaikan",
        "renewals": "Perpanjangan layanan", "integrity": "Keutuhan tampilan situs",
        "troubleshoot": "Penanganan gangguan", "incident": "Insiden", "report": "Laporan",
        "run": "Pelaksanaan pemeriksaan", "docroot": "Berkas situs di server",
    },
    "en": {
        "availability": "Site availability", "freshness": "Content freshness",
        "tls": "Security certificate (TLS)", "defacement": "Defacement",
        "content": "Page content", "backup": "Backups", "restore": "Restore test",
        "audit": "Visitor activity", "renewal": "Service renewals", "domain": "Domain name",
        "certificate": "Certificate", "contract": "Service contract", "remediation": "Remediation",
        "renewals": "Service renewals", "integrity": "Site integrity",
        "troubleshoot": "Troubleshooting", "incident": "Incident", "report": "Report",
        "run": "Check execution", "docroot": "Site files on the server",
    },
}

INCIDENT_STATES = {
    "id": {"open": "Ditangani sendiri", "escalated": "Diteruskan ke pihak ketiga", "resolved": "Selesai"},
    "en": {"open": "Handled in-house", "escalated": "Escalated to a third party", "resolved": "Resolved"},
}

TEXT = {
    "id": {
        "title": "Laporan Situasi dan Kondisi Website",
        "subtitle": "Kegiatan 5 SOP Pengelolaan Website — untuk Penanggung Jawab Informasi",
        "court": "Satuan kerja",
        "period": "Periode",
        "previous_period": "Periode sebelumnya",
        "generated": "Dibuat",
        "run": "Kode proses",
        "toc": "Daftar isi",
        "s_summary": "1. Ringkasan",
        "s_availability": "2. Ketersediaan dan kebaruan konten (kegiatan 1)",
        "s_backup": "3. Cadangan data (kegiatan 2)",
        "s_visitors": "4. Aktivitas pengunjung (kegiatan 3)",
        "s_renewals": "5. Perpanjangan layanan (kegiatan 4)",
        "s_problems": "6. Masalah dan alternatif solusi",
        "s_actions": "7. Tindakan yang diambil dan penanganan gangguan (kegiatan 6–7)",
        "s_compliance": "8. Kepatuhan terhadap SOP",
        "overall": "Kondisi umum",
        "overall_text": "Dari {total} pemeriksaan: {ok} baik, {warning} perlu perhatian, {critical} kritis, "
                        "{unknown} tidak dapat diperiksa.",
        "lights_sites": "Lampu status per situs dan kegiatan",
        "lights_activities": "Lampu status per kegiatan",
        "site": "Situs",
        "activity": "Kegiatan",
        "status": "Status",
        "checks": "Pemeriksaan",
        "must_act": "Yang perlu ditindaklanjuti",
        "nothing_to_act": "Tidak ada masalah yang perlu ditindaklanjuti saat ini.",
        "comparison": "Perbandingan dengan periode sebelumnya",
        "measure": "Ukuran",
        "this_period": "Periode ini",
        "change": "Perubahan",
        "problems_found": "Temuan bermasalah (peringatan dan kritis)",
        "uptime": "Ketersediaan (uptime)",
        "avg_response": "Rata-rata waktu respons",
        "requests": "Permintaan (requests)",
        "visitors": "Pengunjung",
        "uptime_table": "Ketersediaan dan waktu respons per situs",
        "monthly_uptime": "Ketersediaan per bulan (dari gangguan yang dikonfirmasi pemantauan cepat)",
        "month": "Bulan", "downtime_min": "Waktu gangguan (menit)", "outage_count": "Jumlah gangguan",
        "longest_outage": "Gangguan terlama (menit)", "target": "Target", "target_missed": "Target tidak tercapai",
        "month_running": "bulan berjalan",
        "samples": "Jumlah pengukuran",
        "max_response": "Waktu respons terlama",
        "response_trend": "Tren waktu respons harian (ms)",
        "uptime_trend": "Ketersediaan harian (%)",
        "last_update": "Pembaruan konten terakhir",
        "source": "Sumber",
        "alerts": "Peringatan deface dan spam",
        "no_alerts": "Tidak ada peringatan deface atau spam.",
        "no_data": "Belum ada data untuk bagian ini pada periode ini.",
        "findings": "Hasil pemeriksaan",
        "checks_glance": "Hasil pemeriksaan per jenis",
        "see_problems": "Setiap masalah beserta alternatif solusinya ada di bagian 6; daftar lengkap ada di laporan Markdown dan JSON.",
        "subject": "Objek",
        "host": "Server",
        "observed": "Waktu pemeriksaan",
        "summary": "Keterangan",
        "details": "Rincian",
        "evidence": "Bukti",
        "backup_newest": "Cadangan terbaru per situs",
        "backup_size": "Ukuran cadangan",
        "size_trend": "Tren ukuran cadangan",
        "size_trend_total": "Tren ukuran cadangan, semua situs",
        "restore_tests": "Hasil uji pemulihan",
        "visitors_daily": "Pengunjung dan permintaan per hari",
        "day": "Tanggal",
        "suspicious": "Aktivitas mencurigakan",
        "s_docroot": "Berkas mencurigakan di server web, per situs",
        "docroot_intro": ("Hasil pemindaian berkas situs di server: web shell (pintu belakang), sisipan spam judi, "
                          "unggahan mencurigakan dan perubahan tak terduga sejak cadangan terverifikasi terakhir."),
        "file": "Berkas",
        "file_kind": "Jenis",
        "excerpt": "Cuplikan",
        "file_action": "Tindakan",
        "kind_webshell": "Web shell (pintu belakang)",
        "kind_spam_injection": "Sisipan spam judi/SEO",
        "kind_suspicious_upload": "Unggahan mencurigakan",
        "kind_unexpected_change": "Perubahan tak terduga",
        "action_quarantined": "dikarantina (tidak ada salinan bersih di cadangan)",
        "action_restored": "dikarantina; versi bersih dipulihkan dari cadangan {set}",
        "action_would_quarantine": "akan dikarantina",
        "action_would_restore": "akan dikarantina dan dipulihkan dari cadangan {set}",
        "action_failed": "gagal ditangani",
        "action_none": "belum ditangani",
        "files_flagged": "{n} berkas mencurigakan",
        "no_suspicious_files": "Tidak ada berkas mencurigakan.",
        "quarantine_hint": "Karantina dan pemulihan dari cadangan terverifikasi: playbook remediate, tag quarantine_files.",
        "top_pages": "Halaman terpopuler",
        "renewal_timeline": "Jadwal berakhirnya layanan",
        "days_left": "Sisa hari",
        "expires": "Berakhir",
        "contracts": "Kontrak dan tahap persetujuan",
        "provider": "Penyedia",
        "kind": "Jenis",
        "stage": "Tahap",
        "invoice": "Tagihan",
        "suggested": "Alternatif solusi",
        "playbook": "Playbook perbaikan",
        "seen_times": "Muncul {n} kali pada periode ini",
        "no_problems": "Tidak ada temuan bermasalah. Semua pemeriksaan dalam kondisi baik.",
        "remediations": "Perbaikan yang dijalankan (kegiatan 6)",
        "troubleshooting": "Hasil penanganan gangguan (kegiatan 7)",
        "open_escalations": "Insiden yang masih terbuka / diteruskan ke pihak ketiga",
        "resolved_incidents": "Insiden yang selesai pada periode ini",
        "incident": "Insiden",
        "state": "Tahap",
        "third_party": "Pihak ketiga",
        "opened": "Dibuka",
        "updated": "Diperbarui",
        "resolved_by": "Diselesaikan oleh",
        "no_actions": "Tidak ada perbaikan atau penanganan gangguan pada periode ini.",
        "no_incidents": "Tidak ada insiden terbuka.",
        "time_standard": "Standar waktu",
        "last_completed": "Terakhir selesai",
        "compliance_state": "Kepatuhan",
        "within": "Tepat waktu",
        "overdue": "TERLAMBAT",
        "never": "Belum pernah",
        "no_problem_due": "Tidak ada masalah terbuka — belum ada yang jatuh tempo",
        "problem_due": "masalah ditemukan {found}; batas {due}",
        "this_report": "laporan ini",
        "days": "{n} hari",
        "day_one": "1 hari",
        "age": "{age} yang lalu",
        "hours": "{n} jam",
        "overdue_note": "Kegiatan yang terlambat dari standar waktunya ditandai merah dan harus segera dijalankan.",
        "footer": "Laporan ini dibuat otomatis oleh Sitekeeper dari hasil pemeriksaan dan riwayat. "
                  "Lampiran PDF berisi laporan yang sama.",
        "archive_title": "Arsip Laporan Situasi Website",
        "archive_intro": "Daftar laporan yang pernah dibuat, terbaru di atas.",
        "report": "Laporan",
        "files": "Berkas",
        "worst": "Status terburuk",
        "more": "dan {n} lainnya",
        "more_rows": "… dan {n} baris lainnya (yang terburuk ditampilkan lebih dulu); daftar lengkap ada di laporan "
                     "Markdown dan JSON.",
        "mail_subject": "Laporan Situasi Website {court} — {period}",
        "mail_intro": "Terlampir laporan situasi dan kondisi website (PDF).",
        "yes": "ya",
        "no": "tidak",
        "legend": "Keterangan warna",
        "no_value": "—",
        "period_since_last": "sejak laporan terakhir",
        "period_month": "bulanan",
        "period_days": "{n} hari terakhir",
        "period_range": "rentang tertentu",
    },
    "en": {
        "title": "Website Situation and Condition Report",
        "subtitle": "Activity 5 of the Website Management SOP — for the Information Officer",
        "court": "Court",
        "period": "Period",
        "previous_period": "Previous period",
        "generated": "Generated",
        "run": "Run id",
        "toc": "Contents",
        "s_summary": "1. Executive summary",
        "s_availability": "2. Availability and content freshness (activity 1)",
        "s_backup": "3. Backups (activity 2)",
        "s_visitors": "4. Visitor activity (activity 3)",
        "s_renewals": "5. Renewals (activity 4)",
        "s_problems": "6. Problems and alternative solutions",
        "s_actions": "7. Actions taken and troubleshooting (activities 6–7)",
        "s_compliance": "8. SOP compliance",
        "overall": "Overall condition",
        "overall_text": "Of {total} checks: {ok} good, {warning} need attention, {critical} critical, "
                        "{unknown} could not be checked.",
        "lights_sites": "Traffic lights per site and activity",
        "lights_activities": "Traffic lights per activity",
        "site": "Site",
        "activity": "Activity",
        "status": "Status",
        "checks": "Checks",
        "must_act": "What needs action",
        "nothing_to_act": "Nothing needs action at the moment.",
        "comparison": "Comparison with the previous period",
        "measure": "Measure",
        "this_period": "This period",
        "change": "Change",
        "problems_found": "Problem findings (warning and critical)",
        "uptime": "Uptime",
        "avg_response": "Average response time",
        "requests": "Requests",
        "visitors": "Visitors",
        "uptime_table": "Uptime and response time per site",
        "monthly_uptime": "Availability per month (from the outages the quick watch confirmed)",
        "month": "Month", "downtime_min": "Downtime (minutes)", "outage_count": "Outages",
        "longest_outage": "Longest outage (minutes)", "target": "Target", "target_missed": "Target missed",
        "month_running": "month so far",
        "samples": "Measurements",
        "max_response": "Slowest response",
        "response_trend": "Daily response time trend (ms)",
        "uptime_trend": "Daily uptime (%)",
        "last_update": "Last content update",
        "source": "Source",
        "alerts": "Defacement and spam alerts",
        "no_alerts": "No defacement or spam alerts.",
        "no_data": "No data for this section in this period yet.",
        "findings": "Check results",
        "checks_glance": "Check results by kind",
        "see_problems": "Every problem with its alternative solutions is in section 6; the full list is in the Markdown and JSON reports.",
        "subject": "Subject",
        "host": "Server",
        "observed": "Checked at",
        "summary": "Description",
        "details": "Details",
        "evidence": "Evidence",
        "backup_newest": "Newest backup per site",
        "backup_size": "Backup size",
        "size_trend": "Backup size trend",
        "size_trend_total": "Backup size trend, all sites",
        "restore_tests": "Restore-test results",
        "visitors_daily": "Visitors and requests per day",
        "day": "Date",
        "suspicious": "Suspicious activity",
        "s_docroot": "Suspicious files on the web server, per site",
        "docroot_intro": ("What the scan of the sites' files on the server found: web shells (backdoors), injected "
                          "gambling spam, suspicious uploads and unexpected changes since the last verified backup."),
        "file": "File",
        "file_kind": "Kind",
        "excerpt": "Excerpt",
        "file_action": "Action",
        "kind_webshell": "Web shell (backdoor)",
        "kind_spam_injection": "Injected gambling/SEO spam",
        "kind_suspicious_upload": "Suspicious upload",
        "kind_unexpected_change": "Unexpected change",
        "action_quarantined": "quarantined (no clean copy in a backup)",
        "action_restored": "quarantined; clean copy restored from backup {set}",
        "action_would_quarantine": "would be quarantined",
        "action_would_restore": "would be quarantined and restored from backup {set}",
        "action_failed": "could not be handled",
        "action_none": "not handled yet",
        "files_flagged": "{n} suspicious file(s)",
        "no_suspicious_files": "No suspicious files.",
        "quarantine_hint": "Quarantine and restore from the verified backup: playbook remediate, tag quarantine_files.",
        "top_pages": "Top pages",
        "renewal_timeline": "What expires when",
        "days_left": "Days left",
        "expires": "Expires",
        "contracts": "Contracts and approval stage",
        "provider": "Provider",
        "kind": "Kind",
        "stage": "Stage",
        "invoice": "Invoice",
        "suggested": "Alternative solutions",
        "playbook": "Remediation playbook",
        "seen_times": "Seen {n} times in this period",
        "no_problems": "No problem findings. Every check is in good condition.",
        "remediations": "Remediations run (activity 6)",
        "troubleshooting": "Troubleshooting results (activity 7)",
        "open_escalations": "Open incidents / escalated to third parties",
        "resolved_incidents": "Incidents resolved in this period",
        "incident": "Incident",
        "state": "Stage",
        "third_party": "Third party",
        "opened": "Opened",
        "updated": "Updated",
        "resolved_by": "Resolved by",
        "no_actions": "No remediation or troubleshooting in this period.",
        "no_incidents": "No open incidents.",
        "time_standard": "Time standard",
        "last_completed": "Last completed",
        "compliance_state": "Compliance",
        "within": "On time",
        "overdue": "OVERDUE",
        "never": "Never",
        "no_problem_due": "No open problem — nothing due yet",
        "problem_due": "problem found {found}; due {due}",
        "this_report": "this report",
        "days": "{n} days",
        "day_one": "1 day",
        "age": "{age} ago",
        "hours": "{n} hours",
        "overdue_note": "Activities past their time standard are marked red and must be run soon.",
        "footer": "This report was generated automatically by Sitekeeper from check results and history. "
                  "The PDF attachment holds the same report.",
        "archive_title": "Website Situation Report Archive",
        "archive_intro": "Reports generated so far, newest first.",
        "report": "Report",
        "files": "Files",
        "worst": "Worst status",
        "more": "and {n} more",
        "more_rows": "… and {n} more rows (the worst are shown first); the full list is in the Markdown and JSON "
                     "reports.",
        "mail_subject": "Website Situation Report {court} — {period}",
        "mail_intro": "The website situation and condition report is attached (PDF).",
        "yes": "yes",
        "no": "no",
        "legend": "Colour legend",
        "no_value": "—",
        "period_since_last": "since the last report",
        "period_month": "monthly",
        "period_days": "last {n} days",
        "period_range": "custom range",
    },
}

# Labels of detail keys the known activities use; other keys are shown humanised.
DETAIL_LABELS = {
    "id": {
        "http_status": "Kode HTTP", "response_ms": "Waktu respons (ms)", "url": "Alamat",
        "content_date": "Tanggal konten", "content_date_source": "Sumber tanggal",
        "age_days": "Umur (hari)", "days_left": "Sisa hari", "tls_days_left": "Sisa masa sertifikat (hari)",
        "expires_at": "Berakhir", "not_after": "Berlaku sampai", "size_bytes": "Ukuran",
        "finished_at": "Selesai", "snapshot": "Snapshot", "verified": "Terverifikasi",
        "requests": "Permintaan", "visitors": "Pengunjung", "top_pages": "Halaman terpopuler",
        "by_type": "Per jenis", "worst_clients": "Klien paling mencurigakan",
        "top_clients": "Klien teratas", "blocked": "Alamat diblokir", "blocked_addresses": "Alamat diblokir",
        "state": "Tahap", "provider": "Penyedia", "service": "Layanan", "reason": "Alasan",
        "error": "Galat", "site": "Situs", "tag": "Tag", "outcome": "Hasil", "third_party": "Pihak ketiga",
        "recipients": "Penerima", "path": "Alamat halaman/berkas", "hits": "Kunjungan", "changed": "Berubah",
    },
    "en": {},
}

DETAIL_HIDDEN = {"summary_id", "summary_en"}
_ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")


class ReportI18nError(ValueError):
    """A language or time zone the report cannot use."""


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise ReportI18nError("report language must be one of %s, got %r" % ("|".join(LANGUAGES), language))
    return language


def zone(name: str):
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError):
        raise ReportI18nError("unknown time zone %r (use an IANA name such as Asia/Jakarta)" % (name,)) from None


class Words:
    """Everything language-dependent for one report: texts, statuses, dates."""

    def __init__(self, language: str = DEFAULT_LANGUAGE, timezone: str = DEFAULT_TIMEZONE):
        self.language = check_language(language)
        self.tzname = timezone or DEFAULT_TIMEZONE
        self.tz = zone(self.tzname)

    # -- texts ---------------------------------------------------------------
    def t(self, key: str, **values) -> str:
        text = TEXT[self.language].get(key) or TEXT["en"].get(key) or key
        return text.format(**values) if values else text

    def status(self, status: str | None) -> str:
        return STATUS_WORDS[self.language].get(status or "none", status or "")

    def activity(self, number) -> str:
        return ACTIVITY_NAMES[self.language].get(int(number), str(number))

    def activity_short(self, number) -> str:
        return ACTIVITY_SHORT[self.language].get(int(number), str(number))

    def category(self, check: str) -> str:
        head = (check or "").split(".", 1)[0]
        return CATEGORIES[self.language].get(head) or head.replace("_", " ").capitalize()

    def check_label(self, check: str) -> str:
        """A readable name of a check id: its category plus the rest, humanised."""
        head, _dot, rest = (check or "").partition(".")
        category = self.category(check)
        if not rest:
            return category
        return "%s: %s" % (category, rest.replace("_", " ").replace(".", " "))

    def file_kind(self, kind) -> str:
        """A flagged file's kind in words (an unknown kind is shown as it is, escaped by the template)."""
        return TEXT[self.language].get("kind_%s" % kind) or str(kind or "?")

    def file_action(self, row: dict) -> str:
        """What the quarantine did (or would do) with a flagged file."""
        action = str(row.get("action") or "")
        if action == "restored":
            return self.t("action_restored", set=row.get("restored_from") or "?")
        if action == "would restore":
            return self.t("action_would_restore", set=row.get("restore_from") or "?")
        key = {"quarantined": "action_quarantined", "would quarantine": "action_would_quarantine",
               "failed": "action_failed"}.get(action, "action_none")
        return self.t(key)

    def incident_state(self, state: str) -> str:
        return INCIDENT_STATES[self.language].get(state, state)

    def detail_label(self, key: str) -> str:
        label = DETAIL_LABELS[self.language].get(key)
        return label or str(key).replace("_", " ").capitalize()

    def summary(self, finding: dict) -> str:
        """The finding's sentence in the report language (Indonesian falls back to English)."""
        details = finding.get("details") or {}
        if self.language == "id":
            text = details.get("summary_id")
            if isinstance(text, str) and text.strip():
                return text
        return finding.get("summary", "")

    def action_text(self, action: dict) -> str:
        if self.language == "id":
            text = action.get("text_id")
            if isinstance(text, str) and text.strip():
                return text
        return action.get("text", "")

    # -- numbers and dates ------------------------------------------------------
    def number(self, value, digits: int = 0) -> str:
        if value is None:
            return self.t("no_value")
        text = "{:,.{d}f}".format(float(value), d=digits)
        if self.language == "id":
            # Indonesian: 1.234.567,8
            text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return text

    def percent(self, value, digits: int = 2) -> str:
        if value is None:
            return self.t("no_value")
        return self.number(value, digits) + "%"

    def size(self, value) -> str:
        if value is None:
            return self.t("no_value")
        value = float(value)
        for unit in ("B", "KB", "MB", "GB", "TB"):
            if abs(value) < 1024 or unit == "TB":
                return "%s %s" % (self.number(value, 0 if unit == "B" else 1), unit)
            value /= 1024.0
        return str(value)  # pragma: no cover

    def local(self, value) -> datetime.datetime | None:
        if value is None or value == "":
            return None
        if isinstance(value, str):
            from ansible_collections.sitekeeper.website.plugins.module_utils.findings import parse_iso

            try:
                value = parse_iso(value)
            except ValueError:
                return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return value.astimezone(self.tz)

    def date(self, value) -> str:
        moment = self.local(value)
        if moment is None:
            return self.t("no_value") if value in (None, "") else str(value)
        month = MONTHS[self.language][moment.month - 1]
        if self.language == "id":
            return "%d %s %d" % (moment.day, month, moment.year)
        return "%d %s %d" % (moment.day, month, moment.year)

    def datetime(self, value) -> str:
        moment = self.local(value)
        if moment is None:
            return self.t("no_value") if value in (None, "") else str(value)
        zone_abbr = moment.tzname() or self.tzname
        if self.language == "id":
            return "%s %02d.%02d %s" % (self.date(moment), moment.hour, moment.minute, zone_abbr)
        return "%s %02d:%02d %s" % (self.date(moment), moment.hour, moment.minute, zone_abbr)

    def maybe_date(self, value: str) -> str:
        """A detail value that is an ISO date or time is shown as a local date; other text as it is."""
        if isinstance(value, str) and _ISO_RE.match(value):
            if len(value) == 10:
                return self.date(value + "T12:00:00Z")
            return self.datetime(value)
        return value

    def long_date(self, value) -> str:
        moment = self.local(value)
        if moment is None:
            return self.t("no_value")
        return "%s, %s" % (WEEKDAYS[self.language][moment.weekday()], self.date(moment))

    def short_day(self, day: str) -> str:
        """'2026-11-05' -> '5 Nov' (labels of daily charts)."""
        try:
            moment = datetime.date.fromisoformat(day)
        except (TypeError, ValueError):
            return str(day)
        return "%d %s" % (moment.day, MONTHS[self.language][moment.month - 1][:3])

    def month_label(self, year: int, month: int) -> str:
        return "%s %d" % (MONTHS[self.language][month - 1], year)

    def age(self, days) -> str:
        if days is None:
            return self.t("never")
        if days < 1:
            return self.t("age", age=self.t("hours", n=self.number(days * 24, 0)))
        if round(days, 1) == 1:
            return self.t("age", age=self.t("day_one"))
        return self.t("age", age=self.t("days", n=self.number(days, 1)))
