"""Writing files (pipeline.files): atomic, only when the bytes change, permissions kept."""

from __future__ import annotations

import errno
import os

import pytest

from pipeline.errors import PipelineError
from pipeline.files import file_stamp, write_atomically, write_if_changed


def test_write_if_changed_writes_once(tmp_path):
    path = tmp_path / "sub" / "a.txt"
    assert write_if_changed(path, b"x").written
    stamp = file_stamp(path)
    assert not write_if_changed(path, b"x").written and file_stamp(path) == stamp
    assert write_if_changed(path, b"yz").written and path.read_bytes() == b"yz"


def test_atomic_write_keeps_the_file_mode_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "a.po"
    path.write_bytes(b"old")
    os.chmod(path, 0o600)
    write_atomically(path, b"new")
    assert path.read_bytes() == b"new" and path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_an_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "a.po"
    path.write_bytes(b"old")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(path, b"new")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_file_stamp_of_a_missing_file_is_none(tmp_path):
    assert file_stamp(tmp_path / "none") is None
    (tmp_path / "a").write_bytes(b"abc")
    assert file_stamp(tmp_path / "a")[1] == 3


def test_an_os_error_names_the_file_and_the_action_not_the_temporary(tmp_path, monkeypatch):
    path = tmp_path / "a.po"
    path.write_bytes(b"old")

    def full(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(PipelineError) as raised:
        write_atomically(path, b"new")
    assert str(raised.value) == f"{path}: cannot write (No space left on device)"
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["a.po"]
