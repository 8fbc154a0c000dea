"""Large text in the scripts of every language edition: each draws its own glyphs (GNU Unifont
beyond Latin, Greek and Cyrillic), wide and Devanagari glyphs take two glyph widths, marks sit
on their letters, Arabic letters join, right-to-left lines run right to left, and a character
without a glyph is drawn at scale 1, itself, instead of a box."""

from __future__ import annotations

import subprocess
import sys

import pytest
from rich.cells import cell_len

from reader.core.document import Article, Inline, Paragraph
from reader.core.large_text.bigtext import MOSAICS, cells_per_char, render_spans, rows_per_line
from reader.core.storage.settings import Settings
from reader.tui import create_app
from reader.tui.big_layout import LargeLine, LargeTextLayout
from reader.tui.layout import LayoutOptions
from tests.support.mosaic import decode
from tests.support.tui_helpers import show

SAMPLES = {
    "Latin": "A",
    "Greek": "Ω",
    "Cyrillic": "Ж",
    "CJK ideograph": "漢",
    "Hiragana": "あ",
    "Katakana": "カ",
    "Hangul": "한",
    "Arabic": "ب",
    "Hebrew": "א",
    "Devanagari": "क",
    "Thai": "ก",
}
MOSAIC_CELLS = set(" ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█") | {chr(code) for code in range(0x1FB00, 0x1FB3C)}


def drawn(text: str, scale: int = 3, mosaic: str = "sextant", keys: str = "") -> list[str]:
    """The rows of one line of large text, styles dropped."""
    return ["".join(part for part, _ in row) for row in render_spans([(text, keys)], scale, mosaic)]


def joined(*pieces: list[str]) -> list[str]:
    return ["".join(rows) for rows in zip(*pieces, strict=True)]


@pytest.mark.parametrize("mosaic", MOSAICS)
@pytest.mark.parametrize("scale", [3, 4])
def test_every_script_draws_its_own_glyph_not_the_box(scale: int, mosaic: str) -> None:
    box = drawn("\ufffd", scale, mosaic)
    glyphs = {}
    for script, char in SAMPLES.items():
        rows = drawn(char, scale, mosaic)
        assert set("".join(rows)) <= MOSAIC_CELLS, f"{script} is not drawn in mosaic glyphs"
        assert "".join(rows).strip(), f"{script} has no ink"
        assert [row[: len(box[0])] for row in rows] != box, f"{script} is drawn as the box"
        glyphs[script] = tuple(rows)
    assert len(set(glyphs.values())) == len(SAMPLES), "two scripts share a glyph"


@pytest.mark.parametrize("char", ["漢", "あ", "한", "क"])
def test_wide_and_devanagari_glyphs_take_two_glyph_widths(char: str) -> None:
    assert all(len(row) == 2 * cells_per_char(3) for row in drawn(char))
    assert all(len(row) == cells_per_char(3) for row in drawn("ก"))  # Thai is narrow


def test_a_devanagari_paragraph_is_wrapped_to_fit_the_pane() -> None:
    text = "नमस्ते दुनिया यह एक लंबा वाक्य है जो कई पंक्तियों में लपेटा जाएगा"
    layout = LargeTextLayout(LayoutOptions(scale=3))
    lines = layout.block_lines(Paragraph([Inline(text)]), 0, 40)
    assert all(cell_len(line.text) <= 40 for line in lines)
    sources = [line.source for line in lines if isinstance(line, LargeLine) and line.row == 0]
    assert " ".join(sources).split() == text.split()


def test_combining_marks_are_drawn_onto_their_letter() -> None:
    thai = drawn("กิ")  # ko kai with sara i above
    assert len(thai[0]) == cells_per_char(3) and thai != drawn("ก")
    hindi = drawn("कि")  # ka with the vowel sign i, drawn left of the letter by the font
    assert len(hindi[0]) == 2 * cells_per_char(3) and hindi != drawn("क")
    assert drawn("e\u0301") == drawn("é")  # a decomposed accent is composed first
    vietnamese = drawn("ệ")  # not in misc-fixed: e with both marks from Unifont
    assert vietnamese not in (drawn("e"), drawn("\ufffd"))


def test_hebrew_is_drawn_right_to_left_with_numbers_left_to_right() -> None:
    assert drawn("אב 12 גד") == joined(*(drawn(char) for char in "דג 12 בא"))


