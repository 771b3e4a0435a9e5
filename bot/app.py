"""The one wiring point: settings in, a ready python-telegram-bot Application out."""
from __future__ import annotations

import asyncio
import logging

from telegram import BotCommand
from telegram.ext import Application, ApplicationBuilder

import rituals
from bot import nudges, texts
from bot.clock import Clock, system_clock
from bot.config import Settings
from bot.delivery import Deliverer
from bot.handlers import common, fallback, forget, pairing, pause, responses, schedule, thread
from bot.handlers import rituals as ritual_handlers
from bot.logs import quiet_library_tracebacks
from bot.ratelimit import PacedRateLimiter
from bot.request import AiohttpRequest
from bot.services import Services
from bot.store import queries
from bot.store.db import close_database, open_database, session_scope
from bot.store.models import User

log = logging.getLogger(__name__)

# Feature modules in the order their handlers are tried; fallback answers what's left.
FEATURES = [pairing, ritual_handlers, responses, thread, pause, schedule, forget]


def build_application(settings: Settings, *, clock: Clock = system_clock, engine=None) -> Application:
    """Build the bot: storage, handlers, delivery loop and jobs, all from `settings`."""
    engine = engine if engine is not None else open_database(settings.database_url)
    quiet_library_tracebacks()
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .rate_limiter(PacedRateLimiter(max_retries=3))
        # aiohttp instead of PTB's httpx: same behaviour, a fraction of the CPU (bot/request.py).
        # Room for the delivery loop's 64 chats at once plus handlers and nudges.
        .request(AiohttpRequest(connection_pool_size=128))
        # getUpdates adds its long-poll timeout to this read timeout, as with PTB's default.
        .get_updates_request(AiohttpRequest(connection_pool_size=1, read_timeout=5.0))
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        .concurrent_updates(False)
    )
    if settings.telegram_api_base_url:
        base = settings.telegram_api_base_url.rstrip("/")
        builder = builder.base_url(base).base_file_url(base.replace("/bot", "/file/bot"))
    app = builder.build()
    app.bot_data["services"] = Services(settings=settings, engine=engine, clock=clock)
    app.bot_data["commands"] = command_list()
    common.register(app)
    for feature in FEATURES:
        feature.register(app)
    fallback.register(app)
    return app


def command_list() -> list[tuple[str, str]]:
    """Every command with its one-line description, rituals first: for /help and the menu."""
    ritual_commands = [(r.command, r.description) for r in rituals.all_rituals()]
    feature_commands = [c for feature in FEATURES for c in getattr(feature, "COMMANDS", [])]
    return ritual_commands + feature_commands + fallback.COMMANDS


async def _post_init(app: Application) -> None:
    services: Services = app.bot_data["services"]
    services.username = app.bot.username or ""
    services.deliverer = Deliverer(
        engine=services.engine,
        bot=app.bot,
        clock=services.clock,
        on_blocked=lambda user_id: _tell_partner_blocked(app, user_id),
        known_people=services.known_people,
    )
    try:
        await app.bot.set_my_commands([BotCommand(n, d) for n, d in app.bot_data["commands"]])
    except Exception as error:  # the menu is a nicety; the bot works without it
        log.warning("could not register commands: %s", type(error).__name__)
    services.deliverer.recover()
    task = asyncio.create_task(services.deliverer.run_forever(services.settings.delivery_interval))
    app.bot_data["delivery_task"] = task
    nudges.start(app)
    log.info("Attune started as @%s", services.username)


async def _post_stop(app: Application) -> None:
    await nudges.stop(app)
    services: Services = app.bot_data["services"]
    task = app.bot_data.pop("delivery_task", None)
    if services.deliverer is not None:
        await services.deliverer.stop(task)
    close_database(services.engine)


async def _post_shutdown(app: Application) -> None:
    # A failed start (Telegram unreachable) skips the bot's shutdown, which would leave the
    # aiohttp sessions open and warning at exit; closing twice is a no-op.
    await app.bot.shutdown()


async def _tell_partner_blocked(app: Application, blocked_id: int) -> None:
    """Tell the partner, once, that their words are saved and wait for the other's return."""
    from bot.store import outbox

    services: Services = app.bot_data["services"]
    with session_scope(services.engine) as session:
        blocked = session.get(User, blocked_id)
        partner = queries.partner_of(session=session, user=blocked) if blocked else None
        if partner is None:
            return
        outbox.enqueue(
            session=session,
            recipient_id=partner.id,
            texts=[texts.PARTNER_UNREACHABLE.format(partner=blocked.first_name)],
            now=services.clock(),
            kind="notice",
            holdable=False,
        )
    services.deliverer.wake()
