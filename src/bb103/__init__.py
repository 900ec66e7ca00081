"""BB103: beskyttet beskæftigelse (Serviceloven § 103) for Danish municipalities."""

__version__ = "0.1.0"
