"""Every boolean role variable accepts the string forms `-e` gives ("false", "no", "0"): `-e X=false` sets the
string "false", which Jinja finds true. So each boolean is typed `bool` in its role's argument spec (the spec
check then refuses a value that is no boolean) and each use in a condition goes through `| bool`; a plain
module option (`option: "{{ X }}"`) is converted by the module itself."""

from __future__ import annotations

import pathlib
import re

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
ROLES = sorted(p.parent.parent for p in ROOT.glob("roles/*/meta/argument_specs.yml"))


def spec_options(role):
    specs = yaml.safe_load((role / "meta" / "argument_specs.yml").read_text())["argument_specs"]
    return {name: opt for entry in specs.values() for name, opt in (entry.get("options") or {}).items()}


def boolean_defaults(role):
    """The role's variables whose default (defaults/*.yml) is a YAML boolean."""
    names = set()
    for path in sorted((role / "defaults").glob("*.yml")):
        for name, value in (yaml.safe_load(path.read_text()) or {}).items():
            if isinstance(value, bool):
                names.add(name)
    return names


def booleans():
    return sorted({name for role in ROLES for name in boolean_defaults(role)
                   | {n for n, o in spec_options(role).items() if o.get("type") == "bool"}})


@pytest.mark.parametrize("role", ROLES, ids=lambda p: p.name)
def test_boolean_defaults_are_typed_bool_in_the_argument_spec(role):
    options = spec_options(role)
    untyped = [name for name in boolean_defaults(role) if options.get(name, {}).get("type") != "bool"]
    assert not untyped, "%s: boolean defaults not typed bool in meta/argument_specs.yml: %s" % (role.name, untyped)


# A whole module option, `option: "{{ X }}"`, is converted by the module's own bool type.
_WHOLE_OPTION = r"^\s*[a-z_]+:\s*\"\{\{\s*%s\s*\}\}\"\s*$"


def uses_without_bool(text, name):
    bad = []
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(r"^\s*%s\s*:" % name, line) or re.match(_WHOLE_OPTION % name, line):
            continue
        for match in re.finditer(r"(?<![\w.])%s\b(?!\s*(\|\s*default\([^)]*\)\s*)?\|\s*(ansible\.builtin\.)?bool)(?!\s*:)" % name, line):
            # A name inside a comment is no use.
            if "#" in line[:match.start()] and not line.lstrip().startswith(("-", "{{", "{%")):
                continue
            bad.append("%d: %s" % (number, line.strip()))
    return bad


def task_files():
    files = sorted(ROOT.glob("roles/*/tasks/*.yml")) + sorted(ROOT.glob("roles/*/handlers/*.yml"))
    return files + sorted(ROOT.glob("playbooks/*.yml"))


@pytest.mark.parametrize("path", task_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_each_condition_on_a_boolean_goes_through_the_bool_filter(path):
    text = path.read_text()
    bad = {name: uses_without_bool(text, name) for name in booleans()}
    bad = {name: lines for name, lines in bad.items() if lines}
    assert not bad, "%s uses booleans without | bool: %s" % (path.relative_to(ROOT), bad)
