"""Engine benchmark: one case in-process, and ``bb103 evaluate --jsonl`` over generated scenarios.

Prints cases per second and writes the numbers to ``benchmarks/results/engine.json``. Targets
live here, not in the tests: the suite never asserts on time.

    make bench                                  # 100 000 scenarios
    python benchmarks/bench_engine.py --cases 10000
"""

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bb103.cli.evaluate_cmd import load_json
from bb103.rules.engine import evaluate
from bb103.rules.output import to_contract
from bb103.rules.policy.registry import default_registry
from bb103.rules.scenario import CITIZEN_FLAGS, parse_scenario

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "contract-ballerup.json"
RESULTS = ROOT / "benchmarks" / "results" / "engine.json"


def fictitious_scenario(rng: random.Random, municipalities: list[str]) -> dict[str, Any]:
    """A random, fully fictitious case: a generated birth date, never a real CPR number."""
    as_of = date(2026, 1, 1) + timedelta(days=rng.randrange(365))
    birth = date(1955, 1, 1) + timedelta(days=rng.randrange(50 * 365))
    received = as_of - timedelta(days=rng.randrange(120))
    scenario: dict[str, Any] = {
        "municipality": rng.choice(municipalities),
        "as_of": as_of.isoformat(),
        "citizen": {
            "birth_date": birth.isoformat(),
            "living_situation": rng.choice(["own_home", "botilbud", "with_family", None]),
            "vum_level": rng.choice([None, 0, 1, 2, 3, 4]),
            **{flag: rng.choice([True, False, None]) for flag in CITIZEN_FLAGS},
        },
        "application": {"received_on": received.isoformat()},
        "party_hearing": {"material_received_on": (received + timedelta(days=30)).isoformat()},
        "decision": {"received_on": (received + timedelta(days=50)).isoformat()},
        "complaint": {"received_on": (received + timedelta(days=60)).isoformat()},
        "employment": {
            "start_date": (received + timedelta(days=90)).isoformat(),
            "last_follow_up_on": None,
            "minimum_hourly_wage": round(rng.uniform(130, 160), 2),
        },
    }
    if rng.random() < 0.5:
        scenario["transport"] = {
            "one_way_km": round(rng.uniform(0, 60), 1),
            "price_per_km": round(rng.uniform(1, 4), 2),
            "days": rng.randrange(1, 23),
            "net_earnings": round(rng.uniform(300, 4000), 2),
        }
    else:
        total = round(rng.uniform(100, 2500), 2)
        scenario["transport"] = {
            "period_cost_total": total,
            "period_cost_first_10km": round(total * rng.uniform(0.2, 1.0), 2),
            "net_earnings": round(rng.uniform(300, 4000), 2),
        }
    return scenario


def bench_in_process(repeat: int, contract: bool) -> dict[str, float]:
    """Parse and evaluate one case (the explanations are always built); with ``contract``,
    also render the contract JSON with explanations."""
    registry = default_registry()
    data = load_json(EXAMPLE.read_text(encoding="utf-8"))
    evaluate(parse_scenario(data, registry.ids()), registry)  # warm the caches
    ids = registry.ids()
    started = time.perf_counter()
    for _ in range(repeat):
        ev = evaluate(parse_scenario(data, ids), registry)
        if contract:
            json.dumps(to_contract(ev), ensure_ascii=False)
    elapsed = time.perf_counter() - started
    return {
        "cases": repeat,
        "seconds": elapsed,
        "cases_per_second": repeat / elapsed,
        "microseconds_per_case": elapsed / repeat * 1e6,
    }


def bench_jsonl(cases: int, explanations: bool) -> dict[str, float]:
    rng = random.Random(103)
    municipalities = default_registry().ids()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scenarios.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for _ in range(cases):
                out.write(json.dumps(fictitious_scenario(rng, municipalities)) + "\n")
        command = [str(Path(sys.executable).parent / "bb103"), "evaluate", "--jsonl", str(path)]
        if not explanations:
            command.append("--no-explanations")
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - started
    lines = done.stdout.count("\n")
    if done.returncode != 0 or lines != cases:
        raise SystemExit(f"bb103 evaluate --jsonl failed ({done.returncode}): {done.stderr[:500]}")
    return {
        "cases": cases,
        "seconds": elapsed,
        "cases_per_second": cases / elapsed,
        "microseconds_per_case": elapsed / cases * 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000, help="scenarios for --jsonl")
    parser.add_argument("--repeat", type=int, default=5_000, help="in-process evaluations")
    args = parser.parse_args()

    results = {
        "date": date.today().isoformat(),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "in_process_evaluate": bench_in_process(args.repeat, contract=False),
        "in_process_evaluate_and_json": bench_in_process(args.repeat, contract=True),
        "jsonl_with_explanations": bench_jsonl(args.cases, explanations=True),
        "jsonl_without_explanations": bench_jsonl(args.cases, explanations=False),
    }
    for name, numbers in results.items():
        if isinstance(numbers, dict):
            print(
                f"{name:28} {numbers['cases']:>8} cases  {numbers['seconds']:8.2f} s  "
                f"{numbers['cases_per_second']:10.0f} cases/s  "
                f"{numbers['microseconds_per_case']:8.0f} µs/case"
            )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
