"""The layout rules of docs/architecture.md, checked so they cannot drift.

- plugins/module_utils/ holds only __init__.py, findings.py and packages;
- a concern imports the core and the findings contract, never another concern;
- no function under plugins/ is longer than 120 lines, no class longer than 400;
- AnsiballZ packs every module_utils file a module needs (one module per package).
"""

import ast
import base64
import glob
import io
import os
import re
import subprocess
import sys
import zipfile

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MU_DIR = os.path.join(REPO, "plugins", "module_utils")
MU = "ansible_collections.sitekeeper.website.plugins.module_utils"
SHARED = ("core",)  # packages every concern may import (besides findings.py)
MAX_FUNCTION_LINES = 120
MAX_CLASS_LINES = 400


def packages():
    return sorted(d for d in os.listdir(MU_DIR) if os.path.isdir(os.path.join(MU_DIR, d)) and d != "__pycache__")


def python_files(top):
    return sorted(glob.glob(os.path.join(top, "**", "*.py"), recursive=True))


def imported_module_utils(path):
    """Dotted module_utils names (below MU) that a file imports, including imports inside functions."""
    tree = ast.parse(open(path, encoding="utf-8").read())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(MU):
            base = node.module[len(MU):].lstrip(".")
            for alias in node.names:
                candidate = "%s.%s" % (base, alias.name) if base else alias.name
                found.add(candidate if os.path.exists(os.path.join(MU_DIR, *candidate.split(".")) + ".py")
                          else base)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(MU + "."):
                    found.add(alias.name[len(MU) + 1:])
    return {name for name in found if name}


def test_module_utils_holds_only_packages_and_the_contract():
    entries = set(os.listdir(MU_DIR)) - {"__pycache__"}
    files = {e for e in entries if os.path.isfile(os.path.join(MU_DIR, e))}
    assert files <= {"__init__.py", "findings.py"}, files
    assert len(packages()) >= 5
    for pkg in packages():
        assert os.path.isfile(os.path.join(MU_DIR, pkg, "__init__.py")), pkg


def test_concerns_import_only_the_core_and_the_contract():
    wrong = []
    for pkg in packages():
        for path in python_files(os.path.join(MU_DIR, pkg)):
            for name in imported_module_utils(path):
                top = name.split(".")[0]
                if top not in (pkg, "findings") + SHARED:
                    wrong.append("%s imports %s" % (os.path.relpath(path, REPO), name))
    core_wrong = [w for w in wrong if "/core/" in w]
    assert not wrong, wrong
    assert not core_wrong


def test_findings_contract_imports_nothing_of_the_collection():
    assert imported_module_utils(os.path.join(MU_DIR, "findings.py")) == set()


def test_no_oversized_function_or_class():
    too_long = []
    for path in python_files(os.path.join(REPO, "plugins")):
        tree = ast.parse(open(path, encoding="utf-8").read())
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                limit = MAX_CLASS_LINES if isinstance(node, ast.ClassDef) else MAX_FUNCTION_LINES
                length = node.end_lineno - node.lineno + 1
                if length > limit:
                    too_long.append("%s:%d %s is %d lines (limit %d)"
                                    % (os.path.relpath(path, REPO), node.lineno, node.name, length, limit))
    assert not too_long, too_long


def transitive_module_utils(path):
    """Every module_utils file (dotted, below MU) that a module file needs, followed through imports."""
    todo, seen = list(imported_module_utils(path)), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        file = os.path.join(MU_DIR, *name.split(".")) + ".py"
        if os.path.isfile(file):
            todo.extend(imported_module_utils(file))
    return seen


# One module per package: the module that serves it.
PACKED = {
    "audit": "access_log_audit", "probe": "site_probe", "backup": "site_backup", "renewals": "domain_expiry",
    "troubleshoot": "remediation", "report": "situation_report", "core": "history_record",
    "demo": "demo_access_log", "alerts": "site_alerts", "windows": "iis_site_info",
    "docroot": "docroot_scan",
}


def test_every_package_has_a_packing_check():
    assert set(PACKED) == set(packages())


@pytest.mark.parametrize("package", sorted(PACKED))
def test_ansiballz_packs_what_the_module_needs(package, tmp_path):
    module = PACKED[package]
    needed = transitive_module_utils(os.path.join(REPO, "plugins", "modules", module + ".py"))
    assert any(n.split(".")[0] == package for n in needed), (module, needed)
    env = dict(os.environ, ANSIBLE_KEEP_REMOTE_FILES="1", ANSIBLE_PIPELINING="False",
               ANSIBLE_REMOTE_TMP=str(tmp_path / "remote"), ANSIBLE_LOCAL_TEMP=str(tmp_path / "local"),
               ANSIBLE_CONFIG=os.path.join(REPO, "ansible.cfg"),
               ANSIBLE_COLLECTIONS_PATH=os.path.join(REPO, "collections"))
    # The payload must be self-sufficient: nothing of the checkout on the module's import path.
    env.pop("PYTHONPATH", None)
    bindir = os.path.dirname(sys.executable)
    # An option that no module has: the module imports everything, then refuses its arguments.
    proc = subprocess.run(
        [os.path.join(bindir, "ansible"), "localhost", "-m", "sitekeeper.website." + module,
         "-a", '{"sitekeeper_layout_probe": 1}', "-e", "ansible_python_interpreter=" + sys.executable],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    out = proc.stdout + proc.stderr
    # An argument error is AnsibleModule's own answer, given only after every import succeeded.
    assert re.search(r"Unsupported parameters|missing required arguments|one of the following is required", out), \
        out[-2000:]
    assert "MODULE FAILURE" not in out and "ModuleNotFoundError" not in out and "ImportError" not in out, out[-2000:]
    payloads = glob.glob(str(tmp_path / "remote" / "**" / ("AnsiballZ_%s.py" % module)), recursive=True)
    assert payloads, "no AnsiballZ payload kept under %s" % (tmp_path / "remote")
    text = open(payloads[0], encoding="utf-8").read()
    # The payload carries the zip as one base64 literal (`zip_data='...'`; ZIPDATA in older cores).
    data = re.search(r"^(?:zip_data|ZIPDATA)\s*=\s*r?['\"]{1,3}([A-Za-z0-9+/=\s]+?)['\"]{1,3}", text, re.M)
    assert data, "no ZIPDATA in the payload"
    names = zipfile.ZipFile(io.BytesIO(base64.b64decode(data.group(1)))).namelist()
    packed = {n[len("ansible_collections/sitekeeper/website/plugins/module_utils/"):-3].replace("/", ".")
              for n in names if n.startswith("ansible_collections/sitekeeper/website/plugins/module_utils/")
              and n.endswith(".py")}
    missing = sorted(n for n in needed if n not in packed)
    assert not missing, (module, missing)
