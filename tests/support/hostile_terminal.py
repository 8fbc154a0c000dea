"""A page that tries to talk to the terminal from every field, and checks on what came out.

Shared by the end-to-end hostile tests (CLI formats, error messages, the TUI under Pilot and in
tmux). Each field of the page holds `PAYLOAD`: screen clears, colour, OSC 0/2 title changes,
an OSC 8 hyperlink, an OSC 52 clipboard write, a DCS query, their 8-bit C1 forms (U+009B CSI,
U+009D OSC), bidi overrides and raw C0 controls. Each field also starts with a marker word
("Title", "Cell", ...) so a test can prove the field really reached the output.
"""

from __future__ import annotations

import re

# What the page smuggles in. "click" is the visible text of the OSC 8 hyperlink and stays.
PAYLOAD = (
    "\x1b[2J\x1b[31m\x1b]0;PWNED-TITLE\x07\x1b]2;PWNED-TITLE2\x1b\\"
    "\x1b]8;;https://evil.example/osc8\x1b\\click\x1b]8;;\x1b\\"
    "\x1b]52;c;ZXZpbA==\x07\x1bP+q544e\x1b\\"
    "\u009b31m\u009d0;PWNED-C1\u009c\u009b2J\u202e\u2066"
    "\x00\x07\x08\x0b\x0c\r\x7f"
)
# An href with ESC, OSC 8, OSC 52 and the 8-bit CSI inside it.
HOSTILE_HREF = (
    "https://ok.example/a\x1b]8;;https://evil.example/\x1b\\b\x1b]52;c;ZXZpbA==\x07c\u009b31md"
)
CLEAN_HREF = "https://ok.example/abcd"  # what is left of it: a link a reader can use
# Text that can only be in an output if part of an escape sequence's payload leaked.
LEAK_MARKERS = ("ZXZpbA", "evil.example", "PWNED", "544e")
# The marker words of the fields; each is followed by "click" when its field is shown.
FIELDS = (
    "Title",
    "Author",
    "Site",
    "Byline",
    "Heading",
    "Body",
    "Link",
    "Alt",
    "Caption",
    "Head",
    "Cell",
    "code",
    "Item",
    "Quote",
)
PROSE = "Body text that a reader wants to read, long enough to be the article. "
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def hostile_page() -> str:
    """The page: PAYLOAD in the title, byline, site name, body, headings, link text and URL,
    image alt text and caption, table cells, a code block, a list item and a quote."""
    e = PAYLOAD
    js = "javascript:alert('\x1b]52;c;ZXZpbA==\x07')"
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Title{e}end</title><meta name="author" content="Author{e}end">
<meta property="og:site_name" content="Site{e}end"></head><body><article>
<h1>Title{e}end</h1><p class="byline">By Byline{e}end</p>
<h2>Heading{e}end</h2>
<p>{PROSE * 8}Body{e}end &#27;[31m &#x9b;1m &#x202e;rtl &#0; &#x7f;</p>
<p>{PROSE * 8}<a href="{HOSTILE_HREF}">Link{e}text</a> and <a href="{js}">js{e}</a>.</p>
<figure><img src="/i.png\x1b[2J" alt="Alt{e}text"><figcaption>Caption{e}end</figcaption></figure>
<table><tr><th>Head{e}cell</th><th>B</th></tr><tr><td>Cell{e}end</td><td>2</td></tr></table>
<pre><code>code{e}line
second line</code></pre>
<ul><li>Item{e}end</li></ul><blockquote>Quote{e}end</blockquote>
<p>{PROSE * 6}</p>
</article></body></html>"""


def unsafe_in_text(text: str) -> list[str]:
    """Characters a terminal must not receive from a page: C0 controls but tab and newline,
    DEL, C1 (U+0080-U+009F), bidi overrides/isolates/marks."""
    found = {
        ch
        for ch in set(text)
        if (ord(ch) < 0x20 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F or ch in BIDI
    }
    return sorted(f"U+{ord(ch):04X}" for ch in found)


def unsafe_in_bytes(data: bytes) -> list[str]:
    """`unsafe_in_text` on raw output bytes, which must also be valid UTF-8 (a stray 0x9b
    byte is an 8-bit CSI to some terminals)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return [f"invalid UTF-8 at byte {error.start}: {data[error.start : error.start + 4]!r}"]
    return unsafe_in_text(text)


def leaked_payload(text: str) -> list[str]:
    """The payload markers found in `text` (an escape sequence's content got through)."""
    return [marker for marker in LEAK_MARKERS if marker in text]


def missing_fields(text: str, fields: tuple[str, ...] = FIELDS) -> list[str]:
    """The fields whose marker word (with the OSC 8 text after it) is not in `text`."""
    return [field for field in fields if f"{field}click" not in text]


_SGR = re.compile(rb"\x1b\[[0-9;]*m")


def without_sgr(data: bytes) -> bytes:
    """`data` without Select Graphic Rendition sequences (reader's own colour and bold)."""
    return _SGR.sub(b"", data)


# Terminal output sequences: CSI, and string sequences (OSC, DCS, APC, PM, SOS) up to BEL/ST.
_OSC = re.compile(rb"\x1b\](\d*)[;]?([^\x07\x1b]*)(?:\x07|\x1b\\)")
_STRINGS = re.compile(rb"\x1b[P_^X]")


def osc_numbers(data: bytes) -> list[int]:
    """The OSC numbers (0/2 title, 8 hyperlink, 52 clipboard, ...) in a raw terminal stream."""
    return [int(match.group(1) or -1) for match in _OSC.finditer(data)]


def osc_payloads(data: bytes, number: int) -> list[bytes]:
    return [m.group(2) for m in _OSC.finditer(data) if int(m.group(1) or -1) == number]


def string_sequences(data: bytes) -> int:
    """How many DCS/APC/PM/SOS strings the stream holds."""
    return len(_STRINGS.findall(data))


# Textual content markup a page may hold: an action run on click, a terminal hyperlink (sent
# as OSC 8), a colour. A reader shows them as the literal text they are.
MARKUP = {
    "action": "[@click=app.quit]Q[/]",
    "hyperlink": "[link='https://smuggled.example/m']H[/link]",
    "style": "[reverse]S[/]",
}
MARKUP_TEXT = " ".join(MARKUP.values())
MARKUP_HREF = "https://ok.example/[@click=app.quit]x[/]"


def markup_page() -> str:
    """A page with Textual markup in its title, site name, heading, body, link text and URL,
    and in a mailto: link's address (shown, never followed)."""
    m = MARKUP_TEXT
    prose = PROSE * 6
    mail = "mailto:a@b.example?x=[@click=app.quit]y[/]"
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>T {m}</title><meta property="og:site_name" content="S {m}"></head><body><article>
<h2>H {m}</h2><p>{prose}</p>
<p>{prose}<a href="{MARKUP_HREF}">L {m}</a> and <a href="{mail}">mail</a>.</p>
<h2>Second heading</h2><p>{prose}</p>
</article></body></html>"""
