"""What reader keeps between runs: settings, reading state, the page cache, and the files behind
them.
"""
