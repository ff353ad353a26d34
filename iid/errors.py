"""Named errors that carry what failed, so the UI and the CLI can say it plainly."""

from __future__ import annotations

from dataclasses import dataclass, field


class IIDError(Exception):
    """Base of every error the app explains to a person."""


class BuildError(IIDError):
    """A data/ CSV could not be loaded into the database."""


class UnknownRegion(IIDError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass
class Problem:
    """One thing wrong with one cell of an imported file."""

    file: str
    row: int | None  # 1-based row number as a spreadsheet shows it (header = row 1)
    column: str | None
    value: str | None
    message_id: str
    message_en: str

    def text(self, lang: str = "id") -> str:
        where = []
        if self.row is not None:
            where.append(f"baris {self.row}" if lang == "id" else f"row {self.row}")
        if self.column:
            where.append(f"kolom `{self.column}`" if lang == "id" else f"column `{self.column}`")
        loc = ", ".join(where)
        msg = self.message_id if lang == "id" else self.message_en
        return f"{self.file}: {loc}: {msg}" if loc else f"{self.file}: {msg}"


@dataclass
class ImportRejected(IIDError):
    """An import was refused as a whole; the database is unchanged."""

    problems: list[Problem] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(p.text("id") for p in self.problems)
