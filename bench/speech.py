"""Read-aloud benchmark: reader's player against calling espeak-ng directly, in the same run.

Run from the project root: `.venv/bin/python bench/speech.py` (options: --rounds, --rate).
Needs espeak-ng. Both sides send their audio to the same null output, which takes samples at
playback speed (as a sound device does), so neither runs ahead of the voice.

- time to the first audio sample: from `Player.start()` (what pressing `a` or running
  `--speak` does) to the first samples reaching the output, against from starting
  `espeak-ng --stdout` on the first sentence to its first samples reaching the output.
- time from pressing `a` in the full-screen app (Textual's Pilot, headless) to the first
  audio sample, against espeak-ng started directly on the same first sentence.
- CPU while speaking a whole article: reader's process (script building excluded, player
  thread, pacing) plus its espeak-ng subprocesses, against one `espeak-ng --stdout` on the
  same sentences plus the loop that paces its output; both per second of audio.

Writes bench/results/speech.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = Path(__file__).resolve().parent / "results"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _cpu() -> float:
    """CPU seconds of this process (all threads) and its reaped children."""
    return time.process_time() + _children_cpu()


def reader_run(script, engine, rate: int) -> dict[str, float]:
    """Speak `script` with reader's player into a null output."""
    from reader.core.speech.outputs import NullOutput
    from reader.core.speech.player import Player, VoiceSettings

    output = NullOutput()
    player = Player(script, VoiceSettings(engine, "en", "en", rate), output)
    cpu, wall = _cpu(), time.monotonic()
    player.start()
    player.wait()
    assert output.first_write is not None and player.state == "finished"
    return {
        "first_sample_s": output.first_write - wall,
        "cpu_s": _cpu() - cpu,
        "wall_s": time.monotonic() - wall,
    }


def direct_run(command: str, texts: list[str], rate: int) -> dict[str, float]:
    """One espeak-ng process on the same sentences, its samples paced into a null output."""
    from reader.core.speech.engines import ESPEAK_NORMAL_WPM
    from reader.core.speech.outputs import NullOutput
    from reader.core.speech.synthesis import Synthesis

    output = NullOutput()
    wpm = round(ESPEAK_NORMAL_WPM * rate / 100)
    argv = [command, "--stdout", "-b", "1", "-s", str(wpm), "-v", "en"]
    cpu, wall = _cpu(), time.monotonic()
    synthesis = Synthesis(argv, "\n".join(texts))
    for chunk in synthesis.chunks():
        output.write(chunk, synthesis.sample_rate)
    assert output.first_write is not None
    return {
        "first_sample_s": output.first_write - wall,
        "cpu_s": _cpu() - cpu,
        "wall_s": time.monotonic() - wall,
        "audio_s": output_seconds(synthesis),
    }


def app_run(article, rate: int) -> dict[str, float]:
    """Press `a` in the app (Pilot) and time it to the first samples reaching the output."""
    from reader.core.storage.settings import Settings
    from reader.tui import create_app

    os.environ["READER_AUDIO_OUTPUT"] = "null"  # the null output, at playback speed
    settings = Settings(engine="espeak-ng", rate=rate)
    app = create_app(None, None, settings, save=False, article=article)

    async def press_a() -> float:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.get_screen_reader()
            assert screen is not None and screen.article is article
            pressed = time.monotonic()
            await pilot.press("a")
            while (player := screen.aloud.player) is None or player.output.first_write is None:
                await pilot.pause(0.001)
            first = player.output.first_write - pressed
            await pilot.press("escape")
            return first

    return {"first_sample_s": asyncio.run(press_a())}


def output_seconds(synthesis) -> float:
    from reader.core.speech.synthesis import SAMPLE_WIDTH

    return len(synthesis.pcm()) / SAMPLE_WIDTH / synthesis.sample_rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="runs of each side (5)")
    parser.add_argument("--rate", type=int, default=300, help="speaking rate in per cent (300)")
    args = parser.parse_args()
    command = shutil.which("espeak-ng")
    if command is None:
        print("bench/speech.py needs espeak-ng (apt install espeak-ng)", file=sys.stderr)
        return 4

    from reader.core.speech.engines import EspeakNg
    from reader.core.speech.script import build_script
    from tests.support.speech import ENGLISH, article

    script = build_script(article(ENGLISH * 2))
    texts = [u.text for u in script.utterances]
    engine = EspeakNg(command)
    subprocess.run([command, "-q", "warm up"], check=False)  # page espeak-ng's data in
    reader, direct, app, first_direct = [], [], [], []
    for _ in range(args.rounds):  # alternate, so a busy machine slows both alike
        reader.append(reader_run(script, engine, args.rate))
        direct.append(direct_run(command, texts, args.rate))
        app.append(app_run(article(ENGLISH * 2), args.rate))
        first_direct.append(direct_run(command, texts[:1], args.rate))
    audio = statistics.median(run["audio_s"] for run in direct)

    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(run[key] for run in runs)

    result = {
        "sentences": len(texts),
        "audio_seconds": round(audio, 2),
        "rounds": args.rounds,
        "rate_percent": args.rate,
        "first_sample_ms": {
            "reader": round(1000 * median(reader, "first_sample_s"), 1),
            "espeak-ng": round(1000 * median(direct, "first_sample_s"), 1),
        },
        "app_key_to_first_sample_ms": {
            "reader app (press a)": round(1000 * median(app, "first_sample_s"), 1),
            "espeak-ng (first sentence)": round(1000 * median(first_direct, "first_sample_s"), 1),
        },
        "cpu_per_audio_second": {
            "reader": round(median(reader, "cpu_s") / audio, 4),
            "espeak-ng": round(median(direct, "cpu_s") / audio, 4),
        },
        "wall_per_audio_second": {
            "reader": round(median(reader, "wall_s") / audio, 3),
            "espeak-ng": round(median(direct, "wall_s") / audio, 3),
        },
    }
    first, cpu = result["first_sample_ms"], result["cpu_per_audio_second"]
    print(f"{len(texts)} sentences, {audio:.1f} s of audio, {args.rounds} rounds, medians")
    print(
        f"first audio sample: reader {first['reader']} ms, espeak-ng {first['espeak-ng']} ms "
        f"(ratio {first['reader'] / first['espeak-ng']:.2f})"
    )
    keyed = result["app_key_to_first_sample_ms"]
    print(
        f"app, a to first audio sample: {keyed['reader app (press a)']} ms, espeak-ng on the "
        f"same sentence {keyed['espeak-ng (first sentence)']} ms"
    )
    print(
        f"CPU per second of audio: reader {cpu['reader']:.4f} s, espeak-ng "
        f"{cpu['espeak-ng']:.4f} s (ratio {cpu['reader'] / cpu['espeak-ng']:.2f})"
    )
    wall = result["wall_per_audio_second"]
    print(f"wall per second of audio: reader {wall['reader']}, espeak-ng {wall['espeak-ng']}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "speech.json").write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
