"""Benchmarks: Attune against its floors (a plain echo bot, Telegram's send limits), on loopback."""
