"""Speed of SOP activity 4's live checks (issue 6).

1. WHOIS parser: all 749 real answers of /work/shared/data/whois_parser.jsonl (whois-parser
   corpus, MIT), answers per second and expiry accuracy.
2. TLS: N certificate checks (default 200 sites, all served by one real nginx on loopback,
   picked by SNI, reached through a TCP relay that adds --latency seconds (default 0.1) to
   each connection, as a real network would) with the concurrent checker, against the same
   checks made one after the other (what one task per site with
   community.crypto.get_certificate amounts to, without Ansible's per-task overhead, so the
   real gap is larger).
3. Domains: N domain lookups through the loopback RDAP peer (bootstrap + answers) answering
   after --latency seconds, concurrent (8 workers) vs serial.

Usage: .venv/bin/python benchmarks/renewals.py [--sites 200] [--domains 200]
The last line of output is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "collections"))
sys.path.insert(0, REPO)

from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import domain_expiry, tls_certs, whois  # noqa: E402,I001
from tests.harness import services  # noqa: E402
from tests.peers import start_peer  # noqa: E402


def bench_whois():
    with open("/work/shared/data/whois_parser.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    start = time.perf_counter()
    parsed = [whois.parse(r["raw"]) for r in rows]
    elapsed = time.perf_counter() - start
    scored = correct = 0
    for row, result in zip(rows, parsed):
        expected = row["expected"].get("expires_on", "absent")
        if expected in ("absent", "unsupported") or (expected and not re.match(r"^\d{4}-\d{2}-\d{2}", expected)):
            continue
        scored += 1
        got = result["expires"].date().isoformat() if result["expires"] else None
        correct += got == (expected[:10] if expected else None)
    return {"answers": len(rows), "seconds": round(elapsed, 3), "per_second": round(len(rows) / elapsed),
            "expires_scored": scored, "expires_correct": correct}


class DelayRelay:
    """A TCP relay on loopback that waits `delay` seconds before connecting each client upstream."""

    def __init__(self, upstream_port, delay):
        import socket
        import threading

        self.upstream_port = upstream_port
        self.delay = delay
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(512)
        self.port = self.sock.getsockname()[1]
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        import threading

        while self.running:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        import socket
        import threading

        time.sleep(self.delay)
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        except OSError:
            client.close()
            return

        def pump(src, dst):
            try:
                while True:
                    data = src.recv(65536)
                    if not data:
                        break
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                for s in (src, dst):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass

        threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
        pump(client, upstream)

    def stop(self):
        self.running = False
        self.sock.close()


def bench_tls(sites, latency):
    work = tempfile.mkdtemp(prefix="bench-renewals-")
    os.chmod(work, 0o755)  # noqa: S103 (nginx reads its config here)
    pki = services.Pki(os.path.join(work, "pki"))
    paths = pki.issue("site.test", sans=["*.site.test"], days=90)
    nginx = services.Nginx(os.path.join(work, "nginx"), "server { listen 127.0.0.1:{port} ssl; server_name "
                           "*.site.test; ssl_certificate %s; ssl_certificate_key %s; return 200 'ok'; }"
                           % (paths["chain"], paths["key"]))
    nginx.start()
    relay = DelayRelay(nginx.port, latency)
    try:
        targets = [{"host": "web", "subject": "https://s%d.site.test/" % i, "server_name": "s%d.site.test" % i,
                    "address": "127.0.0.1:%d" % relay.port, "thresholds": [30, 14, 7], "ca_file": pki.ca_path}
                   for i in range(sites)]
        start = time.perf_counter()
        result = tls_certs.check(targets, timeout=10, max_workers=16)
        concurrent = time.perf_counter() - start
        ok = sum(1 for f in result["findings"] if f["status"] == "ok")
        start = time.perf_counter()
        for target in targets:
            tls_certs.check([target], timeout=10, max_workers=1)
        serial = time.perf_counter() - start
    finally:
        relay.stop()
        nginx.stop()
        shutil.rmtree(work, ignore_errors=True)
    return {"sites": sites, "latency_s": latency, "concurrent_s": round(concurrent, 3), "serial_s": round(serial, 3),
            "speedup": round(serial / concurrent, 1), "ok": ok}


def bench_domains(count, latency):
    data = tempfile.mkdtemp(prefix="bench-rdap-")
    with open(os.path.join(REPO, "tests", "data", "renewals", "rdap", "ok.test.json"), encoding="utf-8") as h:
        template = h.read()
    shutil.copy(os.path.join(REPO, "tests", "data", "renewals", "rdap", "bootstrap.json"), data)
    names = ["d%d.test" % i for i in range(count)]
    for name in names:
        with open(os.path.join(data, name + ".json"), "w", encoding="utf-8") as handle:
            handle.write(template.replace("ok.test", name))
    peer = start_peer("rdap_server", "--data", data, "--delay", str(latency))
    try:
        options = {"rdap_bootstrap_url": peer.url + "dns.json", "use_whois": False,
                   "cache_path": os.path.join(data, "cache.json")}
        start = time.perf_counter()
        result = domain_expiry.check(names, max_workers=8, **options)
        concurrent = time.perf_counter() - start
        good = sum(1 for d in result["domains"] if d["source"] == "rdap")
        start = time.perf_counter()
        domain_expiry.check(names, max_workers=1, **options)
        serial = time.perf_counter() - start
    finally:
        peer.stop()
        shutil.rmtree(data, ignore_errors=True)
    return {"domains": count, "latency_s": latency, "concurrent_s": round(concurrent, 3), "serial_s": round(serial, 3),
            "speedup": round(serial / concurrent, 1), "found": good}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, default=200)
    parser.add_argument("--domains", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.1)
    args = parser.parse_args()
    out = {"whois_parser": bench_whois()}
    print("WHOIS parser: %(answers)d answers in %(seconds)s s (%(per_second)d/s); expiry %(expires_correct)d/"
          "%(expires_scored)d correct" % out["whois_parser"])
    out["tls"] = bench_tls(args.sites, args.latency)
    print("TLS: %(sites)d sites concurrent %(concurrent_s)s s, serial %(serial_s)s s (x%(speedup)s), %(ok)d ok"
          % out["tls"])
    out["rdap"] = bench_domains(args.domains, args.latency)
    print("RDAP: %(domains)d domains concurrent %(concurrent_s)s s, serial %(serial_s)s s (x%(speedup)s), "
          "%(found)d found" % out["rdap"])
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
