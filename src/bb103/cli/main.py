"""``bb103``: the command-line entry point. Subcommands live in their own modules."""

import argparse
import sys
from collections.abc import Sequence

from bb103 import __version__
from bb103.cli import (
    evaluate_cmd,
    manage_cmd,
    population_cmd,
    settle_cmd,
    simulate_cmd,
    sweep_cmd,
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # Usage errors are bad input too: one line, exit status 2, no traceback.
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bb103", description="Beskyttet beskæftigelse (Serviceloven § 103).")
    parser.add_argument("--version", action="version", version=f"bb103 {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    evaluate_cmd.register(sub)
    population_cmd.register(sub)
    simulate_cmd.register(sub)
    manage_cmd.register(sub)
    sweep_cmd.register(sub)
    settle_cmd.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
