"""A population file through the executor and into result files, in blocks on every core.

The file is parsed at once (pyarrow parses on all cores), then cut into blocks of rows.
Each block is converted, evaluated under every run (today's policies, a reform) and its
results formatted, on a pool of threads: numpy and pyarrow release the interpreter lock
for their work, so the blocks run side by side. The formatted blocks are written in order,
so the result files are row for row the population file, as if evaluated at once; the
report's figures of the blocks add up to the whole's.

Results are written to a temporary file next to the target and renamed into place only
when every row has been evaluated: a refused population leaves no half-written results.
A refusal carries the same message, naming the same row, as
:func:`bb103.population.io.read_population` and
:func:`bb103.population.execute.evaluate_population` give for the whole file.
"""

import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from bb103.population import io, vector_ops
from bb103.population.execute import evaluate_population
from bb103.population.frame import PopulationError
from bb103.population.report import Figures, figures_of
from bb103.rules.calendar import calendar_for
from bb103.rules.policy.registry import PolicyRegistry

Progress = Callable[[int, int], None]

# Rows per block: small enough that every core gets several and memory per block stays
# a few MB, large enough that numpy's per-call overhead is noise.
BLOCK_ROWS = 65_536


@dataclass(frozen=True)
class Run:
    """One evaluation of the population: under ``registry`` as of ``as_of``, into ``out``."""

    registry: PolicyRegistry
    as_of: date
    out: Path


@dataclass(frozen=True)
class Simulated:
    """What the runs gave: ``figures[k]`` is run ``k``'s, row ``i`` municipality ``ids[i]``."""

    persons: int
    ids: tuple[str, ...]
    figures: tuple[Figures, ...]


@dataclass(frozen=True)
class _Block:
    rows: int
    keys: npt.NDArray[np.uint64]  # person ids as 64-bit keys, for the duplicate check
    outputs: tuple[Any, ...]  # per run: formatted CSV (pa.Buffer) or a table (Parquet)
    figures: tuple[Figures, ...]


def simulate(
    population: str | Path,
    runs: Sequence[Run],
    progress: Progress | None = None,
    threads: int | None = None,
) -> Simulated:
    """Evaluate the population file under each run and write each run's results."""
    if not runs:
        raise ValueError("nothing to run")
    ids = tuple(runs[0].registry.ids())
    if any(tuple(run.registry.ids()) != ids for run in runs):
        raise ValueError("the runs must know the same municipalities")
    # pyarrow parses without holding the interpreter, so the one-off work of the first
    # block (loading the public holidays, building date tables) is done meanwhile.
    warming = threading.Thread(target=_warm_up, args=(runs,), daemon=True)
    warming.start()
    table = io.read_table(population)
    warming.join()
    if table.num_rows == 0:
        raise PopulationError("person_id", "the population has no rows")
    workers = threads or max(2, pa.cpu_count())
    with ExitStack() as stack:
        sinks = [stack.enter_context(io.results_sink(run.out)) for run in runs]
        totals: list[Figures | None] = [None] * len(runs)
        keys = []
        done = 0
        try:
            for block in _blocks(table, runs, sinks, ids, workers):
                for k, (sink, output, figures) in enumerate(
                    zip(sinks, block.outputs, block.figures, strict=True)
                ):
                    sink.write(output)
                    previous = totals[k]
                    totals[k] = figures if previous is None else previous.plus(figures)
                keys.append(block.keys)
                done += block.rows
                if progress is not None:
                    progress(done, table.num_rows)
            if io.has_repeats(np.concatenate(keys)):
                raise PopulationError("person_id", "an id appears twice")
        except PopulationError as error:
            raise _as_for_the_whole(table, runs, error) from None
        for sink in sinks:
            sink.commit()
    assert all(figures is not None for figures in totals)
    return Simulated(table.num_rows, ids, tuple(f for f in totals if f is not None))


def _blocks(
    table: pa.Table,
    runs: Sequence[Run],
    sinks: Sequence[io.TableSink],
    ids: tuple[str, ...],
    workers: int,
) -> Iterator[_Block]:
    """The blocks' work, done on ``workers`` threads and handed over in order. A bounded
    number of blocks in flight keeps memory flat however large the population."""
    starts = range(0, table.num_rows, BLOCK_ROWS)
    if workers <= 1 or len(starts) <= 1:
        for start in starts:
            yield _block(table.slice(start, BLOCK_ROWS), runs, sinks, ids)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: list[Future[_Block]] = []
        try:
            for start in starts:
                part = table.slice(start, BLOCK_ROWS)
                pending.append(pool.submit(_block, part, runs, sinks, ids))
                if len(pending) > 2 * workers:
                    yield pending.pop(0).result()
            while pending:
                yield pending.pop(0).result()
        finally:
            for future in pending:
                future.cancel()


def _block(
    part: pa.Table, runs: Sequence[Run], sinks: Sequence[io.TableSink], ids: tuple[str, ...]
) -> _Block:
    person_id = part.column("person_id")
    keys = io.person_keys(person_id)
    population = io.population_from_table(part, ids=False)
    outputs, figures = [], []
    for run, sink in zip(runs, sinks, strict=True):
        results = evaluate_population(population, run.registry, run.as_of)
        assert results.municipality_codes is not None
        figures.append(figures_of(results, results.municipality_codes, len(ids), run.as_of.year))
        outputs.append(sink.format(io.results_table(results, person_id)))
    return _Block(part.num_rows, keys, tuple(outputs), tuple(figures))


def _warm_up(runs: Sequence[Run]) -> None:
    """Build what the first block would otherwise wait for."""
    try:
        vector_ops.warm_up()
        for run in runs:
            for municipality in run.registry.ids():
                policy = run.registry.resolve(municipality, run.as_of)
                if policy is not None:
                    vector_ops.warm_up(calendar_for(policy.value("closing_days")), run.as_of)
    except Exception:
        # Only a head start: whatever fails here fails again, and is reported, where the
        # evaluation meets it.
        return


def _as_for_the_whole(
    table: pa.Table, runs: Sequence[Run], error: PopulationError
) -> PopulationError:
    """The refusal the whole file gets when read and evaluated at once: a block's own error
    counts rows from the block's start, and a repeated id is only seen across blocks."""
    try:
        population = io.population_from_table(table)
        for run in runs:
            evaluate_population(population, run.registry, run.as_of)
    except PopulationError as whole:
        return whole
    return error
