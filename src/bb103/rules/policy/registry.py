"""The set of loaded policies, and resolution of what is in force for a municipality and date."""

from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from bb103.rules.errors import PolicyError
from bb103.rules.policy.catalogue import CATALOGUE
from bb103.rules.policy.loader import load_law, load_municipality
from bb103.rules.policy.model import (
    DatedValue,
    LawData,
    MunicipalPolicy,
    Param,
    PolicyVersion,
    Provenance,
    ResolvedPolicy,
)


class PolicyRegistry:
    def __init__(self, law: LawData, municipalities: dict[str, MunicipalPolicy]) -> None:
        self.law = law
        self.municipalities = municipalities
        self._resolved: dict[tuple[str, date], ResolvedPolicy] = {}
        self._minimum_wages: dict[tuple[str, date], Param] = {}
        self._params: dict[tuple[Any, ...], Param] = {}

    @classmethod
    def from_directory(cls, data_dir: Path) -> "PolicyRegistry":
        """Load ``law/national.toml`` and every ``policies/*.toml`` under ``data_dir``."""
        law = load_law(data_dir / "law" / "national.toml")
        municipalities = {}
        for path in sorted((data_dir / "policies").glob("*.toml")):
            policy = load_municipality(path, law)
            municipalities[policy.id] = policy
        if not municipalities:
            raise PolicyError(f"{data_dir.name}/policies", "(files)", "no policy files found")
        return cls(law, municipalities)

    def ids(self) -> list[str]:
        return sorted(self.municipalities)

    def version_in_force(self, municipality: str, on: date) -> PolicyVersion | None:
        for version in self.municipalities[municipality].versions:
            if version.in_force(on):
                return version
        return None

    def resolve(self, municipality: str, on: date) -> ResolvedPolicy | None:
        """Law and the standard in force on ``on``, layered; None if no standard is in force."""
        cache_key = (municipality, on)
        cached = self._resolved.get(cache_key)
        if cached is not None:
            return cached
        policy = self.municipalities[municipality]
        version = self.version_in_force(municipality, on)
        if version is None:
            return None
        params = {key: self._param(key, policy, version, on) for key in CATALOGUE}
        resolved = ResolvedPolicy(policy, version, on, params)
        self._resolved[cache_key] = resolved
        return resolved

    def _param(
        self, key: str, policy: MunicipalPolicy, version: PolicyVersion, on: date
    ) -> Param | None:
        """The municipal value of ``key`` if the version sets one, else the law's on ``on``.

        There is one Param object per version or dated value, whatever the date it is
        resolved for, so what is derived from it (its JSON, say) can be cached by identity."""
        own = version.parameters.get(key)
        if key == "decision_deadline" and own is None:
            council = self._council_deadline(policy, version, on)
            if council is not None:
                return council
        dated = None if own is not None else _in_force(self.law.parameters.get(key, ()), on)
        if own is None and dated is None:
            return None
        identity: tuple[Any, ...] = (
            (policy.id, version.id, key) if dated is None else ("national", key, dated.valid_from)
        )
        param = self._params.get(identity)
        if param is not None:
            return param
        label = CATALOGUE[key].label
        if own is not None:
            provenance = Provenance(
                "municipal",
                policy.file,
                policy.id,
                version.id,
                own.source,
                version.in_force_from,
                version.in_force_to,
            )
            param = Param(key, label, own.value, provenance)
        else:
            assert dated is not None
            param = Param(key, label, dated.value, self._national(dated))
        self._params[identity] = param
        return param

    def _council_deadline(
        self, policy: MunicipalPolicy, version: PolicyVersion, on: date
    ) -> Param | None:
        """Where the standard leaves the decision deadline to the council (Sønderborg), the
        council's deadline in force on ``on``, if one is recorded."""
        if "decision_deadline_by_council" not in version.parameters:
            return None
        decision = next((d for d in policy.council_deadlines if d.in_force(on)), None)
        if decision is None:
            return None
        identity = (policy.id, "council_deadline", decision.valid_from)
        param = self._params.get(identity)
        if param is None:
            provenance = Provenance(
                "municipal",
                policy.file,
                policy.id,
                version.id,
                decision.source,
                decision.valid_from,
                decision.valid_to,
            )
            param = Param(
                "decision_deadline",
                CATALOGUE["decision_deadline"].label,
                decision.value,
                provenance,
            )
            self._params[identity] = param
        return param

    def minimum_wage(self, agreement: str, on: date) -> Param | None:
        wage = self.law.minimum_wages.get(agreement)
        dated = None if wage is None else _in_force(wage.values, on)
        if wage is None or dated is None:
            return None
        key = (agreement, dated.valid_from)
        param = self._minimum_wages.get(key)
        if param is None:
            param = Param(
                f"minimum_wage.{agreement}", wage.label, dated.value, self._national(dated)
            )
            self._minimum_wages[key] = param
        return param

    def _national(self, dated: DatedValue) -> Provenance:
        return Provenance(
            "national",
            self.law.file,
            self.law.id,
            None,
            dated.source,
            dated.valid_from,
            dated.valid_to,
        )


def _in_force(values: tuple[DatedValue, ...], on: date) -> DatedValue | None:
    for value in values:
        if value.in_force(on):
            return value
    return None


def data_directory() -> Path:
    return Path(str(resources.files("bb103") / "data"))


@lru_cache(maxsize=1)
def default_registry() -> PolicyRegistry:
    """The law and policies shipped with the package (validated on first use)."""
    return PolicyRegistry.from_directory(data_directory())
