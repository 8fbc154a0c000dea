"""Clean a parsed page before distillation: drop what a reader never sees.

These edits run once on the single parsed tree, so readability, the fallback and `--full`
all start from the same cleaned document.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree
from lxml.html import HtmlElement
from readability.readability import REGEXES

from reader.core.extract.html_to_blocks import KEPT_ID
from reader.core.extract.rules import enabled

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
# Boxes that sell or point away from the article: affiliate-link notices, paywall gates,
# calls to action ("cta"), sidebars and tag lists.
_SALES_AND_SIDEBAR_WORDS = _words("affiliate paywall cta sidebar tags")
# Readers' comments named in other languages ("kommentare", "commentaires", "comentarios").
_COMMENT_STEMS = ("kommentar", "commentaire", "comentario", "commenti", "komentar", "reacties")
_CLUTTER_PREFIXES = ("related", "recommend", "social", "newsletter")
_CLUTTER_PAIRS = _words(
    "read-more more-stories also-like may-like most-read most-popular skip-link"
)
# An author's biography box, written once for every article of the author.
_AUTHOR_BOX_PAIRS = _words(
    "author-bio author-box author-info author-description author-profile author-card "
    "author-details author-about about-author"
)
# Who took or owns a picture ("Photo: AP", "© Reuters"): not the caption, not the article.
_CREDIT_WORDS = _words("credit credits copyright photographer photocredit")
_CREDIT_PROPERTIES = _words("copyrightholder creator copyrightnotice credittext")
_SEPARATORS = re.compile(r"[\s_-]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
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
    if enabled("drop_share_and_skip_links"):
        _drop_share_and_skip_links(body)
    _drop_heading_controls(body)
    page_length = _text_length(body)
    names = _ClutterNames.in_force()
    doomed: list[HtmlElement] = []
    for el in _LABELLED(body):  # only elements with a class, id, role or aria label
        tag = el.tag
        if tag in _INLINE_TEXT:
            # readability would drop e.g. a class="popup" link from the middle of a sentence
            el.attrib.pop("class", None)
            _hide_id(el)
        elif tag not in _PROTECTED and tag != "blockquote" and _is_clutter(el, names):
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
    ".//*[@class or @id or @role or @aria-hidden or @aria-label or @data-component"
    " or @itemprop='author' or @itemprop='copyrightHolder' or @itemprop='creator'"
    " or @itemprop='copyrightNotice' or @itemprop='creditText']"
)


_MAYBE_SHARE_OR_SKIP = etree.XPath(
    ".//a[starts-with(@href, '#') or contains(@href, 'share') or contains(@href, 'intent/')"
    " or contains(@href, 'send?') or contains(@href, 'mailto:?')]"
)
# Messaging apps' URL schemes: a link to one hands the page to the app, a share button.
_APP_SCHEMES = ("whatsapp:", "fb-messenger:", "viber:", "tg:", "line:", "sms:", "mailto:?")
_SHARE_URL = re.compile(r"/(?:share|sharer|sharing|shareArticle)\b|/intent/(?:tweet|post)", re.I)
_SHARE_QUERY = re.compile(r"[?&](?:u|url|text|href|link|body)=", re.I)
_LINK_BLOCKS = _words("p div span section li dd")


def _drop_share_and_skip_links(body: HtmlElement) -> None:
    """Drop share buttons (links handing the page to a messaging app or to a site's share
    form, whatever their words) and skip links (an in-page link alone in its box, such as
    "Skip to content" or "Continue reading the main story"), with boxes left empty."""
    for link in _MAYBE_SHARE_OR_SKIP(body):
        href = (link.get("href") or "").strip()
        if href.startswith("#"):
            if len(href) < 2 or not _is_skip_link(link):
                continue
        elif not (
            href.lower().startswith(_APP_SCHEMES)
            or (_SHARE_URL.search(href) and _SHARE_QUERY.search(href))
        ):
            continue
        box = link.getparent()
        _drop(link)
        while box is not None and box.tag in _LINK_BLOCKS and _is_empty_box(box):
            parent = box.getparent()
            _drop(box)
            box = parent


_BOXES = _words("div section article main header footer aside body")
MIN_SKIP_WORDS = 2
MAX_SKIP_WORDS = 8


def _is_skip_link(link: HtmlElement) -> bool:
    """An in-page link of two to eight words standing as a block of its own: alone in its
    paragraph or box, or set between boxes with no text around it (not a table of contents
    entry, which is a list item, nor a link inside a sentence)."""
    box = link.getparent()
    if box is None or box.tag == "li" or not (box.tag in _LINK_BLOCKS or box.tag in _BOXES):
        return False
    words = " ".join("".join(link.itertext()).split())
    if not MIN_SKIP_WORDS <= len(words.split()) <= MAX_SKIP_WORDS:
        return False  # one word is a marker or a name; a long link is a question, content
    if " ".join("".join(box.itertext()).split()) == words:
        return True
    previous = link.getprevious()
    before = previous.tail if previous is not None else box.text
    return box.tag in _BOXES and not (before or "").strip() and not (link.tail or "").strip()


def _is_empty_box(el: HtmlElement) -> bool:
    return not "".join(el.itertext()).strip() and next(el.iter("img"), None) is None


_BRACKETED = re.compile(r"\s*\[[^\[\]]*\]\s*")
_CONTROL_SEPARATORS = " \u00a0[]|\u00b7\u2022/,"


def _drop_heading_controls(body: HtmlElement) -> None:
    """Drop a bracketed group of links inside a heading ("[edit]", "[bearbeiten | Quelltext
    bearbeiten]"): page controls, which also make readability drop the heading as a menu."""
    for heading in body.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        for box in list(heading.iterdescendants("span", "div", "small", "sup")):
            if box.getparent() is None:
                continue
            text = "".join(box.itertext())
            if not _BRACKETED.fullmatch(text):
                continue
            linked = "".join("".join(a.itertext()) for a in box.iter("a"))
            rest = text
            for a in box.iter("a"):
                rest = rest.replace("".join(a.itertext()), "", 1)
            if linked.strip() and not rest.strip(_CONTROL_SEPARATORS):
                _drop(box)


