"""Activity 3 on a Windows host: only the new W3C log bytes travel, the controller's mirror grows, and
the audit reads the mirror with the iis format and its own cursor, as it reads a Linux host's logs.

The host's side is played by `host_tail`, which does what iis_log_tail.ps1 documents: per requested
folder, each .log file from the controller's offset (from 0 when unseen or when the file is shorter),
whole lines only, gzip + base64, at most max_bytes over all files."""

import base64
import glob
import gzip
import json
import os
import shutil

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.audit import parser
from ansible_collections.sitekeeper.website.plugins.module_utils.windows import log_mirror

from .conftest import SITES, data_path, load_json

# Where the sample applicationHost.config sends each site's W3C logs.
FOLDERS = {"PA Contoh": "D:\\Logs\\IIS\\W3SVC2", "SIPP": "C:\\inetpub\\logs\\LogFiles\\W3SVC3"}


@pytest.fixture
def host(tmp_path):
    """The Windows host's log folders, as local folders keyed by the Windows path."""
    roots = {}
    for name, folder in FOLDERS.items():
        local = tmp_path / "host" / name.replace(" ", "_")
        local.mkdir(parents=True)
        roots[folder] = local
    shutil.copy(data_path("u_ex261203.log"), roots[FOLDERS["PA Contoh"]])
    shutil.copy(data_path("u_ex261204.log"), roots[FOLDERS["SIPP"]])
    return roots


def host_tail(roots, requests, max_bytes=16 << 20):
    files, budget = [], max_bytes
    for request in requests:
        local = roots.get(request["folder"])
        if local is None:
            files.append({"folder": request["folder"], "name": "", "error": "the log folder does not exist"})
            continue
        for name in sorted(os.listdir(local)):
            raw = (local / name).read_bytes()
            offset = request["offsets"].get(name, 0)
            if len(raw) < offset:
                offset = 0
            if len(raw) == offset:
                continue
            chunk = raw[offset:offset + budget]
            whole = chunk.rfind(b"\n") + 1
            entry = {"folder": request["folder"], "name": name, "length": len(raw), "offset": offset, "bytes": whole,
                     "more": offset + whole < len(raw), "data_gzip_base64": ""}
            if whole:
                entry["data_gzip_base64"] = base64.b64encode(gzip.compress(chunk[:whole])).decode()
                budget -= whole
            files.append(entry)
    return [json.dumps({"collected_at": "2026-12-04T02:00:00Z", "files": files})]


def fetch(roots, mirror, sites=SITES, **kwargs):
    plan = log_mirror.plan("web3", sites, load_json("iis_facts.json"), str(mirror))
    sent = host_tail(roots, plan["requests"], **kwargs)
    return plan, log_mirror.apply("web3", sent, str(mirror))


def audit(plan, state):
    paths = [p for site in plan["sites"] for p in site["access_logs"]]
    return parser.audit(paths, fmt="iis", state_path=str(state))


def test_plan_reads_the_log_folders_from_iis(tmp_path):
    sites = SITES + [{"name": "Mati", "url": "http://mati/"}, {"name": "arsip", "iis_site": "Arsip Lama"}]
    plan = log_mirror.plan("web3", sites, load_json("iis_facts.json"), str(tmp_path / "mirror"))
    assert [r["folder"] for r in plan["requests"]] == [FOLDERS["PA Contoh"], FOLDERS["SIPP"]]
    assert all(r["offsets"] == {} for r in plan["requests"])
    assert plan["sites"][0]["access_logs"] == [str(tmp_path / "mirror" / "web3" / "W3SVC2" / "*.log")]
    assert plan["sites"][0]["access_log_format"] == "iis" and plan["sites"][0]["url"] == "https://pa-contoh.go.id/"
    assert [(s["site"], s["problem"]) for s in plan["skipped_sites"]] == [
        ("tidak-ada", "IIS has no site named Tidak Ada"), ("Mati", "IIS logging of Mati is off"),
        ("arsip", "IIS logging of Arsip Lama is not W3C (IIS)")]


def test_first_fetch_mirrors_the_files_and_the_audit_reads_them(tmp_path, host):
    plan, done = fetch(host, tmp_path / "mirror")
    assert done["problems"] == [] and done["changed"] is True
    mirrored = sorted(glob.glob(str(tmp_path / "mirror" / "web3" / "*" / "*.log")))
    assert [os.path.basename(p) for p in mirrored] == ["u_ex261203.log", "u_ex261204.log"]
    assert open(mirrored[0], "rb").read() == open(data_path("u_ex261203.log"), "rb").read()
    result = audit(plan, tmp_path / "state.json")
    direct = parser.audit([data_path("u_ex261203.log"), data_path("u_ex261204.log")], fmt="iis")
    assert result["summary"]["requests"] == direct["summary"]["requests"] == 11
    assert [i["client"] for i in result["incidents"]] == [i["client"] for i in direct["incidents"]]


