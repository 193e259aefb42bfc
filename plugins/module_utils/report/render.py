# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render the situation report model to HTML, PDF, Markdown and JSON, and keep the archive.

Controller side. Jinja2 with autoescape on for every template (HTML and Markdown
alike), so whatever came from outside -- log lines, URLs, user agents, page
titles, WHOIS text -- is text, never markup. The HTML is one self-contained file:
CSS and the pygal charts are inline, nothing is fetched, and a strict
Content-Security-Policy forbids scripts and remote loads. The PDF is made from
the same HTML by WeasyPrint with a URL fetcher that refuses every fetch.

Archive layout under ``<data_dir>/reports/``:
``<report_id>/report.{html,pdf,md,json}`` and ``meta.json`` per report, and an
``index.html`` listing every report, newest first.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import threading
import time

from ansible_collections.sitekeeper.website.plugins.module_utils.core.files import write_atomic
from ansible_collections.sitekeeper.website.plugins.module_utils.report import charts as report_charts
from ansible_collections.sitekeeper.website.plugins.module_utils.report import i18n

try:
    import jinja2
    from markupsafe import Markup

    HAS_JINJA2 = True
except ImportError:  # pragma: no cover - jinja2 comes with ansible-core
    HAS_JINJA2 = False

FORMATS = ("html", "pdf", "markdown", "json")
EXTENSIONS = {"html": "html", "pdf": "pdf", "markdown": "md", "json": "json"}
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
       "base-uri 'none'; form-action 'none'")
_REPORT_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


class ReportRenderError(RuntimeError):
    """The report could not be written; the message says what to fix."""


def md_escape(value) -> str:
    """Escape text for Markdown: ``&``, ``<`` and ``>`` as HTML entities (raw HTML passes through
    Markdown), specials backslashed, line breaks folded so a value cannot start a heading or break a
    table row. Quotes stay as they are: an entity such as ``&#39;`` would get its ``#`` backslashed
    and show literally."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def _status_class(status) -> str:
    return "s-%s" % (status if status in ("ok", "warning", "critical", "unknown") else "none")


def environment(template_dir: str):
    if not HAS_JINJA2:
        raise ReportRenderError("the report needs Jinja2 on the controller (it comes with ansible-core)")
    if not template_dir or not os.path.isdir(template_dir):
        raise ReportRenderError("report template directory %r does not exist" % (template_dir,))
    env = jinja2.Environment(  # noqa: S701  autoescape is on for every template, HTML and Markdown
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = lambda v: Markup(md_escape(v))  # noqa: S704  md_escape HTML-escapes first
    env.filters["status_class"] = _status_class
    env.globals["hidden_detail"] = lambda k: k in i18n.DETAIL_HIDDEN
    return env


def render_html(model: dict, words, template_dir: str, charts: dict | None = None) -> str:
    env = environment(template_dir)
    if charts is None:
        charts = report_charts.report_charts(model, words)
    # Charts are pygal's SVG with scripts removed (see report_charts); everything else is escaped.
    safe_charts = {name: Markup(svg) if svg else None for name, svg in charts.items()}  # noqa: S704
    return env.get_template("report.html.j2").render(model=model, w=words, charts=safe_charts, csp=CSP)


def render_markdown(model: dict, words, template_dir: str) -> str:
    return environment(template_dir).get_template("report.md.j2").render(model=model, w=words)


def render_json(model: dict) -> str:
    # Compact: without indent the json module uses its C encoder (a month of 500 sites: 4.6 MB in 0.1 s, not 0.4 s).
    return json.dumps(model, ensure_ascii=False, sort_keys=True, default=str, separators=(",", ":"))


def _deny_fetch(url, *args, **kwargs):
    raise ValueError("the report fetches nothing (%s refused)" % url[:80])


def render_pdf(html: str, info: dict | None = None) -> bytes:
    """The PDF of the report's HTML; ``info`` (a dict) receives the number of pages."""
    try:
        import weasyprint
    except ImportError:
        raise ReportRenderError("PDF needs WeasyPrint on the controller (pip install weasyprint)") from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_deny_fetch).render()
    if info is not None:
        info["pages"] = len(document.pages)
    return document.write_pdf()


