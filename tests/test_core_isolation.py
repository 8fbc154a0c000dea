"""The core never pulls in the TUI: plain mode stays fast and the layers stay honest."""

import subprocess
import sys

CORE_MODULES = [
    "reader.core",
    "reader.core.document",
    "reader.core.safe_text",
    "reader.core.errors",
    "reader.core.pipeline",
    "reader.cli",
]


def test_importing_the_core_and_cli_loads_no_textual_or_rich() -> None:
    imports = "; ".join(f"import {name}" for name in CORE_MODULES)
    code = (
        f"import sys; {imports}; import pkgutil, importlib, reader.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'reader.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_core_public_api_names_resolve_and_load_only_when_used() -> None:
    code = (
        "import sys, reader.core as core\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('reader.core.'))\n"
        "print(','.join(loaded))\n"
        "print(all(getattr(core, name) is not None for name in core.__all__))\n"
        "from reader.core import Article, Options, load_article, render\n"
        "article = load_article(None, Options())\n"
        "print(isinstance(article, Article), render(article, 'plain').startswith('Welcome'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["", "True", "True True"]
