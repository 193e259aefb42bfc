# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Findings (the Sitekeeper contract, English + Indonesian) from a docroot scan's result.

Checks: ``docroot.webshell``, ``docroot.spam_injection``, ``docroot.suspicious_upload``
(activity 3, audit), ``docroot.integrity`` (activity 1, monitor: changes since the
baseline) and ``docroot.scan`` (activity 3: what could not be scanned).
"""

from __future__ import annotations

from ansible_collections.sitekeeper.website.plugins.module_utils.findings import action, make_finding, utc_now_iso

MAX_LISTED = 20

KINDS = {
    # kind: (check, English noun, Indonesian noun)
    "webshell": ("docroot.webshell", "web shell or backdoor file(s)", "berkas web shell atau backdoor"),
    "spam_injection": ("docroot.spam_injection", "file(s) with injected gambling/SEO spam or cloaking",
                       "berkas berisi sisipan spam judi/SEO atau cloaking"),
    "suspicious_upload": ("docroot.suspicious_upload", "script(s) hidden in upload folders or non-script files",
                          "skrip tersembunyi di folder unggahan atau berkas non-skrip"),
}


def now():
    return utc_now_iso()


def _actions(kind):
    quarantine = action(
        "Quarantine the flagged file(s) and restore the clean version from the last verified backup "
        "(remediation quarantine_files; run with --check first), then change the site's passwords and update "
        "the web application and its plugins.", playbook="remediate", tag="quarantine_files",
        text_id="Karantina berkas yang ditandai dan pulihkan versi bersih dari cadangan terverifikasi terakhir "
                "(remediasi quarantine_files; jalankan dengan --check dahulu), lalu ganti kata sandi situs dan "
                "perbarui aplikasi web beserta pluginnya.")
    review = action(
        "If a file is legitimate, add its path or sha256 to the site's allowed list so it is never flagged again.",
        text_id="Jika berkas itu sah, tambahkan path atau sha256-nya ke daftar yang diizinkan agar tidak ditandai "
                "lagi.")
    escalate = action(
        "If the file cannot be restored, escalate with the file's hash, path and excerpt (evidence bundle).",
        playbook="troubleshoot",
        text_id="Jika berkas tidak dapat dipulihkan, eskalasikan dengan hash, path dan cuplikan berkas "
                "(paket bukti).")
    return [quarantine, review, escalate] if kind != "unexpected_change" else [review, quarantine]


def _evidence(items):
    return ["%s [%s, score %s: %s] %s" % (f["path"], f["severity"], f["score"], ", ".join(f["signals"][:5]),
                                          f["excerpt"][:120]) for f in items[:10]]


def _listed(items):
    return [{k: f[k] for k in ("path", "sha256", "kind", "score", "signals", "severity", "excerpt", "baseline")}
            for f in items[:MAX_LISTED]]


def findings(result, opts, host):
    """The findings of one scan result."""
    subject = opts.get("site") or ", ".join(opts.get("paths") or [])
    out = []
    scanned = result["counts"]["files"] > 0 or not result["problems"]
    for kind, (check, noun_en, noun_id) in KINDS.items():
        items = [f for f in result["flagged"] if f["kind"] == kind]
        if not scanned:
            continue
        if items:
            crit = any(f["severity"] == "critical" for f in items) or kind != "suspicious_upload"
            out.append(make_finding(
                3, check, host, subject, "critical" if crit else "warning",
                "%d %s found in the website files of %s." % (len(items), noun_en, subject),
                {"count": len(items), "files": _listed(items)}, _evidence(items), _actions(kind),
                summary_id="Ditemukan %d %s di berkas situs %s." % (len(items), noun_id, subject)))
        else:
            out.append(make_finding(
                3, check, host, subject, "ok", "No %s found in the website files of %s." % (noun_en, subject),
                {"count": 0, "files_scanned": result["counts"]["files"]},
                summary_id="Tidak ditemukan %s di berkas situs %s." % (noun_id, subject)))
    out.append(_integrity(result, host, subject))
    out.append(_scan_problems(result, host, subject))
    return [f for f in out if f]


def _integrity(result, host, subject):
    counts = result["counts"]
    if not result["changes"]:
        return None
    items = [f for f in result["flagged"] if f["kind"] == "unexpected_change" or f.get("baseline") in ("new", "changed")]
    details = {"new": counts["new"], "changed": counts["changed"], "deleted": counts["deleted"],
               "changes": result["changes"], "suspicious": _listed(items)}
    total = counts["new"] + counts["changed"] + counts["deleted"]
    if items:
        return make_finding(
            1, "docroot.integrity", host, subject, "critical" if any(f["kind"] != "unexpected_change" for f in items)
            else "warning",
            "%d file(s) of %s changed since the baseline (%d new, %d changed, %d deleted); %d of them look "
            "suspicious." % (total, subject, counts["new"], counts["changed"], counts["deleted"], len(items)),
            details, _evidence(items), _actions("unexpected_change"),
            summary_id="%d berkas %s berubah sejak baseline (%d baru, %d berubah, %d terhapus); %d di antaranya "
                       "mencurigakan." % (total, subject, counts["new"], counts["changed"], counts["deleted"], len(items)))
    return make_finding(
        1, "docroot.integrity", host, subject, "ok",
        "%d file(s) of %s changed since the baseline (%d new, %d changed, %d deleted); none looks suspicious."
        % (total, subject, counts["new"], counts["changed"], counts["deleted"]), details,
        summary_id="%d berkas %s berubah sejak baseline (%d baru, %d berubah, %d terhapus); tidak ada yang "
                   "mencurigakan." % (total, subject, counts["new"], counts["changed"], counts["deleted"]))


def _scan_problems(result, host, subject):
    counts = result["counts"]
    skipped = counts.get("skipped") or {}
    unread = {k: v for k, v in skipped.items() if k in ("unreadable", "unreadable_dir", "missing_root", "max_files")}
    if result["counts"]["files"] == 0 and result["problems"]:
        return make_finding(
            3, "docroot.scan", host, subject, "unknown",
            "The website files of %s could not be scanned: %s" % (subject, result["problems"][0][:200]),
            {"problems": result["problems"], "skipped": skipped}, result["problems"],
            [action("Check the docroot paths of the site in the inventory and that the scan may read them.",
                    playbook="troubleshoot",
                    text_id="Periksa path docroot situs di inventaris dan hak baca pemindaian.")],
            summary_id="Berkas situs %s tidak dapat dipindai: %s" % (subject, result["problems"][0][:200]))
    status = "warning" if unread or result["problems"] else "ok"
    return make_finding(
        3, "docroot.scan", host, subject, status,
        "%d file(s) of %s scanned (%d read, %d unchanged since the last scan); %d skipped."
        % (counts["files"], subject, counts["read"], counts["unchanged"], sum(skipped.values())),
        {"counts": counts, "problems": result["problems"]}, result["problems"],
        summary_id="%d berkas %s dipindai (%d dibaca, %d tidak berubah sejak pemindaian terakhir); %d dilewati."
                   % (counts["files"], subject, counts["read"], counts["unchanged"], sum(skipped.values())))
