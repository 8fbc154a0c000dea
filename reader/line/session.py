"""One line-mode session: the articles opened, the place in each, and what each command does.

Every command prints whole lines below the last ones and nothing else. The place is the
reading model's position (the start of the step last shown); it is saved after every move
under the same key as the full-screen reader's, so either mode resumes where the other left.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit

from reader.core.document import Article
from reader.core.errors import ReaderError
from reader.core.i18n import _
from reader.core.pipeline import Options, load_article
from reader.core.reading import LinkRef, Reading, ReadingPosition, followable, position_key
from reader.core.storage.state import State
from reader.core.visits import Visits
from reader.line import announce, steps
from reader.line.loading import run_cancellable
from reader.line.speech import LineSpeech
from reader.line.terminal import Output
from reader.line.translation import VIEW_ORDER, VIEW_WORDS, Translated, translate
from reader.line.visits import Opened, Visit

T = TypeVar("T")
MAX_STEP = 50


class LineSession:
    """The state behind the prompt; each public method is one command."""

    def __init__(
        self,
        out: Output,
        state: State | None,
        options: Options,
        *,
        width: int | None = None,
        language: str | None = None,
        view: str = "translation",
        translation_source: str | None = None,
    ) -> None:
        self.out = out
        self.state = state
        self.options = options
        self.width = width
        self.step = 1
        self.language = language
        self.view = view if view in VIEW_ORDER else "translation"
        self.translation_source = translation_source
        self.visits: Visits[Visit] = Visits()
        self.quitting = False
        self.speech = LineSpeech(self)

    # -- where we are ------------------------------------------------------------------------

    @property
    def opened(self) -> Opened | None:
        visit = self.visits.current
        return visit.opened if visit else None

    @property
    def reading(self) -> Reading | None:
        opened = self.opened
        return opened.reading if opened else None

    def _need_article(self) -> Reading | None:
        reading = self.reading
        if reading is None:
            self.out.line(
                _("No article is open: type o and an address, for example o example.com.")
            )
        return reading

    def save_position(self) -> None:
        """Remember the place, for back and forward and for the next time (any mode)."""
        visit = self.visits.current
        if visit is None:
            return
        visit.position = visit.opened.original_position()
        if self.state is not None:
            self.state.save_position(visit.opened.key, visit.position)

    # -- loading -----------------------------------------------------------------------------

    def _slow(self, what: str, work: Callable[[], T]) -> T | None:
        """Say `what` is happening, run `work` (ctrl+c cancels), and report a failure in one
        line; None when it failed or was cancelled."""
        self.out.line(_("{action} ...").format(action=what))
        try:
            return run_cancellable(work)
        except KeyboardInterrupt:
            self.out.line(_("Cancelled."))
        except ReaderError as error:
            self.out.line(f"reader: {error}")
        except Exception as error:  # a bug must not end the session
            message = _(
                "internal error: {detail} (run 'reader --debug' with the same source and "
                "report the traceback)"
            ).format(detail=f"{type(error).__name__}: {error}")
            self.out.line(f"reader: {message}")
        return None

    def _load(self, source: str | None) -> Opened | None:
        warnings: list[str] = []
        options = self.options
        shown = source or _("the welcome article")
        article = self._slow(
            _("Loading {source}").format(source=shown),
            lambda: load_article(source, options, warnings.append),
        )
        self.out.lines(
            "reader: " + _("warning: {message}").format(message=warning) for warning in warnings
        )
        if article is None:
            return None
        return self._opened(article, source)

    def _opened(self, article: Article, source: str | None) -> Opened:
        opened = Opened(source, article, position_key(article, source))
        if self.language:
            translated = self._translate(article, self.language)
            if translated is not None:
                opened.show(translated, self.view)
        return opened

    def _translate(self, article: Article, language: str) -> Translated | None:
        source = self.translation_source
        translated = self._slow(
            _("Translating into {language}").format(language=language),
            lambda: translate(article, language, source),
        )
        if translated is not None:
            self.out.line(translated.note)
        return translated

    def open(self, source: str | None, *, resume: bool = True) -> None:
        """Load `source` as a new visit and start reading it (at the saved place, if any and
        `resume`)."""
        opened = self._load(source)
        if opened is not None:
            self._start(opened, resume=resume)

    def open_article(self, article: Article, source: str | None = None) -> None:
        """Start reading an article built elsewhere (tests, benchmarks) as a new visit."""
        self._start(self._opened(article, source))

    def _start(self, opened: Opened, *, resume: bool = True) -> None:
        self.save_position()
        saved = self.state.position(opened.key) if self.state and resume else None
        self.visits.add(Visit(opened, ReadingPosition(0, 0)))
        if self.state is not None:
            self.state.add_history(opened.key, opened.original.title)
        reading = opened.reading
        self.out.lines(announce.header_lines(reading, self.width))
        if saved is not None and (saved.block, saved.offset) != (0, 0):
            reading.restore(opened.shown_position(saved))
            self.out.line(_("Resuming at {place}.").format(place=announce.place(reading)))
        self.show_step()

    # -- steps -------------------------------------------------------------------------------

    def show_step(self) -> None:
        """Print the current step, and save the place."""
        reading = self.reading
        assert reading is not None
        if not reading.block_count:
            self.out.line(_("This article has no text."))
            return
        for number, (block, part) in enumerate(steps.step_units(reading, self.step)):
            count = len(steps.parts(reading, block))
            translation = block in reading.article.translations
            lines = announce.part_lines(
                reading.article.blocks[block], part, count, self.width, translation=translation
            )
            self.out.lines([""] * (number > 0) + lines)
        self.save_position()

    # -- commands: moving --------------------------------------------------------------------

    def next_step(self, _arg: str = "") -> None:
        if (reading := self._need_article()) is None:
            return
        last = steps.step_units(reading, self.step)[-1] if reading.block_count else None
        following = steps.next_unit(reading, last) if last else None
        if following is None:
            self.out.line(_("End of the article. Type top to start again, or b to go back."))
            return
        steps.go(reading, following)
        self.show_step()

    def previous_step(self, _arg: str = "") -> None:
        if (reading := self._need_article()) is None:
            return
        here = steps.unit_at(reading, reading.position)
        unit = here
        for _step in range(self.step):
            earlier = steps.previous_unit(reading, unit)
            if earlier is None:
                break
            unit = earlier
        if unit == here:
            self.out.line(_("Top of the article."))
            return
        steps.go(reading, unit)
        self.show_step()

    def repeat(self, _arg: str = "") -> None:
        if self._need_article() is not None:
            self.show_step()

    def top(self, _arg: str = "") -> None:
        if (reading := self._need_article()) is not None:
            reading.top()
            self.show_step()

    def end(self, _arg: str = "") -> None:
        if (reading := self._need_article()) is None or not reading.block_count:
            return
        last = reading.block_count - 1
        steps.go(reading, (last, len(steps.parts(reading, last)) - 1))
        self.show_step()

    def next_heading(self, level: str = "") -> None:
        reading = self._need_article()
        if reading is None or not reading.block_count or not self._valid_level(level):
            return
        here = reading.position
        reading.go_to(steps.step_units(reading, self.step)[-1][0])
        if reading.next_heading(int(level) if level else None) is None:
            reading.go_to(here.block, here.offset)
            self.out.line(
                _("No level-{level} heading below.").format(level=level)
                if level
                else _("No more headings below.")
            )
            return
        self.show_step()

    def previous_heading(self, level: str = "") -> None:
        if (reading := self._need_article()) is None or not self._valid_level(level):
            return
        if reading.previous_heading(int(level) if level else None) is None:
            self.out.line(
                _("No level-{level} heading above.").format(level=level)
                if level
                else _("No more headings above.")
            )
            return
        self.show_step()

    def _valid_level(self, level: str) -> bool:
        if level and not (level.isdigit() and 1 <= int(level) <= 6):
            self.out.line(
                _("There is no heading level {level}: levels go from 1 to 6, as in h2.").format(
                    level=level
                )
            )
            return False
        return True

    def contents(self, number: str = "") -> None:
        if (reading := self._need_article()) is None:
            return
        if not number:
            self.out.lines(announce.contents_lines(reading))
            return
        heading = reading.heading(int(number)) if number.isdigit() else None
        if heading is None:
            count = announce.plural(len(reading.headings), "heading")
            self.out.line(
                _("There is no heading {number}; this article has {count}.").format(
                    number=number, count=count
                )
            )
            return
        reading.go_to(heading.block)
        self.show_step()

    def where(self, _arg: str = "") -> None:
        if (reading := self._need_article()) is not None:
            progress = reading.progress(steps.read_to(reading, self.step))
            self.out.lines(announce.where_lines(reading, progress))

    # -- commands: find ----------------------------------------------------------------------

    def find(self, query: str) -> None:
        self._find(query, backward=False)

    def find_backward(self, query: str) -> None:
        self._find(query, backward=True)

    def _find(self, query: str, *, backward: bool) -> None:
        if (reading := self._need_article()) is None:
            return
        if query:
            found = reading.find(query, backward=backward) is not None
        elif not reading.query:
            self.out.line(_("Nothing to find yet: type / and a word, for example /engine."))
            return
        else:
            found = reading.next_match() is not None
        if not found:
            self.out.line(_('No matches for "{query}".').format(query=reading.query))
            return
        count = len(reading.matches)
        self.out.line(
            _('Match {number} of {count} for "{query}", block {block} of {blocks}:').format(
                number=reading.match_index + 1,
                count=count,
                query=reading.query,
                block=reading.block + 1,
                blocks=reading.block_count,
            )
        )
        self.show_step()

    # -- commands: links and pages -----------------------------------------------------------

    def links(self, number: str = "") -> None:
        if (reading := self._need_article()) is None:
            return
        if not number:
            self.out.lines(announce.links_lines(reading))
            return
        link = self._link(reading, number)
        if link is not None:
            target = reading.fragment_block(link.url)
            goes = _("It goes to block {number} of this article.")
            note = " " + goes.format(number=target + 1) if target is not None else ""
            self.out.line(announce.link_line(link) + note)

    def _link(self, reading: Reading, number: str) -> LinkRef | None:
        link = reading.link(int(number)) if number.isdigit() else None
        if link is None:
            count = announce.plural(len(reading.links), "link")
            self.out.line(
                _("There is no link {number}; this article has {count}.").format(
                    number=number, count=count
                )
            )
        return link

    def follow(self, number: str) -> None:
        if (reading := self._need_article()) is None:
            return
        if not number:
            self.out.line(_("Which link? Type g and its number, for example g 3."))
            return
        link = self._link(reading, number)
        if link is None:
            return
        if reading.is_same_page(link.url):
            self._jump_within(link.number, link.url)
        elif not followable(link.url, reading.article.url):
            scheme = urlsplit(link.url).scheme
            self.out.line(
                _("Link {number} is a {scheme}: link and is not followed.").format(
                    number=link.number, scheme=scheme
                )
                if scheme
                else _("Link {number} is a relative link and is not followed.").format(
                    number=link.number
                )
            )
        else:
            self.out.line(
                _("Following link {number}: {text}.").format(number=link.number, text=link.text)
            )
            self.open(link.url)

    def _jump_within(self, number: int, url: str) -> None:
        """Follow a `#fragment` link inside the article: a new visit, so `b` comes back."""
        visit = self.visits.current
        assert visit is not None
        target = visit.opened.reading.fragment_block(url)
        if target is None:
            fragment = urlsplit(url).fragment
            self.out.line(
                _("Link {number} points to #{fragment}, which this article does not have.").format(
                    number=number, fragment=fragment
                )
            )
            return
        self.save_position()
        self.visits.add(Visit(visit.opened, visit.position))
        visit.opened.reading.go_to(target)
        self.out.line(
            _("Link {number} goes to block {block} of this article:").format(
                number=number, block=target + 1
            )
        )
        self.show_step()

    def open_address(self, address: str) -> None:
        if not address:
            self.out.line(_("Open what? Type o and an address, for example o example.com."))
            return
        self.open(address)

    def back(self, _arg: str = "") -> None:
        self._travel(-1)

    def forward(self, _arg: str = "") -> None:
        self._travel(1)

    def _travel(self, direction: int) -> None:
        self.save_position()
        visit = self.visits.step(direction)
        if visit is None:
            self.out.line(_("No earlier page.") if direction < 0 else _("No later page."))
            return
        opened = visit.opened
        self._sync_translation(opened)
        opened.reading.restore(opened.shown_position(visit.position))
        title = announce.article_title(opened.reading.article)
        moved = (
            _("Back to {title}, {place}:") if direction < 0 else _("Forward to {title}, {place}:")
        )
        self.out.line(moved.format(title=title, place=announce.place(opened.reading)))
        self.show_step()

    def toggle_full(self, _arg: str = "") -> None:
        """Switch between the article and the whole page's text, and reload."""
        self.options = dataclasses.replace(self.options, full=not self.options.full)
        self.out.line(
            _("Full page on: the whole page's text.")
            if self.options.full
            else _("Full page off: the article only.")
        )
        opened = self.opened
        # The whole page's blocks are not the article's: a saved place would land elsewhere.
        self.open(opened.source if opened else None, resume=False)

    # -- commands: translation ---------------------------------------------------------------

    def translate(self, language: str) -> None:
        if (opened := self._opened_or_say()) is None:
            return
        if not language:
            self._say_translation()
            return
        if language.lower() in ("off", "none"):
            self.language = None
            opened.show(None, "original")
            self.out.line(_("Translation off: the original."))
            self.show_step()
            return
        translated = self._translate(opened.original, language)
        if translated is None:
            return
        self.language = translated.target
        if self.view == "original":
            self.view = "translation"
        opened.show(translated, self.view)
        self.show_step()

    def _say_translation(self) -> None:
        if self.language is None:
            self.out.line(_("Translation is off. Type T and a language code, for example T de."))
        else:
            words = _(VIEW_WORDS[self.view])
            self.out.line(
                _(
                    "Translating into {language}, showing {view}. "
                    "v switches the view; T off stops translating."
                ).format(language=self.language, view=words)
            )

    def cycle_view(self, _arg: str = "") -> None:
        if (opened := self._opened_or_say()) is None:
            return
        if opened.translated is None:
            self.out.line(_("There is no translation to switch to: type T and a language code."))
            return
        self.view = VIEW_ORDER[(VIEW_ORDER.index(self.view) + 1) % len(VIEW_ORDER)]
        opened.show(opened.translated, self.view)
        self.out.line(_("View: {view}.").format(view=_(VIEW_WORDS[self.view])))
        self.show_step()

    def _sync_translation(self, opened: Opened) -> None:
        """Show `opened` in the session's language and view (they may have changed since)."""
        if self.language is None:
            if opened.translated is not None:
                opened.show(None, "original")
            return
        translated = opened.translated
        if translated is None or translated.target != self.language:
            translated = self._translate(opened.original, self.language)
        if translated is not None:
            opened.show(translated, self.view)

    def _opened_or_say(self) -> Opened | None:
        return self.opened if self._need_article() is not None else None

    # -- commands: the rest ------------------------------------------------------------------

    def read_aloud(self, _arg: str = "") -> None:
        if self._need_article() is not None:
            self.speech.start()

    def settings(self, arg: str) -> None:
        name, _sep, value = arg.partition(" ")
        value = value.strip()
        if not name:
            wrap = (
                _("width {width}").format(width=self.width)
                if self.width
                else _("width 0 (lines are not wrapped)")
            )
            self.out.line(_("Settings: {width}, step {step}.").format(width=wrap, step=self.step))
        elif name == "width" and value.isdigit():
            self.width = int(value) or None
            said = (
                _("Lines wrap at {width} columns.").format(width=self.width)
                if self.width
                else _("Lines are not wrapped.")
            )
            self.out.line(said)
        elif name == "step" and value.isdigit() and 1 <= int(value) <= MAX_STEP:
            self.step = int(value)
            blocks = announce.plural(self.step, "block")
            self.out.line(_("Each step shows {blocks}.").format(blocks=blocks))
        elif name == "width":
            self.out.line(
                _("width takes a number of columns, 0 for none, for example set width 80.")
            )
        elif name == "step":
            self.out.line(
                _("step takes 1 to {most}, for example set step 3.").format(most=MAX_STEP)
            )
        else:
            self.out.line(
                _("There is no setting {name}; try set width 80 or set step 3.").format(name=name)
            )

    def quit(self, _arg: str = "") -> None:
        self.quitting = True
