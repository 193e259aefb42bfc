"""The hostile review's blocking attack (issue 15), end to end on a real nginx: requests through a
trusted proxy whose X-Forwarded-For carries IPv6 zone-id injections and IPv4-mapped addresses, then the
audit playbook with nginx blocking. The include holds canonical addresses only, the real nginx accepts
it, the allowlisted IPv4 address is not blocked in its mapped form, and a second run changes nothing."""

import http.client
import os
import re
import subprocess
import time

import pytest
import yaml

pytestmark = pytest.mark.integration

SERVERS = """
log_format sk_xff '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
                  '"$http_referer" "$http_user_agent" "$http_x_forwarded_for"';
server {
    listen 127.0.0.1:{port};
    root {dir}/site;
    access_log {dir}/xff.log sk_xff;
    include {dir}/deny*.conf;
    location / { try_files $uri $uri/ =404; }
}
"""
LOG_FORMAT = ('$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" '
              '"$http_user_agent" "$http_x_forwarded_for"')
HOSTILE = ["fe80::1%x;deny all", "fe80::1%a; return 503", "2001:db8::1%zz } } flush ruleset; table inet x {"]
MAPPED = ["::ffff:198.51.100.50", "::ffff:203.0.113.70", "2001:DB8:0:0::66"]
ATTACKS = ["/berita?id=1%27%20UNION%20SELECT%20user,pass%20FROM%20users--", "/unduh?file=../../../../etc/passwd",
           "/.env", "/.git/config"]


def request(port, path, xff):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path, headers={"User-Agent": "sqlmap/1.7.2#stable (https://sqlmap.org)",
                                           "X-Forwarded-For": xff})
        return conn.getresponse().status
    finally:
        conn.close()


def test_zone_id_injection_through_x_forwarded_for_never_reaches_nginx(nginx_factory, tmp_path, data_dir,
                                                                       playbook_runner):
    server = nginx_factory(SERVERS)
    os.makedirs(os.path.join(server.dir, "site"), exist_ok=True)
    for xff in HOSTILE + MAPPED:
        for path in ATTACKS:
            request(server.port, path, xff)
    time.sleep(0.2)  # nginx writes its log line after the response
    deny = os.path.join(server.dir, "deny.conf")
    inv = tmp_path / "hosts.yml"
    inv.write_text(yaml.safe_dump({"all": {
        "hosts": {"localhost": {"ansible_connection": "local",
                                "ansible_python_interpreter": "{{ ansible_playbook_python }}"}},
        "children": {"webservers": {"hosts": {"localhost": {}}}},
        "vars": {
            "sitekeeper_sites": [{"name": "pn-test", "url": server.url, "access_logs": [server.dir + "/xff.log"],
                                  "access_log_format": LOG_FORMAT}],
            "log_audit_state_dir": str(tmp_path / "audit-state"),
            "log_audit_trusted_proxies": ["127.0.0.1"],
            "log_audit_allowlist": ["198.51.100.50"],
            "log_audit_block_enabled": True,
            "log_audit_block_nginx_include": deny,
            "log_audit_block_nginx_test_command": server.command("-t"),
            "log_audit_block_nginx_reload_command": server.command("-s", "reload"),
        }}}))
    first = playbook_runner("playbooks/audit.yml", str(inv), data_dir=data_dir)
    assert first.rc == 0, first.stdout.read()
    facts = [e["event_data"]["res"]["ansible_facts"] for e in first.events if e.get("event") == "runner_on_ok"
             and "log_audit_block_result" in (e["event_data"].get("res", {}).get("ansible_facts") or {})]
    result = facts[0]["log_audit_block_result"]
    assert result["added"] == ["2001:db8::66", "203.0.113.70"]
    assert result["checks"]["nginx"] == "passed" and result["checks"]["nginx_config"] == "passed"
    lines = [line for line in open(deny).read().splitlines() if not line.startswith("#")]
    assert [re.fullmatch(r"deny ([0-9a-f:.]+);  # until \S+", line).group(1) for line in lines] == \
        ["2001:db8::66", "203.0.113.70"]
    test = subprocess.run(server.command("-t"), capture_output=True, text=True)
    assert test.returncode == 0, test.stderr
    again = playbook_runner("playbooks/audit.yml", str(inv), data_dir=data_dir)
    assert again.rc == 0
    facts = [e["event_data"]["res"]["ansible_facts"] for e in again.events if e.get("event") == "runner_on_ok"
             and "log_audit_block_result" in (e["event_data"].get("res", {}).get("ansible_facts") or {})]
    assert facts[0]["log_audit_block_result"]["files_changed"] == []
