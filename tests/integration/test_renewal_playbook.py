"""playbooks/renewals.yml end to end through ansible-runner: RDAP/WHOIS peers, a real nginx
serving HTTPS, the contract register (due, renewed-but-not-moved, renewed for real, a mistake),
memos, history metrics, idempotence and check mode."""

import datetime
import os
import sqlite3

import pytest
import yaml

from tests.harness.fixtures import published_findings
from tests.peers import fixtures as _peers

# The loopback RDAP and WHOIS peers (module-scoped pytest fixtures). The RDAP peer's day is fixed
# and the playbook is given the same day (renewals_today), so a run crossing midnight (UTC) between
# writing the register and evaluating it sees the same days left and memo names.
rdap_peer_today = _peers.rdap_peer_today
whois_peer = _peers.whois_peer

pytestmark = pytest.mark.integration


def _day(today, offset):
    return (today + datetime.timedelta(days=offset)).isoformat()


@pytest.fixture(scope="module")
def https_site(pki, tmp_path_factory):
    import tempfile

    from tests.harness import services

    paths = pki.issue("valid.test", sans=["valid.test"], days=200)
    directory = tempfile.mkdtemp(prefix="nginx-renewals-", dir=str(tmp_path_factory.getbasetemp()))
    os.chmod(directory, 0o755)
    server = services.Nginx(directory, "server { listen 127.0.0.1:{port} ssl; server_name valid.test; "
                                       "ssl_certificate %s; ssl_certificate_key %s; return 200 'ok'; }"
                            % (paths["chain"], paths["key"])).start()
    yield server
    server.stop()


@pytest.fixture
def inventory(tmp_path, rdap_peer_today, whois_peer, https_site, pki):
    today = rdap_peer_today.today
    site = {"name": "valid", "url": "https://valid.test:%d/" % https_site.port, "docroot": str(tmp_path),
            "access_logs": [], "tls_address": "127.0.0.1:%d" % https_site.port, "tls_ca_file": pki.ca_path,
            "domain": "ok.test", "domain_nameservers": ["ns1.ok.test", "ns2.ok.test"]}
    contracts = [
        {"id": "hosting-utama", "kind": "hosting", "provider": "PT Hosting <b>Contoh</b>",
         "start": _day(today, -345), "end": _day(today, 20), "notice_days": 30, "cost": 3500000, "status": "active"},
        # The register says renewed, but RDAP still shows the old date: not really renewed.
        {"id": "domain-ok", "kind": "domain", "provider": "Registrar", "start": _day(today, -365),
         "end": _day(today, 400), "notice_days": 60, "subject": "ok.test", "status": "renewed", "invoice": {"number": "INV-7"},
         "new_end": _day(today, 765)},
        # Renewed for real: the certificate served now ends after the old end date.
        {"id": "tls-valid", "kind": "certificate", "provider": "Test CA", "start": _day(today, -300),
         "end": _day(today, 10), "notice_days": 14, "subject": site["url"], "status": "renewed", "invoice": {"number": "INV-8"},
         "new_end": _day(today, 200)},
        {"id": "broken", "kind": "hosting", "provider": "X", "start": "2026-01-01", "end": "soon"},
    ]
    data = {"all": {"hosts": {"localhost": {
        "ansible_connection": "local", "ansible_python_interpreter": os.path.join(
            os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), ".venv", "bin", "python"),
        "sitekeeper_sites": [site]}},
        "vars": {"sitekeeper_data_dir": str(tmp_path / "data"), "sitekeeper_history_path": str(tmp_path / "data" /
                                                                                               "history.sqlite"),
                 "sitekeeper_court_name": "PN Uji", "sitekeeper_language": "id", "sitekeeper_run_id": "",
                 "renewals_rdap_bootstrap_url": rdap_peer_today.url + "dns.json", "renewals_whois_server":
                 whois_peer.address, "renewals_lookup_timeout": 5, "renewals_tls_timeout": 5,
                 "renewals_contracts": contracts,
                 # A date object: written unquoted, so Ansible reads it as a date, not a string.
                 "renewals_today": today},
        "children": {"webservers": {"hosts": {"localhost": {}}}}}}
    path = tmp_path / "hosts.yml"
    path.write_text(yaml.safe_dump(data))
    return path


def _task_changed(runner, name):
    for event in runner.events:
        if event.get("event") in ("runner_on_ok",) and name in event["event_data"].get("task", ""):
            return event["event_data"]["res"].get("changed")
    raise AssertionError("task %r did not run" % name)


