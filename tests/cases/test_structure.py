"""The case system's structure: one bridge to the engine, migrations in step with models,
the CLI passthrough, and the settings' defaults."""

import ast
from importlib import import_module
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db
from django.core.management import call_command

import bb103.cases
from bb103.cli.main import main

CASES_DIR = Path(bb103.cases.__file__).resolve().parent


def test_only_the_engine_adapter_calls_the_rules_engine():
    """Style guide point 1: one adapter, the package ``bb103.cases.engine``, is the only
    bridge to bb103.rules (services may take its result types through the adapter)."""
    offenders = []
    for path in sorted(CASES_DIR.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n == "bb103.rules" or n.startswith("bb103.rules.") for n in names):
                offenders.append(path.relative_to(CASES_DIR).as_posix())
    assert offenders and {path.split("/")[0] for path in offenders} == {"engine"}


@pytest.mark.django_db
def test_migrations_match_the_models(settings):
    # The migration files themselves, also where the SQLite pass makes its test database
    # from the models (make test: --nomigrations).
    settings.MIGRATION_MODULES = {}
    call_command("makemigrations", "cases", "--check", "--dry-run", verbosity=0)


def test_settings_are_danish_and_timezone_aware():
    assert (settings.LANGUAGE_CODE, settings.TIME_ZONE, settings.USE_TZ) == (
        "da",
        "Europe/Copenhagen",
        True,
    )
    assert [code for code, _ in settings.LANGUAGES] == ["da", "en"]
    # Sessions in the database (Django's store, read with one statement written once), so a
    # session logged out is gone for every process at once.
    assert settings.SESSION_ENGINE == "bb103.web.sessions"
    assert issubclass(import_module(settings.SESSION_ENGINE).SessionStore, db.SessionStore)


@pytest.mark.django_db
def test_bb103_manage_passes_through_to_django(capsys):
    assert main(["manage", "sync_municipalities"]) == 0
    out = capsys.readouterr().out
    assert "soenderborg: Sønderborg Kommune" in out
    assert len(out.splitlines()) == 5
