"""`reader --audio FILE.wav`: the article read aloud by the real espeak-ng into one WAV file."""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

import pytest

from reader.core.speech.aloud import record
from tests.support.cli import assert_one_line_error, run_reader
from tests.support.speech import ENGLISH, article, use_espeak_ng, wav_facts
from tests.support.terminal import TMUX, Terminal, environment, installed_reader

PAGES = Path(__file__).parent / "pages"

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is installed by .ci/run"
)


def test_audio_of_an_article_is_one_wav_file_that_is_not_silent(tmp_path: Path) -> None:
    out = tmp_path / "blocks.wav"
    result = run_reader("--audio", str(out), str(PAGES / "blocks.html"))
    assert result.returncode == 0, result.stderr.decode()
    facts = wav_facts(out)
    assert facts.seconds > 10  # a whole article, not a sentence
    assert facts.peak > 3000  # speech, not silence or noise near zero
    assert not (tmp_path / "blocks.wav.part").exists()
    # Not a terminal: no progress bar on stderr.
    assert result.stderr == b""


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed (.ci/run installs it)")
def test_audio_shows_a_progress_bar_when_stderr_is_a_terminal(tmp_path: Path) -> None:
    out = tmp_path / "blocks.wav"
    reader = shlex.quote(installed_reader())
    command = f"env {environment()} {reader} --audio {out} {PAGES / 'blocks.html'}"
    terminal = Terminal()
    terminal.start(f"{command}; echo EXITED:$?; sleep 60")
    try:
        screen = terminal.wait_for("EXITED:")
    finally:
        terminal.close()
    assert "EXITED:0" in screen
    assert "Writing audio [##############################] 100%" in screen
    assert wav_facts(out).peak > 3000


def test_audio_grows_with_the_text(tmp_path: Path) -> None:
    short, long = tmp_path / "short.wav", tmp_path / "long.wav"
    record(article(ENGLISH[:1]), short, [].append)
    record(article(ENGLISH), long, [].append)
    assert wav_facts(long).samples > wav_facts(short).samples * 2


def test_two_languages_give_different_audio(tmp_path: Path) -> None:
    english, german = tmp_path / "en.wav", tmp_path / "de.wav"
    text = ["Die Donau fließt durch zehn Länder bis zum Schwarzen Meer."]
    record(article(text, title="Donau", language="en"), english, [].append)
    record(article(text, title="Donau", language="de"), german, [].append)
    assert wav_facts(english).data != wav_facts(german).data


def test_a_language_without_a_voice_is_said_once_and_the_default_voice_speaks(
    tmp_path: Path,
) -> None:
    seen: list[str] = []
    out = tmp_path / "xx.wav"
    record(article(ENGLISH[:2], language="tlh"), out, seen.append)
    assert seen == ["no espeak-ng voice for language 'tlh'; using the default voice"]
    assert wav_facts(out).peak > 3000


def test_a_configured_engine_that_is_missing_is_said_and_another_speaks(tmp_path: Path) -> None:
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "reader" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text('engine = "piper"\nrate = 250\n', encoding="utf-8")
    seen: list[str] = []
    record(article(ENGLISH[:1]), tmp_path / "a.wav", seen.append)
    assert seen == ["the speech engine piper is not available; using espeak-ng"]
    assert wav_facts(tmp_path / "a.wav").peak > 3000


def test_audio_needs_a_wav_file_name(tmp_path: Path) -> None:
    result = run_reader("--audio", str(tmp_path / "out.mp3"), str(PAGES / "blocks.html"))
    assert "give a name ending in .wav" in assert_one_line_error(result, 2)


def test_no_speech_engine_is_one_line_naming_espeak_ng_and_exit_4(tmp_path: Path) -> None:
    # A PATH with no espeak-ng, spd-say or piper on it (the interpreter is called by path).
    hidden = {"PATH": str(tmp_path)}
    for args in (["--speak"], ["--audio", str(tmp_path / "a.wav")]):
        result = run_reader(*args, str(PAGES / "blocks.html"), env=hidden)
        assert "espeak-ng" in assert_one_line_error(result, 4)
    voices = run_reader("voices", env=hidden)
    assert "espeak-ng" in assert_one_line_error(voices, 4)


def test_reader_voices_lists_the_engine_in_use_and_its_voices() -> None:
    use_espeak_ng()
    result = run_reader("voices", "de")
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    assert "espeak-ng  (in use)" in out
    assert "German" in out
    assert "French" not in out


def test_the_rate_setting_makes_speech_faster(tmp_path: Path) -> None:
    settings = Path(os.environ["XDG_CONFIG_HOME"]) / "reader" / "settings.toml"
    settings.parent.mkdir(parents=True, exist_ok=True)
    record(article(ENGLISH), tmp_path / "normal.wav", [].append)
    settings.write_text("rate = 200\n", encoding="utf-8")
    record(article(ENGLISH), tmp_path / "fast.wav", [].append)
    assert (
        wav_facts(tmp_path / "fast.wav").samples < wav_facts(tmp_path / "normal.wav").samples * 0.7
    )


def test_the_voice_follows_the_translation_language(tmp_path: Path) -> None:
    from tests.support.argos_tiny import cached_package, isolated_env

    env = {**isolated_env(tmp_path), "PATH": os.environ["PATH"]}
    installed = run_reader("languages", "install", str(cached_package()), env=env)
    assert installed.returncode == 0, installed.stderr.decode()
    page = tmp_path / "page.html"
    page.write_text(
        "<html lang='en'><head><title>Trains and rain</title></head><body><article>"
        "<h1>Trains and rain</h1><p>Rain is expected in the north, with sunny spells in the "
        "south. Trains were delayed this morning because of a signal fault.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    original = run_reader("--audio", str(tmp_path / "en.wav"), str(page), env=env)
    assert original.returncode == 0 and original.stderr == b"", original.stderr.decode()
    # The tiny package translates into the made-up language "xx", which no voice speaks.
    out = tmp_path / "xx.wav"
    translated = run_reader("--audio", str(out), "--translate", "xx", str(page), env=env)
    assert translated.returncode == 0, translated.stderr.decode()
    assert translated.stderr.decode() == (
        "reader: warning: no espeak-ng voice for language 'xx'; using the default voice\n"
    )
    assert wav_facts(out).peak > 3000