def _pdf_outcome(html: str, path: str) -> dict:
    """Render and write the PDF; {error, cpu_s, pages}. Runs in the PDF process (or inline)."""
    start = time.process_time()
    info = {"pages": None}
    try:
        pdf = render_pdf(html, info)
        _atomic_write(path, pdf)
    except ReportRenderError as exc:
        return {"error": str(exc), "cpu_s": time.process_time() - start}
    except Exception as exc:  # noqa: BLE001  WeasyPrint raises many kinds; the other formats stay
        return {"error": "PDF rendering failed: %s" % exc, "cpu_s": time.process_time() - start}
    return {"error": None, "cpu_s": time.process_time() - start, "pages": info["pages"]}


def start_pdf(html: str, path: str):
    """Render the PDF in a forked process, in parallel with the other formats; returns a handle for
    finish_pdf. Inline (handle None after rendering) where fork is missing, or when other threads run in
    this process (a forked child could inherit a lock one of them holds)."""
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return {"pid": None, "outcome": _pdf_outcome(html, path)}
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the PDF process: render, report through the pipe, end without running exit handlers
        code = 1
        try:
            os.close(read_fd)
            outcome = _pdf_outcome(html, path)
            os.write(write_fd, json.dumps(outcome).encode("utf-8")[:60000])
            code = 0 if outcome["error"] is None else 2
        finally:
            os._exit(code)
    os.close(write_fd)
    return {"pid": pid, "fd": read_fd}


def finish_pdf(handle: dict) -> dict:
    """Wait for the PDF process; {error, cpu_s}."""
    if handle["pid"] is None:
        return handle["outcome"]
    chunks = []
    with os.fdopen(handle["fd"], "rb") as pipe:
        while True:
            chunk = pipe.read(65536)
            if not chunk:
                break
            chunks.append(chunk)
    status = os.waitpid(handle["pid"], 0)[1]
    try:
        return json.loads(b"".join(chunks).decode("utf-8"))
    except ValueError:
        if os.WIFSIGNALED(status):
            return {"error": "the PDF process was ended by signal %d" % os.WTERMSIG(status), "cpu_s": None}
        return {"error": "the PDF process ended without a result (exit status %d)" % os.waitstatus_to_exitcode(status),
                "cpu_s": None}


def _atomic_write(path: str, data) -> None:
    # Reports name the court's problems: readable by the owner and the web group only.
    write_atomic(path, data, mode=0o640)


def report_id_for(model: dict) -> str:
    """Archive folder name: local time of generation plus the run id (sortable, unique per run)."""
    stamp = model["generated_at"].replace("-", "").replace(":", "")
    run = re.sub(r"[^A-Za-z0-9._-]", "_", model.get("run_id") or "")[:60]
    return "%s_%s" % (stamp, run) if run else stamp


def find_existing(reports_dir: str, run_id: str) -> str | None:
    """The archive folder of an earlier report of this run id, if any."""
    if not run_id or not os.path.isdir(reports_dir):
        return None
    for name in sorted(os.listdir(reports_dir), reverse=True):
        meta = os.path.join(reports_dir, name, "meta.json")
        if os.path.isfile(meta):
            try:
                with open(meta, encoding="utf-8") as handle:
                    if json.load(handle).get("run_id") == run_id:
                        return os.path.join(reports_dir, name)
            except (OSError, ValueError):
                continue
    return None


def paths_in(folder: str) -> dict:
    return {fmt: os.path.join(folder, "report.%s" % ext) for fmt, ext in EXTENSIONS.items()
            if os.path.isfile(os.path.join(folder, "report.%s" % ext))}


