"""readability-lxml adapted to our pipeline: it runs on our parsed, cleaned tree, keeps its
result as a tree, climbs to the container of an article split into sections, and keeps the
data tables, lists of sentences and figures its heuristics would drop.
"""

from __future__ import annotations

import copy

from lxml import etree
from lxml.etree import tounicode
from lxml.html import HtmlElement
from readability import Document
from readability.readability import REGEXES

from reader.core.extract.html_to_blocks import HEADINGS, is_data_table, table_rows
from reader.core.extract.rules import enabled

MIN_SENTENCE_ITEM_CHARS = 40


class ArticleFinder(Document):
    """readability's Document on our cleaned tree, keeping its result as a tree.

    Our parse already dropped scripts, styles, comments and hidden elements, and our converter
    resolves links itself, so readability's own HTML cleaner and link rewriting (about 40% of
    its time) are skipped: each attempt works on a fresh copy of our tree.
    """

    lists_headlines = False  # set by get_article: the chosen node is a list of story cards
    title_path: str | None = None  # set by distil: where the page's title heading sits
    heading: HtmlElement | None = None  # that heading in this attempt's copy of the tree

    def get_article(
        self, candidates: dict, best_candidate: dict, html_partial: bool = False
    ) -> HtmlElement:
        """readability's article node; notes, before its cleaning drops linked headings,
        whether it is a list of linked headlines rather than an article."""
        article = super().get_article(candidates, best_candidate, html_partial)
        self.lists_headlines = enabled("linked_headlines") and is_list_of_headlines(article)
        return article

    def _parse(self, input: HtmlElement) -> HtmlElement:
        tree = copy.deepcopy(input)
        found = tree.xpath(self.title_path) if self.title_path else []
        self.heading = found[0] if found else None
        return tree

    def _heading_in_tree(self) -> HtmlElement | None:
        """The title heading, unless this attempt's cleaning dropped it."""
        heading = self.heading
        if heading is None or not any(a is self.html for a in heading.iterancestors()):
            return None
        return heading

    def remove_unlikely_candidates(self) -> None:
        """readability's pass dropping boxes named like page furniture ("header", "extra",
        "sidebar"), skipped when it would drop a box holding the page's title heading and an
        article's worth of text beside it: the heading sits with its article, so the page's
        names are not furniture ("hasHeaderImage"). A header box holding the title alone may go.
        """
        heading = self.heading if enabled("title_box_kept") else None
        if heading is not None:
            least = text_length(heading) + MIN_TITLE_BOX_CHARS  # a box holding more than a header
            if any(_unlikely(b) and text_length(b) >= least for b in heading.iterancestors()):
                return
        super().remove_unlikely_candidates()

    def get_link_density(self, elem: HtmlElement) -> float:
        """readability's share of linked text; a heading's links within the page (its own
        anchor) do not count, so sanitizing keeps the section headings that link to
        themselves."""
        if elem.tag not in HEADINGS or not enabled("headlines_link_away"):
            return super().get_link_density(elem)
        return _linked_length(elem, away=True) / max(text_length(elem), 1)

    def get_clean_html(self) -> str:
        return tounicode(self.html, method="html")

    def get_preserved_elements(self, node: HtmlElement) -> dict:
        """Besides readability's own (tables of contents, quote leads): data tables, lists
        of sentences, lists that are a section of the body ("See also") and figures, which its
        link, comma and text-length heuristics would drop as clutter."""
        allowed = super().get_preserved_elements(node)
        keep = [t for t in node.iter("table") if is_data_table(t, table_rows(t))]
        keep += [
            items
            for items in node.iter("ul", "ol")
            if is_list_of_sentences(items) or (enabled("section_lists") and _is_section_list(items))
        ]
        keep += [f for f in node.iter("figure") if next(f.iter("img"), None) is not None]
        if enabled("body_wrapper_kept"):
            allowed.update(dict.fromkeys(_body_wrappers(node), True))
        for element in keep:
            allowed[element] = True
            for inner in element.iterdescendants("div", "table", "ul", "ol", "dl"):
                allowed[inner] = True  # e.g. the box holding a figure's image
            length = text_length(element)
            for wrapper in element.iterancestors():  # and the wrappers holding only it
                if wrapper is node or text_length(wrapper) > length + 20:
                    break
                allowed[wrapper] = True
        return allowed

    def select_best_candidate(self, candidates: dict) -> dict | None:
        best = super().select_best_candidate(candidates)
        if best is None:
            return None
        if enabled("title_heading"):
            best = _near_title_heading(candidates, best, self._heading_in_tree())
        elem = _shared_ancestor(candidates, best)
        if elem is None and enabled("repeated_sections"):
            elem = _parent_of_repeated_sections(best["elem"])
        if elem is None and enabled("list_beside_prose"):
            elem = _box_of_list_and_prose(candidates, best)
        if elem is None:
            return best
        if elem not in candidates:
            candidates[elem] = self.score_node(elem)
        return candidates[elem]


