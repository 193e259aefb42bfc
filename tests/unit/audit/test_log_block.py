"""Unit tests of the fail2ban blocking method (module_utils/audit/block.py): the jail, its filter and
the ban file by content, and with fail2ban's own tools when fail2ban is installed."""

import json
import os
import re
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


# -- hostile input (issue 15): injection through zone ids, IPv4-mapped bypasses, broken files ----------------
HOSTILE = ["fe80::1%x;deny all", "fe80::1%a; return 503", "2001:db8::1%zz } } flush ruleset; table inet x {",
           "203.0.113.9\ndeny all;", "[2001:db8::2]extra"]
ADDRESS_LINE = {
    "nginx": re.compile(r"deny ([0-9a-f:.]+);  # until \S+"),
    "ban": re.compile(r"\d+ sitekeeper block ([0-9a-f:.]+) until \S+ reason [A-Za-z0-9_,.+-]+"),
}


def all_methods(tmp_path, **kw):
    return options(tmp_path, nginx_include=str(tmp_path / "deny.conf"), nft_file=str(tmp_path / "block.nft"),
                   nft_table="sktest%d" % os.getpid(), **kw)


def test_the_injection_set_never_reaches_a_block_file(tmp_path):
    opts = all_methods(tmp_path, never_block=["198.51.100.50"],
                       clients=HOSTILE + ["::ffff:198.51.100.50", "::ffff:127.0.0.1", "2001:DB8:0:0::5",
                                          "::ffff:203.0.113.70", {"client": "fe80::1%x;deny all"}])
    res = log_block.apply(opts, NOW)
    assert res["added"] == ["2001:db8::5", "203.0.113.70"]
    why = {r["client"]: r["why"] for r in res["refused"]}
    assert why["198.51.100.50"].startswith("allowlisted") and why["127.0.0.1"].startswith("allowlisted")
    assert [w for w in why.values() if w == "not an IP address"] and "::ffff:198.51.100.50" not in why
    nginx = [line for line in open(opts["nginx_include"]).read().splitlines() if not line.startswith("#")]
    assert [ADDRESS_LINE["nginx"].fullmatch(line).group(1) for line in nginx] == ["2001:db8::5", "203.0.113.70"]
    bans = open(opts["fail2ban_log"]).read().splitlines()
    assert sorted(ADDRESS_LINE["ban"].fullmatch(line).group(1) for line in bans) == ["2001:db8::5", "203.0.113.70"]
    nft = open(opts["nft_file"]).read()
    assert "elements = { 203.0.113.70 }" in nft and "elements = { 2001:db8::5 }" in nft and "%" not in nft
    assert sorted(json.load(open(opts["state_path"]))) == ["2001:db8::5", "203.0.113.70"]
    # Each file passed its service's own checker before it replaced the live one.
    for kind, binary in (("nginx", "nginx"), ("nftables", "nft"), ("fail2ban", "fail2ban-regex")):
        want = "passed" if log_block.find_binary(binary) else "skipped: %s is not installed on this host" % binary
        assert res["checks"][kind] == want


def test_non_canonical_entries_are_purged_from_an_existing_block_list(tmp_path):
    opts = all_methods(tmp_path, clients=[])
    planted = {ip: {"since": NOW, "until": NOW + 3600, "reason": "old"}
               for ip in ["fe80::1%x;deny all", "::ffff:203.0.113.9", "2001:DB8::9", "203.0.113.10", "10.1.2.3"]}
    with open(opts["state_path"], "w") as handle:
        json.dump(planted, handle)
    res = log_block.apply(opts, NOW + 5)
    assert res["blocked"] == ["203.0.113.10"]
    assert sorted(p["client"] for p in res["purged"]) == sorted(["fe80::1%x;deny all", "::ffff:203.0.113.9",
                                                                 "2001:DB8::9", "10.1.2.3"])
    assert "purged" in res["problem"]
    assert sorted(json.load(open(opts["state_path"]))) == ["203.0.113.10"]
    for path in (opts["nginx_include"], opts["nft_file"], opts["fail2ban_log"]):
        text = open(path).read()
        assert "%" not in text and "::ffff:" not in text and "2001:DB8" not in text and "10.1.2.3" not in text


def test_a_file_its_checker_refuses_never_replaces_the_live_one(tmp_path, monkeypatch):
    opts = all_methods(tmp_path, clients=["203.0.113.5"])
    log_block.apply(opts, NOW)
    live = {p: open(p).read() for p in (opts["nginx_include"], opts["nft_file"], opts["state_path"])}
    # A future rendering bug: the checker, not the renderer, is the last gate.
    monkeypatch.setattr(log_block, "render_nginx", lambda entries: "deny 198.51.100.1; }\n")
    monkeypatch.setattr(log_block, "render_nft", lambda entries, table: "table inet x { flush ruleset;\n")
    with pytest.raises(log_block.BlockError) as caught:
        log_block.apply(dict(opts, clients=["198.51.100.1"]), NOW + 1)
    message = str(caught.value)
    if log_block.find_binary("nginx"):
        assert "nginx" in message and "unexpected \"}\"" in message
    if log_block.find_binary("nft"):
        assert "nft" in message and "syntax error" in message
    assert {p: open(p).read() for p in live} == live
    assert not [n for n in os.listdir(tmp_path) if n.startswith(".sitekeeper-")]


