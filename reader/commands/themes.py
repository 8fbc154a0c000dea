"""`reader themes`: list the themes, or print their colours and contrast ratios as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn

from reader.core.errors import UsageError
from reader.core.safe_text import clean_line
from reader.core.themes import Theme, ThemeCatalogue, load_themes


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message, "see 'reader themes --help'")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="reader themes",
        description="List the reading themes: the shipped ones and your own from "
        "<config dir>/themes/*.toml, with their WCAG contrast check.",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print every theme's colours and computed contrast ratios as JSON",
    )
    return parser


def _contrast_summary(theme: Theme) -> str:
    if theme.ansi:
        return "n/a"
    failures = theme.failures
    if not failures:
        body = next(r for r in theme.contrast() if r.rule.label == "body text")
        return f"pass {body.ratio:.1f}:1"
    return f"FAIL ({len(failures)})"


def format_table(catalogue: ThemeCatalogue) -> str:
    """The themes as aligned text columns: name, dark/light, origin, contrast, description."""
    rows = [("name", "kind", "from", "contrast", "description")]
    for theme in catalogue.themes.values():
        rows.append(
            (
                theme.name,
                "terminal" if theme.ansi else "dark" if theme.dark else "light",
                theme.source,
                _contrast_summary(theme),
                theme.description,
            )
        )
    widths = [max(len(row[col]) for row in rows) for col in range(4)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
        + "  "
        + row[4]
        for row in rows
    ]
    lines.append("")
    lines.append(
        "contrast: body text against the background (WCAG AAA needs 7:1); 'n/a' means the "
        "terminal's own colours decide it."
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
        print(f"reader: warning: {clean_line(warning)}", file=sys.stderr)
    if args.json:
        data = {
            "themes": [theme_json(theme) for theme in catalogue.themes.values()],
            "warnings": catalogue.warnings,
        }
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(format_table(catalogue))
    return 0
