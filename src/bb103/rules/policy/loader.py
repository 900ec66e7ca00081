"""Strict loading of the law file and the municipal policy files.

Anything unexpected is an error naming the file and the dotted key: an unknown key, a
missing source, overlapping or gapped validity periods, a value of the wrong type, or a
municipal value that undercuts the law.
"""

import itertools
import re
import tomllib
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from bb103.rules.errors import PolicyError
from bb103.rules.policy.catalogue import CATALOGUE, ParamSpec, ValueProblem
from bb103.rules.policy.model import (
    CONTACT_EXPECTED,
    CONTACT_FIELDS,
    EXPENSE_ARTS,
    PERSON_POSTINGS,
    PROVIDER_POSTINGS,
    Contact,
    CouncilDecision,
    DatedValue,
    FinanceAccount,
    FinanceSettings,
    LawData,
    MinimumWage,
    MunicipalPolicy,
    PolicyVersion,
    SourcedValue,
)
from bb103.rules.policy.values import DaysPerWeek, Period

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
# An account string, cost centre or PSP element as finance systems write them: letters,
# digits, '.', '-' and '/', starting with a letter or digit, at most 40 characters.
_ACCOUNT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9./-]{0,39}$")


class PolicyFile:
    """One data file being read; every check reports through it with file and key."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = f"{path.parent.name}/{path.name}"

    def error(self, key: str, message: str) -> PolicyError:
        return PolicyError(self.name, key, message)

    def read(self) -> dict[str, Any]:
        try:
            with self.path.open("rb") as handle:
                return tomllib.load(handle, parse_float=Decimal)
        except tomllib.TOMLDecodeError as exc:
            raise self.error("(syntax)", str(exc)) from None
        except UnicodeDecodeError as exc:
            raise self.error("(encoding)", f"not UTF-8: {exc.reason} at byte {exc.start}") from None
        except OSError as exc:
            raise self.error("(file)", exc.strerror or str(exc)) from None

    def table(self, raw: Any, key: str, allowed: set[str], required: set[str]) -> dict[str, Any]:
        if not isinstance(raw, dict):
            raise self.error(key, "must be a table")
        for name in raw:
            if name not in allowed:
                raise self.error(_join(key, name), "unknown key")
        for name in sorted(required - raw.keys()):
            if name == "source":
                raise self.error(
                    _join(key, name), "missing source: every value must name its source"
                )
            raise self.error(_join(key, name), "is required")
        return raw

    def text(self, raw: Any, key: str) -> str:
        if not isinstance(raw, str) or not raw.strip():
            raise self.error(key, "must be a non-empty text")
        return raw

    def texts(self, raw: Any, key: str) -> tuple[str, ...]:
        if not isinstance(raw, list):
            raise self.error(key, "must be a list of texts")
        return tuple(self.text(item, f"{key}[{i}]") for i, item in enumerate(raw))

    def date(self, raw: Any, key: str) -> date:
        if not isinstance(raw, date) or type(raw) is not date:
            raise self.error(key, "must be a date (YYYY-MM-DD, unquoted)")
        return raw

    def slug(self, raw: Any, key: str) -> str:
        if not isinstance(raw, str) or not _SLUG.match(raw):
            raise self.error(key, "must be lower-case letters, digits, '-' or '_'")
        return raw

    def parse_value(self, spec: ParamSpec, raw: Any, key: str) -> Any:
        try:
            return spec.parse(raw)
        except ValueProblem as problem:
            where = f"{key}.{problem.subkey}" if problem.subkey else key
            if problem.subkey and problem.subkey.startswith("["):
                where = f"{key}{problem.subkey}"
            raise self.error(where, str(problem)) from None


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name


def _dated_values(
    f: PolicyFile, raw: Any, key: str, spec: ParamSpec | None
) -> tuple[DatedValue, ...]:
    if not isinstance(raw, list) or not raw:
        raise f.error(key, "must be a list of dated values ([[...]] tables)")
    values = []
    for i, item in enumerate(raw):
        where = f"{key}[{i}]"
        table = f.table(item, where, {"from", "to", "value", "source"}, {"from", "value", "source"})
        start = f.date(table["from"], f"{where}.from")
        end = None if "to" not in table else f.date(table["to"], f"{where}.to")
        if end is not None and end < start:
            raise f.error(f"{where}.to", f"{end} is before from {start}")
        value = f.parse_value(spec, table["value"], f"{where}.value") if spec else table["value"]
        values.append(DatedValue(start, end, value, f.text(table["source"], f"{where}.source")))
    values.sort(key=lambda v: v.valid_from)
    for prev, cur in itertools.pairwise(values):
        if prev.valid_to is None or prev.valid_to >= cur.valid_from:
            raise f.error(key, f"validity periods overlap: {prev.valid_from} and {cur.valid_from}")
        if prev.valid_to + timedelta(days=1) != cur.valid_from:
            raise f.error(key, f"gap in validity between {prev.valid_to} and {cur.valid_from}")
    if values[-1].valid_to is not None:
        raise f.error(key, "the latest value must have no 'to' (the law always has a value)")
    return tuple(values)


def load_law(path: Path) -> LawData:
    f = PolicyFile(path)
    raw = f.table(f.read(), "", {"law", "parameters", "minimum_wages"}, {"law", "parameters"})
    head = f.table(raw["law"], "law", {"id", "title", "assumptions"}, {"id", "title"})
    params_raw = f.table(raw["parameters"], "parameters", set(CATALOGUE), set())
    parameters: dict[str, tuple[DatedValue, ...]] = {}
    for key, spec in CATALOGUE.items():
        where = f"parameters.{key}"
        if key in params_raw and spec.municipal == "only":
            raise f.error(where, "is a municipal rule the law does not make; set it in a standard")
        if key in params_raw:
            parameters[key] = _dated_values(f, params_raw[key], where, spec)
        elif spec.national:
            raise f.error(where, "is required in the law file")
    wages: dict[str, MinimumWage] = {}
    wages_raw = raw.get("minimum_wages", {})
    if not isinstance(wages_raw, dict):
        raise f.error("minimum_wages", "must be a table")
    for wage_id, wage_raw in wages_raw.items():
        where = f"minimum_wages.{wage_id}"
        f.slug(wage_id, where)
        table = f.table(wage_raw, where, {"label", "values"}, {"label", "values"})
        dated = _dated_values(f, table["values"], f"{where}.values", None)
        for i, v in enumerate(dated):
            if isinstance(v.value, bool) or not isinstance(v.value, int | Decimal) or v.value <= 0:
                raise f.error(f"{where}.values[{i}].value", "must be a positive amount")
        wages[wage_id] = MinimumWage(
            wage_id,
            f.text(table["label"], f"{where}.label"),
            tuple(DatedValue(v.valid_from, v.valid_to, Decimal(v.value), v.source) for v in dated),
        )
    return LawData(
        file=f.name,
        id=f.slug(head["id"], "law.id"),
        title=f.text(head["title"], "law.title"),
        assumptions=f.texts(head.get("assumptions", []), "law.assumptions"),
        parameters=parameters,
        minimum_wages=wages,
    )


def _contact(f: PolicyFile, raw: Any, key: str) -> Contact:
    """A contact table: every field given names its source in ``sources``, and every
    expected field the standard does not give is listed in ``not_stated``, so contact data
    in a letter is never invented and never silently missing."""
    table = f.table(raw, key, {*CONTACT_FIELDS, "sources", "not_stated"}, {"unit", "sources"})
    given = [k for k in CONTACT_FIELDS if k in table]
    sources_raw = f.table(table["sources"], f"{key}.sources", set(given), set(given))
    sources = {k: f.text(sources_raw[k], f"{key}.sources.{k}") for k in given}
    not_stated = f.texts(table.get("not_stated", []), f"{key}.not_stated")
    for i, name in enumerate(not_stated):
        if name not in CONTACT_EXPECTED:
            raise f.error(f"{key}.not_stated[{i}]", f"must be one of {', '.join(CONTACT_EXPECTED)}")
        if name in table:
            raise f.error(f"{key}.not_stated[{i}]", f"{name} is given, so it cannot be not stated")
    for name in CONTACT_EXPECTED:
        if name not in table and name not in not_stated:
            raise f.error(
                f"{key}.{name}", "is missing: give it with its source, or list it in not_stated"
            )
    optional = {
        k: f.text(table[k], f"{key}.{k}") for k in ("phone", "email", "web", "hours") if k in table
    }
    return Contact(
        unit=f.text(table["unit"], f"{key}.unit"),
        address=f.texts(table["address"], f"{key}.address") if "address" in table else (),
        sources=sources,
        not_stated=not_stated,
        **optional,
    )


def load_municipality(path: Path, law: LawData) -> MunicipalPolicy:
    f = PolicyFile(path)
    raw = f.table(f.read(), "", {"municipality", "versions"}, {"municipality", "versions"})
    head = f.table(
        raw["municipality"],
        "municipality",
        {"id", "name", "source", "contact", "complaints", "council_deadlines", "finance"},
        {"id", "name", "source", "contact", "finance"},
    )
    municipality_id = f.slug(head["id"], "municipality.id")
    if municipality_id != path.stem:
        raise f.error("municipality.id", f"must equal the file name ({path.stem})")
    if not isinstance(raw["versions"], list) or not raw["versions"]:
        raise f.error("versions", "must list at least one version ([[versions]])")
    versions = [_version(f, item, i, law) for i, item in enumerate(raw["versions"])]
    versions.sort(key=lambda v: v.in_force_from)
    for prev, cur in itertools.pairwise(versions):
        if prev.in_force_to is None or prev.in_force_to >= cur.in_force_from:
            raise f.error(
                f"versions.{cur.id}.in_force_from",
                f"validity periods overlap with version {prev.id}",
            )
        if prev.in_force_to + timedelta(days=1) != cur.in_force_from:
            # A standard stays in force until the next one replaces it: no day without one.
            raise f.error(
                f"versions.{cur.id}.in_force_from",
                f"gap in validity after version {prev.id} (in force to {prev.in_force_to})",
            )
    if len({v.id for v in versions}) != len(versions):
        raise f.error("versions", "two versions have the same id")
    complaints = head.get("complaints")
    council = _council_deadlines(f, head.get("council_deadlines", []), versions)
    return MunicipalPolicy(
        file=f.name,
        id=municipality_id,
        name=f.text(head["name"], "municipality.name"),
        contact=_contact(f, head["contact"], "municipality.contact"),
        complaints=None
        if complaints is None
        else _contact(f, complaints, "municipality.complaints"),
        versions=tuple(versions),
        name_source=f.text(head["source"], "municipality.source"),
        council_deadlines=council,
        finance=_finance(f, head["finance"], "municipality.finance"),
    )


def _code(f: PolicyFile, raw: Any, key: str) -> str:
    if not isinstance(raw, str) or not _ACCOUNT.match(raw):
        raise f.error(
            key, "must be 1-40 letters, digits, '.', '-' or '/', starting with a letter or digit"
        )
    return raw


def _finance(f: PolicyFile, raw: Any, key: str) -> FinanceSettings:
    """The accounts the settlement's finance file posts on: an account for what is owed to
    each kind of provider (all required), and for the municipality's share of transport
    only where its payroll does not post it itself (optional)."""
    table = f.table(
        raw, key, {"cost_centre", "accounts", "source"}, {"cost_centre", "accounts", "source"}
    )
    where = f"{key}.accounts"
    known = {*PROVIDER_POSTINGS, *PERSON_POSTINGS}
    accounts_raw = f.table(table["accounts"], where, known, set(PROVIDER_POSTINGS))
    accounts = {}
    for kind, item in accounts_raw.items():
        at = f"{where}.{kind}"
        entry = f.table(item, at, {"account", "art", "psp"}, {"account", "art"})
        if entry["art"] not in EXPENSE_ARTS:
            raise f.error(
                f"{at}.art", f"must be an expense art of the chart: {', '.join(EXPENSE_ARTS)}"
            )
        accounts[kind] = FinanceAccount(
            account=_code(f, entry["account"], f"{at}.account"),
            art=entry["art"],
            psp="" if "psp" not in entry else _code(f, entry["psp"], f"{at}.psp"),
        )
    return FinanceSettings(
        cost_centre=_code(f, table["cost_centre"], f"{key}.cost_centre"),
        accounts=accounts,
        source=f.text(table["source"], f"{key}.source"),
    )


def _council_deadlines(
    f: PolicyFile, raw: Any, versions: list[PolicyVersion]
) -> tuple[CouncilDecision, ...]:
    """The council's decision deadlines, dated and sourced; only where a version of the
    standard leaves the deadline to the council, and never two in force on one day."""
    key = "municipality.council_deadlines"
    if not isinstance(raw, list):
        raise f.error(key, "must be a list of tables ([[municipality.council_deadlines]])")
    if raw and not any("decision_deadline_by_council" in v.parameters for v in versions):
        raise f.error(key, "no version of the standard leaves the deadline to the council")
    spec = CATALOGUE["decision_deadline"]
    found = []
    for i, item in enumerate(raw):
        where = f"{key}[{i}]"
        table = f.table(
            item,
            where,
            {"from", "to", "value", "decided_on", "source"},
            {"from", "value", "decided_on", "source"},
        )
        start = f.date(table["from"], f"{where}.from")
        end = None if "to" not in table else f.date(table["to"], f"{where}.to")
        if end is not None and end < start:
            raise f.error(f"{where}.to", f"{end} is before from {start}")
        decided = f.date(table["decided_on"], f"{where}.decided_on")
        if decided > start:
            raise f.error(f"{where}.decided_on", f"{decided} is after the date it applies from")
        found.append(
            CouncilDecision(
                start,
                end,
                f.parse_value(spec, table["value"], f"{where}.value"),
                decided,
                f.text(table["source"], f"{where}.source"),
            )
        )
    found.sort(key=lambda d: d.valid_from)
    for prev, cur in itertools.pairwise(found):
        if prev.valid_to is None or prev.valid_to >= cur.valid_from:
            raise f.error(key, f"the deadlines from {prev.valid_from} and {cur.valid_from} overlap")
    return tuple(found)


def _version(f: PolicyFile, raw: Any, index: int, law: LawData) -> PolicyVersion:
    keys = {
        "id",
        "title",
        "source_document",
        "in_force_from",
        "in_force_to",
        "approved_on",
        "approved_by",
        "assumptions",
        "parameters",
        "in_force_from_source",
    }
    where = f"versions[{index}]"
    table = f.table(raw, where, keys, {"id", "title", "source_document", "in_force_from"})
    version_id = f.slug(table["id"], f"{where}.id")
    where = f"versions.{version_id}"
    start = f.date(table["in_force_from"], f"{where}.in_force_from")
    end = (
        None if "in_force_to" not in table else f.date(table["in_force_to"], f"{where}.in_force_to")
    )
    if end is not None and end < start:
        raise f.error(f"{where}.in_force_to", f"{end} is before in_force_from {start}")
    params_raw = f.table(table.get("parameters", {}), f"{where}.parameters", set(CATALOGUE), set())
    parameters: dict[str, SourcedValue] = {}
    for key, item in params_raw.items():
        spec = CATALOGUE[key]
        pkey = f"{where}.parameters.{key}"
        if spec.municipal == "none":
            raise f.error(pkey, "is set by law only; a municipal standard cannot change it")
        entry = f.table(item, pkey, {"value", "source"}, {"value", "source"})
        parameters[key] = SourcedValue(
            f.parse_value(spec, entry["value"], f"{pkey}.value"),
            f.text(entry["source"], f"{pkey}.source"),
        )
    version = PolicyVersion(
        id=version_id,
        title=f.text(table["title"], f"{where}.title"),
        source_document=f.text(table["source_document"], f"{where}.source_document"),
        in_force_from=start,
        in_force_to=end,
        approved_on=None
        if "approved_on" not in table
        else f.date(table["approved_on"], f"{where}.approved_on"),
        approved_by=None
        if "approved_by" not in table
        else f.text(table["approved_by"], f"{where}.approved_by"),
        assumptions=f.texts(table.get("assumptions", []), f"{where}.assumptions"),
        parameters=parameters,
        in_force_from_source=None
        if "in_force_from_source" not in table
        else f.text(table["in_force_from_source"], f"{where}.in_force_from_source"),
    )
    if version.dates_assumed and not version.assumptions:
        raise f.error(
            f"{where}.in_force_from_source",
            "is missing: name where the standard gives the date, or list the assumption",
        )
    _check_against_law(f, version, law)
    return version


def check_against_law(policy: MunicipalPolicy, law: LawData) -> None:
    """Check every version of ``policy`` against ``law`` as loading does, for policies built
    in code rather than read from a file (a reform: :mod:`bb103.population.reform`)."""
    f = PolicyFile(Path(policy.file))
    for version in policy.versions:
        _check_against_law(f, version, law)


def _national_during(law: LawData, key: str, version: PolicyVersion) -> list[DatedValue]:
    return [
        v
        for v in law.parameters.get(key, ())
        if (version.in_force_to is None or v.valid_from <= version.in_force_to)
        and (v.valid_to is None or v.valid_to >= version.in_force_from)
    ]


def _check_against_law(f: PolicyFile, version: PolicyVersion, law: LawData) -> None:
    """A municipal value may add to the law but never undercut it, at any date it is in force."""
    where = f"versions.{version.id}.parameters"
    for key, spec in CATALOGUE.items():
        national = law.parameters.get(key, ())
        if spec.national and not any(v.in_force(version.in_force_from) for v in national):
            raise f.error(
                f"versions.{version.id}.in_force_from",
                f"the law file has no value for {key} on {version.in_force_from}",
            )
        mine = version.parameters.get(key)
        if mine is None:
            continue
        for nat in _national_during(law, key, version):
            problem = _undercuts(spec.municipal, mine.value, nat.value)
            if problem:
                raise f.error(
                    f"{where}.{key}",
                    f"{problem} (national value in force from {nat.valid_from}: {nat.source}); "
                    "a municipal standard may add to the law but never undercut it",
                )
    rates = version.parameters.get("wage_rates")
    if rates is not None:
        floor_param = version.parameters.get("wage_floor_pct")
        floors = (
            [floor_param.value]
            if floor_param
            else [v.value for v in _national_during(law, "wage_floor_pct", version)]
        )
        for rate in rates.value.rates_pct:
            if any(rate < floor for floor in floors):
                raise f.error(
                    f"{where}.wage_rates.rates_pct",
                    f"{rate} % is below the wage floor of {max(floors)} % (BEK nr. 483 § 1)",
                )


def _undercuts(mode: str, mine: Any, national: Any) -> str | None:
    if mode == "equal" and mine != national:
        return f"{_show(mine)} differs from the national {_show(national)}"
    if mode in ("raise", "lower"):
        a, b = _magnitude(mine), _magnitude(national)
        if a is None or b is None:
            return f"{_show(mine)} cannot be compared with the national {_show(national)}"
        if mode == "raise" and a < b and isinstance(national, bool):
            return "drops a requirement the law makes"
        if mode == "raise" and a < b:
            return f"{_show(mine)} is below the national {_show(national)}"
        if mode == "lower" and a > b:
            return f"{_show(mine)} is above the national {_show(national)}"
    within = isinstance(mine, DaysPerWeek) and isinstance(national, DaysPerWeek)
    if mode == "within" and within and (mine.min < national.min or mine.max > national.max):
        return f"{mine.min}-{mine.max} lies outside the national {national.min}-{national.max}"
    if mode == "within" and isinstance(mine, tuple) and isinstance(national, tuple):
        # A set of choices (wage_forms): a standard may narrow the law's, never add to them.
        extra = [x.id for x in mine if x.id not in {n.id for n in national}]
        if extra:
            allowed = ", ".join(n.id for n in national)
            return f"{', '.join(extra)} is not among the national {allowed}"
    return None


def _magnitude(value: Any) -> Decimal | int | None:
    if isinstance(value, bool):
        return int(value)  # a requirement (True) is more than none (False)
    if isinstance(value, Period):
        return value.calendar_days()
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return value
    return None


def _show(value: Any) -> str:
    if isinstance(value, Period):
        return value.label_da()
    return str(value)
