"""The loader: fetches and distils a source in a thread of its own, off the screen's thread.

It shows nothing. The screen calls `load` (a new one cancels the old) and `cancel`; the result
comes back up as `ArticleLoaded` or `LoadFailed`, tagged with the screen's request number so a
superseded result is dropped. The thread is a daemon outside Textual's worker pool: a thread
cannot be killed, so a cancelled load is abandoned (it stops at its next stage or when its
extraction budget runs out) and Esc and quit never wait for it.
"""

from __future__ import annotations

import threading

from textual.widget import Widget

from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.pipeline import Cancelled, Options
from reader.core.sources.urls import without_password
from reader.tui.messages import ArticleLoaded, LoadFailed


class Loader(Widget):
    """Runs one load at a time; never drawn."""

    DEFAULT_CSS = "Loader { display: none; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cancelled = threading.Event()
        self.thread: threading.Thread | None = None

    def load(self, source: str | None, request: int, options: Options) -> None:
        """Load `source` (None: the welcome article); any load still running is cancelled."""
        self.cancel()
        self._cancelled = cancelled = threading.Event()
        self.thread = threading.Thread(
            target=self._fetch,
            args=(source, request, options, cancelled),
            name="reader-load",
            daemon=True,  # never joined: quitting does not wait for an abandoned load
        )
        self.thread.start()

    def cancel(self) -> None:
        """Stop waiting for the load running now; it posts nothing more."""
        self._cancelled.set()

    def on_unmount(self) -> None:
        self.cancel()

    def _fetch(
        self, source: str | None, request: int, options: Options, cancelled: threading.Event
    ) -> None:
        """The load, in its thread: messages name the source without its password."""
        from reader.core.pipeline import load_article

        shown = without_password(source) if source else source
        try:
            article = load_article(source, options, cancelled=cancelled.is_set)
        except Cancelled:
            return
        except ReaderError as error:
            if not cancelled.is_set():
                self.post_message(LoadFailed(shown, error, request))
            return
        except Exception as error:  # a bug must not take the reader down
            failure = ReaderError(
                _("internal error: {detail}").format(detail=f"{type(error).__name__}: {error}"),
                _("run 'reader --debug' with the same source and report the traceback"),
            )
            if not cancelled.is_set():
                self.post_message(LoadFailed(shown, failure, request))
            return
        if not cancelled.is_set():
            self.post_message(ArticleLoaded(shown, article, request))
