"""Read aloud in the full-screen app: the core's player on its own thread, its news as messages.

`ReadAloud` builds and starts a `reading_player` off the event loop, from the current
paragraph of the article shown (the translation when it is shown, in its language). The
player's callbacks only post `SentenceSpoken` and `SpeechEnded` (thread-safe), so the event
loop never waits for audio and keys answer at once; the screen highlights each sentence and
moves the reading position with it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from reader.core.document import Article
from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.speech import Player, Utterance, reading_player
from reader.core.speech.player import RATE_STEP, State
from reader.core.storage.settings import MAX_RATE, MIN_RATE, Settings
from reader.core.storage.state import ReadingPosition

if TYPE_CHECKING:
    from reader.tui.screens.screen_base import ScreenBase

MOVES = ("next_sentence", "previous_sentence", "next_block", "previous_block")
"""The player's moves a key can ask for while speaking."""


@dataclass
class SentenceSpoken(Message, bubble=False):
    """`player` started saying `utterance` (posted from the player's thread)."""

    player: Player
    utterance: Utterance


@dataclass
class SpeechEnded(Message, bubble=False):
    """`player` finished, was stopped, or failed (`error`); posted from its thread."""

    player: Player
    state: State
    error: str | None


@dataclass
class SpeechFailed(Message, bubble=False):
    """Reading aloud could not start: no engine, nothing to say, no sound output."""

    error: ReaderError


class ReadAloud:
    """The screen's read-aloud: at most one player, started and steered from the event loop."""

    def __init__(self, screen: ScreenBase) -> None:
        self.screen = screen
        self.player: Player | None = None
        self.article: Article | None = None
        self._lock = threading.Lock()
        self._wanted = 0  # bumped by every start and stop: a stale preparation does not start
        # Where the last stop left off: resumed exactly if the reader has not moved since.
        self._resume: tuple[Article, ReadingPosition, tuple[int, int]] | None = None

    @property
    def active(self) -> bool:
        """Speaking or paused (or about to start)."""
        player = self.player
        return player is not None and player.state in ("idle", "speaking", "paused")

    def start(self) -> None:
        """Read the article shown aloud from the current paragraph, on a worker thread."""
        view = self.screen.article_view
        article = view.article
        if article is None:
            return
        position = ReadingPosition(*view.position)
        if self._resume and self._resume[0] is article and self._resume[2] == view.position:
            position = self._resume[1]
        elif view.top_line == 0:
            position = ReadingPosition(0, 0)  # the top: the title and byline first
        with self._lock:
            self._wanted += 1
            wanted = self._wanted
        self.article = article
        settings = self.screen.reader_app.settings
        self.screen.run_worker(
            lambda: self._prepare(wanted, article, settings, position),
            thread=True,
            group="read-aloud",
            exit_on_error=False,
        )

    def _prepare(
        self, wanted: int, article: Article, settings: Settings, at: ReadingPosition
    ) -> None:
        """On a worker thread: find the engine, build the script, start speaking."""
        screen = self.screen
        warnings: list[str] = []

        def started(utterance: Utterance) -> None:
            screen.post_message(SentenceSpoken(player, utterance))

        def ended(state: State) -> None:
            screen.post_message(SpeechEnded(player, state, player.error))

        try:
            player = reading_player(
                article, settings, warnings.append, on_sentence=started, on_end=ended
            )
        except ReaderError as error:
            screen.post_message(SpeechFailed(error))
            return
        for warning in warnings:
            screen.app.call_from_thread(screen.say, f"reader: {warning}")
        with self._lock:
            if wanted != self._wanted:
                return  # stopped (or started again) while the engine was being found
            self.player = player
            player.start(at)

    def toggle_pause(self) -> None:
        player = self.player
        if player is None:
            return
        player.toggle_pause()
        paused = player.state == "paused"
        self.screen.say(_("Paused.") if paused else _("Reading aloud."))

    def move(self, name: str) -> None:
        """One of `MOVES`, while speaking."""
        if self.player is not None and name in MOVES:
            getattr(self.player, name)()

    def change_rate(self, step: int) -> None:
        """Speak faster (+1) or slower (-1), now if speaking, and save the rate."""
        player = self.player
        if player is not None and self.active:
            rate = player.faster() if step > 0 else player.slower()
        else:
            rate = self.screen.reader_app.settings.rate + step * RATE_STEP
            rate = max(MIN_RATE, min(MAX_RATE, rate))
        self.screen.reader_app.change_setting("rate", rate)
        self.screen.say(_("Speech rate {rate}%.").format(rate=rate))

    def stop(self) -> bool:
        """Stop speaking (at once); the view stays at the sentence that was being spoken.
        False if nothing was being read aloud."""
        with self._lock:
            self._wanted += 1
        player, self.player = self.player, None
        if player is None or player.state in ("finished", "stopped"):
            self.screen.article_view.show_spoken(None)
            return False
        self._stopped_at(player.stop())
        self.screen.say(_("Stopped reading aloud."))
        return True

    def _stopped_at(self, position: ReadingPosition) -> None:
        view = self.screen.article_view
        view.show_spoken(None)
        if self.article is not None and self.article is view.article:
            view.scroll_to_position(position.block, position.offset)
            self._resume = (self.article, position, view.position)

    # -- the player's news, on the event loop -------------------------------------------------

    def sentence_spoken(self, event: SentenceSpoken) -> None:
        """Highlight the sentence and keep it in view: the reading position follows."""
        view = self.screen.article_view
        utterance = event.utterance
        if event.player is not self.player:
            return
        if self.article is not view.article:  # another page or version is shown now
            self.stop()
            return
        if utterance.block < 0:  # the title and byline, above the article column
            view.show_spoken(None)
            if view.top_line:
                view.go_top()
            return
        rows = view.show_spoken((utterance.block, utterance.start, utterance.end))
        first = min(rows, default=view.line_of_position(utterance.block, utterance.start))
        last = max(rows, default=first)
        height = max(1, view.scrollable_content_region.height)
        in_view = view.top_line <= first and last < view.top_line + height
        if view.current_block != utterance.block or not in_view:
            view.scroll_to_position(utterance.block, utterance.start)

    def speech_failed(self, event: SpeechFailed) -> None:
        """One message saying why (naming espeak-ng when there is no engine); the app goes on."""
        self.player = None
        self.screen.say(f"reader: {event.error}")

    def speech_ended(self, event: SpeechEnded) -> None:
        if event.player is not self.player:
            return
        self.player = None
        self.screen.article_view.show_spoken(None)
        if event.error:
            stopped = _("speech stopped: {error}").format(error=event.error)
            self.screen.say(f"reader: {stopped}")
        elif event.state == "finished":
            self._resume = None
            self.screen.say(_("Finished reading aloud."))
