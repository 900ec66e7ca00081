"""``bb103 simulate``: a population under today's policies and, optionally, under a reform
(docs/contract/population.md)."""

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bb103.cli.progress import ProgressBar as _ProgressBar
from bb103.rules.dates import parse_iso_date
from bb103.rules.errors import PolicyError, one_line

if TYPE_CHECKING:
    from bb103.rules.policy.registry import PolicyRegistry

# numpy, pyarrow and the executor are imported when the command runs, so that the other
# commands do not pay for them at start-up.

# A progress bar is drawn for runs at least this large, and only on a terminal.
PROGRESS_FROM_ROWS = 200_000

DESCRIPTION = """\
Evaluate every person in a population file (columns as in docs/contract/population.md)
under today's law and quality standards, and with --reform also under a reform, then print
a summary per municipality: who is eligible or needs assessment, transport costs split
between citizens and the municipality, and placements ending at pension age per year.
"""

EPILOG = """\
files written:
  RESULTS                 the per-person results under today's policies (.csv or .parquet)
  RESULTS.reform.EXT      with --reform: the per-person results under the reform, next to
                          RESULTS with ".reform" before the extension
                          (--out res.csv gives res.csv and res.reform.csv)
  --report FILE.csv       the summary per municipality as CSV (with a reform: _reform and
                          _diff columns, the difference being reform minus baseline)
  --chart FILE.png        a chart of the municipalities' transport cost and the persons
                          eligible, without and with the reform

With a reform, both runs are evaluated as of the later of --as-of and the reform's
in_force_from, so that the difference is the reform's alone.

reform file (TOML):
  [reform]
  title = "Loft over borgerens kørselsudgift 25 %"
  in_force_from = 2027-01-01
  source = "Forslag: ..."
  [[changes]]
  layer = "national"          # or a municipality id, e.g. "vejen"
  key = "transport_cap_pct"   # a parameter of the law or the standards
  value = 25

A national change that would leave a municipality's value undercutting the law is refused;
change that municipality's value in the same reform.
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "simulate",
        help="evaluate a population under today's policies and a reform; report per municipality",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--population", required=True, metavar="FILE", help="population .csv/.parquet")
    p.add_argument("--reform", metavar="FILE", help="a reform (TOML) to compare with today")
    p.add_argument(
        "--as-of",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the date to evaluate as of (default: today)",
    )
    p.add_argument(
        "--out", required=True, metavar="RESULTS", help="per-person results .csv/.parquet"
    )
    p.add_argument("--report", metavar="FILE.csv", help="write the summary as CSV")
    p.add_argument("--chart", metavar="FILE.png", help="write a chart of the summary (PNG)")
    p.set_defaults(handler=run_simulate)


def _iso_date(text: str) -> date:
    try:
        return parse_iso_date(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def reform_results_path(out: str | Path) -> Path:
    """``res.csv`` -> ``res.reform.csv``: where the reform's per-person results go."""
    path = Path(out)
    return path.with_name(f"{path.stem}.reform{path.suffix}")


class _Refused(Exception):
    """An input or output that cannot be used; the message names the file."""


@contextmanager
def _about(path: str | Path) -> Iterator[None]:
    """Errors inside are about ``path``: a policy error names its own file and key."""
    from bb103.population.frame import PopulationError

    try:
        yield
    except PolicyError as exc:
        raise _Refused(str(exc)) from None
    except PopulationError as exc:
        raise _Refused(f"{path}: {exc}") from None
    except OSError as exc:
        raise _Refused(f"{path}: {exc.strerror if exc.filename else exc}") from None


def run_simulate(args: argparse.Namespace) -> int:
    """Errors in the inputs or outputs are one line on stderr and exit status 2."""
    from bb103.rules.policy.registry import default_registry

    try:
        registry = default_registry()
    except PolicyError as exc:
        print(f"error: policy data: {exc}", file=sys.stderr)
        return 3
    try:
        _simulate(args, registry)
    except _Refused as exc:
        print(f"error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    return 0


def _simulate(args: argparse.Namespace, registry: "PolicyRegistry") -> None:
    from bb103.population.pipeline import Run, simulate
    from bb103.population.reform import apply_reform, load_reform
    from bb103.population.report import render_text, summary_of, write_chart, write_csv

    as_of = args.as_of or date.today()
    reform = None
    runs = [Run(registry, as_of, Path(args.out))]
    if args.reform:
        with _about(args.reform):
            reform = load_reform(args.reform, registry)
            reformed = apply_reform(registry, reform)
        # Both runs on one date, the reform in force: the difference is the reform's alone,
        # not people growing older in between.
        as_of = max(as_of, reform.in_force_from)
        runs = [Run(registry, as_of, Path(args.out))]
        runs.append(Run(reformed, as_of, reform_results_path(args.out)))
    for run in runs:
        _check_output(run.out, Path(args.population))
    stream = sys.stderr
    progress = _ProgressBar("Beregner", stream) if stream.isatty() else None
    with _about(args.population):
        simulated = simulate(args.population, runs, progress=_from_rows(progress))

    summary = summary_of(
        simulated.ids,
        as_of,
        simulated.figures[0],
        simulated.figures[1] if reform is not None else None,
        names={m: p.name for m, p in registry.municipalities.items()},
        reform_title=None if reform is None else reform.title,
        reform_in_force_from=None if reform is None else reform.in_force_from,
        reform_as_of=None if reform is None else as_of,
    )
    sys.stdout.write(render_text(summary))
    if args.report:
        with _about(args.report):
            write_csv(summary, args.report)
    if args.chart:
        with _about(args.chart):
            write_chart(summary, args.chart)


def _check_output(out: Path, population: Path) -> None:
    """Refuse an output that cannot be written before any work is done."""
    if out.suffix.lower() not in (".csv", ".parquet"):
        raise _Refused(f"{out}: the file name must end in .csv or .parquet")
    if not out.parent.is_dir():
        raise _Refused(f"{out}: the folder {out.parent} does not exist")
    if out.resolve() == population.resolve():
        raise _Refused(f"{out}: the results would overwrite the population file")


def _from_rows(bar: "_ProgressBar | None") -> "Callable[[int, int], None] | None":
    """The bar, drawn only for runs large enough to wait for."""
    if bar is None:
        return None

    def draw(done: int, total: int) -> None:
        if total >= PROGRESS_FROM_ROWS:
            bar(done, total)

    return draw
