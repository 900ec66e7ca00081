"""The work list's statement is built and compiled once per process for each list and kept
(issue 21, point 5), the user's id put in at a placeholder: a list compiled for one
caseworker must read another's own cases and tasks, never the first one's."""

import pytest
from django.utils import timezone

from bb103.cases.models import Role
from bb103.cases.selectors import one_query_prefetch
from bb103.cases.selectors.pages import worklist_for_user
from bb103.cases.selectors.scope import scope_of
from bb103.cases.selectors.worklist_search import WorkListFilter, search_term_parse
from bb103.cases.services.sweep import sweep_run
from tests.cases.factories import make_user, open_case

pytestmark = pytest.mark.django_db


def test_one_compiled_list_gives_each_caseworker_their_own(ballerup, citizen_of):
    other = make_user("ballerup-raadgiver2", ballerup.municipality, Role.CASEWORKER)
    mine = open_case(ballerup.caseworker, citizen_of(ballerup))
    theirs = open_case(other, citizen_of(ballerup))
    today = timezone.localdate()
    sweep_run(today=today)
    one_query_prefetch._COMPILED_READS.clear()
    for _ in range(2):  # compiled for the first, kept for the second, and again
        for user, own, not_own in ((ballerup.caseworker, mine, theirs), (other, theirs, mine)):
            work = worklist_for_user(user=user, today=today)
            assert [c.pk for c in work.cases] == [own.pk]
            assert not_own.pk not in {t.case_id for t in work.tasks}
    # The two caseworkers' lists are one compiled statement (the other is their scope's).
    assert len(_lists()) == 1


def test_a_search_is_compiled_for_itself_and_not_kept(ballerup, citizen_of):
    mine = open_case(ballerup.caseworker, citizen_of(ballerup))
    one_query_prefetch._COMPILED_READS.clear()
    found = worklist_for_user(
        user=ballerup.caseworker,
        today=timezone.localdate(),
        filters=WorkListFilter(term=search_term_parse(str(mine.pk))),
    )
    assert [c.pk for c in found.cases] == [mine.pk]
    # Its words are in no key of the process's memory.
    assert not _lists()


def _lists() -> list:
    """The compiled reads kept, but the users' scope (read on every page)."""
    return [key for key, _ in one_query_prefetch._COMPILED_READS if key != "scope"]


def test_one_compiled_scope_gives_each_user_their_own_memberships(ballerup, vejen):
    """The memberships behind every permission (selectors/scope.py) are read with a
    statement compiled once: a scope compiled for one user is never another's."""
    one_query_prefetch._COMPILED_READS.clear()
    for _ in range(2):
        assert scope_of(ballerup.caseworker).roles == {("ballerup", Role.CASEWORKER)}
        assert scope_of(vejen.manager).roles == {("vejen", Role.MANAGER)}
        assert scope_of(vejen.manager).case_municipalities == {"vejen"}
    assert [key for key, _ in one_query_prefetch._COMPILED_READS] == ["scope"]
