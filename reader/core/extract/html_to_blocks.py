"""Convert an lxml element tree into the typed blocks of an `Article`.

One walker handles block and inline content: inline text accumulates in a `RunBuilder`,
and every block element flushes it into a paragraph first. Nesting deeper than `MAX_DEPTH`
is read as flat text, so hostile pages cannot exhaust the Python stack.
"""

from __future__ import annotations

import re
import time

from lxml.html import HtmlElement

from reader.core.document import (
    Block,
    Code,
    Figure,
    Heading,
    Inline,
    InlineKind,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Runs,
    Separator,
    Table,
    fitted_spans,
)
from reader.core.extract.html_tree import absolute_url
from reader.core.extract.inline_runs import RunBuilder
from reader.core.safe_text import clean, clean_line

MAX_DEPTH = 120
KEPT_ID = "data-reader-id"
"""Where cleaning keeps an id it takes from readability's sight (an anchor all the same)."""


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


SKIP_TAGS = _tags(
    "script style noscript template svg iframe object embed head title meta link base "
    "button input select option optgroup textarea canvas audio video source track map "
    "area dialog param"
)
CHROME_TAGS = _tags("nav header footer aside form menu")
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
CONTAINERS = _tags(
    "div section article main body html center hgroup address fieldset details dl legend "
    "tbody thead tfoot tr td th noscript nav header footer aside form menu"
)
RUN_BLOCKS = _tags("p dt dd summary caption figcaption")
INLINE_KINDS: dict[str, InlineKind] = {
    "em": "emphasis",
    "i": "emphasis",
    "cite": "emphasis",
    "dfn": "emphasis",
    "var": "emphasis",
    "strong": "strong",
    "b": "strong",
    "code": "code",
    "kbd": "code",
    "samp": "code",
    "tt": "code",
}
_KIND_RANK = {"text": 0, "emphasis": 1, "strong": 2, "code": 3, "link": 4}
_LANGUAGE = re.compile(r"(?:^|\s)(?:lang(?:uage)?-)([\w+#-]+)")
_WORD_CHAR = re.compile(r"\w")
_BLOCKISH = _tags("p div section article ul ol dl pre blockquote table h1 h2 h3 h4 h5 h6 figure hr")
# ^ ↑ ⇑ ↩: the mark before the links from a note back to where it is cited
_BACK_MARK = re.compile(r"\s*[\^\u2191\u21d1\u21a9]\ufe0e?\s*")
_PHRASING = frozenset(INLINE_KINDS) | _tags("a span font small sub sup u abbr mark q")
_LEADING_NUMBER = re.compile(r"\s*(\d+)")  # an HTML non-negative integer, as browsers read it
# A word (or a comma) then collapsible whitespace: text cut off mid-sentence before an element.
# A no-break space at the end is the author's, not a cut.
_CUT_MID_SENTENCE = re.compile(r"[\w,][ \t\n\r\f]+\Z")


class AnchoredBlocks(list[Block]):
    """Converted blocks and their `anchors`: element id (or `<a name>`) -> the index of the
    block it starts or sits in (an empty element: the block after it), for `#fragment` links."""

    anchors: dict[str, int]


