# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""SOP activity 5 end to end: build the model, write the archive, e-mail, return findings.

``run(params)`` takes the situation_report module's parameters (plain Python, so it
is unit-tested without Ansible) and returns the module result. Problems that do not
stop the report (history unusable, PDF or mail failed) become warnings and a
``warning`` ``report.delivered`` finding; the report files are still written.
"""

from __future__ import annotations

import datetime
import os
import time

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.core import history as hist
from ansible_collections.sitekeeper.website.plugins.module_utils.report import i18n, mail
from ansible_collections.sitekeeper.website.plugins.module_utils.report import model as rm
from ansible_collections.sitekeeper.website.plugins.module_utils.report import render as rr

ACTIVITY = 5
CHECK = "report.delivered"


class ReportFailure(RuntimeError):
    """The report could not be produced at all; the message says what to fix."""


def _open_store(path: str | None, warnings: list):
    try:
        location = hist.resolve_location(path)
        # A SQLite file that does not exist yet means no history; a PostgreSQL URL is opened.
        if not hist.history_pg.is_url(location) and not os.path.exists(os.path.expanduser(location)):
            return None
        return hist.HistoryStore(location, readonly=True).open()
    except hist.HistoryError as exc:
        warnings.append("the report is made without history: %s" % exc)
        return None


def _period_text(model: dict, words) -> str:
    period = model["period"]
    if period.get("month"):
        return words.month_label(int(period["month"][:4]), int(period["month"][5:]))
    return "%s – %s" % (words.date(period["since"]), words.date(period["until"]))


def deliver(params: dict, model: dict, words, written: dict) -> dict:
    """E-mail the HTML report with the PDF attached. Returns {accepted, refused, error}."""
    settings = params.get("mail") or {}
    outcome = {"enabled": bool(settings.get("enabled")), "accepted": [], "refused": [], "error": None}
    if not outcome["enabled"]:
        return outcome
    recipients = [r.strip() for r in settings.get("recipients") or [] if r and r.strip()]
    try:
        if not recipients:
            raise mail.ReportMailError("mail is enabled but no recipient is configured")
        if not settings.get("sender"):
            raise mail.ReportMailError("mail is enabled but no sender address is configured")
        attachments = []
        pdf = written["paths"].get("pdf")
        if pdf:
            with open(pdf, "rb") as handle:
                stamp = model["generated_at"][:10]
                name = ("laporan-situasi-website-%s.pdf" if model["language"] == "id"
                        else "website-situation-report-%s.pdf") % stamp
                attachments.append((name, handle.read(), "application", "pdf"))
        period = _period_text(model, words)
        subject = words.t("mail_subject", court=model.get("court_name") or "", period=period)
        subject = " ".join(subject.split())
        text = "%s\n\n%s: %s\n%s: %s\n\n%s\n" % (
            words.t("mail_intro"), words.t("period"), period, words.t("overall"),
            words.status(model["overall"]["status"]), words.t("footer"))
        message = mail.build_message(settings["sender"], recipients, subject, text, written.get("html"),
                                     attachments, sender_name=settings.get("sender_name") or "")
        sent = mail.send(message, settings.get("host") or "", int(settings.get("port") or 587),
                         security=settings.get("security") or "starttls", username=settings.get("username") or "",
                         password=settings.get("password") or "", ca_file=settings.get("ca_file"),
                         verify=settings.get("verify", True), timeout=float(settings.get("timeout") or 30))
        outcome.update(sent)
    except mail.ReportMailError as exc:
        outcome["error"] = str(exc)
    except OSError as exc:
        outcome["error"] = "cannot read the PDF to attach: %s" % exc
    return outcome


def delivered_findings(hosts: list, written: dict, delivery: dict, problems: list, now: str,
                       reused: bool = False) -> list:
    """The report's own finding (activity 5), one per host, so compliance sees activity 5 done."""
    html = written["paths"].get("html") or next(iter(written["paths"].values()), written.get("folder", ""))
    n = len(delivery["accepted"])
    if problems:
        status = "warning"
        summary = "The situation report was saved, but: %s." % "; ".join(problems)
        summary_id = "Laporan situasi sudah disimpan, tetapi ada kendala: %s." % "; ".join(problems)
        actions = [dict(fnd.action("Check the mail settings of the report (SMTP server, login, recipients) and "
                                   "run the report again.", playbook="report"),
                        text_id="Periksa pengaturan e-mail laporan (server SMTP, login, penerima) lalu jalankan "
                                "laporan lagi."),
                   # The report itself was saved: it can reach the Information Officer another way today.
                   fnd.action("Meanwhile hand the saved report (%s) to the Information Officer by other means: "
                              "printed, or by the office e-mail." % html[:200],
                              text_id="Sementara itu serahkan laporan yang sudah disimpan (%s) kepada Penanggung Jawab "
                                      "Informasi dengan cara lain: dicetak, atau lewat e-mail kantor." % html[:200])]
    elif delivery["enabled"]:
        status = "ok"
        summary = "The situation report was saved and e-mailed to %d recipient(s)." % n
        summary_id = "Laporan situasi sudah disimpan dan dikirim lewat e-mail kepada %d penerima." % n
        actions = []
    else:
        status = "ok"
        summary = "The situation report was saved (e-mail delivery is not configured)."
        summary_id = "Laporan situasi sudah disimpan (pengiriman e-mail belum diatur)."
        actions = []
    if reused:
        summary = "The situation report of this run was already written."
        summary_id = "Laporan situasi untuk proses ini sudah dibuat sebelumnya."
    details = {"summary_id": summary_id[: fnd.MAX_SUMMARY_CHARS], "paths": written["paths"],
               "report_id": written.get("report_id"), "recipients": delivery["accepted"],
               "refused": delivery["refused"], "error": delivery["error"], "mail_enabled": delivery["enabled"]}
    return [fnd.make_finding(ACTIVITY, CHECK, host, "situation report", status, summary[: fnd.MAX_SUMMARY_CHARS],
                             details=details, evidence=[html], suggested_actions=actions, observed_at=now)
            for host in hosts]


