"""Web benchmark of the case system (issue 4, point 8; issue 21, point 5): the caseworker's
work list, the case page, the manager's list of all cases and the committee's list at 10⁵
cases in PostgreSQL, under 1 and 4 concurrent logged-in clients.

It creates a fresh database on the PostgreSQL server at 127.0.0.1:5432 (user postgres,
trust authentication), migrates it, loads the demo data (municipalities, offers, users and
a few cases made through the services, so there are real frozen evaluations to copy) and
then 10⁵ generated cases with ``bulk_create`` in batches of 5 000: fictitious citizens,
statuses spread over the lifecycle, deadlines, audit entries, assessments, decisions,
placements and open tasks (the decisions' 15 kB frozen evaluation and what the case
actions keep on the case written afterwards, one statement per municipality: about two
minutes). It serves the app with gunicorn (threaded workers, as in production), measures
each page over HTTP with keep-alive clients, counts the SQL queries per page in-process
with the test client, and drops the database afterwards.

    .venv/bin/python benchmarks/bench_web.py                 # what make bench runs
    .venv/bin/python benchmarks/bench_web.py --cases 10000   # a quicker look
    .venv/bin/python benchmarks/bench_web.py --keep          # keep the database (prints it)
    .venv/bin/python benchmarks/bench_web.py --database NAME # measure a kept one again

Results go to benchmarks/results/web.json; docs/performance.md has the table.
"""

import argparse
import http.client
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg

from own_database import SERVER, run_on_own_database

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "web.json"
MUNICIPALITIES = ("ballerup", "lejre", "roskilde", "soenderborg", "vejen")
# Caseworkers per municipality: 10⁵ cases over 5 × 40 caseworkers is 500 each, a heavy
# but possible caseload; the unassigned share is small (new applications).
CASEWORKERS = 40
UNASSIGNED_SHARE = 0.005
# Lifecycle spread of the generated cases (share of all cases).
STATUS_SHARES = [
    ("received", 0.07),
    ("assessed", 0.06),
    ("drafted", 0.03),
    ("hearing", 0.02),
    ("granted", 0.03),
    ("refused", 0.07),
    ("active", 0.52),
    ("terminated", 0.20),
]
FIRST = ["Aksel", "Birte", "Carl", "Ditte", "Egon", "Frida", "Gunnar", "Hanne", "Ib", "Janne"]
LAST = ["Prøvesen", "Eksempelsen", "Fiktivsen", "Demogaard", "Opdigtsen", "Testrup"]
BATCH = 5000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="per page and level")
    parser.add_argument("--clients", default="1,4")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per process")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--database",
        help="measure on a database kept by an earlier --keep run (no migrate, no load)",
    )
    args = parser.parse_args()

    if args.database:
        # Comparing two versions of the code on the same data: load once, measure often.
        url = f"{SERVER}/{args.database}"
        os.environ["DATABASE_URL"] = url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bb103.site.settings")
        args.out.write_text(json.dumps(run(args, url), indent=2, ensure_ascii=False) + "\n")
        return 0
    return run_on_own_database(
        "bb103_bench_web", lambda url: run(args, url), keep=args.keep, out=args.out
    )


def run(args: argparse.Namespace, url: str) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    if args.database:
        users = users_to_measure()
        load_s = demo_s = 0.0
    else:
        t0 = time.perf_counter()
        call_command("migrate", verbosity=0)
        from bb103.web.demo import load_demo

        load_demo(per_municipality=12, log=lambda _: None)
        demo_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        users = load_cases(args.cases)
        load_s = time.perf_counter() - t0
        from django.db import connection

        with connection.cursor() as cursor:
            # Fresh statistics, as autovacuum would have them on a database in use.
            cursor.execute("ANALYZE")
        print(f"loaded {args.cases} cases in {load_s:.1f} s (demo data {demo_s:.1f} s)")

    pages = pages_to_measure(users)
    queries = {page["name"]: count_queries(page) for page in pages}
    print("queries per page:", queries)
    server = serve(args, url)
    try:
        levels = [int(n) for n in args.clients.split(",")]
        measured = []
        for page in pages:
            _load(args.port, page, clients=2, requests=20)  # warm up each process
            for clients in levels:
                row = _load(args.port, page, clients=clients, requests=args.requests)
                row.update(page=page["name"], clients=clients, queries=queries[page["name"]])
                print(
                    f"{page['name']:<28} {clients:>2} clients: p50 {row['p50_ms']:6.1f} ms, "
                    f"p95 {row['p95_ms']:6.1f} ms, {row['rps']:6.1f} req/s"
                )
                measured.append(row)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    from django.db import connection as conn

    conn.close()
    return {
        "measured_on": date.today().isoformat(),
        "machine": {
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "postgresql": _server_version(url),
        },
        "cases": args.cases,
        "server": f"gunicorn, {args.workers} processes × {args.threads} threads (gthread)",
        "requests_per_level": args.requests,
        "load_seconds": round(load_s, 1),
        "demo_seconds": round(demo_s, 1),
        "queries_per_page": queries,
        "results": measured,
        # Issue 21, point 5 (the query budgets are asserted in tests/web/test_query_counts.py).
        "targets": {
            "queries": {"work list": 6, "case page": 8},
            "work_list_caseworker_at_4_clients": {"rps": 60, "p95_ms": 150},
        },
    }


