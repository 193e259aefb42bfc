# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Optional YARA rules: used only when the admin gives rules and ``yara-python`` imports."""

from __future__ import annotations

import os

WEIGHT = 6  # a rule match is evidence, not a verdict: published rule sets flag ~1 % of benign files


def load(path):
    """(compiled rules or None, a problem sentence or None)."""
    if not path:
        return None, None
    try:
        import yara  # noqa: PLC0415 - optional dependency, imported only when rules are given
    except ImportError:
        return None, "yara_rules given but the yara Python module is not installed; YARA not used"
    files = {}
    if os.path.isdir(path):
        for name in sorted(os.listdir(path)):
            if name.endswith((".yar", ".yara")):
                files[name] = os.path.join(path, name)
    elif os.path.isfile(path):
        files["rules"] = path
    if not files:
        return None, "no YARA rule files at %s" % path
    try:
        return yara.compile(filepaths=files), None
    except Exception as exc:  # noqa: BLE001 - yara.SyntaxError and friends; any failure only disables YARA
        return None, "YARA rules could not be compiled: %s" % str(exc)[:300]


def match(rules, data, ev):
    """Add one ``yara:<rule>`` signal per matching rule to ``ev``."""
    if rules is None:
        return
    try:
        hits = rules.match(data=data, timeout=10)
    except Exception:  # noqa: BLE001 - a timeout or engine error on one file must not stop the scan
        return
    for hit in hits:
        ev.add("yara:%s" % hit.rule, WEIGHT)
