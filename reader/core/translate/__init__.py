"""Offline translation with argostranslate packages and their CTranslate2 models.

Nothing here imports ctranslate2 or sentencepiece at import time, and argostranslate never:
the models load only when a translation runs, and they come with the `translate` extra
(`machinery` says what to install when it is missing). Entry points:
`article.translate_for_output` (CLI output); `engine.find_route` with
`article.iter_translated` (TUI). Packages:
`locations` (where they live), `installed` (reading and removing them), `archive` (installing
a file safely), `index` (the argos index and downloads).
"""
