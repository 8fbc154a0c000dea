"""The Article as a standalone reading-mode HTML page: no scripts, nothing loaded from anywhere.

Every string is escaped with `html.escape`; the page is also well-formed XML (void elements are
self-closed), so strict parsers read it. A Content-Security-Policy forbids every fetch, so images
appear only as their alt text and caption with a link to the picture, never loaded. Built-in CSS:
a ~70ch column, readable line height, light and dark via `prefers-color-scheme`.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import unquote

from reader.core.document import (
    Anchors,
    Article,
    Block,
    Code,
    Figure,
    Grid,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Runs,
    Separator,
    Table,
    column_count,
    filled,
    iter_runs,
    table_grid,
)
from reader.core.formats.announcements import image_text
from reader.core.formats.header import meta_lines, published_text
from reader.core.formats.links import copied, is_clickable
from reader.core.i18n import _, active_language, is_right_to_left
from reader.core.safe_text import clean, clean_line

# Languages written right to left: the page says so, since bidi controls were stripped upstream.
_RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ku", "ps", "sd", "ug", "ur", "yi"}
)
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_CSS_CLASS = re.compile(r"[^A-Za-z0-9_+-]")

# Contrast (WCAG 2.2): body text 16.5:1 light / 15:1 dark, muted text and links at least 7.7:1,
# rules and table borders at least 3.4:1 against the page.
STYLE = """
:root { color-scheme: light dark; --bg: #fbfaf7; --fg: #1b1b1b; --muted: #4a4a4a;
  --link: #0b4f9c; --rule: #85817a; --code-bg: #efede8; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #121212; --fg: #e9e6e1; --muted: #bdb8b0; --link: #9cc7ff;
    --rule: #75716b; --code-bg: #1f1f1f; }
}
html { background: var(--bg); color: var(--fg); }
body { margin: 0; padding: 2rem 1.25rem 4rem;
  font: 1.125rem/1.65 Georgia, "Iowan Old Style", "Noto Serif", serif; }
main { max-width: 70ch; margin: 0 auto; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.5em; }
h1 { font-size: 2rem; margin-top: 0; }
p, ul, ol, pre, table, figure, blockquote { margin: 0 0 1em; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 0.15em; }
a:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.meta, .source, figcaption, caption { color: var(--muted); font-size: 0.95em; }
.meta { margin-bottom: 2rem; }
.notice { border-left: 4px solid var(--rule); padding: 0.25em 0.75em; }
blockquote { border-left: 4px solid var(--rule); margin-left: 0; padding-left: 1em; }
pre, code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 0.9em; background: var(--code-bg); }
pre { padding: 0.75em 1em; overflow-x: auto; white-space: pre; }
pre code { background: none; font-size: 1em; }
table { border-collapse: collapse; width: 100%; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--rule); padding: 0.3em 0.6em; text-align: left;
  vertical-align: top; }
