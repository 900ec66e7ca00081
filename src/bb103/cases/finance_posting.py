"""The approved settlement month as a posting file (bogføringsfil) for the municipality's
finance system: one journal line per provider (and one for the municipality's share of
transport where its finance data asks for it), on the authorised function for § 103.

Format version 1 (docs/settlement.md, "Bogføringsfil"): CSV, semicolon-separated, UTF-8
without a byte order mark, CRLF line ends, one header line, amounts with a decimal comma
and exactly two decimals, dates ISO 8601. Nothing here reads the database beyond the lines
it is given; no CPR number is written (a line names its cases by case number).
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bb103.cases.engine.formatting import danish_month
from bb103.cases.engine.policy import FinanceAccount, FinanceSettings
from bb103.cases.errors import CaseError
from bb103.cases.export_cells import safe_text
from bb103.cases.models import Provider, SettlementLine

FORMAT_VERSION = 1
# The authorised chart of accounts (Budget- og regnskabssystem for kommuner, hovedkonto 5):
# beskyttet beskæftigelse efter serviceloven § 103 is function 5.38.58; a running expense
# is dranst 1 (drift).
FUNCTION = "5.38.58"
DRANST = "1"

COLUMNS = (
    "Bilag",
    "Bilagsdato",
    "Periode",
    "Linje",
    "Kontostreng",
    "Funktion",
    "Dranst",
    "Art",
    "Omkostningssted",
    "PSP-element",
    "Modtagertype",
    "CVR",
    "Modtager",
    "Placeringer",
    "Sager",
    "Beløb",
    "Tekst",
)

PROVIDER = "Leverandør"
CITIZENS = "Borgere"


@dataclass(frozen=True)
class Posting:
    account: FinanceAccount
    kind: str  # PROVIDER or CITIZENS
    cvr: str
    receiver: str
    placements: int
    cases: tuple[int, ...]
    amount: Decimal


@dataclass(frozen=True)
class PostingFile:
    content: bytes
    lines: int
    total: Decimal


def voucher(municipality_id: str, month: date) -> str:
    """The voucher number: one per municipality and month, so a second import of the same
    file is refused by the finance system as a duplicate voucher."""
    return f"BB103-{municipality_id}-{month:%Y-%m}"


def posting_text(month: date) -> str:
    """At most 50 characters, the shortest text field of the systems it is meant for."""
    return f"Beskyttet beskæftigelse § 103, {danish_month(month)}"


def postings(lines: Iterable[SettlementLine], finance: FinanceSettings) -> list[Posting]:
    """One posting per provider (the sum of what it is owed for the month's placements) and
    one for the municipality's share of transport where ``finance`` has an account for it.
    A posting of 0 kr. is left out. A provider without a CVR number is an error naming it:
    the file is made once and never changed, so it is never made without one."""
    by_provider: dict[int, list[SettlementLine]] = {}
    rows = list(lines)
    for line in rows:
        by_provider.setdefault(line.provider_id, []).append(line)
    found = []
    for group in by_provider.values():
        provider: Provider = group[0].provider
        amount = sum((x.provider_amount for x in group), Decimal(0))
        if amount == 0:
            continue
        if not provider.cvr:
            raise CaseError(
                f"Leverandøren »{provider.name}« har intet CVR-nummer, og bogføringsfilen "
                "skal have det. Registrér CVR-nummeret under Tilbud, og prøv igen.",
                field="cvr",
            )
        found.append(
            Posting(
                account=finance.accounts[provider.kind],
                kind=PROVIDER,
                cvr=provider.cvr,
                receiver=provider.name,
                placements=len(group),
                cases=_cases(group),
                amount=amount,
            )
        )
    found.sort(key=lambda p: (p.receiver, p.cvr))
    transport = finance.accounts.get("transport")
    paid = [x for x in rows if x.municipality_pays]
    amount = sum((x.municipality_pays for x in paid), Decimal(0))
    if transport is not None and amount:
        found.append(
            Posting(
                account=transport,
                kind=CITIZENS,
                cvr="",
                receiver="Befordring, kommunens andel (BEK 483 § 2)",
                placements=len(paid),
                cases=_cases(paid),
                amount=amount,
            )
        )
    return found


def _cases(lines: list[SettlementLine]) -> tuple[int, ...]:
    return tuple(sorted({x.placement.case_id for x in lines}))


def _amount(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def posting_file(
    *,
    municipality_id: str,
    month: date,
    approved_on: date,
    lines: Iterable[SettlementLine],
    finance: FinanceSettings,
) -> PostingFile:
    """The file's bytes for an approved month, approved on ``approved_on`` (the voucher
    date). The same lines and settings give the same bytes."""
    found = postings(lines, finance)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for n, p in enumerate(found, start=1):
        writer.writerow(
            [
                voucher(municipality_id, month),
                approved_on.isoformat(),
                f"{month:%Y-%m}",
                n,
                p.account.account,
                FUNCTION,
                DRANST,
                p.account.art,
                finance.cost_centre,
                p.account.psp,
                p.kind,
                p.cvr,
                safe_text(p.receiver),
                p.placements,
                " ".join(str(c) for c in p.cases),
                _amount(p.amount),
                posting_text(month),
            ]
        )
    return PostingFile(
        content=out.getvalue().encode("utf-8"),
        lines=len(found),
        total=sum((p.amount for p in found), Decimal(0)),
    )


def file_name(municipality_id: str, month: date) -> str:
    return f"bogfoering-{municipality_id}-{month:%Y-%m}.csv"
