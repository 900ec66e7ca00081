"""Population simulation: columnar populations, the vectorised executor, reforms, reports."""
