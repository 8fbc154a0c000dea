"""Pilot tests: scrolling, moving by paragraph and heading, find, focus mode and the cursor."""

from __future__ import annotations

from textual.geometry import Offset

from reader.tui.messages import ArticleLoaded, PositionChanged
from reader.tui.widgets.article_view import ArticleView
from tests.support.tui_helpers import long_article, make_app, reader, settle, show


async def test_welcome_article_opens_with_title_and_progress_in_the_header() -> None:
    seen: list[object] = []
    app = make_app()
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await settle(pilot, app)
        loaded = [m for m in seen if isinstance(m, ArticleLoaded)]
        assert loaded and loaded[0].source is None
        title = " ".join(str(app.screen.query_one("#title").render()).split())  # as wrapped
        assert loaded[0].article.title in title and "min read" in title
        assert "% ·" in str(app.screen.query_one("#progress").render())
        assert reader(app).article_view.line_count > 0


async def test_line_and_page_keys_scroll_by_line_and_by_screenful() -> None:
    app = make_app(article=long_article())
    async with app.run_test(size=(80, 24)) as pilot:
        view = (await show(pilot, app, app.first_article)).article_view
        page = view.scrollable_content_region.height - 1
        steps = [
            (["j"], 1),
            (["down"], 2),
            (["k"], 1),
            (["up"], 0),
            (["pagedown"], page),
            (["space"], 2 * page),
            (["ctrl+f"], 3 * page),
            (["pageup"], 2 * page),
            (["ctrl+b"], page),
        ]
        for keys, expected in steps:
            await pilot.press(*keys)
            assert view.top_line == expected, keys


async def test_half_page_keys_and_top_and_end() -> None:
    app = make_app(article=long_article())
    async with app.run_test(size=(80, 24)) as pilot:
        view = (await show(pilot, app, app.first_article)).article_view
        await pilot.press("ctrl+d")
        half = view.top_line
        assert 0 < half < view.scrollable_content_region.height
        await pilot.press("ctrl+u")
        assert view.top_line == 0
        await pilot.press("G")
        assert view.fully_laid_out and view.top_line == view.max_scroll_y > 0
        assert view.progress() == (100, 0)
        await pilot.press("g")
        assert view.top_line == 0
        await pilot.press("end")
        assert view.top_line == view.max_scroll_y
        await pilot.press("home")
        assert view.top_line == 0


async def test_paragraph_keys_move_block_by_block() -> None:
    app = make_app(article=long_article())
    async with app.run_test(size=(80, 24)) as pilot:
        view = (await show(pilot, app, app.first_article)).article_view
        assert view.current_block == 0
        await pilot.press("right_curly_bracket")
        assert view.current_block == 1
        await pilot.press("ctrl+down", "ctrl+down")
        assert view.current_block == 3
        await pilot.press("left_curly_bracket")
        assert view.current_block == 2
        await pilot.press("ctrl+up")
        assert view.current_block == 1


async def test_heading_keys_jump_between_headings() -> None:
    article = long_article(sections=4, paragraphs=3)
    headings = [i for i, b in enumerate(article.blocks) if b.kind == "heading"]
    app = make_app(article=article)
    async with app.run_test(size=(80, 24)) as pilot:
        view = (await show(pilot, app, app.first_article)).article_view
        await pilot.press("right_square_bracket")
        assert view.current_block == headings[0]
        await pilot.press("right_square_bracket")
        assert view.current_block == headings[1]
        await pilot.press("left_square_bracket")
        assert view.current_block == headings[0]


async def test_find_highlights_matches_and_n_and_shift_n_step_through_them() -> None:
    app = make_app(article=long_article(sections=3))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        view = screen.article_view
        await pilot.press("slash")
        assert screen.prompt.display and screen.prompt.has_focus
        await pilot.press(*"section", "enter")
        assert view.match_count == 3 and view.match_index == 0
        assert "3 matches" in str(screen.query_one("#message").render())
        first = view.top_line
        await pilot.press("n")
        assert view.match_index == 1 and view.top_line > first
        await pilot.press("N")
        assert view.match_index == 0
        await pilot.press("N")
        assert view.match_index == 2  # wraps around
        strip = view.render_line(view.line_of_match(2) - view.top_line)
        styles = [seg.style for seg in strip if "Section" in seg.text]
        assert styles and styles[0].bgcolor is not None  # the match stands out
        await pilot.press("escape")
        assert view.match_count == 0 and not view.find_text


async def test_find_without_matches_says_so() -> None:
    app = make_app(article=long_article())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        await pilot.press("slash", *"zebra", "enter")
        assert screen.article_view.match_count == 0
        assert "No matches" in str(screen.query_one("#message").render())


