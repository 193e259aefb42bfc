"""Alternatives per problem (issue 16 item 8): the SOP's situation report gives "alternative solutions".

Each producer is driven into its problems on real inputs (temporary files, closed loopback ports, a loopback
HTTP server answering 500, a self-signed certificate, crafted backup sets, RDAP-like answers, log-audit
results). Every warning or critical finding must carry at least two suggested actions, each with its own
Indonesian text, and section 6 of the report must show them all.
"""

import contextlib
import datetime
import http.server
import os
import socket
import sys
import threading

import markupsafe
import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.audit import summary as audit_summary
from ansible_collections.sitekeeper.website.plugins.module_utils.backup import judge
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import checks as probe_checks
from ansible_collections.sitekeeper.website.plugins.module_utils.probe import sites as sp
from ansible_collections.sitekeeper.website.plugins.module_utils.probe.http import Response
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import alternatives as renewal_alternatives
from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import contracts, domain_expiry, tls_certs
from ansible_collections.sitekeeper.website.plugins.module_utils.report import i18n, situation
from ansible_collections.sitekeeper.website.plugins.module_utils.report import model as rm
from ansible_collections.sitekeeper.website.plugins.module_utils.report import render as rr
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import catalogue as cat
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import checks as tc
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import host as hst

UTC = datetime.timezone.utc
NOW = datetime.datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
TODAY = NOW.date()
OBSERVED = fnd.utc_now_iso(NOW)
TEMPLATES = os.path.join(os.path.dirname(__file__), "..", "..", "roles", "situation_report", "templates")
PROBLEMS = ("warning", "critical")

# Every problem kind the producers below can report (check id), so a new kind without alternatives, or a
# scenario that stops producing its problem, fails here.
EXPECTED = {
    "troubleshoot.service_running", "troubleshoot.config_test", "troubleshoot.disk_space",
    "troubleshoot.memory_load", "troubleshoot.error_log", "troubleshoot.tls_certificate", "troubleshoot.dns",
    "troubleshoot.site_response", "troubleshoot.database", "troubleshoot.docroot_permissions",
    "troubleshoot.docroot_changes", "troubleshoot.time_sync",
    "availability.http", "availability.tls", "availability.https", "content.keywords", "integrity.defacement",
    "integrity.gambling_spam", "integrity.cloaking", "freshness.content", "freshness.docroot",
    "backup.source", "backup.damaged", "backup.run", "backup.space", "backup.age", "backup.verify",
    "backup.database", "backup.shrink", "backup.config", "backup.media", "backup.copy", "backup.retention",
    "renewals.contract", "renewals.domain_expiry", "renewals.domain_status", "renewals.domain_nameservers",
    "renewals.tls_certificate",
    "audit.log_files", "audit.suspicious_activity", "audit.unparsed_lines",
    situation.CHECK,
}


def closed_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


