"""The retention period of closed cases, read from dated, sourced data
(``bb103/data/gdpr/retention.toml``), never from code: a change is a new dated entry.

Kept apart from the rules engine's law file because it is the archive's rule, not the
social law the engine evaluates, and the engine's loader refuses unknown parameters."""

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from bb103.cases.engine.formatting import danish_date

RETENTION_FILE = Path(__file__).resolve().parent.parent / "data" / "gdpr" / "retention.toml"
_ENTRY_KEYS = {"from", "value", "source", "assumption"}
_UNITS = {"years", "months", "days"}


@dataclass(frozen=True)
class RetentionPeriod:
    amount: int
    unit: str
    valid_from: date
    source: str
    assumption: bool

    def ends(self, closed_on: date) -> date:
        """The last day the files are kept: ``closed_on`` plus the period (29 February plus
        whole years is 28 February)."""
        if self.unit == "days":
            return date.fromordinal(closed_on.toordinal() + self.amount)
        months = self.amount * (12 if self.unit == "years" else 1)
        year, month = divmod(closed_on.month - 1 + months, 12)
        year, month = closed_on.year + year, month + 1
        day = closed_on.day
        while True:
            try:
                return date(year, month, day)
            except ValueError:
                day -= 1

    def label(self) -> str:
        units = {"years": "år", "months": "måneder", "days": "dage"}
        return f"{self.amount} {units[self.unit]}"


@cache
def _entries() -> tuple[RetentionPeriod, ...]:
    data = tomllib.loads(RETENTION_FILE.read_text(encoding="utf-8"))
    where = RETENTION_FILE.name
    unknown = set(data) - {"retention", "parameters"} | set(data.get("parameters", {})) - {
        "case_file_retention"
    }
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    rows = []
    for raw in data["parameters"]["case_file_retention"]:
        if set(raw) - _ENTRY_KEYS or not {"from", "value", "source"} <= set(raw):
            raise ValueError(f"{where}: case_file_retention entry {raw!r} has wrong keys")
        value = raw["value"]
        if set(value) != {"amount", "unit"} or value["unit"] not in _UNITS:
            raise ValueError(f"{where}: case_file_retention value {value!r}")
        rows.append(
            RetentionPeriod(
                amount=int(value["amount"]),
                unit=value["unit"],
                valid_from=raw["from"],
                source=raw["source"],
                assumption=bool(raw.get("assumption", False)),
            )
        )
    rows.sort(key=lambda r: r.valid_from)
    if len({r.valid_from for r in rows}) != len(rows):
        raise ValueError(f"{where}: two case_file_retention entries from the same day")
    return tuple(rows)


def retention_period_on(day: date) -> RetentionPeriod:
    """The period in force on ``day``; none in force is an error, never a silent default."""
    in_force = [r for r in _entries() if r.valid_from <= day]
    if not in_force:
        raise ValueError(f"no retention period in force on {danish_date(day)}")
    return in_force[-1]
