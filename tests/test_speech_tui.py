"""Pilot tests: reading aloud in the full-screen app with the real espeak-ng, its audio taken at
playback speed by the null output. Assertions are on the messages the app posts and the state
it ends in, never on wall-clock time."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from textual.message import Message
from textual.pilot import Pilot

from reader.core.reading import position_key
from reader.core.speech.script import build_script
from reader.core.storage.settings import Settings
from reader.core.storage.state import ReadingPosition, State
from reader.core.translate.article import compose
from reader.tui.app import ReaderApp
from reader.tui.messages import TranslationShown
from reader.tui.screens.reader_screen import ReaderScreen
from reader.tui.speech import SentenceSpoken, SpeechEnded, SpeechFailed
from tests.support.speech import ENGLISH, article
from tests.support.tui_helpers import make_app, show

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is installed by .ci/run"
)
FAST = Settings(engine="espeak-ng", rate=300)
SLOW = Settings(engine="espeak-ng", rate=100)
LONG = [
    "The first paragraph opens with a sentence long enough to take a few seconds to say.",
    "The second paragraph has a sentence of its own. It also has a second sentence here.",
    "The third paragraph follows with one more sentence to say aloud.",
    "A fourth paragraph is here so that the article is longer than the screen is high.",
    "The fifth paragraph closes the article, and nobody waits to hear it in a test.",
]
PATIENCE = 3000  # pauses of 20 ms: a guard against a hang, never a measure of speed


@pytest.fixture(autouse=True)
def null_audio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("READER_AUDIO_OUTPUT", "null")


class Seen:
    """Every message the app handled, in order (the Pilot's message hook)."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def __call__(self, message: Message) -> None:
        self.messages.append(message)

    def spoken(self) -> list[SentenceSpoken]:
        return [m for m in self.messages if isinstance(m, SentenceSpoken)]

    def ended(self) -> list[SpeechEnded]:
        return [m for m in self.messages if isinstance(m, SpeechEnded)]

    async def until(self, pilot: Pilot, done) -> None:  # type: ignore[no-untyped-def]
        for _ in range(PATIENCE):
            if done():
                return
            await pilot.pause(0.02)
        raise AssertionError("the app did not get there")


def app_with(settings: Settings, paragraphs: list[str], state: State | None = None) -> ReaderApp:
    page = dataclasses.replace(article(paragraphs), url="http://127.0.0.1:9/river")
    return make_app(settings=settings, article=page, state=state)


async def test_a_reads_every_sentence_in_order_highlighting_each_and_moving_the_view() -> None:
    seen = Seen()
    app = app_with(FAST, ENGLISH)
    script = build_script(app.first_article)  # type: ignore[arg-type]
    async with app.run_test(size=(40, 10), message_hook=seen) as pilot:
        screen = await show(pilot, app, app.first_article)  # type: ignore[arg-type]
        view = screen.article_view
        await pilot.press("a")
        await seen.until(pilot, lambda: seen.ended())
        spoken = [m.utterance for m in seen.spoken()]
        assert spoken == script.utterances  # the title, the heading, then every sentence
        assert seen.ended()[0].state == "finished"
        last = view.line_of_position(len(ENGLISH), 0)  # the view followed the voice down
        assert 0 < view.top_line <= last < view.top_line + view.scrollable_content_region.height
        assert "Finished reading aloud." in str(screen.query_one("#message").render())
        assert view.show_spoken(None) == []  # no highlight left behind


async def test_the_spoken_sentence_is_reversed_and_underlined_with_the_cursor_at_its_start() -> (
    None
):
    seen = Seen()
    app = app_with(SLOW, LONG)
    async with app.run_test(size=(60, 12), message_hook=seen) as pilot:
        screen = await show(pilot, app, app.first_article)  # type: ignore[arg-type]
        view = screen.article_view
        view.scroll_to_block(2)
        await pilot.pause()
        await pilot.press("a")
        await seen.until(pilot, lambda: seen.spoken())
        await pilot.pause()
        first = seen.spoken()[0].utterance
        assert (first.block, first.start) == (2, 0)
        await pilot.press("right")  # the next sentence, in the same paragraph
        await seen.until(pilot, lambda: len(seen.spoken()) > 1)
        await pilot.press("space")  # pause, so the highlight holds still
        await pilot.pause()
        second = seen.spoken()[1].utterance
        assert second.block == 2 and second.start > 0
        assert screen.aloud.player is not None and screen.aloud.player.state == "paused"
        row = view.line_of_position(second.block, second.start)
        styled = [
            seg
            for y in range(row - view.top_line, row - view.top_line + 3)
            for seg in view.render_line(y)
            if seg.style and seg.style.reverse
        ]
        assert " ".join(seg.text for seg in styled) == "It also has a second sentence here."
        assert all(seg.style and seg.style.underline for seg in styled)
        region = view.scrollable_content_region
        cursor = app.cursor_position
        assert cursor.y == region.y + row - view.top_line
        assert view.render_line(row - view.top_line).text[cursor.x - region.x :].startswith("It ")
        await pilot.press("escape")
        await pilot.pause()


async def test_pause_resume_stop_and_rate_keep_the_position_at_the_sentence_spoken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ReaderScreen, "save_delay", 0.05)
    seen = Seen()
    with State(tmp_path / "state.sqlite3") as state:
        app = app_with(SLOW, LONG, state)
        async with app.run_test(size=(60, 12), message_hook=seen) as pilot:
            screen = await show(pilot, app, app.first_article)  # type: ignore[arg-type]
            view = screen.article_view
            view.scroll_to_block(1)
            await pilot.pause()
            await pilot.press("a")
            await seen.until(pilot, lambda: seen.spoken())
            assert seen.spoken()[0].utterance.block == 1
            player = screen.aloud.player
            assert player is not None
            await pilot.press("a")  # `a` pauses too
            assert player.state == "paused"
            await pilot.press("space")
            assert player.state == "speaking"
            await pilot.press("greater_than_sign")
            assert app.settings.rate == 110 and player.rate == 110
            await pilot.press("right_curly_bracket")  # the next paragraph
            await seen.until(pilot, lambda: seen.spoken()[-1].utterance.block == 2)
            await pilot.press("right")  # its second sentence
            await seen.until(pilot, lambda: seen.spoken()[-1].utterance.start > 0)
            spoken = seen.spoken()[-1].utterance
            await pilot.press("escape")
            await seen.until(pilot, lambda: seen.ended())
            assert seen.ended()[-1].state == "stopped" and screen.aloud.player is None
            assert view.top_line == view.line_of_position(2, spoken.start)
            assert "Stopped reading aloud." in str(screen.query_one("#message").render())
            stopped_at = ReadingPosition(*view.position)
            key = position_key(screen.article, None)  # type: ignore[arg-type]
            await seen.until(pilot, lambda: state.position(key) == stopped_at)  # saved as usual
            count = len(seen.spoken())
            await pilot.press("a")  # reads on from the sentence where it stopped
            await seen.until(pilot, lambda: len(seen.spoken()) > count)
            assert seen.spoken()[count].utterance == spoken
            await pilot.press("escape")
            await pilot.press("q")


