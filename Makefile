# The documented way to do everything. Only Python 3.11+ and make are needed.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run explain test lint bench clean schema

# A machine may tell Python not to write bytecode (PYTHONDONTWRITEBYTECODE=1, as CI's machines
# do): then every process compiles every module it imports again, about a second each time,
# and the test suite starts some forty (test workers, the servers and commands tests start,
# backup and restore). The project's own runs write it once and reuse it (__pycache__ is
# ignored by git); the installed packages are compiled when installed.
unexport PYTHONDONTWRITEBYTECODE

# The project's packages go in with uv (Astral's installer, itself a pip package): the same
# packages pip would choose within pyproject's ranges, in seconds instead of half a minute,
# which every CI run on a clean clone pays. Where uv cannot be had, pip does it.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	( $(BIN)/python -m pip install --quiet --disable-pip-version-check uv \
	  && $(BIN)/uv pip install --quiet --compile-bytecode --python $(BIN)/python -e '.[dev]' ) \
	|| $(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

## run: the case system with demo data on http://127.0.0.1:8000 (SQLite under var/), and
## the job queue's worker that delivers the letters
# Django's development server serves it (--insecure: it also serves the static files
# without DEBUG); fine for the embedded default, not for production (README).
run: $(STAMP)
	$(BIN)/bb103 manage migrate --noinput --verbosity 0
	$(BIN)/bb103 manage load_demo
	@echo
	@echo "Åbn http://127.0.0.1:8000 og log ind med en af demo-brugerne ovenfor (Ctrl-C stopper)."
	@# The job queue's worker beside the server delivers the letters (Digital Post's file
	@# channel, var/digital-post/outbox). Ctrl-C reaches both (one process group); the trap
	@# also stops the worker when the server ends any other way.
	@$(BIN)/bb103 manage db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/bb103 manage runserver --insecure 127.0.0.1:8000

## explain: evaluate the shipped example scenarios and explain each in Danish
explain: $(STAMP)
	$(BIN)/bb103 explain examples/*.json

## test: the whole test suite, in one process per core (pytest-xdist)
# TEST_WORKERS=0 runs it in this one process; TEST_ARGS adds pytest arguments (.ci/run's
# PostgreSQL pass: -m database). --dist loadgroup keeps the tests of an xdist_group (a
# costly module-scoped fixture) on one worker, so the fixture is built once.
TEST_WORKERS ?= auto
TEST_ARGS    ?=
# On SQLite each worker's test database is made from the models (--nomigrations), 2-3 s
# less per worker: the migrations hold nothing for SQLite but data fills of existing rows,
# and they still run on SQLite in the suite (the process tests migrate a database file),
# and on PostgreSQL, whose test databases are migrated (its triggers live in migrations).
DB_SETUP := $(if $(DATABASE_URL),,--nomigrations)
test: $(STAMP)
	@$(BIN)/python -m compileall -q -j 0 src
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup $(DB_SETUP) $(TEST_ARGS)

## schema: the API's OpenAPI 3.1 schema, generated from the code into docs/api/openapi.yaml
# Committed: a change to the API is a visible diff (tests/api/test_schema.py compares them).
schema: $(STAMP)
	$(BIN)/bb103 manage spectacular --validate --file docs/api/openapi.yaml

## lint: style, formatting, types of the pure engine, and the layers' import contracts
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache --no-logo

## bench: performance benchmarks (results in benchmarks/results/)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_engine.py
	$(BIN)/python benchmarks/bench_population.py
	$(BIN)/python benchmarks/bench_web.py
	$(BIN)/python benchmarks/bench_overview.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
