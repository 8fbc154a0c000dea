"""The loader: fetches and distils a source in a thread worker, off the screen's thread.

It shows nothing. The screen calls `load` (a new one cancels the old) and `cancel`; the result
comes back up as `ArticleLoaded` or `LoadFailed`, tagged with the screen's request number so a
superseded result is dropped.
"""

from __future__ import annotations

from textual import work
from textual.widget import Widget
from textual.worker import get_current_worker

from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.pipeline import Options
from reader.tui.messages import ArticleLoaded, LoadFailed


class Loader(Widget):
    """Runs one load at a time; never drawn."""

    DEFAULT_CSS = "Loader { display: none; }"

    def load(self, source: str | None, request: int, options: Options) -> None:
        """Load `source` (None: the welcome article); any load still running is cancelled."""
        self._fetch(source, request, options)

    def cancel(self) -> None:
        self.workers.cancel_group(self, "load")

    @work(exclusive=True, thread=True, group="load")
    def _fetch(self, source: str | None, request: int, options: Options) -> None:
        from reader.core.pipeline import load_article

        worker = get_current_worker()
        try:
            article = load_article(source, options)
        except ReaderError as error:
            if not worker.is_cancelled:
                self.post_message(LoadFailed(source, error, request))
            return
        except Exception as error:  # a bug must not take the reader down
            failure = ReaderError(
                _("internal error: {detail}").format(detail=f"{type(error).__name__}: {error}"),
                _("run 'reader --debug' with the same source and report the traceback"),
            )
            if not worker.is_cancelled:
                self.post_message(LoadFailed(source, failure, request))
            return
        if not worker.is_cancelled:
            self.post_message(ArticleLoaded(source, article, request))
