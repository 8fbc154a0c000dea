"""Saved state that must not stop reader: a settings file nested 5,000 deep or that is a FIFO,
a history row another program damaged, a keymap of 10,000 keys, a read-only file system."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.core.document import Page
from reader.core.storage import paths
from reader.core.storage.page_cache import PageCache
from reader.core.storage.settings import MAX_KEYMAP_ENTRIES, load_settings, settings_from_dict
from reader.core.storage.state import ReadingPosition, State
from tests.support import httpserver
from tests.support.httpserver import LocalServer

http_server = httpserver.http_server

ARTICLE = (
    b"<html><head><title>Kept</title></head><body><article><p>"
    + b"Words a person would read in reading mode, one after another. " * 20
    + b"</p></article></body></html>"
)
NESTED = "a = " + "[" * 5000 + "]" * 5000


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    return tmp_path


def run_reader_here(*args: str) -> subprocess.CompletedProcess[bytes]:
    """`python -m reader` with this test's isolated folders (from the environment)."""
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, timeout=60, check=False
    )


def test_deeply_nested_settings_are_moved_aside_with_a_warning() -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(NESTED)
    settings, warnings = load_settings()
    assert settings == load_settings(path.with_name("absent.toml"))[0]  # the defaults
    assert len(warnings) == 1 and "nested too deeply" in warnings[0]
    assert not path.exists()
    backups = list(path.parent.glob("settings.toml.corrupt-*"))
    assert len(backups) == 1 and backups[0].read_text() == NESTED


def test_a_web_run_reads_the_page_despite_deeply_nested_settings(
    http_server: LocalServer,
) -> None:
    paths.settings_path().parent.mkdir(parents=True)
    paths.settings_path().write_text(NESTED)
    result = run_reader_here("--plain", http_server.page("/a", ARTICLE))
    assert result.returncode == 0, result.stderr
    assert b"Words a person would read" in result.stdout


def test_a_settings_file_that_is_a_fifo_gives_defaults_and_a_warning() -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    settings, warnings = load_settings()
    assert settings == load_settings(path.with_name("absent.toml"))[0]
    assert warnings == [f"{path} is not a regular file; using default settings"]
    assert path.exists()  # not the user's to lose: left where it is


def test_a_web_run_does_not_wait_on_a_settings_fifo(http_server: LocalServer) -> None:
    paths.settings_path().parent.mkdir(parents=True)
    os.mkfifo(paths.settings_path())
    result = run_reader_here("--plain", http_server.page("/a", ARTICLE))  # hangs if it waits
    assert result.returncode == 0, result.stderr
    assert b"Words a person would read" in result.stdout


def test_a_keymap_of_ten_thousand_keys_is_capped_with_one_warning() -> None:
    keymap = {f"binding.{i}": "ctrl+x" for i in range(10_000)}
    settings, warnings = settings_from_dict({"keymap": keymap})
    assert len(settings.keymap) == MAX_KEYMAP_ENTRIES
    assert len(warnings) == 1 and "10000 entries" in warnings[0]


def test_a_history_row_with_a_time_that_is_not_a_number_is_skipped_and_the_rest_kept() -> None:
    with State() as state:
        state.add_history("https://a.example/", "A", when=100)
        state.add_history("https://b.example/", "B", when=200)
    with sqlite3.connect(paths.state_path()) as conn:
        conn.execute("INSERT INTO history VALUES ('https://x.example/', 't', 'notanumber')")
    with State() as state:
        entries = state.history()
        state.history()
        assert [entry.url for entry in entries] == ["https://b.example/", "https://a.example/"]
        assert len(state.warnings) == 1 and "damaged history" in state.warnings[0]


def test_on_a_read_only_file_system_the_offline_cache_is_still_read(
    http_server: LocalServer, tmp_path: Path
) -> None:
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.skip("needs util-linux unshare and mount to make a read-only mount")
    url = http_server.page("/a", ARTICLE)
    with PageCache() as cache:
        assert cache.put(Page(url=url, text=ARTICLE.decode(), media_type="text/html"))
    cache_dir = str(paths.cache_dir())
    script = (
        f'mount --bind "{cache_dir}" "{cache_dir}" && '
        f'mount -o remount,ro,bind "{cache_dir}" "{cache_dir}" || exit 99; '
        f'"{sys.executable}" -m reader --plain --offline "{url}"'
    )
    result = subprocess.run(
        ["unshare", "-m", "sh", "-c", script], capture_output=True, timeout=60, check=False
    )
    if result.returncode == 99 or b"unshare failed" in result.stderr:
        pytest.skip(f"the kernel refused a read-only mount here: {result.stderr.decode()}")
    assert result.returncode == 0, result.stderr
    assert b"Words a person would read" in result.stdout
    warnings = result.stderr.decode().splitlines()
    assert len(warnings) == 1 and "read only" in warnings[0], warnings


def test_history_positions_and_cache_never_store_a_password() -> None:
    url = "https://reader:s3cretpw@news.example/story"
    with State() as state:
        state.add_history(url, "Story")
        state.save_position(url, ReadingPosition(3, 7))
        assert [entry.url for entry in state.history()] == ["https://reader@news.example/story"]
        assert state.position(url) == ReadingPosition(3, 7)
    with PageCache() as cache:
        assert cache.put(Page(url=url, text="<p>Story</p>", media_type="text/html"), key_url=url)
        cached = cache.get(url)
        assert cached is not None and cached.url == "https://reader@news.example/story"
    for folder in (paths.data_dir(), paths.cache_dir()):
        for file in folder.iterdir():
            assert b"s3cretpw" not in file.read_bytes(), file


def test_a_settings_file_over_a_megabyte_is_moved_aside_with_a_warning() -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "dark"\n' + "# padding\n" * 200_000)
    _, warnings = load_settings()
    assert len(warnings) == 1 and "larger than 1,000,000 bytes" in warnings[0]
    assert not path.exists() and len(list(path.parent.glob("settings.toml.corrupt-*"))) == 1
