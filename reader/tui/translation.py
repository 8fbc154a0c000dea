"""Offline translation in the full-screen reader, the part without Textual: a job the worker
fills in, and what to show for it in each view.

Views: translation, interleaved (each block followed by its translation), original, and side
by side (the original in the main column, the translation in a second column, kept at the
same block). The widget that runs the work is `reader.tui.widgets.translation_bar`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from reader.core.document import Article, Block
from reader.core.errors import ReaderError
from reader.core.formats.plain import translation_label
from reader.core.i18n import N_
from reader.core.storage.settings import TranslationView
from reader.tui.big_layout import LargeLine
from reader.tui.layout import BlockLayout, Line

VIEW_LABELS: dict[TranslationView, str] = {
    "translation": N_("Translation only"),
    "interleaved": N_("Interleaved: each paragraph, then its translation"),
    "side-by-side": N_("Side by side: two columns"),
    "original": N_("Original only"),
}
CYCLED_VIEWS: tuple[TranslationView, ...] = ("translation", "interleaved", "side-by-side")
"""The views the `O` key steps through."""


@dataclass
class TranslationJob:
    """One article being translated into one language; filled in by the worker thread."""

    number: int
    article: Article
    target: str
    blocks: list[Block | None] = field(default_factory=list)
    title: str | None = None
    source: str | None = None
    note: str = ""
    done: int = 0
    finished: bool = False
    error: ReaderError | None = None

    @property
    def total(self) -> int:
        return len(self.article.blocks)

    def translated_blocks(self) -> list[Block]:
        """Translated blocks so far, the original where a block is not translated yet."""
        pairs = zip(self.blocks, self.article.blocks, strict=True)
        return [t if t is not None else o for t, o in pairs]


@dataclass(frozen=True, slots=True)
class Displayed:
    """What the reader shows for a translation: `main` in the article column, `column` beside
    it (side by side) or None, and `mapping` (main block index -> original block index)."""

    main: Article
    column: Article | None
    mapping: list[int]


def displayed(
    original: Article, job: TranslationJob | None, view: TranslationView, showing_original: bool
) -> Displayed:
    """The articles to show for `original`, translated so far by `job`, in `view`."""
    identity = list(range(len(original.blocks)))
    if job is None or showing_original or view == "original" or job.done == 0:
        return Displayed(original, None, identity)
    from reader.core.translate.article import compose

    blocks = job.translated_blocks()
    title, target = job.title, job.target
    note = job.note if job.finished else None
    if view == "side-by-side":
        column = compose(original, blocks, "translation", title=title, target=target)
        return Displayed(original, column, identity)
    shown = compose(original, blocks, view, title=title, target=target, note=note)
    if view == "translation":
        return Displayed(shown, None, identity)
    mapping: list[int] = []
    for index, (o, t) in enumerate(zip(original.blocks, blocks, strict=True)):
        mapping += [index] if o == t else [index, index]
    return Displayed(shown, None, mapping)


def moved_position(
    position: tuple[int, int],
    old: Article,
    old_mapping: list[int],
    new: Displayed,
) -> tuple[int, int]:
    """`position` in `old` (shown with `old_mapping`) as a position in `new.main`: the same
    original block, and the same offset when that block's text is unchanged."""
    block, offset = position
    original_index = old_mapping[block] if block < len(old_mapping) else 0
    new_block = new.mapping.index(original_index) if original_index in new.mapping else 0
    same = (
        block < len(old.blocks)
        and new_block < len(new.main.blocks)
        and old.blocks[block] == new.main.blocks[new_block]
    )
    return (new_block, offset if same else 0)


TRANSLATION_BAR = "┆ "


def translation_lines(layout: BlockLayout, block: Block, index: int, width: int) -> list[Line]:
    """Block `index`, a translation of the block before it (interleaved), marked in words and
    shape, not colour alone: a "Translation:" label line, then its lines behind a dashed bar,
    in the translation style (italic)."""
    label = Line(index, 0, ((translation_label(), "translation-label"),))
    bar = len(TRANSLATION_BAR)
    lines: list[Line] = [label]
    for line in layout.block_lines(block, index, max(1, width - bar)):
        if not line.spans:
            lines.append(line)
        elif isinstance(line, LargeLine):  # large text: its columns map to find matches
            lines.append(dataclasses.replace(line, spans=_marked(line.spans)))
        else:
            spans = ((TRANSLATION_BAR, "translation-bar"), *_marked(line.spans))
            lines.append(dataclasses.replace(line, spans=spans))
    return lines


def _marked(spans: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    return tuple((text, f"{keys} translation".strip()) for text, keys in spans)
