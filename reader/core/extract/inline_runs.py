"""Collect inline runs (text, emphasis, strong, code, links) with browser-like whitespace.

Outside `<pre>` a browser collapses every run of ASCII whitespace into one space and drops
spaces at the start and end of a block; `RunBuilder.finish` does the same across run
boundaries, and sanitises every string on the way.
"""

from __future__ import annotations

import re

from reader.core.document import Inline, InlineKind, Runs
from reader.core.safe_text import clean, clean_line

_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")
_Raw = tuple[str, InlineKind, str | None]
# A `<br>`, told from a text node that is a newline (a "\n" between `</a>` and `</sup>` is a
# space) by identity: only `line_break` appends this very tuple.
_BREAK: _Raw = ("\n", "text", None)


class RunBuilder:
    """Accumulates raw inline text for one block; `finish` returns normalised runs."""

    __slots__ = ("_raw",)

    def __init__(self) -> None:
        self._raw: list[_Raw] = []

    def add(self, text: str | None, kind: InlineKind = "text", url: str | None = None) -> None:
        if text:
            self._raw.append((text, kind, url))

    def line_break(self) -> None:
        self._raw.append(_BREAK)

    def ends_with_break(self) -> bool:
        """True when the last thing added (ignoring whitespace) was a line break."""
        for entry in reversed(self._raw):
            if entry is _BREAK:
                return True
            if entry[0].strip():
                return False
        return False

    def has_text(self) -> bool:
        return any(entry[0].strip() for entry in self._raw if entry is not _BREAK)

    def clear(self) -> None:
        self._raw.clear()

    def finish(self) -> Runs:
        """The normalised runs, and an empty builder ready for the next block."""
        runs = _Pieces()
        space_before = True  # at the start of a block or after a space, a space is dropped
        for entry in self._raw:
            if entry is _BREAK:
                runs.strip_end(" ")
                runs.add("\n", "text", None)
                space_before = True
                continue
            raw, kind, url = entry
            text = _normalise(raw)
            if space_before and text.startswith(" "):
                text = text[1:]
            if not text:
                continue
            space_before = text.endswith(" ")
            runs.add(text, kind, url)
        runs.strip_end(" \n")
        finished = runs.runs()
        while finished and finished[0].text.startswith("\n"):
            finished[0].text = finished[0].text.lstrip("\n ")
            if not finished[0].text:
                finished.pop(0)
        self._raw.clear()
        return finished


class _Pieces:
    """Runs under construction, each text kept as a list of pieces joined once at the end:
    appending to a string attribute copies it, which for a million `<br>` is quadratic."""

    __slots__ = ("_groups",)

    def __init__(self) -> None:
        self._groups: list[tuple[InlineKind, str | None, list[str]]] = []

    def add(self, text: str, kind: InlineKind, url: str | None) -> None:
        if kind == "link":
            url = clean_line(url or "") or None
            if url is None:
                kind = "text"
        if kind != "text" and not text.strip():
            kind, url = "text", None  # a link or emphasis of only spaces reads as a space
        if self._groups and self._groups[-1][0] == kind and self._groups[-1][1] == url:
            self._groups[-1][2].append(text)
        else:
            self._groups.append((kind, url, [text]))

    def strip_end(self, chars: str) -> None:
        """Remove `chars` from the end of the last runs (dropping runs left empty)."""
        while self._groups:
            pieces = self._groups[-1][2]
            while pieces:
                pieces[-1] = pieces[-1].rstrip(chars)
                if pieces[-1]:
                    return
                pieces.pop()
            self._groups.pop()

    def runs(self) -> Runs:
        """The runs, with the spaces at the edges of a link moved out of it: the space in
        `<a>v2 </a>for` separates words, so a link marker goes before it (`v2 [4] for`)."""
        out: Runs = []
        space_after = False
        for kind, url, pieces in self._groups:
            text = " " + "".join(pieces) if space_after else "".join(pieces)
            space_after = False
            if kind == "link":
                if text.startswith(" "):
                    _append_text(out, " ")
                space_after = text.endswith(" ")
                text = text.strip(" ")
            if kind == "text":
                _append_text(out, text)
            else:
                out.append(Inline(text, kind, url))
        return out


def _append_text(runs: Runs, text: str) -> None:
    """Plain `text` at the end of `runs`, joined to a plain run there."""
    if runs and runs[-1].kind == "text":
        runs[-1].text += text
    else:
        runs.append(Inline(text))


def _normalise(raw: str) -> str:
    """`raw` sanitised with whitespace collapsed. Printable text holds no control characters
    and no whitespace but spaces, so most runs skip the regular expressions."""
    if raw.isprintable():
        return raw if "  " not in raw else _HTML_SPACE.sub(" ", raw)
    return _HTML_SPACE.sub(" ", clean(raw))
