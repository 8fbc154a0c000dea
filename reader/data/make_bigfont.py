"""Build the large-text glyph data: bigfont.json from the public-domain X11 misc-fixed BDF fonts,
and bigfont-unifont.zlib (the scripts misc-fixed lacks) from GNU Unifont's .hex file.

Not used at run time; kept so the data files can be rebuilt and checked. Steps (Debian):
    apt-get download xfonts-base && dpkg-deb -x xfonts-base_*.deb x
    for f in 4x6 5x8 6x9 6x12 6x13B; do pcf2bdf -o $f.bdf x/usr/share/fonts/X11/misc/$f.pcf.gz; done
    python reader/data/make_bigfont.py 4x6.bdf 5x8.bdf 6x9.bdf 6x12.bdf > reader/data/bigfont.json
    apt-get install unifont  # 1:15.0.01-2 in Debian 12: /usr/share/unifont/unifont.hex
    python reader/data/make_bigfont.py --unifont /usr/share/unifont/unifont.hex 15.0.01 \
        > reader/data/bigfont-unifont.zlib

bigfont-unifont.zlib is zlib-compressed: one JSON header line ({"ranges": [[first, last], ...],
"wide": [...]}, code points inclusive), then 32 bytes per glyph in code-point order: 16 pixel
rows of 16 bits, big-endian, bit 15 the leftmost pixel; an 8-pixel-wide glyph fills the high
byte and is not listed in "wide". Unassigned code points (Unifont draws their numbers) are left
out.
"""

from __future__ import annotations

import json
import sys
import unicodedata
import zlib
from pathlib import Path

UNIFONT_RANGES = [
    (0x0300, 0x036F),  # Combining diacritical marks (drawn onto Latin, Greek, Cyrillic letters)
    (0x0590, 0x05FF),  # Hebrew
    (0x0600, 0x06FF),  # Arabic (with Persian and Urdu letters)
    (0x0750, 0x077F),  # Arabic Supplement
    (0x0900, 0x097F),  # Devanagari
    (0x0E00, 0x0E7F),  # Thai
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x3000, 0x30FF),  # CJK symbols and punctuation, Hiragana, Katakana
    (0x3100, 0x318F),  # Bopomofo, Hangul compatibility Jamo
    (0x31F0, 0x31FF),  # Katakana phonetic extensions
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFB1D, 0xFB4F),  # Hebrew presentation forms
    (0xFB50, 0xFDFF),  # Arabic presentation forms A (joining forms the shaper picks)
    (0xFE70, 0xFEFF),  # Arabic presentation forms B
    (0xFF00, 0xFFEF),  # Halfwidth and fullwidth forms
]

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


def unifont_data(hex_text: str, version: str) -> bytes:
    """The Unifont glyphs in UNIFONT_RANGES as the zlib-compressed file the module docstring
    describes."""
    glyphs: dict[int, str] = {}
    for line in hex_text.splitlines():
        code_hex, _, rows = line.strip().partition(":")
        code = int(code_hex, 16)
        assigned = unicodedata.category(chr(code)) != "Cn"
        if assigned and any(low <= code <= high for low, high in UNIFONT_RANGES):
            glyphs[code] = rows
    codes = sorted(glyphs)
    ranges: list[list[int]] = []
    wide: list[list[int]] = []
    blob = bytearray()
    for code in codes:
        rows = glyphs[code]
        is_wide = len(rows) == 64
        for runs, member in ((ranges, True), (wide, is_wide)):
            if member and runs and runs[-1][1] == code - 1:
                runs[-1][1] = code
            elif member:
                runs.append([code, code])
        step = len(rows) // 16
        for y in range(16):
            value = int(rows[y * step : (y + 1) * step], 16)
            blob += (value if is_wide else value << 8).to_bytes(2, "big")
    header = {
        "source": f"GNU Unifont {version} (unifont.hex), SIL Open Font License 1.1",
        "ranges": ranges,
        "wide": wide,
    }
    data = json.dumps(header, separators=(",", ":")).encode() + b"\n" + bytes(blob)
    return zlib.compress(data, 9)


def main(paths: list[str]) -> None:
    if paths[:1] == ["--unifont"]:
        hex_text = Path(paths[1]).read_text(encoding="ascii")
        sys.stdout.buffer.write(unifont_data(hex_text, paths[2]))
        return
    fonts = {Path(p).stem: parse_bdf(Path(p).read_text(encoding="latin-1")) for p in paths}
    data = {
        "source": "X11 misc-fixed fonts (xorg font-misc-misc), public domain",
        "row_format": "one byte per pixel row, hex; bit 7 is the leftmost pixel",
        "fonts": fonts,
    }
    json.dump(data, sys.stdout, separators=(",", ":"), sort_keys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
