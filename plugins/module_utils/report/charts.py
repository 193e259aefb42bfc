# -*- coding: utf-8 -*-
# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Charts of the situation report: inline SVG made by pygal (controller side).

pygal builds the SVG with an XML library, so labels taken from findings (site
names, URLs) are escaped as XML text. Its output also carries a <script> for
interactive tooltips and links to remote JavaScript; the report is a static,
printable page under a Content-Security-Policy that forbids scripts, so every
<script> element is removed from the SVG before it is embedded, and so are the
<desc> tooltips that only that script shows.

The charts are kept light for WeasyPrint, which draws every SVG element of the
PDF: a line with more than DOTS_MAX_POINTS points has no dots (a month of daily
values is a line, not 30 markers), and with many sites the trends are one line
for all sites (the per-site series stay in the JSON).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET  # noqa: S405  parses pygal's own output, not outside input

try:
    import pygal
    from pygal.style import Style

    HAS_PYGAL = True
except ImportError:  # pragma: no cover - pygal is a controller requirement
    HAS_PYGAL = False

SVG_NS = "http://www.w3.org/2000/svg"

PALETTE = ("#1f5fa8", "#c0392b", "#27865f", "#d68910", "#6c3483", "#117a8b", "#7f8c8d", "#a04000")
MAX_SERIES = 8
MAX_BARS = 20
# A line with more points than this is drawn without a dot per point.
DOTS_MAX_POINTS = 14


def _style():
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#333333",
        foreground_strong="#111111",
        foreground_subtle="#bbbbbb",
        opacity=".85",
        opacity_hover=".95",
        colors=PALETTE,
        font_family="'DejaVu Sans', 'Liberation Sans', Arial, sans-serif",
        title_font_size=15,
        label_font_size=11,
        major_label_font_size=11,
        legend_font_size=12,
        value_font_size=11,
        tooltip_font_size=11,
    )


def _config(**extra) -> dict:
    config = dict(
        style=_style(),
        js=[],
        disable_xml_declaration=True,
        width=760,
        height=300,
        explicit_size=False,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
        truncate_legend=40,
        truncate_label=24,
        print_values=False,
        show_minor_x_labels=True,
        margin=10,
        margin_bottom=24,
        spacing=10,
        no_data_text="",
        include_x_axis=False,
    )
    config.update(extra)
    return config


def clean_svg(svg: str) -> str:
    """Remove <script> elements and event-handler attributes from pygal's SVG."""
    root = ET.fromstring(svg)  # noqa: S314  pygal's own output
    for parent in root.iter():
        for child in list(parent):
            tag = child.tag.split("}")[-1] if isinstance(child.tag, str) else ""
            if tag in ("script", "foreignObject", "desc"):
                parent.remove(child)
        for name in list(parent.attrib):
            if name.split("}")[-1].lower().startswith("on"):
                del parent.attrib[name]
    root.set("role", "img")
    # Map the SVG namespace to the default prefix again: a global prefix registered by another library (WeasyPrint maps
    # the empty prefix elsewhere) would otherwise turn <svg> into <ns0:svg>, which HTML does not draw.
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    return ET.tostring(root, encoding="unicode")


