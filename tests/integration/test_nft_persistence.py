"""The nftables block table is put back when the kernel lost it (a reboot) even though its file did not
change: the audit's block entry point loads the table whenever `nft list table` does not find it, not
only when it rewrote the file. Real nft on this host, a table of the test's own."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
import yaml

pytestmark = pytest.mark.integration

ADDRESS = "203.0.113.77"


def nft(*args):
    return subprocess.run(["nft", *args], capture_output=True, text=True, check=False)


@pytest.fixture
def table():
    if nft("list", "tables").returncode != 0:
        pytest.skip("nft cannot talk to the kernel here (no CAP_NET_ADMIN)")
    name = "sktest_%s" % uuid.uuid4().hex[:8]
    yield name
    nft("delete", "table", "inet", name)


def test_block_table_is_loaded_again_after_the_kernel_lost_it(table, tmp_path, data_dir, playbook_runner):
    play = tmp_path / "block.yml"
    play.write_text(yaml.safe_dump([{
        "name": "Block one address with nftables", "hosts": "all", "gather_facts": False,
        "tasks": [{"name": "Block", "ansible.builtin.include_role": {
            "name": "sitekeeper.website.log_audit", "tasks_from": "block"}}]}]))
    inv = tmp_path / "inventory.yml"
    inv.write_text(yaml.safe_dump({"all": {"hosts": {"localhost": {
        "ansible_connection": "local", "ansible_python_interpreter": sys.executable,
        "log_audit_state_dir": str(tmp_path / "audit"),
        "log_audit_block_methods": ["nftables"],
        "log_audit_block_nft_file": str(tmp_path / "block.nft"),
        "log_audit_block_nft_table": table,
        "log_audit_block_clients": [ADDRESS]}}}}))
    first = playbook_runner(str(play), str(inv), data_dir=data_dir)
    assert first.status == "successful", first.stdout.read()[-3000:]
    assert ADDRESS in nft("list", "table", "inet", table).stdout
    # A reboot: the kernel forgets the table, the file stays as it was.
    assert nft("delete", "table", "inet", table).returncode == 0
    again = playbook_runner(str(play), str(inv), data_dir=data_dir)
    assert again.status == "successful", again.stdout.read()[-3000:]
    listed = nft("list", "table", "inet", table)
    assert listed.returncode == 0 and ADDRESS in listed.stdout, listed.stderr
    # Loaded and unchanged: a third run loads nothing (the load task is skipped, so nothing changed).
    third = playbook_runner(str(play), str(inv), data_dir=data_dir)
    loads = [e for e in third.events if e.get("event") == "runner_on_ok"
             and e["event_data"].get("task") == "Load the nftables block set"]
    assert third.status == "successful" and not loads
