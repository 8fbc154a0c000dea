"""Following links: by number (typed, prompted or chosen), to a `#fragment` of the article
shown, or in the system browser; and why a link is not followed."""

from __future__ import annotations

from urllib.parse import urlsplit

from textual import on
from textual.app import SuspendNotSupported
from textual.events import Key

from reader.core.i18n import _, ngettext
from reader.core.reading import LinkRef
from reader.core.safe_text import clean_line
from reader.core.sources.urls import link_refusal, without_password
from reader.desktop.browser import open_in_browser
from reader.tui.messages import LinkChosen, LinkHighlighted, OpenInBrowser
from reader.tui.navigation import Visit
from reader.tui.screens.visiting import Visiting
from reader.tui.widgets.article_view import ArticleView
from reader.tui.widgets.links import LinksPane
from reader.tui.widgets.prompt import Prompt
from reader.tui.widgets.status import ErrorPanel


class LinkFollowing(Visiting):
    """The reader screen's link following."""

    def _link(self, number: int) -> LinkRef | None:
        """Link `number` of the article shown (the reading model's numbering)."""
        reading = self.article_view.reading
        return reading.link(number) if reading else None

    def _no_such_link(self, number: int) -> str:
        reading = self.article_view.reading
        count = len(reading.links) if reading else 0
        links = ngettext("{count} link", "{count} links", count).format(count=count)
        return _("There is no link {number}; this article has {count}.").format(
            number=number, count=links
        )

    def _refusal(self, url: str) -> str | None:
        """None when `url` is followed from the article shown; else why not."""
        return link_refusal(url, self.article.url if self.article else None)

    def follow_link(self, number: int) -> None:
        """Follow link `number` if it exists and is a web page or local file."""
        link = self._link(number)
        if link is None:
            self.say(self._no_such_link(number))
            return
        url = link.url
        reading = self.article_view.reading
        if reading is not None and reading.is_same_page(url):
            self.jump_within(number, url, reading.fragment_block(url))
            return
        if (refusal := self._refusal(url)) is not None:
            self.notify(
                _("Link {number}: {reason}: {url}").format(
                    number=number, reason=refusal, url=clean_line(url)
                ),
                title=_("Not followed"),
                severity="warning",
                markup=False,
            )
            return
        self.say(_("Following link {number}: {text}.").format(number=number, text=url))
        self.open_source(url)

    def jump_within(self, number: int, url: str, block: int | None) -> None:
        """Follow a `#fragment` link to `block` of the article shown, without reloading: a
        new visit of the same article, so Back returns to where the reader was."""
        current = self.navigation.current
        if block is None or current is None or current.article is None:
            fragment = urlsplit(url).fragment
            said = _("Link {number} points to #{fragment}, which this article does not have.")
            self.say(said.format(number=number, fragment=fragment))
            return
        self.remember_position()
        current.position = self.article_view.position  # also while a translation is shown
        visit = self.navigation.add(Visit(url))
        visit.article, visit.position = current.article, (block, 0)
        self.article_view.scroll_to_block(block)
        self.say(_("Link {number}: {url}").format(number=number, url=url))

    @on(LinkChosen)
    def _link_chosen(self, event: LinkChosen) -> None:
        self.follow_link(event.number)

    @on(LinkHighlighted)
    def _link_highlighted(self, event: LinkHighlighted) -> None:
        if not self.query_one(LinksPane).has_focus:
            return
        refusal = self._refusal(event.url)
        if refusal is None:
            said = _("Link {number}: {url}").format(number=event.number, url=event.url)
        else:
            said = _("Link {number}: {url} ({reason})").format(
                number=event.number, url=event.url, reason=refusal
            )
        self.say(said, log=False)

    @on(OpenInBrowser)
    def _open_in_browser(self, event: OpenInBrowser) -> None:
        """Open a URL in the system browser; only on the user's explicit command. A terminal
        browser gets the whole terminal (the app is suspended until it quits)."""
        url = event.url
        shown = without_password(url)  # never a password on screen
        if self._refusal(url) is not None:
            self.say(
                _("Only web pages and files open in the browser: {address}").format(address=shown)
            )
            return
        try:
            result = open_in_browser(url, hand_over=self.app.suspend)
        except SuspendNotSupported:
            self.say(
                _(
                    "This terminal cannot be handed over to a terminal browser. "
                    "The address: {address}"
                ).format(address=shown)
            )
            return
        self.say(result.message.replace(clean_line(url), clean_line(shown)))

    def action_follow_prompt(self) -> None:
        self.prompt.ask("follow", self.typed_number)
        self.typed_number = ""

    def on_key(self, event: Key) -> None:
        """Digits then Enter follow a link by number, while the article has focus."""
        if not isinstance(self.focused, ArticleView | ErrorPanel) or self.article is None:
            return
        # A lone 0 is not a link number: it is the "normal text size" key.
        if (
            event.character
            and event.character.isdigit()
            and (event.character != "0" or self.typed_number)
        ):
            event.stop()
            self.typed_number = (self.typed_number + event.character).lstrip("0")[:6]
            number = int(self.typed_number or 0)
            link = self._link(number)
            if link is not None:
                refusal = self._refusal(link.url)
                if refusal is None:
                    said = _("Link {number}: {url} (Enter follows, Esc cancels)")
                else:
                    said = _("Link {number}: {url} ({reason}; Esc cancels)")
                self.say(said.format(number=number, url=link.url, reason=refusal), log=False)
            else:
                said = _("Link {number}: no such link").format(number=self.typed_number)
                self.say(said, log=False)
        elif event.key == "enter" and self.typed_number:
            event.stop()
            number = int(self.typed_number)
            self.typed_number = ""
            self.follow_link(number)

    @on(Prompt.Changed)
    def _prompt_changed(self, event: Prompt.Changed) -> None:
        """While a link number is typed into the prompt, show where it leads."""
        if self.prompt.kind != "follow" or not event.value.isdigit():
            return
        number = int(event.value)
        link = self._link(number)
        if link:
            self.say(_("Link {number}: {url}").format(number=number, url=link.url), log=False)
        else:
            self.say(self._no_such_link(number), log=False)
