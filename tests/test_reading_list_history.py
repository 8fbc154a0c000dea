"""The history as the history pane shows it: newest first, with time and progress, filtered by
typed words, and an entry deleted on request."""

from __future__ import annotations

import datetime

from reader.core.storage.history import describe_progress, describe_time, visits
from reader.core.storage.state import ReadingPosition, State


def test_visits_are_newest_first_with_how_far_each_was_read() -> None:
    with State() as state:
        state.add_history("https://example.test/a", "Alpine lakes", when=1000)
        state.add_history("https://example.test/b", "Baking bread", when=3000)
        state.add_history("https://example.test/c", "Cycling", when=2000)
        state.save_position("https://example.test/a", ReadingPosition(12, 5), percent=63)
        state.save_position("https://example.test/c", ReadingPosition(4, 0))  # no percent
        found = visits(state)
    assert [(v.title, v.progress) for v in found] == [
        ("Baking bread", "not started"),
        ("Cycling", "at paragraph 5"),
        ("Alpine lakes", "63% read"),
    ]
    assert found[2].position == ReadingPosition(12, 5)  # Enter reopens here


def test_typing_filters_by_every_word_in_title_or_address_in_any_case() -> None:
    with State() as state:
        state.add_history("https://recipes.test/sourdough", "Baking Bread at home")
        state.add_history("https://news.test/bread-prices", "Prices rise")
        state.add_history("https://news.test/weather", "Straße gesperrt")
        assert [v.title for v in visits(state, "bread")] == ["Prices rise", "Baking Bread at home"]
        assert [v.title for v in visits(state, "BREAD home")] == ["Baking Bread at home"]
        assert [v.title for v in visits(state, "strasse")] == ["Straße gesperrt"]  # casefold
        assert len(visits(state, "")) == 3
        assert visits(state, "nothing like this") == []
        assert len(visits(state, "test", limit=2)) == 2


def test_deleting_an_entry_removes_only_that_visit() -> None:
    with State() as state:
        state.add_history("https://example.test/keep", "Keep")
        state.add_history("https://example.test/drop", "Drop")
        state.save_position("https://example.test/drop", ReadingPosition(2), percent=10)
        assert state.remove_history("https://example.test/drop")
        assert [v.title for v in visits(state)] == ["Keep"]
        assert state.warnings == []
    with State() as state:  # and it stays deleted
        assert [v.title for v in visits(state)] == ["Keep"]


def test_the_filter_never_sees_or_shows_a_password() -> None:
    with State() as state:
        state.add_history("https://ann:s3cret@example.test/private", "Members")
        [visit] = visits(state)
        assert visit.shown_url == "https://example.test/private"
        assert visits(state, "s3cret") == []


def test_the_percent_read_is_kept_beside_the_position_and_pruned_with_it() -> None:
    with State(positions_limit=2) as state:
        for i in range(3):
            state.save_position(f"https://example.test/{i}", ReadingPosition(i), percent=i * 10)
        assert state.percent_read("https://example.test/0") is None  # pruned with its position
        assert state.percent_read("https://example.test/2") == 20
        state.save_position("https://example.test/2", ReadingPosition(9), percent=250)
        assert state.percent_read("https://example.test/2") == 100
        # a front-end that saves a position without its percent never leaves a stale one
        state.save_position("https://example.test/2", ReadingPosition(1))
        assert state.percent_read("https://example.test/2") is None


def test_times_read_as_today_yesterday_or_a_date() -> None:
    now = datetime.datetime(2026, 11, 30, 18, 0).timestamp()
    at = datetime.datetime
    assert describe_time(at(2026, 11, 30, 9, 5).timestamp(), now) == "today 09:05"
    assert describe_time(at(2026, 11, 29, 23, 59).timestamp(), now) == "yesterday 23:59"
    assert describe_time(at(2025, 1, 2, 7, 30).timestamp(), now) == "2025-01-02 07:30"


def test_progress_reads_as_words() -> None:
    assert describe_progress(None) == "not started"
    assert describe_progress(0) == "0% read"
    assert describe_progress(99) == "99% read"
    assert describe_progress(100) == "read to the end"