def _server_version(url: str) -> str:
    with psycopg.connect(url) as conn:
        return str(conn.execute("SHOW server_version").fetchone()[0])


# ---------------------------------------------------------------------------------------
# Loading 10⁵ cases


def load_cases(total: int) -> dict:
    """Generated cases spread over the five municipalities; returns the users to measure as."""
    from django.contrib.auth.hashers import make_password

    from bb103.cases.models import (
        Decision,
        Membership,
        Municipality,
        Offer,
        Role,
        User,
    )

    rng = random.Random(103)
    today = date.today()
    password = make_password("demo")
    per = total // len(MUNICIPALITIES)
    evaluations = {
        d.case.municipality_id: (d.evaluation, d.policy_id, d.policy_version)
        for d in Decision.objects.select_related("case")
    }
    for mid in MUNICIPALITIES:
        municipality = Municipality.objects.get(pk=mid)
        demo_worker = User.objects.get(username=f"{mid}-raadgiver")
        new = User.objects.bulk_create(
            User(
                username=f"{mid}-bench-{i}",
                first_name=rng.choice(FIRST),
                last_name="Rådgiversen",
                password=password,
            )
            for i in range(CASEWORKERS - 1)
        )
        Membership.objects.bulk_create(
            Membership(user=u, municipality=municipality, role=Role.CASEWORKER) for u in new
        )
        workers = [demo_worker, *new]
        offers = list(Offer.objects.filter(provider__municipality=municipality))
        _load_municipality(
            municipality, workers, offers, per, evaluations[mid], rng, today, demo_worker
        )
    return users_to_measure()


def users_to_measure() -> dict:
    """Per municipality: its demo caseworker (with a full caseload), manager, committee
    member and some of the caseworker's active cases."""
    from bb103.cases.models import Case, User

    users: dict = {}
    for mid in MUNICIPALITIES:
        demo_worker = User.objects.get(username=f"{mid}-raadgiver")
        users[mid] = {
            "caseworker": demo_worker,
            "manager": User.objects.get(username=f"{mid}-leder"),
            # Only where the standard has a visitation committee (the demo's: Vejen).
            "committee": User.objects.filter(username=f"{mid}-udvalg").first(),
            "case_ids": list(
                Case.objects.filter(caseworker=demo_worker, status="active")
                .order_by("pk")
                .values_list("pk", flat=True)[:200]
            ),
        }
    return users


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


