"""The HTML report's tables keep their content inside their cells in a real browser (issue 15).

Seen in Chromium at 1280 px: in the content-freshness table ("Pembaruan konten terakhir") the
status pill ran into the next column and a long docroot path over the "Keterangan" column. The
report is rendered with long unbroken values and every status, a copy of it gets a script that
measures every cell of its tables (the report's own policy forbids scripts, so the copy drops
it), and headless Chromium dumps the DOM with the measurements at an A4 page width, at the
width where it was seen and at a phone width. Screenshots are kept next to the report for a look.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.findings import make_finding
from ansible_collections.sitekeeper.website.plugins.module_utils.report import situation as report
from tests.unit.report.test_report_model import at
from tests.unit.report.test_report_render import params

pytestmark = pytest.mark.integration

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DOCROOT = "/var/www/vhosts/pengadilan-negeri-contoh-kelas-ia-khusus.go.id/httpdocs/wp-content/uploads/2026/11"
# A4 is 210 mm: 794 CSS pixels; 1280 is where the overflow was seen; 360 is a small phone.
WIDTHS = {"a4": 794, "desktop": 1280, "phone": 360}

# Every cell (header cells too) of every report table: its content may not reach past the cell's own box (a pill or
# a long word painted over the next column), and nothing inside may be wider than the cell; and
# no table may be wider than the page.
MEASURE = """<script>
(function () {
  var out = [];
  document.querySelectorAll("table.grid td, table.grid th").forEach(function (td) {
    var box = td.getBoundingClientRect();
    var heading = td.closest("table").previousElementSibling;
    var where = (heading ? heading.textContent.trim() : "?") + " / column " + (td.cellIndex + 1);
    if (td.scrollWidth > td.clientWidth + 1) {
      out.push(where + ": content " + td.scrollWidth + " px wide in a " + td.clientWidth + " px cell");
    }
    td.querySelectorAll("*").forEach(function (el) {
      var r = el.getBoundingClientRect();
      if (r.width && (r.right > box.right + 0.5 || r.left < box.left - 0.5)) {
        out.push(where + ": ." + el.className + " " + Math.round(r.left) + "-" + Math.round(r.right)
                 + " outside the cell " + Math.round(box.left) + "-" + Math.round(box.right));
      }
    });
  });
  document.querySelectorAll("table.grid").forEach(function (table) {
    var heading = table.previousElementSibling;
    var right = table.getBoundingClientRect().right, page = document.documentElement.clientWidth;
    if (right > page + 0.5) {
      out.push((heading ? heading.textContent.trim() : "?") + ": the table ends at " + Math.round(right)
               + " px, past the page (" + page + " px)");
    }
  });
  var cells = document.querySelectorAll("table.grid td, table.grid th").length;
  window.parent.document.body.setAttribute("data-layout", JSON.stringify({cells: cells, width: window.innerWidth, overflow: out}));
})();
</script>"""


def chromium(url, *extra):
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
             "--hide-scrollbars", "--user-data-dir=%s" % profile, "--virtual-time-budget=4000", *extra, url],
            capture_output=True, text=True, timeout=120, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def freshness_findings():
    found = []
    for number, status in enumerate(("critical", "warning", "unknown", "ok")):
        site = "https://situs-%d.pengadilan-negeri-contoh-kelas-ia-khusus.go.id/" % number
        found.append(make_finding(
            1, "freshness.content_date", "web1", site, status, "The site was last updated %d days ago." % (number * 9),
            {"content_date": "2026-11-0%d" % (number + 1), "content_date_source": "docroot %s" % DOCROOT
             if number % 2 else DOCROOT + "/berita-terbaru-pengadilan-negeri.html", "age_days": number * 9,
             "site": "situs-%d-pengadilan-negeri-contoh-kelas-ia-khusus" % number,
             "summary_id": "Konten terakhir diperbarui %d hari yang lalu di %s." % (number * 9, DOCROOT)},
            observed_at=at(0, 1)))
    return found


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_table_cells_hold_their_content(tmp_path, width):
    result = report.run(params(tmp_path, findings=freshness_findings(), formats=["html"]))
    page = open(result["paths"]["html"], encoding="utf-8").read()
    assert "Pembaruan konten terakhir" in page and DOCROOT in page
    measured = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page).replace("</body>",
                                                                                             MEASURE + "</body>")
    # Headless Chromium lays a page out at least 500 px wide, whatever the window: the report is shown
    # in a frame exactly as wide as the screen (a srcdoc frame, so its script may write to this page).
    wrapper = tmp_path / "measured.html"
    wrapper.write_text('<!DOCTYPE html><html><body style="margin:0"><iframe style="border:0" width="%d" '
                       'height="9000" srcdoc="%s"></iframe></body></html>'
                       % (WIDTHS[width], html.escape(measured, quote=True)), encoding="utf-8")
    size = "--window-size=%d,4000" % max(WIDTHS[width], 500)
    dom = chromium("file://%s" % wrapper, size, "--dump-dom").stdout
    found = re.search(r'data-layout="([^"]*)"', dom)
    assert found, dom[-2000:]
    layout = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert layout["width"] == WIDTHS[width], layout["width"]  # measured at the width asked for
    assert layout["cells"] >= 20  # the freshness table (4 rows of 5 cells) and more were measured
    assert layout["overflow"] == [], "\n".join(layout["overflow"])
    shot = os.path.join(os.path.dirname(result["paths"]["html"]), "layout-%s.png" % width)
    chromium("file://%s" % wrapper, size, "--screenshot=%s" % shot)
    assert os.path.getsize(shot) > 10000