class BlockConverter:
    """Turns elements into blocks. `skip_chrome` (the page's main text) also drops
    nav/header/footer/aside/form and what is hidden from screen readers (aria-hidden)."""

    def __init__(
        self, base: str, *, skip_chrome: bool = False, deadline: float | None = None
    ) -> None:
        """`deadline`: seconds the conversion may take; past them it stops where it is,
        keeping what it converted, and sets `out_of_time`."""
        self.base = base
        self.skip = SKIP_TAGS | CHROME_TAGS if skip_chrome else SKIP_TAGS
        self.main_text_only = skip_chrome
        self._top: list[Block] = []
        self._anchors: dict[str, int] = {}
        # Elements the walk passes over: read already (a paragraph read as the end of the
        # one before it) or elsewhere (a figure's caption).
        self._read: set[HtmlElement] = set()
        self._end = None if deadline is None else time.monotonic() + deadline
        self._ticks = 0
        self.out_of_time = False

    def convert(self, element: HtmlElement) -> AnchoredBlocks:
        """The blocks of `element` and everything inside it (its tail excluded)."""
        out = self._top = AnchoredBlocks()
        self._anchors = out.anchors = {}
        runs = RunBuilder()
        self._anchor(element)
        self._block(element, out, runs, "text", None, 0)
        self._flush(out, runs)
        return out

    def _anchor(self, el: HtmlElement) -> None:
        """Remember where `el`'s id and name lead: the top-level block being built."""
        names = (el.get("id"), el.get(KEPT_ID), el.get("name") if el.tag == "a" else None)
        for name in names:
            if name:
                self._anchors.setdefault(name, len(self._top))

    # -- the walker -------------------------------------------------------------------

    def _children(
        self,
        element: HtmlElement,
        out: list[Block],
        runs: RunBuilder,
        kind: InlineKind,
        url: str | None,
        depth: int,
    ) -> None:
        if self._time_is_up():
            return
        runs.add(element.text, kind, url)
        for child in element:
            if isinstance(child.tag, str):
                self._node(child, out, runs, kind, url, depth + 1)
            runs.add(child.tail, kind, url)

    def _node(
        self,
        el: HtmlElement,
        out: list[Block],
        runs: RunBuilder,
        kind: InlineKind,
        url: str | None,
        depth: int,
    ) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in self.skip or el.get("hidden") is not None or el in self._read:
            return
        if self.main_text_only and el.get("aria-hidden") == "true":
            return
        if depth > MAX_DEPTH:
            runs.add(" ".join(el.itertext()), kind, url)
            return
        if out is self._top and tag in _BLOCK_HANDLERS and tag not in INLINE_KINDS:
            self._flush(out, runs)  # a top-level block starts here: its index is len(out)
        self._anchor(el)
        if tag == "br":
            if runs.ends_with_break():
                self._flush(out, runs)  # two line breaks in a row start a new paragraph
            else:
                runs.line_break()
            return
        if tag == "img":
            self._image(el, out, runs, kind, url)
            return
        inline_kind = INLINE_KINDS.get(tag)
        if tag == "a":
            raw = (el.get("href") or "").strip()
            if raw.startswith("#") and len(raw) > 1:
                label = "".join(el.itertext()).strip()
                if not _WORD_CHAR.search(label):
                    return  # a back-link ("^", "↑") from a note to where it is cited
            href = absolute_url(raw, self.base)
            if href:
                inline_kind = "link"
                url = href
        if inline_kind is not None or tag not in _BLOCK_HANDLERS:
            if inline_kind is not None and _KIND_RANK[inline_kind] > _KIND_RANK[kind]:
                kind = inline_kind
            if tag == "a" and inline_kind == "link":
                kind = "link"
            self._children(el, out, runs, kind, url, depth)
            return
        self._flush(out, runs)
        self._block(el, out, runs, "text", None, depth)

    def _block(
        self,
        el: HtmlElement,
        out: list[Block],
        runs: RunBuilder,
        kind: InlineKind,
        url: str | None,
        depth: int,
    ) -> None:
        handler = _BLOCK_HANDLERS.get(el.tag.lower() if isinstance(el.tag, str) else "")
        if handler is None:
            self._children(el, out, runs, kind, url, depth)
        else:
            handler(self, el, out, depth)

    def _time_is_up(self) -> bool:
        """True once the deadline has passed (the clock is read every 256 elements)."""
        if self._end is not None and not self.out_of_time:
            self._ticks += 1
            if self._ticks % 256 == 0 and time.monotonic() > self._end:
                self.out_of_time = True
        return self.out_of_time

    @staticmethod
    def _flush(out: list[Block], runs: RunBuilder) -> None:
        if runs.has_text():
            paragraph = runs.finish()
            if paragraph:
                out.append(Paragraph(paragraph))
        else:
            runs.clear()

    # -- block handlers ---------------------------------------------------------------

    def _container(self, el: HtmlElement, out: list[Block], depth: int) -> None:
        runs = RunBuilder()
        self._children(el, out, runs, "text", None, depth)
        self._flush(out, runs)

    def _runs_of(self, el: HtmlElement, depth: int, kind: InlineKind = "text") -> Runs:
        """The inline runs of `el`; nested blocks are read as inline text separated by spaces."""
        inner: list[Block] = []
        runs = RunBuilder()
        self._children(el, inner, runs, kind, None, depth)
        self._flush(inner, runs)
        return _merge_runs(inner)

    def _paragraph(self, el: HtmlElement, out: list[Block], depth: int) -> None:
        runs = RunBuilder()
        kind: InlineKind = "strong" if el.tag == "dt" else "text"
        self._children(el, out, runs, kind, None, depth)
        follower = _continuation(el)
        if follower is not None:
            self._read.add(follower)
            self._anchor(follower)
            self._children(follower, out, runs, kind, None, depth)
        self._flush(out, runs)

    def _heading(self, el: HtmlElement, out: list[Block], depth: int) -> None:
        runs = self._runs_of(el, depth)
        if runs:
            out.append(Heading(HEADINGS[el.tag.lower()], runs))

    def _list(self, el: HtmlElement, out: list[Block], depth: int) -> None:
        if _is_indented_text(el):
            self._container(el, out, depth)
            return
        block = self._list_block(el, depth)
        if block.items:
            out.append(block)

    def _list_block(self, el: HtmlElement, depth: int) -> ListBlock:
        ordered = el.tag.lower() == "ol"
        try:
            start = int(el.get("start", "1"))
        except ValueError:
            start = 1
        items: list[ListItem] = []
        for child in el:
            if self.out_of_time:
                break
            if not isinstance(child.tag, str) or child.tag in self.skip:
                continue
            self._anchor(child)
            item = self._list_item(child, depth + 1)
            if item.runs or item.children:
                items.append(item)
        return ListBlock(ordered=ordered, items=items, start=start)

    def _list_item(self, el: HtmlElement, depth: int) -> ListItem:
        inner: list[Block] = []
        runs = RunBuilder()
        self._children(el, inner, runs, "text", None, depth)
        self._flush(inner, runs)
        children = [b for b in inner if isinstance(b, ListBlock)]
        merged = _merge_runs([b for b in inner if not isinstance(b, ListBlock)])
        return ListItem(_without_back_links(merged, self.base), children)

    def _quote(self, el: HtmlElement, out: list[Block], depth: int) -> None:
        inner: list[Block] = []
        self._container(el, inner, depth)
        if inner:
            cite = absolute_url(el.get("cite"), self.base)
            out.append(Quote(inner, clean_line(cite) if cite else None))

    def _pre(self, el: HtmlElement, out: list[Block], depth: int) -> None:
        text = clean(_preformatted_text(el))
        if text.startswith("\n"):
            text = text[1:]  # HTML drops one newline right after <pre>
        text = text.rstrip()
        if text.strip():
            out.append(Code(text, _code_language(el)))

    def _figure(self, el: HtmlElement, out: list[Block], depth: int) -> None:
        images = [img for img in el.iter("img") if _image_src(img)]
        blocks = el.iter("table", "pre", "blockquote", "p")
        texts = [b for b in blocks if not _is_blank(b) and not _in_caption(b, el)]
        cap = next(el.iter("figcaption"), None)
        if not images or (texts and (cap is None or not _are_labels(texts))):
            self._container(el, out, depth)
            return
        caption = [] if cap is None else self._runs_of(cap, depth + 1)
        if texts:  # a label beside the image ("Image"): kept, the caption still on the image
            self._read.add(cap)
            inner: list[Block] = []
            self._container(el, inner, depth)
            self._read.discard(cap)
            image = next((b for b in reversed(inner) if isinstance(b, Figure)), None)
            if image is not None:
                image.caption = caption
            elif caption:
                inner.append(Paragraph(caption))
            out.extend(inner)
            return
        for i, img in enumerate(images):
            src = absolute_url(_image_src(img), self.base)
            out.append(
                Figure(
                    clean_line(img.get("alt") or ""),
                    caption if i == len(images) - 1 else [],
                    clean_line(src) if src else None,
                )
            )

    def _image(
        self,
        el: HtmlElement,
        out: list[Block],
        runs: RunBuilder,
        kind: InlineKind,
        url: str | None,
    ) -> None:
        alt = el.get("alt") or el.get("title") or ""
        if _is_tiny(el):
            runs.add(alt, kind, url)  # icons and emoji read as their alt text, inline
            return
        src = absolute_url(_image_src(el), self.base)
        if not src and not alt.strip():
            return
        self._flush(out, runs)
        out.append(Figure(clean_line(alt), [], clean_line(src) if src else None))

    def _table(self, el: HtmlElement, out: list[Block], depth: int) -> None:
        rows = table_rows(el)
        if not is_data_table(el, rows):
            for row in rows:
                for cell in row:
                    self._anchor(cell)
                    self._container(cell, out, depth + 2)
            return
        for row in rows:
            for node in (row[0].getparent(), *row):
                self._anchor(node)
        header: list[Runs] = []
        body: list[list[Runs]] = []
        wanted: dict[tuple[int, int], int] = {}
        wanted_rows: dict[tuple[int, int], int] = {}
        last: list[int] = []  # for each source row, the last row of the table made up to it
        for i, row in enumerate(rows):
            if self.out_of_time:
                break
            cells = [self._runs_of(cell, depth + 2) or _image_text(cell) for cell in row]
            in_head = row[0].getparent() is not None and row[0].getparent().tag == "thead"
            if not header and i == 0 and (in_head or all(c.tag == "th" for c in row)):
                header = cells
                at = 0
            elif any(cells):
                body.append(cells)
                at = len(body)
            else:
                last.append(len(body))  # a row of empty cells is left out
                continue
            last.append(at)
            for c, cell in enumerate(row):
                if (span := _span(cell, "colspan", MAX_COLSPAN)) > 1:
                    wanted[(at, c)] = span
                if (span := _span(cell, "rowspan", MAX_ROWSPAN)) > 1:
                    wanted_rows[(at, c)] = i + span  # the source row it stops before
        for (at, c), stop in wanted_rows.items():  # the rows kept among those it covers
            wanted_rows[(at, c)] = last[min(stop, len(last)) - 1] - at + 1
        caption: Runs = []
        for cap in el.iterchildren("caption"):
            caption = self._runs_of(cap, depth + 1)
        if header or body:
            spans, row_spans = fitted_spans(header, body, wanted, wanted_rows)
            out.append(Table(header, body, caption, spans, row_spans))

    def _separator(self, el: HtmlElement, out: list[Block], depth: int) -> None:
        if out and not isinstance(out[-1], Separator):
            out.append(Separator())


