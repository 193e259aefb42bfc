"""The Windows task files and scripts, checked as far as this machine can (no Windows host here):
ansible-lint (production profile), the SOP's --syntax-check with the example inventory's Windows host,
the one branch per role, every Python module of the Windows path running on the controller, the
scripts' documented JSON, and the modules run for real by Ansible on the controller with the
real-shaped artefacts."""

import datetime
import hashlib
import json
import os
import re
import subprocess
import sys

import pytest
import yaml

from .conftest import SITES, load_json

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
ROLES = ("site_monitor", "site_backup", "log_audit", "renewals", "troubleshoot")
BIN = os.path.dirname(sys.executable)


def env():
    return dict(os.environ, ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"),
                ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, "collections"),
                PATH=BIN + os.pathsep + os.environ.get("PATH", ""))


def windows_files():
    found = []
    for role in ROLES:
        folder = os.path.join(REPO, "roles", role, "tasks")
        found += [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if n.startswith("windows")]
    return found


def tasks_of(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle) or []


def test_every_role_has_its_windows_file():
    names = {os.path.relpath(p, REPO) for p in windows_files()}
    assert {"roles/%s/tasks/windows.yml" % role for role in ROLES} <= names


def test_ansible_lint_production_profile():
    proc = subprocess.run([os.path.join(BIN, "ansible-lint"), "--offline", "--profile", "production", "--nocolor"]
                          + windows_files(), cwd=REPO, env=env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def test_the_sop_syntax_check_with_the_windows_host():
    inventory = yaml.safe_load(open(os.path.join(REPO, "inventory", "example", "hosts.yml"), encoding="utf-8"))
    web3 = inventory["all"]["children"]["webservers"]["hosts"]["web3"]
    assert (web3["ansible_connection"], web3["ansible_port"], web3["ansible_winrm_scheme"]) == ("winrm", 5986, "https")
    assert web3["ansible_winrm_server_cert_validation"] == "validate"
    for playbook in ("sop.yml", "restore.yml"):
        proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", "inventory/example", "--syntax-check",
                               "playbooks/" + playbook], cwd=REPO, env=env(), capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_branches_once_on_the_system(role):
    tasks = tasks_of(os.path.join(REPO, "roles", role, "tasks", "main.yml"))
    flag = "%s_windows | bool" % role
    includes = [t for t in tasks if t.get("ansible.builtin.include_tasks") == "windows.yml"]
    assert len(includes) == 1 and includes[0]["when"] == flag
    # The Linux host-side tasks are skipped on Windows by the opposite condition.
    linux = [t for t in tasks if "not " + flag in (t.get("when") if isinstance(t.get("when"), list) else [t.get("when")])]
    assert linux, "no Linux task of %s is kept off Windows hosts" % role
    assert all(t.get("delegate_to") is None for t in linux)  # they are the host-side ones


def test_python_modules_never_run_on_the_windows_host():
    """Custom modules are Python: in the Windows files each one runs on the controller."""
    for path in windows_files():
        for task in tasks_of(path):
            module = next((k for k in task if k.startswith(("sitekeeper.website.", "ansible.builtin."))), None)
            if module and module.startswith("sitekeeper.website."):
                assert task.get("delegate_to") == "localhost" and task.get("become") is False, (path, task["name"])


def scripts():
    return sorted(os.path.join(root, name) for root, _d, names in os.walk(os.path.join(REPO, "roles"))
                  for name in names if name.endswith(".ps1"))


def test_every_script_a_task_names_exists_and_documents_its_json():
    named = set()
    for path in windows_files():
        text = open(path, encoding="utf-8").read()
        named.update(re.findall(r"([a-z_]+\.ps1)", text))
    have = {os.path.basename(p) for p in scripts()}
    assert named and named <= have, named - have
    for script in scripts():
        text = open(script, encoding="utf-8").read()
        assert "Writes ONE JSON text" in text and "ConvertTo-Json" in text, script
        assert text.startswith("#Requires -Version 5.1"), script


