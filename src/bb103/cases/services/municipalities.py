"""Municipalities come from the policy files: one row per file, named as the file names it."""

from bb103.cases.engine.policy import known_municipalities
from bb103.cases.models import Municipality


def municipalities_sync() -> list[Municipality]:
    """Create or rename a Municipality for every shipped policy file; a sixth municipality's
    file gives a sixth row. Rows are never deleted: cases may refer to them. Two queries
    where nothing changed."""
    known = known_municipalities()
    Municipality.objects.bulk_create(
        [Municipality(id=mid, name=name) for mid, name in known.items()], ignore_conflicts=True
    )
    rows = {m.id: m for m in Municipality.objects.filter(id__in=known)}
    for mid, name in known.items():
        if rows[mid].name != name:
            rows[mid].name = name
            rows[mid].save(update_fields=["name"])
    return [rows[mid] for mid in known]