def _load_municipality(municipality, workers, offers, n, frozen, rng, today, actor) -> None:
    from bb103.cases.cpr_index import cpr_search_key
    from bb103.cases.models import (
        Application,
        Assessment,
        AuditEntry,
        Case,
        Citizen,
        Deadline,
        Decision,
        Placement,
        Task,
        Termination,
    )

    evaluation, policy_id, policy_version = frozen
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
        Citizen.objects.bulk_create(citizens)
        cases = []
        for citizen, status in zip(citizens, statuses, strict=True):
            worker = None if rng.random() < UNASSIGNED_SHARE else rng.choice(workers)
            db_status = {"granted": "decided", "refused": "decided"}.get(status, status)
            cases.append(
                Case(
                    municipality=municipality, citizen=citizen, status=db_status, caseworker=worker
                )
            )
        Case.objects.bulk_create(cases)
        apps, assessments, decisions, placements, terminations = [], [], [], [], []
        deadlines, audit, tasks = [], [], []
        for case, status in zip(cases, statuses, strict=True):
            worker = case.caseworker or actor
            # Recent applications for open cases, older ones for decided and active.
            early = status in ("received", "assessed", "drafted", "hearing")
            received = today - timedelta(
                days=rng.randrange(1, 60) if early else rng.randrange(90, 2000)
            )
            apps.append(
                Application(case=case, applicant="citizen", channel="digital", received_on=received)
            )
            audit.append(_audit(municipality, case, actor, "application_register", received))
            decision_due = received + timedelta(days=42)
            deadlines.append(
                _deadline(
                    case, "decision", decision_due, None if early else received + timedelta(days=30)
                )
            )
            if status == "received":
                continue
            assessed = received + timedelta(days=min(14, (today - received).days))
            assessments.append(
                Assessment(
                    case=case,
                    assessed_on=assessed,
                    vum_level=rng.choice([2, 3, 3, 4]),
                    significant_reduced_function=True,
                    special_social_problems=False,
                    can_work_on_normal_terms=False,
                    other_legislation_exhausted=True,
                    medical_certificate=True,
                    recorded_by=worker,
                )
            )
            audit.append(_audit(municipality, case, worker, "assessment_record", assessed))
            if early:
                if status == "hearing":
                    deadlines.append(
                        _deadline(
                            case,
                            "party_hearing",
                            today + timedelta(days=rng.randrange(1, 10)),
                            None,
                        )
                    )
                if rng.random() < 0.2 and case.caseworker is not None:
                    tasks.append(
                        _task(municipality, case, "deadline_soon", "decision", decision_due, today)
                    )
                continue
            decided = received + timedelta(days=30)
            outcome = "refusal" if status == "refused" else "grant"
            offer = None if outcome == "refusal" else rng.choice(offers)
            decisions.append(
                Decision(
                    case=case,
                    outcome=outcome,
                    decided_on=decided,
                    received_on=decided,
                    reasons=""
                    if outcome == "grant"
                    else "Funktionsevnen er ikke betydeligt nedsat.",
                    offer=offer,
                    policy_id=policy_id,
                    policy_version=policy_version,
                    engine_outcome="eligible",
                    # The real frozen evaluation is written afterwards in one statement
                    # (_write_evaluation): as a bulk_create parameter each 15 kB copy went
                    # through psycopg's escaping, which took most of the load's time.
                    evaluation={},
                    decided_by=worker,
                )
            )
            audit.append(_audit(municipality, case, worker, "decision_make", decided))
            deadlines.append(_deadline(case, "complaint", decided + timedelta(days=28), None))
            if status in ("granted", "refused"):
                continue
            start = decided + timedelta(days=21)
            placement = Placement(
                case=case,
                offer=offer,
                start_on=start,
                days_per_week=rng.choice([3, 4, 5]),
                contact_person="Kim Kontaktsen",
                ended_on=None,
            )
            placements.append(placement)
            audit.append(_audit(municipality, case, worker, "placement_start", start))
            if status == "terminated":
                ended = min(today, start + timedelta(days=rng.randrange(200, 1500)))
                placement.ended_on = ended
                terminations.append(
                    Termination(
                        case=case, terminated_on=ended, reason="goals_reached", recorded_by=worker
                    )
                )
                audit.append(_audit(municipality, case, worker, "case_terminate", ended))
                continue
            follow_up = start + timedelta(days=365 * (1 + (today - start).days // 365))
            deadlines.append(_deadline(case, "follow_up", follow_up, None))
            deadlines.append(
                _deadline(
                    case, "pension_age", today + timedelta(days=rng.randrange(300, 9000)), None
                )
            )
            if (follow_up - today).days <= 30 and case.caseworker is not None:
                tasks.append(
                    _task(municipality, case, "follow_up_due", "follow_up", follow_up, today)
                )
        Application.objects.bulk_create(apps, batch_size=BATCH)
        Assessment.objects.bulk_create(assessments, batch_size=BATCH)
        Decision.objects.bulk_create(decisions, batch_size=BATCH)
        Placement.objects.bulk_create(placements, batch_size=BATCH)
        Termination.objects.bulk_create(terminations, batch_size=BATCH)
        Deadline.objects.bulk_create(deadlines, batch_size=BATCH)
        AuditEntry.objects.bulk_create(audit, batch_size=BATCH)
        Task.objects.bulk_create(tasks, batch_size=BATCH)
    _after_load(municipality.pk, evaluation)


def _after_load(municipality_id: str, evaluation: dict) -> None:
    """What the case actions keep on the case, which bulk_create bypasses (the decision in
    force, the earliest open deadline the municipality must meet), and the decisions' real
    frozen evaluation: one statement each for the whole municipality."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_case c SET decision_id = d.id FROM cases_decision d "
            "WHERE d.case_id = c.id AND c.municipality_id = %s AND c.decision_id IS NULL",
            [municipality_id],
        )
        cursor.execute(
            "UPDATE cases_case c SET next_due_on = e.due_on FROM ("
            " SELECT d.case_id, min(d.due_on) AS due_on FROM cases_deadline d"
            " JOIN cases_case k ON k.id = d.case_id"
            " WHERE k.municipality_id = %s AND d.met_on IS NULL AND d.kind <> 'complaint'"
            " GROUP BY d.case_id) e WHERE e.case_id = c.id",
            [municipality_id],
        )
        cursor.execute(
            "UPDATE cases_decision d SET evaluation = %s::jsonb FROM cases_case c "
            "WHERE c.id = d.case_id AND c.municipality_id = %s AND d.evaluation = '{}'::jsonb",
            [json.dumps(evaluation), municipality_id],
        )


def _audit(municipality, case, actor, action: str, on: date):
    from datetime import UTC, datetime
    from datetime import time as clock

    from bb103.cases.models import AuditEntry

    at = datetime.combine(on, clock(10, 0), tzinfo=UTC)
    return AuditEntry(
        municipality=municipality, case=case, actor=actor, action=action, at=at, details={}
    )


def _deadline(case, kind: str, due: date, met: date | None):
    from bb103.cases.models import Deadline

    return Deadline(
        case=case,
        kind=kind,
        due_on=due,
        met_on=met,
        explanation="Fristen er beregnet af regelmotoren efter kommunens kvalitetsstandard.",
        sources=["Serviceloven § 103", "Retssikkerhedsloven § 3, stk. 2"],
    )


def _task(municipality, case, kind: str, source: str, due: date, today: date):
    from bb103.cases.models import Task, TaskKind

    return Task(
        municipality=municipality,
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


def pages_to_measure(users: dict) -> list[dict]:
    """The caseworker's work list (Ballerup and Vejen), the case page, and the manager's
    list of all the municipality's cases (the largest list a user can ask for)."""
    ballerup, vejen = users["ballerup"], users["vejen"]
    return [
        {
            "name": "work list (caseworker)",
            "users": [ballerup["caseworker"], vejen["caseworker"]],
            "paths": ["/"],
        },
        {
            "name": "case page",
            "users": [ballerup["caseworker"]],
            "paths": [f"/sager/{pk}/" for pk in ballerup["case_ids"]],
        },
        {"name": "work list, all (manager)", "users": [vejen["manager"]], "paths": ["/?alle=1"]},
        {"name": "work list (committee)", "users": [vejen["committee"]], "paths": ["/"]},
    ]


def count_queries(page: dict) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(page["users"][0])
    counts = set()
    for path in page["paths"][:5]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, (path, response.status_code)
        counts.add(len(queries.captured_queries))
    return max(counts)


def _session_cookie(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(args: argparse.Namespace, url: str) -> subprocess.Popen:
    # Other servers may run on this machine: never measure someone else's.
    args.port = args.port or _free_port()
    env = dict(os.environ, DATABASE_URL=url, BB103_ALLOWED_HOSTS="127.0.0.1")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "bb103.site.wsgi:application",
            f"--bind=127.0.0.1:{args.port}",
            f"--workers={args.workers}",
            "--worker-class=gthread",
            f"--threads={args.threads}",
            "--log-level=warning",
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", args.port, timeout=1).request(
                "GET", "/log-ind/"
            )
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def _load(port: int, page: dict, *, clients: int, requests: int) -> dict:
    """``clients`` threads, each with its own logged-in session and keep-alive connection,
    share ``requests`` requests; latency per request, requests per second overall."""
    cookies = [_session_cookie(page["users"][i % len(page["users"])]) for i in range(clients)]
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(requests))
    errors = []

    def client(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        rng = random.Random(i)
        mine = []
        # Kept and sent back as a browser does (the CSRF cookie the first page sets): a
        # client that drops it has the server make a new one on every request.
        jar = SimpleCookie(cookies[i])
        while True:
            with lock:
                if next(counter, None) is None:
                    break
            path = rng.choice(page["paths"])
            cookie = "; ".join(f"{k}={m.value}" for k, m in jar.items())
            t0 = time.perf_counter()
            conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
            response = conn.getresponse()
            response.read()
            mine.append(time.perf_counter() - t0)
            for header in response.headers.get_all("Set-Cookie") or ():
                jar.load(header)
            if response.status != 200:
                errors.append((path, response.status))
        conn.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"{len(errors)} failed requests, e.g. {errors[0]}")
    latencies.sort()
    return {
        "requests": len(latencies),
        "p50_ms": round(statistics.median(latencies) * 1000, 1),
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1),
        "rps": round(len(latencies) / wall, 1),
    }


if __name__ == "__main__":
    sys.exit(main())
