# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Renewal request memos addressed to the Secretary, and their reminder schedule.

One memo per due service, in Bahasa Indonesia (default) or English, as HTML and
Markdown, with the service, provider, dates, cost and invoice reference. Every
value comes from the inventory, so every value is escaped: HTML through Jinja2's
autoescape, Markdown by backslash-escaping its special characters and HTML's
``<``/``&``. Reminders repeat every ``interval_days`` until the service is
renewed; the schedule lives in ``<memo_dir>/reminders.json`` (written atomically).
Files are only rewritten when their content would change, so runs are idempotent.
Controller side (Jinja2 ships with Ansible).
"""

from __future__ import annotations

import datetime
import json
import os
import re
import traceback

try:
    from jinja2 import Environment

    JINJA2_IMPORT_ERROR = None
except ImportError:
    # Jinja2 ships with ansible-core on the controller, where the module runs; a module must still
    # import without it so that it can say what is missing instead of failing with a traceback.
    Environment = None
    JINJA2_IMPORT_ERROR = traceback.format_exc()

from ansible_collections.sitekeeper.website.plugins.module_utils.core.files import write_atomic
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import contracts

TEXT = {
    "id": {
        "title": "Memo Permohonan Persetujuan Perpanjangan Layanan",
        "to": "Kepada", "to_value": "Yth. Sekretaris %s",
        "from": "Dari", "from_value": "Pengelola Website (Perencanaan dan TI)",
        "date": "Tanggal", "subject": "Perihal",
        "subject_value": "Permohonan persetujuan perpanjangan %s %s",
        "reminder": "Pengingat ke-%d",
        "opening": "Dengan hormat, bersama ini kami sampaikan bahwa layanan berikut %s. Sesuai SOP Pengelolaan "
                   "Website, perpanjangan dilakukan berdasarkan tagihan penyedia dan memerlukan persetujuan Bapak/Ibu "
                   "Sekretaris.",
        "ends_in": "akan berakhir dalam %d hari",
        "ended": "telah berakhir %d hari yang lalu",
        "not_renewed": "tercatat sudah diperpanjang, tetapi tanggal kedaluwarsanya belum berubah",
        "service": "Layanan", "kind": "Jenis", "provider": "Penyedia", "contact": "Kontak",
        "period": "Periode kontrak", "end": "Berakhir pada", "notice": "Masa pemberitahuan",
        "renewal": "Perpanjangan", "cost": "Biaya", "invoice": "Nomor tagihan", "invoice_date": "Tanggal tagihan",
        "invoice_file": "Berkas tagihan", "status": "Status perpanjangan", "live": "Kedaluwarsa terlihat (langsung)",
        "days": "%d hari", "months": "%d bulan", "none": "-",
        "closing": "Mohon persetujuan Bapak/Ibu agar perpanjangan dapat segera dibayarkan dan dilaksanakan oleh "
                   "penyedia. Atas perhatian Bapak/Ibu kami ucapkan terima kasih.",
        "next": "Langkah berikutnya",
        "approval": "Persetujuan Sekretaris", "approve_line": "Disetujui / Tidak disetujui",
        "sign": "Tanda tangan dan tanggal",
    },
    "en": {
        "title": "Request for Approval to Renew a Service",
        "to": "To", "to_value": "The Secretary, %s",
        "from": "From", "from_value": "Website administrator (Planning and IT)",
        "date": "Date", "subject": "Subject",
        "subject_value": "Request to approve the renewal of the %s %s",
        "reminder": "Reminder no. %d",
        "opening": "The service below %s. Under the Website Management SOP the renewal is paid against the "
                   "provider's invoice and needs the Secretary's approval.",
        "ends_in": "ends in %d days",
        "ended": "ended %d days ago",
        "not_renewed": "is recorded as renewed, but its live expiry date has not moved",
        "service": "Service", "kind": "Kind", "provider": "Provider", "contact": "Contact",
        "period": "Contract period", "end": "Ends on", "notice": "Notice period",
        "renewal": "Renewal period", "cost": "Cost", "invoice": "Invoice number", "invoice_date": "Invoice date",
        "invoice_file": "Invoice file", "status": "Renewal status", "live": "Live expiry date",
        "days": "%d days", "months": "%d months", "none": "-",
        "closing": "Please approve the renewal so that the invoice can be paid and the provider can renew the "
                   "service in time.",
        "next": "Next step",
        "approval": "Secretary's approval", "approve_line": "Approved / Not approved",
        "sign": "Signature and date",
    },
}

HTML_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ lang }}">
<head><meta charset="utf-8"><title>{{ t.title }}: {{ s.name }}</title>
<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.4}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:.3em .5em;text-align:left;
vertical-align:top}th{width:35%;background:#f2f2f2}.reminder{color:#a00;font-weight:bold}</style></head>
<body>
<h1>{{ t.title }}</h1>
{% if reminder > 1 %}<p class="reminder">{{ reminder_text }}</p>{% endif %}
<table>
<tr><th>{{ t.to }}</th><td>{{ to_value }}</td></tr>
<tr><th>{{ t.from }}</th><td>{{ t.from_value }}</td></tr>
<tr><th>{{ t.date }}</th><td>{{ today }}</td></tr>
<tr><th>{{ t.subject }}</th><td>{{ subject_value }}</td></tr>
</table>
<p>{{ opening }}</p>
<table>
{% for label, value in rows %}<tr><th>{{ label }}</th><td>{{ value }}</td></tr>
{% endfor %}</table>
<p>{{ t.closing }}</p>
{% if next_step %}<p><strong>{{ t.next }}:</strong> {{ next_step }}</p>{% endif %}
<h2>{{ t.approval }}</h2>
<p>{{ t.approve_line }}</p>
<p>{{ t.sign }}: ______________________</p>
</body>
</html>
"""

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|>~])")


