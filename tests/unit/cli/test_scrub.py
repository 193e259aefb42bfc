"""scrub.py: what counts as a secret in run artifacts, and how a run folder is masked."""

from __future__ import annotations

import json
import os

from sitekeeper_cli import scrub


def test_secret_values_come_from_secret_keys_and_url_passwords():
    env = {"PATH": "/usr/bin", "SK_API_TOKEN": "tok-123456", "DB_PASSWORD": "pw-123456", "HOME": "/root",
           "SITEKEEPER_HISTORY_URL": "postgresql://sk:url-secret-1@db.example:5432/sk", "SHORT_TOKEN": "ab",
           "nested": {"contact": {"name": "Budi", "api_key": "key-123456"}}, "flag_password": True}
    assert scrub.secret_values(env) == {"tok-123456", "pw-123456", "url-secret-1", "key-123456"}


def test_a_run_folder_is_masked_in_json_and_text_and_marked(tmp_path):
    artifacts = tmp_path / "artifacts" / "backup"
    (artifacts / "job_events").mkdir(parents=True)
    command = artifacts / "command"
    command.write_text(json.dumps({"command": ["ansible-playbook", "-e", "@/x"], "env": {
        "SK_TOKEN": "tok-abcdef", "URL": "https://u:url-pass-9@h/", "LANG": "C"}}))
    os.chmod(command, 0o600)
    event = artifacts / "job_events" / "1-abc.json"
    event.write_text(json.dumps({"event_data": {"res": {"third_party": {"name": "Vendor", "token": "vt-777777"},
                                                        "msg": "sent with vt-777777"}}}))
    stdout = artifacts / "stdout"
    stdout.write_text("ok: token vt-777777 and tok-abcdef and planted-xyz\n")
    scrub.scrub_run(str(tmp_path), {"planted-xyz"})
    text = "".join(p.read_text() for p in (command, event, stdout))
    for value in ("tok-abcdef", "url-pass-9", "vt-777777", "planted-xyz"):
        assert value not in text
    assert json.loads(command.read_text())["env"]["LANG"] == "C"
    assert json.loads(event.read_text())["event_data"]["res"]["third_party"]["name"] == "Vendor"
    assert oct(os.stat(command).st_mode & 0o777) == "0o600"
    assert (tmp_path / scrub.SCRUBBED).exists()


def test_sweep_scrubs_killed_runs_and_removes_dead_ansible_tmp(tmp_path):
    runs = tmp_path / "runs"
    killed = runs / "20261204T010000Z-aaaaaa"
    private = killed / (scrub.PRIVATE_PREFIX + "999999999")
    private.mkdir(parents=True)
    (private / "extravars.json").write_text(json.dumps({"db_password": "pw-killed-1"}))
    (killed / "stdout").write_text("pw-killed-1")
    (killed / "env.json").write_text(json.dumps({"db_password": "pw-killed-1"}))
    done = runs / "20261204T020000Z-bbbbbb"
    done.mkdir()
    (done / scrub.SCRUBBED).write_text("")
    (done / "stdout").write_text("left as it is")
    tmp = tmp_path / "ansible-tmp"
    dead = tmp / "ansible-tmp-1796363792.78-999999999-7122"
    alive = tmp / ("ansible-tmp-1796363792.78-%d-7123" % os.getpid())
    dead.mkdir(parents=True)
    alive.mkdir()
    scrub.sweep(str(runs), ansible_tmp=str(tmp))
    assert not private.exists() and "pw-killed-1" not in (killed / "stdout").read_text()
    assert (killed / scrub.SCRUBBED).exists() and (done / "stdout").read_text() == "left as it is"
    assert not dead.exists() and alive.exists()
