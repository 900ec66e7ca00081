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
