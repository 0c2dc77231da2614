"""Problems found while reading user files: each says file, line, field, what is wrong and how to fix."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    message: str
    line: int | None = None
    field: str | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR
    # True when the whole document was left out because of this problem.
    skipped: bool = False

    def format(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.severity}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" (hint: {self.hint})"
        if self.skipped:
            text += " [document not loaded]"
        return text

    def __str__(self) -> str:
        return self.format()
