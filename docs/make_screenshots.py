"""Regenerate the README pictures of large text: run the app headless, save SVG screenshots,
draw block mosaics as rectangles (as terminals draw them), convert to PNG with rsvg-convert.

    .venv/bin/python docs/make_screenshots.py      # needs rsvg-convert (Debian: librsvg2-bin)

SVG renderers draw sextants (U+1FB00...) and quadrants from whatever font has them, usually
misaligned; terminals such as kitty, foot, WezTerm and recent VTE draw them as exact blocks
of pixels, and so does this script.
"""

from __future__ import annotations

import asyncio
import html
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUADRANTS = " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█"
TEXT = re.compile(
    r'<text class="(?P<cls>[^"]+)" x="(?P<x>[\d.]+)" y="(?P<y>[\d.]+)" '
    r'textLength="(?P<len>[\d.]+)" clip-path="url\(#(?P<clip>[^)]+)\)">(?P<body>[^<]*)</text>'
)
CLIP = re.compile(
    r'<clipPath id="(?P<id>[^"]+)">\s*<rect x="[\d.]+" y="(?P<y>[\d.]+)" '
    r'width="[\d.]+" height="(?P<h>[\d.]+)"/>'
)


def mosaic_bits(char: str) -> tuple[int, int, int] | None:
    """(bits, columns, rows) of a sextant or quadrant character; None for other text."""
    code = ord(char)
    if 0x1FB00 <= code <= 0x1FB3B:
        bits = code - 0x1FB00 + 1
        bits += bits >= 21
        bits += bits >= 42
        return bits, 2, 3
    if char in ("▌", "▐", "█") or char in QUADRANTS[1:]:
        return QUADRANTS.index(char), 2, 2
    return None


def draw_mosaics(svg: str) -> str:
    """`svg` with every mosaic character replaced by filled rectangles of its pixels."""
    lines = {m["id"]: (float(m["y"]), float(m["h"])) for m in CLIP.finditer(svg)}
    line_height = min(h for _, h in lines.values()) - 0.25 if lines else 24.4

    def replace(match: re.Match[str]) -> str:
        text = html.unescape(match["body"])
        if not any(mosaic_bits(char) for char in text):
            return match.group(0)
        x0, cell = float(match["x"]), float(match["len"]) / max(1, len(text))
        top = lines[match["clip"]][0]
        out = []
        plain = ""
        plain_x = x0
        for index, char in enumerate(text + "\0"):
            found = mosaic_bits(char) if char != "\0" else None
            if found is None and char != "\0":
                if not plain:
                    plain_x = x0 + index * cell
                plain += char
                continue
            if plain.strip():
                out.append(
                    f'<text class="{match["cls"]}" x="{plain_x:.1f}" y="{match["y"]}" '
                    f'textLength="{cell * len(plain):.1f}" clip-path="url(#{match["clip"]})">'
                    f"{html.escape(plain)}</text>"
                )
            plain = ""
            if found is None:
                continue
            bits, cols, rows = found
            w, h = cell / cols, line_height / rows
            for row in range(rows):
                for col in range(cols):
                    if bits >> (row * cols + col) & 1:
                        out.append(
                            f'<rect class="{match["cls"]}" x="{x0 + index * cell + col * w:.2f}" '
                            f'y="{top + row * h:.2f}" width="{w + 0.05:.2f}" '
                            f'height="{h + 0.05:.2f}" shape-rendering="crispEdges"/>'
                        )
        return "".join(out)

    return TEXT.sub(replace, svg)


async def shoot(theme: str, scale: int, glyphs: str, name: str, size: tuple[int, int]) -> None:
    from reader.core.pipeline import load_article
    from reader.core.storage.settings import Settings
    from reader.tui.run import create_app

    article = load_article(None)  # the bundled welcome article
    settings = Settings(theme=theme, scale=scale, glyphs=glyphs)
    app = create_app(None, settings=settings, save=False, article=article)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        svg = app.export_screenshot(title=f"reader: scale {scale}, {theme} theme")
    svg_path = ROOT / "docs" / f"{name}.svg"
    svg_path.write_text(draw_mosaics(svg), encoding="utf-8")
    png = ROOT / "docs" / f"{name}.png"
    subprocess.run(["rsvg-convert", "-w", "1000", str(svg_path), "-o", str(png)], check=True)
    svg_path.unlink()
    print(png)


async def main() -> None:
    await shoot("light", 3, "sextant", "large-text-scale3-light", (80, 24))
    await shoot("yellow-on-black", 2, "quadrant", "large-text-scale2-quadrants", (80, 24))


if __name__ == "__main__":
    asyncio.run(main())
