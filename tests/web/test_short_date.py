"""The lists' cached short date renders exactly as Django's own date filter."""

from datetime import date, timedelta

from django.template import Context, Template


def test_short_date_is_the_date_filter():
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(0, 365, 17)] + [None]
    for day in days:
        context = Context({"d": day})
        ours = Template("{% load bb103 %}{{ d|short_date }} {{ d.isoformat }}").render(context)
        django = Template("{{ d|date:'j. b. Y' }} {{ d|date:'Y-m-d' }}").render(context)
        assert ours == django
