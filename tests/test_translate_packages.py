"""`reader languages`: installing a real (tiny) argos package, corrupt files, removal, the index."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.commands.languages import main as languages_main
from reader.core.errors import ContentError
from reader.core.translate.installed import installed_packages
from reader.core.translate.locations import packages_dir
from tests.support.argos_tiny import cached_package
from tests.support.httpserver import LocalServer, http_server

__all__ = ["http_server"]  # the fixture, used by name


@pytest.fixture
def env() -> dict[str, str]:
    """The test's environment, with user folders isolated by the autouse fixture in conftest."""
    return dict(os.environ)


@pytest.fixture(scope="session")
def package_file() -> Path:
    return cached_package()


def run_reader(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


class Result:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> Result:
    """`reader ARGS` in this process (the environment comes from the `env` fixture)."""
    from reader.cli import main

    code = main(args)
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)


def leftovers(env: dict[str, str]) -> list[str]:
    """Anything in the packages dir or staged beside it."""
    root = Path(env["ARGOS_PACKAGES_DIR"])
    found = [p.name for p in root.iterdir()] if root.exists() else []
    return found + [p.name for p in root.parent.glob(".reader-*")]


def test_install_file_through_the_cli_lists_the_pair(package_file: Path, env) -> None:
    result = run_reader(["languages", "install", str(package_file)], env)
    assert result.returncode == 0, result.stderr
    assert "Installed en → xx" in result.stdout
    listed = run_reader(["languages"], env)
    assert listed.returncode == 0
    assert "en → xx (Test en → Test xx, version 1.0)" in listed.stdout
    assert Path(env["ARGOS_PACKAGES_DIR"], "translate-en_xx-1_0", "model", "model.bin").is_file()


