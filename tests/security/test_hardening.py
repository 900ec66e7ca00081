"""Issue 14, point 11: the SQLite file and var/ owner-only, passwords such as aaaaaaaaaaaa
or sommerfugl2024 refused in Danish, a page to change one's password, and the lockout page
in words ("Prøv igen om 15 minutter")."""

import os
import stat
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from bb103.cases.models import Role
from tests.cases.factories import make_user

PASSWORD = "en-lang-nok-adgangskode"


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_var_and_the_sqlite_file_are_owner_only(tmp_path):
    """Issue 14, point 11: made by the first command, under a permissive umask; a file
    left group-readable by an older version is tightened."""
    var = tmp_path / "ny" / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BB103_", "DATABASE_"))}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["BB103_VAR_DIR"] = str(var)

    def run() -> None:
        done = subprocess.run(
            [sys.executable, "-m", "bb103.cli.main", "manage", "check"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            preexec_fn=lambda: os.umask(0o022),
        )
        assert done.returncode == 0, done.stderr

    run()
    assert _mode(var) == 0o700
    assert _mode(var / "bb103.sqlite3") == 0o600
    (var / "bb103.sqlite3").chmod(0o644)
    var.chmod(0o755)
    run()
    assert (_mode(var), _mode(var / "bb103.sqlite3")) == (0o700, 0o600)


@pytest.mark.parametrize(
    "password",
    ["aaaaaaaaaaaa", "abababababab", "aaaaaaaaaaab1", "sommerfugl2024!", "Kodeord123456",
     "velkommen2025", "januar2024!!!", "K0de0rd12345!", "brøndby123456", "12121212121212"],
)  # fmt: skip
def test_weak_passwords_are_refused_in_danish(password):
    """Issue 14, point 11: too few distinct characters, or a common Danish password with
    digits or signs around it."""
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(
        "almindelig" in m or "gentager" in m or "tal" in m for m in refused.value.messages
    ), refused.value.messages


@pytest.mark.parametrize("password", ["hest-lampe-cykel-hav", "Grøn7Tekande!Vindue"])
def test_a_good_password_passes(password):
    validate_password(password)


@pytest.fixture
def staff(ballerup):
    user = make_user("ballerup-skift", ballerup.municipality, Role.CASEWORKER)
    user.set_password(PASSWORD)
    user.save()
    return user


def test_the_password_change_page_works_without_javascript(staff):
    """Issue 14, point 11: linked from every page's header, a plain form posted; the new
    password is checked by the same validators."""
    client = Client()
    client.force_login(staff)
    worklist = client.get(reverse("worklist"))
    assert reverse("password-change") in worklist.text
    page = client.get(reverse("password-change"))
    assert page.status_code == 200 and "Skift adgangskode" in page.text
    weak = client.post(
        reverse("password-change"),
        {
            "old_password": PASSWORD,
            "new_password1": "aaaaaaaaaaaa",
            "new_password2": "aaaaaaaaaaaa",
        },
    )
    assert weak.status_code == 200 and "gentager de samme tegn" in weak.text
    new = "blæksprutte-ved-fjorden"
    done = client.post(
        reverse("password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Adgangskoden er skiftet" in done.text
    staff.refresh_from_db()
    assert staff.check_password(new)
    # Still logged in (Django keeps the session on a password change).
    assert client.get(reverse("worklist")).status_code == 200


def test_the_lockout_page_says_the_wait_in_words(staff, settings):
    """Issue 14, point 11: "Prøv igen om 15 minutter", not "0:15:00"."""
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    for _ in range(2):
        locked = client.post(reverse("login"), {"username": staff.username, "password": "x"})
    assert locked.status_code == 429
    assert "Prøv igen om\n    15 minutter" in locked.text or "Prøv igen om 15 minutter" in " ".join(
        locked.text.split()
    )
    assert "0:15:00" not in locked.text


@pytest.mark.parametrize(
    ("period", "words"),
    [
        (timedelta(minutes=15), "15 minutter"),
        (timedelta(minutes=1), "1 minut"),
        (timedelta(hours=1), "1 time"),
        (timedelta(hours=2, minutes=30), "2 timer og 30 minutter"),
    ],
)
def test_periods_in_danish_words(period, words):
    rendered = Template("{% load bb103 %}{{ p|duration_da }}").render(Context({"p": period}))
    assert rendered == words
