"""Issue 7, authentication: ``manage check --deploy`` with the production settings gives no
warnings, and production refuses to start without its own secret key."""

import os
import secrets
import subprocess
import sys


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("BB103_")}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "bb103.cli.main", "manage", *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    done = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="bb103.site.production",
        BB103_SECRET_KEY=secrets.token_urlsafe(50),
        BB103_CPR_HASH_KEY=secrets.token_urlsafe(32),
        BB103_ALLOWED_HOSTS="bb103.kommune.dk",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues (0 silenced)" in done.stdout


def test_development_settings_are_not_fit_for_production():
    """The same check on the development settings warns (insecure key, no HTTPS): the
    production module is what makes it clean, not a silenced check."""
    done = _manage("check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode != 0
    assert "security.W" in done.stdout + done.stderr


def test_production_refuses_to_start_without_its_keys():
    done = _manage("check", DJANGO_SETTINGS_MODULE="bb103.site.production")
    assert done.returncode != 0
    assert "BB103_SECRET_KEY must be set" in done.stderr
    done = _manage(
        "check", DJANGO_SETTINGS_MODULE="bb103.site.production", BB103_SECRET_KEY="x" * 60
    )
    assert done.returncode != 0
    assert "BB103_CPR_HASH_KEY must be set" in done.stderr
