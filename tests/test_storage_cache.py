"""The offline page cache: compressed, bounded, least recently used first out, never fatal."""

from __future__ import annotations

import os
import sqlite3

from reader.core.document import Page
from reader.core.storage import paths
from reader.core.storage.page_cache import ENTRY_OVERHEAD, PageCache, configured_max_bytes
from reader.core.storage.settings import Settings, save_settings


def random_page(url: str, kilobytes: int = 4) -> Page:
    """A page whose text does not compress much, so sizes are predictable."""
    return Page(url=url, text=os.urandom(kilobytes * 512).hex(), charset="utf-8")


def test_page_round_trips_and_is_marked_from_cache() -> None:
    page = Page(
        url="https://example.test/article",
        text="<html><title>Ünïcode ☃</title><p>Body\n\twith tabs</p></html>",
        media_type="text/html",
        charset="iso-8859-1",
    )
    with PageCache() as cache:
        assert cache.put(page, "example.test/article")
    with PageCache() as cache:
        found = cache.get("example.test/article")
        assert found is not None
        assert found.from_cache
        assert (found.url, found.text, found.media_type, found.charset) == (
            page.url,
            page.text,
            page.media_type,
            page.charset,
        )
        assert cache.warnings == []
    assert paths.page_cache_path().exists()


def test_page_is_found_by_address_asked_for_final_url_and_with_a_fragment() -> None:
    with PageCache() as cache:
        cache.put(Page(url="https://example.test/final", text="final"), "http://short.test/x")
        for address in (
            "http://short.test/x",
            "https://example.test/final",
            "https://example.test/final#section-2",
        ):
            found = cache.get(address)
            assert found is not None and found.text == "final"
        assert cache.get("https://example.test/other") is None


def test_pages_are_stored_compressed() -> None:
    with PageCache() as cache:
        cache.put(Page(url="https://example.test/", text="repetitive words " * 50_000))
        assert cache.total_bytes() < 20_000
    assert paths.page_cache_path().stat().st_size < 200_000


def test_storing_again_replaces_the_old_copy() -> None:
    with PageCache() as cache:
        cache.put(Page(url="https://example.test/", text="old"))
        cache.put(Page(url="https://example.test/", text="new"))
        assert len(cache) == 1
        assert cache.get("https://example.test/").text == "new"  # type: ignore[union-attr]


def test_least_recently_used_pages_are_evicted_at_the_size_limit() -> None:
    with PageCache() as cache:
        assert cache.put(random_page("https://example.test/a"))
        entry = cache.total_bytes()  # one compressed page plus its bookkeeping
        assert entry > ENTRY_OVERHEAD
        cache.max_bytes = int(entry * 3.5)
        for name in ("b", "c"):
            assert cache.put(random_page(f"https://example.test/{name}"))
        assert cache.get("https://example.test/a") is not None  # a is now the most recent
        assert cache.put(random_page("https://example.test/d"))
        assert cache.get("https://example.test/b") is None  # b was least recently used
        for name in ("a", "c", "d"):
            assert cache.get(f"https://example.test/{name}") is not None
        assert cache.total_bytes() <= cache.max_bytes
        assert len(cache) == 3


def test_a_page_bigger_than_the_whole_cache_is_not_kept() -> None:
    with PageCache(max_bytes=4096) as cache:
        assert not cache.put(random_page("https://example.test/huge", kilobytes=64))
        assert cache.get("https://example.test/huge") is None


def test_a_zero_size_limit_disables_the_cache() -> None:
    with PageCache(max_bytes=0) as cache:
        assert not cache.put(Page(url="https://example.test/", text="x"))
        assert len(cache) == 0


def test_an_entry_that_fails_to_read_is_dropped_not_fatal() -> None:
    with PageCache() as cache:
        cache.put(Page(url="https://example.test/bad", text="will be damaged"))
        cache.put(Page(url="https://example.test/good", text="fine"))
    db = sqlite3.connect(paths.page_cache_path())
    db.execute("UPDATE pages SET body = ? WHERE url = ?", (b"not zlib", "https://example.test/bad"))
    db.commit()
    db.close()
    with PageCache() as cache:
        assert cache.get("https://example.test/bad") is None
        assert len(cache.warnings) == 1 and "dropped" in cache.warnings[0]
        assert len(cache) == 1
        assert cache.get("https://example.test/good").text == "fine"  # type: ignore[union-attr]


def test_a_garbage_cache_file_is_moved_aside_and_a_new_cache_started() -> None:
    path = paths.page_cache_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00garbage" * 1000)
    with PageCache() as cache:
        assert len(cache.warnings) == 1
        backup = next(path.parent.glob("pages.sqlite3.corrupt-*"))
        assert str(backup) in cache.warnings[0]
        assert cache.get("https://example.test/") is None
        assert cache.put(Page(url="https://example.test/", text="ok"))
        assert cache.get("https://example.test/") is not None


def test_clear_forgets_everything() -> None:
    with PageCache() as cache:
        cache.put(Page(url="https://example.test/", text="x"))
        assert cache.clear()
        assert len(cache) == 0 and cache.get("https://example.test/") is None


def test_the_size_limit_comes_from_the_settings_file() -> None:
    assert configured_max_bytes() == 200 * 1024 * 1024
    save_settings(Settings(cache_size_mb=5))
    assert configured_max_bytes() == 5 * 1024 * 1024
    save_settings(Settings(cache_size_mb=0))
    with PageCache() as cache:
        assert cache.max_bytes == 0
        assert not cache.put(Page(url="https://example.test/", text="x"))
    with PageCache(max_bytes=1000) as cache:
        assert cache.max_bytes == 1000


def test_a_broken_settings_file_leaves_the_default_limit_and_the_file_alone() -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("cache_size_mb = [")
    assert configured_max_bytes() == 200 * 1024 * 1024
    assert path.read_text() == "cache_size_mb = ["  # moving it aside is load_settings' job
