"""Bad input: every odd file is counted, never a crash, never a path outside the given trees."""

import os
import stat

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.docroot import walk
from tests.unit.docroot.conftest import flagged_paths, scan

SHELL = b"<?php if (isset($_POST['c'])) { eval($_POST['c']); } ?>\n"


def test_huge_file_is_hashed_not_analysed(tmp_path):
    big = tmp_path / "big.php"
    big.write_bytes(SHELL + b"/*" + b"x" * 5000 + b"*/\n")
    result = scan([tmp_path], max_file_size=1000, state_path=str(tmp_path.parent / "state.json"))
    assert result["counts"]["skipped"]["too_large"] == 1
    assert result["flagged"] == []  # above the size: not analysed ...
    first = result["changes"][str(tmp_path)]
    big.write_bytes(SHELL + b"/*" + b"y" * 5000 + b"*/\n")
    again = scan([tmp_path], max_file_size=1000, state_path=str(tmp_path.parent / "state.json"))
    # ... but hashed: the change is seen against the baseline.
    assert first["changed"] == [] and again["changes"][str(tmp_path)]["changed"] == ["big.php"]


def test_binary_named_php_is_counted(tmp_path):
    (tmp_path / "blob.php").write_bytes(bytes(range(256)) * 64)
    result = scan([tmp_path])
    assert result["counts"]["skipped"]["binary"] == 1
    assert result["flagged"] == []


def test_symlink_to_etc_is_not_followed(tmp_path):
    os.symlink("/etc", tmp_path / "etc")
    os.symlink("/etc/passwd", tmp_path / "passwd.php")
    (tmp_path / "index.php").write_bytes(b"<?php echo 'hi';\n")
    result = scan([tmp_path])
    assert result["counts"]["skipped"]["symlink_outside"] == 2
    assert result["counts"]["files"] == 1
    assert all(f["path"].startswith(str(tmp_path)) for f in result["flagged"])


def test_symlink_loop_is_counted(tmp_path):
    sub = tmp_path / "a"
    sub.mkdir()
    os.symlink("..", sub / "up")
    os.symlink("self", tmp_path / "self")
    (sub / "x.php").write_bytes(SHELL)
    result = scan([tmp_path])
    assert result["counts"]["skipped"]["loop"] == 2
    assert list(flagged_paths(result)) == ["a/x.php"]


def test_link_inside_the_tree_is_scanned_once(tmp_path):
    (tmp_path / "real.php").write_bytes(SHELL)
    os.symlink("real.php", tmp_path / "alias.php")
    result = scan([tmp_path])
    assert result["counts"]["skipped"]["symlink_inside"] == 1
    assert list(flagged_paths(result)) == ["real.php"]


def test_file_that_vanishes_while_scanned(tmp_path, monkeypatch):
    (tmp_path / "a.php").write_bytes(SHELL)
    (tmp_path / "b.php").write_bytes(SHELL)
    real = walk.read_hashed

    def vanish_then_read(path, keep):
        if path.endswith("b.php"):
            os.unlink(path)  # deleted between the directory listing and the read
        return real(path, keep)

    monkeypatch.setattr(walk, "read_hashed", vanish_then_read)
    result = scan([tmp_path])
    assert result["counts"]["skipped"]["vanished"] == 1
    assert list(flagged_paths(result)) == ["a.php"]


def test_unreadable_file_is_counted(tmp_path):
    # A FIFO cannot be read as a file by anyone, root included (chmod 000 does not stop root).
    os.mkfifo(tmp_path / "pipe.php")
    secret = tmp_path / "secret.php"
    secret.write_bytes(SHELL)
    secret.chmod(0)
    result = scan([tmp_path])
    skipped = result["counts"]["skipped"]
    assert skipped["not_regular"] == 1
    if os.geteuid() != 0:
        assert skipped["unreadable"] == 1
    secret.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_undecodable_names_are_counted_and_printable(tmp_path):
    name = os.fsencode(str(tmp_path)) + b"/sh\xff\xfe.php"
    with open(name, "wb") as handle:
        handle.write(SHELL)
    result = scan([tmp_path])
    assert result["counts"]["skipped"]["bad_name"] == 1
    (only,) = result["flagged"]
    assert only["path"].endswith("sh\ufffd\ufffd.php")
    only["path"].encode("utf-8")  # JSON-safe


def test_missing_folder_is_a_problem_not_a_crash(tmp_path):
    result = scan([tmp_path / "nope"])
    assert result["counts"]["skipped"]["missing_root"] == 1
    assert result["problems"]
    scan_finding = [f for f in result["findings"] if f["check"] == "docroot.scan"][0]
    assert scan_finding["status"] == "unknown"


def test_max_files_stops_with_a_count(tmp_path):
    for i in range(5):
        (tmp_path / ("f%d.php" % i)).write_bytes(b"<?php echo 1;\n")
    result = scan([tmp_path], max_files=3)
    assert result["counts"]["files"] == 3
    assert result["counts"]["skipped"]["max_files"] == 1
    assert any("max_files" in p for p in result["problems"])


@pytest.mark.parametrize("spelled", ["{root}", "{root}/", "{root}//", "{parent}/./{name}"])
def test_relative_paths_do_not_depend_on_how_the_root_is_written(tmp_path, spelled):
    root = tmp_path / "site"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "x.php").write_bytes(b"<?php echo 1;")
    (root / "top.php").write_bytes(b"<?php echo 2;")
    given = spelled.format(root=root, parent=tmp_path, name="site")
    found = sorted(rel for _root, rel, _abs, _st in walk.Walker([given]))
    assert found == sorted([os.path.join("a", "b", "x.php"), "top.php"])