_BLOCK_HANDLERS = {
    **dict.fromkeys(CONTAINERS, BlockConverter._container),
    **dict.fromkeys(RUN_BLOCKS, BlockConverter._paragraph),
    **dict.fromkeys(HEADINGS, BlockConverter._heading),
    "ul": BlockConverter._list,
    "ol": BlockConverter._list,
    "blockquote": BlockConverter._quote,
    "pre": BlockConverter._pre,
    "listing": BlockConverter._pre,
    "xmp": BlockConverter._pre,
    "figure": BlockConverter._figure,
    "table": BlockConverter._table,
    "hr": BlockConverter._separator,
    "li": BlockConverter._container,
}


def _merge_runs(blocks: list[Block]) -> Runs:
    """The runs of several paragraphs (or other blocks) read as one line of text."""
    merged: Runs = []
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            part = block.runs
        elif isinstance(block, Code):
            part = [_code_run(block.text)]
        elif isinstance(block, Quote):
            part = _merge_runs(block.blocks)
        elif isinstance(block, Figure):
            part = list(block.caption)
        elif isinstance(block, ListBlock):
            part = _list_runs(block)
        else:
            continue
        if not part:
            continue
        if merged:
            merged[-1].text = merged[-1].text.rstrip(" ")
            part = [*part]
            part[0].text = " " + part[0].text.lstrip(" ")
        merged.extend(part)
    return merged