def code_brackets(text):
    """The brackets of PowerShell code, read left to right: comments, '...' strings ('' inside) and "..."
    strings (backtick escapes, "" inside) left out, but the code of a $( ) inside a "..." string kept."""
    out, modes, depth, i = [], ["code"], [], 0
    while i < len(text):
        char, mode = text[i], modes[-1]
        if mode == "dq":
            if char == "`":
                i += 1
            elif char == '"' and text.startswith('""', i):
                i += 1
            elif char == '"':
                modes.pop()
            elif text.startswith("$(", i):
                modes.append("sub")
                depth.append(0)
                out.append("(")
                i += 1
        elif char == "#":
            i = text.find("\n", i)
            i = len(text) if i < 0 else i
        elif char == "'":
            i += 1
            while i < len(text) and (text[i] != "'" or text.startswith("''", i)):
                i += 2 if text.startswith("''", i) else 1
        elif char == '"':
            modes.append("dq")
        elif char == "`":
            i += 1
        elif mode == "sub" and char == ")" and depth[-1] == 0:
            modes.pop()
            depth.pop()
            out.append(char)
        elif char in "({[)}]":
            out.append(char)
            if mode == "sub":
                depth[-1] += 1 if char in "({[" else -1
        i += 1
    assert modes == ["code"], "a string or $( ) is not closed"
    return out


def test_the_bracket_reader_knows_powershell_strings():
    code = """$a = "N'" + $p.Replace("'", "''") + "'" # ) comment
$b = "x $(Get-It $y "in $(z)") `" ]" + 'it''s ('"""
    assert "".join(code_brackets(code)) == "()(())"


@pytest.mark.parametrize("script", scripts(), ids=os.path.basename)
def test_script_brackets_balance(script):
    """Not a PowerShell parse (no pwsh here), but an unbalanced bracket is caught."""
    code = code_brackets(open(script, encoding="utf-8").read())
    pairs, stack = {")": "(", "}": "{", "]": "["}, []
    for char in code:
        if char in "({[":
            stack.append(char)
        elif char in pairs:
            assert stack and stack.pop() == pairs[char], script
    assert not stack, script


def test_the_modules_run_on_the_controller_through_ansible(tmp_path):
    variables = {"facts": load_json("iis_facts.json"), "certs": load_json("iis_certificates.json"),
                 "sites": SITES, "mirror": str(tmp_path / "mirror"), "out": str(tmp_path / "out.json")}
    (tmp_path / "vars.json").write_text(json.dumps(variables))
    playbook = [{"hosts": "localhost", "gather_facts": False, "tasks": [
        {"name": "monitor", "sitekeeper.website.iis_site_info": {"view": "monitor", "host": "web3", "sites": "{{ sites }}",
                                                                  "facts": "{{ [facts | to_json] }}"},
         "register": "monitor"},
        {"name": "troubleshoot", "sitekeeper.website.iis_site_info": {
            "view": "troubleshoot", "host": "web3", "facts": "{{ facts }}", "secrets": ["Rahasia#2026"]},
         "register": "troubleshoot"},
        {"name": "renewals", "sitekeeper.website.iis_site_info": {"view": "renewals", "host": "web3", "sites": "{{ sites }}",
                                                                   "facts": "{{ certs }}"}, "register": "renewals"},
        {"name": "plan", "sitekeeper.website.iis_site_info": {"view": "log_plan", "host": "web3", "sites": "{{ sites }}",
                                                               "facts": "{{ facts }}", "mirror_dir": "{{ mirror }}"},
         "register": "plan"},
        {"name": "keep", "ansible.builtin.copy": {
            "content": "{{ {'monitor': monitor, 'troubleshoot': troubleshoot, 'renewals': renewals, 'plan': plan} | to_json }}",
            "dest": "{{ out }}", "mode": "0600"}}]}]
    (tmp_path / "play.yml").write_text(yaml.safe_dump(playbook))
    proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
                           "-e", "ansible_python_interpreter=" + sys.executable, "-e", "@" + str(tmp_path / "vars.json"),
                           str(tmp_path / "play.yml")], cwd=REPO, env=env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    out = json.loads((tmp_path / "out.json").read_text())
    checks = {f["check"] for f in out["monitor"]["findings"]}
    assert checks == {"availability.iis_site", "availability.app_pool", "availability.disk_space"}
    assert out["monitor"]["docroot_scan"]["stdout"].startswith("0\t0\t1796176800.250 ")
    assert out["troubleshoot"]["candidate_fixes"] == ["start_service"] and out["troubleshoot"]["changed"] is False
    assert "Rahasia#2026" not in json.dumps(out["troubleshoot"])
    assert {f["check"] for f in out["renewals"]["findings"]} == {"renewals.tls_certificate"}
    assert [r["folder"] for r in out["plan"]["requests"]] == ["D:\\Logs\\IIS\\W3SVC2", "C:\\inetpub\\logs\\LogFiles\\W3SVC3"]


