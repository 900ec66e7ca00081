"""Overview benchmark (issue 20, Done when 3): the manager's overview (/overblik/<kommune>/)
at 10⁵ cases in PostgreSQL; the target is ≤ 300 ms p95.

It creates a fresh database on the PostgreSQL server at 127.0.0.1:5432 (user postgres,
trust authentication), migrates it, loads the demo's staff and offers for two
municipalities (a few demo cases through the services, so there is a real frozen
evaluation to take the criteria from), then 10⁵ generated cases split between them with
``bulk_create`` in large batches (not through the actions: only the rows the overview
reads): statuses over the lifecycle, applications, decisions over four years with their
decision deadline (met on time or late), a small frozen evaluation with criteria, complaints
with reassessments and Ankestyrelsen's outcomes, placements and waiting lists at offers with
places, open tasks (some overdue), and approved settlement months with lines for the
fifteen months back. It then measures, in-process with Django's test client (no HTTP server:
the figure is the view's own time, rendering included), the overview page of one
municipality's manager, and the selector ``overview_for_user`` alone, so the split between
the database and the rendering shows. The database is dropped afterwards.

    .venv/bin/python benchmarks/bench_overview.py                 # what make bench runs
    .venv/bin/python benchmarks/bench_overview.py --cases 10000   # a quicker look
    .venv/bin/python benchmarks/bench_overview.py --keep          # keep the database

Results go to benchmarks/results/overview.json; docs/performance.md has the figures.
"""

import argparse
import copy
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import psycopg

from own_database import run_on_own_database

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "overview.json"
# The measured manager's municipality first; the other is there so scoping has work to do.
MUNICIPALITIES = ("vejen", "ballerup")
CASEWORKERS = 40
STATUS_SHARES = [
    ("received", 0.05),
    ("assessed", 0.04),
    ("drafted", 0.02),
    ("hearing", 0.02),
    ("granted", 0.04),
    ("refused", 0.08),
    ("active", 0.50),
    ("terminated", 0.25),
]
FIRST = ["Aksel", "Birte", "Carl", "Ditte", "Egon", "Frida", "Gunnar", "Hanne", "Ib", "Janne"]
LAST = ["Prøvesen", "Eksempelsen", "Fiktivsen", "Demogaard", "Opdigtsen", "Testrup"]
BATCH = 10_000
# Settlement lines per municipality and month: a sample of the running placements, so a
# month has a realistic few thousand lines rather than every one of 10⁴ placements.
LINES_PER_MONTH = 2_000
SETTLED_MONTHS = 15


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60, help="measured, after warm-up")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()

    return run_on_own_database(
        "bb103_bench_overview", lambda url: run(args, url), keep=args.keep, out=args.out
    )


def run(args: argparse.Namespace, url: str) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bb103.web.demo import load_demo

    today = timezone.localdate()
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    load_demo(per_municipality=8, only=frozenset(MUNICIPALITIES), log=lambda _: None)
    demo_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    counts = load_cases(args.cases, today)
    with connection.cursor() as cursor:
        # Fresh statistics and visibility map, as autovacuum keeps them on a database in
        # use (the overview's counts are index-only scans, which need the latter).
        cursor.execute("VACUUM ANALYZE")
    load_s = time.perf_counter() - t0
    print(f"migrated and loaded the demo's staff and offers in {demo_s:.1f} s")
    print(f"loaded {args.cases} cases in {load_s:.1f} s: {counts}")

    from bb103.cases.models import User

    manager = User.objects.get(username=f"{MUNICIPALITIES[0]}-leder")
    page = measure_page(manager, f"/overblik/{MUNICIPALITIES[0]}/", args)
    selector = measure_selector(manager, MUNICIPALITIES[0], today, args)
    print(
        f"overview page   : {page['queries']} queries, p50 {page['p50_ms']:6.1f} ms, "
        f"p95 {page['p95_ms']:6.1f} ms ({page['requests']} requests, {page['bytes']} bytes)"
    )
    print(
        f"selector alone  : {selector['queries']} queries, p50 {selector['p50_ms']:6.1f} ms, "
        f"p95 {selector['p95_ms']:6.1f} ms (of which SQL p50 {selector['sql_p50_ms']:.1f} ms)"
    )
    print("slowest queries of one selector call (ms):")
    for ms, sql in selector["slowest"]:
        print(f"  {ms:7.1f}  {sql[:150]}")
    connection.close()
    return {
        "measured_on": today.isoformat(),
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "postgresql": _server_version(url),
        },
        "cases": args.cases,
        "municipalities": list(MUNICIPALITIES),
        "rows": counts,
        "how": "in-process, Django's test client (no HTTP server); one client, sequential",
        "load_seconds": round(load_s, 1),
        "demo_seconds": round(demo_s, 1),
        "page": page,
        "selector": {k: v for k, v in selector.items() if k != "slowest"},
        "slowest_queries_ms": selector["slowest"],
        "targets": {"p95_ms_at_1e5_cases": 300},
    }


