"""The whole Article as JSON, and back: metadata, typed blocks, inline runs with link numbers.

The schema is documented in the README ("Output formats"). Keys come in a fixed order so the
output is stable; every string goes through `safe_text.clean` both ways, so a hand-edited or
tampered file (a cache, say) cannot smuggle control sequences into a renderer.
"""

from __future__ import annotations

import json
from typing import Any, cast

from reader.core.document import (
    Article,
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
from reader.core.errors import ContentError
from reader.core.formats.links import with_linear_links
from reader.core.i18n import _
from reader.core.safe_text import clean

SCHEMA_VERSION = 1
INLINE_KINDS: tuple[InlineKind, ...] = ("text", "emphasis", "strong", "code", "link")
_META_KEYS = ("byline", "site_name", "published", "language", "description", "canonical_url", "url")


def render_json(article: Article) -> str:
    """`article` as pretty-printed JSON (UTF-8 text, not ASCII-escaped), ending with a newline."""
    return json.dumps(article_to_dict(article), ensure_ascii=False, indent=2) + "\n"


def article_to_dict(article: Article) -> dict[str, Any]:
    """A JSON-ready dict of the whole article, keys in schema order; links numbered as in the
    plain output (a link to a place in the article itself keeps its URL but has no number)."""
    article = with_linear_links(article)
    data: dict[str, Any] = {"schema": SCHEMA_VERSION, "title": clean(article.title)}
    for key in _META_KEYS:
        data[key] = _opt(getattr(article, key))
    data["word_count"] = article.word_count
    data["reading_minutes"] = article.reading_minutes
    data["notices"] = [clean(n) for n in article.notices]
    data["links"] = [clean(u) for u in article.links]
    data["blocks"] = [block_to_dict(b) for b in article.blocks]
    return data


def block_to_dict(block: Block) -> dict[str, Any]:
    """One block as a dict with `"kind"` first."""
    match block:
        case Heading(level=level, runs=runs):
            return {"kind": "heading", "level": level, "runs": runs_to_list(runs)}
        case Paragraph(runs=runs):
            return {"kind": "paragraph", "runs": runs_to_list(runs)}
        case ListBlock(ordered=ordered, items=items, start=start):
            return {
                "kind": "list",
                "ordered": ordered,
                "start": start,
                "items": [
                    {
                        "runs": runs_to_list(item.runs),
                        "children": [block_to_dict(c) for c in item.children],
                    }
                    for item in items
                ],
            }
        case Quote(blocks=inner, cite=cite):
            return {
                "kind": "quote",
                "cite": _opt(cite),
                "blocks": [block_to_dict(b) for b in inner],
            }
        case Code(text=text, language=language):
            return {"kind": "code", "language": _opt(language), "text": clean(text)}
        case Figure(alt=alt, caption=caption, src=src):
            return {
                "kind": "figure",
                "alt": clean(alt),
                "src": _opt(src),
                "caption": runs_to_list(caption),
            }
        case Table(header=header, rows=rows, caption=caption, spans=spans, row_spans=row_spans):
            table: dict[str, Any] = {
                "kind": "table",
                "caption": runs_to_list(caption),
                "header": [runs_to_list(cell) for cell in header],
                "rows": [[runs_to_list(cell) for cell in row] for row in rows],
            }
            if spans:  # only tables with a cell spanning columns carry them
                table["spans"] = [[r, c, n] for (r, c), n in sorted(spans.items())]
            if row_spans:  # only tables with a cell spanning rows carry them
                table["row_spans"] = [[r, c, n] for (r, c), n in sorted(row_spans.items())]
            return table
        case Separator():
            return {"kind": "separator"}
    raise TypeError(f"not a block: {block!r}")


def runs_to_list(runs: Runs) -> list[dict[str, Any]]:
    """Inline runs as dicts; only links carry `url` and `number`."""
    out: list[dict[str, Any]] = []
    for run in runs:
        item: dict[str, Any] = {"kind": run.kind, "text": clean(run.text)}
        if run.kind == "link":
            item["url"] = _opt(run.url)
            item["number"] = run.number
        out.append(item)
    return out


def _opt(value: str | None) -> str | None:
    return None if value is None else clean(value)


# -- reading it back ------------------------------------------------------------------------


def article_from_json(text: str) -> Article:
    """Parse `render_json` output back into an Article (ContentError when it is not one)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ContentError(_("not valid JSON"), f"{error}") from None
    return article_from_dict(data)


def article_from_dict(data: Any) -> Article:
    """Rebuild an Article from `article_to_dict` output, validating every field.

    Raises ContentError with a one-line message naming the bad field; strings are sanitised.
    """
    obj = _mapping(data, "article")
    if obj.get("schema", SCHEMA_VERSION) != SCHEMA_VERSION:
        raise ContentError(
            _("unsupported article schema {schema!r}").format(schema=obj.get("schema")),
            _("this reader reads schema {schema}").format(schema=SCHEMA_VERSION),
        )
    try:
        article = Article(
            title=_str(obj.get("title", ""), "title"),
            blocks=[
                _block(b, f"blocks[{i}]")
                for i, b in enumerate(_list(obj.get("blocks", []), "blocks"))
            ],
            notices=[_str(n, "notices") for n in _list(obj.get("notices", []), "notices")],
            links=[_str(u, "links") for u in _list(obj.get("links", []), "links")],
        )
    except RecursionError:
        raise ContentError(
            _("article JSON is nested too deeply"), _("is this a reader article?")
        ) from None
    for key in _META_KEYS:
        setattr(article, key, _opt_str(obj.get(key), key))
    return article


def _block(data: Any, where: str) -> Block:
    obj = _mapping(data, where)
    kind = obj.get("kind")
    match kind:
        case "heading":
            level = _int(obj.get("level", 1), f"{where}.level")
            return Heading(level=min(max(level, 1), 6), runs=_runs(obj.get("runs", []), where))
        case "paragraph":
            return Paragraph(runs=_runs(obj.get("runs", []), where))
        case "list":
            return _list_block(obj, where)
        case "quote":
            inner = _list(obj.get("blocks", []), f"{where}.blocks")
            return Quote(
                blocks=[_block(b, f"{where}.blocks[{i}]") for i, b in enumerate(inner)],
                cite=_opt_str(obj.get("cite"), f"{where}.cite"),
            )
        case "code":
            return Code(
                text=_str(obj.get("text", ""), f"{where}.text"),
                language=_opt_str(obj.get("language"), f"{where}.language"),
            )
        case "figure":
            return Figure(
                alt=_str(obj.get("alt", ""), f"{where}.alt"),
                caption=_runs(obj.get("caption", []), f"{where}.caption"),
                src=_opt_str(obj.get("src"), f"{where}.src"),
            )
        case "table":
            header = _list(obj.get("header", []), f"{where}.header")
            rows = _list(obj.get("rows", []), f"{where}.rows")
            cells = [_runs(c, f"{where}.header") for c in header]
            body = [[_runs(c, f"{where}.rows") for c in _list(r, f"{where}.rows")] for r in rows]
            spans, row_spans = fitted_spans(
                cells,
                body,
                _spans(obj.get("spans", []), f"{where}.spans"),
                _spans(obj.get("row_spans", []), f"{where}.row_spans"),
            )
            caption = _runs(obj.get("caption", []), f"{where}.caption")
            return Table(cells, body, caption, spans, row_spans)
        case "separator":
            return Separator()
    raise ContentError(
        _("unknown block kind {kind!r} at {where}").format(kind=kind, where=where),
        _("is this a reader article?"),
    )


def _list_block(obj: dict[str, Any], where: str) -> ListBlock:
    items: list[ListItem] = []
    for i, raw in enumerate(_list(obj.get("items", []), f"{where}.items")):
        item = _mapping(raw, f"{where}.items[{i}]")
        children = []
        for j, child in enumerate(_list(item.get("children", []), f"{where}.items[{i}].children")):
            block = _block(child, f"{where}.items[{i}].children[{j}]")
            if not isinstance(block, ListBlock):
                raise ContentError(
                    _("a list item child at {where} is not a list").format(where=where),
                    _("fix the file"),
                )
            children.append(block)
        items.append(
            ListItem(runs=_runs(item.get("runs", []), f"{where}.items[{i}]"), children=children)
        )
    return ListBlock(
        ordered=bool(obj.get("ordered", False)),
        items=items,
        start=_int(obj.get("start", 1), f"{where}.start"),
    )


def _spans(data: Any, where: str) -> dict[tuple[int, int], int]:
    """A table's `spans` or `row_spans`: `[row, cell, columns or rows]` triples (checked against
    the table by `fitted_spans`, so a tampered file cannot widen or lengthen it)."""
    spans: dict[tuple[int, int], int] = {}
    for i, raw in enumerate(_list(data, where)):
        triple = [_int(n, f"{where}[{i}]") for n in _list(raw, f"{where}[{i}]")]
        if len(triple) != 3:
            if where.endswith("row_spans"):
                problem = _("expected [row, cell, rows] at {where}")
            else:
                problem = _("expected [row, cell, columns] at {where}")
            raise ContentError(
                problem.format(where=f"{where}[{i}]"), _("is this a reader article?")
            )
        spans[(triple[0], triple[1])] = triple[2]
    return spans


def _runs(data: Any, where: str) -> Runs:
    runs: Runs = []
    for i, raw in enumerate(_list(data, f"{where}.runs")):
        obj = _mapping(raw, f"{where}.runs[{i}]")
        kind = obj.get("kind", "text")
        if kind not in INLINE_KINDS:
            raise ContentError(
                _("unknown inline kind {kind!r} at {where}").format(kind=kind, where=where),
                _("is this a reader article?"),
            )
        number = obj.get("number")
        runs.append(
            Inline(
                text=_str(obj.get("text", ""), f"{where}.runs[{i}].text"),
                kind=cast(InlineKind, kind),
                url=_opt_str(obj.get("url"), f"{where}.runs[{i}].url"),
                number=None if number is None else _int(number, f"{where}.runs[{i}].number"),
            )
        )
    return runs


def _mapping(data: Any, where: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ContentError(
            _("expected an object at {where}").format(where=where), _("is this a reader article?")
        )
    return data


def _list(data: Any, where: str) -> list[Any]:
    if not isinstance(data, list):
        raise ContentError(
            _("expected a list at {where}").format(where=where), _("is this a reader article?")
        )
    return data


def _str(data: Any, where: str) -> str:
    if not isinstance(data, str):
        raise ContentError(
            _("expected a string at {where}").format(where=where), _("is this a reader article?")
        )
    return clean(data)


def _opt_str(data: Any, where: str) -> str | None:
    return None if data is None else _str(data, where)


def _int(data: Any, where: str) -> int:
    if isinstance(data, bool) or not isinstance(data, int):
        raise ContentError(
            _("expected a whole number at {where}").format(where=where),
            _("is this a reader article?"),
        )
    return data
