"""The way out: what each Telegram answer means for a row (policy), and the sender."""
