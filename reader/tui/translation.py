"""Offline translation in the full-screen reader: a background worker, a status line, a column.

`TranslationBar` (one line above the footer) owns the work: when an article is shown and a
target language is set, a thread worker translates the blocks on screen first, then the rest,
posting `TranslationProgress` after each chunk; the article on screen is recomposed as blocks
arrive. A new article or a new language cancels the old worker (it stops
between chunks; whatever it finished is already in the disk cache). Views: translation,
interleaved (each block followed by its translation), original, and side by side (the
original in the main column, the translation in `#translation-column`, kept at the same
block). The `o` key toggles between the original and the chosen view.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual import work
from textual.message import Message
from textual.widgets import Select, Static
from textual.worker import get_current_worker

from reader.core.document import Article, Block
from reader.core.errors import ReaderError
from reader.core.safe_text import clean_line
from reader.tui.messages import SettingsChanged

VIEW_CHOICES = [
    ("Translation only", "translation"),
    ("Interleaved: each paragraph, then its translation", "interleaved"),
    ("Side by side: two columns", "side-by-side"),
    ("Original only", "original"),
]
VISIBLE_BLOCKS = 8
CHUNK_BLOCKS = 8


@dataclass
class TranslationJob:
    """One article being translated into one language; filled in by the worker thread."""

    number: int
    article: Article
    target: str
    blocks: list[Block | None] = field(default_factory=list)
    title: str | None = None
    source: str | None = None
    note: str = ""
    done: int = 0
    finished: bool = False
    error: ReaderError | None = None

    @property
    def total(self) -> int:
        return len(self.article.blocks)

    def translated_blocks(self) -> list[Block]:
        """Translated blocks so far, the original where a block is not translated yet."""
        pairs = zip(self.blocks, self.article.blocks, strict=True)
        return [t if t is not None else o for t, o in pairs]


class TranslationProgress(Message):
    """More blocks of `job` are translated; a newer one for the same job replaces it."""

    def __init__(self, job: TranslationJob) -> None:
        super().__init__()
        self.job = job

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, TranslationProgress) and message.job is self.job


class TranslationFinished(Message):
    """`job` ended: every block translated, or `job.error` says why not."""

    def __init__(self, job: TranslationJob) -> None:
        super().__init__()
        self.job = job


def installed_targets() -> list[str]:
    """Languages the installed packages can translate into (pivoting through English)."""
    try:
        from reader.core.translate.installed import installed_packages

        packages = installed_packages()
    except (ReaderError, OSError):
        return []
    targets = {p.to_code for p in packages}
    if any(p.to_code == "en" for p in packages):
        targets |= {p.to_code for p in packages if p.from_code == "en"}
    return sorted(targets)


class LanguageSelect(Select[str]):
    """The target language; "off" means no translation (the setting's None)."""

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value in ("off", Select.BLANK) else str(event.value)
        if value != self.app.settings.language:  # type: ignore[attr-defined]
            self.post_message(SettingsChanged("language", value))


def language_controls(settings: object):
    """The Reading settings pane's Language section: target language and view."""
    current = getattr(settings, "language", None) or "off"
    targets = installed_targets()
    if current != "off" and current not in targets:
        targets.append(current)
    options = [("Original (no translation)", "off")] + [(code, code) for code in targets]
    yield LanguageSelect(options, value=current, allow_blank=False, id="translation-language")
    view = getattr(settings, "translation_view", "translation")
    yield Select(VIEW_CHOICES, value=view, allow_blank=False, id="setting-translation_view")
    if not targets:
        yield Static(
            "No translation packages installed: run 'reader languages install FROM TO'.",
            id="language-note",
        )
    else:
        yield Static("Key o toggles the original and the translation.", id="language-note")


class TranslationBar(Static):
    """The translation status line; it runs the translation worker and updates the views."""

    DEFAULT_CSS = """
    TranslationBar { height: 1; display: none; padding: 0 1; }
    TranslationBar.-active { display: block; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__("", **kwargs)  # type: ignore[arg-type]
        self.original: Article | None = None
        self.job: TranslationJob | None = None
        self.showing_original = False
        self._jobs = 0
        self._displayed: Article | None = None
        self._map: list[int] = []  # displayed block index -> original block index
        self._synced: int | None = None

    def on_mount(self) -> None:
        self.set_interval(0.1, self._sync_column)

    # -- what the screen calls ----------------------------------------------------------------

    @property
    def target(self) -> str | None:
        return self.app.settings.language  # type: ignore[attr-defined]

    @property
    def view(self) -> str:
        return getattr(self.app.settings, "translation_view", "translation")  # type: ignore[attr-defined]

    def article_shown(self, article: Article) -> None:
        """The screen shows a new original article: translate it if a language is set."""
        self.original = article
        self._displayed = article
        self._map = list(range(len(article.blocks)))
        self.showing_original = False
        self._start()

    def settings_changed(self) -> None:
        """The language or the view changed in the settings."""
        job = self.job
        if job is None or job.target != self.target or job.article is not self.original:
            self._start()
        else:
            self._show()

    def toggle(self) -> None:
        """Switch between the original and the translation (the `o` key)."""
        if not self.target:
            self.screen.say(  # type: ignore[attr-defined]
                "No translation language: choose one in Reading settings (s)."
            )
            return
        self.showing_original = not self.showing_original
        self._show()
        self.screen.say(  # type: ignore[attr-defined]
            "Showing the original." if self.showing_original else "Showing the translation."
        )

    def cycle_view(self) -> None:
        """Next translation view: translation, interleaved, side by side."""
        order = ["translation", "interleaved", "side-by-side"]
        current = self.view if self.view in order else order[-1]
        self.app.change_setting("translation_view", order[(order.index(current) + 1) % 3])  # type: ignore[attr-defined]

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
        self.update(f"Translating into {target}…")
        shown = self.screen.article_view.current_block  # type: ignore[attr-defined]
        first = self._map[shown] if shown < len(self._map) else 0
        self._translate(job, first)

    @work(thread=True, exclusive=True, group="translate")
    def _translate(self, job: TranslationJob, first: int) -> None:
        """Translate `job` in this thread: visible blocks first, stopping if cancelled."""
        from reader.core.translate.article import iter_translated, source_language
        from reader.core.translate.cache import TranslationCache
        from reader.core.translate.engine import find_route

        worker = get_current_worker()
        try:
            # `reader --from LANG` sets app.translation_source; else the article says or we guess.
            explicit = self.app.translation_source
            job.source = source_language(job.article, explicit)
            if job.source == job.target:
                job.note = f"The article is already in {job.target}."
                job.blocks = list(job.article.blocks)
                job.done = job.total
            else:
                route = find_route(job.source, job.target, TranslationCache())
                job.note = f"Machine-translated offline from {job.source} to {job.target}."
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
                        chunks.close()
                        return
                    job.blocks[start : start + len(blocks)] = blocks
                    job.done += len(blocks)
                    self.post_message(TranslationProgress(job))
        except ReaderError as error:
            job.error = error
        except Exception as error:  # a bug must not take the reader down
            job.error = ReaderError(
                f"translation failed: {type(error).__name__}: {error}",
                "run 'reader --debug --translate LANG' with the same source and report it",
            )
        if not worker.is_cancelled:
            job.finished = True
            self.post_message(TranslationFinished(job))

    def on_translation_progress(self, event: TranslationProgress) -> None:
        if event.job is not self.job:
            return
        self.update(
            f"Translating into {event.job.target}: {event.job.done} of {event.job.total} "
            "blocks… (o shows the original)"
        )
        self._show()

    def on_translation_finished(self, event: TranslationFinished) -> None:
        job = event.job
        if job is not self.job:
            return
        if job.error is not None:
            self.update(clean_line(f"Not translated: {job.error}"))
            self.screen.say(f"reader: {job.error}")  # type: ignore[attr-defined]
            return
        self.update(
            clean_line(f"{job.note} o shows the original; Reading settings (s) changes it.")
        )
        self._show()
        screen = self.screen
        if self._displayed is not None:
            from reader.tui.widgets.contents import ContentsPane
            from reader.tui.widgets.links import LinksPane

            screen.query_one(ContentsPane).set_article(self._displayed)
            screen.query_one(LinksPane).set_article(self._displayed)

    # -- showing ----------------------------------------------------------------------------------

    def displayed_article(self) -> tuple[Article | None, Article | None, list[int]]:
        """(main column article, translation column article, main index -> original index)."""
        original, job = self.original, self.job
        if original is None:
            return None, None, []
        identity = list(range(len(original.blocks)))
        if job is None or self.showing_original or self.view == "original" or job.done == 0:
            return original, None, identity
        from reader.core.translate.article import compose

        blocks = job.translated_blocks()
        title, target = job.title, job.target
        note = job.note if job.finished else None
        if self.view == "side-by-side":
            column = compose(original, blocks, "translation", title=title, target=target)
            return original, column, identity
        view = "interleaved" if self.view == "interleaved" else "translation"
        shown = compose(original, blocks, view, title=title, target=target, note=note)
        if view == "translation":
            return shown, None, identity
        mapping: list[int] = []
        for index, (o, t) in enumerate(zip(original.blocks, blocks, strict=True)):
            mapping += [index] if o == t else [index, index]
        return shown, None, mapping

    def _show(self) -> None:
        """Put the right article(s) on screen, keeping the reading position."""
        screen = self.screen
        view = screen.article_view  # type: ignore[attr-defined]
        main, column, mapping = self.displayed_article()
        if main is None:
            return
        screen.set_class(column is not None, "-side-by-side")
        if main is not view.article:
            old = view.article
            block, offset = view.position
            original_index = self._map[block] if block < len(self._map) else 0
            new_block = mapping.index(original_index) if original_index in mapping else 0
            same = (
                old is not None
                and block < len(old.blocks)
                and new_block < len(main.blocks)
                and old.blocks[block] == main.blocks[new_block]
            )
            view.set_article(main, (new_block, offset if same else 0))
            from reader.tui.widgets.header import ArticleHeader

            screen.query_one(ArticleHeader).show_article(main)
        self._displayed, self._map = main, mapping
        if column is not None:
            from reader.tui.widgets.article_view import ArticleView

            side = screen.query_one("#translation-column", ArticleView)
            side.can_focus = False
            side.set_article(column, (view.current_block, 0))
            self._synced = view.current_block

    def _sync_column(self) -> None:
        """Keep the translation column at the block (and layout) of the main column."""
        if not self.screen.has_class("-side-by-side"):
            return
        from reader.tui.widgets.article_view import ArticleView

        side = self.screen.query_one("#translation-column", ArticleView)
        options = self.app.layout_options()  # type: ignore[attr-defined]
        if side.layout_options != options:
            side.set_layout(options)
        block = self.screen.article_view.current_block  # type: ignore[attr-defined]
        if block != self._synced:
            self._synced = block
            side.scroll_to_block(block)
