"""The report's section on suspicious files in a real browser (headless Chromium).

Paths and excerpts of flagged files are written by the attacker: planted as script, markup and CSS they
must be shown as text, run nothing and load nothing (the watcher of test_report_browser records every
request a payload could make); and long unbroken paths and excerpts must stay inside their cells at an A4
page width, on a desktop and on a phone (the measuring script of test_report_layout)."""

from __future__ import annotations

import html
import json
import os
import re

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.findings import make_finding
from ansible_collections.sitekeeper.website.plugins.module_utils.report import situation as report
from tests.integration.test_report_browser import CHROMIUM, Elements, watcher  # noqa: F401  watcher is a fixture
from tests.integration.test_report_browser import chromium as chromium_page
from tests.integration.test_report_layout import DOCROOT, MEASURE, WIDTHS
from tests.integration.test_report_layout import chromium as chromium_layout
from tests.unit.report.test_report_model import at
from tests.unit.report.test_report_render import params

pytestmark = pytest.mark.integration


def planted_files(beacon):
    script = "<script>document.title='PWNED';fetch('%sscript')</script>" % beacon
    img = "<img src=x onerror=\"fetch('%sonerror')\">" % beacon
    css = "</style><style>body{background:url(%scss)}</style>" % beacon
    shell = {"path": "%s/%s.php" % (DOCROOT, img), "sha256": "c" * 64, "kind": script, "severity": "critical",
             "score": 12, "excerpt": "<?php @eval($_POST['x']); ?> %s %s" % (script, css)}
    spam = {"path": DOCROOT + "/" + "halaman-profil-pengadilan-negeri-contoh-kelas-ia-khusus" * 3 + ".html",
            "sha256": "d" * 64, "kind": "spam_injection", "severity": "high", "score": 8,
            "excerpt": "<div style=display:none>" + "slotgacorhariinimaxwin" * 12 + "</div>"}
    return [
        make_finding(3, "docroot.webshell", "web1", "https://pn.example/", "critical", "A web shell was found.",
                     {"site": "pn-contoh", "flagged": [shell, spam]}, observed_at=at(0, 1)),
        make_finding(6, "remediate.quarantine_files", "web1", "https://pn.example/", "ok", "quarantined",
                     {"site": "pn-contoh", "files": [dict(spam, action="restored", restored_from=css)]},
                     observed_at=at(0, 0.5)),
    ]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_flagged_paths_and_excerpts_do_not_run_in_chromium(tmp_path, watcher):  # noqa: F811  the fixture
    result = report.run(params(tmp_path, findings=planted_files(watcher.base + "/beacon-"),
                               reports_dir=os.path.join(watcher.root, "reports"), formats=["html"]))
    relative = os.path.relpath(result["paths"]["html"], watcher.root)
    dom = chromium_page("%s/%s" % (watcher.base, relative), "--dump-dom").stdout
    assert 'id="docroot"' in dom and "Berkas mencurigakan di server web, per situs" in dom
    assert "PWNED" not in dom.split("</title>")[0]
    assert "&lt;script&gt;document.title='PWNED'" in dom and "@eval($_POST['x'])" in dom
    elements = Elements()
    elements.feed(dom)
    assert not {"script", "img"} & elements.tags and elements.handlers == [] and elements.style_blocks == 1
    assert watcher.beacons() == []


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_long_paths_and_excerpts_stay_in_their_cells(tmp_path, width):
    result = report.run(params(tmp_path, findings=planted_files("https://x.invalid/"), formats=["html"]))
    page = open(result["paths"]["html"], encoding="utf-8").read()
    measured = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page).replace("</body>",
                                                                                             MEASURE + "</body>")
    wrapper = tmp_path / "measured.html"
    wrapper.write_text('<!DOCTYPE html><html><body style="margin:0"><iframe style="border:0" width="%d" '
                       'height="9000" srcdoc="%s"></iframe></body></html>'
                       % (WIDTHS[width], html.escape(measured, quote=True)), encoding="utf-8")
    dom = chromium_layout("file://%s" % wrapper, "--window-size=%d,4000" % max(WIDTHS[width], 500), "--dump-dom").stdout
    found = re.search(r'data-layout="([^"]*)"', dom)
    assert found, dom[-2000:]
    layout = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert layout["width"] == WIDTHS[width]
    assert layout["cells"] >= 8  # the suspicious-files table (2 rows of 4 cells) at least
    assert layout["overflow"] == [], "\n".join(layout["overflow"])
