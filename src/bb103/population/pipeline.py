"""A population file through the executor and into result files, in blocks on every core.

A CSV file is cut into byte ranges of whole lines, each a block (a Parquet file, or a CSV
file whose quoted cells may hold line breaks, is read whole and cut into blocks of rows).
Each block is parsed, converted, evaluated under every run (today's policies, a reform)
and its results formatted, on a pool of threads: pyarrow and numpy release the interpreter
lock for much of their work, so the blocks run side by side, and parsing one block
overlaps with evaluating another. The formatted blocks are written in order,
so the result files are row for row the population file, as if evaluated at once; the
report's figures of the blocks add up to the whole's.

Results are written to a temporary file next to the target and renamed into place only
when every row has been evaluated: a refused population leaves no half-written results.
A refusal carries the same message, naming the same row, as
:func:`bb103.population.io.read_population` and
:func:`bb103.population.execute.evaluate_population` give for the whole file.
"""

import threading
from collections.abc import Callable, Sequence
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
from bb103.population.in_order import in_order
from bb103.population.report import Figures, figures_of
from bb103.rules.calendar import calendar_for
from bb103.rules.policy.registry import PolicyRegistry

Progress = Callable[[int, int], None]

# A block: small enough that every core gets several and memory per block stays a few
# MB, large enough that numpy's per-call overhead is noise. CSV files are cut by bytes
# (about 65 000 rows of the contract's columns), tables already read by rows.
BLOCK_BYTES = 8 << 20
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
    # The one-off work of the first block (loading the public holidays, building date
    # tables) is done while the first parts are parsed, which pyarrow does without holding
    # the interpreter.
    warming = threading.Thread(target=_warm_up, args=(runs,), daemon=True)
    warming.start()
    parts = io.population_parts(population, part_bytes=BLOCK_BYTES, part_rows=BLOCK_ROWS)
    if not parts:
        raise PopulationError("person_id", "the population has no rows")
    total = sum(part.size for part in parts)
    workers = threads or max(2, pa.cpu_count())
    with ExitStack() as stack:
        sinks = [stack.enter_context(io.results_sink(run.out)) for run in runs]
        totals: list[Figures | None] = [None] * len(runs)
        keys = []
        rows = done = 0
        try:
            for part, block in zip(
                parts,
                in_order(lambda part: _block(part, runs, sinks, ids), parts, workers),
                strict=True,
            ):
                for k, (sink, output, figures) in enumerate(
                    zip(sinks, block.outputs, block.figures, strict=True)
                ):
                    sink.write(output)
                    previous = totals[k]
                    totals[k] = figures if previous is None else previous.plus(figures)
                keys.append(block.keys)
                rows += block.rows
                done += part.size
                if progress is not None:
                    progress(done, total)
            if io.has_repeats(np.concatenate(keys)):
                raise PopulationError("person_id", "an id appears twice")
        except PopulationError as error:
            raise _as_for_the_whole(population, runs, error) from None
        finally:
            warming.join()
        for sink in sinks:
            sink.commit()
    assert all(figures is not None for figures in totals)
    return Simulated(rows, ids, tuple(f for f in totals if f is not None))


def _block(
    part: io.Part, runs: Sequence[Run], sinks: Sequence[io.TableSink], ids: tuple[str, ...]
) -> _Block:
    table = part.read()
    person_id = table.column("person_id")
    keys = io.person_keys(person_id)
    population = io.population_from_table(table, ids=False)
    outputs, figures = [], []
    for run, sink in zip(runs, sinks, strict=True):
        results = evaluate_population(population, run.registry, run.as_of)
        assert results.municipality_codes is not None
        figures.append(figures_of(results, results.municipality_codes, len(ids), run.as_of.year))
        outputs.append(
            sink.format(io.results_table(results, person_id), plain_text=part.plain_text)
        )
    return _Block(table.num_rows, keys, tuple(outputs), tuple(figures))


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
    path: str | Path, runs: Sequence[Run], error: PopulationError
) -> PopulationError:
    """The refusal the whole file gets when read and evaluated at once: a block's own error
    counts rows from the block's start, and a repeated id is only seen across blocks."""
    try:
        population = io.read_population(path)
        for run in runs:
            evaluate_population(population, run.registry, run.as_of)
    except PopulationError as whole:
        return whole
    return error
