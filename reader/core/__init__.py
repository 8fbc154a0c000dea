"""The reading pipeline: source -> Page -> Article -> renderers. Never imports Textual or Rich."""
