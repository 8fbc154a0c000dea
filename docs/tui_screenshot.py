"""Regenerate docs/reader-tui.png: the welcome article with the Contents pane, 100x30.

    .venv/bin/python docs/tui_screenshot.py      # needs rsvg-convert (Debian: librsvg2-bin)

Textual's SVG writes the spaces that start a text run as no-break spaces; rsvg drops them,
which shifts indented text left. The script moves such runs right by the spaces instead.
"""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CELL = 12.2  # Textual's SVG cell width
NBSP = "&#160;"


def fix_leading_spaces(svg: str) -> str:
    """Each text run that starts with no-break spaces, moved right by them instead."""

    def move(match: re.Match[str]) -> str:
        attrs, body = match.group(1), match.group(2)
        lead = len(re.match(f"(?:{NBSP})*", body).group(0)) // len(NBSP)  # type: ignore[union-attr]
        if not lead:
            return match.group(0)
        x = float(re.search(r' x="([\d.]+)"', attrs).group(1)) + lead * CELL  # type: ignore[union-attr]
        attrs = re.sub(r' x="[\d.]+"', f' x="{x:.1f}"', attrs)
        length = re.search(r' textLength="([\d.]+)"', attrs)
        if length:
            new_length = float(length.group(1)) - lead * CELL
            attrs = re.sub(r' textLength="[\d.]+"', f' textLength="{new_length:.1f}"', attrs)
        return f"<text{attrs}>{body[lead * len(NBSP) :]}</text>"

    return re.sub(r"<text([^>]*)>([^<]*)</text>", move, svg)


async def screenshot(path: Path) -> None:
    from reader.core.pipeline import Options
    from reader.core.storage.settings import Settings
    from reader.tui import create_app

    app = create_app(None, Options(), Settings(theme="dark", width=72), save=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.get_screen_reader()
        while screen is None or screen.fetching or screen.article is None:
            await pilot.pause(0.05)
            screen = app.get_screen_reader()
        await pilot.press("right_curly_bracket", "t")
        await pilot.pause(0.3)
        path.write_text(fix_leading_spaces(app.export_screenshot(title="reader")))


def main() -> int:
    svg = ROOT / "docs" / "reader-tui.svg"
    png = svg.with_suffix(".png")
    asyncio.run(screenshot(svg))
    subprocess.run(["rsvg-convert", "-w", "1200", str(svg), "-o", str(png)], check=True)
    svg.unlink()
    print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
