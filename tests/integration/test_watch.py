"""playbooks/watch.yml end to end against real nginx servers on loopback, through
ansible-runner as the CLI and AWX run it: a site stopped for two watches gives one "down"
alert, started again one "recovered" alert with the outage's duration; ten sites of one
host going down together give one grouped message; a webhook recipient's token never
appears in the run's output."""

from __future__ import annotations

import email
import email.policy
import json
import sys

import pytest
import yaml

from ansible_collections.sitekeeper.website.plugins.module_utils.core.history_alerts import AlertBook
from tests.peers.alert_receivers import Receiver

pytestmark = pytest.mark.integration

TOKEN = "wa-gateway-secret-token-0123456789"


def outbox(data_dir) -> list:
    """(subject, body) of every message in the outbox, oldest first."""
    found = []
    for path in sorted((data_dir / "outbox").glob("*.eml")):
        mail = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        found.append((str(mail["Subject"]), mail.get_content()))
    return found


@pytest.fixture
def hook():
    server = Receiver().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def web(tmp_path, nginx_factory):
    """Two web hosts' nginx: 'pn' (one court site) and 'shared' (ten sites under one server)."""
    tmp_path.chmod(0o755)
    root = tmp_path / "site"
    root.mkdir()
    root.chmod(0o755)
    (root / "index.html").write_text("<html><body><h1>Pengadilan Negeri Contoh</h1></body></html>")
    (root / "index.html").chmod(0o644)
    server = "server { listen 127.0.0.1:{port}; root %s; location / { try_files /index.html =404; } }" % root
    return {"pn": nginx_factory(server), "shared": nginx_factory(server)}


def inventory(tmp_path, web, hook) -> str:
    local = {"ansible_connection": "local", "ansible_python_interpreter": sys.executable}
    shared = ["%ss%d/" % (web["shared"].url, i) for i in range(10)]
    data = {"all": {
        "vars": {"alerts_recipients": {"box": "outbox://", "gateway": "json://127.0.0.1:%d/%s" % (hook.port, TOKEN)},
                 "alerts_routes": [{"name": "all", "to": ["box", "gateway"]}],
                 "alerts_language": "en", "alerts_watch_attempts": 1, "alerts_watch_timeout": 5,
                 "alerts_retries": 1, "alerts_watch_check_cloaking": False},
        "children": {"webservers": {"hosts": {
            "web1": dict(local, sitekeeper_sites=[{"name": "pn", "url": web["pn"].url}]),
            "web2": dict(local, sitekeeper_sites=[{"name": "s%d" % i, "url": u} for i, u in enumerate(shared)]),
        }}}}}
    path = tmp_path / "hosts.yml"
    path.write_text(yaml.safe_dump(data))
    return str(path)


def watch(playbook_runner, hosts, data_dir):
    runner = playbook_runner("playbooks/watch.yml", hosts, data_dir=data_dir)
    text = runner.stdout.read()
    assert runner.status == "successful", text[-3000:]
    assert TOKEN not in text and TOKEN not in json.dumps(list(runner.events))
    return runner


def test_a_stopped_site_alerts_once_after_two_watches_and_recovers_once(tmp_path, web, hook, playbook_runner,
                                                                         data_dir):
    hosts = inventory(tmp_path, web, hook)
    watch(playbook_runner, hosts, data_dir)
    assert outbox(data_dir) == []  # all up: nothing to say
    web["pn"].stop()
    watch(playbook_runner, hosts, data_dir)
    assert outbox(data_dir) == []  # one failed look is not an outage yet
    watch(playbook_runner, hosts, data_dir)
    sent = outbox(data_dir)
    assert [s for s, _b in sent] == ["[CRITICAL] Website down: %s" % web["pn"].url]
    watch(playbook_runner, hosts, data_dir)
    assert len(outbox(data_dir)) == 1  # still down: no repeat
    web["pn"].start()
    watch(playbook_runner, hosts, data_dir)
    sent = outbox(data_dir)
    assert [s for s, _b in sent][1:] == ["[RECOVERED] Website back up: %s" % web["pn"].url]
    assert "The problem (website down) lasted" in sent[1][1]
    assert [r["json"]["title"] for r in hook.requests] == [s for s, _b in sent]
    with AlertBook(str(data_dir / "history.sqlite")) as book:
        outages = book.outages("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z")
    assert [(o["subject"], o["ended_at"] is not None) for o in outages] == [(web["pn"].url, True)]


def test_ten_sites_of_one_host_down_together_are_one_message(tmp_path, web, hook, playbook_runner, data_dir):
    hosts = inventory(tmp_path, web, hook)
    watch(playbook_runner, hosts, data_dir)
    web["shared"].stop()
    watch(playbook_runner, hosts, data_dir)
    watch(playbook_runner, hosts, data_dir)
    ((subject, body),) = outbox(data_dir)
    assert subject == "[CRITICAL] Website down: 10 sites (web2)"
    assert all("%ss%d/" % (web["shared"].url, i) in body for i in range(10))
    assert "Likely common cause: the host web2 itself" in body
    assert web["pn"].url not in body
