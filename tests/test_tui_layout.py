"""The article's line layout: wrapping, and structure shown by more than colour."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from reader.core.document import Code, Paragraph, Table, number_links
from reader.tui.layout import BlockLayout, LayoutOptions, Line, runs_to_spans, wrap_spans
from tests.support.tui_helpers import every_block_article, link, t

word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz界", min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.lists(word, min_size=1, max_size=60), st.integers(min_value=4, max_value=90))
def test_wrapping_keeps_every_word_and_never_exceeds_the_width(words: list[str], width: int):
    text = " ".join(words)
    lines = wrap_spans([(text, "")], width, 0)
    assert all(cell_len(line.text) <= width for line in lines)
    assert "".join(line.text.replace(" ", "") for line in lines) == text.replace(" ", "")
    for line in lines:  # each offset points at where the line's text starts in the source
        first = line.text.split(" ")[0]
        assert text[line.offset :].startswith(first)
    assert [line.offset for line in lines] == sorted(line.offset for line in lines)


def test_spaces_between_differently_styled_runs_are_kept() -> None:
    lines = wrap_spans([("reader", "strong"), (" fetches a page", "")], 80, 0)
    assert lines[0].text == "reader fetches a page"


def test_links_are_underlined_and_numbered() -> None:
    runs = [t("see "), link("the survey", "https://x.invalid/s"), t(".")]
    article_runs = runs
    from reader.core.document import Article

    article = Article(blocks=[Paragraph(article_runs)])
    number_links(article)
    spans = runs_to_spans(article_runs)
    assert ("the survey", "link") in spans and ("[1]", "link-number") in spans


def lines_by_block(width: int = 60) -> dict[int, list[Line]]:
    article = every_block_article()
    layout = BlockLayout(LayoutOptions(width=width))
    return {i: layout.block_lines(b, i, width) for i, b in enumerate(article.blocks)}


def test_structure_is_shown_by_text_not_colour_alone() -> None:
    blocks = lines_by_block()
    assert blocks[0][0].text == "# Every block"
    assert blocks[8][0].text.startswith("### ")
    assert [line.text for line in blocks[2]] == ["• first item", "• second item", "  1. nested one"]
    assert all(line.text.startswith("▎ ") for line in blocks[3])
    assert blocks[3][-1].text == "▎ — Someone"
    assert blocks[5][0].text == "Image: A lighthouse at dusk"
    assert blocks[5][1].text == "Caption: The lighthouse."
    assert blocks[7][0].text.strip() == "* * *"


def test_code_keeps_its_indentation_and_is_cut_at_the_width() -> None:
    layout = BlockLayout(LayoutOptions())
    lines = layout.block_lines(Code("def f():\n    return 1\n" + "x" * 25), 0, 10)
    texts = [line.text for line in lines]
    assert texts[:2] == ["def f():", "    return 1"[:10]]
    assert all(cell_len(text) <= 10 for text in texts)
    assert "".join(texts[-3:]) == "x" * 25


def test_tables_are_a_grid_when_they_fit_and_labelled_rows_when_not() -> None:
    table = Table([[t("Name")], [t("Age")]], [[[t("Ada")], [t("36")]]])
    layout = BlockLayout(LayoutOptions())
    grid = [line.text for line in layout.block_lines(table, 0, 40)]
    assert grid == ["Name │ Age", "─────┼────", "Ada  │ 36 "]
    narrow = [line.text.rstrip() for line in layout.block_lines(table, 0, 8)]
    assert narrow == ["Name:", "  Ada", "Age: 36"]  # a label, and the word not split
    assert all(cell_len(text) <= 8 for text in narrow)


def test_a_table_grid_draws_spanning_cells_across_their_columns_and_leaves_rows_below_blank() -> (
    None
):
    table = Table(
        [[t("Light")], [t("Position")]],
        [
            [[t("Old Head")], [t("51.6")], [t("8.5")]],
            [[t("51.7")], [t("8.6")]],
            [[t("Fastnet")], [t("at sea, far out")]],
        ],
        spans={(0, 1): 2, (3, 1): 2},
        row_spans={(1, 0): 2},
    )
    layout = BlockLayout(LayoutOptions())
    grid = [line.text for line in layout.block_lines(table, 0, 40)]
    assert grid == [
        "Light    │ Position       ",
        "─────────┼──────┼─────────",
        "Old Head │ 51.6 │ 8.5     ",
        "         │ 51.7 │ 8.6     ",
        "Fastnet  │ at sea, far out",
    ]
    narrow = [line.text.rstrip() for line in layout.block_lines(table, 0, 18)]
    assert narrow[narrow.index("─" * 18) + 1 :][:3] == [
        "Light: Old Head",
        "Position: 51.7",
        "Position: 8.6",
    ]  # a cell spanning rows is read again in the next row


def test_line_and_paragraph_spacing_add_blank_rows() -> None:
    layout = BlockLayout(LayoutOptions(line_spacing=1, paragraph_spacing=2))
    lines = layout.block_lines(Paragraph([t("one two three four five six")]), 0, 10)
    assert [bool(line.spans) for line in lines] == [True, False, True, False, True]
    assert len(layout.gap_lines(0)) == 2
