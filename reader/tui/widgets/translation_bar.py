"""The translation status line: it runs the translation worker and says what to show.

When an article is shown and a target language is set, a thread worker translates the blocks
on screen first, then the rest, posting `TranslationProgress` after each chunk; the bar then
posts `TranslationShown` and the screen puts the recomposed article on screen. A new article
or a new language cancels the old worker (it stops between chunks; whatever it finished is
already in the disk cache). The bar follows the app's settings (language and view); the `o`
key toggles between the original and the chosen view.
"""

from __future__ import annotations

from textual import work
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.core.document import Article
from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.safe_text import clean_line
from reader.core.storage.settings import Settings, TranslationView
from reader.tui.app_access import ReaderNode
from reader.tui.messages import (
    Say,
    SettingsChanged,
    TranslationFinished,
    TranslationProgress,
    TranslationShown,
)
from reader.tui.translation import CYCLED_VIEWS, TranslationJob, displayed, moved_position

VISIBLE_BLOCKS = 8
CHUNK_BLOCKS = 8


class TranslationBar(Static, ReaderNode):
    """One line above the footer while a translation is on."""

    DEFAULT_CSS = """
    TranslationBar { height: 1; display: none; padding: 0 1; }
    TranslationBar.-active { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.original: Article | None = None
        self.job: TranslationJob | None = None
        self.showing_original = False
        self._jobs = 0
        self._displayed: Article | None = None
        self._map: list[int] = []  # displayed block index -> original block index
        self._position: tuple[int, int] = (0, 0)  # where the reader is in the displayed article

    def on_mount(self) -> None:
        self.watch(self.app, "settings", self._settings_changed, init=False)

    @property
    def target(self) -> str | None:
        return self.reader_app.settings.language

    @property
    def view(self) -> TranslationView:
        return self.reader_app.settings.translation_view

    # -- what the screen calls ----------------------------------------------------------------

    def article_shown(self, article: Article) -> None:
        """The screen shows a new original article: translate it if a language is set."""
        self.original = article
        self._displayed = article
        self._map = list(range(len(article.blocks)))
        self._position = (0, 0)
        self.showing_original = False
        self._start()

    def reading_at(self, position: tuple[int, int]) -> None:
        """The reading position in the article column moved (the screen says so)."""
        self._position = position

    def toggle(self) -> None:
        """Switch between the original and the translation (the `o` key)."""
        if not self.target:
            self.post_message(
                Say(_("No translation language: choose one in Reading settings (s)."))
            )
            return
        self.showing_original = not self.showing_original
        self._show()
        shown = (
            _("Showing the original.") if self.showing_original else _("Showing the translation.")
        )
        self.post_message(Say(shown))

    def cycle_view(self) -> None:
        """Ask for the next translation view: translation, interleaved, side by side."""
        current = self.view if self.view in CYCLED_VIEWS else CYCLED_VIEWS[-1]
        following = CYCLED_VIEWS[(CYCLED_VIEWS.index(current) + 1) % len(CYCLED_VIEWS)]
        self.post_message(SettingsChanged("translation_view", following))

    def _settings_changed(self, old: Settings, new: Settings) -> None:
        """The language or the view changed in the settings."""
        if (old.language, old.translation_view) == (new.language, new.translation_view):
            return
        job = self.job
        if job is None or job.target != self.target or job.article is not self.original:
            self._start()
        else:
            self._show()

    # -- the worker -----------------------------------------------------------------------------

    def _start(self) -> None:
        self.workers.cancel_group(self, "translate")
        self.job = None
        target = self.target
        if not target or self.original is None:
            self.set_class(False, "-active")
            self._show()
            return
        self._jobs += 1
        job = TranslationJob(self._jobs, self.original, target)
        job.blocks = [None] * job.total
        self.job = job
        self.set_class(True, "-active")
        self.update(_("Translating into {language}…").format(language=target))
        shown = self._position[0]
        first = self._map[shown] if shown < len(self._map) else 0
        self._translate(job, first, self.reader_app.translation_source)

    @work(thread=True, exclusive=True, group="translate")
    def _translate(self, job: TranslationJob, first: int, explicit: str | None) -> None:
        """Translate `job` in this thread: visible blocks first, stopping if cancelled.

        `explicit` is the article's language when `reader --from LANG` says it; else the
        article says or it is guessed."""
        from reader.core.translate.article import iter_translated, source_language
        from reader.core.translate.cache import TranslationCache
        from reader.core.translate.engine import find_route

        worker = get_current_worker()
        try:
            job.source = source_language(job.article, explicit)
            if job.source == job.target:
                job.note = _("The article is already in {language}.").format(language=job.target)
                job.blocks = list(job.article.blocks)
                job.done = job.total
            else:
                route = find_route(job.source, job.target, TranslationCache())
                job.note = _("Machine-translated offline from {source} to {target}.").format(
                    source=job.source, target=job.target
                )
                if job.article.title.strip():
                    job.title = route.translate([job.article.title])[0]
                chunks = iter_translated(
                    job.article.blocks,
                    route.translate,
                    first=first,
                    visible=VISIBLE_BLOCKS,
                    chunk=CHUNK_BLOCKS,
                )
                for start, blocks in chunks:
                    if worker.is_cancelled:
                        break
                    job.blocks[start : start + len(blocks)] = blocks
                    job.done += len(blocks)
                    self.post_message(TranslationProgress(job))
        except ReaderError as error:
            job.error = error
        except Exception as error:  # a bug must not take the reader down
            job.error = ReaderError(
                _("translation failed: {detail}").format(detail=f"{type(error).__name__}: {error}"),
                _("run 'reader --debug --translate LANG' with the same source and report it"),
            )
        if not worker.is_cancelled:
            job.finished = True
            self.post_message(TranslationFinished(job))

    def on_translation_progress(self, event: TranslationProgress) -> None:
        if event.job is not self.job:
            return
        self.update(
            _(
                "Translating into {language}: {done} of {total} blocks… (o shows the original)"
            ).format(language=event.job.target, done=event.job.done, total=event.job.total)
        )
        self._show()

    def on_translation_finished(self, event: TranslationFinished) -> None:
        job = event.job
        if job is not self.job:
            return
        if job.error is not None:
            self.update(clean_line(_("Not translated: {reason}").format(reason=job.error)))
            self.post_message(Say(f"reader: {job.error}"))
            return
        self.update(
            clean_line(
                _("{note} o shows the original; Reading settings (s) changes it.").format(
                    note=job.note
                )
            )
        )
        self._show(finished=True)

    # -- showing ----------------------------------------------------------------------------------

    def _show(self, *, finished: bool = False) -> None:
        """Say what to show now, and where in it the reader is (the same original block)."""
        if self.original is None:
            return
        shown = displayed(self.original, self.job, self.view, self.showing_original)
        position = self._position
        if shown.main is not self._displayed and self._displayed is not None:
            position = moved_position(self._position, self._displayed, self._map, shown)
        self._displayed, self._map, self._position = shown.main, shown.mapping, position
        self.post_message(TranslationShown(shown.main, shown.column, position, finished))