@pytest.mark.skipif(not shutil.which("nginx"), reason="nginx is not installed")
def test_a_failing_full_nginx_check_restores_the_previous_include(tmp_path):
    """nginx -t of the real configuration runs after the write; when it fails, the old file is back."""
    include = tmp_path / "deny.conf"
    conf = tmp_path / "nginx.conf"
    # The include sits where deny is not allowed: the candidate is valid alone, the whole config is not.
    conf.write_text("pid %s/nginx.pid;\nerror_log %s/error.log;\nevents { include %s; }\nhttp { }\n"
                    % (tmp_path, tmp_path, include))
    test = ["nginx", "-t", "-q", "-p", str(tmp_path), "-c", str(conf), "-e", str(tmp_path / "error.log")]
    opts = options(tmp_path, nginx_include=str(include), nginx_test_command=test, clients=[])
    del opts["fail2ban_log"]
    log_block.apply(opts, NOW)
    before = include.read_text()
    with pytest.raises(log_block.BlockError, match="the previous files are back"):
        log_block.apply(dict(opts, clients=["203.0.113.5"]), NOW + 1)
    assert include.read_text() == before and not re.search(r"^deny", before, re.M)
    assert json.load(open(opts["state_path"])) == {}


def test_never_block_entries_in_ipv4_mapped_form_protect_the_ipv4_address(tmp_path):
    """sshd on a dual-stack socket reports the controller as ::ffff:a.b.c.d (SSH_CLIENT)."""
    opts = options(tmp_path, never_block=["::ffff:192.0.2.10", "::ffff:198.51.100.0/120"],
                   clients=["192.0.2.10", "198.51.100.7", "::ffff:198.51.100.8", "203.0.113.5"])
    res = log_block.apply(opts, NOW)
    assert res["added"] == ["203.0.113.5"]
    assert sorted(r["client"] for r in res["refused"]) == ["192.0.2.10", "198.51.100.7", "198.51.100.8"]
    ignore = [line for line in open(opts["fail2ban_jail_file"]).read().splitlines() if line.startswith("ignoreip")]
    assert ignore[0].split("=", 1)[1].split()[:2] == ["192.0.2.10/32", "198.51.100.0/24"]


@pytest.mark.skipif(not shutil.which("fail2ban-client"), reason="fail2ban is not installed")
def test_a_jail_fail2ban_refuses_is_taken_back(tmp_path):
    conf = tmp_path / "fail2ban"
    shutil.copytree("/etc/fail2ban", conf)
    for name in os.listdir(conf / "jail.d"):
        os.unlink(conf / "jail.d" / name)
    opts = options(tmp_path, fail2ban_jail_file=str(conf / "jail.d" / "sitekeeper.conf"),
                   fail2ban_filter_file=str(conf / "filter.d" / "sitekeeper.conf"),
                   fail2ban_test_command=["fail2ban-client", "-c", str(conf), "-t"])
    checks = log_block.apply(opts, NOW)["checks"]
    assert checks["fail2ban_jail"] == "passed" and checks["fail2ban_config"] == "passed"
    jail = open(opts["fail2ban_jail_file"]).read()
    live = sorted(os.listdir(conf / "jail.d"))
    # Refused on the copy: the live jail is never replaced.
    with pytest.raises(log_block.BlockError, match="refused the new jail .*Unable to read action 'no-such-action'"):
        log_block.apply(dict(opts, fail2ban_action="no-such-action", clients=["198.51.100.77"]), NOW + 1)
    assert open(opts["fail2ban_jail_file"]).read() == jail and sorted(os.listdir(conf / "jail.d")) == live
    assert "198.51.100.77" not in open(opts["fail2ban_log"]).read()
    # Refused only by the full check after the write (here: a test command that fails): the old files are back.
    with pytest.raises(log_block.BlockError, match="the previous files are back"):
        log_block.apply(dict(opts, fail2ban_action="dummy", clients=["198.51.100.78"],
                             fail2ban_test_command=["fail2ban-client", "-c", str(tmp_path / "nowhere"), "-t"]), NOW + 2)
    assert open(opts["fail2ban_jail_file"]).read() == jail
    assert "198.51.100.78" not in open(opts["fail2ban_log"]).read()
