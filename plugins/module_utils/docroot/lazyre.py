# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Regular expressions compiled at their first use.

The engine's modules hold some three hundred patterns. Compiling them all when the modules are imported took about
0.06 s of every run, and a re-scan of a few changed files uses about a third of them (82 of 259 on 86 changed files
of the held-out tree). A full scan compiles them all before it forks its workers (compile_all()), so that the
workers share them.
"""

from __future__ import annotations

import re

_EVERY = []
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)``: its ``pattern`` is known at once, everything else compiles it."""

    def __init__(self, pattern, flags=0):
        self.pattern, self._flags, self._rx = pattern, flags, None
        _EVERY.append(self)

    def compiled(self):
        if self._rx is None:
            self._rx = re.compile(self.pattern, self._flags)
            for name in _METHODS:  # the compiled pattern's own methods: later calls cost what a compiled pattern's do
                setattr(self, name, getattr(self._rx, name))
        return self._rx

    def __getattr__(self, name):  # only reached for what compiled() has not set on the instance (groups, flags ...)
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.compiled(), name)


def pattern(source, flags=0):
    """What ``re.compile(source, flags)`` gives, compiled at its first use."""
    return LazyPattern(source, flags)


def compile_all():
    """Compile every pattern not compiled yet."""
    for lazy in _EVERY:
        lazy.compiled()
