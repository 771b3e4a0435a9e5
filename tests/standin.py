"""Old import path of the Bot API stand-in, kept while branches written against it merge;
new tests import from tests.support."""
from tests.support.people import Person
from tests.support.records import Sent
from tests.support.standin import BotApiStandIn

__all__ = ["BotApiStandIn", "Person", "Sent"]