def test_a_site_whose_iis_logs_cannot_be_read_becomes_a_finding(tmp_path):
    """log_audit's windows.yml task itself, run on the controller with a plan that skipped a site."""
    task = next(t for t in tasks_of(os.path.join(REPO, "roles", "log_audit", "tasks", "windows.yml"))
                if t["name"].startswith("Turn each site whose IIS logs"))
    play = [{"hosts": "localhost", "gather_facts": False,
             "vars": {"__log_audit_windows_plan": {"skipped_sites": [{"site": "Mati", "problem": "IIS logging of Mati is off"}]},
                      "log_audit_sites": [{"name": "Mati", "url": "http://mati.pa-contoh.go.id/"}],
                      "out": str(tmp_path / "out.json")},
             "tasks": [task, {"ansible.builtin.copy": {"content": "{{ __log_audit_error_findings | to_json }}",
                                                       "dest": "{{ out }}", "mode": "0600"}}]}]
    (tmp_path / "play.yml").write_text(yaml.safe_dump(play))
    proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
                           "-e", "ansible_python_interpreter=" + sys.executable, str(tmp_path / "play.yml")],
                          cwd=REPO, env=env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
    [finding] = json.loads((tmp_path / "out.json").read_text())
    assert (finding["check"], finding["status"], finding["subject"]) == (
        "audit.log_files", "unknown", "http://mati.pa-contoh.go.id/")
    assert finding["summary"].endswith("could not run: IIS logging of Mati is off")
    assert finding["details"]["summary_id"].startswith("Audit pengunjung")


def run_play(tmp_path, play):
    (tmp_path / "play.yml").write_text(yaml.safe_dump(play))
    proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
                           "-e", "ansible_python_interpreter=" + sys.executable, str(tmp_path / "play.yml")],
                          cwd=REPO, env=env(), capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    return proc