def md_escape(value) -> str:
    """Escape Markdown syntax and raw HTML in one value (a cell or a line)."""
    text = str(value).replace("\r", " ").replace("\n", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _contact(contact) -> str:
    if isinstance(contact, dict):
        return ", ".join(str(contact[k]) for k in ("name", "email", "phone") if contact.get(k))
    return str(contact or "")


def context(service: dict, today: datetime.date, court: str, language: str, reminder: int) -> dict:
    lang = language if language in TEXT else "id"
    t = TEXT[lang]
    kind = contracts.KIND_ID[service["kind"]] if lang == "id" else service["kind"]
    days = service.get("days_left")
    if service["effective_status"] == "not_renewed":
        state = t["not_renewed"]
    elif days is not None and days < 0:
        state = t["ended"] % -days
    else:
        state = t["ends_in"] % (days or 0)
    invoice = service.get("invoice") or {}
    status = service["effective_status"]
    rows = [
        (t["service"], service["name"]),
        (t["kind"], kind),
        (t["provider"], service["provider"]),
        (t["contact"], _contact(service.get("contact")) or t["none"]),
        (t["period"], "%s \u2013 %s" % (service["start"], service["end"])),
        (t["end"], service.get("current_end") or service["end"]),
        (t["notice"], t["days"] % service["notice_days"]),
        (t["renewal"], t["months"] % service["renewal_months"]),
        (t["cost"], contracts.money(service["cost"], service["currency"], lang)),
        (t["invoice"], invoice.get("number") or t["none"]),
        (t["invoice_date"], invoice.get("date") or t["none"]),
        (t["invoice_file"], invoice.get("file") or t["none"]),
        (t["status"], contracts.STATUS_ID.get(status, status) if lang == "id" else status),
    ]
    if service.get("live_expiry"):
        rows.append((t["live"], service["live_expiry"]))
    step = contracts.NEXT_STEP.get(status)
    return {
        "lang": lang, "t": t, "s": service, "rows": rows, "today": today.isoformat(), "reminder": reminder,
        "reminder_text": t["reminder"] % reminder, "to_value": t["to_value"] % court,
        "subject_value": t["subject_value"] % (kind, service["name"]), "opening": t["opening"] % state,
        "next_step": (step[1] if lang == "id" else step[0]) if step else "",
    }


def render_html(ctx: dict) -> str:
    if Environment is None:
        raise RuntimeError("writing memos needs the Python library Jinja2 (it comes with ansible-core)")
    env = Environment(autoescape=True, keep_trailing_newline=True)
    return env.from_string(HTML_TEMPLATE).render(**ctx)


def render_markdown(ctx: dict) -> str:
    t = ctx["t"]
    lines = ["# %s" % md_escape(t["title"]), ""]
    if ctx["reminder"] > 1:
        lines += ["**%s**" % md_escape(ctx["reminder_text"]), ""]
    lines += [
        "| | |", "|---|---|",
        "| %s | %s |" % (md_escape(t["to"]), md_escape(ctx["to_value"])),
        "| %s | %s |" % (md_escape(t["from"]), md_escape(t["from_value"])),
        "| %s | %s |" % (md_escape(t["date"]), md_escape(ctx["today"])),
        "| %s | %s |" % (md_escape(t["subject"]), md_escape(ctx["subject_value"])),
        "", md_escape(ctx["opening"]), "", "| | |", "|---|---|",
    ]
    lines += ["| %s | %s |" % (md_escape(label), md_escape(value)) for label, value in ctx["rows"]]
    lines += ["", md_escape(t["closing"]), ""]
    if ctx["next_step"]:
        lines += ["**%s:** %s" % (md_escape(t["next"]), md_escape(ctx["next_step"])), ""]
    lines += ["## %s" % md_escape(t["approval"]), "", md_escape(t["approve_line"]), "",
              "%s: ............................" % md_escape(t["sign"]), ""]
    return "\n".join(lines)


def _read_state(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_if_changed(path: str, text: str, check_mode: bool) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.read() == text:
                return False
    except OSError:
        pass
    if not check_mode:
        write_atomic(path, text)
    return True


def write_memos(services: list, memo_dir: str, today: datetime.date, court: str, language: str = "id",
                interval_days: int = 7, formats=("html", "md"), check_mode: bool = False) -> dict:
    """Write (or keep) the memo of every service that needs one.

    A memo is (re)issued when the service has none yet or the last one is at least
    ``interval_days`` old; the reminder count goes up each time. A renewed service
    leaves the schedule. Returns {memos: [...], changed: bool, state_path}.
    """
    state_path = os.path.join(memo_dir, "reminders.json")
    state = _read_state(state_path)
    new_state = {}
    memos = []
    changed = False
    if not check_mode:
        os.makedirs(memo_dir, mode=0o750, exist_ok=True)
    for service in services:
        if not service.get("memo_needed"):
            continue
        sid = service["id"]
        entry = dict(state.get(sid) or {})
        last = entry.get("last_sent")
        reminder = int(entry.get("count") or 0)
        due_again = True
        if last:
            try:
                due_again = (today - datetime.date.fromisoformat(last)).days >= interval_days
            except ValueError:
                due_again = True
        if due_again or not entry.get("files"):
            reminder += 1
            issued = today.isoformat()
        else:
            issued = last
        ctx = context(service, datetime.date.fromisoformat(issued), court, language, reminder)
        safe_id = re.sub(r"[^A-Za-z0-9_.\-]", "_", sid)
        files = []
        for fmt in formats:
            path = os.path.join(memo_dir, "%s-%s.%s" % (safe_id, issued, "md" if fmt == "md" else "html"))
            text = render_html(ctx) if fmt == "html" else render_markdown(ctx)
            if due_again or not os.path.exists(path):
                changed |= _write_if_changed(path, text, check_mode)
            files.append(path)
        new_state[sid] = {"last_sent": issued, "count": reminder, "files": files,
                          "status": service["effective_status"]}
        next_date = datetime.date.fromisoformat(issued) + datetime.timedelta(days=interval_days)
        memos.append({"service_id": sid, "files": files, "reminder": reminder, "issued": issued,
                      "next_reminder": next_date.isoformat(), "new": bool(due_again)})
    text = json.dumps(new_state, indent=1, sort_keys=True) + "\n"
    if new_state or os.path.exists(state_path):
        changed |= _write_if_changed(state_path, text, check_mode)
    return {"memos": memos, "changed": changed, "state_path": state_path}


def attach_memos(findings: list, memos: list) -> list:
    """Name each service's memo files in its finding (details, evidence and the first action)."""
    by_subject = {"contract:%s" % m["service_id"]: m for m in memos}
    for finding in findings:
        entry = by_subject.get(finding["subject"])
        if finding["check"] != "renewals.contract" or entry is None:
            continue
        finding["details"]["memo_files"] = list(entry["files"])
        finding["details"]["memo_reminder"] = entry["reminder"]
        finding["details"]["next_reminder"] = entry["next_reminder"]
        first = entry["files"][0]
        if len(finding["evidence"]) < 10:
            finding["evidence"].append("memo: %s" % first)
        if finding["suggested_actions"]:
            action = finding["suggested_actions"][0]
            action["text"] = "%s Memo: %s" % (action["text"], first)
            if action.get("text_id"):
                action["text_id"] = "%s Memo: %s" % (action["text_id"], first)
    return findings
