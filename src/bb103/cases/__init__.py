"""The case system: a § 103 case from application to termination, for every municipality.

Writes go through :mod:`bb103.cases.services` (one function per transition), reads of
municipality-owned rows through :mod:`bb103.cases.selectors` (scoped to the user), and the
rules engine is reached only through :mod:`bb103.cases.engine`.
"""
