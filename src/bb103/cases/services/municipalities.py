"""Municipalities come from the policy files: one row per file, named as the file names it."""

from bb103.cases.engine.policy import known_municipalities
from bb103.cases.models import Municipality


def municipalities_sync() -> list[Municipality]:
    """Create or rename a Municipality for every shipped policy file; a sixth municipality's
    file gives a sixth row. Rows are never deleted: cases may refer to them."""
    rows = []
    for policy_id, name in known_municipalities().items():
        row, _ = Municipality.objects.update_or_create(id=policy_id, defaults={"name": name})
        rows.append(row)
    return rows