def test_renewals_playbook(playbook_runner, inventory, tmp_path, rdap_peer_today):
    runner = playbook_runner("playbooks/renewals.yml", str(inventory), data_dir=tmp_path / "data")
    assert runner.rc == 0, runner.stdout.read()[-3000:]
    found = {(f["check"], f["subject"]): f for f in published_findings(runner)}
    assert found[("renewals.domain_expiry", "ok.test")]["status"] == "ok"
    assert found[("renewals.domain_nameservers", "ok.test")]["status"] == "ok"
    site_url = [s for s in found if s[0] == "renewals.tls_certificate"][0][1]
    assert found[("renewals.tls_certificate", site_url)]["status"] == "ok"
    assert found[("renewals.contract", "contract:hosting-utama")]["status"] == "warning"
    assert found[("renewals.contract", "contract:domain-ok")]["status"] == "critical"
    assert found[("renewals.contract", "contract:domain-ok")]["details"]["effective_status"] == "not_renewed"
    assert found[("renewals.contract", "contract:tls-valid")]["status"] == "ok"
    broken = found[("renewals.contract_register", "contract:broken")]
    assert broken["status"] == "unknown" and "field 'end'" in broken["summary"]
    memos = sorted(os.listdir(tmp_path / "data" / "memos"))
    today = rdap_peer_today.today.isoformat()
    assert "hosting-utama-%s.html" % today in memos and "domain-ok-%s.md" % today in memos
    assert "reminders.json" in memos
    html = (tmp_path / "data" / "memos" / ("hosting-utama-%s.html" % today)).read_text()
    assert "PT Hosting &lt;b&gt;Contoh&lt;/b&gt;" in html and "Yth. Sekretaris PN Uji" in html
    with sqlite3.connect(str(tmp_path / "data" / "history.sqlite")) as db:
        rows = dict(db.execute("SELECT subject, value FROM metrics WHERE activity = 4 AND name = 'expires_days_left'"))
    assert rows["ok.test"] == 400 and rows["contract:hosting-utama"] == 20
    assert 198 <= rows[site_url] <= 200
    # A second run the same day writes nothing new.
    again = playbook_runner("playbooks/renewals.yml", str(inventory), data_dir=tmp_path / "data")
    assert again.rc == 0
    assert _task_changed(again, "Evaluate the contract register") is False


def test_renewals_as_of_a_later_day(playbook_runner, inventory, tmp_path, rdap_peer_today):
    later = _day(rdap_peer_today.today, 15)
    runner = playbook_runner("playbooks/renewals.yml", str(inventory), extravars={"renewals_today": later},
                             data_dir=tmp_path / "data")
    assert runner.rc == 0, runner.stdout.read()[-3000:]
    found = {(f["check"], f["subject"]): f for f in published_findings(runner)}
    assert found[("renewals.contract", "contract:hosting-utama")]["status"] == "critical"
    assert "hosting-utama-%s.html" % later in os.listdir(tmp_path / "data" / "memos")
    with sqlite3.connect(str(tmp_path / "data" / "history.sqlite")) as db:
        rows = dict(db.execute("SELECT subject, value FROM metrics WHERE activity = 4 AND name = 'expires_days_left'"))
    assert rows["ok.test"] == 385 and rows["contract:hosting-utama"] == 5


def test_renewals_check_mode_writes_no_memo(playbook_runner, inventory, tmp_path):
    runner = playbook_runner("playbooks/renewals.yml", str(inventory), data_dir=tmp_path / "data", check=True)
    assert runner.rc == 0, runner.stdout.read()[-3000:]
    assert not (tmp_path / "data" / "memos").exists()
    assert _task_changed(runner, "Evaluate the contract register") is True


def test_certbot_renewal_dry_run_in_check_mode(playbook_runner, inventory, tmp_path):
    log = tmp_path / "certbot-args.log"
    fake = tmp_path / "certbot"
    # A stand-in for certbot: records its arguments and answers as certbot does.
    fake.write_text("#!/bin/sh\necho \"$@\" >> %s\n"
                    "case \"$*\" in *--dry-run*) echo 'The dry run was successful.';;\n"
                    "*) echo 'Congratulations, all renewals succeeded:';; esac\n" % log)
    fake.chmod(0o755)
    extravars = {"renewals_certbot_enabled": True, "renewals_certbot_command": str(fake),
                 "renewals_certbot_cert_names": ["pn-contoh"]}
    dry = playbook_runner("playbooks/renewals.yml", str(inventory), extravars=extravars,
                          data_dir=tmp_path / "data", check=True, tags="certbot")
    assert dry.rc == 0, dry.stdout.read()[-3000:]
    assert log.read_text().splitlines() == [
        "renew --non-interactive --no-random-sleep-on-renew --dry-run --cert-name pn-contoh"]
    assert _task_changed(dry, "Renew the listed certificates") is False
    real = playbook_runner("playbooks/renewals.yml", str(inventory), extravars=extravars,
                           data_dir=tmp_path / "data", tags="certbot")
    assert real.rc == 0
    assert log.read_text().splitlines()[-1] == "renew --non-interactive --no-random-sleep-on-renew --cert-name pn-contoh"
    assert _task_changed(real, "Renew the listed certificates") is True
    # Only the certbot tag ran: no memo was written.
    assert not (tmp_path / "data" / "memos").exists()