def test_the_database_task_sends_names_and_databases_and_only_those_sites_passwords(tmp_path):
    """site_backup's dump task rendered by Ansible: what would reach the host, and when the task runs."""
    task = next(t for t in tasks_of(os.path.join(REPO, "roles", "site_backup", "tasks", "windows.yml"))
                if "databases.ps1" in str(t.get("ansible.windows.win_powershell", {}).get("script")))
    module = task["ansible.windows.win_powershell"]
    [secret] = module["sensitive_parameters"]
    assert secret["name"] == "Passwords" and task["register"] == "__site_backup_windows_dumped"
    sites = [{"name": "pa-contoh", "url": "https://pa-contoh.go.id/", "iis_site": "PA Contoh",
              "databases": [{"engine": "sqlserver", "name": "SIPP"}, {"engine": "mysql", "name": "joomla",
                                                                      "user": "sk_backup"}]},
             {"name": "pa-contoh-arsip", "databases": []}, {"name": "SIPP"}]
    passwords = {"pa-contoh/joomla": "Rahasia#2026", "pa-contoh-lama/joomla": "bukan-untuk-host-ini",
                 "pn-lain/sipp": "juga-bukan"}
    rendered = dict(task["vars"], __sites=module["parameters"]["Sites"], __passwords=secret["value"],
                    __runs="{{ %s }}" % " and ".join("(%s)" % c for c in task["when"]), out=str(tmp_path / "out.json"))
    copy = {"ansible.builtin.copy": {"content": "{{ {'sites': __sites, 'passwords': __passwords, 'runs': __runs}"
                                                " | to_json }}", "dest": "{{ out }}", "mode": "0600"}}
    for name, these in (("with", sites), ("without", [sites[2]])):
        play = [{"hosts": "localhost", "gather_facts": False, "vars": dict(
            rendered, site_backup_sites=these, site_backup_db_passwords=passwords, out=str(tmp_path / name)),
            "tasks": [copy]}]
        run_play(tmp_path, play)
    out = json.loads((tmp_path / "with").read_text())
    assert out["runs"] is True and json.loads((tmp_path / "without").read_text())["runs"] is False
    # Only the sites with databases, only their names and databases: nothing else of the inventory.
    assert out["sites"] == [{"name": "pa-contoh", "databases": sites[0]["databases"]}]
    # The site's own password, not another site's whose name starts the same way.
    assert json.loads(out["passwords"]) == {"pa-contoh/joomla": "Rahasia#2026"}


def test_the_backup_module_keeps_a_set_with_dumps_through_ansible(tmp_path):
    """windows_backup_set run by Ansible on the controller with both scripts' reports (as win_powershell's output)."""
    from .test_backup_set import DB_SITES, data

    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    report = fetched_set_with_dumps(tmp_path, "web3-" + stamp)
    dumps = json.loads(open(data("databases_backup.json"), encoding="utf-8").read())
    play = [{"hosts": "localhost", "gather_facts": False, "vars": {
        "made": {"output": [json.dumps(report)]}, "dumped": {"output": [json.dumps(dumps)]}, "out": str(tmp_path / "o")},
        "tasks": [{"name": "keep", "sitekeeper.website.windows_backup_set": {
            "host": "web3", "sites": DB_SITES, "report": "{{ made.output }}",
            "databases_report": "{{ dumped.output | default([]) }}", "destination": str(tmp_path / "backups"),
            "set_name": "web3-" + stamp, "min_free_fraction": 0}, "register": "kept"},
            {"ansible.builtin.copy": {"content": "{{ kept | to_json }}", "dest": "{{ out }}", "mode": "0600"}}]}]
    run_play(tmp_path, play)
    kept = json.loads((tmp_path / "o").read_text())
    assert kept["set"] == "web3-" + stamp and kept["status"] == "ok"
    statuses = {f["subject"]: f["status"] for f in kept["findings"] if f["check"] == "backup.database"}
    assert statuses == {"https://pa-contoh.go.id/#sqlserver/SIPP": "ok", "https://pa-contoh.go.id/#mysql/pa_contoh": "ok",
                        "https://pa-contoh.go.id/#mysql/arsip": "critical",
                        "https://pa-contoh.go.id/#sqlserver/SIPP_arsip": "critical"}
    manifest = json.loads((tmp_path / "backups" / ("web3-" + stamp) / "manifest.json").read_text())
    assert [c["kind"] for c in manifest["contents"]] == ["files", "database", "database"]


