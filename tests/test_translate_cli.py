"""`reader --translate LANG FILE` end to end: a real tiny package installed with
`reader languages install FILE`, every output format, the views, the cache across runs, and
translation with networking disabled."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reader.core.document import Inline, Runs, iter_runs
from reader.core.formats import article_from_json
from reader.core.translate.sentences import split_sentences
from tests.support.argos_tiny import cached_package, isolated_env, reference_translation

PAGE = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Trains and rain</title></head>
<body><main><article>
<h1>Trains and rain</h1>
<p>Rain is expected in the north, with sunny spells in the south. Trains were delayed this
morning because of a signal fault, and the city council voted to plant new trees.</p>
<p>Please read <a href="https://example.org/report">the whole report</a> before you comment
on the article, because the museum opens at nine and closes late on Fridays.</p>
<ul><li>She read the report twice before she wrote her answer.</li>
<li>Our team tested the new bridge with heavy trucks.</li></ul>
<pre><code>for word in text:
    print(word)</code></pre>
<p>Scientists found water ice near the south pole of the moon. The quick brown fox jumps over
the lazy dog, and links stay numbered so you can follow them after translation.</p>
</article></main></body></html>
"""

SITECUSTOMIZE = """\
import socket

def _no_network(*args, **kwargs):
    raise OSError("networking is disabled in this test")

socket.socket.connect = _no_network
socket.socket.connect_ex = _no_network
socket.create_connection = _no_network
socket.getaddrinfo = _no_network
"""


@pytest.fixture
def setup(tmp_path: Path) -> dict[str, object]:
    """An isolated environment with networking blocked and the en -> xx package installed."""
    blocker = tmp_path / "no-network"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(SITECUSTOMIZE)
    env = {**os.environ, **isolated_env(tmp_path), "PYTHONPATH": str(blocker)}
    env.pop("ARGOS_PACKAGE_INDEX", None)
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    installed = reader(["languages", "install", str(cached_package())], env)
    assert installed.returncode == 0, installed.stderr
    package = Path(env["ARGOS_PACKAGES_DIR"]) / "translate-en_xx-1_0"
    return {"env": env, "page": page, "package": package, "tmp": tmp_path}


def reader(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


class Result:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def in_process(args: list[str], setup, monkeypatch, capsys) -> Result:
    """`reader ARGS` in this process, in the isolated environment (faster than a subprocess)."""
    from reader.cli import main

    for key in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "ARGOS_PACKAGES_DIR"):
        monkeypatch.setenv(key, setup["env"][key])
    code = main(args)
    out = capsys.readouterr()
    return Result(code, out.out, out.err)


def expected_runs(runs: Runs, package: Path) -> Runs:
    """The documented rule: text/emphasis/strong runs merge into one segment, each link is its
    own segment (url and number kept), code runs stay; whitespace around segments is kept."""

    def tr(text: str) -> str:
        core = text.strip()
        if not any(ch.isalpha() for ch in core):
            return text
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        return lead + reference_translation(package, split_sentences(core)) + trail

    out: Runs = []
    pending = ""
    for run in [*runs, Inline("", "code")]:
        if run.kind in ("text", "emphasis", "strong"):
            pending += run.text
            continue
        if pending:
            out.append(Inline(tr(pending)))
            pending = ""
        if run.kind == "link":
            out.append(Inline(tr(run.text), "link", url=run.url, number=run.number))
        elif run.text:
            out.append(run)
    return out


def test_translated_json_matches_ctranslate2_block_by_block_with_network_blocked(setup) -> None:
    env, page, package = setup["env"], setup["page"], setup["package"]
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert "networking is disabled" in probe.stderr  # the block is really in force

    original = reader(["--format", "json", str(page)], env)
    assert original.returncode == 0, original.stderr
    translated = reader(["--format", "json", "--translate", "xx", str(page)], env)
    assert translated.returncode == 0, translated.stderr
    before = article_from_json(original.stdout)
    after = article_from_json(translated.stdout)

    assert len(after.blocks) == len(before.blocks)
    assert [b.kind for b in after.blocks] == [b.kind for b in before.blocks]
    source_runs = list(iter_runs(before.blocks))
    target_runs = list(iter_runs(after.blocks))
    assert len(source_runs) == len(target_runs) >= 5
    for source, target in zip(source_runs, target_runs, strict=True):
        assert target == expected_runs(source, package)
    codes = [b for b in after.blocks if b.kind == "code"]
    assert codes and codes[0] == next(b for b in before.blocks if b.kind == "code")
    links = [r for runs in target_runs for r in runs if r.kind == "link"]
    assert [(r.url, r.number) for r in links] == [("https://example.org/report", 1)]
    assert after.links == before.links
    assert after.language == "xx"


