"""scripts/vendor_generic_rules.py writes the rule text as one string literal that gives the text back exactly."""

import ast
import importlib.util
import os
import random

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def _generator():
    spec = importlib.util.spec_from_file_location("vendor_generic_rules",
                                                  os.path.join(REPO, "scripts", "vendor_generic_rules.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read_back(lines):
    return ast.literal_eval('"""\\\n' + "\n".join(lines) + "\n")


def test_any_text_comes_back_exactly_in_short_lines_without_trailing_whitespace():
    vendor = _generator()
    rnd = random.Random(7)
    # The characters that need care: escapes, quotes, a backslash where a line is cut, tabs and spaces at the ends.
    alphabet = ['\\', '"', "'", "\t", " ", "\n", "\r", "a", "$", "{", "}", "x", "é"]
    texts = ["", "\n", '"', '""', "a\\", "\\\n", "a \n", " " * 300, "\\" * 250 + "\n", '"' * 111]
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 600))) for _ in range(300)]
    for text in texts:
        lines = vendor.literal_lines(text)
        assert _read_back(lines) == text, repr(text)
        assert all(len(line) <= vendor.WIDTH + 3 for line in lines)  # the closing quotes may pass it
        assert all(line == line.rstrip() for line in lines)


def test_the_vendored_modules_are_written_as_the_generator_writes_them():
    from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import generic_rules, known_rules

    vendor = _generator()
    for module in (generic_rules, known_rules):
        with open(module.__file__, encoding="utf-8") as handle:
            source = handle.read()
        assert source.endswith('\nRULES = """\\\n' + "\n".join(vendor.literal_lines(module.RULES)) + "\n")
