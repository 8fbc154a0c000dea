"""The read-aloud settings in settings.toml: engine, voice, rate and speak_code."""

from __future__ import annotations

from pathlib import Path

from reader.core.storage.settings import Settings, load_settings, save_settings


def test_read_aloud_settings_are_saved_and_loaded(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    wanted = Settings(engine="piper", voice="~/voices/en_GB-alan.onnx", rate=140, speak_code=True)
    save_settings(wanted, path)
    loaded, warnings = load_settings(path)
    assert warnings == []
    assert (loaded.engine, loaded.voice, loaded.rate, loaded.speak_code) == (
        "piper",
        "~/voices/en_GB-alan.onnx",
        140,
        True,
    )


def test_bad_read_aloud_settings_are_replaced_with_a_warning_each(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        'engine = "festival"\nvoice = 3\nrate = 900\nspeak_code = "yes"\n', encoding="utf-8"
    )
    loaded, warnings = load_settings(path)
    assert (loaded.engine, loaded.voice, loaded.rate, loaded.speak_code) == ("auto", "", 300, False)
    assert len(warnings) == 4
    assert "rate = 900 is out of range 50-300; using 300" in warnings
