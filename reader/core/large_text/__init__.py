"""Large text: big glyphs drawn from a bitmap font, and the kitty text-sizing protocol."""
