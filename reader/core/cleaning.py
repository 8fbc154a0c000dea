"""Clean a parsed page before distillation: drop what a reader never sees.

These edits run once on the single parsed tree, so readability, the fallback and `--full`
all start from the same cleaned document.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
_SCRIPT_URL = re.compile(r"\s*(?:javascript|vbscript):", re.I)
_NEVER_SHOWN = ("script", "style", "noscript", "template")


def remove_hidden(root: HtmlElement) -> None:
    """Drop scripts, styles and elements hidden with `hidden` or inline CSS; unlink script URLs."""
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "a" and _SCRIPT_URL.match(el.get("href") or ""):
            del el.attrib["href"]  # not a link a reader can follow; readability would blank it
        if el.tag in _NEVER_SHOWN or el.get("hidden") is not None:
            doomed.append(el)
        else:
            style = el.get("style")
            if style and _HIDDEN_STYLE.search(style):
                doomed.append(el)
    for el in doomed:
        _drop(el)


def _drop(el: HtmlElement) -> None:
    """Remove `el` and its content, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    el.drop_tree()
