"""Everything the bot says, one module per feature, in English (the source language)."""
