"""`reader themes`: list the themes, or print their colours and contrast ratios as JSON."""

from __future__ import annotations

import argparse
import json
import sys

from reader.commands.parsing import Parser, add_ui_language_argument
from reader.core.formats.plain import cell_width
from reader.core.i18n import _, pgettext
from reader.core.safe_text import clean_line
from reader.core.themes import Theme, ThemeCatalogue, load_themes


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        hint=_("see 'reader themes --help'"),
        prog="reader themes",
        description=_(
            "List the reading themes: the shipped ones and your own from "
            "<config dir>/themes/*.toml, with their WCAG contrast check."
        ),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=_("print every theme's colours and computed contrast ratios as JSON"),
    )
    add_ui_language_argument(parser)
    return parser


def _contrast_summary(theme: Theme) -> str:
    if theme.ansi:
        return _("n/a")
    failures = theme.failures
    if not failures:
        body = next(r for r in theme.contrast() if r.rule.label == "body text")
        return _("pass {ratio}:1").format(ratio=f"{body.ratio:.1f}")
    return _("FAIL ({count})").format(count=len(failures))


def _kind(theme: Theme) -> str:
    if theme.ansi:
        return pgettext("theme kind", "terminal")
    return pgettext("theme kind", "dark") if theme.dark else pgettext("theme kind", "light")


def format_table(catalogue: ThemeCatalogue) -> str:
    """The themes as aligned text columns: name, dark/light, origin, contrast, description."""
    rows = [
        (
            pgettext("themes table", "name"),
            pgettext("themes table", "kind"),
            pgettext("themes table", "from"),
            pgettext("themes table", "contrast"),
            pgettext("themes table", "description"),
        )
    ]
    for theme in catalogue.themes.values():
        source = (
            pgettext("theme source", "user")
            if theme.source == "user"
            else pgettext("theme source", "shipped")
        )
        rows.append((theme.name, _kind(theme), source, _contrast_summary(theme), theme.description))
    widths = [max(cell_width(row[col]) for row in rows) for col in range(4)]
    lines = [
        "  ".join(
            cell + " " * (width - cell_width(cell))
            for cell, width in zip(row[:4], widths, strict=True)
        )
        + "  "
        + row[4]
        for row in rows
    ]
    lines.append("")
    lines.append(
        _(
            "contrast: body text against the background (WCAG AAA needs 7:1); 'n/a' means the "
            "terminal's own colours decide it."
        )
    )
    return "\n".join(line.rstrip() for line in lines) + "\n"


def theme_json(theme: Theme) -> dict:
    """One theme as a JSON-ready dict: colours, and each contrast rule with its ratio."""
    return {
        "name": theme.name,
        "description": theme.description,
        "dark": theme.dark,
        "ansi": theme.ansi,
        "source": theme.source,
        "path": theme.path or None,
        "colors": dict(theme.colors),
        "passes": theme.passes,
        "contrast": [
            {
                "check": result.rule.label,
                "foreground": result.rule.foreground,
                "background": result.rule.background,
                "ratio": round(result.ratio, 2),
                "minimum": result.rule.minimum,
                "passed": result.passed,
            }
            for result in theme.contrast()
        ],
    }


def main(argv: list[str]) -> int:
    """Run `reader themes` with `argv` (the words after 'themes'); returns the exit code."""
    args = build_parser().parse_args(argv)
    catalogue = load_themes()
    for warning in catalogue.warnings:
        message = _("warning: {message}").format(message=clean_line(warning))
        print(f"reader: {message}", file=sys.stderr)
    if args.json:
        data = {
            "themes": [theme_json(theme) for theme in catalogue.themes.values()],
            "warnings": catalogue.warnings,
        }
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_table(catalogue))
    return 0
