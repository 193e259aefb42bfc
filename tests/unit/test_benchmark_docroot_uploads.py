"""benchmarks/docroot_uploads.py: the tree it builds, and which code it runs (the scan itself is docroot_scan.py's)."""

import os

from benchmarks import docroot_scan
from benchmarks import docroot_uploads as uploads


def test_the_tree_holds_the_uploads_in_folders_by_month_the_pages_and_one_shell(tmp_path):
    made = uploads.build_tree(str(tmp_path), 1000)
    assert len(made) == 1000 + len(uploads.PAGES) and uploads.SHELL in made
    on_disk = sorted(os.path.relpath(os.path.join(folder, name), tmp_path)
                     for folder, _dirs, names in os.walk(tmp_path) for name in names)
    assert on_disk == sorted(made)
    months = {os.path.dirname(rel) for rel in made if rel.endswith((".pdf", ".jpg", ".png"))}
    assert months == {"wp-content/uploads/2010/%02d" % month for month in (1, 2, 3)}  # 400 files a folder
    pdf = (tmp_path / made[0]).read_bytes()
    assert pdf.startswith(b"%PDF-1.4") and 500 <= len(pdf) - len(uploads.UPLOADS[0][1]) <= 3000
    # The same seed, the same bytes: runs of old and new code read the same tree.
    again = tmp_path / "again"
    uploads.build_tree(str(again), 10)
    assert (again / made[0]).read_bytes() == pdf


def test_a_module_given_in_a_collection_imports_its_own_module_utils():
    module = "/tmp/old/ansible_collections/sitekeeper/website/plugins/modules/docroot_scan.py"
    assert docroot_scan.pythonpath_of(module) == "/tmp/old"
    assert docroot_scan.pythonpath_of("/tmp/loose/docroot_scan.py") is None  # this checkout's, as before
    assert docroot_scan.module_to_run(module, "/unused") == (module, "/tmp/old", "given")
