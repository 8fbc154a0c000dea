"""What is read aloud is built from the Article: announced structure, no link numbers, URLs or
decorative symbols, and every sentence tied to its place in the block (the reading position)."""

from __future__ import annotations

from pathlib import Path

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
    Table,
    number_links,
)
from reader.core.pipeline import load_article
from reader.core.reading import block_text
from reader.core.speech.script import HEADER_BLOCK, build_script
from reader.core.speech.spoken_text import speakable
from reader.core.storage.state import ReadingPosition
from reader.core.translate.sentences import split_sentences

PAGES = Path(__file__).parent / "pages"


def said(article: Article, **options: bool) -> list[str]:
    return [u.text for u in build_script(article, **options).utterances]


def test_title_and_byline_are_spoken_before_the_first_block() -> None:
    article = Article(
        title="River Notes", byline="Ada Lovelace", blocks=[Paragraph([Inline("Water flows.")])]
    )
    script = build_script(article)
    assert [u.text for u in script.utterances] == ["River Notes", "By Ada Lovelace", "Water flows."]
    assert [u.block for u in script.utterances] == [HEADER_BLOCK, HEADER_BLOCK, 0]


def test_headings_are_announced_with_their_level() -> None:
    article = Article(blocks=[Heading(2, [Inline("The three forces")])])
    assert said(article) == ["Heading 2: The three forces"]


def test_link_numbers_and_bare_urls_are_never_spoken() -> None:
    article = Article(
        blocks=[
            Paragraph(
                [
                    Inline("Read the "),
                    Inline("survey", "link", "https://example.org/survey"),
                    Inline(" at https://example.org/survey or www.example.org today."),
                ]
            ),
            Paragraph([Inline("https://example.org/only-a-url", "link", "https://example.org/")]),
        ]
    )
    number_links(article)
    assert said(article) == ["Read the survey at or today."]


def test_decorative_symbols_and_rules_are_not_spoken() -> None:
    article = Article(
        blocks=[
            Paragraph([Inline("★★★ Great news ✨ for everyone → today")]),
            Paragraph([Inline("• • •")]),
            Paragraph([Inline("----------")]),
            Paragraph([Inline("Home › News | Science")]),  # noqa: RUF001
        ]
    )
    assert said(article) == ["Great news for everyone today", "Home News Science"]


def test_list_items_are_numbered_and_table_rows_name_their_columns() -> None:
    article = Article(
        blocks=[
            ListBlock(True, [ListItem([Inline("Dig")]), ListItem([Inline("Fill")])], start=3),
            Table(
                header=[[Inline("River")], [Inline("Rate")]],
                rows=[[[Inline("Colorado")], [Inline("0.3 mm")]], [[Inline("Nile")], []]],
            ),
        ]
    )
    assert said(article) == [
        "List of 2 items.",
        "Item 3: Dig",
        "Item 4: Fill",
        "Table with 2 columns and 2 rows.",
        "Row 1: River: Colorado; Rate: 0.3 mm.",
        "Row 2: River: Nile.",
    ]


def test_images_are_spoken_by_alt_text_and_images_without_one_are_silent() -> None:
    article = Article(
        blocks=[
            Figure("A deep red canyon", caption=[Inline("The canyon at dawn.")]),
            Figure("", src="https://example.org/spacer.gif"),
        ]
    )
    assert said(article) == ["Image: A deep red canyon", "Caption: The canyon at dawn."]


def test_code_is_announced_and_skipped_unless_speak_code_is_on() -> None:
    article = Article(blocks=[Code("x = 1\ny = 2\n", "python")])
    assert said(article) == ["Code block, 2 lines, skipped."]
    assert said(article, speak_code=True) == ["Code block.", "x = 1", "y = 2", "End of code."]


def test_quotes_are_announced_where_they_start_and_end() -> None:
    article = Article(blocks=[Quote([Paragraph([Inline("Time is the only tool.")])])])
    assert said(article) == ["Quote.", "Time is the only tool.", "End of quote."]


def test_sentences_are_split_like_translation_and_point_at_their_text() -> None:
    article = load_article(str(PAGES / "blocks.html"))
    script = build_script(article)
    paragraph = 0
    text = block_text(article.blocks[paragraph])
    spoken = [u for u in script.utterances if u.block == paragraph]
    assert [u.text for u in spoken] == [speakable(s) for s in split_sentences(text)]
    for utterance in script.utterances:
        if utterance.block == HEADER_BLOCK or not isinstance(
            article.blocks[utterance.block], Paragraph
        ):
            continue
        source = block_text(article.blocks[utterance.block])[utterance.start : utterance.end]
        assert speakable(source) == utterance.text


def test_reading_from_a_position_starts_at_the_sentence_that_holds_it() -> None:
    article = Article(
        title="Title",
        blocks=[
            Paragraph([Inline("First one. Second one. Third one.")]),
            Paragraph([Inline("Next block.")]),
        ],
    )
    script = build_script(article)
    texts = [u.text for u in script.utterances]
    assert texts[script.index_at(ReadingPosition(0, 0))] == "Title"
    assert texts[script.index_at(ReadingPosition(0, 15))] == "Second one."
    assert texts[script.index_at(ReadingPosition(1, 0))] == "Next block."
    assert script.index_at(ReadingPosition(5, 0)) == len(texts)
    second = script.utterances[script.index_at(ReadingPosition(0, 15))]
    assert second.position == ReadingPosition(0, 11)
