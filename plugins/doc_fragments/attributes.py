# Copyright: Sitekeeper contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The attribute texts every Sitekeeper module shares.

A module lists ``extends_documentation_fragment: [sitekeeper.website.attributes]`` and then
only says, under its own ``attributes``, how far it supports each one (``support``) and,
where that helps, what it does (``details``): Ansible merges the module's entries over
these, so the general meaning is written once. RETURN sections cannot use fragments, so
the shared ``by_host`` return value stays written out in each module.
"""

from __future__ import annotations


class ModuleDocFragment:
    # What each attribute means; the module gives the support level. Every module is Python run on
    # the managed host (or on the controller through delegate_to), hence the platform.
    DOCUMENTATION = r"""
options: {}
attributes:
  check_mode:
    description: Can run with C(--check), then changes nothing on the host and reports what it would change.
  diff_mode:
    description: With C(--diff), returns what it changed (or, in check mode, would change) as a before and after.
  idempotent:
    description: A second run with the same arguments, right after a successful one, changes nothing more.
  platform:
    description: The systems the module can run on.
    support: full
    platforms: posix
"""

    # A module that only reads: check mode is a normal run and there is nothing to diff.
    READ_ONLY = r"""
options: {}
attributes:
  check_mode:
    support: full
    details: It only reads, so it runs the same in check mode.
  diff_mode:
    support: N/A
    details: It changes nothing, so there is no before and after.
  idempotent:
    support: full
    details: It never changes anything.
"""
