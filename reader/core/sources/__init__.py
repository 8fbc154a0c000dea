"""Where pages come from: resolving a SOURCE, fetching over HTTP, content encodings, media types,
charsets, URLs.
"""
