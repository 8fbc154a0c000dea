"""What one visit of line mode holds; `reader.core.visits` keeps back and forward.

A visit is an opened article and a position in it: following a `#fragment` link is a new
visit of the same article, so `b` returns to where the reader was.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from reader.core.document import Article
from reader.core.reading import Reading, ReadingPosition
from reader.line.translation import Translated, origins, shown_article


@dataclass(slots=True)
class Opened:
    """An article as loaded, its translation if any, and the reading over what is shown."""

    source: str | None
    original: Article
    key: str
    translated: Translated | None = None
    view: str = "original"
    reading: Reading = field(init=False)
    _origins: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self._build()

    def show(self, translated: Translated | None, view: str) -> None:
        """Read `translated` in `view` (None: the original), at the same place."""
        position = self.original_position()
        self.translated, self.view = translated, view
        self._build()
        self.reading.restore(self.shown_position(position))

    def _build(self) -> None:
        shown = shown_article(self.original, self.translated, self.view)
        interleaved = self.translated is not None and self.view == "interleaved"
        self._origins = origins(self.original, shown) if interleaved else []
        self.reading = Reading(shown)

    def original_position(self) -> ReadingPosition:
        """The position in the article as loaded: the one saved, the same in every mode."""
        position = self.reading.position
        if not self._origins:
            return position
        block = position.block
        index = self._origins[block]
        translation = block > 0 and self._origins[block - 1] == index
        return ReadingPosition(index, 0 if translation else position.offset)

    def shown_position(self, position: ReadingPosition) -> ReadingPosition:
        """`position` in the article as loaded, moved to the article as shown."""
        if not self._origins:
            return position
        return ReadingPosition(bisect.bisect_left(self._origins, position.block), position.offset)


@dataclass(slots=True)
class Visit:
    """One visit of line mode: an opened article and the position in it (kept back and forward
    by `reader.core.visits.Visits`)."""

    opened: Opened
    position: ReadingPosition  # in the article as loaded
