"""Back and forward through visited pages, like a browser's history; shared by every front-end.

A front-end decides what one visit holds (the full-screen reader: a source, its article and a
position; line mode: an opened article and a position); this keeps the list and the current one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass(slots=True)
class Visits(Generic[V]):
    """The visits in order and the index of the current one (-1 before the first)."""

    items: list[V] = field(default_factory=list)
    index: int = -1

    @property
    def current(self) -> V | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    @property
    def can_go_back(self) -> bool:
        return self.index > 0

    def add(self, visit: V) -> V:
        """`visit` after the current one, now current; anything forward of it is dropped."""
        del self.items[self.index + 1 :]
        self.items.append(visit)
        self.index = len(self.items) - 1
        return visit

    def step(self, direction: int) -> V | None:
        """The visit before (-1) or after (1) the current one, now current; None if none."""
        index = self.index + direction
        if not 0 <= index < len(self.items):
            return None
        self.index = index
        return self.items[index]

    def drop_current(self) -> None:
        """Forget the current visit (a load that was cancelled) so back and forward skip it;
        the first visit is kept."""
        if self.can_go_back:
            self.items.pop(self.index)
            self.index -= 1
