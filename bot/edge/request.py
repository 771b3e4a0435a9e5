"""python-telegram-bot's HTTP layer on aiohttp: HTTPXRequest's behaviour at a fraction of its CPU.

PTB's default request class (httpx, httpcore, h11, anyio) was a fifth to a third of the bot's CPU
per update in bench/. This class keeps HTTPXRequest's contract (same defaults, same timeouts,
TimedOut and NetworkError in the same cases, (status, body) for every answer) on aiohttp's client,
whose HTTP parser is in C. HTTP/1.1 with keep-alive; no HTTP/2.

Where the two libraries differ:
- pool_timeout is the wait for a free slot among `connection_pool_size`; a semaphore in front of
  aiohttp's connector enforces it, so a full pool gives HTTPXRequest's "Pool timeout" TimedOut.
- aiohttp has no timeout per socket write. So that a peer that stops reading cannot hang a send,
  the whole request is capped at connect + pool + write + read (when all are finite); a read
  timeout still counts from the end of the request, as in httpx.
- Proxies come only from `proxy`, not from HTTPS_PROXY: aiohttp's trust_env re-reads the
  environment on every request.
"""
from __future__ import annotations

import asyncio
import re
from urllib.parse import urlencode

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

# httpx's (HTML5) escaping of a multipart filename: no quote or control character breaks the header.
_FILENAME_ESCAPES = {'"': "%22", **{chr(c): f"%{c:02X}" for c in range(0x20) if c != 0x1B}}
_FILENAME_UNSAFE = re.compile("|".join(re.escape(c) for c in _FILENAME_ESCAPES))
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
POOL_TIMEOUT_MESSAGE = (
    "Pool timeout: All connections in the connection pool are occupied. "
    "Request was *not* sent to Telegram. Consider adjusting the connection "
    "pool size or the pool timeout."
)


class AiohttpRequest(BaseRequest):
    """A BaseRequest on one aiohttp ClientSession, created in the running loop by initialize()."""

    __slots__ = ("_pool_size", "_timeouts", "_media_write_timeout", "_proxy", "_session",
                 "_slots", "_headers", "_form_headers")

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
        proxy: str | None = None,
    ) -> None:
        if connection_pool_size < 1:
            raise ValueError("connection_pool_size must be at least 1")
        self._pool_size = connection_pool_size
        self._timeouts = {"read": read_timeout, "write": write_timeout,
                          "connect": connect_timeout, "pool": pool_timeout}
        self._media_write_timeout = media_write_timeout
        self._proxy = proxy
        self._session: aiohttp.ClientSession | None = None
        self._slots: asyncio.Semaphore | None = None
        self._headers = {"User-Agent": self.USER_AGENT}
        self._form_headers = {**self._headers, "Content-Type": FORM_CONTENT_TYPE}

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout in seconds, as passed to the constructor."""
        return self._timeouts["read"]

    async def initialize(self) -> None:
        """Open the session (and its connection pool) in the running loop; again is a no-op."""
        if self._session is not None and not self._session.closed:
            return
        connector = aiohttp.TCPConnector(limit=self._pool_size, limit_per_host=0)
        self._session = aiohttp.ClientSession(connector=connector, trust_env=False,
                                              raise_for_status=False)
        self._slots = asyncio.Semaphore(self._pool_size)

    async def shutdown(self) -> None:
        """Close the session and its connections; safe before initialize() and twice."""
        if self._session is None or self._session.closed:
            return
        await self._session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request: (status, body) for any answer; TimedOut or NetworkError for none."""
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        has_files = bool(request_data and request_data.contains_files)
        data, headers = self._body(request_data, has_files)
        read, write, connect, pool = self._effective_timeouts(
            read_timeout, write_timeout, connect_timeout, pool_timeout, has_files
        )
        timeout = aiohttp.ClientTimeout(
            total=_sum_or_none(connect, pool, write, read),
            sock_connect=connect,
            sock_read=read,
        )
        await self._take_slot(pool)
        try:
            return await self._send(method, url, data, headers, timeout)
        finally:
            self._slots.release()

    def _effective_timeouts(self, read, write, connect, pool, has_files: bool):
        """Replace each timeout not passed with this instance's default, as HTTPXRequest does."""
        if isinstance(read, DefaultValue):
            read = self._timeouts["read"]
        if isinstance(write, DefaultValue):
            write = self._media_write_timeout if has_files else self._timeouts["write"]
        if isinstance(connect, DefaultValue):
            connect = self._timeouts["connect"]
        if isinstance(pool, DefaultValue):
            pool = self._timeouts["pool"]
        return read, write, connect, pool

    def _body(self, request_data: RequestData | None, has_files: bool):
        """Form-encode the parameters, or build multipart when there are files to upload."""
        if request_data is None:
            return None, self._headers
        if has_files:
            return _multipart(request_data), self._headers
        parameters = request_data.json_parameters
        if not parameters:
            return None, self._headers
        return urlencode(parameters).encode(), self._form_headers

    async def _take_slot(self, pool_timeout: float | None) -> None:
        """Wait at most pool_timeout for a free connection slot; TimedOut if none frees up."""
        if not self._slots.locked():
            await self._slots.acquire()  # free slot: returns at once, no timer needed
            return
        try:
            async with asyncio.timeout(pool_timeout):
                await self._slots.acquire()
        except TimeoutError as err:
            raise TimedOut(message=POOL_TIMEOUT_MESSAGE) from err

    async def _send(self, method, url, data, headers, timeout) -> tuple[int, bytes]:
        """One round trip; timeouts become TimedOut and every other client error NetworkError."""
        try:
            async with self._session.request(method, url, data=data, headers=headers,
                                             timeout=timeout, proxy=self._proxy) as response:
                return response.status, await response.read()
        except TimeoutError as err:  # aiohttp's ServerTimeoutError is one too
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err


def _multipart(request_data: RequestData) -> aiohttp.FormData:
    """The parameters as plain fields, then each file as (filename, content, mimetype)."""
    form = aiohttp.FormData(quote_fields=False)
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        form.add_field(name, content, filename=_safe_filename(filename), content_type=mimetype)
    return form


def _safe_filename(filename: str | None) -> str | None:
    """The filename with quotes and control characters percent-escaped, as httpx sends it."""
    if filename is None:
        return None
    return _FILENAME_UNSAFE.sub(lambda match: _FILENAME_ESCAPES[match.group(0)], filename)


def _sum_or_none(*timeouts: float | None) -> float | None:
    """The sum of the timeouts, or None (no cap) when any of them is unlimited."""
    if any(timeout is None for timeout in timeouts):
        return None
    return sum(timeouts)
