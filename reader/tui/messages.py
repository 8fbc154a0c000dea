"""Messages the reader posts: small dataclasses, asserted on by the Pilot tests (not pixels).

Widgets post them up to the screen and the app; the screen and the app call methods down.
A message of which only the latest counts (progress, position) replaces an older one still
in the queue (`can_replace`), so a busy view or worker never floods it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widget import Widget

from reader.core.document import Article
from reader.core.errors import ReaderError

if TYPE_CHECKING:
    from reader.tui.translation import TranslationJob


@dataclass
class LoadStarted(Message):
    """A fetch began for `source` (None: the welcome article)."""

    source: str | None
    request: int


@dataclass
class ArticleLoaded(Message):
    """The worker distilled `source` into `article`."""

    source: str | None
    article: Article
    request: int


@dataclass
class LoadFailed(Message):
    """The fetch failed; `error` reads as the CLI would print it."""

    source: str | None
    error: ReaderError
    request: int


@dataclass
class LoadCancelled(Message):
    """The user pressed Esc while a fetch was running."""

    source: str | None


@dataclass
class PositionChanged(Message):
    """The reading position of `view` moved; only the latest one matters."""

    view: Widget
    position: tuple[int, int]
    percent: int
    minutes_left: int

    @property
    def control(self) -> Widget:
        return self.view

    @property
    def block(self) -> int:
        return self.position[0]

    @property
    def offset(self) -> int:
        return self.position[1]

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PositionChanged) and message.view is self.view


@dataclass
class LinkChosen(Message):
    """A link was picked to follow (number and URL); the screen decides whether it may be."""

    number: int
    url: str


@dataclass
class LinkHighlighted(Message):
    """A link is selected but not yet followed: its destination is shown to the user."""

    number: int
    url: str


@dataclass
class HeadingChosen(Message):
    """A heading was picked in the Contents pane."""

    block: int


@dataclass
class SettingsChanged(Message):
    """A control changed one reading setting (name and new value); the app applies and saves
    it, and widgets follow the app's `settings` reactive."""

    name: str
    value: object


@dataclass
class Say(Message):
    """A one-line message for the status line above the footer."""

    text: str


@dataclass
class TranslationProgress(Message):
    """More blocks of `job` are translated; a newer one for the same job replaces it."""

    job: TranslationJob

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TranslationProgress) and message.job is self.job


@dataclass
class TranslationFinished(Message):
    """`job` ended: every block translated, or `job.error` says why not."""

    job: TranslationJob


@dataclass
class TranslationShown(Message):
    """The translation bar chose what to show: `main` in the article column at `position`, and
    `column` beside it (side by side) or None. `finished`: the translation is complete (the
    panes then follow it)."""

    main: Article
    column: Article | None
    position: tuple[int, int]
    finished: bool = False


@dataclass
class OpenInBrowser(Message):
    """The user asked to open `url` in the system browser (the screen checks it first)."""

    url: str
