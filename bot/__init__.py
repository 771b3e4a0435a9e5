"""Attune's Telegram adapter: handlers, keyboards, delivery and scheduling around `rituals`."""
