"""Alert delivery through Apprise to real receivers on loopback: a JSON and a form webhook,
an SMTP server (aiosmtpd with STARTTLS and AUTH), and a server speaking the Telegram Bot API's
sendMessage shape. Retries against a receiver that fails first, and a renewal memo attached."""

import datetime
import email
import email.policy

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.alerts.run import run_alerts
from tests.peers.alert_receivers import Receiver

pytestmark = pytest.mark.integration

NOW = datetime.datetime(2026, 12, 4, 1, 0, tzinfo=datetime.timezone.utc)
URL = "http://pn-contoh.example/"


def defaced():
    return {"activity": 1, "check": "integrity.defacement", "host": "web1", "subject": URL, "status": "critical",
            "summary": "The website %s shows a hacker's marker: 'hacked by'." % URL,
            "details": {"summary_id": "Situs %s menampilkan tanda peretas: 'hacked by'." % URL},
            "evidence": [], "suggested_actions": [], "observed_at": "2026-12-04T01:00:00Z"}


@pytest.fixture
def receiver():
    made = []

    def start(**kw):
        server = Receiver(**kw).start()
        made.append(server)
        return server

    yield start
    for server in made:
        server.stop()


def send(tmp_path, recipients, findings=None, **settings):
    base = {"recipients": recipients, "routes": [{"name": "it", "to": sorted(recipients)}], "language": "en",
            "retry_backoff": 0.05, "timeout": 10}
    base.update(settings)
    return run_alerts(findings or [defaced()], base, str(tmp_path / "history.sqlite"), now=NOW)


def test_json_and_form_webhooks_receive_the_alert(tmp_path, receiver):
    hook = receiver()
    result = send(tmp_path, {"json": "json://127.0.0.1:%d/alerts" % hook.port,
                             "form": "form://127.0.0.1:%d/wa-gateway" % hook.port})
    assert result["sent"] == 2 and not result["failed"]
    by_path = {r["path"]: r for r in hook.requests}
    assert set(by_path) == {"/alerts", "/wa-gateway"}
    posted = by_path["/alerts"]["json"]
    assert posted["title"] == "[CRITICAL] Website defaced: %s" % URL
    assert "hacker's marker" in posted["message"] and posted["type"] == "failure"
    form = by_path["/wa-gateway"]["form"]
    assert form["title"] == posted["title"] and "hacker's marker" in form["message"]


def test_mailto_reaches_an_smtp_server_over_starttls_with_a_login(tmp_path, smtp_server, monkeypatch):
    # The test server's certificate is from the test CA: trust it as a court would trust its own.
    monkeypatch.setenv("SSL_CERT_FILE", smtp_server.ca_path)
    before = len(smtp_server.messages)
    url = ("mailtos://%s:%s@localhost:%d?mode=starttls&from=alerts@pn-contoh.example&to=it@pn-contoh.example"
           % (smtp_server.USER, smtp_server.PASSWORD, smtp_server.port))
    result = send(tmp_path, {"mail": url})
    assert result["sent"] == 1, result["failed"]
    assert smtp_server.PASSWORD not in repr(result)
    (got,) = smtp_server.messages[before:]
    assert got["authenticated"] and got["to"] == ["it@pn-contoh.example"]
    mail = email.message_from_bytes(got["data"], policy=email.policy.default)
    assert mail["Subject"] == "[CRITICAL] Website defaced: %s" % URL


def test_the_renewal_memo_is_mailed_as_an_attachment(tmp_path, smtp_server, monkeypatch):
    monkeypatch.setenv("SSL_CERT_FILE", smtp_server.ca_path)
    memo = tmp_path / "hosting-utama-2026-12-04.html"
    memo.write_text("<h1>Memo perpanjangan hosting</h1>")
    renewal = {"activity": 4, "check": "renewals.contract", "host": "web1", "subject": "contract:hosting-utama",
               "status": "warning", "summary": "Hosting ends in 20 days.", "evidence": [], "suggested_actions": [],
               "details": {"memo_files": [str(memo)], "memo_reminder": 1}, "observed_at": "2026-12-04T01:00:00Z"}
    before = len(smtp_server.messages)
    url = ("mailtos://%s:%s@localhost:%d?mode=starttls&from=alerts@pn-contoh.example&to=sekretaris@pn-contoh.example"
           % (smtp_server.USER, smtp_server.PASSWORD, smtp_server.port))
    result = send(tmp_path, {"sekretaris": url}, findings=[renewal], queue_digest=False,
                  routes=[{"name": "renewals", "to": ["sekretaris"], "activities": [4], "kinds": ["memo"]}])
    assert result["sent"] == 1, result["failed"]
    (got,) = smtp_server.messages[before:]
    mail = email.message_from_bytes(got["data"], policy=email.policy.default)
    names = [part.get_filename() for part in mail.iter_attachments()]
    assert names == ["hosting-utama-2026-12-04.html"]


def test_telegram_style_delivery_to_a_bot_api_server(tmp_path, receiver):
    bot = receiver(telegram=True)
    token = "123456789:AAHsitekeeperTestTokenValue0123456"
    recipients = {"it_team": {"url": "tgram://%s/-1001234567890" % token, "api_url": bot.url + "/bot"}}
    result = send(tmp_path, recipients)
    assert result["sent"] == 1, result["failed"]
    (request,) = [r for r in bot.requests if r["path"].endswith("/sendMessage")]
    assert request["path"] == "/bot%s/sendMessage" % token
    assert str(request["json"]["chat_id"]) == "-1001234567890"
    assert "Website defaced" in request["json"]["text"]
    assert token not in repr(result)


def test_a_receiver_failing_twice_gets_the_alert_on_the_third_attempt(tmp_path, receiver):
    hook = receiver(fail_first=2)
    result = send(tmp_path, {"json": "json://127.0.0.1:%d/alerts" % hook.port}, retries=3)
    assert result["sent"] == 1 and not result["failed"]
    (delivery,) = result["messages"][0]["deliveries"]
    assert delivery["attempts"] == 3 and len(hook.requests) == 3


def test_a_receiver_that_keeps_failing_is_reported_and_the_outbox_still_gets_it(tmp_path, receiver):
    hook = receiver(fail_first=100)
    result = send(tmp_path, {"json": "json://127.0.0.1:%d/alerts" % hook.port, "box": "outbox://"},
                  retries=2, outbox_dir=str(tmp_path / "outbox"))
    assert result["sent"] == 1 and len(result["failed"]) == 1
    assert result["failed"][0]["attempts"] == 2 and "500" in result["failed"][0]["error"]
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
