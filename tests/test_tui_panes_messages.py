"""Pilot tests: messages go when their cause does, the message line wraps instead of cutting,
and the Messages pane keeps every message in full with its time."""

from __future__ import annotations

import re

from textual.widgets import Label

from reader.tui.keys import BINDING_GROUPS
from reader.tui.messages import LoadCancelled
from reader.tui.widgets.help_pane import HelpPane
from reader.tui.widgets.message_log import MessageLogPane
from tests.support.tui_helpers import (
    long_article,
    make_app,
    message_text,
    reader,
    running_site,
    settle,
    show,
)


async def test_no_language_message_goes_once_a_language_is_chosen() -> None:
    article = long_article()
    app = make_app(article=article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, article)
        await pilot.press("o")
        await pilot.pause()
        assert "No translation language" in message_text(screen)
        # Checked before anything else runs: the translation that starts may say more later.
        app.change_setting("language", "de")
        assert message_text(screen) == ""


async def test_a_message_about_something_else_stays_when_a_language_is_chosen() -> None:
    article = long_article()
    app = make_app(article=article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, article)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("z")  # a newer message, with no cause to resolve
        await pilot.pause()
        app.change_setting("language", "de")
        assert message_text(screen) == "Focus mode on."


async def test_escape_during_a_load_puts_the_shown_page_back_in_the_header() -> None:
    seen: list[object] = []
    with running_site() as site:
        app = make_app(site.url("/first.html"))
        async with app.run_test(size=(100, 24), message_hook=seen.append) as pilot:
            await settle(pilot, app)
            screen = reader(app)
            await pilot.press("pagedown")
            await pilot.pause()
            progress = str(screen.query_one("#progress", Label).render())
            assert "%" in progress
            await pilot.press("colon", *site.url("/slow.html"), "enter")
            await pilot.pause(0.1)
            assert "Loading" in str(screen.query_one("#title", Label).render())
            await pilot.press("escape")
            await pilot.pause()
            assert any(isinstance(m, LoadCancelled) for m in seen)
            title = str(screen.query_one("#title", Label).render())
            assert "Loading" not in title and "First Page" in title
            assert str(screen.query_one("#progress", Label).render()) == progress
            site.release.set()


async def test_escape_during_the_first_load_leaves_no_loading_title() -> None:
    with running_site() as site:
        app = make_app(site.url("/slow.html"))
        async with app.run_test(size=(100, 24)) as pilot:
            await pilot.pause(0.1)
            screen = reader(app)
            assert screen.fetching
            await pilot.press("escape")
            await pilot.pause()
            title = str(screen.query_one("#title", Label).render())
            assert "Loading" not in title and "Nothing open: ctrl+o or colon opens a page" in title
            site.release.set()


async def test_a_long_message_wraps_and_the_log_keeps_it_in_full_with_its_time() -> None:
    article = long_article()
    app = make_app(article=article)
    long_message = "reader: " + " ".join(f"part{n}" for n in range(40)) + " run 'reader fix'"
    async with app.run_test(size=(60, 24)) as pilot:
        screen = await show(pilot, app, article)
        screen.say(long_message)
        await pilot.pause()
        line = screen.query_one("#message")
        assert line.outer_size.height > 1
        assert "run 'reader fix'" in message_text(screen)  # not cut before the command
        app.notify("Disk nearly full", title="Settings")
        await pilot.press("m")
        await pilot.pause()
        assert screen.pane == "messages" and screen.query_one(MessageLogPane).has_focus
        log = str(screen.query_one("#message-log-text").render())
        assert long_message in log
        assert re.search(r"\d\d:\d\d:\d\d  Settings: Disk nearly full", log)
        assert log.index("Disk nearly full") < log.index("part0")  # newest first
        screen.say("Another one")  # the open log follows new messages
        await pilot.pause()
        assert "Another one" in str(screen.query_one("#message-log-text").render())


async def test_link_destination_hints_stay_out_of_the_log() -> None:
    article = long_article()
    app = make_app(article=article)
    async with app.run_test(size=(100, 30)) as pilot:
        await show(pilot, app, article)
        await pilot.press("1")
        await pilot.pause()
        assert not any("Link 1:" in message.text for message in app.message_log)


async def test_new_keys_are_in_help_and_the_command_palette() -> None:
    article = long_article()
    app = make_app(article=article)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await show(pilot, app, article)
        grouped = {i for _, ids in BINDING_GROUPS for i in ids}
        assert {"history", "reading-list", "message-log", "save-for-later"} <= grouped
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {"History", "Reading list", "Message log", "Save for later"} <= titles
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = str(screen.query_one(HelpPane).query_one("#help-text").render())
        for words in (
            "Message log",
            "Save for later",
            "In the History pane",
            "Delete from history",
            "Mark done / not done",
        ):
            assert words in help_text


async def test_a_translation_error_is_shown_whole_down_to_the_command_that_fixes_it() -> None:
    article = long_article()
    app = make_app(article=article)
    async with app.run_test(size=(60, 24)) as pilot:
        screen = await show(pilot, app, article)
        app.change_setting("language", "de")  # no translation package is installed
        bar = screen.translation_bar
        for _ in range(100):
            await pilot.pause(0.05)
            if bar.job is not None and bar.job.finished:
                break
        await pilot.pause()
        fix = "reader languages install en de"
        assert fix in message_text(screen)
        assert fix in str(bar.render()).replace("\n", " ")
        assert bar.outer_size.height > 1  # wrapped, not cut at the edge
