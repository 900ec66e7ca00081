"""Issue 17: the case's timeline names every step in Danish, never by its code name."""

from bb103.cases.actions import REGISTRY
from bb103.web.presenters import ACTION_TITLES


def test_every_action_has_a_danish_title_on_the_timeline():
    """Every action that can write an audit entry (the timeline's lines) has a title:
    before issue 17's review, a change decision showed as »change_decision_make«."""
    missing = sorted(
        name
        for name, action in REGISTRY.items()
        if (getattr(action, "audit_action", None) or name) not in ACTION_TITLES
    )
    assert missing == []