def test_argostranslate_itself_sees_the_installed_package(package_file: Path, env) -> None:
    assert languages_main(["install", str(package_file)]) == 0
    code = (
        "from argostranslate import package, settings\n"
        "print(settings.package_data_dir)\n"
        "print([(p.from_code, p.to_code) for p in package.get_installed_packages()])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert Path(lines[0]) == packages_dir()
    assert lines[1] == "[('en', 'xx')]"


def test_no_packages_says_how_to_install(env, capsys) -> None:
    assert languages_main([]) == 0
    out = capsys.readouterr().out
    assert "No translation packages installed" in out
    assert "reader languages install FROM TO" in out


def _corrupt_variants(original: Path, workdir: Path) -> dict[str, Path]:
    data = original.read_bytes()
    variants = {}
    variants["not a zip"] = workdir / "text.argosmodel"
    variants["not a zip"].write_text("this is not a zip file")
    variants["truncated"] = workdir / "truncated.argosmodel"
    variants["truncated"].write_bytes(data[: len(data) // 2])
    # Flip bytes inside the model's compressed data: the zip opens but a CRC check fails.
    with zipfile.ZipFile(original) as zipf:
        info = next(i for i in zipf.infolist() if i.filename.endswith("model.bin"))
    flipped = bytearray(data)
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 50
    for i in range(start, start + 64):
        flipped[i] ^= 0xFF
    variants["bad checksum"] = workdir / "flipped.argosmodel"
    variants["bad checksum"].write_bytes(bytes(flipped))
    # A sound zip without a model.
    variants["no model"] = workdir / "nomodel.argosmodel"
    with zipfile.ZipFile(original) as src, zipfile.ZipFile(variants["no model"], "w") as dst:
        for item in src.infolist():
            if "/model/" not in item.filename:
                dst.writestr(item, src.read(item))
    # A path that escapes the packages directory.
    variants["unsafe path"] = workdir / "escape.argosmodel"
    with zipfile.ZipFile(variants["unsafe path"], "w") as dst:
        dst.writestr("pkg/metadata.json", "{}")
        dst.writestr("pkg/../../evil.txt", "x")
    # A damaged sentencepiece model.
    variants["bad tokenizer"] = workdir / "badspm.argosmodel"
    with zipfile.ZipFile(original) as src, zipfile.ZipFile(variants["bad tokenizer"], "w") as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename.endswith("sentencepiece.model"):
                body = b"garbage" * 10
            dst.writestr(item, body)
    return variants


def test_corrupt_package_files_fail_cleanly_and_install_nothing(
    package_file: Path, env, tmp_path: Path, capsys
) -> None:
    variants = _corrupt_variants(package_file, tmp_path)
    for what, path in variants.items():
        result = run_cli(["languages", "install", str(path)], capsys)
        assert result.returncode == 4, (what, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("reader: "), (what, result.stderr)
        assert "Traceback" not in result.stderr
        assert leftovers(env) == [], what
    assert not (tmp_path / "evil.txt").exists()


def test_failed_reinstall_keeps_the_working_package(package_file: Path, env, tmp_path) -> None:
    assert languages_main(["install", str(package_file)]) == 0
    broken = _corrupt_variants(package_file, tmp_path)["no model"]
    with pytest.raises(ContentError, match="no CTranslate2 model"):
        languages_main(["install", str(broken)])
    assert [p.pair for p in installed_packages()] == ["en → xx"]
    assert (installed_packages()[0].path / "model" / "model.bin").is_file()


def test_remove_uninstalls_and_missing_pair_names_installed_ones(
    package_file: Path, env, capsys
) -> None:
    assert languages_main(["install", str(package_file)]) == 0
    missing = run_cli(["languages", "remove", "en", "de"], capsys)
    assert missing.returncode == 2
    assert "no package installed for en → de" in missing.stderr
    assert "installed: en → xx" in missing.stderr
    assert languages_main(["remove", "en", "xx"]) == 0
    assert installed_packages() == []
    assert leftovers(env) == []


def test_missing_file_is_a_usage_error(env, capsys) -> None:
    result = run_cli(["languages", "install", "/nonexistent/pkg.argosmodel"], capsys)
    assert result.returncode == 2
    assert "no such package file" in result.stderr


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_available_offline_says_it_needs_internet(env, monkeypatch, capsys) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{_closed_port()}/")
    result = run_cli(["languages", "available"], capsys)
    assert result.returncode == 3
    assert "cannot reach the argos package index" in result.stderr
    assert "needs internet" in result.stderr


@pytest.fixture
def index_server(package_file: Path, tmp_path: Path) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving an argos index and the package file."""
    root = tmp_path / "www"
    root.mkdir()
    shutil.copy(package_file, root / "en_xx.argosmodel")
    handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(  # noqa: E731
        *a, directory=str(root), **k
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    index = [
        {
            "package_version": "1.0",
            "argos_version": "1.12",
            "from_code": "en",
            "from_name": "English",
            "to_code": "xx",
            "to_name": "Test",
            "type": "translate",
            "links": [base + "en_xx.argosmodel"],
        }
    ]
    (root / "index.json").write_text(json.dumps(index))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_available_and_install_pair_from_the_index(
    env, index_server: str, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    available = run_cli(["languages", "available"], capsys)
    assert available.returncode == 0, available.stderr
    assert "en → xx (English → Test, version 1.0)" in available.stdout
    installed = run_cli(["languages", "install", "en", "xx"], capsys)
    assert installed.returncode == 0, installed.stderr
    assert "Downloading en → xx" in installed.stderr
    assert "Installed en → xx" in installed.stdout
    assert "(installed)" in run_cli(["languages", "available"], capsys).stdout
    missing = run_cli(["languages", "install", "en", "fr"], capsys)
    assert missing.returncode == 2
    assert "no package for en → fr" in missing.stderr
    assert [p.name for p in Path(env["ARGOS_PACKAGES_DIR"]).parent.glob(".reader-*")] == []


def test_index_and_package_downloads_keep_the_page_fetch_limits(
    env, http_server: LocalServer, monkeypatch, capsys
) -> None:
    # The index gets a page's size cap, counted while it streams...
    http_server.page("/big/index.json", b"[" + b" " * 21_000_000 + b"]", content_type=None)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", http_server.url("/big/"))
    result = run_cli(["languages", "available"], capsys)
    assert result.returncode == 3, result.stderr
    assert result.stderr.count("\n") == 1
    assert "larger than the 20 MB limit" in result.stderr
    # ...and a package link follows the same redirect rules as a page.
    entry = {"from_code": "en", "to_code": "xx", "links": [http_server.url("/package")]}
    http_server.page("/ok/index.json", json.dumps([entry]).encode(), content_type=None)
    http_server.route(
        "/package",
        lambda handler: handler.send_page(
            b"", status=302, headers={"Location": "file:///etc/passwd"}
        ),
    )
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", http_server.url("/ok/"))
    result = run_cli(["languages", "install", "en", "xx"], capsys)
    assert result.returncode == 3, result.stderr
    assert result.stderr.count("\n") == 1
    assert "redirected to a file: address" in result.stderr
    assert leftovers(env) == []
