"""The reading model on its own: moving by block and heading, where am I, links and their
`#fragment` targets, find, progress and restoring a saved position."""

from __future__ import annotations

from reader.core.document import (
    CHARACTERS_PER_MINUTE,
    WORDS_PER_MINUTE,
    Article,
    Heading,
    ListBlock,
    ListItem,
    Paragraph,
    Table,
    number_links,
    reading_load,
)
from reader.core.reading import (
    HeadingRef,
    Match,
    Progress,
    Reading,
    ReadingPosition,
    block_text,
    followable,
    item_offsets,
)
from tests.support.formats_sample import link, sample_article, t


def outline_article() -> Article:
    """Nested sections (h1 > h2 > h3) with numbered paragraphs and links to its own headings."""
    blocks = [
        Heading(1, [t("Guide")]),
        Paragraph([t("Intro. See "), link("setup", "https://docs.example/guide#Setup_steps")]),
        Heading(2, [t("Setup steps")]),
        Paragraph([t("Install the engine. The Engine needs oil.")]),
        Heading(3, [t("On Linux")]),
        Paragraph([t("Use the package manager.")]),
        Heading(2, [t("Usage")]),
        Paragraph(
            [
                t("Run it. Back to "),
                link("Linux", "https://docs.example/guide#on-linux"),
                t(", "),
                link("nowhere", "https://docs.example/guide#no-such-part"),
                t(", "),
                link("the top", "https://docs.example/guide#"),
                t(" or "),
                link("elsewhere", "https://other.example/page#usage"),
                t("."),
            ]
        ),
        Heading(3, [t("Engine tips")]),
        Paragraph([t("Keep the engine warm.")]),
    ]
    article = Article(title="Guide", url="https://docs.example/guide", blocks=blocks)
    number_links(article)
    return article


def test_next_and_previous_block_walk_the_article_and_stop_at_its_ends() -> None:
    reading = Reading(sample_article())
    assert reading.position == ReadingPosition(0, 0)
    assert reading.previous_block() is False
    assert reading.next_block() is True
    assert reading.position == ReadingPosition(1, 0)
    reading.end()
    assert reading.block == reading.block_count - 1 and reading.at_end
    assert reading.next_block() is False
    assert reading.block == reading.block_count - 1
    assert reading.previous_block() is True
    assert reading.block == reading.block_count - 2
    reading.top()
    assert reading.position == ReadingPosition(0, 0)


def test_previous_block_from_inside_a_block_goes_to_its_start_first() -> None:
    reading = Reading(sample_article(), ReadingPosition(3, 10))
    assert reading.previous_block() is True
    assert reading.position == ReadingPosition(3, 0)
    assert reading.previous_block() is True
    assert reading.position == ReadingPosition(2, 0)


def test_next_heading_of_any_level_and_of_a_given_level() -> None:
    reading = Reading(outline_article())
    assert reading.next_heading() == HeadingRef(2, 2, "Setup steps")
    assert reading.next_heading() == HeadingRef(4, 3, "On Linux")
    assert reading.next_heading(level=2) == HeadingRef(6, 2, "Usage")
    assert reading.next_heading(level=2) is None
    assert reading.block == 6  # no move when there is none
    assert reading.next_heading(level=3) == HeadingRef(8, 3, "Engine tips")
    assert reading.next_heading() is None


def test_previous_heading_skips_the_one_being_read_unless_read_part_way() -> None:
    reading = Reading(outline_article(), ReadingPosition(6, 0))
    assert reading.previous_heading() == HeadingRef(4, 3, "On Linux")
    assert reading.previous_heading(level=1) == HeadingRef(0, 1, "Guide")
    assert reading.previous_heading() is None
    assert reading.block == 0
    reading.go_to(6, 2)
    assert reading.previous_heading() == HeadingRef(6, 2, "Usage")
    reading.go_to(7)
    assert reading.previous_heading(level=3) == HeadingRef(4, 3, "On Linux")


def test_heading_path_says_which_sections_hold_a_position() -> None:
    reading = Reading(outline_article())
    assert [h.text for h in reading.heading_path(ReadingPosition(5))] == [
        "Guide",
        "Setup steps",
        "On Linux",
    ]
    # A level-2 heading closes the level-3 section before it.
    assert [h.text for h in reading.heading_path(ReadingPosition(7))] == ["Guide", "Usage"]
    reading.go_to(9)
    assert [h.text for h in reading.heading_path()] == ["Guide", "Usage", "Engine tips"]
    assert Reading(sample_article()).heading_path() == []  # the first block is before any heading


def test_headings_are_numbered_like_the_contents() -> None:
    reading = Reading(sample_article())
    assert [(h.block, h.level, h.text) for h in reading.headings] == [
        (1, 2, "How it works"),
        (4, 3, "A quotation"),
        (11, 2, "Pipes | stars * and [brackets]"),
    ]
    assert reading.heading(2) == reading.headings[1]
    assert reading.heading(0) is None and reading.heading(4) is None


def test_links_are_numbered_with_their_text_address_and_first_block() -> None:
    reading = Reading(sample_article())
    assert [(ln.number, ln.text, ln.url, ln.block) for ln in reading.links] == [
        (1, "Jacquard loom", "https://en.wikipedia.org/wiki/Jacquard_machine", 0),
        (2, "second source", "https://www.fourmilab.ch/babbage/sketch.html", 2),
        (3, "the engine", "https://news.example/engine", 9),
    ]
    assert reading.link(2) is reading.links[1]
    assert reading.link(0) is None and reading.link(4) is None


