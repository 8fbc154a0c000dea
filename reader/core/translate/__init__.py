"""Offline translation with argostranslate packages and their CTranslate2 models.

Nothing here imports argostranslate or ctranslate2 at import time: they are loaded only when a
translation (or a package command) is actually requested. Entry
points: `article.translate_for_output` (CLI output) and `article.translate_blocks` (TUI).
"""