def _server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        return str(conn.execute("SHOW server_version").fetchone()[0])


# ---------------------------------------------------------------------------------------
# Loading 10⁵ cases


def load_cases(total: int, today: date) -> dict[str, int]:
    from django.contrib.auth.hashers import make_password

    from bb103.cases.models import Membership, Municipality, Offer, Role, User

    rng = random.Random(103)
    password = make_password("demo")
    counts: dict[str, int] = {}
    per = total // len(MUNICIPALITIES)
    for i, mid in enumerate(MUNICIPALITIES):
        municipality = Municipality.objects.get(pk=mid)
        demo_worker = User.objects.get(username=f"{mid}-raadgiver")
        new = User.objects.bulk_create(
            User(
                username=f"{mid}-bench-{n}",
                first_name=rng.choice(FIRST),
                last_name="Rådgiversen",
                password=password,
            )
            for n in range(CASEWORKERS - 1)
        )
        Membership.objects.bulk_create(
            Membership(user=u, municipality=municipality, role=Role.CASEWORKER) for u in new
        )
        offers = list(Offer.objects.filter(provider__municipality=municipality))
        # Every offer has a number of places, so occupancy is a share of something.
        for offer in offers:
            if offer.places is None:
                offer.places = rng.choice([40, 80, 150, 400])
        Offer.objects.bulk_update(offers, ["places"])
        n = per if i < len(MUNICIPALITIES) - 1 else total - per * (len(MUNICIPALITIES) - 1)
        for key, value in _load_municipality(
            municipality, [demo_worker, *new], offers, n, rng, today
        ).items():
            counts[key] = counts.get(key, 0) + value
    return counts


def _statuses(n: int, rng: random.Random) -> list[str]:
    out = []
    for status, share in STATUS_SHARES:
        out += [status] * round(n * share)
    out += ["active"] * (n - len(out))
    rng.shuffle(out)
    return out[:n]


_CPRS: set[str] = set()


def _cpr(rng: random.Random) -> str:
    """A fictitious CPR number (a birth date 1960-1999 and a random serial), unique here."""
    while True:
        birth = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 365 * 40))
        cpr = f"{birth:%d%m%y}-{rng.randrange(0, 4)}{rng.randrange(0, 1000):03d}"
        if cpr not in _CPRS:
            _CPRS.add(cpr)
            return cpr


def _frozen(municipality_id: str) -> tuple[dict, str, str]:
    """A real frozen evaluation (the demo's, with its explanations: some 15 kB of JSON, which
    PostgreSQL keeps out of the table's rows as real ones are) and its policy."""
    from bb103.cases.models import Decision

    real = Decision.objects.filter(case__municipality_id=municipality_id).first()
    assert real is not None, "the demo made no decision"
    return real.evaluation, real.policy_id, real.policy_version


_VARIANTS: dict[tuple[int, ...], dict] = {}


def _variant(template: dict, refused: bool, rng: random.Random) -> int:
    """Which evaluation the decision gets: none, one or two criteria unmet (a refusal's
    grounds), as an index into the few variants made once (``_VARIANTS``)."""
    criteria = (template.get("eligibility") or {}).get("criteria") or []
    unmet: tuple[int, ...] = ()
    if refused and criteria and rng.random() < 0.9:
        unmet = tuple(sorted(rng.sample(range(len(criteria)), k=min(len(criteria), 2))))
        unmet = unmet[: rng.choice([1, 1, 2])]
    if unmet not in _VARIANTS:
        variant = copy.deepcopy(template)
        for i, c in enumerate(variant.get("eligibility", {}).get("criteria", [])):
            c["met"] = i not in unmet
        _VARIANTS[unmet] = variant
    return list(_VARIANTS).index(unmet)


