"""Unit tests of the host diagnosis (plugins/module_utils/troubleshoot/diagnose.py, checks.py, host.py) on temporary
files and loopback sockets."""

import contextlib
import datetime
import http.server
import os
import socket
import ssl
import sys
import threading
import time

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import diagnose as dg
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import host as hst


def by_check(result, check):
    return [f for f in result["findings"] if f["check"] == "troubleshoot." + check]


def test_stopped_service_is_critical_and_proposes_start(tmp_path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    svc = {"name": "nginx", "kind": "web", "port": port, "pidfile": str(tmp_path / "none.pid")}
    result = dg.run_diagnosis("web1", services=[svc], options={"checks": ["service_running"]})
    (finding,) = by_check(result, "service_running")
    assert finding["status"] == "critical" and finding["subject"] == "service:nginx"
    assert finding["details"]["summary_id"]
    assert result["candidate_fixes"] == ["start_service"]
    action = finding["suggested_actions"][0]
    assert action["playbook"] == "remediate" and action["tag"] == "start_service" and action["text_id"]
    fnd.validate(finding)


def test_running_service_found_by_pidfile_and_port(tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    pidfile = tmp_path / "svc.pid"
    pidfile.write_text("%d\n" % os.getpid())
    try:
        svc = {"name": "svc", "port": listener.getsockname()[1], "pidfile": str(pidfile)}
        result = dg.run_diagnosis("web1", services=[svc], options={"checks": ["service_running"]})
    finally:
        listener.close()
    assert by_check(result, "service_running")[0]["status"] == "ok"


def test_config_test_failure_is_critical_and_masked(tmp_path):
    script = "import sys; print('password=sup3r-Secret-1 in /etc/x.conf: unknown directive'); sys.exit(1)"
    result = dg.run_diagnosis("web1", services=[{"name": "nginx", "config_test": [sys.executable, "-c", script]}],
                              options={"checks": ["config_test"]})
    (finding,) = by_check(result, "config_test")
    assert finding["status"] == "critical" and finding["suggested_actions"][0]["tag"] == "rollback_config"
    assert "sup3r-Secret-1" not in str(finding) and "sup3r-Secret-1" not in str(result["diagnostics"])


def test_config_test_permission_denied_is_unknown():
    script = "import sys; print('open() \"/run/nginx.pid\" failed (13: Permission denied)'); sys.exit(1)"
    result = dg.run_diagnosis("web1", services=[{"name": "nginx", "config_test": [sys.executable, "-c", script]}],
                              options={"checks": ["config_test"]})
    assert by_check(result, "config_test")[0]["status"] == "unknown"


def test_disk_thresholds(tmp_path):
    result = dg.run_diagnosis("web1", disk_paths=[str(tmp_path)],
                              options={"checks": ["disk_space"], "disk_warn_percent": 0, "disk_crit_percent": 0})
    finding = by_check(result, "disk_space")[0]
    assert finding["status"] == "critical" and finding["suggested_actions"][0]["tag"] == "free_disk"
    result = dg.run_diagnosis("web1", disk_paths=[str(tmp_path)],
                              options={"checks": ["disk_space"], "disk_warn_percent": 101, "disk_crit_percent": 101})
    assert by_check(result, "disk_space")[0]["status"] == "ok"


def test_error_log_tail_is_masked(tmp_path):
    log = tmp_path / "error.log"
    log.write_text("2026/11/27 [error] 1#1: upstream failed, client: 10.0.0.9, request: \"GET /?token=tok-991122 \"\n"
                   "2026/11/27 [notice] started\n")
    result = dg.run_diagnosis("web1", services=[{"name": "nginx", "error_logs": [str(log)]}],
                              options={"checks": ["error_log"]})
    finding = by_check(result, "error_log")[0]
    assert finding["status"] == "warning" and finding["details"]["error_lines"] == 1
    assert "tok-991122" not in str(result)


def test_expired_certificate_is_critical(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "pn-contoh.test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - datetime.timedelta(days=100))
            .not_valid_after(now - datetime.timedelta(days=2)).sign(key, hashes.SHA256()))
    path = tmp_path / "cert.pem"
    path.write_bytes(cert.public_bytes(Encoding.PEM))
    result = dg.run_diagnosis("web1", sites=[{"name": "pn", "url": "https://pn-contoh.test/", "tls_cert": str(path),
                                              "cert_name": "pn"}], options={"checks": ["tls_certificate"]})
    finding = by_check(result, "tls_certificate")[0]
    assert finding["status"] == "critical" and finding["details"]["days_left"] < 0
    assert finding["suggested_actions"][0]["tag"] == "renew_cert"


def test_defaced_index_and_recent_changes(tmp_path):
    (tmp_path / "index.html").write_text("<h1>Hacked by Someone</h1>")
    site = {"name": "pn", "url": "http://127.0.0.1:1/", "docroot": str(tmp_path)}
    result = dg.run_diagnosis("web1", sites=[site], options={"checks": ["docroot_changes"]})
    finding = by_check(result, "docroot_changes")[0]
    assert finding["status"] == "critical"
    assert [a["tag"] for a in finding["suggested_actions"][:2]] == ["restore_site", "block_attackers"]
    (tmp_path / "index.html").write_text("<h1>Pengadilan Negeri</h1>")
    old = time.time() - 3 * 86400
    os.utime(tmp_path / "index.html", (old, old))
    result = dg.run_diagnosis("web1", sites=[site], options={"checks": ["docroot_changes"], "recent_hours": 1})
    # ctime cannot be set back, so a just-written file still counts as a recent change: a hint, not a defacement.
    assert by_check(result, "docroot_changes")[0]["status"] in ("ok", "warning")


def test_docroot_permissions(tmp_path):
    os.chmod(tmp_path, 0o755)
    page = tmp_path / "index.html"
    page.write_text("x")
    os.chmod(page, 0o600)
    site = {"name": "pn", "docroot": str(tmp_path)}
    result = dg.run_diagnosis("web1", sites=[site], options={"checks": ["docroot_permissions"]})
    finding = by_check(result, "docroot_permissions")[0]
    assert finding["status"] == "critical" and finding["suggested_actions"][0]["tag"] == "fix_permissions"
    os.chmod(page, 0o666)
    result = dg.run_diagnosis("web1", sites=[site], options={"checks": ["docroot_permissions"]})
    assert by_check(result, "docroot_permissions")[0]["status"] == "warning"
    os.chmod(page, 0o644)
    result = dg.run_diagnosis("web1", sites=[site], options={"checks": ["docroot_permissions"]})
    assert by_check(result, "docroot_permissions")[0]["status"] == "ok"


@contextlib.contextmanager
def _listener():
    """A loopback port that accepts connections (and never answers) while the block runs."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        yield listener.getsockname()[1]


def test_database_greeting_from_a_fake_that_closes_is_not_ok():
    with _listener() as port:
        result = hst.database_greeting("127.0.0.1", port, None, "mysql", timeout=0.5)
    assert result["ok"] is False


def test_dns_failure_is_critical():
    result = dg.run_diagnosis("web1", sites=[{"name": "pn", "url": "http://no-such-host.invalid/"}],
                              options={"checks": ["dns"]})
    assert by_check(result, "dns")[0]["status"] == "critical"


def test_bad_inputs_give_one_line_each_and_the_rest_runs(tmp_path):
    result = dg.run_diagnosis("web1", services=[{"kind": "web"}, {"name": "x", "kind": "bogus"}],
                              sites=["not-a-site"], disk_paths=[str(tmp_path)], options={"checks": ["disk_space"]})
    assert len(result["errors"]) == 3 and all("\n" not in e for e in result["errors"])
    assert by_check(result, "disk_space")


def test_environment_values_are_masked():
    result = dg.run_diagnosis("web1", options={"checks": ["memory_load"]},
                              environ={"PATH": "/bin", "DB_PASSWORD": "env-secret-5531"})
    assert "env-secret-5531" not in str(result) and result["diagnostics"]["environment"]["PATH"] == "/bin"


def test_listening_ports_parses_proc():
    with _listener() as port:
        ports = hst.listening_ports()
    assert "127.0.0.1:%d" % port in ports


class _Handler(http.server.BaseHTTPRequestHandler):
    """/moved redirects to /page; /page answers with the request's User-Agent; anything else is a 503."""

    def do_GET(self):  # noqa: N802  the name http.server calls
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        body = ("agent=%s" % self.headers.get("User-Agent")).encode()
        self.send_response(200 if self.path == "/page" else 503)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_http_get_answers_over_tls_without_checking_the_certificate(pki):
    # The diagnosis asks "does the site answer?"; the certificate has its own check. So an expired,
    # self-signed certificate for another name must not hide the answer (open_url's Request, no CA store).
    issued = pki.issue("other-name.test", days=-3, self_signed=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(issued["cert"], issued["key"])
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = "https://127.0.0.1:%d" % server.server_address[1]
    try:
        moved = hst.http_get(base + "/moved", timeout=5)
        failing = hst.http_get(base + "/other", timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert moved == {"status": 200, "body": "agent=sitekeeper-troubleshoot", "error": ""}
    assert failing["status"] == 503 and failing["body"] == "" and "503" in failing["error"]


def test_http_get_refuses_other_schemes_and_reports_connection_errors():
    assert hst.http_get("ftp://127.0.0.1/")["error"].startswith("not an http(s) address")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    refused = hst.http_get("http://127.0.0.1:%d/" % port, timeout=2)
    assert refused["status"] is None and "refused" in refused["error"].lower()
