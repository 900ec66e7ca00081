"""A reform: a small TOML file that changes law or municipal parameters from a date.

```toml
[reform]
title = "Loft over borgerens kørselsudgift 25 %"
in_force_from = 2027-01-01
source = "Forslag: ..."

[[changes]]
layer = "national"          # or a municipality id, e.g. "vejen"
key = "transport_cap_pct"   # any parameter in the catalogue
value = 25
```

:func:`load_reform` reads it as strictly as the loader reads the law and the standards (an
unknown key, parameter or municipality, or a value of the wrong type is a
:class:`PolicyError` naming the file and key). :func:`apply_reform` builds a new
:class:`PolicyRegistry` in which, from ``in_force_from`` on,

- a national change is a new dated value of the law (the value in force the day before is
  closed then; a value the law already schedules for a later date is replaced, because the
  reform says what holds from its date on);
- a municipal change is a new version ``<old id>+reform`` of that municipality's standard: a
  copy of the version in force on ``in_force_from`` with the parameter overridden (the old
  version closes the day before); a version that starts later gets the override too.

The result obeys the rules loaded data obeys: a municipal value may not undercut the
(reformed) law, checked by the loader's own check. A national change that would make an
existing municipal value undercut the law is refused naming that value; the reform must then
change that municipality's value too.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bb103.rules.errors import PolicyError
from bb103.rules.policy.catalogue import CATALOGUE
from bb103.rules.policy.loader import PolicyFile, check_against_law
from bb103.rules.policy.model import (
    DatedValue,
    MunicipalPolicy,
    PolicyVersion,
    SourcedValue,
)
from bb103.rules.policy.registry import PolicyRegistry, default_registry

NATIONAL = "national"
REFORM_SUFFIX = "+reform"


@dataclass(frozen=True)
class Change:
    """One parameter set to ``value`` in ``layer`` (``national`` or a municipality id)."""

    where: str  # the change's place in the file, e.g. "changes[0]"
    layer: str
    key: str
    value: Any


@dataclass(frozen=True)
class Reform:
    file: str
    title: str
    in_force_from: date
    source: str
    changes: tuple[Change, ...]

    def provenance(self) -> str:
        """The source recorded for every value the reform sets."""
        return f"Reform «{self.title}»: {self.source}"


def load_reform(path: str | Path, registry: PolicyRegistry | None = None) -> Reform:
    """Read and check a reform file; municipality ids are checked against ``registry``
    (default: the shipped policies)."""
    path = Path(path)
    f = PolicyFile(path)
    f.name = str(path)  # a reform lives anywhere; name it as the user gave it
    raw = f.table(f.read(), "", {"reform", "changes"}, {"reform", "changes"})
    keys = {"title", "in_force_from", "source"}
    head = f.table(raw["reform"], "reform", keys, keys)
    known = (registry or default_registry()).ids()
    if not isinstance(raw["changes"], list) or not raw["changes"]:
        raise f.error("changes", "must list at least one change ([[changes]])")
    changes = [_change(f, item, i, known) for i, item in enumerate(raw["changes"])]
    seen: dict[tuple[str, str], str] = {}
    for change in changes:
        first = seen.setdefault((change.layer, change.key), change.where)
        if first != change.where:
            raise f.error(change.where, f"changes {change.layer} {change.key} again ({first})")
    return Reform(
        file=f.name,
        title=f.text(head["title"], "reform.title"),
        in_force_from=f.date(head["in_force_from"], "reform.in_force_from"),
        source=f.text(head["source"], "reform.source"),
        changes=tuple(changes),
    )


def _change(f: PolicyFile, raw: Any, index: int, known: list[str]) -> Change:
    where = f"changes[{index}]"
    table = f.table(raw, where, {"layer", "key", "value"}, {"layer", "key", "value"})
    layer, key = table["layer"], table["key"]
    if layer != NATIONAL and layer not in known:
        raise f.error(
            f"{where}.layer",
            f"{layer!r} is neither 'national' nor a known municipality ({', '.join(known)})",
        )
    spec = CATALOGUE.get(key) if isinstance(key, str) else None
    if spec is None:
        raise f.error(f"{where}.key", f"{key!r} is not a parameter in the catalogue")
    if layer != NATIONAL and spec.municipal == "none":
        raise f.error(f"{where}.key", f"{key} is set by law only; a municipality cannot change it")
    if layer == NATIONAL and spec.municipal == "only":
        raise f.error(f"{where}.key", f"{key} is a municipal rule; the law cannot set it")
    value = f.parse_value(spec, table["value"], f"{where}.value")
    return Change(where, layer, key, value)


def apply_reform(registry: PolicyRegistry, reform: Reform) -> PolicyRegistry:
    """A new registry with the reform in force from its date; ``registry`` is not changed."""
    start = reform.in_force_from
    source = reform.provenance()
    parameters = dict(registry.law.parameters)
    for change in reform.changes:
        if change.layer == NATIONAL:
            parameters[change.key] = _from_date(
                parameters.get(change.key, ()), DatedValue(start, None, change.value, source)
            )
    law = replace(registry.law, parameters=parameters)

    municipalities = dict(registry.municipalities)
    for municipality_id in dict.fromkeys(c.layer for c in reform.changes if c.layer != NATIONAL):
        overrides = {
            c.key: SourcedValue(c.value, source)
            for c in reform.changes
            if c.layer == municipality_id
        }
        municipalities[municipality_id] = _reformed(
            municipalities[municipality_id], reform, overrides
        )

    failures = []
    for policy in municipalities.values():
        try:
            check_against_law(policy, law)
        except PolicyError as exc:
            failures.append((policy.id, exc))
    if failures:
        raise _refusal(reform, failures)
    return PolicyRegistry(law, municipalities)


def _from_date(values: tuple[DatedValue, ...], new: DatedValue) -> tuple[DatedValue, ...]:
    """``values`` with ``new`` in force from its date on, until further notice."""
    day_before = new.valid_from - timedelta(days=1)
    kept = []
    for value in values:
        if value.valid_from > day_before:
            continue  # replaced: the reform says what holds from its date on
        if value.valid_to is None or value.valid_to > day_before:
            value = replace(value, valid_to=day_before)
        kept.append(value)
    return (*kept, new)


def _reformed(
    policy: MunicipalPolicy, reform: Reform, overrides: dict[str, SourcedValue]
) -> MunicipalPolicy:
    start = reform.in_force_from
    versions: list[PolicyVersion] = []
    for version in policy.versions:
        if version.in_force_to is not None and version.in_force_to < start:
            versions.append(version)
            continue
        if version.in_force_from < start:
            versions.append(replace(version, in_force_to=start - timedelta(days=1)))
        versions.append(
            replace(
                version,
                id=version.id + REFORM_SUFFIX,
                title=f"{version.title} (reform: {reform.title})",
                source_document=f"{version.source_document}; {reform.provenance()}",
                in_force_from=max(start, version.in_force_from),
                approved_on=None,
                approved_by=None,
                parameters={**version.parameters, **overrides},
            )
        )
    if versions == list(policy.versions):
        where = next(c.where for c in reform.changes if c.layer == policy.id)
        raise PolicyError(
            reform.file,
            f"{where}.layer",
            f"{policy.id} has no version of its standard in force on or after {start}",
        )
    return replace(policy, versions=tuple(versions))


def _failing_key(exc: PolicyError) -> tuple[str, str]:
    """The version id and parameter of a loader error keyed ``versions.<id>.parameters.<p>``."""
    parts = exc.key.split(".")
    version = parts[1] if len(parts) > 1 else ""
    key = parts[3] if len(parts) > 3 and parts[2] == "parameters" else ""
    return version, key


def _culprit(reform: Reform, municipality: str, exc: PolicyError) -> Change | None:
    """The change that made the loader refuse ``municipality``'s reformed standard."""
    version, key = _failing_key(exc)
    # A wage rate is checked against the wage floor: a change of the floor can break it.
    keys = [key, "wage_floor_pct"] if key == "wage_rates" else [key]
    if version.endswith(REFORM_SUFFIX):
        for change in reform.changes:
            if change.layer == municipality and change.key in keys:
                return change
    for change in reform.changes:
        if change.layer == NATIONAL and change.key in keys:
            return change
    return None


def _refusal(reform: Reform, failures: list[tuple[str, PolicyError]]) -> PolicyError:
    """The loader's complaints about the reformed standards, as one error in the reform at the
    change that caused the first; a national change names every standard it breaks."""
    municipality, exc = failures[0]
    change = _culprit(reform, municipality, exc)
    problem = f"{exc.file}: {exc.key}: {exc.message}"
    if change is None:
        return PolicyError(reform.file, "changes", f"the reformed policies are invalid: {problem}")
    if change.layer != NATIONAL:
        return PolicyError(reform.file, f"{change.where}.value", f"{change.key}: {problem}")
    broken = [m for m, e in failures if _culprit(reform, m, e) is change]
    key = _failing_key(exc)[1] or change.key
    return PolicyError(
        reform.file,
        f"{change.where}.value",
        f"{change.key}: would make the standard of {', '.join(broken)} undercut the law: "
        f"{problem}; change {key} for {', '.join(broken)} in the reform too",
    )
