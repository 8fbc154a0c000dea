"""Build bigfont.json (the large-text glyphs) from the public-domain X11 misc-fixed BDF fonts.

Not used at run time; kept so the data file can be rebuilt and checked. Steps (Debian):
    apt-get download xfonts-base && dpkg-deb -x xfonts-base_*.deb x
    for f in 4x6 5x8 6x9 6x12 6x13B; do pcf2bdf -o $f.bdf x/usr/share/fonts/X11/misc/$f.pcf.gz; done
    python reader/data/make_bigfont.py 4x6.bdf 5x8.bdf 6x9.bdf 6x12.bdf > reader/data/bigfont.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

RANGES = [
    (0x20, 0x7E),
    (0xA0, 0x24F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x370, 0x3FF),  # Greek
    (0x400, 0x4FF),  # Cyrillic
    (0x2010, 0x205E),  # General punctuation: dashes, quotes, bullet, ellipsis
    (0x20A0, 0x20C0),  # Currency
    (0x2122, 0x2122),
    (0x2190, 0x2193),
    (0x2500, 0x259F),  # Box drawing and block elements (quote bars, table rules)
    (0xFFFD, 0xFFFD),
]


def wanted(code: int) -> bool:
    return any(low <= code <= high for low, high in RANGES)


def parse_bdf(text: str) -> dict:
    lines = iter(text.splitlines())
    props: dict[str, str] = {}
    glyphs: dict[str, str] = {}
    width = height = ascent = 0
    for line in lines:
        key, _, rest = line.partition(" ")
        if key == "FONTBOUNDINGBOX":
            width, height = (int(v) for v in rest.split()[:2])
        elif key in ("FONT_ASCENT", "FONT_DESCENT", "DEFAULT_CHAR"):
            props[key] = rest
        elif key == "STARTCHAR":
            encoding = -1
            bbx = (0, 0, 0, 0)
            for inner in lines:
                ikey, _, irest = inner.partition(" ")
                if ikey == "ENCODING":
                    encoding = int(irest.split()[0])
                elif ikey == "BBX":
                    bbx = tuple(int(v) for v in irest.split())  # type: ignore[assignment]
                elif ikey == "BITMAP":
                    rows = []
                    for row in lines:
                        if row == "ENDCHAR":
                            break
                        rows.append(row)
                    break
            ascent = int(props["FONT_ASCENT"])
            if not wanted(encoding):
                continue
            _gw, gh, xoff, yoff = bbx
            cell = [0] * height
            top = ascent - (yoff + gh)
            for i, row in enumerate(rows):
                bits = int(row, 16)
                nbits = len(row) * 4
                y = top + i
                if 0 <= y < height:
                    # Leftmost pixel is the top bit of the row; shift into an 8-bit cell row.
                    value = bits >> (nbits - 8) if nbits > 8 else bits << (8 - nbits)
                    cell[y] |= (value >> xoff) & 0xFF
            glyphs[str(encoding)] = "".join(f"{v:02x}" for v in cell)
    return {"width": width, "height": height, "ascent": ascent, "glyphs": glyphs}


def main(paths: list[str]) -> None:
    fonts = {Path(p).stem: parse_bdf(Path(p).read_text(encoding="latin-1")) for p in paths}
    data = {
        "source": "X11 misc-fixed fonts (xorg font-misc-misc), public domain",
        "row_format": "one byte per pixel row, hex; bit 7 is the leftmost pixel",
        "fonts": fonts,
    }
    json.dump(data, sys.stdout, separators=(",", ":"), sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
