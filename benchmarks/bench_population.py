"""Population benchmark: ``bb103 simulate`` as a whole process on 10^3 ... 10^6 persons.

For each size it writes a synthetic population with ``bb103 population`` (not timed), then
times ``bb103 simulate --population P.csv --out R.csv`` as a separate process, several
times, and records the best wall time and the peak memory (max RSS) of the child. Results go
to ``benchmarks/results/population.json``; ``docs/performance.md`` summarises them.

    python benchmarks/bench_population.py                 # 10^3, 10^4, 10^5, 10^6
    python benchmarks/bench_population.py --sizes 1000 100000 --repeat 1
"""

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "population.json"
BB103 = str(Path(sys.executable).parent / "bb103")


def run(args: list[str]) -> tuple[float, int]:
    """Wall seconds and the child's peak RSS in MiB (Linux reports ru_maxrss in KiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run([BB103, *args], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"bb103 {' '.join(args)} failed: {done.stderr.strip()}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the maximum over all children so far; report it as an upper
    # bound unless this child raised it.
    return elapsed, max(peak, before) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10**3, 10**4, 10**5, 10**6])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(args.sizes):
            population = Path(tmp) / f"population-{size}.csv"
            out = Path(tmp) / f"results-{size}.csv"
            run(["population", "--size", str(size), "--seed", "103", "--out", str(population)])
            times = []
            peak = 0
            for _ in range(args.repeat):
                seconds, peak = run(
                    ["simulate", "--population", str(population), "--out", str(out)]
                )
                times.append(seconds)
            rows.append(
                {
                    "persons": size,
                    "best_seconds": min(times),
                    "all_seconds": times,
                    "peak_rss_mib_upper_bound": peak,
                    "input_mib": population.stat().st_size / 2**20,
                }
            )
            print(
                f"{size:>9} persons  best {min(times):7.3f} s  "
                f"peak ≤ {peak:6d} MiB  input {population.stat().st_size / 2**20:7.1f} MiB"
            )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "date": date.today().isoformat(),
                "python": platform.python_version(),
                "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
                "simulate": rows,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
