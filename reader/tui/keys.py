"""Every key of the reader screen, each with an id so users can remap it in settings.toml.

The Help pane, the command palette and the README's key table are all generated from this list,
so none of them can go stale. Insert, CapsLock and keypad keys are avoided: screen readers
reserve them. Descriptions are translated when this module is imported (after the CLI has
chosen the interface language), so the footer speaks it; the Help pane and the command palette
translate again when shown, so they follow a language chosen later (a test, say).
"""

from __future__ import annotations

from textual.binding import Binding

from reader.core.i18n import N_, _

VIEW_BINDINGS: list[Binding] = [
    # Scrolling
    Binding("down,j", "scroll_lines(1)", _("Line down"), show=False, id="scroll-down"),
    Binding("up,k", "scroll_lines(-1)", _("Line up"), show=False, id="scroll-up"),
    Binding("pagedown,space,ctrl+f", "scroll_pages(1)", _("Page down"), show=False, id="page-down"),
    Binding("pageup,ctrl+b", "scroll_pages(-1)", _("Page up"), show=False, id="page-up"),
    Binding("ctrl+d", "scroll_pages(0.5)", _("Half page down"), show=False, id="half-page-down"),
    Binding("ctrl+u", "scroll_pages(-0.5)", _("Half page up"), show=False, id="half-page-up"),
    Binding("home,g", "go_top", _("Top"), show=False, id="top"),
    Binding("end,G", "go_end", _("End"), show=False, id="end"),
    # Moving by structure
    Binding(
        "right_curly_bracket,ctrl+down",
        "next_paragraph",
        _("Next paragraph"),
        show=False,
        id="next-paragraph",
    ),
    Binding(
        "left_curly_bracket,ctrl+up",
        "previous_paragraph",
        _("Previous paragraph"),
        show=False,
        id="previous-paragraph",
    ),
    Binding(
        "right_square_bracket", "next_heading", _("Next heading"), show=False, id="next-heading"
    ),
    Binding(
        "left_square_bracket",
        "previous_heading",
        _("Previous heading"),
        show=False,
        id="previous-heading",
    ),
]
"""Keys bound to the article view's own actions (they act when the article has focus)."""

SCREEN_BINDINGS: list[Binding] = [
    # Links and pages
    Binding("f", "follow_prompt", _("Follow link"), id="follow-link"),
    Binding("ctrl+o,colon", "open_prompt", _("Open"), id="open"),
    Binding("alt+left,H,backspace", "back", _("Back"), show=False, id="back"),
    Binding("alt+right,L", "forward", _("Forward"), show=False, id="forward"),
    Binding("r", "reload", _("Reload"), show=False, id="reload"),
    Binding("y", "copy_article_url", _("Copy page URL"), show=False, id="copy-page-url"),
    Binding("F", "toggle_full", _("Full page"), show=False, id="full-page"),
    Binding("b", "save_for_later", _("Save for later"), show=False, id="save-for-later"),
    # Find
    Binding("slash", "find_prompt", _("Find"), id="find"),
    Binding("n", "find_next", _("Next match"), show=False, id="find-next"),
    Binding("N", "find_previous", _("Previous match"), show=False, id="find-previous"),
    # Panes and modes
    Binding("t", "toggle_pane('contents')", _("Contents"), id="contents"),
    Binding("l", "toggle_pane('links')", _("Links"), id="links"),
    Binding("s", "toggle_pane('settings')", _("Settings"), id="settings"),
    Binding("question_mark,f1", "toggle_pane('help')", _("Help"), id="help"),
    Binding("h", "toggle_pane('history')", _("History"), show=False, id="history"),
    Binding("B", "toggle_pane('reading-list')", _("Reading list"), show=False, id="reading-list"),
    Binding("m", "toggle_pane('messages')", _("Message log"), show=False, id="message-log"),
    Binding("z", "toggle_focus_mode", _("Focus mode"), show=False, id="focus-mode"),
    Binding("o", "toggle_translation", _("Original / translation"), id="toggle-translation"),
    Binding(
        "O", "cycle_translation_view", _("Translation view"), show=False, id="translation-view"
    ),
    # Reading settings: text scale and theme (also in the Reading settings pane)
    Binding(
        "plus,equals_sign", "app.change_scale(1)", _("Larger text"), show=False, id="text-larger"
    ),
    Binding("minus", "app.change_scale(-1)", _("Smaller text"), show=False, id="text-smaller"),
    Binding("0", "app.change_scale(0)", _("Normal text size"), show=False, id="text-normal"),
    Binding("c", "app.cycle_theme(1)", _("Next theme"), show=False, id="theme-next"),
    Binding("C", "app.cycle_theme(-1)", _("Previous theme"), show=False, id="theme-previous"),
    # Read aloud. The moves are priority keys that act only while speaking (`check_action`),
    # so space, { and } page and move as usual otherwise.
    Binding("a", "read_aloud", _("Read aloud / pause"), show=False, id="read-aloud"),
    Binding(
        "space",
        "speech('pause')",
        _("Pause / resume"),
        show=False,
        priority=True,
        id="speech-pause",
    ),
    Binding(
        "right",
        "speech('next_sentence')",
        _("Next sentence (reading aloud)"),
        show=False,
        priority=True,
        id="speech-next-sentence",
    ),
    Binding(
        "left",
        "speech('previous_sentence')",
        _("Previous sentence (reading aloud)"),
        show=False,
        priority=True,
        id="speech-previous-sentence",
    ),
    Binding(
        "right_curly_bracket,ctrl+down",
        "speech('next_block')",
        _("Next paragraph (reading aloud)"),
        show=False,
        priority=True,
        id="speech-next-paragraph",
    ),
    Binding(
        "left_curly_bracket,ctrl+up",
        "speech('previous_block')",
        _("Previous paragraph (reading aloud)"),
        show=False,
        priority=True,
        id="speech-previous-paragraph",
    ),
    Binding(
        "greater_than_sign", "speech_rate(1)", _("Speak faster"), show=False, id="speech-faster"
    ),
    Binding("less_than_sign", "speech_rate(-1)", _("Speak slower"), show=False, id="speech-slower"),
    Binding("escape", "cancel", _("Cancel / close"), show=False, id="cancel"),
    Binding("q", "quit", _("Quit"), id="quit"),
]
"""Keys bound to the reader screen's actions (or, prefixed `app.`, the app's)."""

