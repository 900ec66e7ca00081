"""The views: they read through bb103.cases.selectors and write through
bb103.cases.services, never through a model's manager (tests/web/test_structure.py)."""
