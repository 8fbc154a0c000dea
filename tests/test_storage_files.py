"""Where reader's files live, atomic writes, and moving a damaged file aside."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reader.core.storage import paths
from reader.core.storage.atomic import move_aside, write_bytes_atomic, write_text_atomic


def test_directories_follow_the_xdg_variables(isolated_user_dirs: Path) -> None:
    assert paths.config_dir() == isolated_user_dirs / "xdg_config_home" / "reader"
    assert paths.data_dir() == isolated_user_dirs / "xdg_data_home" / "reader"
    assert paths.cache_dir() == isolated_user_dirs / "xdg_cache_home" / "reader"
    assert paths.settings_path().name == "settings.toml"
    assert paths.state_path().parent == paths.data_dir()
    assert paths.page_cache_path().parent == paths.cache_dir()


def test_directories_are_created_only_when_written_and_private() -> None:
    assert not paths.config_dir().exists()
    write_text_atomic(paths.settings_path(), "scale = 2\n")
    mode = stat.S_IMODE(paths.config_dir().stat().st_mode)
    assert mode == 0o700
    assert stat.S_IMODE(paths.settings_path().stat().st_mode) == 0o600


def test_atomic_write_replaces_the_file_and_leaves_no_temporary_files(tmp_path: Path) -> None:
    target = tmp_path / "out" / "file.txt"
    write_text_atomic(target, "first")
    write_bytes_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.txt"]


def test_failed_atomic_write_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    write_text_atomic(target, "kept")

    with pytest.raises(TypeError):  # the write fails after the temporary file exists
        write_bytes_atomic(target, "not bytes")  # type: ignore[arg-type]
    directory = tmp_path / "a-directory"
    directory.mkdir()
    with pytest.raises(OSError):  # the rename fails
        write_bytes_atomic(directory, b"cannot replace a directory")
    assert target.read_text() == "kept"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-directory", "file.txt"]


def test_move_aside_keeps_the_content_under_a_timestamped_name(tmp_path: Path) -> None:
    target = tmp_path / "settings.toml"
    target.write_text("broken = [")
    first = move_aside(target)
    target.write_text("broken again = [")
    second = move_aside(target)
    assert not target.exists()
    assert first != second
    for backup in (first, second):
        assert backup.parent == tmp_path
        assert backup.name.startswith("settings.toml.corrupt-")
    assert first.read_text() == "broken = ["
    assert second.read_text() == "broken again = ["
    assert len(os.listdir(tmp_path)) == 2


def test_temporary_files_left_by_a_killed_writer_are_cleaned_up_later(tmp_path: Path) -> None:
    target = tmp_path / "settings.toml"
    old = tmp_path / ".settings.toml.abc123.tmp"
    recent = tmp_path / ".settings.toml.def456.tmp"
    for leftover in (old, recent):
        leftover.write_text("half a file")
    os.utime(old, (0, 0))
    write_text_atomic(target, "scale = 2\n")
    assert not old.exists()
    assert recent.exists()  # may belong to a writer that is still running
