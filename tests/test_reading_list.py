"""The reading list: saved articles keep their number, show how far they were read, and their
pages stay in the page cache (pinned) whatever else is evicted, until they are removed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.core.document import Page
from reader.core.storage import paths
from reader.core.storage.page_cache import PageCache
from reader.core.storage.reading_list import (
    READING_LIST_FILE,
    ReadingList,
    remove_saved,
    save_for_later,
    with_progress,
)
from reader.core.storage.state import ReadingPosition, State


def random_page(url: str, kilobytes: int = 4) -> Page:
    """A page whose text does not compress much, so sizes are predictable."""
    return Page(url=url, text=os.urandom(kilobytes * 512).hex(), charset="utf-8")


def test_saved_articles_are_listed_newest_first_after_reopening() -> None:
    with ReadingList() as saved:
        saved.add("https://example.test/old", "Old news", when=1000)
        saved.add("https://example.test/new", "New news", when=2000)
    with ReadingList() as saved:
        titles = [article.title for article in saved.articles()]
        assert titles == ["New news", "Old news"]
        assert saved.warnings == [] and saved.persistent
    assert (paths.data_dir() / READING_LIST_FILE).exists()


def test_a_removed_articles_number_is_never_given_to_another() -> None:
    with ReadingList() as saved:
        first = saved.add("https://example.test/1", "One")
        second = saved.add("https://example.test/2", "Two")
        assert first is not None and second is not None
        assert saved.remove(second.number)
        third = saved.add("https://example.test/3", "Three")
        assert third is not None and third.number > second.number
        assert saved.find(second.number) is None
        assert saved.find(str(first.number)) == first


def test_done_articles_leave_the_list_but_stay_saved_and_saving_again_brings_them_back() -> None:
    with ReadingList() as saved:
        article = saved.add("https://example.test/a", "An article")
        assert article is not None
        assert saved.set_done(article.number)
        assert saved.articles() == []
        [done] = saved.articles(include_done=True)
        assert done.progress == "done" and done.done is not None
        again = saved.add("https://example.test/a", "An article, retitled")
        assert again is not None and again.number == article.number and again.done is None
        assert [a.title for a in saved.articles()] == ["An article, retitled"]


def test_marking_or_removing_a_number_that_is_not_there_reports_false() -> None:
    with ReadingList() as saved:
        assert not saved.set_done(42)
        assert not saved.remove(42)


def test_progress_comes_from_the_saved_reading_position() -> None:
    with ReadingList() as saved, State() as state:
        for name in ("unread", "half", "finished"):
            saved.add(f"https://example.test/{name}", name)
        state.save_position("https://example.test/half", ReadingPosition(7, 3), percent=42)
        state.save_position("https://example.test/finished", ReadingPosition(30), percent=100)
        progress = {a.title: a.progress for a in with_progress(saved.articles(), state)}
    assert progress == {"unread": "not started", "half": "42% read", "finished": "read to the end"}


def test_an_address_is_shown_without_its_user_name_and_password() -> None:
    with ReadingList() as saved:
        article = saved.add("https://ann:s3cret@example.test/private", "")
        assert article is not None
        assert article.shown_url == "https://example.test/private"
        assert article.title == "https://example.test/private"  # no title: the address
        assert article.url == "https://ann:s3cret@example.test/private"  # kept to load it again
        assert saved.find("https://example.test/private") == article


def test_page_text_in_a_title_cannot_reach_the_terminal() -> None:
    with ReadingList() as saved:
        saved.add("https://example.test/x", "Title\x1b]52;c;ZXZpbA==\x07 \x1b[2Jend")
        [article] = saved.articles()
    assert article.title == "Title end"


def test_a_saved_page_is_never_evicted_from_a_full_cache() -> None:
    with ReadingList() as saved, PageCache() as cache:
        result = save_for_later(
            saved,
            cache,
            "https://example.test/keep",
            "Keep",
            page=random_page("https://example.test/keep"),
        )
        assert result.new and result.offline and result.article is not None
        entry = cache.total_bytes()
        cache.max_bytes = int(entry * 2.5)
        for i in range(10):  # far more than the cache holds
            assert cache.put(random_page(f"https://example.test/other/{i}"))
        assert cache.get("https://example.test/keep") is not None
        assert cache.get("https://example.test/other/0") is None  # others still evicted
        assert cache.get("https://example.test/other/9") is not None
        assert cache.clear()
        assert cache.get("https://example.test/keep") is not None  # clearing keeps it too

        assert remove_saved(saved, cache, result.article)
        assert not cache.is_pinned("https://example.test/keep")
        for i in range(10, 14):
            cache.put(random_page(f"https://example.test/other/{i}"))
        assert cache.get("https://example.test/keep") is None  # an ordinary page again


def test_a_saved_page_is_kept_even_past_the_cache_size_limit() -> None:
    with ReadingList() as saved, PageCache(max_bytes=0) as cache:
        page = random_page("https://example.test/final", kilobytes=64)
        result = save_for_later(
            saved, cache, page.url, "Big", page=page, asked_url="http://short.test/x"
        )
        assert result.offline
        assert cache.get("http://short.test/x") is not None  # by the address asked for too
        assert cache.is_pinned("http://short.test/x")


def test_saving_without_a_page_pins_the_copy_already_cached() -> None:
    with ReadingList() as saved, PageCache() as cache:
        cache.put(random_page("https://example.test/final"), "http://short.test/x")
        result = save_for_later(saved, cache, "https://example.test/final", "Cached")
        assert result.offline and cache.is_pinned("http://short.test/x")
        missing = save_for_later(saved, cache, "https://example.test/never-fetched", "Missing")
        assert not missing.offline and missing.article is not None  # listed, not offline


def test_a_damaged_reading_list_is_moved_aside_and_kept() -> None:
    path = paths.data_dir() / READING_LIST_FILE
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not a database" * 100)
    with ReadingList() as saved:
        backup = next(path.parent.glob(f"{READING_LIST_FILE}.corrupt-*"))
        assert len(saved.warnings) == 1 and str(backup) in saved.warnings[0]
        assert backup.read_bytes() == b"\x00not a database" * 100
        assert saved.add("https://example.test/", "Fresh") is not None


def test_an_unwritable_data_folder_keeps_the_list_for_this_run_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file-not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))  # works as root too, unlike chmod
    with ReadingList() as saved:
        assert not saved.persistent
        assert len(saved.warnings) == 1 and "not saved" in saved.warnings[0]
        assert saved.add("https://example.test/", "For this run") is not None


WRITER = textwrap.dedent(
    """
    import itertools
    from reader.core.storage.reading_list import ReadingList
    saved = ReadingList()
    for i in itertools.count():
        assert saved.add(f"https://example.test/{i}", f"Article {i}") is not None, saved.warnings
        print(i, flush=True)
    """
)


def test_killing_a_writer_mid_save_loses_no_article_saved_before() -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None and writer.stderr is not None
    last = -1
    while last < 40:
        line = writer.stdout.readline()
        assert line, writer.stderr.read()
        last = int(line)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    writer.stderr.close()
    with ReadingList() as saved:
        assert saved.warnings == []
        urls = {article.url for article in saved.articles()}
    assert {f"https://example.test/{i}" for i in range(last + 1)} <= urls
