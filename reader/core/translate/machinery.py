"""Whether the translation machinery, the `translate` extra, is installed.

Reading needs none of it; translating runs models on CTranslate2 with sentencepiece, which come
with `pip install 'reading-mode[translate]'`. Every translation entry point calls
`require_translation()` first, so a missing extra is one line naming what to install.
"""

from __future__ import annotations

from importlib.util import find_spec

from reader.core.errors import ContentError

MODULES = ("ctranslate2", "sentencepiece")
INSTALL_COMMAND = "pip install 'reading-mode[translate]'"


def missing_modules() -> list[str]:
    """The modules translation needs that cannot be imported here (without importing them)."""
    return [name for name in MODULES if _absent(name)]


def _absent(name: str) -> bool:
    try:
        return find_spec(name) is None
    except (ImportError, ValueError):  # a module set to None in sys.modules, a broken parent
        return True


def require_translation() -> None:
    """ContentError (exit 4) naming the extra to install when translation cannot run."""
    missing = missing_modules()
    if missing:
        raise ContentError(
            f"offline translation is not installed (no {' or '.join(missing)} module)",
            f"install it with: {INSTALL_COMMAND}",
        )
