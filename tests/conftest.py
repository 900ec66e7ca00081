import pytest

from bb103.rules.policy.registry import PolicyRegistry, default_registry


@pytest.fixture(scope="session")
def registry() -> PolicyRegistry:
    return default_registry()


@pytest.fixture(autouse=True)
def _attachments_in_tmp(settings, tmp_path):
    """Attachments written by a test land in its own temporary folder, not under var/."""
    settings.BB103_ATTACHMENT_DIR = tmp_path / "bilag"