def _continuation(p: HtmlElement) -> HtmlElement | None:
    """The paragraph that `p` runs on into, or None. Readability turns a box's text into
    paragraphs and cuts it where an inline element follows a block inside the box
    (`<div><div></div>Photo by <a>…</a> …</div>` becomes `<p>Photo by </p><p><a>…</a> …</p>`):
    a bare paragraph of text ending mid-sentence, and a bare one starting with an inline
    element right after it, are one paragraph."""
    if p.tag != "p" or p.attrib or len(p) or (p.tail or "").strip():
        return None
    if not _CUT_MID_SENTENCE.search(p.text or ""):
        return None
    follower = p.getnext()
    if follower is None or follower.tag != "p" or follower.attrib or (follower.text or "").strip():
        return None
    first = next(iter(follower), None)
    return follower if first is not None and first.tag in _PHRASING else None


def _is_indented_text(el: HtmlElement) -> bool:
    """A list with text of its own and no items: old pages indent a passage with a bare
    `<ul>`, which browsers show as an indented paragraph (its items alone would lose it)."""
    if next(el.iterchildren("li"), None) is not None:
        return False
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def _without_back_links(runs: Runs, base: str) -> Runs:
    """A note's runs without the marks that lead back to where it is cited: a "^" and links
    within the page labelled a letter or two (`^ a b` before a reference cited twice)."""
    if not runs or not _BACK_MARK.fullmatch(runs[0].text):
        return runs
    page = base.partition("#")[0]
    end = 1
    links = 0
    for run in runs[1:]:
        url, _hash, fragment = (run.url or "").partition("#")
        if run.kind == "link" and url == page and fragment and len(run.text.strip()) <= 2:
            links += 1
        elif run.text.strip(" ,"):
            break
        end += 1
    if not links:
        return runs
    rest = runs[end:]
    if rest:
        rest[0].text = rest[0].text.lstrip(" ,")
    return rest


