"""Unit tests of the evidence bundle (plugins/module_utils/troubleshoot/escalation.py)."""

import email
import json
import os
import stat
import tarfile

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import escalation as esc

SECRETS = ["cfg-SECRET-111", "log-TOKEN-222", "env-PASS-333", "vault-db-444"]


def members():
    diagnostics = {
        "config_tests": {"nginx": {"command": "nginx -t", "rc": 1,
                                   "output": "nginx: [emerg] x\nfastcgi_param DB_PASSWORD cfg-SECRET-111;",
                                   "dump": "server { set $api_key log-TOKEN-222; }"}},
        "error_logs": {"/var/log/nginx/error.log": ["client: 203.0.113.7, request: \"GET /?token=log-TOKEN-222\"",
                                                    "Cookie: sid=abcdef123456"]},
        "environment": {"DB_PASSWORD": "env-PASS-333", "PATH": "/bin"},
        "note": "connecting with vault-db-444 to www.pn-contoh.go.id",
    }
    incidents = [{"incident_id": "INC-1", "check": "troubleshoot.config_test", "subject": "service:nginx",
                  "summary": "The configuration of nginx is broken"}]
    return esc.bundle_members(incidents, [{"check": "troubleshoot.config_test"}], [], diagnostics, "web1", "PN Contoh")


def read_bundle(path):
    texts = {}
    with tarfile.open(path) as tar:
        for member in tar.getmembers():
            texts[member.name.split("/", 1)[1]] = tar.extractfile(member).read().decode()
    return texts


def test_bundle_has_the_evidence_and_no_secret(tmp_path):
    out = esc.build_bundle(str(tmp_path), "web1-INC-1", members(), extra_secrets=["vault-db-444"])
    texts = read_bundle(out["path"])
    assert {"README.txt", "findings.json", "diagnostics.json", "config_test/nginx.txt", "config_test/nginx.dump.txt",
            "incidents.json", "remediation.json"} <= set(texts)
    assert any(name.startswith("logs/") for name in texts)
    blob = "\n".join(texts.values())
    for secret in SECRETS + ["abcdef123456"]:
        assert secret not in blob, secret
    assert "[emerg]" in texts["config_test/nginx.txt"]
    assert stat.S_IMODE(os.stat(out["path"]).st_mode) == 0o600
    assert out["mapping_path"] is None and "203.0.113.7" in blob


def test_pseudonymised_bundle_keeps_mapping_outside(tmp_path):
    out = esc.build_bundle(str(tmp_path / "b"), "web1-INC-1", members(), pseudonymise=True,
                           hostnames=["www.pn-contoh.go.id", "web1"], mapping_dir=str(tmp_path / "map"))
    blob = "\n".join(read_bundle(out["path"]).values())
    assert "203.0.113.7" not in blob and "pn-contoh.go.id" not in blob and "ip-0001" in blob
    mapping = json.load(open(out["mapping_path"]))
    assert mapping["ip-0001"] == "203.0.113.7" and "www.pn-contoh.go.id" in mapping.values()
    assert "mapping" not in " ".join(read_bundle(out["path"]))


def test_refuses_when_a_secret_survives(tmp_path, monkeypatch):
    monkeypatch.setattr(esc.msk, "mask_text", lambda text, secrets=(): (text, 0))
    with pytest.raises(esc.EscalationError, match="secret"):
        esc.build_bundle(str(tmp_path), "x", {"a.txt": "has vault-db-444"}, extra_secrets=["vault-db-444"])
    assert not [n for n in os.listdir(tmp_path) if n.endswith(".tar.gz")]


def test_maildir_delivery_and_message(tmp_path):
    out = esc.build_bundle(str(tmp_path), "web1-INC-1", members())
    subject, body = esc.message_text({"name": "PT Hosting"}, "web1", "PN Contoh",
                                     [{"incident_id": "INC-1", "summary": "broken"}], out)
    msg = esc.compose_message("sk@court", ["vendor@example.org"], subject, body, out["path"])
    sent = esc.deliver(msg, "maildir", outbox=str(tmp_path / "outbox"))
    parsed = email.message_from_bytes(open(sent["detail"], "rb").read())
    assert parsed["To"] == "vendor@example.org" and "INC-1" in parsed.get_payload()[0].get_payload()
    attachment = parsed.get_payload()[1]
    assert attachment.get_filename() == "web1-INC-1.tar.gz"
    assert attachment.get_payload(decode=True) == open(out["path"], "rb").read()


def test_unknown_transport_and_unreachable_smtp_are_clear_errors(tmp_path):
    msg = esc.compose_message("a@b", ["c@d"], "s", "b")
    with pytest.raises(esc.EscalationError, match="transport"):
        esc.deliver(msg, "pigeon")
    with pytest.raises(esc.EscalationError, match="could not be sent"):
        esc.deliver(msg, "smtp", {"host": "127.0.0.1", "port": 1, "timeout": 2})


def test_contact_secrets_are_the_values_under_secret_looking_keys():
    contact = {"name": "PT Hosting Contoh", "email": "support@hosting.example", "api_token": "tok-123456",
               "portal_password": "pw-secret", "phone": "+62 21 555", "notes": {"password": "nested"}}
    assert sorted(esc.contact_secrets(contact)) == ["pw-secret", "tok-123456"]
    assert esc.contact_secrets(None) == []


def test_bundle_names_each_suspicious_file_with_its_hash_path_and_excerpt(tmp_path):
    shell = {"path": "/srv/www/uploads/x.php", "sha256": "a" * 64, "kind": "webshell",
             "excerpt": "<?php @eval(base64_decode($_REQUEST['c'])); ?>", "action": "quarantined",
             "quarantine": "/var/lib/sitekeeper/quarantine/pn/" + "a" * 64}
    outcome = {"check": "remediate.quarantine_files", "subject": "https://pn.example/", "status": "critical",
               "summary": "pn: 1 file(s) quarantined, but: still flagged", "details": {"files": [shell]}}
    finding = {"check": "docroot.webshell", "subject": "pn", "details": {"flagged": [dict(shell, score=12)]}}
    texts = read_bundle(esc.build_bundle(str(tmp_path), "web1-INC-2", esc.bundle_members(
        [], [finding], [outcome], {}, "web1"))["path"])
    files = json.loads(texts["suspicious_files.json"])
    assert len(files) == 1 and files[0]["path"] == shell["path"] and files[0]["sha256"] == shell["sha256"]
    assert "eval(base64_decode" in files[0]["excerpt"] and files[0]["action"] == "quarantined"
    assert len(files[0]["seen_in"]) == 2
    assert "/srv/www/uploads/x.php  sha256 " + "a" * 64 in texts["README.txt"]
    # Without a flagged file there is no such member.
    assert "suspicious_files.json" not in esc.bundle_members([], [], [], {}, "web1")
