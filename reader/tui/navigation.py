"""What one visit of the full-screen reader holds; `reader.core.visits` keeps back and forward."""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.document import Article
from reader.core.visits import Visits


@dataclass(slots=True)
class Visit:
    """One visited source, the article it gave (None until it arrives), and where the reader
    was in it."""

    source: str | None
    article: Article | None = None
    position: tuple[int, int] = (0, 0)


Navigation = Visits[Visit]