MIN_WRAPPER_SHARE = 0.9  # of the article's text, held by a box that is the article's body
_TEXT_CHARS = etree.XPath("string-length(normalize-space(.))")  # text_length, in C


def _body_wrappers(node: HtmlElement) -> list[HtmlElement]:
    """The boxes from `node` down that each hold nearly all its text: the article's body,
    which sanitizing must not drop for its class name ("widget") alone, leaving nothing."""
    least = MIN_WRAPPER_SHARE * _TEXT_CHARS(node)
    wrappers = []
    box: HtmlElement | None = node
    while box is not None:
        box = next((c for c in box if _TEXT_CHARS(c) >= least), None)
        if box is not None:
            wrappers.append(box)
    return wrappers


def _unlikely(box: HtmlElement) -> bool:
    """Whether readability's furniture pass drops `box` by its class and id."""
    names = f"{box.get('class', '')} {box.get('id', '')}"
    return (
        _UNLIKELY.search(names) is not None
        and _MAYBE.search(names) is None
        and box.tag not in ("html", "body")
        and not box.xpath("descendant-or-self::main | descendant-or-self::article")
    )


_UNLIKELY = REGEXES["unlikelyCandidatesRe"]
_MAYBE = REGEXES["okMaybeItsACandidateRe"]
MIN_TITLE_BOX_CHARS = 250  # text beside the title heading that makes its box an article
MIN_TITLE_BOX_SCORE = 0.1  # of the best node's score, for the body found beside the heading


def _near_title_heading(candidates: dict, best: dict, heading: HtmlElement | None) -> dict:
    """When the best node lies outside the box holding the page's title heading (the first
    h1 or h2 whose text the document title holds), that box's best candidate.

    The heading that names the page sits with its article; a node scoring higher elsewhere is
    a sidebar, a teaser list or comments. The box is the heading's closest ancestor holding
    `MIN_TITLE_BOX_CHARS` more text than the heading, so a heading set apart in a header
    climbs to the wrapper that also holds the article, and the best node stays. A best node
    inside an <article> or <main> element stays too.
    """
    elem = best["elem"]
    if any(a.tag in ("article", "main") for a in (elem, *elem.iterancestors())):
        return best  # the page marks it as its article: the heading may be the site's name
    if heading is None:
        return best
    length = text_length(heading)
    box = next(
        (a for a in heading.iterancestors() if text_length(a) >= length + MIN_TITLE_BOX_CHARS),
        None,
    )
    if box is None or box.tag in ("body", "html") or elem is box:
        return best
    above_best = [elem, *elem.iterancestors()]
    if box in above_best or elem in set(box.iterancestors()):
        return best
    inside = [  # the body beside the heading: a box holding it is the header (title, lead)
        c
        for e, c in candidates.items()
        if (e is box or box in set(e.iterancestors())) and heading not in set(e.iterdescendants())
    ]
    rival = max(inside, key=lambda c: c["content_score"], default=None)
    if rival is None or rival["content_score"] < MIN_TITLE_BOX_SCORE * best["content_score"]:
        return best  # a few words beside the heading (a caption, a date) are no article
    return rival


