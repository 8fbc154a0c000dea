"""Clean the converted blocks: what readability keeps but a reader does not need.

- the title repeated as a heading (or line) near the top, and the byline and date lines that
  the header already shows;
- image captions repeated word for word (slideshows), and short credit lines under a
  picture ("© Jane Roe", "Foto: dpa");
- "you may also like" runs of all-link lines, and "Read more: <link>" lines;
- lines with no words (image counters like "6" or "1 / 5") and lone boilerplate lines
  ("Advertisement"); a line drawn with characters ("* * *", "___") becomes a separator.
"""

from __future__ import annotations

import re

from reader.core.document import Block, Figure, Heading, Paragraph, Runs, Separator, runs_text
from reader.core.extract.metadata import BYLINE_PREFIX
from reader.core.extract.rules import enabled

HEAD_BLOCKS = 6  # how far from the top bylines, dates and repeated titles are looked for
MAX_META_WORDS = 16
_DATE_LINE = re.compile(
    r"^(?:(?:last\s+)?(?:updated|published|posted|modified|created)\b|"
    r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b|"
    r"\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}\b|"
    r"\d{4}-\d{2}-\d{2}\b)",
    re.I,
)
_BOILERPLATE = frozenset(
    (
        "advertisement",
        "advert",
        "ad",
        "sponsored",
        "close",
        "skip advertisement",
        "story continues below advertisement",
        "continue reading below",
        "article continues below",
        "scroll to continue with content",
    )
)
MAX_TEASER_CHARS = 200
MIN_TEASER_WORDS = 4
MIN_HEADLINE_WORDS = 5  # after "Read also:", a headline; a shorter rest is a credit or a source
_READ_MORE = re.compile(
    r"^\s*(?:read more|read also|also read|see more|see also|more on this|related|recommended|"
    r"watch|listen|don't miss)\b[^:\n]{0,25}:",
    re.I,
)
# A lead-in of one to ten words ending with a colon, maybe after an opening bracket.
_LABEL = re.compile(r"^\s*[\[(]?\s*(?:[^\s:]+\s+){0,9}[^\s:]+\s*:(?=\s)")
_RULE = re.compile(r"^\s*(?:[-_*=~\u2022\u00b7\u2014]\s*){3,}$")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_EDGE_PUNCTUATION = " .,:;!?|*-\u2013\u2014\u00b7\u2022"


def post_clean(blocks: list[Block], title: str, byline: str | None) -> list[Block]:
    """`blocks` without repeated titles, header lines, duplicates and boilerplate lines."""
    title_key = _key(title)
    byline_key = _key(byline or "")
    seen: set[str] = set()
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, Heading | Paragraph):
            text = runs_text(block.runs)
            key = _key(text)
            if _RULE.match(text):
                if kept and not isinstance(kept[-1], Separator):
                    kept.append(Separator())  # a drawn line ("* * *", "___") is a separator
                continue
            if _is_wordless(text) or key in _BOILERPLATE:
                continue
            if index < HEAD_BLOCKS and _is_header_line(key, title_key, byline_key):
                continue
            after_image = index > 0 and isinstance(blocks[index - 1], Figure)
            if after_image and enabled("credit_lines") and _is_credit_line(text):
                continue
            if isinstance(block, Paragraph) and after_image and len(key) > 20:
                if key in seen:
                    continue  # a slideshow repeating its caption
                seen.add(key)
        elif isinstance(block, Figure) and block.caption:
            key = _key(runs_text(block.caption))
            if len(key) > 20:
                if key in seen:
                    block.caption = []
                seen.add(key)
        kept.append(block)
    kept = _drop_teasers(kept)
    if enabled("closing_links"):
        kept = _drop_closing_links(kept)
    return _drop_empty_sections(kept) if enabled("drop_empty_sections") else kept


def _drop_closing_links(blocks: list[Block]) -> list[Block]:
    """Without the bare link lines that close the article after its last paragraph ("Back to
    the overview", a tag row, a pointer to a section): pointers away from the article, not
    text of it. A link line with prose after it is part of the body and stays."""
    end = len(blocks)
    while end > 1 and _is_bare_link_line(blocks[end - 1]):
        end -= 1
    return blocks[:end]


def _is_bare_link_line(block: Block) -> bool:
    """A short line (heading or paragraph) that is (nearly) all link."""
    return isinstance(block, Paragraph | Heading) and _is_short_link_line(block.runs)


def _is_short_link_line(runs: Runs) -> bool:
    """Whether `runs` are short (at most `MAX_TEASER_CHARS`) and nine tenths link."""
    total = sum(len(r.text.strip()) for r in runs)
    linked = sum(len(r.text.strip()) for r in runs if r.kind == "link")
    return 0 < total <= MAX_TEASER_CHARS and linked >= 0.9 * total


MAX_PSEUDO_HEADING_CHARS = 40


def _drop_empty_sections(blocks: list[Block]) -> list[Block]:
    """Without headings left with nothing under them (their list or video was clutter and is
    gone): a heading followed by a heading of the same or a higher level, or by nothing. A
    short line all in bold is a heading below all others, dropped only before a real heading
    or at the end (bold lines in a row are content: scores, names)."""
    levels = [_heading_level(b) for b in blocks]
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        level = levels[index]
        if level:
            following = next((lv for lv in levels[index + 1 :] if lv != 0), -1)
            if following == -1 or (following is not None and following <= min(level, 6)):
                continue  # nothing after it, or the next section starts at once
        kept.append(block)
    return kept


