"""benchmarks/docroot_apps.py: which files of an application it writes, and where (the scan is docroot_scan.py's)."""

from benchmarks import docroot_apps as apps
from tests.unit.test_benchmark_docroot_unseen import _repo

FILES = {
    "upload/index.php": b"<?php echo 'home';",
    "upload/template/list.htm": b"<p><?php echo $t; ?></p>",
    "upload/data/ipdata/tiny.dat": b"\0\x0cID\0<?\t",
    "upload/empty.php": b"",
    "install.md": b"# not served",
}


def test_the_corpus_filter_and_the_prefix_keep_the_applications_own_paths(tmp_path):
    app = _repo(tmp_path / "owner+cms" / "repo", FILES)
    records = apps.write_apps(str(tmp_path / "tree"), [app + ":upload/"])
    assert records == {"s00/index.php": ("owner+cms", "benign"), "s00/template/list.htm": ("owner+cms", "benign")}
    assert (tmp_path / "tree" / "s00" / "template" / "list.htm").read_bytes() == FILES["upload/template/list.htm"]


def test_all_files_keeps_what_a_docroot_holds_each_application_in_its_own_folder(tmp_path):
    first = _repo(tmp_path / "a+one" / "repo", FILES)
    second = _repo(tmp_path / "b+two" / "repo", {"index.php": b"<?php echo 2;"})
    records = apps.write_apps(str(tmp_path / "tree"), [first + ":upload/", second], all_files=True)
    assert sorted(records) == ["s00/data/ipdata/tiny.dat", "s00/empty.php", "s00/index.php", "s00/template/list.htm",
                               "s01/index.php"]
    assert records["s01/index.php"] == ("b+two", "benign")