def test_a_fragment_link_resolves_to_the_heading_its_id_spells() -> None:
    reading = Reading(outline_article())
    by_text = {ln.text: ln.url for ln in reading.links}
    assert reading.fragment_block(by_text["setup"]) == 2  # Wikipedia style: Setup_steps
    assert reading.fragment_block(by_text["Linux"]) == 4  # Markdown style: on-linux
    assert reading.fragment_block(by_text["the top"]) == 0  # a bare '#' is the top
    assert reading.fragment_block(by_text["nowhere"]) is None
    assert reading.fragment_block(by_text["elsewhere"]) is None  # another page
    assert reading.is_same_page(by_text["setup"]) and not reading.is_same_page(by_text["elsewhere"])


def test_element_ids_given_as_anchors_win_over_heading_text() -> None:
    reading = Reading(outline_article(), anchors={"no-such-part": 9, "on-linux": 5})
    assert reading.fragment_block("https://docs.example/guide#no-such-part") == 9
    assert reading.fragment_block("https://docs.example/guide#on-linux") == 5


def test_find_is_case_insensitive_and_starts_at_the_position() -> None:
    reading = Reading(outline_article(), ReadingPosition(4))
    match = reading.find("ENGINE")
    assert [(m.block, m.start) for m in reading.matches] == [(3, 12), (3, 24), (8, 0), (9, 9)]
    assert match == Match(8, 0, 6)  # the first match at or after block 4
    assert reading.position == ReadingPosition(8, 0)
    assert reading.next_match() == Match(9, 9, 15)
    assert reading.next_match() == Match(3, 12, 18)  # wraps round to the top
    assert reading.next_match(-1) == Match(9, 9, 15)
    assert reading.texts[9][9:15] == "engine"


def test_find_backward_takes_the_last_match_before_the_position() -> None:
    reading = Reading(outline_article(), ReadingPosition(8, 0))
    assert reading.find("engine", backward=True) == Match(3, 24, 30)
    assert reading.match_index == 1


def test_find_with_no_match_leaves_the_position_alone() -> None:
    reading = Reading(outline_article(), ReadingPosition(5))
    assert reading.find("zeppelin") is None
    assert reading.next_match() is None
    assert reading.position == ReadingPosition(5, 0)


def test_progress_starts_at_the_headers_reading_time_and_ends_at_100() -> None:
    article = Article(
        title="Long",
        blocks=[Paragraph([t(" ".join(f"w{n}" for n in range(300)))]) for _ in range(4)],
    )
    reading = Reading(article)
    assert article.reading_minutes == 5
    assert reading.progress() == Progress(0, 5)
    assert reading.progress_after(1) == Progress(50, 3)  # 600 words left: 2.6 minutes
    assert reading.progress(ReadingPosition(3, len(reading.texts[3]) - 1)).percent == 99
    assert reading.progress_after(3) == Progress(100, 0)


def test_a_saved_position_is_restored_and_clamped_when_the_article_changed() -> None:
    reading = Reading(sample_article(), ReadingPosition(5, 12))
    assert reading.position == ReadingPosition(5, 12)
    last = reading.block_count - 1
    assert reading.restore(ReadingPosition(500, 40)) == ReadingPosition(last, 0)
    assert reading.restore(ReadingPosition(2, 10_000)) == ReadingPosition(
        2, len(reading.texts[2]) - 1
    )
    assert reading.restore(ReadingPosition(-3, -1)) == ReadingPosition(0, 0)
    assert reading.restore(None) == ReadingPosition(0, 0)
    assert Reading(Article(), ReadingPosition(4, 4)).position == ReadingPosition(0, 0)


def test_item_offsets_point_at_each_list_item_and_table_row() -> None:
    article = sample_article()
    listing, table = article.blocks[3], article.blocks[9]
    assert isinstance(listing, ListBlock) and isinstance(table, Table)
    list_text = block_text(listing)
    starts = [list_text[offset:] for offset in item_offsets(listing)]
    assert [s[:22] for s in starts] == [
        "The store holds number",
        "The mill operates on t",
        "Cards carry the progra",
    ]
    table_text = block_text(table)
    rows = [table_text[offset:].split(" ")[0] for offset in item_offsets(table)]
    assert rows == ["Ada", "Charles", "Luigi", "Joseph"]
    assert item_offsets(article.blocks[0]) == [0]
    assert item_offsets(ListBlock(False, [ListItem([])])) == [0]


def test_only_web_pages_are_followed_and_local_files_only_from_local_files() -> None:
    cases = [
        ("https://a.example/", None),
        ("http://a.example/x", "file:///tmp/a.html"),
        ("file:///etc/passwd", "https://evil.example/"),
        ("file:///tmp/b.html", "file:///tmp/a.html"),
        ("javascript:alert(1)", None),
        ("mailto:a@b.example", None),
    ]
    assert [followable(url, here) for url, here in cases] == [True, True, False, True, False, False]


def test_reading_time_counts_characters_of_japanese_among_symbols_and_words_elsewhere() -> None:
    """Punctuation, symbols and emoji neither make spaced text count as characters nor hide
    the characters of a script written without spaces."""
    spaced = "“Quoted” words — costs €5, 😀 fine… " * 100  # 700 space-separated words
    unspaced = "水車は冬も回る。“€5”😀" * 250  # 1,750 Japanese characters, 250 runs of symbols
    assert reading_load(spaced) == 700
    assert reading_load(unspaced) == 250 + 1750 * WORDS_PER_MINUTE / CHARACTERS_PER_MINUTE