FOOTER_PRIORITY: list[str] = [
    "help",
    "quit",
    "follow-link",
    "find",
    "contents",
    "links",
    "settings",
    "open",
    "toggle-translation",
]
"""Which shown keys the footer keeps when not all fit, most needed first (Help is always
there, from 40 columns up); keys not listed come after these."""

READER_BINDINGS: list[Binding] = VIEW_BINDINGS + SCREEN_BINDINGS
"""Every reader key: the Help pane, the command palette and the README list these."""
VIEW_ACTIONS = frozenset(binding.action for binding in VIEW_BINDINGS)

BINDING_GROUPS: list[tuple[str, list[str]]] = [
    (
        N_("Scrolling"),
        [
            "scroll-down",
            "scroll-up",
            "page-down",
            "page-up",
            "half-page-down",
            "half-page-up",
            "top",
            "end",
        ],
    ),
    (N_("Moving"), ["next-paragraph", "previous-paragraph", "next-heading", "previous-heading"]),
    (
        N_("Links and pages"),
        [
            "follow-link",
            "open",
            "back",
            "forward",
            "reload",
            "copy-page-url",
            "full-page",
            "save-for-later",
        ],
    ),
    (N_("Find"), ["find", "find-next", "find-previous"]),
    (
        N_("Panes and modes"),
        [
            "contents",
            "links",
            "settings",
            "help",
            "history",
            "reading-list",
            "message-log",
            "focus-mode",
            "cancel",
            "quit",
        ],
    ),
    (N_("Translation"), ["toggle-translation", "translation-view"]),
    (
        N_("Read aloud (Esc stops)"),
        [
            "read-aloud",
            "speech-pause",
            "speech-next-sentence",
            "speech-previous-sentence",
            "speech-next-paragraph",
            "speech-previous-paragraph",
            "speech-faster",
            "speech-slower",
        ],
    ),
    (
        N_("Text size and theme"),
        ["text-larger", "text-smaller", "text-normal", "theme-next", "theme-previous"],
    ),
]

EXTRA_KEYS: list[tuple[str, str]] = [
    ("1-9 … enter", N_("Follow the link with that number")),
    ("tab / shift+tab", N_("Move focus between the article and open panes")),
    ("ctrl+p", N_("Command palette: every action by name")),
]


def binding_by_id() -> dict[str, Binding]:
    return {binding.id: binding for binding in READER_BINDINGS if binding.id}


def keys_for(binding: Binding, keymap: dict[str, str]) -> list[str]:
    """The keys that trigger `binding` once the user's keymap is applied."""
    keys = keymap.get(binding.id or "", binding.key)
    return [key.strip() for key in keys.split(",") if key.strip()]


def keys_text(binding_id: str, keymap: dict[str, str]) -> str:
    """The first two keys of a binding, for messages: "n or ctrl+g"."""
    keys = keys_for(binding_by_id()[binding_id], keymap)[:2]
    if len(keys) < 2:
        return "".join(keys)
    return _("{key} or {other}").format(key=keys[0], other=keys[1])