def test_only_new_bytes_travel_and_only_new_lines_are_audited(tmp_path, host):
    mirror, state = tmp_path / "mirror", tmp_path / "state.json"
    plan, _done = fetch(host, mirror)
    audit(plan, state)
    # Nothing new: nothing sent, nothing changed.
    plan, done = fetch(host, mirror)
    assert done["files"] == [] and done["changed"] is False
    assert plan["requests"][0]["offsets"] == {"u_ex261203.log": os.path.getsize(data_path("u_ex261203.log"))}
    # IIS appends two lines (the second layout is in force) and half of a third.
    new = (b"2026-12-03 12:00:00 W3SVC2 WEB3 192.0.2.12 GET /kontak - 443 - 203.0.113.50 HTTP/1.1 Mozilla/5.0 - - "
           b"pa-contoh.go.id 200 0 0 900 300 4 -\r\n"
           b"2026-12-03 12:00:01 W3SVC2 WEB3 192.0.2.12 GET /.git/config - 443 - 203.0.113.51 HTTP/1.1 curl/8.5.0 - - "
           b"pa-contoh.go.id 404 0 2 120 80 1 -\r\n")
    partial = b"2026-12-03 12:00:02 W3SVC2 WEB3 192.0.2.12 GET /berita"
    with open(host[FOLDERS["PA Contoh"]] / "u_ex261203.log", "ab") as handle:
        handle.write(new + partial)
    plan, done = fetch(host, mirror)
    [entry] = done["files"]
    assert entry["bytes"] == len(new) and entry["restarted"] is False
    result = audit(plan, state)
    assert result["summary"]["requests"] == 2 and result["unparsed"]["count"] == 0
    assert [i["client"] for i in result["incidents"]] == ["203.0.113.51"]


def test_a_replaced_host_file_starts_its_mirror_again(tmp_path, host):
    mirror = tmp_path / "mirror"
    fetch(host, mirror)
    shorter = open(data_path("u_ex261204.log"), "rb").read()
    (host[FOLDERS["PA Contoh"]] / "u_ex261203.log").write_bytes(shorter)
    _plan, done = fetch(host, mirror)
    [entry] = done["files"]
    assert entry["restarted"] is True and entry["offset"] == 0
    assert (mirror / "web3" / "W3SVC2" / "u_ex261203.log").read_bytes() == shorter


def test_the_byte_budget_leaves_the_rest_for_the_next_run(tmp_path, host):
    mirror = tmp_path / "mirror"
    _plan, done = fetch(host, mirror, max_bytes=1000)
    # Whole lines only, 1000 bytes over both files: each has more for the next run.
    assert [(os.path.basename(f["file"]), f["more"]) for f in done["files"]] == [("u_ex261203.log", True),
                                                                                ("u_ex261204.log", True)]
    assert sum(f["bytes"] for f in done["files"]) <= 1000 and done["files"][0]["bytes"] > 0
    assert (mirror / "web3" / "W3SVC2" / "u_ex261203.log").read_bytes().endswith(b"\r\n")
    _plan, done = fetch(host, mirror)
    assert (mirror / "web3" / "W3SVC2" / "u_ex261203.log").read_bytes() == open(data_path("u_ex261203.log"), "rb").read()
    assert (mirror / "web3" / "W3SVC3" / "u_ex261204.log").read_bytes() == open(data_path("u_ex261204.log"), "rb").read()


def test_damaged_or_strange_input_is_reported_and_not_written(tmp_path):
    mirror = str(tmp_path / "mirror")
    sent = {"collected_at": "x", "files": [
        {"folder": "D:\\Logs\\IIS\\W3SVC2", "name": "u_ex1.log", "offset": 0, "data_gzip_base64": "bm90IGd6aXA="},
        {"folder": "D:\\Logs\\IIS\\W3SVC2", "name": "..\\..\\evil.txt", "offset": 0, "data_gzip_base64": ""},
        {"folder": "D:\\Logs\\IIS\\W3SVC2", "name": "u_ex2.log", "offset": 50, "data_gzip_base64": ""},
        {"folder": "C:\\nowhere\\W3SVC9", "name": "", "error": "the log folder does not exist"}]}
    done = log_mirror.apply("web3", sent, mirror)
    problems = [p["problem"] for p in done["problems"]]
    assert len(problems) == 4
    assert "did not arrive intact" in problems[0] and "not a .log file" in problems[1]
    assert "mirror holds 0" in problems[2] and "does not exist" in problems[3]
    assert glob.glob(os.path.join(mirror, "**", "*.*"), recursive=True) == []


def test_check_mode_writes_nothing(tmp_path, host):
    plan = log_mirror.plan("web3", SITES, load_json("iis_facts.json"), str(tmp_path / "mirror"))
    done = log_mirror.apply("web3", host_tail(host, plan["requests"]), str(tmp_path / "mirror"), check_mode=True)
    assert [f["bytes"] for f in done["files"]] == [os.path.getsize(data_path("u_ex261203.log")),
                                                   os.path.getsize(data_path("u_ex261204.log"))]
    assert not (tmp_path / "mirror").exists()


def test_old_mirror_files_are_pruned(tmp_path, host):
    mirror = tmp_path / "mirror"
    fetch(host, mirror)
    old = mirror / "web3" / "W3SVC2" / "u_ex261203.log"
    os.utime(old, (1, 1))
    removed = log_mirror.prune(str(old.parent), keep_days=14)
    assert removed == [str(old)] and not old.exists()
