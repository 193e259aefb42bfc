"""The roles' PowerShell scripts parsed by a PowerShell grammar (tree-sitter-powershell), as far as this machine
can go without PowerShell itself: a syntax error (an unclosed string or block, a stray operator, an argument that
does not parse as one) is an ERROR or MISSING node. The grammar is in requirements.txt (test tools)."""

import os
import re

import pytest
import tree_sitter
import tree_sitter_powershell as powershell

from .test_windows_tasks import scripts

# Valid PowerShell the grammar does not know (checked by hand, each named): numeric multiplier suffixes (16MB).
# It also reads an unquoted native argument such as --routines as the -- operator: the scripts quote those.
GRAMMAR_GAPS = (re.compile(r"\b\d+(KB|MB|GB|TB|PB)\b"),)


def syntax_errors(path):
    """(line, text) of every ERROR or MISSING node, lines the grammar cannot read on its own left out."""
    source = open(path, "rb").read()
    lines = source.decode("utf-8").splitlines()
    tree = tree_sitter.Parser(tree_sitter.Language(powershell.language())).parse(source)
    found, stack = [], [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            line = lines[node.start_point[0]]
            if not any(gap.search(line) for gap in GRAMMAR_GAPS):
                found.append((node.start_point[0] + 1, line.strip()))
            continue
        stack.extend(node.children)
    return sorted(found)


def test_the_grammar_finds_a_syntax_error(tmp_path):
    broken = tmp_path / "broken.ps1"
    broken.write_text("function Get-It {\n    $x = @(1, 2\n}\n")
    assert syntax_errors(str(broken))


@pytest.mark.parametrize("script", scripts(), ids=os.path.basename)
def test_script_parses(script):
    assert syntax_errors(script) == []