def fetched_set_with_dumps(tmp_path, set_name):
    """The set's folder as the host's archives and dumps arrive on the controller (pa-contoh's files, a .bak and a
    real mysqldump); returns backup_set.ps1's report of the archive."""
    from .test_backup_set import BAK_BYTES, archive, data

    partial = tmp_path / "backups" / (set_name + ".partial")
    partial.mkdir(parents=True)
    docroot = tmp_path / "docroot"
    docroot.mkdir()
    (docroot / "index.php").write_text("<?php echo 'PA Contoh';\n")
    files = archive(docroot, partial / "files-pa-contoh-docroot.tar.gz")
    (partial / "db-pa-contoh-SIPP.bak").write_bytes(BAK_BYTES)
    (partial / "db-pa-contoh-pa_contoh.sql").write_bytes(open(data("mysqldump_pa_contoh.sql"), "rb").read())
    return {"collected_at": "2026-12-04T02:00:05Z", "computer": "WEB3", "items": [
        dict(files, kind="files", site="pa-contoh", role="docroot", source="D:\\Web\\pa-contoh")],
        "sites": {"pa-contoh": {"iis_site": "PA Contoh", "physical_path": "D:\\Web\\pa-contoh", "problems": []}}}


def kept_set_with_dumps(tmp_path):
    """A verified Windows set holding pa-contoh's files and two dumps, kept by windows_backup_set.keep()."""
    from ansible_collections.sitekeeper.website.plugins.modules import windows_backup_set

    from .test_backup_set import DB_SITES

    set_name = "web3-20261204T020000Z"
    report = fetched_set_with_dumps(tmp_path, set_name)
    windows_backup_set.keep({"host": "web3", "sites": DB_SITES, "report": report, "set_name": set_name,
                             "databases_report": load_json("databases_backup.json"),
                             "destination": str(tmp_path / "backups"), "operator": "", "run_id": ""},
                            "2026-12-04T02:01:30Z")
    return str(tmp_path / "backups" / set_name), set_name, DB_SITES


def restore_tasks():
    return tasks_of(os.path.join(REPO, "roles", "site_backup", "tasks", "windows_restore.yml"))


def test_the_restore_sends_only_the_asked_dumps_and_what_the_script_reads(tmp_path):
    set_path, set_name, sites = kept_set_with_dumps(tmp_path)
    tasks = restore_tasks()
    choose = [t for t in tasks if t["name"].startswith(("Read the set's manifest", "Find where the site lives"))]
    block = next(t for t in tasks if "block" in t)
    restore = next(t for t in block["block"] if "ansible.windows.win_powershell" in t)["ansible.windows.win_powershell"]
    assert restore["parameters"]["Action"] == "restore" and "databases.ps1" in restore["script"]
    variables = {"site_backup_sites": sites, "site_backup_restore_components": ["files", "databases"],
                 "site_backup_restore_databases": [{"engine": "sqlserver", "name": "SIPP", "replace": True},
                                                   {"engine": "mysql", "name": "pa_contoh", "restore_as": "pa_uji"}],
                 "site_backup_db_passwords": {"pa-contoh/pa_contoh": "Rahasia#2026", "pa-contoh-lama/x": "tidak"},
                 "site_backup_restore_target": "", "site_backup_windows_work_dir": "C:\\ProgramData\\Sitekeeper\\backup",
                 "__site_backup_windows_site": "pa-contoh",
                 "__site_backup_windows_staged": {"set": set_name, "set_path": set_path},
                 "__params": restore["parameters"], "__passwords": restore["sensitive_parameters"][0]["value"],
                 "__runs": "{{ %s }}" % block["when"], "out": str(tmp_path / "out.json")}
    copy = {"ansible.builtin.copy": {"content": "{{ {'params': __params, 'passwords': __passwords, 'runs': __runs,"
                                                " 'target': __site_backup_windows_target} | to_json }}",
                                     "dest": "{{ out }}", "mode": "0600"}}
    run_play(tmp_path, [{"hosts": "localhost", "gather_facts": False, "vars": variables, "tasks": choose + [copy]}])
    out = json.loads((tmp_path / "out.json").read_text())
    assert out["runs"] is True and out["target"] == "D:\\Web\\pa-contoh"
    params = out["params"]
    # Only the asked databases' dumps, with what the host checks: the set's SHA-256 and the dump's table count.
    assert [d["file"] for d in params["Dumps"]] == ["db-pa-contoh-SIPP.bak", "db-pa-contoh-pa_contoh.sql"]
    mysql = params["Dumps"][1]
    assert sorted(mysql) == ["database", "engine", "file", "sha256", "tables"] and mysql["tables"] == 3
    assert mysql["sha256"] == hashlib.sha256(open(os.path.join(set_path, mysql["file"]), "rb").read()).hexdigest()
    assert params["Restore"][0]["replace"] is True and params["Sites"] == [
        {"name": "pa-contoh", "databases": sites[0]["databases"]}]
    assert json.loads(out["passwords"]) == {"pa-contoh/pa_contoh": "Rahasia#2026"}
    # One database asked for: only its dump is copied and named to the script.
    variables.update(site_backup_restore_databases=[{"engine": "mysql", "name": "pa_contoh"}],
                     out=str(tmp_path / "one.json"))
    run_play(tmp_path, [{"hosts": "localhost", "gather_facts": False, "vars": variables, "tasks": choose + [copy]}])
    assert [d["file"] for d in json.loads((tmp_path / "one.json").read_text())["params"]["Dumps"]] == [
        "db-pa-contoh-pa_contoh.sql"]
    # Databases not asked for: nothing is sent and the block does not run.
    variables.update(site_backup_restore_components=["files"], out=str(tmp_path / "none.json"))
    run_play(tmp_path, [{"hosts": "localhost", "gather_facts": False, "vars": variables, "tasks": choose + [copy]}])
    assert json.loads((tmp_path / "none.json").read_text())["runs"] is False


