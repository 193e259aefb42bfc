"""Unit tests of the fail2ban blocking method (module_utils/audit/block.py): the jail, its filter and
the ban file by content, and with fail2ban's own tools when fail2ban is installed."""

import os
import shutil
import subprocess

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import block as log_block

NOW = 1_800_000_000


def options(tmp_path, **kw):
    base = {"clients": [{"client": "203.0.113.5", "detections": ["sqli", "scanner_agent"]},
                        {"client": "2001:db8::7", "reason": "evil\"; rm -rf / #\n[sitekeeper]"},
                        "127.0.0.1", "10.1.2.3"],
            "duration": 3600, "state_path": str(tmp_path / "blocklist.json"),
            "fail2ban_log": str(tmp_path / "blocks.log"), "fail2ban_jail_file": str(tmp_path / "jail.d" / "sk.conf"),
            "fail2ban_filter_file": str(tmp_path / "filter.d" / "sitekeeper-web.conf"),
            "never_block": ["10.0.0.0/8", "192.0.2.10"]}
    base.update(kw)
    return base


def test_jail_filter_and_ban_file_content(tmp_path):
    opts = options(tmp_path)
    res = log_block.apply(opts, NOW)
    assert res["added"] == ["203.0.113.5", "2001:db8::7"]
    assert {r["client"] for r in res["refused"]} == {"127.0.0.1", "10.1.2.3"}
    assert res["fail2ban_changed"] and res["fail2ban_log_changed"]
    jail = open(opts["fail2ban_jail_file"]).read()
    assert "[sitekeeper]" in jail and "filter   = sitekeeper-web" in jail
    assert "logpath  = %s" % opts["fail2ban_log"] in jail
    assert "maxretry = 1" in jail and "bantime  = 3600" in jail and "findtime = 3600" in jail
    ignore = [line for line in jail.splitlines() if line.startswith("ignoreip")][0].split("=", 1)[1].split()
    assert set(ignore) == {"10.0.0.0/8", "192.0.2.10/32", "127.0.0.0/8", "::1/128"}
    assert "action" not in jail  # the host's banaction
    lines = open(opts["fail2ban_log"]).read().splitlines()
    # The reason is inert: no quote, newline or bracket an attacker chose reaches fail2ban's files.
    assert lines == ["%d sitekeeper block 2001:db8::7 until 2027-01-15T09:00:00Z reason evil___rm_-rf______sitekeeper_"
                     % NOW, "%d sitekeeper block 203.0.113.5 until 2027-01-15T09:00:00Z reason sqli,scanner_agent" % NOW]
    filt = open(opts["fail2ban_filter_file"]).read()
    assert "failregex = ^\\s*sitekeeper block <ADDR> until\\b" in filt and "{^LN-BEG}EPOCH" in filt


def test_idempotent_expiry_check_mode_and_action(tmp_path):
    opts = options(tmp_path)
    check = log_block.apply(opts, NOW, check_mode=True)
    assert check["changed"] and not os.path.exists(opts["fail2ban_log"]) and check["fail2ban_changed"]
    log_block.apply(opts, NOW)
    again = log_block.apply(opts, NOW + 10)
    assert not again["changed"] and not again["fail2ban_changed"] and not again["fail2ban_log_changed"]
    # A new address changes the ban file only: fail2ban reads it without a reload.
    more = log_block.apply(dict(opts, clients=["198.51.100.77"]), NOW + 20)
    assert more["fail2ban_log_changed"] and not more["fail2ban_changed"]
    assert "198.51.100.77" in open(opts["fail2ban_log"]).read()
    # Expired blocks leave the ban file (fail2ban lifted them itself after bantime).
    later = log_block.apply(dict(opts, clients=[]), NOW + 3601)
    assert later["expired"] == ["2001:db8::7", "203.0.113.5"]
    assert open(opts["fail2ban_log"]).read().split()[2:4] == ["block", "198.51.100.77"]
    # A changed action is a jail change: fail2ban must reload.
    act = log_block.apply(dict(opts, clients=[], fail2ban_action="nftables-allports"), NOW + 3602)
    assert act["fail2ban_changed"] and "action   = nftables-allports" in open(opts["fail2ban_jail_file"]).read()


@pytest.mark.parametrize("change, message", [
    ({"fail2ban_jail": "bad jail]"}, "fail2ban_jail must be"),
    ({"fail2ban_filter_file": "/etc/fail2ban/filter.d/x y.conf"}, "filter file name must be"),
    ({"fail2ban_jail_file": None}, "fail2ban_jail_file is required"),
])
def test_wrong_fail2ban_options_say_what_is_wrong(tmp_path, change, message):
    with pytest.raises(ValueError, match=message):
        log_block.apply(options(tmp_path, **change), NOW)


@pytest.mark.skipif(not shutil.which("fail2ban-regex"), reason="fail2ban is not installed")
def test_fail2ban_regex_matches_every_line(tmp_path):
    opts = options(tmp_path, clients=["203.0.113.5", "2001:db8::7", "198.51.100.9"])
    log_block.apply(opts, NOW)
    out = subprocess.run(["fail2ban-regex", opts["fail2ban_log"], opts["fail2ban_filter_file"]],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Lines: 3 lines, 0 ignored, 3 matched, 0 missed" in out.stdout


@pytest.mark.skipif(not shutil.which("fail2ban-client"), reason="fail2ban is not installed")
def test_fail2ban_accepts_the_jail(tmp_path):
    conf = tmp_path / "fail2ban"
    shutil.copytree("/etc/fail2ban", conf)
    for name in os.listdir(conf / "jail.d"):
        os.unlink(conf / "jail.d" / name)  # only the Sitekeeper jail
    opts = options(tmp_path, fail2ban_jail_file=str(conf / "jail.d" / "sitekeeper.conf"),
                   fail2ban_filter_file=str(conf / "filter.d" / "sitekeeper.conf"))
    log_block.apply(opts, NOW)
    out = subprocess.run(["fail2ban-client", "-c", str(conf), "-d"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "['set', 'sitekeeper', 'bantime', '3600']" in out.stdout
    assert "['set', 'sitekeeper', 'maxretry', 1]" in out.stdout
    assert "['set', 'sitekeeper', 'addignoreip', '10.0.0.0/8', '192.0.2.10/32', '127.0.0.0/8', '::1/128']" in out.stdout
    test = subprocess.run(["fail2ban-client", "-c", str(conf), "-t"], capture_output=True, text=True, timeout=60)
    assert test.returncode == 0 and "configuration test is successful" in test.stdout + test.stderr
