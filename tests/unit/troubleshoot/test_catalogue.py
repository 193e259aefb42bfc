"""The remediation catalogue (plugins/module_utils/troubleshoot/catalogue.py) is the one place a fix is declared.

Everything that must stay literal elsewhere (the module's DOCUMENTATION for ansible-doc, the roles' generated
vars, the argument specs, the docs table, the playbook's tag comment) is compared with it here, so they cannot
drift. SITEKEEPER_REGENERATE=1 rewrites the generated files (role vars, docs table) instead of failing.
"""

import ast
import os
import pathlib

import pytest
import yaml

from ansible_collections.sitekeeper.website.plugins.module_utils import findings as fnd
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import catalogue as cat
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import diagnose as dg
from ansible_collections.sitekeeper.website.plugins.module_utils.troubleshoot import remediation as rem

ROOT = pathlib.Path(__file__).resolve().parents[3]
REGENERATE = os.environ.get("SITEKEEPER_REGENERATE") == "1"
HEADER = ("---\n# Generated from plugins/module_utils/troubleshoot/catalogue.py - do not edit by hand.\n"
          "# tests/unit/troubleshoot/test_catalogue.py checks it; SITEKEEPER_REGENERATE=1 rewrites it.\n")
TABLE_START = "<!-- catalogue table: generated from catalogue.docs_table() -->\n"
TABLE_END = "<!-- end of catalogue table -->\n"


