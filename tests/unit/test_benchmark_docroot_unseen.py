"""benchmarks/docroot_unseen.py: which files it counts (the scan itself is docroot_scan.py's, tested there)."""

import subprocess

from benchmarks import docroot_unseen as unseen


def _repo(path, files):
    path.mkdir(parents=True)
    for name, data in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    git = ["git", "-C", str(path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "corpus"], check=True)
    return str(path)


def test_only_unseen_php_files_are_counted_once_with_their_labels(tmp_path):
    labelled = _repo(tmp_path / "owner+samples", {
        "samples/webshell/a.php": b"<?php eval($_POST['a']);",
        "samples/webshell/copy.php": b"<?php system($_GET['c']);",
        "samples/webshell/readme.md": b"not PHP",
        "samples/nonwebshell/b.php": b"<?php echo 'hello';",
        "other/c.php": b"<?php // neither label",
    })
    shells = _repo(tmp_path / "evasions", {"x.php": b"<?php system($_GET['c']);", "y.phtml": b"<?php assert($_GET[1]);"})
    known = {unseen.hashlib.sha256(b"<?php eval($_POST['a']);").hexdigest()}
    files = unseen.unseen_files(labelled, [shells], known)
    assert sorted((source, label, data) for source, label, data in files) == [
        ("evasions", "webshell", b"<?php assert($_GET[1]);"),
        ("owner+samples", "benign", b"<?php echo 'hello';"),
        ("owner+samples", "webshell", b"<?php system($_GET['c']);"),  # x.php is the same content: counted once
    ]


def test_source_name_of_a_mirror_and_counts_per_source():
    assert unseen.source_name("/work/.mirror/owner+name/repo") == "owner+name"
    assert unseen.source_name("/work/.mirror/owner+name/repo/.git") == "owner+name"
    assert unseen.source_name("/data/evasions/") == "evasions"
    records = {"f1.php": ("s", "webshell"), "f2.php": ("s", "webshell"), "f3.php": ("s", "benign")}
    assert unseen.count(records, {"f1.php", "f3.php"}) == {"s/benign": [1, 1], "s/webshell": [1, 2]}


def test_the_applications_looked_at_are_counted_apart_with_every_copy_of_their_files(tmp_path):
    looked = sorted(unseen.LOOKED_AT)[0]
    labelled = _repo(tmp_path / "owner+samples", {
        "samples/nonwebshell/%s/a.php" % looked: b"<?php echo 'looked at';",
        "samples/nonwebshell/other-app/copy.php": b"<?php echo 'looked at';",
        "samples/nonwebshell/other-app/b.php": b"<?php echo 'unseen';",
        "samples/webshell/%s/s.php" % looked: b"<?php eval($_POST['a']);",
    })
    files = unseen.unseen_files(labelled, [], set())
    assert sorted((source, label, data) for source, label, data in files) == [
        ("owner+samples", "benign", b"<?php echo 'unseen';"),
        ("owner+samples", "webshell", b"<?php eval($_POST['a']);"),  # only benign applications were looked at
        ("owner+samples/looked-at", "benign", b"<?php echo 'looked at';"),
    ]
