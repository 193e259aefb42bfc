"""Unit tests of the atomic file write (plugins/module_utils/core/files.py), on real files."""

import os
import stat
import threading

import pytest

from ansible_collections.sitekeeper.website.plugins.module_utils.core.files import write_atomic


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_text_is_written_as_utf8_and_replaces_the_old_content(tmp_path):
    target = tmp_path / "memo.md"
    target.write_text("old content that is longer than the new one\n", encoding="utf-8")
    write_atomic(str(target), "Perihal: perpanjangan — domain\n")
    assert target.read_bytes() == "Perihal: perpanjangan — domain\n".encode()
    assert os.listdir(tmp_path) == ["memo.md"]


def test_bytes_are_written_as_they_are(tmp_path):
    target = tmp_path / "report.pdf"
    payload = bytes(range(256)) * 4
    write_atomic(str(target), payload)
    assert target.read_bytes() == payload


def test_mode_is_the_one_asked_for_whatever_the_umask(tmp_path):
    old_umask = os.umask(0o077)
    try:
        write_atomic(str(tmp_path / "public.txt"), "a")
        write_atomic(str(tmp_path / "cursor.json"), "{}", mode=0o600)
        write_atomic(str(tmp_path / "report.html"), "<p>", mode=0o640)
    finally:
        os.umask(old_umask)
    assert _mode(tmp_path / "public.txt") == 0o644
    assert _mode(tmp_path / "cursor.json") == 0o600
    assert _mode(tmp_path / "report.html") == 0o640


def test_a_failed_replace_keeps_the_target_and_leaves_no_temporary_file(tmp_path):
    # A non-empty folder where the file should go: the final rename fails after the data was written.
    target = tmp_path / "state.json"
    target.mkdir()
    (target / "keep").write_text("kept", encoding="utf-8")
    with pytest.raises(OSError):
        write_atomic(str(target), "new")
    assert sorted(os.listdir(tmp_path)) == ["state.json"]
    assert (target / "keep").read_text(encoding="utf-8") == "kept"


def test_a_missing_folder_is_an_error_and_creates_nothing(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomic(str(tmp_path / "absent" / "file.txt"), "x")
    assert os.listdir(tmp_path) == []


def test_anything_but_bytes_or_text_is_refused_and_the_file_is_untouched(tmp_path):
    target = tmp_path / "count.txt"
    target.write_text("3", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(str(target), 5)
    assert target.read_text(encoding="utf-8") == "3"
    assert os.listdir(tmp_path) == ["count.txt"]


def test_a_reader_sees_the_old_or_the_new_content_never_a_mix(tmp_path):
    target = str(tmp_path / "blocklist.conf")
    versions = [b"a" * 262144, b"b" * 131072 + b"\n"]
    write_atomic(target, versions[0])
    stop = threading.Event()
    seen = []

    def read_until_stopped():
        while not stop.is_set():
            with open(target, "rb") as handle:
                seen.append(handle.read())

    reader = threading.Thread(target=read_until_stopped)
    reader.start()
    try:
        for i in range(200):
            write_atomic(target, versions[i % 2])
    finally:
        stop.set()
        reader.join()
    assert seen, "the reader never ran"
    torn = [len(content) for content in seen if content not in versions]
    assert torn == []
    assert os.listdir(tmp_path) == ["blocklist.conf"]