@contextlib.contextmanager
def failing_server():
    """A loopback web server whose every page is an HTTP 500."""
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            self.send_response(500)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield "http://127.0.0.1:%d/" % server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def self_signed(days_left, as_pem_file=None):
    """A self-signed certificate valid for ``days_left`` more days (negative: expired); DER bytes."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "pn-contoh.test")])
    now = datetime.datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - datetime.timedelta(days=100))
            .not_valid_after(now + datetime.timedelta(days=days_left)).sign(key, hashes.SHA256()))
    if as_pem_file:
        with open(as_pem_file, "wb") as handle:
            handle.write(cert.public_bytes(Encoding.PEM))
    return cert.public_bytes(Encoding.DER)


# -- the producers, each driven into its problems ---------------------------------------------------

def troubleshoot_findings(tmp):
    diag = tc.Diagnosis("web1", observed_at=OBSERVED)
    tc.check_services(diag, [hst.normalise_service({"name": "nginx", "kind": "web", "port": closed_port(),
                                                    "pidfile": os.path.join(tmp, "none.pid")})], procs=[])
    tc.check_config_tests(diag, [hst.normalise_service({
        "name": "nginx", "kind": "web", "config_test": [sys.executable, "-c", "raise SystemExit(1)"]})])
    tc.check_disks(diag, [tmp], 0, 0)
    tc.check_memory_load(diag, 101, 0)
    log = os.path.join(tmp, "error.log")
    with open(log, "w", encoding="utf-8") as handle:
        handle.write("2026/11/27 10:00:00 [error] 12#12: open() \"/srv/www/x.php\" failed\n")
    tc.check_error_logs(diag, [log], 50)
    cert = os.path.join(tmp, "cert.pem")
    self_signed(-2, as_pem_file=cert)
    tc.check_certificates(diag, [{"name": "pn", "url": "https://pn-contoh.test/", "tls_cert": cert,
                                  "cert_name": "pn"}], 30, 7)
    tc.check_dns(diag, [{"name": "pn", "url": "https://pn-contoh.invalid/"}])
    with failing_server() as url:
        tc.check_site_response(diag, [{"name": "pn", "url": url},
                                      {"name": "pn2", "url": "http://127.0.0.1:%d/" % closed_port()}], 5)
    tc.check_databases(diag, [{"name": "pn", "database": {"engine": "mysql", "host": "127.0.0.1",
                                                          "port": closed_port()}}], [])
    docroot = os.path.join(tmp, "www")
    os.mkdir(docroot)
    with open(os.path.join(docroot, "index.html"), "w", encoding="utf-8") as handle:
        handle.write("<h1>Pengadilan Negeri Contoh</h1>")
    tc.check_docroots(diag, [{"name": "gone", "url": "https://gone.test/", "docroot": os.path.join(tmp, "none")}])
    # A file changed just now that nobody flagged: the warning that had no action at all before.
    tc.check_defacement(diag, [{"name": "pn", "url": "https://pn-contoh.test/", "docroot": docroot}], 24,
                        tc.DEFACE_MARKERS)
    defaced = os.path.join(tmp, "defaced")
    os.mkdir(defaced)
    with open(os.path.join(defaced, "index.html"), "w", encoding="utf-8") as handle:
        handle.write("<h1>Hacked by Someone</h1>")
    tc.check_defacement(diag, [{"name": "pn3", "url": "https://pn3.test/", "docroot": defaced}], 24,
                        tc.DEFACE_MARKERS)
    # No time daemon and no server to ask: the other warning that had no action before.
    tc.check_time_sync(diag, None, 1.0, procs=[])
    return diag.findings


def _response(status=200, body=None, url="https://pn.example/", tls_days=35.0):
    response = Response(url)
    response.status = status
    response.body = body if body is not None else (
        b"<html><head><title>PN Contoh</title></head><body><h1>Pengadilan Negeri Contoh</h1>"
        b"<p>Jadwal sidang dan berita terbaru.</p></body></html>")
    response.error, response.error_kind = None, None
    response.headers = {"content-type": "text/html; charset=utf-8"}
    response.timings = {"dns_ms": 1.0, "connect_ms": 1.0, "ttfb_ms": 50.0, "total_ms": 120.0}
    response.tls = None if url.startswith("http:") else {
        "verified": True, "error": None, "protocol": "TLSv1.3", "cipher": "x", "not_after": "2027-01-01T00:00:00Z",
        "days_left": tls_days}
    return response


def probe_findings():
    probe = sp.Probe({"expect_https": True})
    feed = {"feed:0:parsed": {"kind": "rss", "dates": [NOW - datetime.timedelta(days=40)]}}
    old = (NOW - datetime.timedelta(days=40)).timestamp()
    site = sp.normalise_site({"url": "https://pn.example/", "host": "web1", "must_contain": ["Pengumuman"],
                              "docroot": "/var/www/pn", "docroot_newest_mtime": str(old)}, sp.DEFAULTS)
    spam = b"<html><body><h1>Hacked by Someone</h1><p>slot gacor hari ini</p></body></html>"
    crawler = _response(body=b"<html><body>togel toto macau bandar judi</body></html>")
    out = []
    out += sp.evaluate(site, _response(body=spam, tls_days=5.0), [200], dict(feed, crawler=crawler), probe, NOW)[1]
    out += sp.evaluate(site, _response(status=503), [503], {}, probe, NOW)[1]
    plain = sp.normalise_site({"url": "http://pn.example/", "host": "web1"}, sp.DEFAULTS)
    out += sp.evaluate(plain, _response(url="http://pn.example/"), [200], feed, probe, NOW)[1]
    refused = _response(status=None, body=b"")
    refused.error, refused.error_kind = "connection refused", "refused"
    out += sp.evaluate(plain, refused, ["refused"] * 3, {}, probe, NOW)[1]
    large = _response()
    large.truncated, large.truncated_reason, large.wire_bytes = True, "more than 2 MiB", 3 * 1024 * 1024
    out += sp.evaluate(plain, large, [200], feed, probe, NOW)[1]
    return out


def backup_findings(tmp):
    out = judge.RunFindings("web1", OBSERVED)
    judge.unusable_site(out, 0, {"name": "../x", "url": "https://pn-lain.example/"}, "site name '../x' is not usable")
    judge.damaged_set(out, "web1-20261126", ["www.tar: checksum mismatch"], tmp)
    judge.host_failure(out, tmp, "destination full: no space left on device")
    params = {"max_age_hours": 24, "shrink_fraction": 0.3, "min_free_fraction": 1.01, "removable": []}
    before = [{"name": "web1-20261126", "verified": True,
               "manifest": {"sites": {"pn": {"complete": True, "source_bytes": 100000}}}}]
    verdict = judge.Judge(out, params, tmp, before=before)
    site = {"name": "pn", "url": "https://pn.example/"}
    verdict.age(site, site["url"], [], NOW)
    manifest = {
        "name": "web1-20261127",
        "sites": {"pn": {"complete": True, "source_bytes": 10, "problems": ["/srv/www/pn/uploads does not exist"],
                         "databases": [{"ok": False, "name": "pn", "engine": "mariadb", "error": "Access denied"}]}},
        "contents": [{"site": "pn", "kind": "files", "verify": {"status": "failed", "problems": ["checksum mismatch"]}},
                     {"kind": "config", "verify": {"status": "failed", "problems": ["config.tar: truncated"]}}],
    }
    verdict.site_run(site, site["url"], manifest, [])
    verdict.config(manifest)
    result = {"copies": [
        {"type": "rsync", "path": "backup@192.0.2.10:/srv/backup", "status": "failed", "error": "Connection refused"},
        {"type": "rsync", "path": "backup@192.0.2.11:/srv/backup", "status": "ok", "prune_error": "Permission denied"},
        {"type": "removable", "path": "/media/backup", "mount_point": "/media/backup", "status": "absent"},
    ]}
    verdict.destinations(result, [])
    return out.findings


def renewal_findings():
    register = [{"id": "hosting-utama", "name": "Hosting website utama", "kind": "hosting",
                 "provider": "PT Hosting Contoh", "start": "2025-12-17", "end": "2026-12-17", "notice_days": 30,
                 "cost": 3500000, "currency": "IDR", "status": "active"},
                {"id": "koneksi", "name": "Internet kantor", "kind": "connection", "provider": "ISP Contoh",
                 "start": "2025-11-01", "end": "2026-11-20", "notice_days": 30, "cost": 1000000,
                 "currency": "IDR", "status": "requested"}]
    out = list(contracts.evaluate(register, TODAY, observed_at=OBSERVED)["findings"])
    looked_up = {"name": "pn-contoh.go.id", "host": "web1", "expires": "2026-12-10", "live_source": "rdap",
                 "statuses": ["client hold"], "nameservers": ["ns1.attacker.example"]}
    out += domain_expiry.evaluate(looked_up, {"expected_nameservers": ["ns1.pn-contoh.go.id"]}, TODAY,
                                  observed_at=OBSERVED)
    target = {"subject": "pn-contoh.test:443", "host": "web1", "address": "127.0.0.1:443",
              "server_name": "pn-contoh.test", "thresholds": [30, 14, 7]}
    fetched = {"der": self_signed(5), "chain_valid": False, "chain_error": "self-signed certificate",
               "protocol": "TLSv1.3"}
    finding, _cert = tls_certs.evaluate(target, fetched, observed_at=OBSERVED)
    return out + [finding]


def audit_findings():
    result = {
        "summary": {"requests": 900, "unique_visitors": 40},
        "incidents": [{"client": "203.0.113.9", "detections": ["sqli"], "severity": "high",
                       "evidence": ['203.0.113.9 "GET /?id=1%27%20OR%201=1 HTTP/1.1" 200'],
                       "successful_responses": 1}],
        "problems": [{"message": "/var/log/nginx/access.log.1: Permission denied"}],
        "files": [{"path": "/var/log/nginx/access.log", "status": "read"}],
        "unparsed": {"count": 100, "samples": ["garbage line"]},
    }
    return audit_summary.build_findings(result, "web1", "https://pn.example/", OBSERVED)


def report_findings():
    """The report was saved but could not be mailed."""
    delivery = {"enabled": True, "accepted": [], "refused": ["ppid@pn-contoh.go.id"], "error": "SMTP refused"}
    return situation.delivered_findings(["web1"], {"paths": {"html": "/srv/reports/2026-11/report.html"}}, delivery,
                                        ["the e-mail could not be sent: SMTP refused"], OBSERVED)


@pytest.fixture(scope="module")
def problems(tmp_path_factory):
    tmp = str(tmp_path_factory.mktemp("alternatives"))
    found = (troubleshoot_findings(tmp) + probe_findings() + backup_findings(tmp) + renewal_findings()
             + audit_findings() + report_findings())
    for finding in found:
        fnd.validate(finding)
    return [f for f in found if f["status"] in PROBLEMS]


# -- the tests ----------------------------------------------------------------------------------------

def test_every_problem_kind_is_produced(problems):
    assert {f["check"] for f in problems} == EXPECTED


def test_every_problem_has_two_alternatives_in_indonesian(problems):
    short = ["%s (%s, %s): %d" % (f["check"], f["status"], f["subject"], len(f["suggested_actions"]))
             for f in problems if len(f["suggested_actions"]) < 2]
    assert not short
    for finding in problems:
        texts = [a["text"] for a in finding["suggested_actions"]]
        assert len(set(texts)) == len(texts), finding["check"]
        for act in finding["suggested_actions"]:
            assert isinstance(act.get("text_id"), str) and act["text_id"].strip(), (finding["check"], act)
            assert act["text_id"] != act["text"], (finding["check"], act)


def test_time_sync_and_docroot_changes_warnings_have_alternatives(problems):
    for check in ("troubleshoot.time_sync", "troubleshoot.docroot_changes"):
        (warning,) = [f for f in problems if f["check"] == check and f["status"] == "warning"]
        actions = warning["suggested_actions"]
        assert len(actions) >= 2
        # The third party comes last, after what the court can do itself (SOP activity 7).
        assert actions[-1]["playbook"] == "troubleshoot" and all(a["playbook"] != "troubleshoot" for a in actions[:-1])


def test_alternatives_never_add_unattended_fixes(problems):
    """The troubleshoot role runs the remediate tags a diagnosis names; alternatives must not add any."""
    diagnosis = [f for f in problems if f["activity"] == 7]
    proposed = cat.candidate_fixes(diagnosis)
    assert proposed == ["start_service", "rollback_config", "free_disk", "renew_cert", "restore_site",
                        "block_attackers"]
    for check, alternatives in tc.ALTERNATIVES.items():
        assert all(a["playbook"] != "remediate" and a["tag"] is None for a in alternatives), check


def test_every_alternatives_table_names_real_problem_kinds():
    keys = {"troubleshoot." + k for k in tc.ALTERNATIVES} | set(probe_checks.ALTERNATIVES) \
        | set(judge.ALTERNATIVES) | set(renewal_alternatives.ALTERNATIVES) | set(audit_summary.ALTERNATIVES)
    assert keys <= EXPECTED, keys - EXPECTED


def test_a_findings_actions_are_its_own(problems):
    """Changing one finding's action (as the renewal memo does) must not change another finding's."""
    first, second = [f for f in problems if f["check"] == "troubleshoot.site_response"][:2]
    before = [dict(a) for a in second["suggested_actions"]]
    for act in first["suggested_actions"]:
        act["text"] += " Memo: /tmp/x.md"
    assert second["suggested_actions"] == before
    assert all("Memo" not in a["text"] for alts in tc.ALTERNATIVES.values() for a in alts)


def _section(text, start, end):
    return text[text.index(start):text.index(end)]


def test_section_6_shows_every_alternative_in_indonesian(problems):
    # The report's own delivery finding (activity 5) is about the report after it is written, never in it.
    problems = [f for f in problems if f["activity"] != rm.REPORT_ACTIVITY]
    model = rm.build_model(None, problems, now=NOW, language="id")
    words = i18n.Words("id")
    assert {g["check"] for g in model["problems"]} == EXPECTED - {situation.CHECK}
    assert all(len(f["suggested_actions"]) >= 2 for g in model["problems"] for f in g["findings"])
    markdown = _section(rr.render_markdown(model, words, TEMPLATES), "## 6.", "## 7.")
    missing = [(f["check"], a["text_id"]) for f in problems for a in f["suggested_actions"]
               if rr.md_escape(a["text_id"]) not in markdown]
    assert not missing
    # The HTML (and PDF) shows each problem as a card with its alternatives (few findings: no overflow table).
    assert all(len(g["findings"]) <= model["limits"]["cards"] for g in model["problems"])
    page = _section(rr.render_html(model, words, TEMPLATES), '<section id="problems">', '<section id="actions">')
    missing = [(f["check"], a["text_id"]) for f in problems for a in f["suggested_actions"]
               if str(markupsafe.escape(a["text_id"])) not in page]
    assert not missing


def test_no_alternatives_on_healthy_findings(tmp_path):
    diag = tc.Diagnosis("web1", observed_at=OBSERVED)
    tc.check_time_sync(diag, None, 1.0, procs=[(1, "chronyd", "chronyd")])
    docroot = tmp_path / "www"  # empty: a file's change time cannot be set back, so none changed recently
    docroot.mkdir()
    tc.check_defacement(diag, [{"name": "pn", "url": "https://pn.test/", "docroot": str(docroot)}], 1,
                        tc.DEFACE_MARKERS)
    assert [(f["check"], f["status"], f["suggested_actions"]) for f in diag.findings] == [
        ("troubleshoot.time_sync", "ok", []), ("troubleshoot.docroot_changes", "ok", [])]


def test_a_fix_that_could_not_repair_offers_the_problems_other_alternatives():
    """A failed restore (no verified backup) is a critical remediate.restore_site outcome: beside its own action it
    names what else can be done about a defaced site, ending with a named third party, each in Indonesian."""
    from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import remediation

    res = remediation.verify_site("web1", {"name": "pn-contoh", "url": "https://pn-contoh.go.id/"},
                                  restore={"failed": True, "msg": "no verified backup of pn-contoh was found"})
    finding = res["finding"]
    assert finding["check"] == "remediate.restore_site" and finding["status"] == "critical"
    actions = finding["suggested_actions"]
    assert len({a["text"] for a in actions}) == len(actions) >= 2, actions
    assert all(a.get("text_id") and a["text_id"] != a["text"] for a in actions)
    assert [a for a in actions if a["text"] in {b["text"] for b in tc.ALTERNATIVES["docroot_changes"]}]
    assert actions[-1]["playbook"] == "troubleshoot" and "developer" in actions[-1]["text"], actions[-1]
    assert cat.VENDOR_TEXT not in [a["text"] for a in actions]  # the named third party replaces the generic one
    # An ok outcome carries no alternatives: nothing is wrong.
    ok = remediation.outcome("web1", "restore_site", "x", "ok", "fine", "baik")
    assert ok["suggested_actions"] == []