def _label_every(count: int) -> int:
    """Label at most 8 days on the x axis (every SVG text costs time in the PDF)."""
    return max(1, (count + 7) // 8)


def _aligned(series: dict, words) -> tuple:
    days = sorted({point[0] for points in series.values() for point in points})
    lines = []
    for name in sorted(series)[:MAX_SERIES]:
        values = dict((d, v) for d, v in series[name])
        lines.append((name, [values.get(d) for d in days]))
    return [words.short_day(d) for d in days], lines


def line_chart(title: str, series: dict, words, value_format=None, y_range=None) -> str | None:
    """A daily line chart; series = {name: [[day, value], ...]}. None when there is nothing to draw."""
    if not HAS_PYGAL or not any(series.values()):
        return None
    labels, lines = _aligned(series, words)
    if len(labels) < 2:
        return None  # one day is no trend; the table beside it has the figure
    extra = {}
    if y_range:
        extra["range"] = y_range
    chart = pygal.Line(**_config(title=title, x_labels=labels, show_minor_x_labels=False,
                                 x_labels_major_every=_label_every(len(labels)), dots_size=2,
                                 show_dots=len(labels) <= DOTS_MAX_POINTS,
                                 show_legend=len(lines) > 1 or lines[0][0] != "*", **extra))
    if value_format:
        chart.value_formatter = value_format
    for name, values in lines:
        chart.add(words.t("this_period") if name == "*" else name, values)
    return clean_svg(chart.render(is_unicode=True))


def bar_chart(title: str, labels: list, series: list, words) -> str | None:
    """Vertical bars per day; series = [(name, [values...])]."""
    if not HAS_PYGAL or not labels:
        return None
    chart = pygal.Bar(**_config(title=title, x_labels=[words.short_day(d) for d in labels],
                                show_minor_x_labels=False, x_labels_major_every=_label_every(len(labels))))
    chart.value_formatter = words.number
    for name, values in series:
        chart.add(name, values)
    return clean_svg(chart.render(is_unicode=True))


def timeline_chart(title: str, items: list, words) -> str | None:
    """Horizontal bars: days left until each subject expires (soonest first)."""
    items = [i for i in items if i.get("days_left") is not None][:MAX_BARS]
    if not HAS_PYGAL or not items:
        return None
    # No value printed on each bar: the table under the chart has the days (and SVG text is slow in the PDF).
    chart = pygal.HorizontalBar(**_config(title=title, height=max(160, 60 + 26 * len(items)),
                                          show_legend=False, print_values=False, include_x_axis=True))
    chart.x_labels = [i.get("label") or i["subject"] for i in items]
    chart.value_formatter = lambda v: words.t("days", n=words.number(v, 0))
    colours = []
    for item in items:
        status = item.get("status") or ("critical" if item["days_left"] < 7 else
                                        "warning" if item["days_left"] < 30 else "ok")
        colours.append({"critical": "#c0392b", "warning": "#d68910", "unknown": "#7f8c8d"}.get(status, "#27865f"))
    chart.add(words.t("days_left"), [{"value": i["days_left"], "color": c} for i, c in zip(items, colours)])
    return clean_svg(chart.render(is_unicode=True))


def report_charts(model: dict, words) -> dict:
    """All charts of one report model, by name (None when a chart has no data)."""
    charts = {}
    avail = model["availability"]["series"]
    charts["response"] = line_chart(words.t("response_trend"), avail["response_ms"], words,
                                    value_format=lambda v: "%s ms" % words.number(v))
    charts["uptime"] = line_chart(words.t("uptime_trend"), avail["uptime"], words,
                                  value_format=words.percent, y_range=None)
    backup_series = model["backups"]["series"]
    if model.get("per_site_charts", True) or "size_total" not in backup_series:
        by_name, title = backup_series["size_bytes"], words.t("size_trend") + " (MB)"
    else:  # many sites: one line, the newest backups of all sites together
        by_name, title = {"*": backup_series["size_total"]}, words.t("size_trend_total") + " (MB)"
    sizes = {name: [[d, v / 1048576.0 if v is not None else None] for d, v in points]
             for name, points in by_name.items()}
    charts["backup_size"] = line_chart(title, sizes, words,
                                       value_format=lambda v: "%s MB" % words.number(v, 1))
    daily = model["visitors"]["daily"]
    charts["visitors"] = bar_chart(words.t("visitors_daily"), [d["day"] for d in daily], [
        (words.t("visitors"), [d["visitors"] for d in daily]),
        (words.t("requests"), [d["requests"] for d in daily]),
    ], words) if daily else None
    charts["renewals"] = timeline_chart(words.t("renewal_timeline"), model["renewals"]["timeline"], words)
    return charts
