"""``bb103 evaluate`` (the contract in docs/contract/evaluate.md) and ``bb103 explain``."""

import argparse
import json
import sys
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any

from bb103.rules.errors import InputError, PolicyError

if TYPE_CHECKING:
    from bb103.rules.engine import Evaluation
    from bb103.rules.policy.registry import PolicyRegistry

# The engine is imported when a command of this module runs: every ``bb103`` command
# registers its arguments here, and ``bb103 simulate`` does not need the engine.


def register(sub: Any) -> None:
    ev = sub.add_parser("evaluate", help="evaluate one scenario (JSON) or many (--jsonl)")
    ev.add_argument("scenario", nargs="?", help="scenario JSON file, or - for stdin")
    ev.add_argument("--jsonl", metavar="IN.jsonl", help="one scenario per line, - for stdin")
    ev.add_argument("--no-explanations", action="store_true", help="leave out the explanations")
    ev.set_defaults(handler=run_evaluate)

    ex = sub.add_parser("explain", help="evaluate scenarios and explain each in Danish")
    ex.add_argument("scenarios", nargs="+", help="scenario JSON files")
    ex.set_defaults(handler=run_explain)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"the key {json.dumps(key, ensure_ascii=False)} appears twice")
        obj[key] = value
    return obj


def load_json(text: str) -> Any:
    """JSON with exact decimals. NaN and Infinity are refused, and so is a key given twice:
    like a typo, it must not be silently resolved."""
    return json.loads(
        text,
        parse_float=Decimal,
        parse_constant=_reject_constant,
        object_pairs_hook=_no_duplicates,
    )


def evaluate_text(text: str, registry: "PolicyRegistry") -> "Evaluation":
    from bb103.rules.engine import evaluate
    from bb103.rules.scenario import parse_scenario

    try:
        data = load_json(text)
    except (ValueError, RecursionError) as exc:
        raise InputError("(json)", f"not valid JSON: {exc}") from None
    return evaluate(parse_scenario(data, registry.ids()), registry)


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def _registry() -> "PolicyRegistry | None":
    from bb103.rules.policy.registry import default_registry

    try:
        return default_registry()
    except PolicyError as exc:
        print(f"error: policy data: {exc}", file=sys.stderr)
        return None


def run_evaluate(args: argparse.Namespace) -> int:
    from bb103.rules.output import to_contract

    if (args.scenario is None) == (args.jsonl is None):
        print("error: give one SCENARIO.json (or -), or --jsonl IN.jsonl", file=sys.stderr)
        return 2
    registry = _registry()
    if registry is None:
        return 3
    explanations = not args.no_explanations
    try:
        text = _read(args.jsonl or args.scenario)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: {args.jsonl or args.scenario}: cannot read: {exc}", file=sys.stderr)
        return 2
    if args.jsonl:
        return _run_jsonl(text, registry, explanations, sys.stdout)
    try:
        result = to_contract(evaluate_text(text, registry), explanations)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _run_jsonl(text: str, registry: "PolicyRegistry", explanations: bool, out: IO[str]) -> int:
    from bb103.rules.output import to_contract

    failed = 0
    lines = []
    # Lines end at \n only: str.splitlines() would also split inside a JSON string at U+2028.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row: dict[str, Any] = to_contract(evaluate_text(line, registry), explanations)
        except InputError as exc:
            failed += 1
            row = {"line": number, "error": str(exc)}
        lines.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
        if len(lines) >= 1000:
            out.write("\n".join(lines) + "\n")
            lines.clear()
    if lines:
        out.write("\n".join(lines) + "\n")
    if failed:
        print(f"error: {failed} line(s) failed; see their output lines", file=sys.stderr)
    return 2 if failed else 0


def run_explain(args: argparse.Namespace) -> int:
    registry = _registry()
    if registry is None:
        return 3
    status = 0
    for path in args.scenarios:
        try:
            ev = evaluate_text(_read(path), registry)
        except (OSError, UnicodeDecodeError) as exc:
            print(f"error: {path}: cannot read: {exc}", file=sys.stderr)
            status = 2
            continue
        except InputError as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            status = 2
            continue
        print(
            f"== {path}: {ev.policy.municipality.name}, {ev.policy.version.title} "
            f"(version {ev.policy.version.id}), pr. {ev.scenario.as_of.isoformat()}"
        )
        for x in ev.explanations:
            print(f"- {x.label}: {x.text}")
            if x.sources:
                print(f"    Kilde: {'; '.join(x.sources)}")
        print()
    return status