def run(params: dict, check_mode: bool = False) -> dict:
    warnings = []
    started = time.monotonic()
    try:
        words = i18n.Words(params.get("language") or "id", params.get("timezone") or i18n.DEFAULT_TIMEZONE)
    except i18n.ReportI18nError as exc:
        raise ReportFailure(str(exc)) from None
    now = datetime.datetime.now(datetime.timezone.utc)
    if params.get("now"):
        try:
            now = fnd.parse_iso(params["now"])
        except ValueError:
            raise ReportFailure("now must be an ISO-8601 time, got %r" % params["now"]) from None
    reports_dir = os.path.expanduser(params["reports_dir"])
    template_dir = os.path.expanduser(params["template_dir"])
    hosts = params.get("hosts") or ["localhost"]
    run_id = params.get("run_id") or ""

    existing = None if params.get("force") else rr.find_existing(reports_dir, run_id)
    if existing:
        written = {"report_id": os.path.basename(existing), "folder": existing, "paths": rr.paths_in(existing)}
        delivery = {"enabled": False, "accepted": [], "refused": [], "error": None}
        findings = delivered_findings(hosts, written, delivery, [], fnd.utc_now_iso(now), reused=True)
        return _result(False, written, os.path.join(reports_dir, "index.html"), findings, delivery, None, [],
                       {"total_s": round(time.monotonic() - started, 3)}, warnings)

    store = _open_store(params.get("history_path"), warnings)
    try:
        model_start, model_cpu = time.monotonic(), time.process_time()
        model = rm.build_model(
            store, params.get("findings") or [], now=now, language=words.language, timezone=words.tzname,
            court_name=params.get("court_name") or "", run_id=run_id, period=params.get("period") or "since_last",
            days=params.get("days") or 7, month=params.get("month"), since=params.get("since"),
            until=params.get("until"), chart_sites_max=params.get("chart_sites_max") or 8,
            rows_max=params.get("rows_max") or 10, cards_max=params.get("cards_max") or 2)
        model_s = time.monotonic() - model_start
        model_cpu_s = time.process_time() - model_cpu
    except (rm.ReportError, i18n.ReportI18nError) as exc:
        raise ReportFailure(str(exc)) from None
    except hist.HistoryError as exc:
        raise ReportFailure(str(exc)) from None
    finally:
        if store is not None:
            store.close()

    if check_mode:
        written = {"report_id": rr.report_id_for(model), "folder": os.path.join(reports_dir, rr.report_id_for(model)),
                   "paths": {}}
        delivery = {"enabled": bool((params.get("mail") or {}).get("enabled")), "accepted": [], "refused": [],
                    "error": None}
        findings = delivered_findings(hosts, written, dict(delivery, enabled=False), [], model["generated_at"])
        return _result(True, written, os.path.join(reports_dir, "index.html"), findings, delivery, model, [],
                       {"model_s": round(model_s, 3)}, warnings)

    try:
        os.makedirs(reports_dir, mode=0o750, exist_ok=True)
        written = rr.write_report(model, words, reports_dir, template_dir, formats=params.get("formats") or rr.FORMATS)
    except rr.ReportRenderError as exc:
        raise ReportFailure(str(exc)) from None
    except OSError as exc:
        raise ReportFailure("cannot write the report under %s: %s" % (reports_dir, exc.strerror or exc)) from None
    problems = []
    for fmt, error in written["errors"].items():
        problems.append("%s not written (%s)" % (fmt.upper(), error))
    delivery = deliver(params, model, words, written)
    if delivery["error"]:
        problems.append("e-mail not delivered (%s)" % delivery["error"])
    warnings.extend(problems)
    findings = delivered_findings(hosts, written, delivery, problems, model["generated_at"])
    timings = dict(written["timings"], model_s=round(model_s, 3), model_cpu_s=round(model_cpu_s, 3),
                   total_s=round(time.monotonic() - started, 3))
    return _result(True, written, written["index"], findings, delivery, model, problems, timings, warnings)


def _result(changed, written, index, findings, delivery, model, problems, timings, warnings) -> dict:
    paths = dict(written["paths"])
    return {
        "changed": changed,
        "paths": paths,
        "report_paths": dict(paths),
        "report_dir": written["folder"],
        "report_id": written["report_id"],
        "index": index,
        "findings": findings,
        "delivered": bool(delivery["enabled"] and delivery["accepted"] and not delivery["error"]),
        "mail": {k: delivery[k] for k in ("enabled", "accepted", "refused", "error")},
        "overall": model["overall"] if model else None,
        "compliance": model["compliance"] if model else [],
        "period": model["period"] if model else None,
        "timings": {k: round(v, 3) if isinstance(v, float) else v for k, v in timings.items()},
        "warnings_list": list(warnings),
    }