def title_heading(root: HtmlElement) -> HtmlElement | None:
    """The first h1 (else h2) whose text the page's <title> or og:title holds, or None."""
    titles = [" ".join(t.split()).casefold() for t in root.xpath(_TITLES) if t.strip()]
    if not titles:
        return None
    for tag in ("h1", "h2"):
        for heading in root.iter(tag):
            text = " ".join(heading.text_content().split()).casefold()
            if len(text) >= MIN_TITLE_CHARS and any(
                text in title and len(text) >= 0.4 * len(title) for title in titles
            ):
                return heading
    return None


MIN_TITLE_CHARS = 4
_TITLES = "/html/head/title//text() | /html/head/meta[@property='og:title']/@content"


def _built_alike(a: HtmlElement, b: HtmlElement) -> bool:
    """Same tag, and at least half their class names shared (cards differ in "post-12" or
    "category-news" but share the rest)."""
    if a.tag != b.tag:
        return False
    names_a, names_b = set((a.get("class") or "").split()), set((b.get("class") or "").split())
    if not names_a and not names_b:
        return True
    return 2 * len(names_a & names_b) >= max(len(names_a), len(names_b))


MIN_SECTIONS = 3
MAX_SECTION_LINK_DENSITY = 0.25
MIN_SECTION_CHARS = 500  # a section of several paragraphs, not a title row or a teaser


def _parent_of_repeated_sections(elem: HtmlElement) -> HtmlElement | None:
    """The parent of a run of three or more sibling boxes built alike (same tag and class)
    whose text is prose (few links), when the best node sits in one of them: the sections
    of one article, each scored alone, which together hold at least twice its text, or
    which are three or more sections of several paragraphs each (a long section outscores
    the others, but they are the same article: a page's title row or teaser row is short).
    """
    node = elem
    length = text_length(elem)
    for _ in range(4):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return None
        alike = [(s, n) for s in parent if _built_alike(s, node) and (n := text_length(s))]
        if len(alike) >= MIN_SECTIONS:
            total = sum(n for _s, n in alike)
            linked = sum(text_length(a) for s, _n in alike for a in s.iter("a"))
            whole = total >= 2 * length or (
                enabled("sections_of_prose")
                and sum(n >= MIN_SECTION_CHARS for _s, n in alike) >= MIN_SECTIONS
            )
            if whole and linked <= MAX_SECTION_LINK_DENSITY * total:
                return parent
            return None
        node = parent
    return None


_LIST_TAGS = frozenset(("ol", "ul", "dl", "li", "table", "tbody", "tr"))
MAX_LIST_CLIMB = 6  # levels from a list to the box it shares with the article's prose
MIN_PROSE_SCORE = 0.2  # of the list's score, for prose beside it to be the article


def _box_of_list_and_prose(candidates: dict, best: dict) -> HtmlElement | None:
    """When the best node is a list or table (references, signatories, a data table: many
    items with commas outscore a few paragraphs), the closest ancestor that also holds a
    candidate of prose paragraphs scoring at least `MIN_PROSE_SCORE` of it: the article is
    the prose and the list together, not the list alone."""
    elem = best["elem"]
    if elem.tag not in _LIST_TAGS:
        return None
    prose = [
        c["elem"]
        for c in candidates.values()
        if c["content_score"] >= MIN_PROSE_SCORE * best["content_score"]
        and c["elem"].tag not in _LIST_TAGS
        and not any(a.tag in _LIST_TAGS for a in c["elem"].iterancestors())
    ]
    if not prose:
        return None
    holders = {a for p in prose for a in (p, *p.iterancestors())}
    for depth, ancestor in enumerate(elem.iterancestors()):
        if depth >= MAX_LIST_CLIMB or ancestor.tag in ("body", "html"):
            return None
        if ancestor in holders:
            return ancestor
    return None


