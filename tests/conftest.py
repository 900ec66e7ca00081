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


def pytest_configure(config: pytest.Config) -> None:
    """The known case of the check below, said plainly before the workers start (a worker's
    refusal reaches the terminal only as an internal error)."""
    if config.getoption("dist", "no") == "loadgroup" and pytest.version_tuple[:2] >= (9, 2):
        from importlib.metadata import version

        if tuple(int(p) for p in version("pytest-xdist").split(".")[:2]) <= (3, 8):
            raise pytest.UsageError(
                f"pytest {pytest.__version__} with pytest-xdist {version('pytest-xdist')} "
                "ignores xdist_group under --dist loadgroup: run `make clean test` "
                "(pyproject.toml asks for pytest<9.2)"
            )


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """Under ``--dist loadgroup`` pytest-xdist sends a group's tests to one worker by a
    suffix it adds to their ids; if a pytest release stops it taking (9.2 did), a group's
    module fixture (the demo, a server) is built on every worker and the suite slows down
    without a word. Refuse to run instead."""
    worker = getattr(session.config, "workerinput", None)
    if worker is None or not session.config.getvalue("loadgroup"):
        return
    lost = [
        item.nodeid
        for item in session.items
        if item.get_closest_marker("xdist_group") and "@" not in item.nodeid
    ]
    if lost:
        raise pytest.UsageError(
            f"pytest-xdist could not group {lost[0]} (and {len(lost) - 1} more): "
            "check the pytest and pytest-xdist versions in pyproject.toml"
        )


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


@pytest.fixture(autouse=True)
def _digital_post_in_tmp(settings, tmp_path):
    """Digital Post's outbox and inbox and the print batches of a test land in its own
    temporary folder, not under var/."""
    settings.BB103_DIGITAL_POST_DIR = tmp_path / "digital-post"
    settings.BB103_PRINT_DIR = tmp_path / "print"