def _heading_level(block: Block) -> int | None:
    """1-6 for a heading, 7 for a short all-bold line, 0 for a separator, else None."""
    if isinstance(block, Heading):
        linked = all(r.kind == "link" or not r.text.strip() for r in block.runs)
        return None if linked else block.level  # a linked headline is a teaser, not a section
    if isinstance(block, Separator):
        return 0
    if isinstance(block, Paragraph) and block.runs:
        text = runs_text(block.runs).strip()
        strong = all(r.kind == "strong" or not r.text.strip() for r in block.runs)
        if strong and 0 < len(text) <= MAX_PSEUDO_HEADING_CHARS:
            return 7
    return None


def _drop_teasers(blocks: list[Block]) -> list[Block]:
    """Without runs of two or more short all-link paragraphs (a "You may also like" list) and
    their short lead-in, single all-link lines in capitals, and "Read more: <link>" lines."""
    teaser = [_is_link_paragraph(b) for b in blocks]
    doomed: set[int] = set()
    index = 0
    while index < len(blocks):
        if not teaser[index] or _is_shouted(blocks[index]):
            if teaser[index] or _is_read_more(blocks[index]):
                doomed.add(index)  # "GET THE APP BY CLICKING HERE", "Read more: ..."
            index += 1
            continue
        end = index
        while end < len(blocks) and teaser[end]:
            end += 1
        if end - index >= 2:
            doomed.update(range(index, end))
            if index > 0 and _is_lead_in(blocks[index - 1]):
                doomed.add(index - 1)
        elif _is_read_more(blocks[index]):
            doomed.add(index)  # "Read more: <headline>" with a short lead-in: nearly all link
        index = end
    return [b for i, b in enumerate(blocks) if i not in doomed]


def _is_link_paragraph(block: Block) -> bool:
    if not isinstance(block, Paragraph) or not _is_short_link_line(block.runs):
        return False
    return len(runs_text(block.runs).split()) >= MIN_TEASER_WORDS  # a headline, not "Next"


def _is_shouted(block: Block) -> bool:
    """A line in capitals: linked, it is a call to action or a promoted headline."""
    return isinstance(block, Paragraph) and runs_text(block.runs).isupper()


def _is_lead_in(block: Block) -> bool:
    """A short line introducing a list of links ("You may also like...", "Related:")."""
    if not isinstance(block, Paragraph | Heading):
        return False
    text = runs_text(block.runs).strip()
    return len(text.split()) <= 6 and (
        isinstance(block, Heading) or text.endswith((":", "...", "\u2026"))
    )


def _is_read_more(block: Block) -> bool:
    """ "Read more: <a linked headline>" and the like, in any language: a short lead-in
    ending with a colon, then (nearly) nothing but a link."""
    if not isinstance(block, Paragraph):
        return False
    text = runs_text(block.runs)
    match = _READ_MORE.match(text)
    if match is None and enabled("label_colon_link"):
        match = _LABEL.match(text)
        lead_linked = match is not None and _linked_within(block, match.end())
        if lead_linked or len(text[match.end() if match else 0 :].split()) < MIN_HEADLINE_WORDS:
            match = None  # a linked headline with a colon, or a short credit ("Artist: X")
    if match is None:
        return False
    rest = sum(len(r.text.strip()) for r in block.runs) - len(match.group().strip())
    linked = sum(len(r.text.strip()) for r in block.runs if r.kind == "link")
    return rest > 0 and linked >= 0.8 * rest


def _linked_within(block: Paragraph, end: int) -> bool:
    """Whether any of the first `end` characters of the paragraph are in a link."""
    position = 0
    for run in block.runs:
        if position >= end:
            return False
        if run.kind == "link" and run.text[: end - position].strip():
            return True
        position += len(run.text)
    return False


def _is_header_line(key: str, title_key: str, byline_key: str) -> bool:
    """The title again, the byline (as in the header, or after a prefix that `BYLINE_PREFIX`
    reads: "By Jane Doe", "Written by Jane Doe"), or a dateline ("Updated 5:27 am ...")."""
    if title_key and key == title_key:
        return True
    if len(key.split()) > MAX_META_WORDS:
        return False
    if byline_key:
        for named in (key, BYLINE_PREFIX.sub("", key, count=1)):
            if named.startswith(byline_key):
                # "Jane Doe" or "Written by Jane Doe" alone, or followed by its dateline
                # ("By Jane Doe, 5 May 2024")
                rest = _key(named[len(byline_key) :])
                return not rest or _DATE_LINE.match(rest) is not None
    return _DATE_LINE.match(key) is not None


MAX_CREDIT_WORDS = 8
# "© Jane Roe", "Photo: AP", "Foto: dpa", "Bild: Werk", "Image credit: NASA", "Crédit : AFP".
_CREDIT_LINE = re.compile(
    r"^\W*(?:©|\(c\)|(?:photos?|fotos?|fotó|foto\(s\)|bild(?:er)?|image|credits?|crédits?|"
    r"zdjęcie|фото|imagen|immagine|afbeelding)\b[^:]{0,12}:)",
    re.I,
)


def _is_credit_line(text: str) -> bool:
    """A short line under a picture saying who took or owns it."""
    return len(text.split()) <= MAX_CREDIT_WORDS and _CREDIT_LINE.match(text) is not None


def _is_wordless(text: str) -> bool:
    """No letters and at most a short number: an image counter, a page number, a bullet."""
    return _LETTER.search(text) is None and len(_DIGIT.findall(text)) <= 3


def _key(text: str) -> str:
    """Text folded for comparison: lower case, single spaces, no edge punctuation."""
    return " ".join(text.split()).casefold().strip(_EDGE_PUNCTUATION)