def _image_text(cell: HtmlElement) -> Runs:
    """What the images of an otherwise empty table cell say (a check mark's "Yes")."""
    words = [clean_line(img.get("alt") or img.get("title") or "") for img in cell.iter("img")]
    text = " ".join(w for w in words if w)
    return [Inline(text)] if text else []


def _list_runs(block: ListBlock) -> Runs:
    """A list read as one line: its items separated by commas (a list inside a table cell)."""
    merged: Runs = []
    for item in block.items:
        part = _merge_runs([Paragraph([Inline(r.text, r.kind, r.url) for r in item.runs])])
        if part:
            if merged:
                merged.append(Inline(", "))
            merged.extend(part)
    return merged


def _code_run(text: str) -> Inline:
    return Inline(" ".join(text.split()), "code")


def _preformatted_text(el: HtmlElement) -> str:
    """The text of a `<pre>` with its whitespace kept and `<br>` read as a newline."""
    parts: list[str] = []
    if el.text:
        parts.append(el.text)
    for child in el.iterdescendants():
        if not isinstance(child.tag, str):
            if child.tail:
                parts.append(child.tail)
            continue
        if child.tag == "br":
            parts.append("\n")
        elif child.text and child.tag not in SKIP_TAGS:
            parts.append(child.text)
        if child.tail:
            parts.append(child.tail)
    return "".join(parts)


