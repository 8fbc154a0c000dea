"""Settings survive a round trip through settings.toml, and a bad file never loses anything."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.storage import paths
from reader.core.storage.settings import Settings, dumps_settings, load_settings, save_settings


def write_settings(text: str | bytes) -> Path:
    path = paths.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode()
    path.write_bytes(text)
    return path


def test_no_file_gives_defaults_without_warnings() -> None:
    loaded, warnings = load_settings()
    assert loaded == Settings()
    assert warnings == []
    assert not paths.config_dir().exists()


def test_theme_defaults_to_terminal_colours_when_no_color_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert Settings().theme == "dark"
    monkeypatch.setenv("NO_COLOR", "1")
    assert Settings().theme == "terminal"
    assert load_settings()[0].theme == "terminal"


def test_every_field_round_trips_through_the_file() -> None:
    original = Settings(
        theme="solarized-light",
        scale=3,
        glyphs="quadrant",
        width=72,
        line_spacing=2,
        paragraph_spacing=3,
        margin=4,
        align="justify",
        language="pt-BR",
        translation_view="side-by-side",
        focus_mode=True,
        cache_size_mb=50,
        keymap={
            "quit": "q,ctrl+c",
            "scroll.down": "j,down",
            'odd "id"\\': 'a "quoted" \\ key',
            "ünïcødé": "ctrl+é",
        },
    )
    save_settings(original)
    loaded, warnings = load_settings()
    assert warnings == []
    assert loaded == original


def test_language_none_round_trips_as_a_missing_key() -> None:
    save_settings(Settings(language=None))
    assert "language" not in tomllib.loads(paths.settings_path().read_text())
    assert load_settings()[0].language is None


@given(
    keymap=st.dictionaries(
        st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12),
        st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs")), min_size=1, max_size=12),
        max_size=4,
    )
)
@settings(max_examples=60, deadline=None)
def test_serializer_writes_valid_toml_for_any_printable_keymap(keymap: dict[str, str]) -> None:
    keymap = {k: v for k, v in keymap.items() if k.isprintable() and v.isprintable()}
    text = dumps_settings(Settings(keymap=keymap))
    assert tomllib.loads(text)["keymap"] == keymap


def test_control_characters_in_strings_are_escaped_not_written_raw() -> None:
    text = dumps_settings(Settings(keymap={"a\nb": "x\x1b[2Jy\x7f"}))
    assert "\x1b" not in text and "\x7f" not in text
    assert tomllib.loads(text)["keymap"] == {"a\nb": "x\x1b[2Jy\x7f"}


def test_unknown_keys_are_ignored_quietly() -> None:
    write_settings('scale = 2\nfuture_option = "yes"\n[future_table]\nx = 1\n')
    loaded, warnings = load_settings()
    assert loaded.scale == 2
    assert warnings == []


def test_out_of_range_values_are_clamped_with_a_warning() -> None:
    write_settings(
        "scale = 9\nwidth = 12\nline_spacing = -1\nparagraph_spacing = 7\nmargin = 500\n"
    )
    loaded, warnings = load_settings()
    assert (loaded.scale, loaded.width, loaded.line_spacing) == (4, 40, 0)
    assert (loaded.paragraph_spacing, loaded.margin) == (3, 40)
    assert len(warnings) == 5
    assert any("scale = 9" in w and "using 4" in w for w in warnings)


def test_wrong_types_and_unknown_choices_fall_back_to_defaults_with_a_warning() -> None:
    write_settings(
        'scale = "big"\nwidth = true\nglyphs = "braille"\nalign = 3\n'
        'translation_view = "upside-down"\nfocus_mode = "yes"\nlanguage = "not a language!"\n'
        'theme = "\\u001b[31m"\nkeymap = "q"\n'
    )
    loaded, warnings = load_settings()
    defaults = Settings()
    assert loaded == defaults
    assert len(warnings) == 9
    assert all("\x1b" not in w for w in warnings)


def test_bad_keymap_entries_are_dropped_and_the_rest_kept() -> None:
    write_settings('[keymap]\nquit = "q"\nbroken = 3\nempty = "  "\n')
    loaded, warnings = load_settings()
    assert loaded.keymap == {"quit": "q"}
    assert len(warnings) == 2


def test_corrupt_file_is_moved_aside_with_a_warning_naming_the_backup() -> None:
    path = write_settings('scale = 3\ntheme = "dark\n')  # unterminated string
    loaded, warnings = load_settings()
    assert loaded == Settings()
    assert len(warnings) == 1
    backups = list(path.parent.glob("settings.toml.corrupt-*"))
    assert len(backups) == 1
    assert str(backups[0]) in warnings[0]
    assert backups[0].read_text() == 'scale = 3\ntheme = "dark\n'
    assert not path.exists()
    # The next save writes a fresh file and keeps the backup.
    save_settings(loaded)
    assert load_settings() == (Settings(), [])
    assert backups[0].exists()


def test_file_that_is_not_utf8_is_moved_aside_too() -> None:
    path = write_settings(b"scale = 2\n\xff\xfe garbage\n")
    loaded, warnings = load_settings()
    assert loaded == Settings()
    assert "not UTF-8" in warnings[0]
    backup = next(path.parent.glob("settings.toml.corrupt-*"))
    assert backup.read_bytes() == b"scale = 2\n\xff\xfe garbage\n"


def test_explicit_path_is_honoured(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "my.toml"
    save_settings(Settings(scale=2), target)
    assert load_settings(target)[0].scale == 2
    assert not paths.settings_path().exists()


def test_saving_where_it_cannot_be_written_raises_oserror(isolated_user_dirs: Path) -> None:
    # The TUI catches OSError and shows a notice; the old file is kept (see test_storage_files).
    blocker = isolated_user_dirs / "xdg_config_home"
    blocker.rmdir()
    blocker.write_text("a file, not a directory")
    with pytest.raises(OSError):
        save_settings(Settings())
