"""``bb103 population``: write a synthetic population file (docs/contract/population.md)."""

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

SUFFIXES = (".csv", ".parquet")
# generate.MAX_SIZE, restated: importing it would load numpy for every bb103 command.
MAX_SIZE = 10**7


def register(sub: Any) -> None:
    cmd = sub.add_parser(
        "population",
        help="write a synthetic population (CSV or Parquet) for bb103 simulate",
        description="Write N fictitious people over the municipalities with policy files. "
        "The same --size and --seed give the same file, byte for byte.",
    )
    cmd.add_argument("--size", type=_size, required=True, metavar="N", help="number of people")
    cmd.add_argument("--seed", type=_seed, default=0, metavar="S", help="random seed (default 0)")
    cmd.add_argument("--out", required=True, metavar="FILE", help="FILE.csv or FILE.parquet")
    cmd.set_defaults(handler=run_population)


def _size(text: str) -> int:
    try:
        size = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= size <= MAX_SIZE:
        raise argparse.ArgumentTypeError(f"{size} is not between 1 and {MAX_SIZE:_}")
    return size


def _seed(text: str) -> int:
    try:
        seed = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= seed < 2**64:
        raise argparse.ArgumentTypeError(f"{seed} is not between 0 and 2**64 - 1")
    return seed


def _out_problem(out: Path) -> str | None:
    """Why ``out`` cannot be written, found before spending time on a large population."""
    if out.suffix.lower() not in SUFFIXES:
        return f"--out: {out} must end in .csv or .parquet"
    folder = out.parent
    if not folder.is_dir():
        return f"--out: the folder {folder} does not exist"
    if out.is_dir():
        return f"--out: {out} is a folder"
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        return f"--out: {out} cannot be written (permission denied)"
    return None


def run_population(args: argparse.Namespace) -> int:
    out = Path(args.out)
    problem = _out_problem(out)
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2

    from bb103.population.generate import generate_population
    from bb103.population.io import write_population
    from bb103.rules.errors import PolicyError
    from bb103.rules.policy.registry import default_registry

    started = time.perf_counter()
    try:
        municipalities = default_registry().ids()
    except PolicyError as exc:
        print(f"error: policy data: {exc}", file=sys.stderr)
        return 2
    population = generate_population(args.size, args.seed, municipalities)
    try:
        write_population(population, out)
    except OSError as exc:
        print(f"error: cannot write {out}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - started
    print(f"wrote {len(population)} people to {out} in {seconds:.2f} s", file=sys.stderr)
    return 0