@pytest.mark.parametrize("refused", [True, False])
def test_a_database_the_host_did_not_restore_stops_the_restore(tmp_path, refused):
    stop = next(t for t in next(t for t in restore_tasks() if "block" in t)["block"] if "ansible.builtin.fail" in t)
    said = load_json("databases_restore.json")
    if not refused:
        said["restores"] = [r for r in said["restores"] if not r["error"]]
    play = [{"hosts": "localhost", "gather_facts": False, "tasks": [stop],
             "vars": {"__site_backup_windows_db_restored": {"output": [json.dumps(said)]}}}]
    (tmp_path / "play.yml").write_text(yaml.safe_dump(play))
    proc = subprocess.run([os.path.join(BIN, "ansible-playbook"), "-i", "localhost,", "-c", "local",
                           "-e", "ansible_python_interpreter=" + sys.executable, str(tmp_path / "play.yml")],
                          cwd=REPO, env=env(), capture_output=True, text=True, timeout=300)
    assert (proc.returncode != 0) is refused, proc.stdout[-2000:]
    assert ("set replace: true in site_backup_restore_databases" in proc.stdout) is refused


@pytest.mark.parametrize("with_databases", [False, True])
def test_the_restore_says_what_it_did_to_each_database(tmp_path, with_databases):
    say = next(t for t in restore_tasks() if t["name"].startswith("Say what the restore did"))
    variables = {"__site_backup_windows_site": "pa-contoh", "__site_backup_windows_staged": {"set": "web3-x"},
                 "__site_backup_windows_target": "D:\\Web\\pa-contoh", "__site_backup_windows_copied": {"changed": True},
                 "site_backup_restore_components": ["files", "databases"]}
    if with_databases:
        variables["__site_backup_windows_db_restored"] = {"output": [json.dumps(load_json("databases_restore.json"))]}
    proc = run_play(tmp_path, [{"hosts": "localhost", "gather_facts": False, "vars": variables, "tasks": [say]}])
    said = "; database sqlserver/SIPP: restored; database mysql/pa_contoh: refused"
    assert "on localhost: files were copied" + (said if with_databases else " ") in proc.stdout
