"""The one wiring point: settings in, a ready python-telegram-bot Application out."""
from __future__ import annotations

from telegram.ext import Application, ApplicationBuilder, ContextTypes

import rituals
from bot import jobs
from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.context import AttuneContext
from bot.edge.ratelimit import PacedRateLimiter
from bot.edge.request import AiohttpRequest
from bot.handlers import (
    conversation,
    fallback,
    forget,
    gate,
    hug,
    language,
    pairing,
    pause,
    question,
    responses,
    schedule,
    thread,
    week,
    weekly,
    words,
)
from bot.handlers import rituals as ritual_handlers
from bot.jobs.storage import file_identity
from bot.logs import quiet_library_tracebacks
from bot.outbox.sender import Sender
from bot.services import Services
from bot.store.db import open_database

# Feature modules in the order their handlers are tried; fallback answers what's left.
FEATURES = [pairing, ritual_handlers, question, weekly, week, hug, responses, words, thread,
            pause, schedule, language, forget, conversation]
# Long enough that a slow Telegram answers before we give up: a read time-out after
# Telegram may have accepted a message is the one way a word can arrive twice.
SEND_READ_TIMEOUT = 30.0


def build_application(settings: Settings, *, clock: Clock = system_clock, engine=None) -> Application:
    """Build the bot: storage, handlers, the sender and the timed jobs, all from `settings`."""
    engine = engine if engine is not None else open_database(settings.database_url)
    quiet_library_tracebacks()
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .context_types(ContextTypes(context=AttuneContext))
        .rate_limiter(PacedRateLimiter(rate=settings.sends_per_second))
        # aiohttp instead of PTB's httpx: same behaviour, a fraction of the CPU (bot/edge/request.py).
        # Room for the sender's 64 chats at once plus answers.
        .request(AiohttpRequest(connection_pool_size=128, read_timeout=SEND_READ_TIMEOUT))
        .get_updates_request(AiohttpRequest(connection_pool_size=2, read_timeout=5.0))
        .updater(None)  # the inbox's intake polls (bot/inbox/intake.py)
    )
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        builder = builder.base_url(base).base_file_url(base.replace("/bot", "/file/bot"))
    app = builder.build()
    services = Services(settings=settings, engine=engine, clock=clock)
    services.sender = Sender(engine=engine, bot=app.bot, clock=clock, metrics=services.metrics)
    services.storage_identity = file_identity(engine)
    app.bot_data["services"] = services
    app.bot_data["commands"] = command_list()
    gate.register(app)
    for feature in FEATURES:
        feature.register(app)
    fallback.register(app)
    jobs.schedule(app)
    return app


def command_list() -> list[tuple[str, str]]:
    """Every command with its one-line description, rituals first: for /help and the menu."""
    ritual_commands = [(r.command, r.description) for r in rituals.all_rituals()]
    feature_commands = [c for feature in FEATURES for c in getattr(feature, "COMMANDS", [])]
    return ritual_commands + feature_commands + fallback.COMMANDS
