"""Clean a parsed page before distillation: drop what a reader never sees.

These edits run once on the single parsed tree, so readability, the fallback and `--full`
all start from the same cleaned document.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement
from readability.readability import REGEXES

from reader.core.extract.html_to_blocks import KEPT_ID

_READABILITY_NEGATIVE = REGEXES["negativeRe"]
_READABILITY_POSITIVE = REGEXES["positiveRe"]

_HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)", re.I)
_NEVER_SHOWN = ("script", "style", "noscript", "template")
_MAYBE_HIDDEN = etree.XPath(
    "//script | //style | //noscript | //template | //*[@hidden] | //*[@style]"
)
_SCRIPT_LINKS = etree.XPath(
    "//a[starts-with(normalize-space(translate(@href, 'JAVSCRIPTB', 'javscriptb')),"
    " 'javascript:') or starts-with(normalize-space(translate(@href, 'VBSCRIPT', 'vbscript')),"
    " 'vbscript:')]"
)


def remove_hidden(root: HtmlElement) -> None:
    """Drop scripts, styles and elements hidden with `hidden` or inline CSS; unlink script URLs."""
    for link in _SCRIPT_LINKS(root):
        del link.attrib["href"]  # not a link a reader can follow; readability would blank it
    doomed = [
        el
        for el in _MAYBE_HIDDEN(root)
        if el.tag in _NEVER_SHOWN
        or el.get("hidden") is not None
        or _HIDDEN_STYLE.search(el.get("style") or "")
    ]
    for el in doomed:
        _drop(el)


def _drop(el: HtmlElement) -> None:
    """Remove `el` and its content, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    el.drop_tree()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _hide_id(el: HtmlElement) -> None:
    """Move `el`'s id where readability does not judge it but `#fragment` links still find it."""
    if "id" in el.attrib:
        el.set(KEPT_ID, el.attrib.pop("id"))


# Class, id, role and aria-label words that mark page furniture rather than article text
# (matched against the words of those attributes split at spaces, "-" and "_").
_CLUTTER_WORDS = _words(
    "cookie cookies consent gdpr share sharing sharebar likes like subscribe subscription "
    "signup readmore outbrain taboola ad ads advert advertisement advertising adslot sponsored "
    "promo promos breadcrumb breadcrumbs comment comments disqus popup modal tooltip popover "
    "hovercard rollover gallery slideshow carousel slider trending"
)
_CLUTTER_PREFIXES = ("related", "recommend", "social", "newsletter")
_CLUTTER_PAIRS = _words(
    "read-more more-stories also-like may-like most-read most-popular skip-link"
)
_SEPARATORS = re.compile(r"[\s_-]+")
# Utility classes that hide an element with CSS (screen-reader-only text is kept on purpose).
_HIDDEN_CLASSES = _words("hidden hide is-hidden element-hidden d-none display-none invisible")
_CLUTTER_ROLES = _words(
    "navigation banner contentinfo complementary dialog alertdialog search menu menubar toolbar"
)
_PROTECTED = _words("html body main")
_WRAPPERS = _words("div span section figure")
# Links and phrase markup are part of a sentence whatever their class says ("popup" links).
_INLINE_TEXT = _words("a em strong b i u abbr sup sub small mark time cite q dfn kbd var")
MIN_UNWRAP_CHARS = 25  # readability ignores shorter paragraphs anyway
MAX_CLUTTER_SHARE = 0.25  # furniture never holds a quarter of the page's text


def remove_clutter(root: HtmlElement) -> None:
    """Drop page furniture before distillation: cookie banners, share bars, newsletter boxes,
    related-story teasers, comments, ads, dialogs and CSS-hidden boxes, found by class, id,
    role and aria patterns.

    A match is only removed when it holds less than a quarter of the page's text and no
    article, so a mislabelled container of the article itself survives. Embedded posts
    (blockquotes) are unwrapped and kept.
    """
    body = root.find("body")
    if body is None:
        return
    page_length = _text_length(body)
    doomed: list[HtmlElement] = []
    for el in _LABELLED(body):  # only elements with a class, id, role or aria label
        tag = el.tag
        if tag in _INLINE_TEXT:
            # readability would drop e.g. a class="popup" link from the middle of a sentence
            el.attrib.pop("class", None)
            _hide_id(el)
        elif tag not in _PROTECTED and tag != "blockquote" and _is_clutter(el):
            doomed.append(el)
    dropped: set[HtmlElement] = set()
    for el in doomed:
        if any(ancestor in dropped for ancestor in el.iterancestors()):
            continue
        if _holds_article(el) or _holds_quote(el):
            continue
        if _text_length(el) < MAX_CLUTTER_SHARE * page_length:
            dropped.add(el)
            _drop(el)
    for quote in list(body.iter("blockquote")):
        quote.attrib.pop("class", None)
        _hide_id(quote)
        _unwrap(quote)
    for paragraph in list(body.iter("p")):
        if _negative_wrapper(paragraph):
            _unwrap(paragraph)


_LABELLED = etree.XPath(
    ".//*[@class or @id or @role or @aria-hidden or @aria-label or @data-component]"
)


def _is_clutter(el: HtmlElement) -> bool:
    if el.get("aria-hidden") == "true":
        return True
    if (el.get("role") or "").strip().lower() in _CLUTTER_ROLES:
        return True
    classes = el.get("class") or ""
    if classes and not _HIDDEN_CLASSES.isdisjoint(classes.lower().split()):
        return True
    features = " ".join(
        (classes, el.get("id") or "", el.get("aria-label") or "", el.get("data-component") or "")
    )
    return _names_clutter(_SEPARATORS.split(features.lower()))


def _names_clutter(words: list[str]) -> bool:
    previous = ""
    for word in words:
        if word in _CLUTTER_WORDS or word.startswith(_CLUTTER_PREFIXES):
            return True
        if f"{previous}-{word}" in _CLUTTER_PAIRS:
            return True
        previous = word
    return False


def _negative_wrapper(el: HtmlElement) -> bool:
    """True when the element directly wrapping `el` has a name readability scores down."""
    wrapper = el.getparent()
    if wrapper is None or wrapper.tag not in _WRAPPERS:
        return False
    names = f"{wrapper.get('class') or ''} {wrapper.get('id') or ''}"
    return _READABILITY_NEGATIVE.search(names) is not None and not _READABILITY_POSITIVE.search(
        names
    )


def _unwrap(el: HtmlElement) -> None:
    """Unwrap the div/span/section/figure wrappers that hold nothing but `el` (a paragraph or
    an embedded post), so readability judges it by its text, not by a wrapper named "media"
    or "tweet", nor drops the wrapper for the links every embedded post carries."""
    length = _text_length(el)
    if length < MIN_UNWRAP_CHARS:
        return
    wrapper = el.getparent()
    while wrapper is not None and wrapper.tag in _WRAPPERS:
        if _text_length(wrapper) > length + 20:
            break
        parent = wrapper.getparent()
        wrapper.drop_tag()
        wrapper = parent


def _holds_quote(el: HtmlElement) -> bool:
    """An embedded post (a blockquote) inside a "social" wrapper is quoted article content."""
    return next(el.iter("blockquote"), None) is not None


def _holds_article(el: HtmlElement) -> bool:
    """True when `el` is or holds a `<main>` or an `<article>` with real text."""
    return any(_text_length(inner) > 500 for inner in el.iter("main", "article"))


def _text_length(el: HtmlElement) -> int:
    """How many non-space characters of text `el` holds (cheaper than normalising it)."""
    text = "".join(el.itertext())
    return len(text) - sum(text.count(space) for space in " \n\t\r\xa0")
