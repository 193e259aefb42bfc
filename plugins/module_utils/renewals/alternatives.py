# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The alternatives of each renewal problem (SOP activity 5 asks for "alternative solutions").

A finding's own first action names the usual next step (renew at the registrar, the register's next
step, certbot); ALTERNATIVES adds what else the court can do: a step by hand, the Secretary and the
Information Officer through the report, the provider, registry or Gov-CSIRT. Plain Python.
"""

from __future__ import annotations

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd

PROBLEM_STATUSES = ("warning", "critical")


def _alt(text, text_id, playbook=None):
    return fnd.action(text, playbook=playbook, text_id=text_id)


ALTERNATIVES = {
    "renewals.contract": (
        _alt("If the approval or the payment cannot be made before the end date, ask the provider in writing for a"
             " short extension or grace period.",
             "Jika persetujuan atau pembayaran tidak dapat selesai sebelum tanggal berakhir, minta perpanjangan waktu"
             " atau masa tenggang secara tertulis kepada penyedia."),
        _alt("Raise it with the Secretary and the Information Officer in the situation report (report playbook) so"
             " the renewal is not missed.",
             "Sampaikan kepada Sekretaris dan Penanggung Jawab Informasi melalui laporan situasi (playbook report)"
             " agar perpanjangan tidak terlewat.", "report"),
    ),
    "renewals.domain_expiry": (
        _alt("Turn on automatic renewal at the registrar and check that the registrar account's contact e-mail is"
             " current, so that its reminders reach the court.",
             "Aktifkan perpanjangan otomatis di registrar dan pastikan e-mail kontak akun registrar masih berlaku,"
             " agar pengingatnya sampai ke pengadilan."),
        _alt("If the domain has already expired, ask the registrar at once to restore it within the grace or"
             " redemption period (a fee may apply).",
             "Jika domain sudah kedaluwarsa, segera minta registrar memulihkannya dalam masa tenggang atau masa"
             " penebusan (mungkin ada biaya).", "troubleshoot"),
    ),
    "renewals.domain_status": (
        _alt("Log in to the registrar's panel and look for an unpaid invoice or missing documents, the usual"
             " reasons for a hold, and settle them.",
             "Masuk ke panel registrar dan cari tagihan yang belum dibayar atau dokumen yang kurang, penyebab umum"
             " penangguhan, lalu selesaikan."),
        _alt("If the registrar cannot lift the status, ask the registry of the domain's zone (named in the RDAP"
             " answer).",
             "Jika registrar tidak dapat mencabut status itu, hubungi registri zona domain (disebut dalam jawaban"
             " RDAP).", "troubleshoot"),
    ),
    "renewals.domain_nameservers": (
        _alt("If nobody asked for the change, set the expected nameservers back in the registrar's panel, change"
             " the account password and turn on the registrar lock and two-factor login.",
             "Jika tidak ada yang meminta perubahan itu, kembalikan nameserver yang benar di panel registrar, ganti"
             " kata sandi akun, dan aktifkan kunci registrar serta login dua faktor."),
        _alt("Report the hijack to the registrar's abuse contact and, where the court's rules ask for it, to"
             " Gov-CSIRT (BSSN).",
             "Laporkan pembajakan ke kontak abuse registrar dan, bila aturan pengadilan memintanya, ke Gov-CSIRT"
             " (BSSN).", "troubleshoot"),
    ),
    "renewals.tls_certificate": (
        _alt("If the certificate is bought from an issuer, order the renewal (or a reissue with an RSA 2048-bit or"
             " ECDSA key for the right names), install it with its intermediate chain and reload the server.",
             "Jika sertifikat dibeli dari penerbit, ajukan perpanjangan (atau penerbitan ulang dengan kunci RSA"
             " 2048-bit atau ECDSA untuk nama yang benar), pasang bersama rantai perantaranya, lalu muat ulang"
             " server."),
        _alt("On shared hosting, ask the hosting provider to renew or install the certificate.",
             "Pada shared hosting, minta penyedia hosting memperpanjang atau memasang sertifikatnya.",
             "troubleshoot"),
    ),
}


def with_alternatives(check: str, status: str, actions) -> list:
    """``actions`` followed by the check's alternatives when ``status`` is a problem (copies, never the table's
    own dicts: a finding's actions may be changed later, e.g. a memo path added)."""
    actions = list(actions or [])
    if status in PROBLEM_STATUSES:
        actions += [dict(alt) for alt in ALTERNATIVES.get(check, ()) if alt not in actions]
    return actions
