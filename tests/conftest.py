import pytest

from bb103.rules.policy.registry import PolicyRegistry, default_registry


@pytest.fixture(scope="session")
def registry() -> PolicyRegistry:
    return default_registry()
