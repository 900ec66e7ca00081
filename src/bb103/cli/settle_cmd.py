"""``bb103 settle``: compute (and optionally approve) a municipality's monthly settlement,
and export it as CSV and XLSX for payroll and finance, and an approved month's posting file
for the finance system.

Django is imported only when this subcommand runs, as for ``bb103 sweep``. Without
``--user`` the run is the system's scheduled run (audited as the system user), which may
compute an open month but never approve one. Messages are English; the figures, warnings
and exports are the same Danish ones the settlement screen shows.
"""

import argparse
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

from bb103.cli.progress import progress_on
from bb103.rules.dates import parse_iso_month


def register(sub: Any) -> None:
    p = sub.add_parser(
        "settle",
        help="compute a municipality's monthly settlement; approve it; export CSV/XLSX",
        description=(
            "Compute a municipality's settlement of a month: per placement the days, wage, "
            "tax, transport split (BEK 483 § 2, through the rules engine) and what the "
            "provider is owed. An open month is recomputed (same result when nothing "
            "changed); an approved month is locked and never changes."
        ),
    )
    p.add_argument("--month", required=True, type=_month, metavar="YYYY-MM")
    p.add_argument("--municipality", required=True, metavar="ID", help="e.g. ballerup")
    p.add_argument(
        "--user",
        metavar="USERNAME",
        help="who runs it (a caseworker or manager of the municipality); default: the system",
    )
    p.add_argument("--approve", action="store_true", help="approve and lock (needs a manager)")
    p.add_argument("--csv", metavar="FILE", help="write the settlement as CSV (Excel, Danish)")
    p.add_argument("--xlsx", metavar="FILE", help="write the settlement as an XLSX workbook")
    p.add_argument(
        "--finance",
        metavar="FILE",
        help="write the approved month's finance posting file (CSV for the finance system; "
        "made once at approval, byte for byte the same every time)",
    )
    p.set_defaults(handler=run_settle)


def _month(text: str) -> date:
    try:
        return parse_iso_month(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month (YYYY-MM)") from None


class _Refused(Exception):
    """Bad input: one English line naming the argument, exit status 2."""


def run_settle(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bb103.site.settings")
    import django

    django.setup()
    try:
        _settle(args)
    except _Refused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


def _settle(args: argparse.Namespace) -> None:
    from django.utils import timezone

    from bb103.cases.errors import AccessDenied, CaseError
    from bb103.cases.models import Municipality, SettlementStatus, User
    from bb103.cases.services import settlement_approve, settlement_run

    municipality = Municipality.objects.filter(pk=args.municipality).first()
    if municipality is None:
        known = ", ".join(Municipality.objects.order_by("pk").values_list("pk", flat=True))
        raise _Refused(
            f"--municipality: unknown municipality {args.municipality!r} (known: {known})"
        )
    user = None
    if args.user is not None:
        user = User.objects.filter(username=args.user, is_active=True).first()
        if user is None:
            raise _Refused(f"--user: no active user {args.user!r}")
    if args.approve and user is None:
        raise _Refused("--approve: give --user, a manager of the municipality who approves")
    if args.month > timezone.localdate().replace(day=1):
        raise _Refused(f"--month: {args.month:%Y-%m} has not begun, so it cannot be settled")
    for flag, name in (("--csv", args.csv), ("--xlsx", args.xlsx), ("--finance", args.finance)):
        if name is not None and not Path(name).resolve().parent.is_dir():
            raise _Refused(f"{flag}: the folder of {name} does not exist")

    label = f"{municipality.pk} {args.month:%Y-%m}"
    try:
        settlement = settlement_run(
            user=user,
            municipality=municipality,
            month=args.month,
            progress=progress_on("Afregner", sys.stderr),
        )
        if settlement.status == SettlementStatus.APPROVED:
            print(f"{label}: approved and locked; nothing changed")
        elif args.approve:
            assert user is not None
            settlement = settlement_approve(user=user, settlement=settlement)
            print(f"{label}: computed, approved and locked by {user.username}")
        else:
            print(f"{label}: computed (open; run again to recompute, --approve to lock)")
    except AccessDenied:
        needed = "a manager" if args.approve else "a caseworker or manager"
        raise _Refused(
            f"--user: {args.user} may not do this in {municipality.pk}: it needs {needed} "
            "of the municipality"
        ) from None
    except CaseError as exc:
        # The service's reasons are Danish (they are shown on the screen too).
        raise _Refused(f"the settlement was refused: {exc.message}") from None
    _report(municipality, args, user)


def _report(municipality: Any, args: argparse.Namespace, user: Any) -> None:
    from bb103.cases.selectors.settlement import settlement_page_of
    from bb103.cases.settlement_export import csv_bytes, xlsx_bytes

    page = settlement_page_of(municipality, args.month)
    t = page.totals
    print(f"  placements: {len(page.lines)}; warnings: {page.warnings}")
    for name, key in (
        ("gross wage", "gross_wage"),
        ("tax", "tax"),
        ("net earnings", "net_earnings"),
        ("transport total", "transport_total"),
        ("  citizens pay", "citizen_pays"),
        ("  municipality pays", "municipality_pays"),
        ("owed to providers", "provider_amount"),
    ):
        print(f"  {name:<20} {t[key]:>14,.2f} kr.")
    for path, make in ((args.csv, csv_bytes), (args.xlsx, xlsx_bytes)):
        if path is not None:
            try:
                Path(path).write_bytes(make(page))
            except OSError as exc:
                raise _Refused(f"{path}: {exc.strerror}") from None
            print(f"  wrote {path}")
    if args.finance is not None:
        _finance_file(page, args.finance, user)


def _finance_file(page: Any, path: str, user: Any) -> None:
    from bb103.cases.errors import CaseError
    from bb103.cases.services import finance_file_create
    from bb103.cases.services.settlement import settlement_system_user

    if not page.approved:
        raise _Refused(
            "--finance: the month is not approved; its finance file is made when it is "
            "(--approve with a manager's --user)"
        )
    try:
        # Made at approval; a month approved before finance files existed gets it now, once.
        file = finance_file_create(
            settlement=page.settlement, actor=user or settlement_system_user()
        )
    except CaseError as exc:
        raise _Refused(f"--finance: the finance file cannot be made: {exc.message}") from None
    try:
        Path(path).write_bytes(bytes(file.content))
    except OSError as exc:
        raise _Refused(f"{path}: {exc.strerror}") from None
    print(
        f"  wrote {path} (finance file: {file.lines} postings, {file.total:,.2f} kr., "
        f"sha256 {file.sha256})"
    )
