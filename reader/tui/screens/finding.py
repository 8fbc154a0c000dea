"""Find in the article shown: the prompt's answer, next and previous match, what is said."""

from __future__ import annotations

from reader.core.i18n import _, ngettext
from reader.tui.screens.screen_base import ScreenBase


class Finding(ScreenBase):
    """The reader screen's find."""

    def action_find_prompt(self) -> None:
        self.prompt.ask("find", self.article_view.find_text)

    def find(self, query: str) -> None:
        count = self.article_view.find(query)
        if count:
            found = ngettext(
                "{count} match for {query!r}: {next} next, {previous} previous, Esc clears",
                "{count} matches for {query!r}: {next} next, {previous} previous, Esc clears",
                count,
            )
            self.say(
                found.format(
                    count=count,
                    query=query,
                    next=self.keys_of("find-next"),
                    previous=self.keys_of("find-previous"),
                )
            )
        else:
            self.say(_("No matches for {query!r}.").format(query=query))

    def action_find_next(self) -> None:
        self._step_match(1)

    def action_find_previous(self) -> None:
        self._step_match(-1)

    def _step_match(self, step: int) -> None:
        view = self.article_view
        if not view.find_text:
            said = _("Nothing to find yet: press {keys} first.")
            self.say(said.format(keys=self.keys_of("find")))
        elif view.next_match(step):
            said = _("Match {number} of {count} for {query!r}")
            self.say(
                said.format(
                    number=view.match_index + 1, count=view.match_count, query=view.find_text
                )
            )
        else:
            self.say(_("No matches for {query!r}.").format(query=view.find_text))
