"""Translating an Article with a real tiny argos package: exact model output, one block per
block, links kept, code untouched, the disk cache, pivoting through English, clear errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.document import (
    Article,
    Code,
    Figure,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Separator,
    Table,
    number_links,
    table_grid,
)
from reader.core.errors import UsageError
from reader.core.translate import engine
from reader.core.translate.archive import install_file
from reader.core.translate.article import (
    compose,
    source_language,
    translate_blocks,
    translate_for_output,
)
from reader.core.translate.cache import TranslationCache
from reader.core.translate.installed import find_package
from tests.support.argos_tiny import cached_package, reference_translation


@pytest.fixture
def env(isolated_user_dirs: Path) -> Iterator[Path]:
    """No model loaded before or after (the user folders are isolated by conftest)."""
    engine.forget_engines()
    yield isolated_user_dirs
    engine.forget_engines()


@pytest.fixture
def en_xx(env: Path) -> Path:
    """The installed en -> xx package directory."""
    return install_file(cached_package("en", "xx", seed=0)).path


def sample_article() -> Article:
    article = Article(
        title="Offline translation keeps every word on your own machine.",
        language="en-GB",
        blocks=[
            Heading(1, [Inline("The museum opens at nine.")]),
            Paragraph(
                [
                    Inline("Rain is expected in the north. Trains were "),
                    Inline("delayed", "emphasis"),
                    Inline(" this morning. Please read "),
                    Inline("the whole article", "link", url="https://example.org/a"),
                    Inline(" before you comment."),
                ]
            ),
            Code("for word in text:\n    print(word)"),
            ListBlock(
                False,
                [
                    ListItem([Inline("She read the report twice.")]),
                    ListItem(
                        [Inline("Our team tested the new bridge.")],
                        [ListBlock(True, [ListItem([Inline("The city council voted.")])])],
                    ),
                ],
            ),
            Quote([Paragraph([Inline("Scientists found water ice near the moon.")])], "NASA"),
            Figure(
                "A lazy dog", [Inline("The quick brown fox jumps.")], "https://example.org/f.png"
            ),
            Table(
                [[Inline("Day")], [Inline("Weather")]],
                [[[Inline("Friday")], [Inline("Sunny spells in the south.")]]],
                [Inline("The forecast")],
            ),
            Separator(),
            Paragraph([Inline("Run "), Inline("reader --help", "code"), Inline(" to see more.")]),
        ],
    )
    number_links(article)
    return article


def test_each_block_is_what_ctranslate2_gives_for_the_same_model(en_xx: Path) -> None:
    article = sample_article()
    result = translate_for_output(article, "xx")
    ref = lambda *sentences: reference_translation(en_xx, list(sentences))  # noqa: E731

    assert len(result.blocks) == len(article.blocks)
    assert [b.kind for b in result.blocks] == [b.kind for b in article.blocks]
    assert result.title == ref("Offline translation keeps every word on your own machine.")
    assert result.language == "xx"
    heading, para, code, listing, quote, figure, table, separator, last = result.blocks
    assert heading.level == 1
    assert heading.runs == [Inline(ref("The museum opens at nine."))]
    # Text and emphasis runs around the link are one segment; the link is its own segment.
    assert para.runs == [
        Inline(
            ref(
                "Rain is expected in the north.", "Trains were delayed this morning.", "Please read"
            )
            + " "
        ),
        Inline(ref("the whole article"), "link", url="https://example.org/a", number=1),
        Inline(" " + ref("before you comment.")),
    ]
    assert code == article.blocks[2]
    assert listing.items[0].runs == [Inline(ref("She read the report twice."))]
    assert listing.items[1].runs == [Inline(ref("Our team tested the new bridge."))]
    assert listing.items[1].children[0].ordered
    assert listing.items[1].children[0].items[0].runs == [Inline(ref("The city council voted."))]
    assert quote.cite == "NASA"
    assert quote.blocks == [Paragraph([Inline(ref("Scientists found water ice near the moon."))])]
    assert figure.alt == ref("A lazy dog")
    assert figure.caption == [Inline(ref("The quick brown fox jumps."))]
    assert figure.src == "https://example.org/f.png"
    assert table.header == [[Inline(ref("Day"))], [Inline(ref("Weather"))]]
    assert table.rows == [[[Inline(ref("Friday"))], [Inline(ref("Sunny spells in the south."))]]]
    assert table.caption == [Inline(ref("The forecast"))]
    assert separator == Separator()
    assert last.runs == [
        Inline(ref("Run") + " "),
        Inline("reader --help", "code"),
        Inline(" " + ref("to see more.")),
    ]
    assert result.links == ["https://example.org/a"]
    assert any("Machine-translated offline from en to xx" in n for n in result.notices)
    # The translation really differs from the source (the model ran).
    assert heading.runs != article.blocks[0].runs


def test_second_translation_comes_from_the_disk_cache_without_loading_the_model(
    en_xx: Path,
) -> None:
    first = translate_for_output(sample_article(), "xx")
    package = find_package("en", "xx")
    assert engine.engine_for(package).loaded
    engine.forget_engines()  # a new process, as far as models go
    second = translate_for_output(sample_article(), "xx")
    assert second == first
    assert not engine.engine_for(package).loaded
    assert engine.engine_for(package).sentences_translated == 0


def test_only_uncached_text_reaches_the_model(en_xx: Path) -> None:
    package = find_package("en", "xx")
    route = engine.Route([package], TranslationCache())
    route.translate(["The museum opens at nine.", "Trains were delayed."])
    worker = engine.engine_for(package)
    before = worker.sentences_translated
    out = route.translate(["Trains were delayed.", "She read the report twice."])
    assert worker.sentences_translated == before + 1
    assert out[1] == reference_translation(en_xx, ["She read the report twice."])


def test_one_translator_per_package_reused(en_xx: Path) -> None:
    package = find_package("en", "xx")
    blocks = [Paragraph([Inline("The museum opens at nine.")])]
    translate_blocks(blocks, engine.Route([package]).translate)
    translate_blocks(
        [Paragraph([Inline("Trains were delayed.")])], engine.Route([package]).translate
    )
    assert engine.engine_for(package).loads == 1


def test_pivot_through_english_when_both_halves_are_installed(env: Path) -> None:
    yy_en = install_file(cached_package("yy", "en", seed=1)).path
    en_xx = install_file(cached_package("en", "xx", seed=0)).path
    article = Article(title="", language="yy", blocks=[Paragraph([Inline("Trains were delayed.")])])
    result = translate_for_output(article, "xx")
    english = reference_translation(yy_en, ["Trains were delayed."])
    from reader.core.translate.sentences import split_sentences

    expected = reference_translation(en_xx, split_sentences(english))
    assert result.blocks[0].runs == [Inline(expected)]
    assert any("yy → en then en → xx" in n for n in result.notices)


def test_missing_pair_names_installed_pairs_and_the_install_command(en_xx: Path) -> None:
    with pytest.raises(UsageError) as caught:
        translate_for_output(sample_article(), "de")
    text = str(caught.value)
    assert "no translation package for en → de" in text
    assert "installed: en → xx" in text
    assert "reader languages install en de" in text


def test_source_language_from_article_then_detector_then_asks_for_from() -> None:
    assert source_language(Article(language="pt-BR")) == "pt"
    assert source_language(Article(language="zh-Hant-TW")) == "zt"
    assert source_language(Article(language="iw")) == "he"
    assert source_language(Article(language="fr"), explicit="DE") == "de"
    english = Article(blocks=[Paragraph([Inline("It was the best of times and the worst.")])])
    assert source_language(english) == "en"
    english.language = "und"  # "undetermined": guess instead
    assert source_language(english) == "en"
    german = Article(blocks=[Paragraph([Inline("Das ist nicht der Hund, und die Katze auch.")])])
    assert source_language(german) == "de"
    assert source_language(Article(blocks=[Paragraph([Inline("Привет, как дела?")])])) == "ru"
    with pytest.raises(UsageError, match="--from"):
        source_language(Article(blocks=[Paragraph([Inline("12 34 56")])]))


def test_same_language_is_left_alone(en_xx: Path) -> None:
    article = sample_article()
    result = translate_for_output(article, "en")
    assert result.blocks == article.blocks
    assert any("already in en" in n for n in result.notices)


def test_views_original_and_interleaved(en_xx: Path) -> None:
    article = sample_article()
    translated = translate_for_output(article, "xx").blocks
    assert translate_for_output(article, "xx", view="original") is article
    mixed = compose(article, translated, "interleaved", title="T")
    expected = []
    for original, block in zip(article.blocks, translated, strict=True):
        expected.append(original)
        if block != original:  # code and separators appear once
            expected.append(block)
    assert mixed.blocks == expected
    assert len(mixed.blocks) == 2 * len(article.blocks) - 2
    assert mixed.title == f"{article.title} / T"
    with pytest.raises(UsageError):
        translate_for_output(article, "xx", view="sideways")


def test_urls_and_numbers_are_not_sent_to_the_model(en_xx: Path) -> None:
    article = Article(
        language="en",
        blocks=[
            Paragraph([Inline("https://example.org/x", "link", url="https://example.org/x")]),
            Paragraph([Inline("2024 - 2025")]),
        ],
    )
    number_links(article)
    result = translate_for_output(article, "xx")
    assert result.blocks == article.blocks


def test_a_translated_table_keeps_its_cells_spanning_rows_and_columns(en_xx: Path) -> None:
    cell = [Inline("The museum opens at nine.")]
    table = Table(
        [[Inline("Day")], [Inline("Weather")], [Inline("Wind")]],
        [[cell, [Inline("Rain")], [Inline("North")]], [[Inline("Snow")]]],
        spans={(2, 0): 2},
        row_spans={(1, 0): 2},
    )
    (translated,) = translate_blocks([table], engine.Route([find_package("en", "xx")]).translate)
    assert isinstance(translated, Table)
    assert (translated.spans, translated.row_spans) == ({(2, 0): 2}, {(1, 0): 2})
    grid = table_grid(translated)
    assert (grid[2][0].carried, grid[2][0].cell, grid[2][1].width) == (True, grid[1][0].cell, 2)
    assert grid[2][0].cell != cell
