"""Page -> Article: parse, clean, find the article with readability, convert to blocks, read
metadata.
"""
