"""The session store (bb103/web/sessions.py; issue 21, point 5) reads a session as Django's
database store does: a live session with its data, an expired or unknown one as none (and
its key dropped, so a new one is made), and a session deleted (logged out) is gone."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from bb103.web.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _saved(**data: object) -> str:
    store = SessionStore()
    store.update(data)
    store.create()
    return store.session_key


def test_a_live_session_is_read_with_its_data() -> None:
    key = _saved(bruger=7, navn="Ærø")
    store = SessionStore(key)
    assert (store["bruger"], store["navn"]) == (7, "Ærø")
    assert store.session_key == key


def test_an_expired_session_is_none_and_its_key_dropped() -> None:
    key = _saved(bruger=7)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(1))
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None


def test_an_unknown_session_is_none() -> None:
    store = SessionStore("x" * 32)
    assert dict(store.items()) == {}
    assert store.session_key is None


def test_a_session_logged_out_is_gone() -> None:
    key = _saved(bruger=7)
    SessionStore(key).delete()
    assert SessionStore(key).load() == {}
