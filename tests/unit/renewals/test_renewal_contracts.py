"""The contract register: validation, the status cycle against live expiry dates, memos, reminders."""

import datetime
import json
import os

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.renewals import contracts, memo

TODAY = datetime.date(2026, 11, 27)


def hosting(**over):
    service = {"id": "hosting-utama", "name": "Hosting website utama", "kind": "hosting",
               "provider": "PT Hosting Contoh", "contact": {"name": "Budi", "email": "budi@hosting.example"},
               "start": "2025-12-17", "end": "2026-12-17", "notice_days": 30, "renewal_months": 12,
               "cost": 3500000, "currency": "IDR", "status": "active"}
    service.update(over)
    return service


def domain(**over):
    service = {"id": "domain-pn", "name": "pn-contoh.go.id", "kind": "domain", "provider": "PANDI",
               "start": "2026-01-10", "end": "2027-01-10", "notice_days": 60, "cost": 50000,
               "subject": "pn-contoh.go.id", "status": "active"}
    service.update(over)
    return service


def live(expires):
    return [{"name": "pn-contoh.go.id", "expires": expires, "source": "rdap"}]


def finding(result, sid):
    return [f for f in result["findings"] if f["subject"] == "contract:%s" % sid and f["check"] == "renewals.contract"][0]


def test_active_inside_notice_period_is_due():
    result = contracts.evaluate([hosting()], TODAY)
    f = finding(result, "hosting-utama")
    assert f["status"] == "warning"
    assert f["details"]["effective_status"] == "due"
    assert f["details"]["days_left"] == 20
    assert f["suggested_actions"][0]["text_id"].startswith("Siapkan permohonan")
    assert result["services"][0]["memo_needed"] is True
    assert result["metrics"] == [{"activity": 4, "host": "localhost", "subject": "contract:hosting-utama",
                                  "name": "expires_days_left", "value": 20}]


def test_outside_notice_period_is_ok():
    result = contracts.evaluate([hosting(end="2027-06-30")], TODAY)
    assert finding(result, "hosting-utama")["status"] == "ok"
    assert result["services"][0]["memo_needed"] is False


def test_full_cycle_domain_with_live_check():
    invoice = {"number": "INV/2026/11/0042", "date": "2026-11-20", "file": "/srv/invoices/inv-0042.pdf"}
    steps = [
        ("active", {}, "2027-01-10", "warning", "due"),
        ("requested", {"invoice": invoice}, "2027-01-10", "warning", "requested"),
        ("approved", {"invoice": invoice, "approved_on": "2026-11-25"}, "2027-01-10", "warning", "approved"),
        ("paid", {"invoice": invoice, "paid_on": "2026-11-26"}, "2027-01-10", "warning", "paid"),
        ("renewed", {"invoice": invoice, "new_end": "2027-12-10"}, "2027-12-10", "ok", "renewed"),
    ]
    for status, extra, live_expiry, want_status, want_effective in steps:
        result = contracts.evaluate([domain(status=status, **extra)], TODAY, domains=live(live_expiry))
        f = finding(result, "domain-pn")
        assert (f["status"], f["details"]["effective_status"]) == (want_status, want_effective), status
    assert f["details"]["live_expiry"] == "2027-12-10"


def test_renewed_but_live_expiry_unchanged_is_critical():
    result = contracts.evaluate([domain(status="renewed", invoice={"number": "INV-1"}, new_end="2027-12-10")],
                                TODAY, domains=live("2027-01-10"))
    f = finding(result, "domain-pn")
    assert f["status"] == "critical"
    assert f["details"]["effective_status"] == "not_renewed"
    assert "not really renewed" in f["summary"]
    assert result["services"][0]["memo_needed"] is True


def test_renewed_without_live_data_is_unknown_and_certificates_use_tls_results():
    result = contracts.evaluate([domain(status="renewed", invoice={"number": "INV-1"}, new_end="2027-12-10")], TODAY)
    assert finding(result, "domain-pn")["status"] == "unknown"
    cert = {"id": "tls-pn", "kind": "certificate", "provider": "Let's Encrypt", "start": "2026-09-01",
            "end": "2026-11-30", "notice_days": 14, "subject": "https://pn-contoh.go.id/", "status": "renewed",
            "invoice": {"number": "-"}, "new_end": "2027-02-28"}
    certs = [{"subject": "https://pn-contoh.go.id/", "not_after": "2027-02-28T10:00:00Z"}]
    result = contracts.evaluate([cert], TODAY, certificates=certs)
    assert finding(result, "tls-pn")["status"] == "ok"
    certs = [{"subject": "https://pn-contoh.go.id/", "not_after": "2026-11-30T10:00:00Z"}]
    assert finding(contracts.evaluate([cert], TODAY, certificates=certs), "tls-pn")["status"] == "critical"


