"""Old import path of the in-process harness, kept while branches written against it merge;
new tests import from tests.support."""
from tests.support.flows import invite_code
from tests.support.harness import Harness
from tests.support.people import BEN, EVE, SAM, TOKEN

__all__ = ["BEN", "EVE", "SAM", "TOKEN", "Harness", "invite_code"]
