"""Large text and layout controls in the full-screen reader (Pilot): keys, the settings pane,
instant reflow, the reading position kept, and every change saved to settings.toml."""

from __future__ import annotations

from textual.widgets import Select

from reader.core.large_text.bigtext import rows_per_line
from reader.core.storage.settings import Settings, load_settings
from reader.tui import create_app
from reader.tui.app import ReaderApp
from reader.tui.layout import GAP_OFFSET
from tests.support.tui_helpers import long_article, show

GAP = GAP_OFFSET  # the offset of paragraph-spacing rows
MOSAIC = {chr(c) for c in range(0x1FB00, 0x1FB3C)} | set("▘▝▀▖▌▞▛▗▚▐▜▄▙▟█")


def make(**settings: object) -> ReaderApp:
    article = long_article()
    return create_app(None, settings=Settings(theme="dark", **settings), article=article)


def rows_of_block(app: ReaderApp, block: int) -> list[str]:
    view = app.get_screen_reader().article_view
    view.layout_all()
    lines = [view.line(i) for i in range(view.line_count)]
    return [line.text for line in lines if line.block == block and line.offset < GAP]


def mosaic_share(text: str) -> float:
    ink = [c for c in text if not c.isspace()]
    return sum(c in MOSAIC for c in ink) / max(1, len(ink))


async def test_plus_minus_and_zero_change_the_scale_keep_the_place_and_save() -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        view = screen.article_view
        view.scroll_to_position(9, 0)
        await pilot.pause()
        assert view.position[0] == 9
        scale1_rows = len(rows_of_block(app, 9))
        await pilot.press("plus")
        await pilot.pause()
        assert app.settings.scale == 2
        assert view.position[0] == 9, "the reading position survives the scale change"
        big = rows_of_block(app, 9)
        assert len(big) > scale1_rows
        assert mosaic_share("".join(big)) > 0.9
        assert "Text scale 2" in str(screen.query_one("#message").render())
        await pilot.press("plus", "plus", "plus")  # capped at 4
        await pilot.pause()
        assert app.settings.scale == 4 and view.position[0] == 9
        await pilot.press("minus")
        await pilot.pause()
        assert app.settings.scale == 3
        await pilot.press("0")
        await pilot.pause()
        assert app.settings.scale == 1 and view.position[0] == 9
        assert mosaic_share("".join(rows_of_block(app, 9))) == 0
        await pilot.press("equals_sign")
        await pilot.pause()
    saved, warnings = load_settings()
    assert warnings == [] and saved.scale == 2


async def test_a_large_text_line_is_rows_per_line_rows_tall_and_fits_the_column() -> None:
    app = make(scale=3, width=60)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        view = screen.article_view
        rows = rows_of_block(app, 2)  # a paragraph
        assert len(rows) % rows_per_line(3) == 0
        assert all(len(row) <= view.column_width for row in rows)
        # every row of one text line shares the line's (block, offset)
        lines = [view.line(i) for i in range(view.line_count) if view.line(i).block == 2]
        assert lines[0].offset == lines[1].offset == lines[2].offset == 0
        assert lines[3].offset > 0


async def test_glyph_setting_switches_between_sextants_and_quadrants() -> None:
    app = make(scale=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, app, app.first_article)
        sextants = "".join(rows_of_block(app, 2))
        assert any(0x1FB00 <= ord(c) <= 0x1FB3B for c in sextants)
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#setting-glyphs", Select).value = "quadrant"
        await pilot.pause()
        assert app.settings.glyphs == "quadrant"
        quadrants = "".join(rows_of_block(app, 2))
        assert not any(0x1FB00 <= ord(c) <= 0x1FB3B for c in quadrants)
        assert any(c in "▘▝▀▖▌▞▛▗▚▐▜▄▙▟" for c in quadrants)
        assert len(rows_of_block(app, 2)) % rows_per_line(2, "quadrant") == 0
    assert load_settings()[0].glyphs == "quadrant"


async def test_scale_select_in_the_settings_pane_follows_the_keys() -> None:
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, app, app.first_article)
        await pilot.press("s")
        await pilot.pause()
        select = app.screen.query_one("#setting-scale", Select)
        select.value = 3
        await pilot.pause()
        assert app.settings.scale == 3
        app.screen.article_view.focus()
        await pilot.press("minus")
        await pilot.pause()
        assert app.settings.scale == 2 and select.value == 2


LAYOUT_CHANGES: list[tuple[str, object]] = [
    ("width", 40),
    ("margin", 8),
    ("line_spacing", 1),
    ("paragraph_spacing", 3),
    ("align", "justify"),
]


async def test_each_layout_control_reflows_at_once_keeps_the_place_and_persists() -> None:
    app = make(width=60, margin=2, line_spacing=0, paragraph_spacing=1, align="left")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, app.first_article)
        view = screen.article_view
        await pilot.press("s")  # the pane opens beside the article, which reflows
        await pilot.pause()
        view.scroll_to_position(14, 0)
        await pilot.pause()
        for control, value in LAYOUT_CHANGES:
            view.layout_all()
            before = [view.line(i) for i in range(view.line_count)]
            old = [line.text for line in before if line.block == 2 and line.offset < GAP]
            screen.query_one(f"#setting-{control}", Select).value = value
            await pilot.pause()
            assert getattr(app.settings, control) == value, control
            assert view.position[0] == 14, f"{control} lost the reading position"
            view.layout_all()
            after = [view.line(i) for i in range(view.line_count)]
            para = [line.text for line in after if line.block == 2 and line.offset < GAP]
            if control == "width":
                assert view.column_width == 40
                assert max(map(len, para)) <= 40 < max(map(len, old))
            elif control == "margin":
                assert view.layout_options.margin == 8
            elif control == "line_spacing":
                assert para[1] == "", "a blank row between the lines of a paragraph"
                assert len(para) == 2 * len(old) - 1
            elif control == "paragraph_spacing":
                gaps = [line for line in after if line.block == 2 and line.offset >= GAP]
                assert len(gaps) == 3
            else:  # justified: every line of a paragraph but the last fills the column
                lines = [t for t in para if t]
                assert all(len(t) == view.column_width for t in lines[:-1])
                assert len(lines[-1]) < view.column_width
    saved, _ = load_settings()
    for control, value in LAYOUT_CHANGES:
        assert getattr(saved, control) == value, control


async def test_justified_large_text_fills_the_column_too() -> None:
    app = make(scale=2, align="justify", width=60)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, app.first_article)
        rows = rows_of_block(app, 2)
        width = screen.article_view.column_width
        first_line = rows[: rows_per_line(2)]
        assert width - 1 <= len(first_line[0]) <= width


async def test_find_works_in_large_text_and_highlights_every_row_of_the_match() -> None:
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        view = screen.article_view
        found = view.find("word77")
        assert found >= 1
        await pilot.press("plus", "plus")
        await pilot.pause()
        assert app.settings.scale == 3
        assert view.match_count == found, "one match per occurrence, not per glyph row"
        view.find("word77")
        await pilot.pause()
        top = view.top_line
        rows = [view.line(top + y) for y in range(view.size.height)]
        hits = [
            y for y, line in enumerate(rows) if line and "word77" in getattr(line, "source", "")
        ]
        assert len(hits) == rows_per_line(3)
        plain = view.render_line(hits[0])
        match_style = view.get_component_rich_style("article-view--match-current")
        backgrounds = {seg.style.bgcolor for seg in plain if seg.style}
        assert match_style.bgcolor in backgrounds
