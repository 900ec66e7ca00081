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


def _production(tmp_path, **env: str) -> dict[str, str]:
    return {
        "DJANGO_SETTINGS_MODULE": "bb103.site.production",
        "BB103_SECRET_KEY": secrets.token_urlsafe(50),
        "BB103_CPR_HASH_KEY": secrets.token_urlsafe(32),
        "BB103_ALLOWED_HOSTS": "bb103.kommune.dk",
        "BB103_VAR_DIR": str(tmp_path),
        **env,
    }


def test_production_refuses_the_public_or_a_short_cpr_key(tmp_path):
    """Issue 14, point 6: the development key from the repository, a one-letter key or a
    short one is refused at start."""
    for key, reason in (
        ("bb103-local-development-only", "public development key"),
        ("x", "at least 32 characters"),
        ("k" * 31, "at least 32 characters"),
        ("ab" * 30, "too few characters"),
    ):
        done = _manage("check", **_production(tmp_path, BB103_CPR_HASH_KEY=key))
        assert done.returncode != 0, key
        assert reason in done.stderr, (key, done.stderr[-500:])


def test_check_deploy_reports_a_weak_cpr_key_as_an_error():
    """Issue 14, point 6: a settings module that does not refuse it itself (the development
    settings, a municipality's own module) gets a deploy check error for the key."""
    done = _manage("check", "--deploy", "--fail-level", "ERROR")
    assert done.returncode != 0
    assert "bb103.E001" in done.stdout + done.stderr
    assert "public development key" in done.stdout + done.stderr


def test_load_demo_refuses_production_settings_unless_told(tmp_path):
    """Issue 14, point 6: demo users with a known password never go into a production
    database by mistake."""
    done = _manage("load_demo", **_production(tmp_path))
    assert done.returncode != 0
    assert "--allow-production" in done.stderr
    assert not (tmp_path / "bb103.sqlite3").exists() or "refusing" in done.stderr