def write_report(model: dict, words, reports_dir: str, template_dir: str, formats=FORMATS) -> dict:
    """Write every requested format into a new archive folder; returns {format: path} and timings."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ReportRenderError("unknown report format(s) %s; use %s" % (", ".join(unknown), "|".join(FORMATS)))
    report_id = report_id_for(model)
    if not _REPORT_ID_RE.match(report_id):
        raise ReportRenderError("cannot make a safe folder name from run id %r" % model.get("run_id"))
    folder = os.path.join(reports_dir, report_id)
    try:
        os.makedirs(folder, mode=0o750, exist_ok=True)
    except OSError as exc:
        raise ReportRenderError("cannot create report folder %s: %s" % (folder, exc.strerror)) from None
    timings, paths, errors = {}, {}, {}
    clock = datetime.datetime.now
    cpu = time.process_time
    start, start_cpu = clock(), cpu()
    charts = report_charts.report_charts(model, words)
    timings["charts_s"] = (clock() - start).total_seconds()
    start = clock()
    html = render_html(model, words, template_dir, charts=charts)
    timings["html_s"] = (clock() - start).total_seconds()
    if "html" in formats:
        paths["html"] = os.path.join(folder, "report.html")
        _atomic_write(paths["html"], html)
    pdf_job = None
    if "pdf" in formats:
        # The PDF takes longest: it is made in a second process while this one writes the other formats.
        pdf_start = clock()
        pdf_job = start_pdf(html, os.path.join(folder, "report.pdf"))
    outcome = None
    try:
        if "markdown" in formats:
            start = clock()
            paths["markdown"] = os.path.join(folder, "report.md")
            _atomic_write(paths["markdown"], render_markdown(model, words, template_dir))
            timings["markdown_s"] = (clock() - start).total_seconds()
        if "json" in formats:
            start = clock()
            paths["json"] = os.path.join(folder, "report.json")
            _atomic_write(paths["json"], render_json(model))
            timings["json_s"] = (clock() - start).total_seconds()
        timings["without_pdf_cpu_s"] = cpu() - start_cpu
    finally:
        if pdf_job is not None:  # waited for even when writing another format failed: no process is left
            outcome = finish_pdf(pdf_job)
    if outcome is not None:
        if outcome["error"]:
            errors["pdf"] = outcome["error"]
        else:
            paths["pdf"] = os.path.join(folder, "report.pdf")
        timings["pdf_s"] = (clock() - pdf_start).total_seconds()  # wall, from its start beside the others
        timings["pdf_cpu_s"] = outcome["cpu_s"]
        timings["pdf_process"] = pdf_job["pid"] is not None
        timings["pdf_pages"] = outcome.get("pages")
    meta = {
        "report_id": report_id, "run_id": model.get("run_id") or "", "generated_at": model["generated_at"],
        "language": model["language"], "court_name": model.get("court_name") or "",
        "period": {k: model["period"][k] for k in ("kind", "since", "until", "month")},
        "overall": model["overall"], "files": {fmt: os.path.basename(p) for fmt, p in paths.items()},
    }
    _atomic_write(os.path.join(folder, "meta.json"), json.dumps(meta, ensure_ascii=False, indent=1))
    index = write_index(reports_dir, words, template_dir)
    return {"report_id": report_id, "folder": folder, "paths": paths, "errors": errors, "timings": timings,
            "index": index, "html": html}


def archive_entries(reports_dir: str) -> list:
    entries = []
    if not os.path.isdir(reports_dir):
        return entries
    for name in os.listdir(reports_dir):
        meta_path = os.path.join(reports_dir, name, "meta.json")
        if not os.path.isfile(meta_path):
            continue
        try:
            with open(meta_path, encoding="utf-8") as handle:
                meta = json.load(handle)
        except (OSError, ValueError):
            continue
        meta["folder"] = name
        entries.append(meta)
    entries.sort(key=lambda m: (m.get("generated_at") or "", m["folder"]), reverse=True)
    return entries


def write_index(reports_dir: str, words, template_dir: str) -> str:
    """(Re)write the archive's index.html listing every report, newest first."""
    entries = archive_entries(reports_dir)
    html = environment(template_dir).get_template("index.html.j2").render(entries=entries, w=words, csp=CSP)
    path = os.path.join(reports_dir, "index.html")
    _atomic_write(path, html)
    return path
