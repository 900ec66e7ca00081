"""A benchmark's own PostgreSQL database (127.0.0.1:5432, user postgres, trust): made
before the run, dropped after it unless kept, and the run's result written as JSON. Shared
by the web and overview benchmarks (run as scripts from this folder)."""

import json
import os
from collections.abc import Callable
from pathlib import Path

import psycopg

SERVER = "postgres://postgres@127.0.0.1:5432"


def run_on_own_database(prefix: str, run: Callable[[str], dict], *, keep: bool, out: Path) -> int:
    """``run(url)`` on a new database named ``<prefix>_<pid>``; its result to ``out``."""
    name = f"{prefix}_{os.getpid()}"
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{SERVER}/{name}"
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bb103.site.settings")
    try:
        result = run(url)
    finally:
        if keep:
            print(f"kept database {name}")
        else:
            _drop(name)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {out}")
    return 0


def _drop(name: str) -> None:
    # Django's own connections are closed first; WITH (FORCE) ends any left over.
    try:
        from django.db import connections

        connections.close_all()
    except Exception:
        pass
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
