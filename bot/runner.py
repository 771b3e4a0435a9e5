"""Running the bot: start every part in order, stop them in the reverse order.

Start: the application (handlers, JobQueue), the sender (after freeing leases a killed
process left), the lanes that handle the inbox, and the intake: polling, or in webhook
mode (WEBHOOK_URL) the web server and then setWebhook. The web server also serves
/healthz and /metrics (in polling mode only when PORT is set). Stop (SIGTERM, SIGINT):
the intake first, then the updates in hand may finish, then the sends in flight, all
within Docker's and systemd's 10-second grace; what is left waits in the database.
"""
from __future__ import annotations

import asyncio
import logging
import signal

from telegram import BotCommand
from telegram.ext import Application

from bot.inbox.intake import ALLOWED_UPDATES, Poller
from bot.inbox.lanes import Lanes
from bot.language import SOURCE, shipped, words_in
from bot.services import Services
from bot.store.db import close_database

log = logging.getLogger(__name__)

UPDATES_GRACE_SECONDS = 5.0
SENDS_GRACE_SECONDS = 3.0
# Telegram's connections to the webhook at once, shared by all workers behind it.
WEBHOOK_MAX_CONNECTIONS = 40


class Runner:
    """The running bot's parts, for `python -m bot` and for tests alike."""

    def __init__(self, app: Application, *, polling: bool | None = None) -> None:
        self.app = app
        self.services: Services = app.bot_data["services"]
        self.polling = not self.services.settings.webhook if polling is None else polling
        self.lanes: Lanes | None = None
        self.poller: Poller | None = None
        self.web = None  # the WebServer, when a port or a webhook is set
        self._tasks: list[asyncio.Task] = []

    async def start(self) -> None:
        app, services = self.app, self.services
        await app.initialize()
        services.username = app.bot.username or ""
        await self._set_commands()
        services.sender.recover()
        self.lanes = Lanes(app, services)
        self.lanes.recover()
        await app.start()
        self._tasks.append(asyncio.create_task(
            services.sender.run(services.settings.delivery_interval)))
        self._tasks.append(asyncio.create_task(self.lanes.run()))
        await self._start_web()
        if self.polling:
            self.poller = Poller(bot=app.bot, engine=services.engine, clock=services.clock,
                                 on_stored=self.lanes.wake, take=self.lanes.take,
                                 accepting=lambda: services.storage_ok)
            self._tasks.append(asyncio.create_task(self.poller.run()))
        log.info("Attune started as @%s", services.username)

    async def _start_web(self) -> None:
        """The web server (webhook, /healthz, /metrics), and in webhook mode setWebhook:
        every worker sets the same webhook, which is harmless."""
        settings = self.services.settings
        webhook = not self.polling and settings.webhook
        if settings.web_port is None and not webhook:
            return  # nor is aiohttp's web server loaded: 2 MB an idle polling bot never uses
        from bot.web.server import WebServer, webhook_path
        from bot.web.webhook import Webhook

        self.web = WebServer(
            self.services, host=settings.webhook_listen, port=settings.web_port or 0,
            webhook=Webhook(self.services, settings.webhook_secret.get_secret_value(),
                            self.lanes.wake, self.lanes.take) if webhook else None,
            path=webhook_path(settings.webhook_url) if webhook else "/")
        await self.web.start()
        if webhook:
            await self.app.bot.set_webhook(
                url=settings.webhook_url, secret_token=settings.webhook_secret.get_secret_value(),
                allowed_updates=ALLOWED_UPDATES, max_connections=WEBHOOK_MAX_CONNECTIONS)

    async def _set_commands(self) -> None:
        """The command menu in every shipped language: English for everyone, and each
        catalogue's own for people whose Telegram app speaks it."""
        for code in shipped():
            words = words_in(code)
            try:
                commands = [BotCommand(n, words(d)) for n, d in self.app.bot_data["commands"]]
                await self.app.bot.set_my_commands(
                    commands, language_code=None if code == SOURCE else code.split("_")[0])
            except Exception as error:  # the menu is a nicety; the bot works without it
                log.warning("could not register the %s commands: %s", code,
                            type(error).__name__)

    async def stop(self) -> None:
        if self.web is not None:
            await self.web.stop()
        if self.poller is not None:
            await self.poller.stop()
        if self.lanes is not None:
            await self.lanes.stop(UPDATES_GRACE_SECONDS)
        sender = self.services.sender
        loop_task = self._tasks[0] if self._tasks else None
        if sender is not None:
            await sender.stop(loop_task, SENDS_GRACE_SECONDS)
        for task in self._tasks[1:]:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        if self.app.running:
            await self.app.stop()
        close_database(self.services.engine)
        await self.app.shutdown()
        await self.app.bot.shutdown()  # a failed start skips it; closing twice is a no-op


async def run_until_signalled(app: Application, *, polling: bool | None = None) -> None:
    """Run until SIGTERM or SIGINT, then stop cleanly."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    runner = Runner(app, polling=polling)
    try:
        await runner.start()
        await stop.wait()
    finally:
        await runner.stop()
