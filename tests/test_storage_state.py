"""History and reading positions persist in state.sqlite3, and a damaged file is set aside."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.core.storage import paths
from reader.core.storage.state import ReadingPosition, State


def test_history_is_most_recent_first_and_each_url_once() -> None:
    with State() as state:
        state.add_history("https://a.example/", "A", when=100)
        state.add_history("https://b.example/", "B", when=200)
        state.add_history("https://a.example/", "A, renamed", when=300)
        entries = state.history()
    assert [(e.url, e.title, e.visited) for e in entries] == [
        ("https://a.example/", "A, renamed", 300),
        ("https://b.example/", "B", 200),
    ]


def test_history_is_bounded_dropping_the_oldest() -> None:
    with State(history_limit=5) as state:
        for i in range(12):
            state.add_history(f"https://example.test/{i}", f"Page {i}", when=i)
        assert [e.url for e in state.history()] == [
            f"https://example.test/{i}" for i in (11, 10, 9, 8, 7)
        ]
        assert len(state.history(limit=2)) == 2


def test_history_and_positions_persist_across_runs() -> None:
    with State() as state:
        state.add_history("https://a.example/", "A")
        assert state.save_position("https://a.example/", ReadingPosition(block=12, offset=345))
        state.save_position("https://a.example/", ReadingPosition(block=13, offset=7))
    assert paths.state_path().exists()
    with State() as state:
        assert [e.title for e in state.history()] == ["A"]
        assert state.position("https://a.example/") == ReadingPosition(13, 7)
        assert state.position("https://never.example/") is None
        assert state.warnings == []


def test_clear_history_keeps_positions() -> None:
    with State() as state:
        state.add_history("https://a.example/", "A")
        state.save_position("https://a.example/", ReadingPosition(1, 2))
        assert state.clear_history()
        assert state.history() == []
        assert state.position("https://a.example/") == ReadingPosition(1, 2)


def test_titles_read_back_are_cleaned_of_terminal_escapes() -> None:
    with State() as state:
        state.add_history("https://a.example/\x1b]52;c;ZXZpbA==\x07", "Evil\x1b[2J title\x9b31m")
        (entry,) = state.history()
    assert entry.title == "Evil title"
    assert "\x1b" not in entry.url


def test_garbage_state_file_is_moved_aside_and_a_new_one_started() -> None:
    path = paths.state_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 200)
    with State() as state:
        assert len(state.warnings) == 1
        backups = list(path.parent.glob("state.sqlite3.corrupt-*"))
        assert len(backups) == 1
        assert str(backups[0]) in state.warnings[0]
        assert backups[0].read_bytes() == b"this is not a database" * 200
        assert state.add_history("https://a.example/", "A")
    with State() as state:
        assert [e.url for e in state.history()] == ["https://a.example/"]
        assert state.warnings == []


def test_damaged_pages_inside_the_database_are_detected(tmp_path: Path) -> None:
    path = paths.state_path()
    with State() as state:
        for i in range(300):
            state.add_history(f"https://example.test/{i}", "x" * 200)
    data = bytearray(path.read_bytes())
    assert len(data) > 8192
    data[4096:8192] = b"\xa5" * 4096  # scribble over a b-tree page, keep the header intact
    path.write_bytes(bytes(data))
    with State() as state:
        assert any("moved to" in w for w in state.warnings)
        assert state.history() == []
        assert state.add_history("https://fresh.example/", "Fresh")
    assert list(path.parent.glob("state.sqlite3.corrupt-*"))


def test_another_programs_database_is_not_touched_but_set_aside() -> None:
    path = paths.state_path()
    path.parent.mkdir(parents=True)
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE precious (x)")
    other.execute("INSERT INTO precious VALUES (42)")
    other.commit()
    other.close()
    with State() as state:
        assert any("moved to" in w for w in state.warnings)
        assert state.add_history("https://a.example/", "A")
    backup = next(path.parent.glob("state.sqlite3.corrupt-*"))
    assert sqlite3.connect(backup).execute("SELECT x FROM precious").fetchall() == [(42,)]


def test_unusable_data_directory_still_works_in_memory_with_a_warning(
    isolated_user_dirs: Path,
) -> None:
    blocker = isolated_user_dirs / "xdg_data_home"
    blocker.rmdir()
    blocker.write_text("a file where the directory should be")
    with State() as state:
        assert len(state.warnings) == 1 and "not saved" in state.warnings[0]
        assert state.add_history("https://a.example/", "A")
        assert [e.title for e in state.history()] == ["A"]
    assert blocker.read_text() == "a file where the directory should be"


def test_two_open_states_see_each_others_writes() -> None:
    with State() as first, State() as second:
        first.add_history("https://a.example/", "A", when=1)
        second.add_history("https://b.example/", "B", when=2)
        first.save_position("https://a.example/", ReadingPosition(5, 0))
        assert [e.url for e in first.history()] == ["https://b.example/", "https://a.example/"]
        assert second.position("https://a.example/") == ReadingPosition(5, 0)
