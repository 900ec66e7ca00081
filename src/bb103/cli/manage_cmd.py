"""``bb103 manage ...``: Django's management commands for the case system.

Django is imported only when this subcommand runs, so the engine's commands stay free of it.
"""

import argparse
import os
from typing import Any


def register(sub: Any) -> None:
    manage = sub.add_parser(
        "manage",
        help="the case system's Django management commands (e.g. bb103 manage migrate)",
        add_help=False,
    )
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=run_manage)


def run_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bb103.site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["bb103 manage", *args.arguments])
    return 0