caption { caption-side: top; text-align: left; }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }
footer { border-top: 1px solid var(--rule); margin-top: 3rem; padding-top: 1rem; }
@media print { a { color: inherit; } }
"""

# Nothing may be fetched: no scripts, no images, no fonts, no frames; only the inline style.
CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def render_html(article: Article) -> str:
    """`article` as a complete HTML document, ending with one newline."""
    title = clean_line(article.title)
    language = clean_line(article.language or "")
    lang = language if _LANGUAGE_TAG.fullmatch(language) else ""
    rtl = lang.split("-")[0].lower() in _RTL_LANGUAGES
    direction = ' dir="rtl"' if rtl else ""
    ui = _ui_attributes(lang, rtl)
    head = [
        '<meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}" />',
        '<meta name="referrer" content="no-referrer" />',
        '<meta name="color-scheme" content="light dark" />',
        '<meta name="generator" content="reader" />',
        "<title>" + _e(title or _("Untitled article")) + "</title>",
    ]
    if article.description and clean_line(article.description):
        head.append(f'<meta name="description" content="{_e(clean_line(article.description))}" />')
    head.append(f"<style>{STYLE}</style>")
    body = ["<main>", "<article>", "<header>"]
    if title:
        body.append(f"<h1>{_e(title)}</h1>")
    body.append(f'<p class="meta"{ui}>{_meta(article)}</p>')
    body += [f'<p class="notice" role="note">{_e(clean_line(n))}</p>' for n in article.notices]
    body.append("</header>")
    article, ids = _with_local_links(article)
    waiting: list[str] = []  # ids of blocks that show nothing mark the next one shown
    for index, block in enumerate(article.blocks):
        waiting += ids.get(index, [])
        if html := _block(block, ui):
            body += [f'<span id="{_e(name)}"></span>' for name in waiting] + [html]
            waiting = []
    body += [f'<span id="{_e(name)}"></span>' for name in waiting]
    source = clean_line(article.canonical_url or article.url or "")
    if source:
        footer = _source(source)
        body.append(f'<footer><p class="source"{ui}>{footer}</p></footer>')
    body += ["</article>", "</main>"]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}"{direction}>\n<head>\n'
        + "\n".join(head)
        + "\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _e(text: str) -> str:
    return escape(text, quote=True)


def _ui_attributes(page_language: str, page_rtl: bool) -> str:
    """`lang` and `dir` for an element holding reader's own words, where the interface
    language differs from the page's (an Arabic interface on an English page, say)."""
    ui_language = active_language().replace("_", "-")
    if page_language.split("-")[0].lower() == ui_language.split("-")[0].lower():
        return ""
    rtl = is_right_to_left()
    direction = ' dir="rtl"' if rtl else ' dir="ltr"' if page_rtl else ""
    return f' lang="{_e(ui_language)}"{direction}'


def _source(url: str) -> str:
    """`Source: <a ...>url</a>`, the template's own words escaped."""
    return _e(_("Source: {source}")).format(source=_link(url, url))


def _meta(article: Article) -> str:
    lines = meta_lines(article)
    published = clean_line(article.published or "")
    out = []
    for line in lines:
        shown = published_text(published)
        template = _("Published {date}")
        if published and line == template.format(date=shown) and _ISO_DATE.fullmatch(published):
            time = f'<time datetime="{_e(published)}">{_e(shown)}</time>'
            out.append(_e(template).format(date=time))
        else:
            out.append(_e(line))
    return "<br />".join(out)


def _with_local_links(article: Article) -> tuple[Article, dict[int, list[str]]]:
    """The page's element ids the article kept, by block, and `article` with each link to one
    of them turned into `#id`: in the saved page a citation leads to its note."""
    ids: dict[int, list[str]] = {}
    for name, block in article.anchors.items():
        if name and not any(ch.isspace() for ch in name) and 0 <= block < len(article.blocks):
            ids.setdefault(block, []).append(name)
    anchors = Anchors(article)
    kept = {name for names in ids.values() for name in names}

    def local(run: Inline) -> str | None:
        if run.kind != "link" or not run.url:
            return None
        fragment = anchors.same_page_fragment(run.url)
        return fragment if fragment is not None and unquote(fragment) in kept else None

    if not any(local(run) is not None for runs in iter_runs(article.blocks) for run in runs):
        return article, ids
    article = copied(article)
    for runs in iter_runs(article.blocks):
        for run in runs:
            if (fragment := local(run)) is not None:
                run.url = "#" + fragment
    return article, ids


def _link(url: str, text_html: str, *, escaped: bool = False) -> str:
    """An `<a>` for a safe URL or a `#id` in this page; anything else (javascript:, data:)
    stays as plain text."""
    label = text_html if escaped else _e(text_html)
    if url.startswith("#"):
        return f'<a href="{_e(clean_line(url))}">{label}</a>'
    if not is_clickable(url):
        return label
    return f'<a href="{_e(clean_line(url))}" rel="noreferrer">{label}</a>'


