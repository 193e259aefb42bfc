"""Shared pytest setup: import paths and the real loopback services (see tests/harness/)."""

import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# module_utils are imported by FQCN, exactly as Ansible imports them.
sys.path.insert(0, os.path.join(REPO, "collections"))
sys.path.insert(0, os.path.join(REPO, "scripts"))
sys.path.insert(0, REPO)

from tests.harness.fixtures import *  # noqa: E402,F401,F403  the service fixtures
