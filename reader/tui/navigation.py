"""Back and forward through visited articles, like a browser's history (no Textual here)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.core.document import Article


@dataclass(slots=True)
class Visit:
    """One visited source, the article it gave, and where the reader was in it."""

    source: str | None
    article: Article | None = None
    position: tuple[int, int] = (0, 0)


@dataclass(slots=True)
class Navigation:
    """A list of visits and the index of the current one."""

    visits: list[Visit] = field(default_factory=list)
    index: int = -1

    @property
    def current(self) -> Visit | None:
        return self.visits[self.index] if 0 <= self.index < len(self.visits) else None

    def visit(self, source: str | None) -> Visit:
        """A new visit after the current one; anything forward of it is dropped."""
        del self.visits[self.index + 1 :]
        self.visits.append(Visit(source))
        self.index = len(self.visits) - 1
        return self.visits[self.index]

    @property
    def can_go_back(self) -> bool:
        return self.index > 0

    @property
    def can_go_forward(self) -> bool:
        return self.index + 1 < len(self.visits)

    def drop_unloaded(self) -> None:
        """Forget the current visit if its article never arrived (a cancelled load), so Back
        and Forward skip it; the first visit is kept."""
        current = self.current
        if current is not None and current.article is None and self.can_go_back:
            self.visits.pop(self.index)
            self.index -= 1

    def step(self, step: int) -> Visit | None:
        """The visit `step` back (-1) or forward (1), made current; None if there is none."""
        return self.back() if step < 0 else self.forward()

    def back(self) -> Visit | None:
        if not self.can_go_back:
            return None
        self.index -= 1
        return self.visits[self.index]

    def forward(self) -> Visit | None:
        if not self.can_go_forward:
            return None
        self.index += 1
        return self.visits[self.index]
