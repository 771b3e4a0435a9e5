"""Telegram handlers, one module per feature; each exports `register(app)` and `COMMANDS`."""