def test_brackets_in_a_right_to_left_line_are_mirrored() -> None:
    assert drawn("א (ב)") == joined(*(drawn(char) for char in "(ב) א"))


def test_hebrew_inside_a_left_to_right_line_is_reversed_in_place() -> None:
    assert drawn("I said שלום.") == joined(*(drawn(char) for char in "I said םולש."))


def test_arabic_letters_join_and_run_right_to_left() -> None:
    # beh beh: the first (rightmost) takes its initial form, the second its final form
    assert drawn("بب") == joined(drawn("\ufe90"), drawn("\ufe91"))
    assert drawn("لا") == drawn("\ufefb")  # lam alef is one ligature
    assert drawn("با") == joined(drawn("\ufe8e"), drawn("\ufe91"))  # alef joins only before
    # a zero-width non-joiner (Persian) takes no room and keeps the letters apart
    assert drawn("ب\u200cب") == joined(drawn("\ufe8f"), drawn("\ufe8f"))
    harakat = drawn("بَ")  # beh with fatha: the mark is drawn onto the letter
    assert len(harakat[0]) == cells_per_char(3) and harakat != drawn("ب")


@pytest.mark.parametrize("char", ["ב", "ก", "漢", "한"])
def test_bold_script_glyphs_are_thicker_without_closing_their_gaps(char: str) -> None:
    def strokes(row: list[int]) -> int:
        return sum(1 for x, ink in enumerate(row) if ink and (x == 0 or not row[x - 1]))

    plain = decode(drawn(char, 4), "sextant")
    bold = decode(drawn(char, 4, keys="heading"), "sextant")
    assert sum(map(sum, bold)) > sum(map(sum, plain))
    assert [strokes(row) for row in bold] == [strokes(row) for row in plain]


def test_a_character_without_a_glyph_is_drawn_at_scale_1_not_as_a_box() -> None:
    rows = drawn("😀", 3)
    assert rows[1].startswith("😀") and "\ufffd" not in "".join(rows)
    assert cell_len(rows[1]) == 2 * cells_per_char(3)  # a wide character keeps its two widths
    assert all(not row.strip() for index, row in enumerate(rows) if index != 1)
    link = render_spans([("😀", "link")], 3)
    assert link[-1][0][0].strip(), "a link without a glyph keeps its pixel underline"


@pytest.mark.parametrize("mosaic", MOSAICS)
def test_at_scale_2_scripts_beyond_latin_greek_cyrillic_are_drawn_at_scale_1(mosaic: str):
    rows = drawn("漢字", 2, mosaic)
    middle = (rows_per_line(2, mosaic) - 1) // 2
    assert rows[middle].replace(" ", "") == "漢字"
    assert cell_len(rows[middle]) == 4 * cells_per_char(2, mosaic)
    assert drawn("Ж", 2, mosaic)[middle] != "Ж" + " " * (cells_per_char(2, mosaic) - 1)


def test_the_unifont_data_is_read_only_when_a_character_needs_it() -> None:
    script = (
        "from reader.core.large_text import unifont\n"
        "from reader.core.large_text.bigtext import render_spans\n"
        "render_spans([('Large Latin text', 'heading')], 4)\n"
        "assert unifont._unifont.cache_info().currsize == 0, 'read for Latin text'\n"
        "render_spans([('漢字', '')], 4)\n"
        "assert unifont._unifont.cache_info().currsize == 1\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)


async def test_the_reader_draws_an_article_in_many_scripts_within_the_pane() -> None:
    texts = ["日本語の文字", "한국어 큰 글씨", "שלום עולם 2026", "مرحبا بالعالم", "नमस्ते दुनिया"]
    article = Article(title="Scripts", blocks=[Paragraph([Inline(text)]) for text in texts])
    app = create_app(None, settings=Settings(scale=3, width=0, margin=0), save=False)
    async with app.run_test(size=(40, 24)) as pilot:
        view = (await show(pilot, app, article)).article_view
        view.layout_all()
        lines = [view.line(i) for i in range(view.line_count)]
        await pilot.pause()
    drawn_rows = [line.text for line in lines if isinstance(line, LargeLine)]
    assert {line.block for line in lines if isinstance(line, LargeLine)} == set(range(len(texts)))
    assert all(cell_len(row) <= 40 for row in drawn_rows)
    ink = "".join(drawn_rows).replace(" ", "")
    assert ink and set(ink) <= MOSAIC_CELLS, "every script is drawn in glyphs, none at scale 1"