async def test_cursor_sits_at_the_start_of_the_current_paragraph() -> None:
    app = make_app(article=long_article())
    async with app.run_test(size=(80, 24)) as pilot:
        view = (await show(pilot, app, app.first_article)).article_view
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        region = view.scrollable_content_region
        margin = (region.width - view.column_width) // 2
        assert app.cursor_position == Offset(region.x + margin, region.y)
        line = view.line(view.top_line)
        assert line is not None and line.block == view.current_block and line.offset == 0


async def test_focus_mode_dims_all_but_the_current_paragraph() -> None:
    app = make_app(article=long_article())
    async with app.run_test(size=(80, 24)) as pilot:
        view = (await show(pilot, app, app.first_article)).article_view
        before = [view.render_line(y) for y in range(6)]
        await pilot.press("z")
        assert view.focus_mode and app.settings.focus_mode
        after = [view.render_line(y) for y in range(6)]
        current = [y for y in range(6) if view.line(y).block == view.current_block]
        other = [y for y in range(6) if view.line(y).spans and y not in current]
        assert current and other
        assert all(before[y] == after[y] for y in current)
        assert all(before[y] != after[y] for y in other)
        await pilot.press("z")
        assert not view.focus_mode


async def test_position_messages_carry_block_offset_and_progress() -> None:
    seen: list[object] = []
    app = make_app(article=long_article())
    async with app.run_test(size=(80, 24), message_hook=seen.append) as pilot:
        await show(pilot, app, app.first_article)
        seen.clear()
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        moves = [m for m in seen if isinstance(m, PositionChanged)]
        assert moves and moves[-1].block > 0
        assert 0 < moves[-1].percent < 100 and moves[-1].minutes_left >= 1


async def test_a_megabyte_article_opens_lazily_and_scrolls_to_the_end() -> None:
    article = long_article(sections=200, paragraphs=20)  # ~1 MB of text
    assert sum(len(w) for b in article.blocks for w in [str(b)]) > 1_000_000
    app = make_app(article=long_article(sections=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        screen = reader(app)
        screen.show_article(article)
        view: ArticleView = screen.article_view
        assert view.line_count < 1000  # only what the screen needs was laid out so far
        assert not view.fully_laid_out
        assert "Opening paragraph" in "".join(s.text for s in view.render_line(0))
        await pilot.press("pagedown")
        assert view.top_line > 0
        await pilot.press("G")
        assert view.fully_laid_out and view.top_line == view.max_scroll_y
        last = "".join(s.text for s in view.render_line(view.scrollable_content_region.height - 1))
        assert (
            "S200P19"
            in "".join(
                "".join(s.text for s in view.render_line(y))
                for y in range(view.scrollable_content_region.height)
            )
            or last
        )


async def test_reading_position_survives_a_width_change() -> None:
    app = make_app(article=long_article())
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        view = screen.article_view
        for _ in range(3):
            await pilot.press("right_curly_bracket")
        await pilot.press("j")
        block, offset = view.position
        assert offset > 0
        app.change_setting("width", 40)
        await pilot.pause()
        assert view.column_width == 40
        new_block, new_offset = view.position
        assert new_block == block and new_offset <= offset
        assert offset - new_offset < 40


async def test_find_counts_a_phrase_that_wraps_onto_the_next_line() -> None:
    app = make_app(article=long_article())
    async with app.run_test(size=(60, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        view = screen.article_view
        first = view.line_of_position(3, 0)
        line, following = view.line(first), view.line(first + 1)
        assert line is not None and following is not None and following.block == line.block
        phrase = f"{line.text.split()[-1]} {following.text.split()[0]}"
        assert phrase not in line.text and phrase not in following.text
        assert view.find(phrase) >= 1
        reading = view.reading
        assert reading is not None
        assert 3 in {match.block for match in reading.matches}  # found in the paragraph's text
        await pilot.press("escape")
        assert view.match_count == 0


async def test_the_current_match_stays_current_when_the_width_changes() -> None:
    app = make_app(article=long_article(sections=3))
    async with app.run_test(size=(100, 24)) as pilot:
        screen = await show(pilot, app, app.first_article)
        view = screen.article_view
        await pilot.press("slash", *"section", "enter", "n")
        assert view.match_index == 1
        app.change_setting("width", 40)
        await pilot.pause()
        assert view.match_count == 3 and view.match_index == 1
        strip = view.render_line(view.line_of_match(1) - view.top_line)
        assert any("Section" in segment.text for segment in strip)