def test_provider_renewed_before_register_updated():
    result = contracts.evaluate([domain(status="paid", invoice={"number": "INV-1"})], TODAY,
                                domains=live("2027-12-10"))
    f = finding(result, "domain-pn")
    assert f["details"]["effective_status"] == "renewed_unrecorded"
    assert f["status"] == "ok"


def test_expired_and_near_end_without_request_are_critical():
    result = contracts.evaluate([hosting(end="2026-11-20"), hosting(id="conn", kind="connection",
                                                                   end="2026-12-01")], TODAY)
    assert finding(result, "hosting-utama")["status"] == "critical"
    assert "ended 7 day(s) ago" in finding(result, "hosting-utama")["summary"]
    assert finding(result, "conn")["status"] == "critical"
    assert finding(result, "conn")["details"]["problem"].startswith("the end date is near")


def test_malformed_register_names_service_and_field():
    register = [
        hosting(),
        hosting(id="bad-dates", end="31/12/2026"),
        hosting(id="bad-kind", kind="vps", cost="Rp 3.500.000"),
        hosting(id="hosting-utama"),
        domain(id="no-subject", subject=None),
        hosting(id="no-invoice", status="approved"),
        hosting(id="renewed-no-date", status="renewed", invoice={"number": "X"}),
        "just text",
    ]
    result = contracts.evaluate(register, TODAY)
    errors = result["errors"]
    assert "service bad-dates: field 'end' must be a date like 2026-12-31 (got '31/12/2026')" in errors
    assert any(e.startswith("service bad-kind: field 'kind' must be one of") for e in errors)
    assert any(e.startswith("service bad-kind: field 'cost'") for e in errors)
    assert "service hosting-utama: field 'id' is used by two services" in errors
    assert any(e.startswith("service no-subject: field 'subject' is needed") for e in errors)
    assert any(e.startswith("service no-invoice: field 'invoice.number'") for e in errors)
    assert any(e.startswith("service renewed-no-date: field 'new_end'") for e in errors)
    assert any(e.startswith("renewals_contracts[7]: must be a mapping") for e in errors)
    # The valid service is still evaluated; each mistake is its own finding.
    assert finding(result, "hosting-utama")["check"] == "renewals.contract"
    register_findings = [f for f in result["findings"] if f["check"] == "renewals.contract_register"]
    assert len(register_findings) == len(errors)
    assert all(f["status"] == "unknown" for f in register_findings)
    assert contracts.evaluate("not a list", TODAY)["errors"] == ["renewals_contracts must be a list of services"]


def test_money_formats():
    assert contracts.money(3500000, "IDR", "id") == "Rp 3.500.000"
    assert contracts.money(3500000, "IDR", "en") == "IDR 3,500,000"
    assert contracts.money(12.5, "USD", "id") == "USD 12,50"


def _due_services(**over):
    return contracts.evaluate([hosting(**over)], TODAY)["services"]


def test_memo_written_in_both_formats_and_languages(tmp_path):
    services = _due_services(invoice={"number": "INV/2026/11/0042", "file": "inv.pdf"})
    result = memo.write_memos(services, str(tmp_path), TODAY, "Pengadilan Negeri Contoh")
    assert result["changed"] is True
    files = result["memos"][0]["files"]
    assert [os.path.basename(f) for f in files] == ["hosting-utama-2026-11-27.html", "hosting-utama-2026-11-27.md"]
    html = open(files[0], encoding="utf-8").read()
    assert "Yth. Sekretaris Pengadilan Negeri Contoh" in html
    assert "Rp 3.500.000" in html and "INV/2026/11/0042" in html and "akan berakhir dalam 20 hari" in html
    findings = contracts.evaluate([hosting()], TODAY)["findings"]
    memo.attach_memos(findings, result["memos"])
    assert findings[0]["details"]["memo_files"] == files
    assert findings[0]["suggested_actions"][0]["text"].endswith("Memo: %s" % files[0])
    md = open(files[1], encoding="utf-8").read()
    assert md.startswith("# Memo Permohonan Persetujuan Perpanjangan Layanan")
    english = memo.write_memos(services, str(tmp_path / "en"), TODAY, "District Court", language="en")
    text = open(english["memos"][0]["files"][0], encoding="utf-8").read()
    assert "Request for Approval to Renew a Service" in text and "IDR 3,500,000" in text


