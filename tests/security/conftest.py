import pytest

from tests.web.conftest import (  # noqa: F401
    ballerup,
    citizen_of,
    client_for,
    fast_password_hashing,
    municipalities,
    roskilde,
    vejen,
    world,
)


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory):
    """A var folder whose SQLite file holds the demo, made by real ``bb103`` processes once
    per run (its tests share one xdist group): tests copy it (processes.copy_demo)."""
    from tests.security.processes import make_demo

    return make_demo(tmp_path_factory.mktemp("demo_sqlite"))
