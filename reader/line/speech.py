"""Read aloud in line mode: `a` speaks from the current block on, printing each block as it is
spoken (so a braille display shows what is heard), while the prompt keeps reading input.

The core's player speaks on a thread of its own; its callbacks print the block and move the
reading position (saved as every move is). The session's loop waits on input as usual: Enter
or any command stops the voice first, leaving the place at the sentence being spoken.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.speech import Player, Utterance, reading_player
from reader.core.speech.player import State
from reader.core.speech.session import article_script
from reader.core.storage.settings import load_settings
from reader.core.storage.state import ReadingPosition
from reader.line import announce

if TYPE_CHECKING:
    from reader.line.session import LineSession

STOP_WAIT = 2.0  # seconds for the voice to fall silent before the next command prints


class LineSpeech:
    """The session's voice: at most one player at a time."""

    def __init__(self, session: LineSession) -> None:
        self.session = session
        self.player: Player | None = None
        self._printing = threading.Lock()  # the player's thread and the prompt's, one at a time
        self._shown: int | None = None

    @property
    def speaking(self) -> bool:
        player = self.player
        return player is not None and player.state in ("idle", "speaking", "paused")

    def start(self) -> None:
        """Read the article as shown aloud from the start of the current block."""
        session = self.session
        reading = session.reading
        if reading is None or not reading.block_count:
            session.out.line(_("This article has no text."))
            return
        settings, warnings = load_settings()
        try:
            script = article_script(reading.article, settings)
            player = reading_player(
                reading.article,
                settings,
                warnings.append,
                on_sentence=self._sentence,
                on_end=self._ended,
                script=script,
            )
        except ReaderError as error:
            session.out.line(f"reader: {error}")
            return
        session.out.lines(
            "reader: " + _("warning: {message}").format(message=warning) for warning in warnings
        )
        session.out.line(_("Reading aloud. Enter or any command stops."))
        self._shown = None
        self.player = player
        top = reading.block == 0 and reading.position.offset == 0
        player.start(ReadingPosition(0 if top else reading.block, 0))

    def stop(self) -> bool:
        """Stop the voice, if it speaks, and say where reading stopped; False if it did not."""
        player, self.player = self.player, None
        if player is None or player.state in ("finished", "stopped"):
            return False
        player.stop()
        player.wait(STOP_WAIT)  # no block printed after this line
        reading = self.session.reading
        with self._printing:
            if reading is not None:
                reading.go_to(player.position.block, player.position.offset)
                self.session.save_position()
                place = announce.place(reading)
                self.session.out.line(_("Stopped reading aloud at {place}.").format(place=place))
        return True

    # -- on the player's thread --------------------------------------------------------------

    def _sentence(self, utterance: Utterance) -> None:
        """Print the block when its first sentence starts, and move the place there."""
        player = self.player
        if player is None or utterance.block == self._shown:
            return
        with self._printing:
            if self.player is not player or player.state == "stopped":
                return
            first = self._shown is None
            self._shown = utterance.block
            lines = player.script.lines.get(utterance.block, [])
            self.session.out.lines([""] * (not first) + lines)
            reading = self.session.reading
            if utterance.block >= 0 and reading is not None:
                reading.go_to(utterance.block, utterance.start)
                self.session.save_position()

    def _ended(self, state: State) -> None:
        if state != "finished" or self.player is None:
            if self.player is not None and self.player.error:
                error = _("speech stopped: {error}").format(error=self.player.error)
                self.session.out.line(f"reader: {error}")
            return
        with self._printing:
            self.session.out.lines(["", _("End of the article: reading aloud finished.")])
