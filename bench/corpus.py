"""The shared extraction corpora (read in place, never copied) and their scoring metrics.

mozilla and scrapinghub use the Scrapinghub article-extraction benchmark's metric, as
../shared/corpus/README.md specifies: bags of 4-token shingles of `\\w+` tokens, precision and
recall averaged over pages, F1 the harmonic mean of those averages. trafilatura uses its own
benchmark's snippet metric: text that must be in the article and text that must not, counted
over all pages.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.html

# ../shared/corpus from the project root (a worktree under /work/wt looks one level higher)
CORPUS = next(
    (
        p / "shared" / "corpus"
        for p in Path(__file__).resolve().parents[2:4]
        if (p / "shared" / "corpus").is_dir()
    ),
    Path(__file__).resolve().parents[2] / "shared" / "corpus",
)
MOZILLA_URL = "http://fakehost/test/page.html"  # the URL Mozilla's test pages are run with
_TOKEN = re.compile(r"\w+")
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "caption",
        "summary",
    ]
)


CORPORA = ("scrapinghub", "mozilla", "trafilatura")


@dataclass(frozen=True, slots=True)
class CorpusPage:
    """One page: `html` is text for the UTF-8 corpora and the bytes as served for trafilatura
    (each extractor decodes them its own way); `truth` is the article text, or for the snippet
    metric the snippets that must (`present`) and must not (`absent`) be in it."""

    corpus: str
    name: str
    url: str
    html: str | bytes
    truth: str
    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()


def load_corpus(name: str, root: Path = CORPUS) -> list[CorpusPage]:
    """Every page of corpus `name` (one of CORPORA)."""
    loaders = {"mozilla": _mozilla, "scrapinghub": _scrapinghub, "trafilatura": _trafilatura}
    return list(loaders[name](root))


def _mozilla(root: Path) -> Iterator[CorpusPage]:
    for folder in sorted((root / "mozilla").iterdir()):
        source, expected = folder / "source.html", folder / "expected.html"
        if source.is_file() and expected.is_file():
            truth = text_with_block_breaks(_parse_utf8(expected.read_bytes()))
            html = source.read_bytes().decode("utf-8", "replace")
            yield CorpusPage("mozilla", folder.name, MOZILLA_URL, html, truth)


def _scrapinghub(root: Path) -> Iterator[CorpusPage]:
    truth = json.loads((root / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    for path in sorted((root / "scrapinghub" / "html").glob("*.html.gz")):
        key = path.name.removesuffix(".html.gz")
        if key in truth:
            html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
            entry = truth[key]
            yield CorpusPage("scrapinghub", key, entry["url"], html, entry["articleBody"])


def _trafilatura(root: Path) -> Iterator[CorpusPage]:
    folder = root / "trafilatura"
    evaluation = json.loads((folder / "evaldata.json").read_text("utf-8"))
    for key, entry in sorted(evaluation.items()):
        path = folder / "html" / f"{entry['file']}.gz"
        if path.is_file():
            url = key if "://" in key else f"https://{entry['file']}"
            html = gzip.decompress(path.read_bytes())
            present, absent = tuple(entry["with"]), tuple(entry["without"])
            yield CorpusPage("trafilatura", entry["file"], url, html, "", present, absent)


def text_with_block_breaks(element: lxml.html.HtmlElement) -> str:
    """The text content of `element` with a line break around every block element."""
    parts: list[str] = []

    def walk(el: lxml.html.HtmlElement) -> None:
        block = isinstance(el.tag, str) and el.tag.lower() in BLOCK_TAGS
        if block:
            parts.append("\n")
        if isinstance(el.tag, str) and el.tag.lower() not in ("script", "style"):
            parts.append(el.text or "")
            for child in el:
                walk(child)
        if block:
            parts.append("\n")
        parts.append(el.tail or "")

    tail, element.tail = element.tail, None
    walk(element)
    element.tail = tail
    return "".join(parts)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """The bag of n-token shingles of `text` (one shingle of all tokens when there are fewer)."""
    tokens = _TOKEN.findall(text)
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True, slots=True)
class PageScore:
    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else None

    @property
    def f1(self) -> float:
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(predicted: str, truth: str) -> PageScore:
    """tp, fp and fn of one page, each divided by tp + fp + fn."""
    pred, true = shingles(predicted), shingles(truth)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn or 1
    exact = _TOKEN.findall(predicted) == _TOKEN.findall(truth)
    return PageScore(tp / total, fp / total, fn / total, exact)


@dataclass(frozen=True, slots=True)
class SnippetScore:
    """Counts of one page under the snippet metric (whitespace collapsed on both sides)."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp + self.fn else 1.0


def score_snippets(
    predicted: str, present: tuple[str, ...], absent: tuple[str, ...]
) -> SnippetScore:
    """Snippets that must be there and are (tp) or are not (fn); that must not be there and
    are (fp) or are not (tn)."""
    text = " ".join(predicted.split())
    found = [" ".join(s.split()) in text for s in present]
    leaked = [" ".join(s.split()) in text for s in absent]
    return SnippetScore(sum(found), sum(leaked), len(found) - sum(found), len(leaked) - sum(leaked))


def summarise_snippets(scores: list[SnippetScore]) -> dict[str, float]:
    """Precision, recall and F1 of the counts summed over all pages."""
    tp, fp, fn, tn = (sum(getattr(s, f) for s in scores) for f in ("tp", "fp", "fn", "tn"))
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0,
        "accuracy": (tp + tn) / (tp + fp + fn + tn) if scores else 0.0,
        "share_f1_0.9": sum(s.f1 >= 0.9 for s in scores) / len(scores) if scores else 0.0,
        "pages": len(scores),
    }


def summarise(scores: list[PageScore]) -> dict[str, float]:
    """Precision, recall, F1 (of the means), accuracy and the share of pages with F1 >= 0.9."""
    precisions = [s.precision for s in scores if s.precision is not None]
    recalls = [s.recall for s in scores if s.recall is not None]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "accuracy": sum(s.exact for s in scores) / len(scores) if scores else 0.0,
        "share_f1_0.9": sum(s.f1 >= 0.9 for s in scores) / len(scores) if scores else 0.0,
        "pages": len(scores),
    }


def _parse_utf8(data: bytes) -> lxml.html.HtmlElement:
    """Parse HTML stored as UTF-8 whatever it declares (lxml alone would guess Latin-1)."""
    parser = lxml.html.HTMLParser(encoding="utf-8")
    return lxml.html.fromstring(data, parser=parser)
