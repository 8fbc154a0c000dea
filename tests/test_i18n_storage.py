"""Storage warnings in the interface language: each a whole message worded for its store (a
damaged file moved aside, a write the database refused), never English pieces glued together."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.core.i18n import use_language
from reader.core.storage import paths
from reader.core.storage.page_cache import PageCache
from reader.core.storage.reading_list import READING_LIST_FILE, ReadingList
from reader.core.storage.settings import load_settings
from reader.core.storage.state import State
from reader.core.translate.cache import TranslationCache, cache_path


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    use_language("en")


def damage(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database " * 200)


def backup_of(path: Path) -> Path:
    (backup,) = path.parent.glob(f"{path.name}.corrupt-*")
    return backup


def state_warnings() -> list[str]:
    with State() as state:
        return state.warnings


def reading_list_warnings() -> list[str]:
    with ReadingList() as reading_list:
        return reading_list.warnings


def page_cache_warnings() -> list[str]:
    with PageCache() as cache:
        return cache.warnings


def translation_cache_warnings() -> list[str]:
    cache = TranslationCache()
    assert cache.get_many("en->fr", ["hello"]) == {}  # opens the file
    cache.close()
    return cache.warnings


@pytest.mark.parametrize(
    ("path", "warnings", "said"),
    [
        (
            paths.state_path,
            state_warnings,
            "l'historique et les positions de lecture étaient endommagés\u202f; ils ont été "
            "déplacés vers {backup} et un nouveau fichier a été créé",
        ),
        (
            lambda: paths.data_dir() / READING_LIST_FILE,
            reading_list_warnings,
            "la liste de lecture était endommagée\u202f; elle a été déplacée vers {backup} et une "
            "nouvelle a été créée",
        ),
        (
            paths.page_cache_path,
            page_cache_warnings,
            "le cache hors ligne était endommagé\u202f; il a été déplacé vers {backup} et un "
            "nouveau a été créé",
        ),
        (
            cache_path,
            translation_cache_warnings,
            "le cache des traductions était endommagé\u202f; il a été déplacé vers {backup} et un "
            "nouveau a été créé",
        ),
    ],
    ids=["history", "reading list", "page cache", "translation cache"],
)
def test_a_damaged_file_is_reported_in_french_in_words_for_its_store(
    path: Callable[[], Path], warnings: Callable[[], list[str]], said: str
) -> None:
    damage(path())
    use_language("fr")
    assert warnings() == [said.format(backup=backup_of(path()))]


def refuse_inserts(path: Path, table: str) -> None:
    """Another program adds a trigger that makes SQLite refuse every new row in `table`."""
    other = sqlite3.connect(path)
    other.execute(
        f"CREATE TRIGGER refuse BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    other.commit()
    other.close()


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("de", "Speichern des Verlaufs fehlgeschlagen (refused)"),
        ("en", "saving history failed (refused)"),
    ],
)
def test_a_refused_history_write_is_one_whole_message(language: str, said: str) -> None:
    State().close()
    refuse_inserts(paths.state_path(), "history")
    use_language(language)
    with State() as state:
        assert not state.add_history("https://example.com/", "Example")
        assert state.warnings == [said]


def test_a_refused_reading_list_save_speaks_chinese_and_saves_nothing() -> None:
    path = paths.data_dir() / READING_LIST_FILE
    ReadingList().close()
    refuse_inserts(path, "articles")
    use_language("zh_CN")
    with ReadingList() as reading_list:
        assert reading_list.add("https://example.com/", "Example") is None
        assert reading_list.warnings == ["保存到阅读列表失败（refused）"]  # noqa: RUF001
        assert reading_list.articles() == []


@pytest.mark.parametrize(
    ("language", "limit"),
    [("fr", "plus de 1\u202f000\u202f000 octets"), ("de", "größer als 1.000.000 Bytes")],
)
def test_an_oversized_settings_file_states_the_limit_with_the_languages_digit_groups(
    language: str, limit: str
) -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "dark"\n' + "# padding\n" * 200_000)
    use_language(language)
    _, warnings = load_settings()
    assert len(warnings) == 1 and limit in warnings[0]
