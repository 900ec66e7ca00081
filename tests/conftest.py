import pytest

from bb103.rules.policy.registry import PolicyRegistry, default_registry

# pytest-django's ways into the test database: a test reaches it only through one of these
# fixtures or the django_db marker (pytest-django refuses any other database access); a
# fixture of wider scope that unblocks the database for itself requests django_db_setup.
# (django_db_blocker is no sign: pytest-django's own autouse fixtures request it.)
DATABASE_FIXTURES = frozenset(
    {
        "db",
        "transactional_db",
        "django_db_reset_sequences",
        "django_db_serialized_rollback",
        "live_server",
        "_django_db_helper",
        "django_db_setup",
    }
)


def uses_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or not DATABASE_FIXTURES.isdisjoint(
        getattr(item, "fixturenames", ())
    )


@pytest.hookimpl(tryfirst=True)  # before -m selects by the marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the database with ``database``. The rest give the same
    result on any database, so .ci/run runs them once, in the SQLite pass, and its
    PostgreSQL pass selects ``-m database``."""
    for item in items:
        if uses_database(item):
            item.add_marker(pytest.mark.database)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """How many of the tests run used the database, so each pass of .ci/run says what it
    ran (under pytest-xdist the workers deselect, and pytest's last line does not say)."""
    ran: dict[str, bool] = {}
    for reports in terminalreporter.stats.values():
        for report in reports:
            if isinstance(report, pytest.TestReport):
                ran[report.nodeid] = "database" in report.keywords
    if ran:
        database = sum(ran.values())
        terminalreporter.write_line(
            f"{len(ran)} tests ran: {database} use the database, {len(ran) - database} do not"
        )


@pytest.fixture(scope="session")
def registry() -> PolicyRegistry:
    return default_registry()


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    """Attachments written by a test land in its own temporary folder, not under var/."""
    settings.BB103_ATTACHMENT_DIR = tmp_path / "bilag"
