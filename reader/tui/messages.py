"""Messages the reader posts: small, and asserted on by the Pilot tests (not pixels)."""

from __future__ import annotations

from textual.message import Message

from reader.core.document import Article
from reader.core.errors import ReaderError


class LoadStarted(Message):
    """A fetch began for `source` (None: the welcome article)."""

    def __init__(self, source: str | None, request: int) -> None:
        super().__init__()
        self.source = source
        self.request = request


class ArticleLoaded(Message):
    """The worker distilled `source` into `article`."""

    def __init__(self, source: str | None, article: Article, request: int) -> None:
        super().__init__()
        self.source = source
        self.article = article
        self.request = request


class LoadFailed(Message):
    """The fetch failed; `error` reads as the CLI would print it."""

    def __init__(self, source: str | None, error: ReaderError, request: int) -> None:
        super().__init__()
        self.source = source
        self.error = error
        self.request = request


class LoadCancelled(Message):
    """The user pressed Esc while a fetch was running."""

    def __init__(self, source: str | None) -> None:
        super().__init__()
        self.source = source


class PositionChanged(Message):
    """The reading position moved; only the latest one matters, so it replaces older ones."""

    def __init__(self, block: int, offset: int, percent: int, minutes_left: int) -> None:
        super().__init__()
        self.block = block
        self.offset = offset
        self.percent = percent
        self.minutes_left = minutes_left

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PositionChanged)


class LinkChosen(Message):
    """A link was picked to follow (number and URL); the screen decides whether it may be."""

    def __init__(self, number: int, url: str) -> None:
        super().__init__()
        self.number = number
        self.url = url


class LinkHighlighted(Message):
    """A link is selected but not yet followed: its destination is shown to the user."""

    def __init__(self, number: int, url: str) -> None:
        super().__init__()
        self.number = number
        self.url = url


class HeadingChosen(Message):
    """A heading was picked in the Contents pane."""

    def __init__(self, block: int) -> None:
        super().__init__()
        self.block = block


class SettingsChanged(Message):
    """A reading setting changed (name and new value); the app applies and saves it."""

    def __init__(self, name: str, value: object) -> None:
        super().__init__()
        self.name = name
        self.value = value
