"""``bb103 sweep``: the case system's daily sweep (tasks for caseworkers).

The same as ``bb103 manage sweep``; Django is imported only when this subcommand runs, so
the engine's commands stay free of it.
"""

import argparse
import os
import sys
from typing import Any


def register(sub: Any) -> None:
    sweep = sub.add_parser(
        "sweep",
        help="make caseworkers' tasks from deadlines, follow-ups, pension age, wages, complaints",
        description=(
            "Run the daily sweep as of a date (default today, Europe/Copenhagen). Safe to "
            "repeat, to rerun after a crash, and to run on several workers at once."
        ),
    )
    sweep.add_argument("--date", metavar="YYYY-MM-DD", help="sweep as of this day")
    sweep.add_argument("--municipality", metavar="ID", help="only this municipality's cases")
    sweep.add_argument("--batch-size", type=int, metavar="N", help="cases per transaction")
    sweep.set_defaults(handler=run_sweep)


def run_sweep(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bb103.site.settings")
    import django
    from django.core.management import call_command
    from django.core.management.base import CommandError

    django.setup()
    # Passed as command-line words, so the command parses them exactly as on its own.
    argv: list[str] = []
    for flag, value in (
        ("--date", args.date),
        ("--municipality", args.municipality),
        ("--batch-size", args.batch_size),
    ):
        if value is not None:
            argv += [flag, str(value)]
    try:
        call_command("sweep", *argv)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
