"""The Telegram edge: the HTTP layer, pacing, keyboards and the data buttons carry."""
