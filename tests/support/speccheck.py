"""Every Bot API call the stand-in receives, held against the published spec.

The checker is shared/botapi/validator.py beside the repository (CI lays a copy of shared/
next to its fresh clone). Without it the check is off, with one warning, not a failure.
Findings Telegram would accept as meant ("lenient") are not recorded.
"""
from __future__ import annotations

import importlib.util
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
VALIDATOR = REPO.parent / "shared" / "botapi" / "validator.py"


class SpecCheckOff(UserWarning):
    """The validator is not beside the repository, so calls go unchecked."""


@dataclass(frozen=True)
class Finding:
    """One way a call breaks the spec: the method, the parameter, what the validator says."""

    method: str
    param: str
    rule: str
    severity: str
    value: str
    params: dict = field(compare=False, hash=False, repr=False)

    def __str__(self) -> str:
        return f"[{self.severity}] {self.method} {self.param or '-'} = {self.value}: {self.rule}"


_validator: ModuleType | None = None
_warned = False


def load_validator() -> ModuleType | None:
    """The validator module, loaded once from beside the repository; None (warned once) if absent."""
    global _validator, _warned
    if _validator is None and VALIDATOR.exists():
        spec = importlib.util.spec_from_file_location("botapi_validator", VALIDATOR)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
        _validator = module
    if _validator is None and not _warned:
        _warned = True
        warnings.warn(f"{VALIDATOR} not found: Bot API calls are not checked against the spec",
                      SpecCheckOff, stacklevel=2)
    return _validator


class SpecCheck:
    """Checks each call as it arrives and keeps what it found."""

    def __init__(self, enabled: bool = True) -> None:
        self.validator = load_validator() if enabled else None
        self.findings: list[Finding] = []

    def check(self, method: str, params: dict) -> list[Finding]:
        """`params` as on the wire: form values are strings, nested objects JSON text."""
        if self.validator is None:
            return []
        found = [Finding(method, v.path, v.rule, v.severity, v.value, params)
                 for v in self.validator.validate(method, params) if v.severity != "lenient"]
        self.findings.extend(found)
        return found

    def assert_clean(self) -> None:
        """Fail with every finding, each with its call's params."""
        if self.findings:
            lines = [f"{f}\n    params: {f.params}" for f in dict.fromkeys(self.findings)]
            raise AssertionError("Bot API calls that break the spec:\n" + "\n".join(lines))
