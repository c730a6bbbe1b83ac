"""One exception tree; every message names the input and says what to do about it."""
from __future__ import annotations


class NewsgraphError(Exception):
    """Base class: `str(error)` is the one line a user sees."""

    def __init__(self, message: str, *, origin: str | None = None, line: int | None = None,
                 remedy: str | None = None) -> None:
        self.origin, self.line, self.remedy = origin, line, remedy
        self.reason = message
        super().__init__(self._render())

    def _render(self) -> str:
        where = ""
        if self.origin:
            where = f"{self.origin}:{self.line}: " if self.line is not None else f"{self.origin}: "
        tail = f" ({self.remedy})" if self.remedy else ""
        return f"{where}{self.reason}{tail}"


class InputError(NewsgraphError):
    """An input file, line or page that cannot be read as an article."""


class ConfigError(NewsgraphError):
    """A setting, lexicon file or model that is missing or malformed."""