def _code_language(el: HtmlElement) -> str | None:
    for node in (el, *el.iterchildren("code")):
        match = _LANGUAGE.search(node.get("class") or "")
        if match:
            return clean_line(match.group(1)) or None
    return None


def _image_src(img: HtmlElement) -> str | None:
    for attr in ("src", "data-src", "data-original", "data-lazy-src"):
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return value
    srcset = (img.get("srcset") or img.get("data-srcset") or "").strip()
    if srcset:
        return srcset.split(",")[0].split()[0]
    return None


def _is_blank(el: HtmlElement) -> bool:
    """No text at all (readability turns an image's empty wrapper divs into paragraphs)."""
    return not "".join(el.itertext()).strip()


def _are_labels(paragraphs: list[HtmlElement]) -> bool:
    """Paragraphs short enough together to be an image's label or credit, not text."""
    words = " ".join(" ".join(p.itertext()) for p in paragraphs).split()
    return all(p.tag == "p" for p in paragraphs) and len(" ".join(words)) <= 30


def _in_caption(node: HtmlElement, figure: HtmlElement) -> bool:
    """Whether `node` lies in a `<figcaption>` of `figure` (paragraphs of a caption)."""
    for ancestor in node.iterancestors():
        if ancestor is figure:
            return False
        if ancestor.tag == "figcaption":
            return True
    return False


def _is_tiny(img: HtmlElement) -> bool:
    """Icons, emoji and tracking pixels: images declared at most 48 pixels wide or tall."""
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= 48:
            return True
    return False


MAX_COLSPAN = 1000  # the largest colspan and rowspan browsers honour
MAX_ROWSPAN = 65534


def _span(cell: HtmlElement, attribute: str, largest: int) -> int:
    """The columns (`colspan`) or rows (`rowspan`) a table cell covers: leading digits, as
    browsers read them, at most `largest` as they allow; 1 when absent or not a number."""
    found = _LEADING_NUMBER.match(cell.get(attribute) or "")
    digits = found.group(1).lstrip("0") if found else ""
    return min(int(digits[:5]), largest) if digits else 1


def table_rows(table: HtmlElement) -> list[list[HtmlElement]]:
    """The rows of `table` (not of tables nested in it), each a list of its cells."""
    rows: list[list[HtmlElement]] = []
    for child in table:
        if child.tag in ("thead", "tbody", "tfoot"):
            candidates = [r for r in child if r.tag == "tr"]
        elif child.tag == "tr":
            candidates = [child]
        else:
            continue
        for row in candidates:
            cells = [c for c in row if c.tag in ("td", "th")]
            if cells:
                rows.append(cells)
    return rows


def is_data_table(table: HtmlElement, rows: list[list[HtmlElement]]) -> bool:
    """A table of data rather than of page layout, by the signals Readability.js weighs: its
    role, a caption or summary, header cells, nested tables, then its size; a small table
    without those signals whose cells hold paragraphs, lists or boxes is layout."""
    if not rows or max(len(row) for row in rows) == 1:
        return False
    role = (table.get("role") or "").strip().lower()
    if role in ("presentation", "none"):
        return False
    if role in ("table", "grid", "treegrid") or table.get("summary"):
        return True
    if next(table.iterchildren("caption", "thead", "tfoot", "colgroup"), None) is not None:
        return True
    if next(table.iterdescendants("table"), None) is not None:
        return False
    if any(cell.tag == "th" for row in rows for cell in row):
        return True
    columns = max(len(row) for row in rows)
    if len(rows) >= 10 or columns > 4 or len(rows) * columns > 10:
        return True
    return not any(node.tag in _BLOCKISH for row in rows for c in row for node in c.iter())
