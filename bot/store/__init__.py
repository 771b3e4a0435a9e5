"""Storage: SQLModel tables and the queries on them, shared by every part of the bot."""
