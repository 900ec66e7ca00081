"""Population benchmark: ``bb103 simulate`` as a whole process on 10^3 ... 10^6 persons.

For each size it writes a synthetic population with ``bb103 population`` (not timed), then
times ``bb103 simulate --population P.csv --out R.csv`` as a separate process, several
times, and records the best wall time, the CPU time (user + system: above the wall time
when both cores work) and the peak memory (max RSS) of that very process. For the largest
size it also times the phases inside one run. Results go to
``benchmarks/results/population.json``; ``docs/performance.md`` summarises them.

    python benchmarks/bench_population.py                 # 10^3, 10^4, 10^5, 10^6
    python benchmarks/bench_population.py --sizes 1000 100000 --repeat 1
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "population.json"
BB103 = str(Path(sys.executable).parent / "bb103")
AS_OF = "2026-11-23"

# One run with a clock between the phases (the same calls bb103 simulate makes). Parsing,
# evaluating and writing overlap on the block threads, so they are one phase here.
PHASES = r"""
import json, sys, time
started = time.perf_counter()
from datetime import date
from pathlib import Path
from bb103.population import pipeline
from bb103.population.report import render_text, summary_of
from bb103.rules.policy.registry import default_registry
imported = time.perf_counter()
registry = default_registry()
run = pipeline.Run(registry, date.fromisoformat(sys.argv[3]), Path(sys.argv[2]))
begun = time.perf_counter()
simulated = pipeline.simulate(sys.argv[1], [run])
blocks = time.perf_counter() - begun
begun = time.perf_counter()
render_text(summary_of(simulated.ids, run.as_of, simulated.figures[0]))
report = time.perf_counter() - begun
print(json.dumps({
    "imports": imported - started,
    "parse_evaluate_and_write_in_blocks": blocks,
    "report": report,
}))
"""


def run(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak RSS in MiB of one ``bb103`` process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [BB103, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"bb103 {' '.join(args)} failed: {error.strip()}")
    # Linux reports ru_maxrss in KiB.
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def phases(population: Path, out: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", PHASES, str(population), str(out), AS_OF],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout))


def _growth(rows: list[dict[str, Any]]) -> str:
    """How the best time grows from the smallest size of at least 10^4 to the largest:
    linear would be the ratio of the sizes; less means a fixed cost still counts."""
    sized = [row for row in rows if row["persons"] >= 10**4]
    if len(sized) < 2:
        return ""
    small, large = sized[0], sized[-1]
    return (
        f"growth {small['persons']} -> {large['persons']} persons "
        f"({large['persons'] / small['persons']:.0f}x): "
        f"time {large['best_seconds'] / small['best_seconds']:.1f}x, "
        f"peak memory {large['peak_rss_mib'] / small['peak_rss_mib']:.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10**3, 10**4, 10**5, 10**6])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = []
    largest: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(args.sizes):
            population = Path(tmp) / f"population-{size}.csv"
            out = Path(tmp) / f"results-{size}.csv"
            run(["population", "--size", str(size), "--seed", "103", "--out", str(population)])
            measured = [
                run(["simulate", "--population", str(population), "--out", str(out)])
                for _ in range(args.repeat)
            ]
            best = min(measured)
            rows.append(
                {
                    "persons": size,
                    "best_seconds": best[0],
                    "cpu_seconds_of_best": best[1],
                    "all_seconds": [m[0] for m in measured],
                    "peak_rss_mib": max(m[2] for m in measured),
                    "input_mib": population.stat().st_size / 2**20,
                    "output_mib": out.stat().st_size / 2**20,
                }
            )
            print(
                f"{size:>9} persons  best {best[0]:6.3f} s (cpu {best[1]:6.3f} s)  "
                f"peak {rows[-1]['peak_rss_mib']:5d} MiB  "
                f"input {population.stat().st_size / 2**20:6.1f} MiB"
            )
        growth = _growth(rows)
        if growth:
            print(growth)
        size = max(args.sizes)
        population = Path(tmp) / f"population-{size}.csv"
        runs = [phases(population, Path(tmp) / "phases.csv") for _ in range(args.repeat)]
        largest = {"persons": size, "best": min(runs, key=lambda r: sum(r.values()))}
        print(f"phases at {size} persons (best run):")
        for name, seconds in largest["best"].items():
            print(f"  {name:<27} {seconds:6.3f} s")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "date": date.today().isoformat(),
                "python": platform.python_version(),
                "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
                "as_of": AS_OF,
                "simulate": rows,
                "phases": largest,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
