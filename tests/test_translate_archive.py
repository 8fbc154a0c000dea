"""Hostile package archives and package folders, on real zips built at test time.

The archive checks read the zip's directory before unpacking anything, so an archive that
declares too much is refused before a byte is decompressed; the full-size cases (65 GB through
duplicate entries, a 3.9 GB member, a real 600 MB bomb) are in bench/fuzz_packages.py.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from reader.core.translate.archive import MAX_UNPACKED_BYTES
from tests.support.argos_tiny import cached_package
from tests.support.cli import assert_one_line_error, run_reader
from tests.support.hostile_archives import rebuilt, with_declared_size, with_duplicate_entries

CONTROL = "\x1b]2;pwned\x07\x9b"


def packages_root() -> Path:
    return Path(os.environ["ARGOS_PACKAGES_DIR"])


def leftovers() -> list[str]:
    """Anything installed, or staged beside the packages directory."""
    root = packages_root()
    found = [p.name for p in root.iterdir()] if root.exists() else []
    return found + [p.name for p in root.parent.glob(".reader-*")]


@pytest.fixture(scope="module")
def package_file() -> Path:
    return cached_package()


def test_archive_listing_one_file_hundreds_of_times_is_refused_before_unpacking(
    package_file: Path, tmp_path: Path
) -> None:
    zeros = rebuilt(package_file, tmp_path / "zeros.argosmodel", README_md=bytes(4_000_000))
    member_size = 4_000_000
    copies = MAX_UNPACKED_BYTES // member_size + 10  # declares more than the limit
    bomb = with_duplicate_entries(zeros, tmp_path / "bomb.argosmodel", "README.md", copies)
    assert bomb.stat().st_size < 200_000
    stderr = assert_one_line_error(run_reader("languages", "install", str(bomb)), 4)
    assert "README.md more than once" in stderr
    assert leftovers() == []


def test_member_declaring_more_than_the_package_limit_is_refused_with_the_limit_named(
    package_file: Path, tmp_path: Path
) -> None:
    big = with_declared_size(package_file, tmp_path / "big.argosmodel", "model.bin", 3_900_000_000)
    stderr = assert_one_line_error(run_reader("languages", "install", str(big)), 4)
    assert "would unpack to more than 500 MB, the limit for a translation package" in stderr
    assert leftovers() == []


def test_member_whose_header_understates_its_size_is_refused_as_damaged(
    package_file: Path, tmp_path: Path
) -> None:
    lying = with_declared_size(package_file, tmp_path / "lying.argosmodel", "model.bin", 100)
    stderr = assert_one_line_error(run_reader("languages", "install", str(lying)), 4)
    assert "is damaged" in stderr
    assert leftovers() == []


def test_deeply_nested_metadata_is_refused_in_one_line(package_file: Path, tmp_path: Path) -> None:
    nested = b"[" * 100_000 + b"]" * 100_000
    archive = rebuilt(package_file, tmp_path / "nested.argosmodel", metadata_json=nested)
    stderr = assert_one_line_error(run_reader("languages", "install", str(archive)), 4)
    assert "metadata.json is nested too deeply" in stderr
    assert leftovers() == []


def test_one_unreadable_installed_package_is_skipped_with_a_warning(
    package_file: Path, tmp_path: Path
) -> None:
    assert run_reader("languages", "install", str(package_file)).returncode == 0
    broken = packages_root() / f"broken{CONTROL}"
    shutil.copytree(packages_root() / "translate-en_xx-1_0", broken)
    (broken / "metadata.json").write_text("[" * 100_000 + "]" * 100_000)

    listed = run_reader("languages")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.decode().startswith("en → xx (Test en → Test xx, version 1.0)")
    warning = listed.stderr.decode()
    assert warning.count("\n") == 1 and warning.startswith("reader: warning: skipped")
    assert "metadata.json is nested too deeply" in warning
    assert "\x1b" not in warning and "\x9b" not in warning and "\x07" not in warning

    page = tmp_path / "page.html"
    page.write_text("<html lang=en><body><p>The quick brown fox reads the news.</p></body></html>")
    translated = run_reader("--plain", "--translate", "xx", str(page))
    assert translated.returncode == 0, translated.stderr
    assert "Machine-translated offline from en to xx" in translated.stdout.decode()
    assert "skipped the translation package" in translated.stderr.decode()


def test_package_folder_with_control_characters_installs_under_a_clean_name(
    package_file: Path, tmp_path: Path
) -> None:
    archive = rebuilt(package_file, tmp_path / "esc.argosmodel", top=f"en_xx{CONTROL}")
    with zipfile.ZipFile(archive) as zipf:
        assert any("\x1b" in name for name in zipf.namelist())
    result = run_reader("languages", "install", str(archive))
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == "Installed en → xx (Test en → Test xx, version 1.0)\n"
    names = [p.name for p in packages_root().iterdir()]
    assert names == ["en_xx__2_pwned__"]
    assert json.loads((packages_root() / names[0] / "metadata.json").read_text())["to_code"]
    listed = run_reader("languages").stdout.decode()
    assert listed == "en → xx (Test en → Test xx, version 1.0)\n"


def test_archive_declaring_too_many_files_is_refused(package_file: Path, tmp_path: Path) -> None:
    many = with_duplicate_entries(package_file, tmp_path / "many.argosmodel", "README.md", 10_001)
    # More than 65,535 entries: the count is in the zip64 end record.
    zip64 = tmp_path / "zip64.argosmodel"
    with zipfile.ZipFile(zip64, "w") as zipf:
        for number in range(70_000):
            zipf.writestr(f"pkg/{number}", b"")
    for archive in (many, zip64):
        stderr = assert_one_line_error(run_reader("languages", "install", str(archive)), 4)
        assert f"{archive.name} holds more than 10000 files" in stderr
    assert leftovers() == []