class _ClutterNames(NamedTuple):
    """The class and id vocabulary of furniture with the rules in force (read once a page)."""

    split_camel_case: bool
    words: frozenset[str]
    prefixes: tuple[str, ...]
    pairs: frozenset[str]
    credits: bool
    author_boxes: bool

    @classmethod
    def in_force(cls) -> _ClutterNames:
        comments, authors = enabled("comment_words"), enabled("author_boxes")
        sales = enabled("sales_and_sidebar_names")
        return cls(
            split_camel_case=enabled("split_camel_case"),
            words=_CLUTTER_WORDS | _SALES_AND_SIDEBAR_WORDS if sales else _CLUTTER_WORDS,
            prefixes=_CLUTTER_PREFIXES + _COMMENT_STEMS if comments else _CLUTTER_PREFIXES,
            pairs=_CLUTTER_PAIRS | _AUTHOR_BOX_PAIRS if authors else _CLUTTER_PAIRS,
            credits=enabled("image_credits"),
            author_boxes=authors,
        )


def _is_clutter(el: HtmlElement, names: _ClutterNames) -> bool:
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
    if names.split_camel_case and not features.islower():
        features = _CAMEL.sub(" ", features)  # "ArticleShareBtn": article share btn
    words = _SEPARATORS.split(features.lower())
    if _names_clutter(words, names):
        return True
    prop = el.get("itemprop")
    if names.credits and _is_credit(el, words, prop):
        return True
    return prop == "author" and names.author_boxes and _is_author_bio(el)


MIN_BIO_WORDS = 25  # a byline names the author; a biography tells about them


def _is_author_bio(el: HtmlElement) -> bool:
    """The author's box marked up as such (itemprop="author") and long enough to be a
    biography rather than the byline."""
    return len("".join(el.itertext()).split()) >= MIN_BIO_WORDS


_IN_CAPTION = etree.XPath("ancestor::figcaption")


def _is_credit(el: HtmlElement, words: list[str], prop: str | None) -> bool:
    """A picture's credit line set apart from its caption (a caption keeps its own credit)."""
    if _CREDIT_WORDS.isdisjoint(words) and (prop or "").lower() not in _CREDIT_PROPERTIES:
        return False
    return not _IN_CAPTION(el)


def _names_clutter(words: list[str], names: _ClutterNames) -> bool:
    previous = ""
    for word in words:
        if word in names.words or word.startswith(names.prefixes):
            return True
        if f"{previous}-{word}" in names.pairs:
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