def _write_evaluations(municipality_id: str) -> None:
    """Each decision's real-size frozen evaluation (some 15 kB of JSON, which PostgreSQL
    keeps compressed out of the row, as it does real ones), one statement per variant: as
    a parameter of ``bulk_create`` each copy went through psycopg's array escaping, which
    took most of the load's time."""
    from django.db import connection

    with connection.cursor() as cursor:
        for index, evaluation in enumerate(_VARIANTS.values()):
            cursor.execute(
                "UPDATE cases_decision d SET evaluation = %s::jsonb FROM cases_case c "
                "WHERE c.id = d.case_id AND c.municipality_id = %s "
                "AND d.evaluation = %s::jsonb",
                [json.dumps(evaluation), municipality_id, json.dumps({"variant": index})],
            )


def _load_municipality(municipality, workers, offers, n, rng, today) -> dict[str, int]:
    from django.db import connection

    from bb103.cases.cpr_index import cpr_search_key
    from bb103.cases.models import (
        Application,
        Case,
        Citizen,
        Complaint,
        Deadline,
        Decision,
        Placement,
        Task,
        WaitingListEntry,
    )

    template, policy_id, policy_version = _frozen(municipality.pk)
    counts = dict.fromkeys(
        ["cases", "decisions", "complaints", "placements", "waiting", "tasks"], 0
    )
    running: list = []
    for start in range(0, n, BATCH):
        size = min(BATCH, n - start)
        statuses = _statuses(size, rng)
        citizens = []
        for _ in range(size):
            cpr = _cpr(rng)
            citizens.append(
                Citizen(
                    municipality=municipality,
                    cpr=cpr,
                    cpr_key=cpr_search_key(cpr),
                    first_name=rng.choice(FIRST),
                    last_name=rng.choice(LAST),
                    living_situation="own_home",
                )
            )
        Citizen.objects.bulk_create(citizens, batch_size=BATCH)
        cases = []
        for citizen, status in zip(citizens, statuses, strict=True):
            db_status = {"granted": "decided", "refused": "decided"}.get(status, status)
            worker = None if rng.random() < 0.005 else rng.choice(workers)
            cases.append(
                Case(
                    municipality=municipality, citizen=citizen, status=db_status, caseworker=worker
                )
            )
        Case.objects.bulk_create(cases, batch_size=BATCH)
        apps, deadlines, decisions, placements, waiting, tasks = [], [], [], [], [], []
        for case, status in zip(cases, statuses, strict=True):
            early = status in ("received", "assessed", "drafted", "hearing")
            # Decisions spread over four years back, so this year has about a quarter.
            received = today - timedelta(
                days=rng.randrange(1, 40) if early else rng.randrange(40, 4 * 365)
            )
            apps.append(
                Application(case=case, applicant="citizen", channel="digital", received_on=received)
            )
            due = received + timedelta(days=42)
            if early:
                deadlines.append(_deadline(case, "decision", due, None))
                if case.caseworker is not None and rng.random() < 0.3:
                    tasks.append(_task(case, "deadline_soon", "decision", due, today))
                continue
            # Most on time, some late; a few very late (the 90th percentile's tail).
            late = rng.random() < 0.18
            days = rng.randrange(43, 120) if late else rng.randrange(10, 43)
            decided = min(today, received + timedelta(days=days))
            deadlines.append(_deadline(case, "decision", due, decided))
            refused = status == "refused"
            offer = None if refused else rng.choice(offers)
            decisions.append(
                Decision(
                    case=case,
                    outcome="refusal" if refused else "grant",
                    decided_on=decided,
                    received_on=decided,
                    reasons="Funktionsevnen er ikke betydeligt nedsat." if refused else "",
                    offer=offer,
                    policy_id=policy_id,
                    policy_version=policy_version,
                    engine_outcome="not_eligible" if refused else "eligible",
                    # The frozen evaluation is written per variant afterwards (below).
                    evaluation={"variant": _variant(template, refused, rng)},
                    decided_by=case.caseworker or workers[0],
                )
            )
            if status == "granted":
                if rng.random() < 0.6:
                    waiting.append(
                        WaitingListEntry(
                            offer=offer,
                            case=case,
                            since=decided,
                            left_on=None if rng.random() < 0.8 else today,
                        )
                    )
                continue
            if refused:
                continue
            begin = decided + timedelta(days=21)
            ended = None
            if status == "terminated":
                ended = min(today, begin + timedelta(days=rng.randrange(60, 900)))
            placement = Placement(
                case=case,
                offer=offer,
                start_on=begin,
                days_per_week=rng.choice([3, 4, 5]),
                contact_person="Kim Kontaktsen",
                ended_on=ended,
            )
            placements.append(placement)
            if case.caseworker is not None and rng.random() < 0.08:
                # Follow-up tasks, a third of them overdue.
                tasks.append(
                    _task(
                        case,
                        "follow_up_due",
                        "follow_up",
                        today + timedelta(days=rng.randrange(-30, 60)),
                        today,
                    )
                )
        Application.objects.bulk_create(apps, batch_size=BATCH)
        Deadline.objects.bulk_create(deadlines, batch_size=BATCH)
        Decision.objects.bulk_create(decisions, batch_size=BATCH)
        Placement.objects.bulk_create(placements, batch_size=BATCH)
        WaitingListEntry.objects.bulk_create(waiting, batch_size=BATCH)
        Task.objects.bulk_create(tasks, batch_size=BATCH)
        complaints = [_complaint(d, rng, today) for d in decisions if _complains(d, rng)]
        Complaint.objects.bulk_create(complaints, batch_size=BATCH)
        running += placements
        counts["cases"] += len(cases)
        counts["decisions"] += len(decisions)
        counts["complaints"] += len(complaints)
        counts["placements"] += len(placements)
        counts["waiting"] += len(waiting)
        counts["tasks"] += len(tasks)
    # What the services keep on the case, which bulk_create bypasses: the decision in force
    # and the earliest open deadline the municipality must meet (the work list's rule).
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_case c SET decision_id = d.id FROM cases_decision d "
            "WHERE d.case_id = c.id AND c.municipality_id = %s",
            [municipality.pk],
        )
        cursor.execute(
            "UPDATE cases_case c SET next_due_on = d.due_on FROM cases_deadline d "
            "WHERE d.case_id = c.id AND d.kind = 'decision' AND d.met_on IS NULL "
            "AND c.municipality_id = %s",
            [municipality.pk],
        )
    _write_evaluations(municipality.pk)
    counts["settlement_lines"] = _settlements(municipality, running, workers[0], rng, today)
    return counts


