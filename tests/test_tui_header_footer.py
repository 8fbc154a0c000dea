"""Pilot tests: at any width the article's title can be read whole in the header (it wraps
rather than being cut), and the footer shows whole keys chosen by priority, Help always
among them, never a word cut at the screen's edge."""

from __future__ import annotations

import dataclasses
import html
import itertools
import re

import pytest

from reader.core.document import Article
from reader.tui.app import ReaderApp
from reader.tui.keys import READER_BINDINGS
from reader.tui.widgets.header import ArticleHeader
from reader.tui.widgets.key_footer import KeyFooter, fit_keys, key_width
from tests.support.tui_helpers import long_article, make_app, show

TITLE = "How the lighthouse keepers of the northern coast lived, worked and kept the lamps lit"
_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>')


def screen_rows(app: ReaderApp) -> list[str]:
    """The rows of text on screen, top to bottom, each character in its column (the
    screenshot draws text 12.2 pixels a column and leaves out blank runs)."""
    rows: dict[float, dict[int, str]] = {}
    for match in _TEXT.finditer(app.export_screenshot()):
        x, y, text = float(match[1]), float(match[2]), html.unescape(match[3])
        cells = rows.setdefault(y, {})
        for offset, char in enumerate(text.replace("\xa0", " ")):
            cells[round(x / 12.2) + offset] = char
    width = app.size.width
    return ["".join(row.get(c, " ") for c in range(width)) for _, row in sorted(rows.items())]


def article() -> Article:
    return dataclasses.replace(long_article(), title=TITLE)


@pytest.mark.parametrize("width", [40, 80, 100, 160])
async def test_the_whole_title_is_readable_in_the_header(width: int) -> None:
    app = make_app(article=article())
    async with app.run_test(size=(width, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        header = screen.query_one("#header")
        title = screen.query_one("#title").region
        rows = screen_rows(app)[: header.region.height]
        text = " ".join(" ".join(row[title.x : title.right] for row in rows).split())
        assert text == f"{TITLE} · Example Site · 5 min read"
        assert "%" in str(screen.query_one("#progress").render())
        assert header.region.height <= 4  # wrapping takes a few lines, not the screen


async def test_reading_time_and_site_are_never_split_across_header_lines_at_100_columns() -> None:
    app = make_app(article=article())
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        header = screen.query_one(ArticleHeader)
        for extra in range(16):  # move the facts past the line's end a column at a time
            title = "The keepers of the northern lights " + "x" * (30 + extra)
            header.show_article(dataclasses.replace(article(), title=title))
            await pilot.pause()
            box = screen.query_one("#title").region
            rows = [row[box.x : box.right] for row in screen_rows(app)[: header.region.height]]
            assert any("5 min read" in row for row in rows), rows
            assert any("Example Site" in row for row in rows), rows
            assert title in " ".join(" ".join(rows).split())  # the title still wraps


@pytest.mark.parametrize("width", [40, 80, 100, 160])
async def test_the_footer_shows_help_and_only_whole_keys(width: int) -> None:
    app = make_app(article=article())
    async with app.run_test(size=(width, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        footer = screen.query_one(KeyFooter)
        keys = list(footer.children)
        assert any(key.description == "Help" for key in keys)  # type: ignore[attr-defined]
        edges = sorted((key.region.x, key.region.right) for key in keys)
        assert all(right <= width for _, right in edges)
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(edges))  # no overlap
        bottom = screen_rows(app)[-1].replace("▏", " ")  # the rule before the palette key
        shown = " ".join(f"{key.key_display} {key.description}" for key in keys)  # type: ignore[attr-defined]
        assert bottom.split() == shown.split()  # every word on the line is a whole key's
        assert "? Help" in bottom
        await pilot.press("question_mark")  # and Help opens from it
        await pilot.pause()
        assert screen.pane == "help"


async def test_the_footer_chooses_keys_again_when_the_terminal_narrows() -> None:
    app = make_app(article=article())
    async with app.run_test(size=(160, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        wide = {key.description for key in screen.query_one(KeyFooter).children}  # type: ignore[attr-defined]
        assert {"Original / translation", "Help", "palette"} <= wide
        await pilot.resize_terminal(40, 24)
        await pilot.pause()
        await pilot.pause()
        narrow = [key.description for key in screen.query_one(KeyFooter).children]  # type: ignore[attr-defined]
        assert narrow == ["Follow link", "Find", "Help", "Quit"]


def test_at_every_width_from_40_to_200_help_fits_and_the_keys_never_overflow() -> None:
    shown = [b for b in READER_BINDINGS if b.show]
    widths = [(b.id, key_width(b.key.split(",")[0], b.description)) for b in shown]
    help_index = next(i for i, b in enumerate(shown) if b.id == "help")
    for width in range(40, 201):
        chosen = fit_keys(widths, width)
        assert help_index in chosen, width
        assert sum(widths[i][1] for i in chosen) <= width
    assert len(fit_keys(widths, 200)) == len(shown)
