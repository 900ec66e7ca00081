"""Benchmark of Digital Post's job queue (issue 18, item 4): N letters' delivery jobs
enqueued (django-tasks with django-tasks-db's DatabaseBackend) and run by
``bb103 manage db_worker --batch`` (1 and 2 worker processes), each job writing the letter
as a MeMo message into the file channel's outbox, on SQLite and on PostgreSQL.

    .venv/bin/python benchmarks/bench_queue.py [--letters 500] [--no-postgres]

It makes a fresh database (a SQLite file in a temporary folder; ``bb103_bench_queue`` on
the PostgreSQL server at 127.0.0.1:5432, dropped afterwards), one case with one letter
made through the services, and N-1 copies of that letter's row (the PDF rendering is not
what is measured). "run" is wall time from the workers' start to the last job done,
process start-up included; "jobs/s" counts from the first job's start to the last one's
end. Results go to benchmarks/results/queue.json; docs/integrations.md has the table.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "queue.json"
PG = "postgres://postgres@127.0.0.1:5432"
PG_DB = "bb103_bench_queue"


def _env(database_url: str, var: Path) -> dict[str, str]:
    env = dict(os.environ, BB103_VAR_DIR=str(var), PYTHONPATH=str(ROOT / "src"))
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "-m", "bb103.cli.main", "manage", *args], env=env, check=True)


SETUP = r"""
import sys, time
import django
django.setup()
from bb103.cases import services
from bb103.cases.models import Letter, LetterDelivery, Membership, Role, User
from bb103.cases.services.delivery import delivery_enqueue
from django_tasks_db.models import DBTaskResult

n = int(sys.argv[1])
[m] = [m for m in services.municipalities_sync() if m.id == "ballerup"]
user = User.objects.create(username="bench-raadgiver")
Membership.objects.create(user=user, municipality=m, role=Role.CASEWORKER)
citizen = services.citizen_register(user=user, municipality=m, cpr="0101901234",
                                    first_name="Asta", last_name="Prøvesen")
case = services.application_register(user=user, citizen=citizen,
                                     received_on=__import__("datetime").date(2025, 3, 10),
                                     channel="digital")
first = services.letter_send(user=user, case=case, kind="receipt")
copies = [Letter(**{f.attname: getattr(first, f.attname) for f in Letter._meta.concrete_fields
                    if f.attname != "id"}) for _ in range(n - 1)]
Letter.objects.bulk_create(copies)
LetterDelivery.objects.bulk_create(
    LetterDelivery(letter=l, municipality=m, channel="digital_post")
    for l in Letter.objects.exclude(pk=first.pk))
ids = list(LetterDelivery.objects.values_list("pk", flat=True))
DBTaskResult.objects.all().delete()  # the first letter's own job: timed below
start = time.perf_counter()
for pk in ids:
    delivery_enqueue(pk)
print(time.perf_counter() - start)
"""

SPAN = r"""
import django
django.setup()
from django.db.models import Max, Min
from django_tasks_db.models import DBTaskResult
from bb103.cases.models import LetterDelivery
s = DBTaskResult.objects.aggregate(a=Min("started_at"), b=Max("finished_at"))
print((s["b"] - s["a"]).total_seconds(), DBTaskResult.objects.filter(status="SUCCESSFUL").count(),
      LetterDelivery.objects.filter(status="sent").count())
"""


def _python(env: dict[str, str], code: str, *args: str) -> str:
    env = dict(env, DJANGO_SETTINGS_MODULE="bb103.site.settings")
    out = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1]


def run_one(name: str, database_url: str, letters: int, workers: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        var = Path(tmp)
        if database_url:
            _reset_pg()
        env = _env(database_url, var)
        _manage(env, "migrate", "--noinput", "--verbosity", "0")
        enqueue_s = float(_python(env, SETUP, str(letters)))
        start = time.perf_counter()
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "bb103.cli.main",
                    "manage",
                    "db_worker",
                    "--batch",
                    "--no-startup-delay",
                    "--no-reload",
                    "--interval",
                    "0",
                    "--verbosity",
                    "0",
                    "--worker-id",
                    f"bench-{i}",
                ],
                env=env,
            )
            for i in range(workers)
        ]
        for p in procs:
            p.wait()
        run_s = time.perf_counter() - start
        span, done, sent = _python(env, SPAN).split()
        outbox = len(list((var / "digital-post" / "outbox").glob("*.xml")))
        if database_url:
            _drop_pg()
    result = {
        "database": name,
        "letters": letters,
        "workers": workers,
        "enqueue_s": round(enqueue_s, 3),
        "enqueue_per_s": round(letters / enqueue_s),
        "run_s": round(run_s, 2),
        "jobs_per_s": round(int(done) / float(span), 1),
        "successful": int(done),
        "sent": int(sent),
        "outbox_files": outbox,
    }
    print(json.dumps(result))
    return result


def _reset_pg() -> None:
    _drop_pg()
    subprocess.run(["psql", PG + "/postgres", "-qc", f"CREATE DATABASE {PG_DB}"], check=True)


def _drop_pg() -> None:
    subprocess.run(
        ["psql", PG + "/postgres", "-qc", f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)"],
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=500)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    runs = []
    targets = [("sqlite", "")] + ([] if args.no_postgres else [("postgresql", f"{PG}/{PG_DB}")])
    for name, url in targets:
        for workers in (1, 2):
            runs.append(run_one(name, url, args.letters, workers))
    RESULTS.write_text(
        json.dumps(
            {"machine": f"{platform.machine()}, {os.cpu_count()} cores", "runs": runs},
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