def test_memo_escapes_what_the_inventory_says(tmp_path):
    evil = "<script>alert(1)</script> | [x](javascript:alert(1))"
    services = _due_services(name=evil, provider="<img src=x onerror=alert(1)>")
    result = memo.write_memos(services, str(tmp_path), TODAY, "<b>Court</b>")
    html = open(result["memos"][0]["files"][0], encoding="utf-8").read()
    md = open(result["memos"][0]["files"][1], encoding="utf-8").read()
    assert "<script>" not in html and "<img" not in html and "<b>Court" not in html
    assert "&lt;script&gt;" in html
    assert "<script>" not in md and "<img" not in md
    assert "[x](javascript" not in md and "\\[x\\](javascript" in md  # no link can form
    assert "\\|" in md  # a pipe cannot break the table


def test_reminders_repeat_at_the_interval_until_renewed(tmp_path):
    services = _due_services()
    first = memo.write_memos(services, str(tmp_path), TODAY, "PN", interval_days=7)
    assert first["memos"][0]["reminder"] == 1
    again = memo.write_memos(services, str(tmp_path), TODAY + datetime.timedelta(days=3), "PN", interval_days=7)
    assert again["changed"] is False and again["memos"][0]["reminder"] == 1
    later = memo.write_memos(services, str(tmp_path), TODAY + datetime.timedelta(days=7), "PN", interval_days=7)
    assert later["changed"] is True and later["memos"][0]["reminder"] == 2
    html = open(later["memos"][0]["files"][0], encoding="utf-8").read()
    assert "Pengingat ke-2" in html
    renewed = contracts.evaluate([hosting(status="renewed", invoice={"number": "X"}, new_end="2027-12-17")],
                                 TODAY)["services"]
    done = memo.write_memos(renewed, str(tmp_path), TODAY + datetime.timedelta(days=14), "PN", interval_days=7)
    assert done["memos"] == []
    state = json.loads(open(os.path.join(str(tmp_path), "reminders.json")).read())
    assert state == {}


def test_check_mode_writes_nothing(tmp_path):
    target = tmp_path / "memos"
    result = memo.write_memos(_due_services(), str(target), TODAY, "PN", check_mode=True)
    assert result["changed"] is True
    assert not target.exists()


def test_register_examples_in_docs_are_valid():
    """The demo and example inventories' registers must validate."""
    import yaml

    here = os.path.dirname(os.path.abspath(__file__))
    for inv in ("example",):  # the demo uses dates relative to today (Jinja), checked by its playbook run
        path = os.path.join(here, "..", "..", "..", "inventory", inv, "group_vars", "all", "renewals.yml")
        data = yaml.safe_load(open(path, encoding="utf-8"))
        services, errors = contracts.validate(data["renewals_contracts"])
        assert errors == [] and services, inv


@pytest.mark.parametrize("value", ["\n", "a\nb", "`code`", "**bold**"])
def test_md_escape_keeps_one_line(value):
    assert "\n" not in memo.md_escape(value)
    assert "`" not in memo.md_escape(value).replace("\\`", "")


def test_expiry_timeline_from_the_history_store(tmp_path):
    from ansible_collections.sitekeeper.website.plugins.module_utils.core.history import HistoryStore

    first = contracts.evaluate([hosting(), domain()], TODAY, observed_at="2026-11-26T01:00:00Z")
    later = contracts.evaluate([hosting()], TODAY, observed_at="2026-11-27T01:00:00Z")
    with HistoryStore(str(tmp_path / "history.sqlite")) as store:
        store.record("run-1", 4, first["findings"], first["metrics"], finished_at="2026-11-26T01:00:00Z",
                     hosts=["localhost"])
        store.record("run-2", 4, later["findings"],
                     [dict(m, value=19) for m in later["metrics"]], finished_at="2026-11-27T01:00:00Z",
                     hosts=["localhost"])
        timeline = contracts.expiry_timeline(store)
    assert [(t["subject"], t["days_left"], t["expires_on"]) for t in timeline] == [
        ("contract:hosting-utama", 19, "2026-12-16"), ("contract:domain-pn", 44, "2027-01-09")]


@pytest.mark.parametrize("end", ["2026-12-17", "2026-11-01", "2027-12-17"])
def test_a_very_long_name_is_shortened_for_display_and_kept_whole_in_data(end):
    """Issue 15 item 8: a 384-character contract name made the finding invalid and stopped the cycle."""
    name = "Kontrak pemeliharaan " + "sangat panjang " * 24 + "x" * (384 - 21 - 15 * 24)
    provider = "PT " + "Penyedia " * 40
    assert len(name) == 384
    result = contracts.evaluate([hosting(name=name, provider=provider, end=end)], TODAY)
    assert result["errors"] == []
    found = finding(result, "hosting-utama")
    for text in (found["summary"], found["details"]["summary_id"]):
        assert len(text) <= 400 and name[:40] in text and "\u2026" in text
    assert found["details"]["name"] == name and found["details"]["provider"] == provider
    assert result["services"][0]["name"] == name