def _shared_ancestor(candidates: dict, best: dict) -> HtmlElement | None:
    """The closest ancestor of the best node that also holds three or more candidates scoring
    at least 3/4 of it: an article split into sections (Readability.js climbs the same way).

    Only rivals built alike the best node count (same tag, most class names shared), as the
    sections of one article are; rivals built otherwise beside it are teaser cards, comments
    or a product's boxes, whose common box is the page, not the article.
    """
    alike = enabled("sections_built_alike")
    elem = best["elem"]
    rivals = sorted(candidates.values(), key=lambda c: c["content_score"], reverse=True)[:5]
    close = [
        set(c["elem"].iterancestors())
        for c in rivals
        if c is not best
        and c["content_score"] >= 0.75 * best["content_score"]
        and (not alike or _built_alike(c["elem"], elem))
    ]
    if len(close) < 3:
        return None
    for ancestor in elem.iterancestors():
        if ancestor.tag in ("body", "html"):
            return None
        if sum(ancestor in ancestors for ancestors in close) >= 3:
            return ancestor
    return None


MIN_HEADLINES = 4


def is_list_of_headlines(article: HtmlElement) -> bool:
    """Most headings are links to other pages, and the boxes holding them (a linked headline
    and its summary) hold most of the text: story cards, not an article ending in a few.

    A heading linking within the page (a section's own anchor) is no headline, and a box
    holding several linked headings is the article itself (a list of products, each heading
    a link), not a card.
    """
    away = enabled("headlines_link_away")
    headings = [h for h in article.iter("h1", "h2", "h3", "h4") if text_length(h)]
    linked = [h for h in headings if _linked_length(h, away) >= text_length(h)]
    if len(linked) < MIN_HEADLINES or len(linked) < 0.6 * len(headings):
        return False
    parents = [h.getparent() for h in linked if h.getparent() is not None]
    cards = {p for p in parents if not away or parents.count(p) == 1}
    return sum(text_length(card) for card in cards) >= 0.5 * text_length(article)


def _linked_length(heading: HtmlElement, away: bool) -> int:
    """The text of `heading`'s links; with `away`, only of links to another page (not a bare
    anchor or a "#fragment" of this page)."""
    return sum(
        text_length(a)
        for a in heading.iter("a")
        if not away or not (a.get("href") or "#").strip().startswith("#")
    )


def is_list_of_sentences(items: HtmlElement) -> bool:
    """A list whose items read as text (long on average, mostly not links), not a menu."""
    entries = [li for li in items if li.tag == "li"]
    if len(entries) < 2:
        return False
    lengths = [text_length(li) for li in entries]
    total = sum(lengths)
    if total / len(entries) < MIN_SENTENCE_ITEM_CHARS:
        return False
    linked = sum(text_length(a) for a in items.iter("a"))
    return linked < 0.5 * total


def text_length(el: HtmlElement) -> int:
    """How many characters of text `el` holds, runs of white space counted as one."""
    return len(" ".join("".join(el.itertext()).split()))


MIN_SECTION_PROSE = 500  # characters of the body's own paragraphs beside a section's list
SECTION_HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def _is_section_list(items: HtmlElement) -> bool:
    """A list that is a whole section of the body: right after a heading, beside the body's
    own paragraphs (a "See also" list), not in a box of its own (a "Related" widget)."""
    before = items.getprevious()
    parent = items.getparent()
    if before is None or before.tag not in SECTION_HEADINGS or parent is None:
        return False
    return sum(text_length(p) for p in parent.iterchildren("p")) >= MIN_SECTION_PROSE
