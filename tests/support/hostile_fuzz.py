"""Hypothesis strategies for generated and mutated HTML, shared by the fuzz tests and the bench.

Generated documents are random trees of real tags with hostile text and attribute values
(escape sequences, controls, entities, bidi overrides, odd URLs); mutated documents are real
pages with slices deleted, duplicated or overwritten and junk inserted.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

PAGES = Path(__file__).parent.parent / "pages"

_TAG_NAMES = (
    "p div span a b i em strong code pre ul ol li table thead tbody tr td th caption h1 h2 h3 "
    "h6 blockquote q cite img br hr figure figcaption picture source script style title head "
    "body html meta link base nav header footer aside article section main dl dt dd sup sub "
    "svg math template noscript iframe object select option textarea details summary ruby rt "
    "font center marquee frameset frame xmp plaintext listing noembed"
)
_ATTRIBUTE_NAMES = (
    "href src alt title class id lang dir style hidden charset content name property rel "
    "itemprop datetime srcset data-src role aria-hidden start type"
)
TAGS = tuple(_TAG_NAMES.split())
ATTRIBUTES = tuple(_ATTRIBUTE_NAMES.split())
HOSTILE_SNIPPETS = [
    "\x1b[2J",
    "\x1b]8;;https://evil.example\x1b\\",
    "\x1b]52;c;ZXZpbA==\x07",
    "\x9b31m",
    "\x9d0;title\x9c",
    "\x90q\x9c",
    "\x00",
    "\x07\x08\r\x0b\x0c\x7f",
    "\u202e\u2066\u2069\ufeff",
    "&#27;[31m",
    "&#x1b;]0;t&#7;",
    "&#x9b;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&amp;&lt;&gt;&quot;&nbsp;&shy;",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "</",
    "<",
    ">",
    "'\"",
    "javascript:alert(1)",
    "data:text/html,<b>x</b>",
    "file:///etc/passwd",
    "https://x.example/\x1b[31m",
    "//evil.example/",
    "\u0301\u200d\U0001f44b\u4e16\u754c",
    "Reading mode shows the words of an article and nothing else. ",
]

hostile_text = st.one_of(
    st.text(max_size=30),
    st.sampled_from(HOSTILE_SNIPPETS),
    st.lists(st.sampled_from(HOSTILE_SNIPPETS), max_size=4).map("".join),
)


def _attribute(pair: tuple[str, str, int]) -> str:
    name, value, quoting = pair
    if quoting == 0:
        return f' {name}="{value}"'
    if quoting == 1:
        return f" {name}='{value}'"
    return f" {name}={value}"  # unquoted, whatever that does


attributes = st.lists(
    st.tuples(st.sampled_from(ATTRIBUTES), hostile_text, st.integers(0, 2)).map(_attribute),
    max_size=3,
).map("".join)


def _element(parts: tuple[str, str, list[str], bool]) -> str:
    tag, attrs, children, closed = parts
    return f"<{tag}{attrs}>" + "".join(children) + (f"</{tag}>" if closed else "")


nodes = st.recursive(
    hostile_text,
    lambda children: st.tuples(
        st.sampled_from(TAGS), attributes, st.lists(children, max_size=5), st.booleans()
    ).map(_element),
    max_leaves=40,
)


@st.composite
def generated_documents(draw: st.DrawFn) -> str:
    """A random document: maybe a head with a title and metadata, then random nodes."""
    body = "".join(draw(st.lists(nodes, min_size=1, max_size=8)))
    if draw(st.booleans()):
        title = draw(hostile_text)
        meta = draw(st.sampled_from(["", "<meta name='author' content='{}'>"])).format(
            draw(hostile_text)
        )
        return f"<html><head><title>{title}</title>{meta}</head><body>{body}</body></html>"
    return body


def seed_pages() -> list[str]:
    """Real pages to mutate: the fixture pages in tests/pages plus a plain article."""
    pages = [path.read_text("utf-8", "replace") for path in sorted(PAGES.glob("*.html"))]
    pages.append(
        "<html><head><title>Seed</title></head><body><article><h1>Seed</h1>"
        + "<p>Reading mode shows the words of an article and nothing else. " * 6
        + "<a href='/next'>next</a></p>" * 5
        + "</article></body></html>"
    )
    return pages


@st.composite
def mutated_documents(draw: st.DrawFn, seeds: list[str]) -> str:
    """A seed page with a few random slices deleted, duplicated, swapped or overwritten."""
    text = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            break
        start = draw(st.integers(0, len(text)))
        end = min(len(text), start + draw(st.integers(0, 200)))
        match draw(st.sampled_from(("delete", "duplicate", "insert", "replace", "swap"))):
            case "delete":
                text = text[:start] + text[end:]
            case "duplicate":
                text = text[:end] + text[start:end] * draw(st.integers(1, 5)) + text[end:]
            case "insert":
                text = text[:start] + draw(nodes) + text[start:]
            case "replace":
                text = text[:start] + draw(hostile_text) + text[end:]
            case "swap":
                text = text[start:] + text[:start]
    return text


@st.composite
def mutated_bytes(draw: st.DrawFn, seeds: list[str]) -> bytes:
    """A mutated page encoded in some charset, with random bytes spliced in."""
    text = draw(mutated_documents(seeds))
    codec = draw(st.sampled_from(("utf-8", "cp1252", "utf-16-le", "latin-1", "shift_jis")))
    data = bytearray(text.encode(codec, "replace"))
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(0, len(data)))
        data[position:position] = draw(st.binary(min_size=1, max_size=8))
    return bytes(data)
