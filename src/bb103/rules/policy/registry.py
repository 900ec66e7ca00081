"""The set of loaded policies, and resolution of what is in force for a municipality and date."""

from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path

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
        params: dict[str, Param | None] = {}
        for key, spec in CATALOGUE.items():
            own = version.parameters.get(key)
            if own is not None:
                params[key] = Param(
                    key,
                    spec.label,
                    own.value,
                    Provenance(
                        "municipal",
                        policy.file,
                        policy.id,
                        version.id,
                        own.source,
                        version.in_force_from,
                        version.in_force_to,
                    ),
                )
                continue
            dated = _in_force(self.law.parameters.get(key, ()), on)
            params[key] = (
                None
                if dated is None
                else Param(key, spec.label, dated.value, self._national(dated))
            )
        resolved = ResolvedPolicy(policy, version, on, params)
        self._resolved[cache_key] = resolved
        return resolved

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