def _flow(value):
    """A list or mapping on one line, in YAML flow style (what the hand-written role files use)."""
    if isinstance(value, dict):
        return "{%s}" % ", ".join("%s: %s" % (key, _flow(item)) for key, item in value.items())
    if isinstance(value, list):
        return "[%s]" % ", ".join(_flow(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def render_vars(variables: dict) -> str:
    lines = [HEADER.rstrip("\n")]
    for name, value in variables.items():
        if isinstance(value, dict):
            lines.append("%s:" % name)
            lines.extend("  %s: %s" % (key, _flow(item)) for key, item in value.items())
        else:
            lines.append("%s: %s" % (name, _flow(value)))
    return "\n".join(lines) + "\n"


def check_generated(path: pathlib.Path, wanted: str):
    current = path.read_text() if path.exists() else ""
    if current != wanted and REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(wanted)
        current = wanted
    assert current == wanted, "%s is out of date: run SITEKEEPER_REGENERATE=1 pytest %s" % (
        path.relative_to(ROOT), pathlib.Path(__file__).relative_to(ROOT))


def module_documentation(name: str) -> dict:
    tree = ast.parse((ROOT / "plugins" / "modules" / name).read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "DOCUMENTATION":
            return yaml.safe_load(node.value.value)
    raise AssertionError("no DOCUMENTATION in %s" % name)


def test_module_documented_choices_are_the_registered_steps():
    options = module_documentation("remediation.py")["options"]
    assert options["fix"]["choices"] == list(cat.STEPS)
    # Every option a step takes is an option of the module.
    for entry in cat.STEPS.values():
        assert entry.target in options and set(entry.options) <= set(options), entry.name


def test_every_fix_has_a_registered_step_whose_function_does_it():
    assert [fix.id for fix in cat.FIXES] == list(cat.IDS) and len(set(cat.IDS)) == len(cat.IDS)
    for fix in cat.FIXES:
        assert fix.step in cat.STEPS, fix.id
        assert fix.targets in ("services", "sites", "disk", "addresses"), fix.id
        assert fix.text and fix.text_id and fix.problem and fix.does and fix.verified_by, fix.id
        if fix.prepare:
            assert (ROOT / ("roles/remediate/tasks/prepare_%s.yml" % fix.id)).is_file(), fix.id
    # Each step is a fix's step, the known-good copy that rollback_config needs, or the quarantine that
    # quarantine_files' preparation runs (verify_quarantine judges it).
    assert set(cat.STEPS) == {fix.step for fix in cat.FIXES} | {"config_snapshot", "quarantine_files"}
    assert cat.STEPS["fix_permissions"].function is rem.fix_permissions


def test_module_required_if_follows_the_steps():
    required = {name: options for _key, name, options in cat.required_if()}
    assert required["start_service"] == ("service",) and required["free_disk"] == ("disk",)
    assert required["verify_site"] == ("site",) and "verify_block" not in required


def test_run_step_passes_the_step_options(tmp_path):
    params = {"addresses": ["203.0.113.9"], "block": {"blocked": ["203.0.113.9"]}, "site": None}
    out = cat.run_step("verify_block", "web1", params, check_mode=True)
    assert out["finding"]["check"] == "remediate.block_attackers" and out["verified"]
    site = {"name": "pn", "docroot": str(tmp_path)}
    (tmp_path / "index.html").write_text("hello")
    os.chmod(tmp_path / "index.html", 0o600)
    predicted = cat.run_step("fix_permissions", "web1", {"site": site}, check_mode=True)
    assert predicted["changed"] and predicted["finding"]["status"] == "warning"
    assert os.stat(tmp_path / "index.html").st_mode & 0o777 == 0o600


def test_actions_and_candidate_fixes_come_from_the_catalogue():
    act = cat.fix_action("free_disk")
    assert act == {"text": cat.BY_ID["free_disk"].text, "playbook": "remediate", "tag": "free_disk",
                   "text_id": cat.BY_ID["free_disk"].text_id}
    vendor = cat.vendor_action()
    assert vendor["playbook"] == "troubleshoot" and vendor["tag"] is None and vendor["text_id"]
    finding = fnd.make_finding(7, "troubleshoot.x", "web1", "s", "critical", "bad",
                               suggested_actions=[cat.fix_action("fix_permissions"), cat.fix_action("start_service")])
    ok = fnd.make_finding(7, "troubleshoot.y", "web1", "s", "ok", "fine", suggested_actions=[cat.fix_action("free_disk")])
    assert dg.candidate_fixes([finding, ok]) == ["start_service", "fix_permissions"]
    assert cat.NON_DESTRUCTIVE == ("start_service", "rollback_config", "free_disk", "fix_permissions")


def test_remediate_role_vars_are_generated_from_the_catalogue():
    check_generated(ROOT / "roles/remediate/vars/main.yml", render_vars(cat.role_vars()))
    loaded = yaml.safe_load((ROOT / "roles/remediate/vars/main.yml").read_text())
    assert loaded == cat.role_vars()
    assert loaded["__remediate_catalogue"][:2] == ["rollback_config", "start_service"]


def test_troubleshoot_role_vars_are_generated_from_the_catalogue():
    wanted = {"__troubleshoot_non_destructive": list(cat.NON_DESTRUCTIVE)}
    check_generated(ROOT / "roles/troubleshoot/vars/main.yml", render_vars(wanted))


def test_docs_table_is_generated_from_the_catalogue():
    path = ROOT / "docs/troubleshoot.md"
    text = path.read_text()
    assert TABLE_START in text and TABLE_END in text
    head, rest = text.split(TABLE_START, 1)
    tail = rest.split(TABLE_END, 1)[1]
    check_generated(path, head + TABLE_START + cat.docs_table() + TABLE_END + tail)


@pytest.mark.parametrize("role,variable", [("remediate", "remediate_unattended_fixes"),
                                           ("troubleshoot", "troubleshoot_unattended_fixes")])
def test_documented_allowlist_defaults_are_the_non_destructive_fixes(role, variable):
    specs = yaml.safe_load((ROOT / "roles" / role / "meta/argument_specs.yml").read_text())
    assert specs["argument_specs"]["main"]["options"][variable]["default"] == list(cat.NON_DESTRUCTIVE)


def test_every_fix_is_named_where_people_choose_it():
    specs = yaml.safe_load((ROOT / "roles/remediate/meta/argument_specs.yml").read_text())
    described = specs["argument_specs"]["main"]["options"]["remediate_fixes"]["description"]
    playbook = (ROOT / "playbooks/remediate.yml").read_text()
    tag_line = next(line for line in playbook.splitlines() if line.startswith("# Tags:"))
    assert tag_line.split(":", 1)[1].split() == list(cat.IDS)
    for fix_id in cat.IDS:
        assert fix_id in described, fix_id
    # The remediate role's task that carries the fixes' tags for --list-tags.
    tasks = yaml.safe_load((ROOT / "roles/remediate/tasks/main.yml").read_text())
    listed = next(task["tags"] for task in tasks if task.get("ansible.builtin.meta") == "noop")
    assert listed == list(cat.IDS)


def test_docs_name_every_module_step():
    docs = (ROOT / "docs/troubleshoot.md").read_text()
    module_part = docs.split("- **`remediation`**", 1)[1].split("- **`incident_record`**", 1)[0]
    for name in cat.STEPS:
        assert "`%s`" % name in module_part, name
