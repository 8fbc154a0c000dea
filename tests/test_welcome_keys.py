"""The welcome article's table of keys cannot go stale: every key it names is really bound."""

from __future__ import annotations

from importlib import resources

import lxml.html

from reader.tui.keys import READER_BINDINGS

# How the welcome article spells a key -> Textual's key name.
KEY_NAMES = {
    "space": "space",
    "Page Down": "pagedown",
    "Page Up": "pageup",
    "Home": "home",
    "End": "end",
    "[": "left_square_bracket",
    "]": "right_square_bracket",
    "/": "slash",
    "+": "plus",
    "-": "minus",
    "?": "question_mark",
}
APP_KEYS = {"ctrl+p"}  # Textual's own command palette


def bound_keys() -> set[str]:
    return {key.strip() for binding in READER_BINDINGS for key in binding.key.split(",")}


def welcome_keys() -> list[str]:
    html = resources.files("reader.data").joinpath("welcome.html").read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    table = page.xpath("//table[caption[contains(., 'Keys')]]")[0]
    return [KEY_NAMES.get(kbd.text_content(), kbd.text_content()) for kbd in table.iter("kbd")]


def test_every_key_in_the_welcome_article_is_bound() -> None:
    named = welcome_keys()
    assert len(named) > 20
    unbound = sorted(set(named) - bound_keys() - APP_KEYS)
    assert unbound == []


def test_the_welcome_article_names_the_keys_of_history_saving_and_read_aloud() -> None:
    named = set(welcome_keys())
    by_action = {binding.action: binding.key for binding in READER_BINDINGS}
    for action in (
        "toggle_pane('history')",
        "toggle_pane('reading-list')",
        "toggle_pane('messages')",
        "save_for_later",
        "read_aloud",
    ):
        assert by_action[action] in named, action