def _complains(decision, rng: random.Random) -> bool:
    return rng.random() < (0.25 if decision.outcome == "refusal" else 0.02)


def _complaint(decision, rng: random.Random, today: date):
    """A complaint four weeks after the decision, at every step of its way: received,
    reassessed (upheld or changed), forwarded, and Ankestyrelsen's outcome."""
    from bb103.cases.models import Complaint

    received = decision.decided_on + timedelta(days=rng.randrange(3, 28))
    c = Complaint(
        case=decision.case,
        decision=decision,
        received_on=received,
        form="written",
        late=rng.random() < 0.03,
        status="received",
    )
    reassessed = received + timedelta(days=rng.randrange(10, 28))
    if reassessed > today:
        return c
    c.reassessed_on = reassessed
    c.reassessment = rng.choices(["upheld", "partly_upheld", "changed"], [70, 10, 20])[0]
    c.status = "reassessed"
    if c.reassessment == "changed":
        c.status = "closed"
        return c
    forwarded = reassessed + timedelta(days=rng.randrange(1, 7))
    if forwarded > today:
        return c
    c.forwarded_on, c.status = forwarded, "forwarded"
    outcome_on = forwarded + timedelta(days=rng.randrange(60, 240))
    if outcome_on > today:
        return c
    c.anke_outcome_on, c.status = outcome_on, "closed"
    c.anke_outcome = rng.choices(
        ["upheld", "changed", "sent_back", "annulled", "rejected"], [60, 15, 15, 3, 7]
    )[0]
    return c


def _settlements(municipality, placements, approver, rng, today) -> int:
    """Approved months back from last month, each with lines for a sample of the placements
    running that month (the demo's own months are left as they are)."""
    from datetime import UTC, datetime

    from bb103.cases.models import SettlementLine, SettlementMonth

    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    existing = set(
        SettlementMonth.objects.filter(municipality=municipality).values_list("month", flat=True)
    )
    providers = {}
    lines = []
    for _ in range(SETTLED_MONTHS):
        if month not in existing:
            settlement = SettlementMonth.objects.create(
                municipality=municipality,
                month=month,
                status="approved",
                run_at=datetime.combine(month, datetime.min.time(), tzinfo=UTC),
                approved_at=datetime.combine(month, datetime.min.time(), tzinfo=UTC),
                approved_by=approver,
            )
            end = (month + timedelta(days=32)).replace(day=1)
            on = [p for p in placements if p.start_on < end and (p.ended_on or end) >= month]
            for p in rng.sample(on, k=min(LINES_PER_MONTH, len(on))):
                provider_id = providers.setdefault(p.offer_id, p.offer.provider_id)
                lines.append(_line(settlement, p, provider_id, rng))
        month = (month - timedelta(days=1)).replace(day=1)
    SettlementLine.objects.bulk_create(lines, batch_size=BATCH)
    return len(lines)


