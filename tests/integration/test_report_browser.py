"""The injection test: payloads planted in findings must not run in a real browser (headless Chromium).

Script, HTML and CSS payloads go into every place a finding carries outside text (summary,
summary_id, subject, details, evidence, action texts, site names). The report is served by a
local HTTP server that records every request; a payload that ran would change document.title
or make the browser request a /beacon-* URL from that server. A control page with the same kind
of script proves the browser and the watcher would notice if it did.
"""

import html.parser
import http.server
import os
import shutil
import subprocess
import tempfile
import threading

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.findings import action, make_finding
from ansible_collections.sitekeeper.website.plugins.module_utils.report import situation as report
from tests.unit.report.test_report_model import at, sample_findings
from tests.unit.report.test_report_render import params

pytestmark = pytest.mark.integration

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class Elements(html.parser.HTMLParser):
    """Collects the element names, event-handler attributes and <style> blocks of a DOM dump."""

    def __init__(self):
        super().__init__()
        self.tags, self.handlers, self.style_blocks, self.links, self.in_svg = set(), [], 0, [], 0

    def handle_endtag(self, tag):
        if tag == "svg":
            self.in_svg -= 1

    def handle_starttag(self, tag, attrs):
        if tag == "svg":
            self.in_svg += 1
        if tag == "style" and not self.in_svg:  # pygal charts carry their own <style> inside <svg>
            self.style_blocks += 1
        # SVG charts are pygal's; count every other element.
        self.tags.add(tag)
        values = dict(attrs)
        if tag == "a":
            self.links.append(values.get("href") or "")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.tags.add("meta refresh")
        self.handlers += [name for name, _ in attrs if name.lower().startswith("on")]


class Watcher(http.server.ThreadingHTTPServer):
    def __init__(self, root):
        self.root = root
        self.paths = []
        watcher = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=root, **kwargs)

            def do_GET(self):  # noqa: N802  http.server's hook name
                watcher.paths.append(self.path)
                if self.path.startswith("/beacon"):
                    self.send_response(204)
                    self.end_headers()
                    return
                super().do_GET()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.server_address[1]

    def beacons(self):
        return sorted(p for p in self.paths if p.startswith("/beacon"))


@pytest.fixture()
def watcher(tmp_path):
    server = Watcher(str(tmp_path / "www"))
    os.makedirs(server.root)
    server.thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def chromium(url, *extra):
    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    try:
        done = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
             "--user-data-dir=%s" % profile, "--virtual-time-budget=4000", *extra, url],
            capture_output=True, text=True, timeout=120, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return done


def payloads(base):
    beacon = base + "/beacon-"
    script = "<script>document.title='PWNED';fetch('%sscript')</script>" % beacon
    img = "<img src=x onerror=\"document.title='PWNED';fetch('%sonerror')\">" % beacon
    svg = "\"><svg onload=\"fetch('%ssvg')\"></svg>" % beacon
    css = "</style><style>body{background:url(%scss)}</style>" % beacon
    link = "<link rel=stylesheet href=%slink>" % beacon
    frame = "<iframe src=%siframe></iframe>" % beacon
    meta = "<meta http-equiv=refresh content=\"0;url=%srefresh\">" % beacon
    js_link = "<a href=\"javascript:fetch('%sjs')\">klik</a>" % beacon
    return [
        make_finding(1, "defacement.injected_text", "web1", "https://pn.example/%s" % svg, "critical",
                     "Page title was %s" % script,
                     {"summary_id": "Judul %s" % img, "site": "site %s" % meta, "title": css,
                      "headers": {"x": link, "y": [frame, js_link]},
                      "worst_clients": [{"ip": "203.0.113.9", "user_agent": script}]},
                     evidence=["</pre>%s" % script, img, css],
                     suggested_actions=[dict(action("Fix %s" % js_link, playbook="remediate", tag="restore"),
                                             text_id="Perbaiki %s" % frame)],
                     observed_at=at(0, 1)),
        make_finding(3, "audit.suspicious", "web1", "/var/log/nginx/access.log", "warning",
                     "A visitor sent %s" % link,
                     {"summary_id": "Pengunjung mengirim %s" % css, "top_pages": [{"path": img, "hits": 3}]},
                     evidence=['203.0.113.9 - - "GET /?q=%s HTTP/1.1" 200' % script], observed_at=at(0, 1)),
    ]


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_payloads_in_findings_do_not_run_in_chromium(tmp_path, watcher):
    # Control: the same kind of script on a plain page does run and is seen by the watcher.
    with open(os.path.join(watcher.root, "control.html"), "w") as handle:
        handle.write("<html><head><title>before</title></head><body><script>document.title='RAN';"
                     "fetch('%s/beacon-control')</script></body></html>" % watcher.base)
    control = chromium(watcher.base + "/control.html", "--dump-dom")
    assert "<title>RAN</title>" in control.stdout
    assert watcher.beacons() == ["/beacon-control"]

    planted = payloads(watcher.base) + sample_findings()
    result = report.run(params(tmp_path, findings=planted, reports_dir=os.path.join(watcher.root, "reports"),
                               formats=["html", "pdf"]))
    assert "pdf" in result["paths"]  # WeasyPrint made the PDF with every fetch refused
    relative = os.path.relpath(result["paths"]["html"], watcher.root)
    dom = chromium("%s/%s" % (watcher.base, relative), "--dump-dom").stdout
    assert "<title>Laporan Situasi dan Kondisi Website" in dom
    assert "PWNED" not in dom.split("</title>")[0]
    # The payloads are shown as text, not elements.
    assert "&lt;script&gt;document.title='PWNED'" in dom
    elements = Elements()
    elements.feed(dom)
    assert not {"script", "iframe", "link", "img", "meta refresh"} & elements.tags, elements.tags
    assert elements.links and all(href.startswith("#") for href in elements.links)  # only the table of contents
    assert elements.handlers == [] and elements.style_blocks == 1  # only the report's own <style>
    shot = str(tmp_path / "report.png")
    chromium("%s/%s" % (watcher.base, relative), "--screenshot=%s" % shot, "--window-size=1000,3000")
    assert os.path.getsize(shot) > 10000
    # Only the control page ever made a beacon request: nothing planted ran or loaded.
    assert watcher.beacons() == ["/beacon-control"]
