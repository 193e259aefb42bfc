# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The contract register: services the court renews, their invoices and the approval cycle.

The register (inventory variable ``renewals_contracts``, see docs/renewals.md) lists
every service with its kind, provider, contract dates, notice period, cost, invoice
and the renewal status the staff record as the SOP's actors act:

    active -> due -> requested -> approved -> paid -> renewed
              (inside the notice period)
                     (request prepared for Planning/IT with the provider's invoice)
                                 (approved by the Secretary)
                                             (paid)
                                                    (the provider renewed it)

``evaluate`` compares the register with today's date and the live expiry dates
(domains from RDAP/WHOIS, certificates from the TLS check): a service inside its
notice period is ``due`` even if the register still says ``active``; ``renewed`` for
a domain or certificate counts only when the live expiry has moved past the old end
date — otherwise it is ``critical`` (not really renewed). Past the end date and not
renewed is ``critical``. Validation names the service and the field of each mistake;
a wrong entry becomes one finding and the other services are still evaluated.
Plain Python, no Ansible imports.
"""

from __future__ import annotations

import datetime
import functools
import re

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import alternatives as alt

ACTIVITY = 4
KINDS = ("domain", "hosting", "connection", "certificate", "other")
STATUSES = ("active", "due", "requested", "approved", "paid", "renewed")
LIVE_KINDS = ("domain", "certificate")
KIND_ID = {"domain": "nama domain", "hosting": "hosting", "connection": "koneksi internet",
           "certificate": "sertifikat TLS", "other": "layanan"}
STATUS_ID = {"active": "aktif", "due": "jatuh tempo", "requested": "diajukan", "approved": "disetujui",
             "paid": "dibayar", "renewed": "diperpanjang"}
# What the register says happens next, and who does it (SOP actors).
NEXT_STEP = {
    "due": ("Prepare the renewal request with the provider's invoice for Planning/IT and send the memo to the "
            "Secretary.", "Siapkan permohonan perpanjangan beserta tagihan penyedia untuk Perencanaan/TI dan kirim "
                          "memo kepada Sekretaris."),
    "requested": ("Ask the Secretary to approve the renewal request.",
                  "Mohon Sekretaris menyetujui permohonan perpanjangan."),
    "approved": ("Pay the provider's invoice and record the payment in the register.",
                 "Bayar tagihan penyedia dan catat pembayaran di register."),
    "paid": ("Ask the provider to carry out the renewal, then record the new end date in the register.",
             "Minta penyedia melaksanakan perpanjangan, lalu catat tanggal berakhir baru di register."),
}
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")


class RegisterError(ValueError):
    pass


def _date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        raise ValueError(text)
    return datetime.date.fromisoformat(text[:10])


def _add_problem(problems: list, who: str, field: str, text: str) -> None:
    problems.append("service %s: field '%s' %s" % (who, field, text))


def validate(register) -> tuple:
    """-> (valid services normalised, errors as [(service_id, message)])."""
    services, errors = [], []
    if register is None:
        return services, errors
    if not isinstance(register, list):
        return services, [("renewals_contracts", "renewals_contracts must be a list of services")]
    seen = set()
    for index, raw in enumerate(register):
        label = "renewals_contracts[%d]" % index
        if not isinstance(raw, dict):
            errors.append((label, "%s: must be a mapping with id, kind, provider, start, end" % label))
            continue
        sid = str(raw.get("id") or "").strip()
        problems = []

        bad = functools.partial(_add_problem, problems, sid or label)

        if not sid:
            bad("id", "is missing (a short unique name like hosting-utama)")
        elif not _ID_RE.match(sid):
            bad("id", "must be letters, digits, '.', '_' or '-' (got %r)" % sid[:40])
        elif sid in seen:
            bad("id", "is used by two services")
        seen.add(sid)
        kind = raw.get("kind")
        if kind not in KINDS:
            bad("kind", "must be one of %s (got %r)" % (", ".join(KINDS), kind))
        if not str(raw.get("provider") or "").strip():
            bad("provider", "is missing (the company that provides the service)")
        dates = {}
        for field in ("start", "end"):
            if raw.get(field) in (None, ""):
                bad(field, "is missing (a date like 2026-12-31)")
                continue
            try:
                dates[field] = _date(raw[field])
            except (TypeError, ValueError):
                bad(field, "must be a date like 2026-12-31 (got %r)" % str(raw[field])[:40])
        if "start" in dates and "end" in dates and dates["end"] <= dates["start"]:
            bad("end", "must be after the start date %s" % dates["start"].isoformat())
        notice = raw.get("notice_days", 30)
        if isinstance(notice, bool) or not isinstance(notice, int) or notice < 0 or notice > 730:
            bad("notice_days", "must be a whole number of days 0-730 (got %r)" % (notice,))
        period = raw.get("renewal_months", 12)
        if isinstance(period, bool) or not isinstance(period, int) or not 1 <= period <= 120:
            bad("renewal_months", "must be a whole number of months 1-120 (got %r)" % (period,))
        cost = raw.get("cost", 0)
        if isinstance(cost, bool) or not isinstance(cost, (int, float)) or cost < 0:
            bad("cost", "must be a number 0 or more, without dots or 'Rp' (got %r)" % (cost,))
        currency = str(raw.get("currency", "IDR"))
        if not re.match(r"^[A-Z]{3}$", currency):
            bad("currency", "must be a three-letter code like IDR (got %r)" % currency)
        status = raw.get("status", "active")
        if status not in STATUSES:
            bad("status", "must be one of %s (got %r)" % (", ".join(STATUSES), status))
        invoice = raw.get("invoice") or {}
        if not isinstance(invoice, dict):
            bad("invoice", "must be a mapping with number, date and file")
            invoice = {}
        if status in ("requested", "approved", "paid", "renewed") and not str(invoice.get("number") or "").strip():
            bad("invoice.number", "is needed once the status is %s (renewals are paid against an invoice)" % status)
        if invoice.get("date") not in (None, ""):
            try:
                _date(invoice["date"])
            except (TypeError, ValueError):
                bad("invoice.date", "must be a date like 2026-11-20")
        for field in ("requested_on", "approved_on", "paid_on"):
            if raw.get(field) not in (None, ""):
                try:
                    _date(raw[field])
                except (TypeError, ValueError):
                    bad(field, "must be a date like 2026-11-20")
        new_end = None
        if raw.get("new_end") not in (None, ""):
            try:
                new_end = _date(raw["new_end"])
                if "end" in dates and new_end <= dates["end"]:
                    bad("new_end", "must be after the old end date %s" % dates["end"].isoformat())
            except (TypeError, ValueError):
                bad("new_end", "must be a date like 2027-12-31")
        if status == "renewed" and new_end is None:
            bad("new_end", "is needed when the status is renewed (the new end date the provider confirmed)")
        if kind in LIVE_KINDS and not str(raw.get("subject") or "").strip():
            bad("subject", "is needed for a %s (the domain name or the site URL whose live expiry is checked)"
                % kind)
        contact = raw.get("contact")
        if contact is not None and not isinstance(contact, (str, dict)):
            bad("contact", "must be text or a mapping with name, email, phone")
        if problems:
            errors.extend((sid or label, p) for p in problems)
            continue
        services.append({
            "id": sid, "name": str(raw.get("name") or sid), "kind": kind, "provider": str(raw["provider"]),
            "contact": contact, "start": dates["start"], "end": dates["end"], "notice_days": notice,
            "renewal_months": period, "cost": cost, "currency": currency, "status": status,
            "invoice": {"number": invoice.get("number"), "date": invoice.get("date"), "file": invoice.get("file")},
            "new_end": new_end, "subject": str(raw.get("subject") or "") or None,
            "host": raw.get("host"), "requested_on": raw.get("requested_on"),
            "approved_on": raw.get("approved_on"), "paid_on": raw.get("paid_on"), "notes": raw.get("notes"),
        })
    return services, errors


def live_index(domains=None, certificates=None) -> dict:
    """subject -> live expiry date from domain_expiry results and TLS certificate results."""
    index = {}
    for domain in domains or []:
        if domain.get("expires") and domain.get("source") in ("rdap", "whois"):
            index[str(domain["name"]).lower()] = _date(domain["expires"])
    for cert in certificates or []:
        if cert.get("not_after"):
            when = _date(cert["not_after"])
            for key in (cert.get("subject"), cert.get("address"), cert.get("server_name")):
                if key:
                    index.setdefault(str(key).lower(), when)
    return index


def evaluate_service(service: dict, today: datetime.date, live: dict) -> dict:
    """The effective state of one valid service (no findings yet)."""
    recorded = service["status"]
    end = service["end"]
    live_expiry = live.get((service["subject"] or "").lower()) if service["kind"] in LIVE_KINDS else None
    state = {"id": service["id"], "recorded_status": recorded, "live_expiry": live_expiry.isoformat()
             if live_expiry else None, "end": end.isoformat(), "problem": None}
    if recorded == "renewed":
        new_end = service["new_end"]
        if service["kind"] in LIVE_KINDS:
            if live_expiry is None:
                state.update(status="unknown", effective="renewed_unverified",
                             problem="the live expiry date could not be read to confirm the renewal")
                state["current_end"] = new_end.isoformat()
                return state
            if live_expiry <= end:
                state.update(status="critical", effective="not_renewed",
                             problem="the register says renewed, but the live expiry is still %s"
                             % live_expiry.isoformat())
                state["current_end"] = end.isoformat()
                state["days_left"] = (live_expiry - today).days
                return state
            current_end = live_expiry
        else:
            current_end = new_end
        # Renewed: the next cycle runs against the new end date.
        state["current_end"] = current_end.isoformat()
        days_left = (current_end - today).days
        state["days_left"] = days_left
        if days_left < 0:
            state.update(status="critical", effective="expired")
        elif days_left <= service["notice_days"]:
            state.update(status="warning", effective="due")
        else:
            state.update(status="ok", effective="renewed")
        return state
    # Not yet renewed: the contract's end date counts (or a live date that already moved on).
    state["current_end"] = end.isoformat()
    if live_expiry is not None and live_expiry > end:
        days_left = (live_expiry - today).days
        state.update(status="warning" if days_left <= service["notice_days"] else "ok",
                     effective="renewed_unrecorded", days_left=days_left,
                     problem="the live expiry moved to %s but the register is not updated" % live_expiry.isoformat())
        state["current_end"] = live_expiry.isoformat()
        return state
    days_left = (end - today).days
    state["days_left"] = days_left
    if days_left < 0:
        state.update(status="critical", effective="expired")
    elif days_left <= service["notice_days"]:
        # Inside the notice period: at least "due"; later recorded steps keep their name.
        effective = "due" if recorded == "active" else recorded
        overdue = days_left <= max(7, service["notice_days"] // 4) and recorded in ("active", "due")
        state.update(status="critical" if overdue else "warning", effective=effective)
        if overdue:
            state["problem"] = "the end date is near and no renewal has been requested yet"
    else:
        state.update(status="ok", effective=recorded if recorded != "due" else "active")
    return state


def money(amount, currency: str, language: str = "id") -> str:
    whole = int(round(amount)) if float(amount).is_integer() else amount
    if isinstance(whole, int):
        text = f"{whole:,}"
    else:
        text = f"{whole:,.2f}"
    if language == "id":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
        return ("Rp %s" % text) if currency == "IDR" else "%s %s" % (currency, text)
    return "%s %s" % (currency, text)


# Names and providers are shortened to this many characters in summaries and actions: a
# finding's summary is at most 400 characters, and a long name must not make it invalid
# (and the whole cycle with it). The full value stays in the finding's details.
DISPLAY_CHARS = 80


def _short(text) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= DISPLAY_CHARS else text[:DISPLAY_CHARS - 1].rstrip() + "\u2026"


def _summary(service, state):
    name = _short(service["name"])
    eff = state["effective"]
    end = state.get("current_end")
    days = state.get("days_left")
    if eff == "not_renewed":
        return ("The %s %s is recorded as renewed, but its live expiry date has not moved (%s): it is not really "
                "renewed." % (service["kind"], name, state["live_expiry"]),
                "%s %s tercatat sudah diperpanjang, tetapi tanggal kedaluwarsa yang terlihat belum berubah (%s): "
                "belum benar-benar diperpanjang." % (KIND_ID[service["kind"]].capitalize(), name, state["live_expiry"]))
    if eff == "renewed_unverified":
        return ("The renewal of %s is recorded, but its live expiry date could not be read to confirm it." % name,
                "Perpanjangan %s sudah dicatat, tetapi tanggal kedaluwarsanya belum dapat dibaca untuk "
                "memastikannya." % name)
    if eff == "expired":
        return ("The %s %s ended %d day(s) ago (%s) and is not renewed." % (service["kind"], name, -days, end),
                "%s %s telah berakhir %d hari yang lalu (%s) dan belum diperpanjang."
                % (KIND_ID[service["kind"]].capitalize(), name, -days, end))
    if eff == "renewed_unrecorded":
        return ("The %s %s was renewed by the provider until %s; update the register." % (service["kind"], name, end),
                "%s %s sudah diperpanjang penyedia sampai %s; perbarui register."
                % (KIND_ID[service["kind"]].capitalize(), name, end))
    if state["status"] == "ok":
        return ("The %s %s runs until %s (status: %s)." % (service["kind"], name, end, eff),
                "%s %s berlaku sampai %s (status: %s)." % (KIND_ID[service["kind"]].capitalize(), name, end,
                                                           STATUS_ID.get(eff, eff)))
    return ("The %s %s ends in %d day(s) (%s); renewal status: %s." % (service["kind"], name, days, end, eff),
            "%s %s berakhir dalam %d hari (%s); status perpanjangan: %s."
            % (KIND_ID[service["kind"]].capitalize(), name, days, end, STATUS_ID.get(eff, eff)))


def evaluate(register, today: datetime.date | None = None, domains=None, certificates=None,
             default_host: str = "localhost", observed_at: str | None = None) -> dict:
    """-> {services: [...], findings: [...], metrics: [...], errors: [...]}"""
    today = today or datetime.datetime.now(datetime.timezone.utc).date()
    observed_at = observed_at or fnd.utc_now_iso()
    services, errors = validate(register)
    live = live_index(domains, certificates)
    out_services, out_findings, metrics = [], [], []
    for sid, message in errors:
        out_findings.append(fnd.make_finding(
            ACTIVITY, "renewals.contract_register", default_host, "contract:%s" % sid, "unknown",
            "The contract register has a mistake: %s." % message,
            {"error": message},
            evidence=[message],
            suggested_actions=[fnd.action("Correct the entry in the inventory (renewals_contracts) and run the "
                                          "renewals playbook again.", playbook="renewals",
                                          text_id="Perbaiki entri di inventaris (renewals_contracts) lalu jalankan "
                                                  "playbook renewals lagi.")],
            observed_at=observed_at, summary_id="Register kontrak berisi kesalahan: %s." % message))
    for service in services:
        state = evaluate_service(service, today, live)
        host = service["host"] or default_host
        summary, summary_id = _summary(service, state)
        details = {
            "service_id": service["id"], "name": service["name"], "kind": service["kind"],
            "provider": service["provider"], "recorded_status": service["status"], "effective_status":
            state["effective"], "end": state["end"], "current_end": state.get("current_end"),
            "days_left": state.get("days_left"), "notice_days": service["notice_days"],
            "live_expiry": state["live_expiry"], "cost": service["cost"], "currency": service["currency"],
            "invoice_number": service["invoice"]["number"], "problem": state["problem"],
        }
        actions = []
        eff = state["effective"]
        if eff in NEXT_STEP:
            actions.append(fnd.action(NEXT_STEP[eff][0], playbook="renewals", text_id=NEXT_STEP[eff][1]))
        elif eff in ("expired", "not_renewed"):
            who, what = _short(service["provider"]), _short(service["name"])
            actions.append(fnd.action("Contact the provider %s today to renew %s, and check the payment."
                                      % (who, what), playbook="troubleshoot",
                                      text_id="Hubungi penyedia %s hari ini untuk memperpanjang %s, dan periksa "
                                              "pembayarannya." % (who, what)))
        elif eff == "renewed_unrecorded":
            # Renewed already: the alternatives about a missed renewal do not apply, the paperwork does.
            actions.append(fnd.action("Set status renewed and new_end in renewals_contracts.", playbook="renewals",
                                      text_id="Isi status renewed dan new_end di renewals_contracts."))
            actions.append(fnd.action("Ask the provider which period was renewed and file its invoice with"
                                      " Planning/IT.",
                                      text_id="Tanyakan kepada penyedia periode yang sudah diperpanjang dan serahkan"
                                              " tagihannya ke Perencanaan/TI."))
        if eff != "renewed_unrecorded":
            actions = alt.with_alternatives("renewals.contract", state["status"], actions)
        subject = "contract:%s" % service["id"]
        out_findings.append(fnd.make_finding(
            ACTIVITY, "renewals.contract", host, subject, state["status"], summary, details,
            evidence=[state["problem"]] if state["problem"] else [], suggested_actions=actions,
            observed_at=observed_at, summary_id=summary_id))
        if state.get("days_left") is not None:
            metrics.append({"activity": ACTIVITY, "host": host, "subject": subject, "name": "expires_days_left",
                            "value": state["days_left"]})
        public = dict(service)
        for key in ("start", "end", "new_end"):
            public[key] = public[key].isoformat() if public[key] else None
        public.update({"host": host, "status": state["status"], "effective_status": eff,
                       "current_end": state.get("current_end"), "days_left": state.get("days_left"),
                       "live_expiry": state["live_expiry"], "problem": state["problem"],
                       "memo_needed": eff in ("due", "requested", "approved", "paid", "expired", "not_renewed")})
        out_services.append(public)
    return {"services": out_services, "findings": out_findings, "metrics": metrics,
            "errors": [message for _sid, message in errors]}


def expiry_timeline(store, since: str | None = None) -> list:
    """What expires when, for the report: the latest ``expires_days_left`` metric of every
    subject (domain, site URL / TLS service, ``contract:<id>``) recorded by activity 4.

    ``store`` is a history.HistoryStore. Returns ``[{subject, host, days_left, expires_on,
    observed_at}]``, soonest expiry first; ``expires_on`` = observation date + days left.
    """
    latest = {}
    for point in store.metric_points("expires_days_left", activity=ACTIVITY, since=since):
        subject, host, value, observed = point["subject"], point["host"], point["value"], point["observed_at"]
        if value is None:
            continue
        latest[subject] = (host, int(value), observed)
    timeline = []
    for subject, (host, days_left, observed) in latest.items():
        expires_on = (fnd.parse_iso(observed).date() + datetime.timedelta(days=days_left)).isoformat()
        timeline.append({"subject": subject, "host": host, "days_left": days_left, "expires_on": expires_on,
                         "observed_at": observed})
    return sorted(timeline, key=lambda item: (item["expires_on"], item["subject"]))