def _line(settlement, placement, provider_id, rng):
    from bb103.cases.models import SettlementLine

    days = placement.days_per_week * 4
    present = days - rng.randrange(0, 4)
    hours = Decimal(present * 6)
    wage = Decimal("15.50")
    gross = hours * wage
    transport = Decimal(rng.randrange(0, 2000))
    citizen_pays = min(transport, (gross * Decimal("0.3")).quantize(Decimal("0.01")))
    return SettlementLine(
        settlement=settlement,
        placement=placement,
        provider_id=provider_id,
        citizen_name="Fiktiv Borger",
        planned_days=days,
        days_present=present,
        days_sick=days - present,
        days_notified_absence=0,
        days_unnotified_absence=0,
        days_unregistered=0,
        hours=hours,
        hourly_wage=wage,
        gross_wage=gross,
        tax=(gross * Decimal("0.08")).quantize(Decimal("0.01")),
        net_earnings=(gross * Decimal("0.92")).quantize(Decimal("0.01")),
        transport_total=transport,
        transport_cap=(gross * Decimal("0.3")).quantize(Decimal("0.01")),
        citizen_pays=citizen_pays,
        municipality_pays=transport - citizen_pays,
        provider_amount=Decimal(rng.randrange(8000, 16000)),
    )


def _deadline(case, kind: str, due: date, met: date | None):
    from bb103.cases.models import Deadline

    return Deadline(
        case=case,
        kind=kind,
        due_on=due,
        met_on=met,
        explanation="Fristen er beregnet af regelmotoren efter kommunens kvalitetsstandard.",
        sources=["Retssikkerhedsloven § 3, stk. 2"],
    )


def _task(case, kind: str, source: str, due: date, today: date):
    from bb103.cases.models import Task, TaskKind

    return Task(
        municipality_id=case.municipality_id,
        case=case,
        kind=kind,
        source=source,
        due_on=due,
        title=str(TaskKind(kind).label),
        legal_source="Serviceloven § 148",
        assigned_to=case.caseworker,
        created_on=today,
    )


# ---------------------------------------------------------------------------------------
# Measuring


def _percentiles(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def measure_page(manager, path: str, args: argparse.Namespace) -> dict:
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(manager)
    for _ in range(args.warmup):
        response = client.get(path, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, response.status_code
    # Counted with a wrapper on every execute: CaptureQueriesContext saw none after the
    # warm-up requests (the middleware's connection handling between requests).
    queries: list[str] = []

    def counted(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        response = client.get(path, HTTP_HOST="127.0.0.1")
    size = len(response.content)
    times = []
    for _ in range(args.requests):
        t0 = time.perf_counter()
        response = client.get(path, HTTP_HOST="127.0.0.1")
        times.append(time.perf_counter() - t0)
        assert response.status_code == 200, response.status_code
    return {
        "path": path,
        "requests": len(times),
        "queries": len(queries),
        "bytes": size,
        **_percentiles(times),
    }


def measure_selector(manager, municipality_id: str, today: date, args) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bb103.cases.selectors import overview_for_user

    def call():
        return overview_for_user(
            user=manager, municipality_id=municipality_id, year=today.year, today=today
        )

    for _ in range(args.warmup):
        call()
    times = []
    for _ in range(args.requests):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    # The SQL's share, from separate runs: capturing queries costs a little time itself.
    sql, slowest = [], []
    for _ in range(10):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as queries:
            call()
        timed = [(float(q["time"]) * 1000, q["sql"]) for q in queries.captured_queries]
        sql.append(sum(ms for ms, _ in timed) / 1000)
        slowest = sorted(timed, reverse=True)[:5]
    data = call()
    print(
        f"figures: {data.on_time} on time, {data.late} late this year; median "
        f"{data.median_days} and p90 {data.p90_days} days; "
        f"{sum(data.cases_by_state.values())} cases"
    )
    return {
        "requests": len(times),
        "queries": len(queries.captured_queries),
        **_percentiles(times),
        "sql_p50_ms": round(statistics.median(sql) * 1000, 1),
        "slowest": [(round(ms, 1), s) for ms, s in slowest],
    }


if __name__ == "__main__":
    sys.exit(main())