async def test_a_key_pressed_while_speaking_is_handled_before_the_next_sentence() -> None:
    seen = Seen()
    app = app_with(SLOW, LONG)
    async with app.run_test(size=(80, 20), message_hook=seen) as pilot:
        screen = await show(pilot, app, app.first_article)  # type: ignore[arg-type]
        screen.article_view.scroll_to_block(1)
        await pilot.press("a")
        await seen.until(pilot, lambda: seen.spoken())
        player = screen.aloud.player
        assert player is not None
        first = player.index
        await pilot.press("question_mark")  # Help opens while the first sentence is spoken
        assert screen.pane == "help"
        assert len(seen.spoken()) == 1 and player.index == first
        assert player.state == "speaking"
        await seen.until(pilot, lambda: len(seen.spoken()) > 1)  # and the voice goes on
        await pilot.press("escape", "escape")


async def test_with_no_speech_engine_one_message_names_espeak_ng_and_the_app_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng, no spd-say
    seen = Seen()
    app = app_with(Settings(), LONG)
    async with app.run_test(size=(80, 12), message_hook=seen) as pilot:
        screen = await show(pilot, app, app.first_article)  # type: ignore[arg-type]
        await pilot.press("a")
        await seen.until(pilot, lambda: any(isinstance(m, SpeechFailed) for m in seen.messages))
        await pilot.pause()
        message = str(screen.query_one("#message").render())
        assert "no speech engine found" in message and "espeak-ng" in message
        assert not seen.spoken()
        await pilot.press("j")
        assert screen.article_view.top_line == 1


async def test_with_the_translation_shown_the_voice_reads_it_in_its_language() -> None:
    seen = Seen()
    app = app_with(FAST, ENGLISH)
    original = app.first_article
    assert original is not None
    german = article(
        [
            "Flüsse graben Schluchten langsam, Korn für Korn.",
            "Das Wasser trägt Sand, der den Fels abschleift.",
            "Fluten bewegen die größten Steine in einer Nacht.",
            "Über Jahrmillionen wird die Schlucht tiefer.",
        ],
        title="Flussnotizen",
        language="de",
    )
    shown = compose(original, german.blocks, "translation", title=german.title, target="de")
    async with app.run_test(size=(80, 12), message_hook=seen) as pilot:
        screen = await show(pilot, app, original)
        screen.post_message(TranslationShown(shown, None, (0, 0), finished=True))
        await pilot.pause()
        assert screen.article is shown
        await pilot.press("a")
        await seen.until(pilot, lambda: len(seen.spoken()) > 2)
        player = screen.aloud.player
        assert player is not None and player.voice.language == "de"
        assert player.voice.voice is not None and player.voice.voice.startswith("de")
        said = [m.utterance.text for m in seen.spoken()]
        assert said[0] == "Flussnotizen" and said[2].startswith("Flüsse graben")
        await pilot.press("escape")
