"""Which language reader speaks: --ui-language, else ui_language in settings.toml, else the
locale (GNU gettext's order of LANGUAGE, LC_ALL, LC_MESSAGES, LANG), else English."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.i18n import choose_language, language_from_environment, match_language
from reader.core.storage import paths
from reader.core.storage.settings import load_settings
from reader.core.storage.settings_file import ui_language_setting
from tests.support.cli import assert_one_line_error, run_reader

PAGE = Path(__file__).resolve().parent / "pages" / "blocks.html"


def write_settings(text: str) -> None:
    path = paths.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def spoken(*args: str, env: dict[str, str] | None = None) -> str:
    """The plain output of a page with a level-2 heading."""
    result = run_reader("--plain", *args, str(PAGE), env=env)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("fr_FR.UTF-8", "fr"),
        ("de_AT", "de"),
        ("es-MX", "es"),
        ("hi_IN.utf8", "hi"),
        ("ar_EG.UTF-8@latin", "ar"),
        ("zh_CN.UTF-8", "zh_CN"),
        ("zh-Hans", "zh_CN"),
        ("zh_SG", "zh_CN"),
        ("en_US.UTF-8", "en"),
        ("C.UTF-8", "en"),
        ("POSIX", "en"),
        ("zh_TW.UTF-8", None),
        ("pt_BR.UTF-8", None),
        ("", None),
    ],
)
def test_locale_names_match_the_shipped_catalogs(tag: str, language: str | None) -> None:
    assert match_language(tag) == language


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "de_DE.UTF-8"}, "de"),
        ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "de_DE.UTF-8", "LC_ALL": "es_ES.UTF-8"}, "es"),
        ({"LANG": "fr_FR.UTF-8", "LANGUAGE": "hi:fr"}, "hi"),
        ({"LANG": "fr_FR.UTF-8", "LANGUAGE": "pt_BR:ar"}, "ar"),
        ({"LANG": "fr_FR.UTF-8", "LANGUAGE": "pt_BR"}, "fr"),
        # gettext ignores LANGUAGE when the locale is C: the C locale speaks English.
        ({"LC_ALL": "C.UTF-8", "LANGUAGE": "fr"}, "en"),
        ({"LANGUAGE": "fr"}, "en"),
        ({"LANG": "pt_BR.UTF-8"}, "en"),
    ],
)
def test_the_locale_is_read_in_gettext_order(environ: dict[str, str], language: str) -> None:
    assert language_from_environment(environ) == language


def test_option_beats_setting_beats_locale_beats_english() -> None:
    environ = {"LANG": "de_DE.UTF-8"}
    assert choose_language("fr", "es", environ) == "fr"
    assert choose_language(None, "es", environ) == "es"
    assert choose_language(None, None, environ) == "de"
    assert choose_language(None, None, {}) == "en"
    # A setting reader has no catalog for falls through to the locale.
    assert choose_language(None, "pt", environ) == "de"


def test_plain_output_speaks_the_locale_language() -> None:
    assert spoken(env={"LC_ALL": "fr_FR.UTF-8"}).count("\nTitre 2 : ") >= 1


def test_the_setting_beats_the_locale_and_the_option_beats_the_setting() -> None:
    write_settings('ui_language = "de"\n')
    assert ui_language_setting() == "de"
    assert load_settings()[0].ui_language == "de"
    german = spoken(env={"LC_ALL": "fr_FR.UTF-8"})
    assert "\nÜberschrift 2: " in german and "Titre" not in german
    spanish = spoken("--ui-language", "es", env={"LC_ALL": "fr_FR.UTF-8"})
    assert "\nEncabezado 2: " in spanish and "Überschrift" not in spanish
    assert "\nHeading 2: " in spoken("--ui-language=en")


def test_a_damaged_settings_file_leaves_the_locale_in_charge_and_is_not_moved() -> None:
    write_settings("ui_language = [not toml\n")
    assert "\nTitre 2 : " in spoken(env={"LC_ALL": "fr_FR.UTF-8"})
    assert paths.settings_path().exists()


def test_unknown_interface_language_is_a_one_line_usage_error() -> None:
    result = run_reader("--ui-language", "klingon", "--plain", str(PAGE))
    stderr = assert_one_line_error(result, 2)
    assert "'klingon'" in stderr and "fr" in stderr and "zh_CN" in stderr


def test_help_and_errors_speak_the_interface_language() -> None:
    result = run_reader("--ui-language", "fr", "--help")
    help_text = result.stdout.decode()
    assert result.returncode == 0
    assert help_text.startswith("utilisation\u00a0: reader")
    assert "afficher ce message d'aide et quitter" in help_text
    missing = run_reader("--ui-language", "fr", "--plain", "/no/such/file.html")
    stderr = assert_one_line_error(missing, 2)
    assert stderr.startswith("reader: fichier introuvable : /no/such/file.html (vérifiez le chemin")


def test_subcommands_speak_the_locale_language() -> None:
    result = run_reader("themes", env={"LC_ALL": "es_ES.UTF-8"})
    assert result.returncode == 0
    assert result.stdout.decode().split()[:4] == ["nombre", "tipo", "origen", "contraste"]
    result = run_reader("themes", "--ui-language", "zh_CN")
    assert result.stdout.decode().split()[:4] == ["名称", "类型", "来源", "对比度"]


def test_line_mode_speaks_the_interface_language() -> None:
    result = run_reader(
        "--line", "--ui-language", "de", str(PAGE), stdin=b"h\nw\nzz\nset step 9\nq\n"
    )
    assert result.returncode == 0, result.stderr.decode()
    said = result.stdout.decode()
    assert "Eingabetaste liest weiter; ? listet die Befehle auf." in said
    assert "\nÜberschrift 2: The three forces\n" in said
    assert "Nicht verstanden: zz. ? eingeben für die Liste der Befehle." in said
    assert "Jeder Schritt zeigt 9 Blöcke." in said