def test_second_run_is_served_from_the_cache(setup) -> None:
    env, page, package = setup["env"], setup["page"], setup["package"]
    first = reader(["--plain", "--translate", "xx", str(page)], env)
    assert first.returncode == 0, first.stderr
    # Break the model: only the cache can produce the translation now.
    (package / "model" / "model.bin").write_bytes(b"not a model")
    second = reader(["--plain", "--translate", "xx", str(page)], env)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout
    # New text does need the model, which is now broken: a clear error, exit 4.
    other = setup["tmp"] / "other.html"
    other.write_text(PAGE.replace("Trains and rain", "Rain and trains"), encoding="utf-8")
    third = reader(["--plain", "--translate", "xx", str(other)], env)
    assert third.returncode == 4
    assert "cannot load the en → xx translation package" in third.stderr
    assert "reader languages install en xx" in third.stderr


def test_every_format_and_view(setup, monkeypatch, capsys) -> None:
    page, package = setup["page"], setup["package"]

    def run(args: list[str]) -> Result:
        return in_process(args, setup, monkeypatch, capsys)

    heading = reference_translation(package, ["Trains and rain"])
    for fmt in ("plain", "markdown", "html", "json"):
        result = run(["--format", fmt, "--translate", "xx", str(page)])
        assert result.returncode == 0, (fmt, result.stderr)
        assert heading in result.stdout, fmt
        assert "Rain is expected in the north" not in result.stdout, fmt
    original = run(["--plain", "--translate", "xx", "--translation-view", "original", str(page)])
    assert "Rain is expected in the north" in original.stdout
    assert heading not in original.stdout
    mixed = run(["--plain", "--translate", "xx", "--translation-view", "interleaved", str(page)])
    assert mixed.returncode == 0, mixed.stderr
    paragraph = (
        "Scientists found water ice near the south pole of the moon. The quick brown fox "
        "jumps over the lazy dog, and links stay numbered so you can follow them after "
        "translation."
    )
    translated = reference_translation(package, split_sentences(paragraph))
    text = " ".join(mixed.stdout.split())
    assert text.index(paragraph) < text.index(translated)


def test_missing_pair_and_unknown_language_are_clear_errors(setup, monkeypatch, capsys) -> None:
    page = setup["page"]

    def run(args: list[str]) -> Result:
        return in_process(args, setup, monkeypatch, capsys)

    result = run(["--plain", "--translate", "de", str(page)])
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "no translation package for en → de (installed: en → xx)" in result.stderr
    assert "reader languages install en de" in result.stderr
    undetectable = setup["tmp"] / "numbers.html"
    undetectable.write_text(
        "<html><body><article><p>" + "12 34 56 78 90. " * 20 + "</p></article></body></html>"
    )
    result = run(["--plain", "--translate", "xx", str(undetectable)])
    assert result.returncode == 2
    assert "--from" in result.stderr
    forced = run(["--plain", "--translate", "xx", "--from", "en", str(undetectable)])
    assert forced.returncode == 0, forced.stderr


def test_translation_in_core_with_network_blocked_imports_no_argostranslate(setup) -> None:
    code = textwrap.dedent(
        """
        import sys
        from reader.core.pipeline import load_article
        from reader.core.translate.article import translate_for_output
        article = translate_for_output(load_article(sys.argv[1]), "xx")
        assert "argostranslate" not in sys.modules
        print(article.blocks[0].runs[0].text)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(setup["page"])],
        env=setup["env"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
