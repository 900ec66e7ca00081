"""The ``bb103`` command line."""