def _inline(runs: Runs) -> str:
    out: list[str] = []
    for run in runs:
        text = _e(clean(run.text)).replace("\n", "<br />\n")
        match run.kind:
            case "emphasis":
                out.append(f"<em>{text}</em>")
            case "strong":
                out.append(f"<strong>{text}</strong>")
            case "code":
                out.append(f"<code>{text}</code>")
            case "link" if run.url:
                out.append(_link(run.url, text or _e(clean_line(run.url)), escaped=True))
            case _:
                out.append(text)
    return "".join(out).strip()


def _block(block: Block, ui: str) -> str:
    match block:
        case Heading(level=level, runs=runs):
            level = min(max(level + 1 if level == 1 else level, 2), 6)  # the title is the h1
            return f"<h{level}>{_inline(runs)}</h{level}>"
        case Paragraph(runs=runs):
            text = _inline(runs)
            return f"<p>{text}</p>" if text else ""
        case ListBlock():
            return _list(block)
        case Quote(blocks=inner, cite=cite):
            quote = (
                "<blockquote>\n"
                + "\n".join(h for b in inner if (h := _block(b, ui)))
                + "\n</blockquote>"
            )
            if cite and clean_line(cite):
                source = clean_line(cite)
                return (
                    f"<figure>\n{quote}\n<figcaption{ui}>{_source(source)}</figcaption>\n</figure>"
                )
            return quote
        case Code(text=text, language=language):
            lang = _CSS_CLASS.sub("", clean_line(language or ""))
            cls = f' class="language-{lang}"' if lang else ""
            return f"<pre><code{cls}>{_e(clean(text).strip(chr(10)))}</code></pre>"
        case Figure(alt=alt, caption=caption, src=src):
            alt_text = clean_line(alt)
            desc = _e(image_text(alt_text))
            if src and is_clickable(src):
                desc += " (" + _link(src, _("open the image")) + ")"
            parts = ["<figure>", f'<p class="image"{ui}>{desc}</p>']
            if caption:
                parts.append(f"<figcaption>{_inline(caption)}</figcaption>")
            return "\n".join([*parts, "</figure>"])
        case Table():
            return _table(block)
        case Separator():
            return "<hr />"
    return ""


def _list(block: ListBlock) -> str:
    tag = "ol" if block.ordered else "ul"
    start = f' start="{block.start}"' if block.ordered and block.start != 1 else ""
    items = []
    for item in block.items:
        children = "".join("\n" + _list(child) for child in item.children)
        items.append(f"<li>{_inline(item.runs)}{children}</li>")
    return f"<{tag}{start}>\n" + "\n".join(items) + f"\n</{tag}>"


def _table(table: Table) -> str:
    grid = table_grid(table)
    columns = column_count(table, grid)
    parts = ["<table>"]
    if table.caption:
        parts.append(f"<caption>{_inline(table.caption)}</caption>")
    if any(table.header):
        parts.append(f"<thead>\n<tr>{_cells(grid, 0, columns)}</tr>\n</thead>")
    parts.append("<tbody>")
    parts += [f"<tr>{_cells(grid, r, columns)}</tr>" for r in range(1, len(grid))]
    parts += ["</tbody>", "</table>"]
    return "\n".join(parts)


def _cells(grid: Grid, row: int, columns: int) -> str:
    """Row `row` (0: the header, as `<th>`) as cells, a spanning one with its `colspan` and
    `rowspan` (and left out of the rows below it that it covers), and empty cells for the
    columns the row leaves without one. A `rowspan` cannot leave `<thead>`: below a header
    cell spanning rows, the body rows it covers get an empty cell."""
    opening, closing = ('<th scope="col"', "</th>") if row == 0 else ("<td", "</td>")
    out: list[str] = []
    for slot in filled(grid[row], columns):
        if slot.carried and not any(slot.cell is head.cell for head in grid[0]):
            continue
        cell = [] if slot.carried else slot.cell
        attributes = f' colspan="{slot.width}"' if slot.width > 1 else ""
        attributes += (
            f' rowspan="{slot.height}"' if slot.height > 1 and not slot.carried and row else ""
        )
        out.append(opening + attributes + ">" + _inline(cell) + closing)
    return "".join(out)
