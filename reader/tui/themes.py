"""Reader's themes as Textual `Theme` objects, registered on the app.

The colours come from the theme files (reader.core.themes); Textual's derived variables that
the article and panes use ($text, $text-primary for headings, $text-accent for links,
$border for focus...) are pinned to the theme's checked colours, so what is measured in
`reader themes --json` is what is drawn. `$text` is opaque here: Textual's default is
semi-transparent, which would lower the measured contrast.
"""

from __future__ import annotations

import dataclasses

from textual.app import App
from textual.theme import BUILTIN_THEMES, Theme

from reader.core.themes import Theme as ReaderTheme
from reader.core.themes import ThemeCatalogue, load_themes


def textual_theme(theme: ReaderTheme) -> Theme:
    """The Textual theme for one reader theme."""
    if theme.ansi:
        # The terminal's own palette: Textual's ANSI theme, under reader's name.
        base = BUILTIN_THEMES["ansi-dark" if theme.dark else "ansi-light"]
        return dataclasses.replace(base, name=theme.name, variables=dict(base.variables))
    c = theme.colors
    return Theme(
        name=theme.name,
        primary=c["focus"],
        secondary=c["quote"],
        accent=c["accent"],
        warning=c["search_background"],
        foreground=c["text"],
        background=c["background"],
        surface=c["surface"],
        panel=c["panel"],
        dark=theme.dark,
        text_alpha=1.0,
        variables={
            "text": c["text"],
            "text-muted": c["muted"],
            "text-disabled": c["muted"],
            "foreground-muted": c["muted"],
            "text-primary": c["heading"],
            "text-secondary": c["quote"],
            "text-accent": c["link"],
            "link-color": c["link"],
            "link-color-hover": c["link"],
            "border": c["focus"],
            "border-blurred": c["border"],
            "block-cursor-foreground": c["selection_text"],
            "block-cursor-background": c["selection_background"],
            "block-cursor-blurred-foreground": c["selection_text"],
            "block-cursor-blurred-background": c["selection_background"],
            "input-selection-background": c["selection_background"],
            "input-selection-foreground": c["selection_text"],
            "footer-key-foreground": c["heading"],
            "footer-foreground": c["text"],
            "footer-background": c["panel"],
            "footer-description-foreground": c["text"],
            "scrollbar": c["border"],
            "scrollbar-hover": c["focus"],
            "scrollbar-active": c["focus"],
        },
    )


def register_reader_themes(app: App, catalogue: ThemeCatalogue | None = None) -> ThemeCatalogue:
    """Register every shipped and user theme on `app`; the catalogue (with its warnings)."""
    catalogue = catalogue if catalogue is not None else load_themes()
    for theme in catalogue.themes.values():
        app.register_theme(textual_theme(theme))
    return catalogue
