"""The bot's own HTTP server: Telegram's webhook, /healthz and /metrics on one port."""
