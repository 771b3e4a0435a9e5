"""Prometheus metrics: one CollectorRegistry per Application, so tests can build many apps in
one process, and a worker's /metrics shows only its own figures.

The hot paths call one method each (`handled` in the lanes, `settled` in the sender,
`nudged` in the evening tick). Labels are a closed set of words chosen here (update types,
outcomes, message kinds, retry reasons): never a user id, never anything a person wrote.
"""
from __future__ import annotations

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

disable_created_metrics()  # no *_created series beside every counter: half the output, no use

CONTENT_TYPE = CONTENT_TYPE_LATEST
UPDATE_TYPES = frozenset({
    "message", "edited_message", "callback_query", "my_chat_member", "chat_member",
    "channel_post", "edited_channel_post", "inline_query", "chosen_inline_result",
    "pre_checkout_query", "shipping_query", "poll", "poll_answer", "chat_join_request",
    "message_reaction", "business_message",
})
MESSAGE_KINDS = frozenset({"relay", "answer", "notice", "nudge"})
HANDLING_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


def update_type(raw: dict) -> str:
    """The kind of a raw update, as one of a fixed set of label values."""
    for key in raw:
        if key != "update_id":
            return key if key in UPDATE_TYPES else "other"
    return "other"


class Metrics:
    """This application's counters, histogram and gauges."""

    def __init__(self) -> None:
        self.registry = registry = CollectorRegistry(auto_describe=True)
        self.updates = Counter("attune_updates", "Updates handled, by type and outcome "
                               "(handled, retried later, error)", ["type", "outcome"],
                               registry=registry)
        self.handling = Histogram("attune_update_handling_seconds", "Time from taking an "
                                  "update off the inbox to settling it", ["type"],
                                  buckets=HANDLING_BUCKETS, registry=registry)
        self.sent = Counter("attune_messages_sent", "Messages Telegram accepted, by kind",
                            ["kind"], registry=registry)
        self.too_many = Counter("attune_telegram_429", "Sends Telegram answered with 429 "
                                "Too Many Requests", registry=registry)
        self.retries = Counter("attune_send_retries", "Sends left pending to be tried again, "
                               "by reason", ["reason"], registry=registry)
        self.parked = Counter("attune_sends_parked", "Sends held because the person blocked "
                              "the bot", registry=registry)
        self.failed = Counter("attune_sends_failed", "Messages set aside after too many "
                              "refusals", registry=registry)
        self.nudges = Counter("attune_nudges_queued", "Evening nudges queued (once per person "
                              "per evening)", registry=registry)
        self.inbox_pending = Gauge("attune_inbox_pending", "Updates stored, not yet handled",
                                   registry=registry)
        self.inbox_age = Gauge("attune_inbox_oldest_pending_seconds", "Age of the oldest "
                               "pending update", registry=registry)
        self.outbox_pending = Gauge("attune_outbox_pending", "Messages waiting to be sent",
                                    registry=registry)
        self.outbox_age = Gauge("attune_outbox_oldest_pending_seconds", "Age of the oldest "
                                "pending message", registry=registry)
        self.database_up = Gauge("attune_database_up", "1 when the last look at the database "
                                 "worked", registry=registry)

    # the hot paths --------------------------------------------------------------------
    def handled(self, raw: dict, outcome: str, seconds: float) -> None:
        kind = update_type(raw)
        self.updates.labels(kind, outcome).inc()
        self.handling.labels(kind).observe(seconds)

    def settled(self, kind: str, verdict: object) -> None:
        """Count what a send came to (the sender's verdict: Sent, Retry, Park or Fail)."""
        name = type(verdict).__name__
        if name == "Sent":
            self.sent.labels(kind if kind in MESSAGE_KINDS else "other").inc()
        elif name == "Retry":
            reason = getattr(verdict, "reason", "")
            if reason == "rate limited":
                self.too_many.inc()
                self.retries.labels("rate_limited").inc()
            else:
                self.retries.labels("refused" if reason == "refused" else "error").inc()
        elif name == "Park":
            self.parked.inc()
        elif name == "Fail":
            self.failed.inc()

    def nudged(self, count: int) -> None:
        self.nudges.inc(count)

    # a scrape -------------------------------------------------------------------------
    def observe_depths(self, look: dict | None) -> None:
        """Set the gauges from a look at the database (health.look); None: it failed."""
        self.database_up.set(0 if look is None else 1)
        if look is None:
            return
        self.inbox_pending.set(look["inbox"]["pending"])
        self.inbox_age.set(look["inbox"]["oldest_seconds"])
        self.outbox_pending.set(look["outbox"]["pending"])
        self.outbox_age.set(look["outbox"]["oldest_seconds"])

    def render(self) -> bytes:
        return generate_latest(self.registry)
