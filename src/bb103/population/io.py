"""Population and result files (docs/contract/population.md): CSV or Parquet by extension.

pyarrow parses and writes; columns cross between pyarrow and numpy through their buffers,
never value by value in Python, so the time is pyarrow's parsing and formatting. Reading is
strict: an unknown column (a typo), a value the column cannot hold, more decimals than the
column keeps or a duplicate person is refused with the column and row named, never repaired.
Rows are counted from 1 at the first data row (the header is not counted).

Unknown values follow :mod:`bb103.population.frame`: an empty cell is read as unknown, and
unknown is written as an empty cell.
"""

import csv
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from bb103.population import arrow_columns as columns_of
from bb103.population.csv_errors import (
    DATE_COLUMNS,
    TEXT_COLUMNS,
    bad_row_error,
    decimal_problem,
    locate_csv_error,
)
from bb103.population.csv_errors import FILE as _FILE
from bb103.population.frame import (
    FLAG_COLUMNS,
    INPUT_COLUMNS,
    OUTCOMES,
    RESULT_COLUMNS,
    SCALES,
    Fixed,
    Population,
    PopulationError,
    Results,
)
from bb103.population.in_order import in_order

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

PathLike = str | Path
Bools = npt.NDArray[np.bool_]

LIVING_SITUATIONS = ("own_home", "botilbud", "with_family")
MONEY_SCALE = 2

# Parsing types. Decimals are parsed at the column's scale, so pyarrow itself refuses a
# value that would lose digits; precision 38 leaves the size check to us (it must fit int64).
_TYPES: dict[str, pa.DataType] = {
    **dict.fromkeys(TEXT_COLUMNS, pa.string()),
    **dict.fromkeys(DATE_COLUMNS, pa.date32()),
    **dict.fromkeys(FLAG_COLUMNS, pa.bool_()),
    "vum_level": pa.int8(),
    **{name: pa.decimal128(38, scale) for name, scale in SCALES.items()},
}
# In CSV the few municipality and living-situation words are dictionary-encoded while
# parsing, which is cheaper to read and makes their conversion and checks nearly free.
_CSV_TYPES = {
    **_TYPES,
    **dict.fromkeys(("municipality", "living_situation"), pa.dictionary(pa.int32(), pa.string())),
}


# --------------------------------------------------------------------------- reading


def read_population(path: PathLike) -> Population:
    """The population in ``path`` (``.csv`` or ``.parquet``), validated."""
    return population_from_table(read_table(path))


def read_table(path: PathLike) -> pa.Table:
    """The population file ``path`` (``.csv`` or ``.parquet``) as a table of the contract's
    columns and types, checked as far as parsing goes (see :func:`population_from_table`)."""
    path = Path(path)
    return _read_csv(path) if _kind(path) == "csv" else _read_parquet(path)


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise PopulationError(_FILE, f"{path.name}: the file name must end in .csv or .parquet")
    return suffix[1:]


def _check_columns(names: list[str]) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise PopulationError(name, "the column appears twice")
        seen.add(name)
    for name in names:
        if name not in _TYPES:
            from difflib import get_close_matches  # only for this error

            close = get_close_matches(name, INPUT_COLUMNS, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            raise PopulationError(name, f"not a column of the population contract{hint}")
    for name in INPUT_COLUMNS:
        if name not in seen:
            raise PopulationError(name, "the column is missing")


def _csv_convert_options() -> pcsv.ConvertOptions:
    return pcsv.ConvertOptions(
        column_types=_CSV_TYPES,
        include_columns=list(INPUT_COLUMNS),
        null_values=[""],
        true_values=["true"],
        false_values=["false"],
        strings_can_be_null=False,  # an empty text is "" (unknown), not null
    )


def _read_csv(path: Path) -> pa.Table:
    with path.open("rb") as handle:
        first = handle.readline()
    try:
        header = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PopulationError(_FILE, "the header row is not UTF-8") from None
    if not header.strip():
        raise PopulationError(_FILE, "the file is empty; a header row is needed")
    _check_columns(next(csv.reader([header])))

    bad_rows: list[Any] = []

    def invalid_row(row: Any) -> str:
        bad_rows.append(row)
        return "skip"  # keep parsing; the first bad row is reported below

    convert = _csv_convert_options()
    try:
        table = pcsv.read_csv(
            path,
            read_options=pcsv.ReadOptions(block_size=_CSV_BLOCK_BYTES),
            parse_options=pcsv.ParseOptions(invalid_row_handler=invalid_row),
            convert_options=convert,
        )
    except pa.ArrowInvalid as exc:
        raise locate_csv_error(path, str(exc)) from None
    if bad_rows:
        raise bad_row_error(path, convert)
    return table


# Parsing blocks of 8 MB rather than pyarrow's 1 MB: as fast to parse on two cores, and
# each column comes in a few large chunks, so converting it takes a few numpy calls
# rather than hundreds.
_CSV_BLOCK_BYTES = 8 << 20


@dataclass(frozen=True)
class Part:
    """Part of a population file, parsed when :attr:`read` is called (on any thread)."""

    size: int  # in bytes of the file, or rows of a table already read: for progress
    read: "Callable[[], pa.Table]"
    # Read from CSV without quotes: no text holds a comma, quote or line break.
    plain_text: bool = False


def population_parts(path: PathLike, *, part_bytes: int, part_rows: int) -> list[Part]:
    """The population file ``path`` in parts of about ``part_bytes`` (CSV) or ``part_rows``
    (Parquet, and CSV with quoted cells, which may hold line breaks: those are read whole
    first). The parts' tables equal the whole file's rows, in order. A part that cannot be
    parsed raises :class:`PopulationError`; its row numbers count from the part's start, so
    a caller reports an error by reading the whole file (:func:`read_table`)."""
    path = Path(path)
    parts = _csv_byte_parts(path, part_bytes) if _kind(path) == "csv" else None
    if parts is not None:
        return parts
    table = read_table(path)

    def rows(start: int) -> Part:
        return Part(min(part_rows, table.num_rows - start), lambda: table.slice(start, part_rows))

    return [rows(start) for start in range(0, table.num_rows, part_rows)]


def _csv_byte_parts(path: Path, part_bytes: int) -> list[Part] | None:
    """Byte ranges of whole lines, or None where the file must be read whole."""
    import mmap

    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return None
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    end = mapped.find(b"\n")
    if end < 0 or mapped.find(b'"', end) >= 0:
        return None
    try:
        header = mapped[: end + 1].decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    names = next(csv.reader([header]))
    _check_columns(names)
    data = pa.py_buffer(mapped)
    convert = _csv_convert_options()
    read_options = pcsv.ReadOptions(column_names=names, use_threads=False, block_size=1 << 30)

    def part(start: int, stop: int) -> Part:
        def read() -> pa.Table:
            try:
                source = pa.BufferReader(data.slice(start, stop - start))
                return pcsv.read_csv(source, read_options=read_options, convert_options=convert)
            except pa.ArrowInvalid as exc:
                raise PopulationError(_FILE, f"bytes {start}-{stop}: {exc}") from None

        return Part(stop - start, read, plain_text=True)

    parts, start, size = [], end + 1, len(mapped)
    while start < size:
        stop = mapped.find(b"\n", min(start + part_bytes, size - 1))
        stop = size if stop < 0 else stop + 1
        parts.append(part(start, stop))
        start = stop
    return parts


def _read_parquet(path: Path) -> pa.Table:
    import pyarrow.parquet as pq  # only Parquet needs it

    try:
        schema = pq.read_schema(path)
        _check_columns(schema.names)
        # The few municipality and living-situation words come back as a dictionary, as
        # from CSV, instead of a million separate strings.
        words = ["municipality", "living_situation"]
        table = pq.read_table(path, columns=list(INPUT_COLUMNS), read_dictionary=words)
    except pa.ArrowInvalid as exc:
        raise PopulationError(_FILE, f"not a readable Parquet file: {exc}") from None
    return pa.table({name: _as_type(name, table.column(name)) for name in INPUT_COLUMNS})


def _as_type(name: str, column: pa.ChunkedArray) -> pa.ChunkedArray | pa.Array:
    """A Parquet column in the type the contract gives it. Other writers may store a date as
    a timestamp or a number as an integer or float; what converts exactly is accepted."""
    target = _TYPES[name]
    kind = column.type
    if (
        kind == target
        or (name in TEXT_COLUMNS and _is_text(kind))
        # Read as they are by arrow_columns.fixed: decimals of the column's scale, integers
        # and floats.
        or (name in SCALES and pa.types.is_decimal128(kind) and kind.scale == target.scale)
        or (name in SCALES and (pa.types.is_integer(kind) or pa.types.is_floating(kind)))
    ):
        return column
    array = column.combine_chunks()

    def convert(part: pa.Array) -> pa.Array:
        if pa.types.is_dictionary(part.type):
            part = part.dictionary_decode()
        return pc.cast(part, target)

    try:
        return convert(array)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        index = columns_of.first_failure(array, convert)
        if index is None:
            raise PopulationError(name, f"cannot be read as {target}: {exc}") from None
        value = array[index].as_py()
        if pa.types.is_decimal(target) and isinstance(value, (int, float, Decimal, str)):
            problem = decimal_problem(str(value), SCALES[name])
            if problem is not None:
                raise PopulationError(name, f"row {index + 1}: {problem}") from None
        raise PopulationError(name, f"row {index + 1}: {value!r} cannot be read") from None


def _is_text(kind: pa.DataType) -> bool:
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def population_from_table(table: pa.Table, *, ids: bool = True) -> Population:
    """The population in ``table`` (as read by this module), validated. With ``ids=False``
    the texts ``person_id`` and ``municipality`` are left empty (the municipality stays as
    codes) and the ids are not checked: for a caller that writes the ids straight from the
    table and checks them across the whole file itself."""
    columns = {name: table.column(name) for name in INPUT_COLUMNS}
    no_text = np.empty(0, dtype="<U1")

    def person_ids() -> npt.NDArray[np.str_]:
        values = columns_of.texts(columns["person_id"])
        _check_person_ids(values, columns_of.eight_byte_keys(columns["person_id"]))
        return values

    def municipalities() -> npt.NDArray[np.str_]:
        return columns_of.texts(columns["municipality"])

    def living_situations() -> npt.NDArray[np.str_]:
        column = columns["living_situation"]
        values = columns_of.texts(column)
        _check_living_situations(column, values)
        return values

    def fixed(name: str) -> "Callable[[], Fixed]":
        return lambda: columns_of.fixed(columns[name], name, SCALES[name])

    def flag(name: str) -> "Callable[[], npt.NDArray[np.int8]]":
        return lambda: columns_of.flag_codes(columns[name])

    def dates(name: str) -> "Callable[[], npt.NDArray[np.datetime64]]":
        return lambda: columns_of.dates(columns[name])

    work: dict[str, Callable[[], Any]] = {
        "person_id": person_ids if ids else lambda: no_text,
        "municipality": (lambda: columns_of.texts(columns["municipality"]))
        if ids
        else lambda: no_text,
        "municipality_coded": lambda: columns_of.codes(columns["municipality"]),
        "living_situation": living_situations,
        "vum_level": lambda: columns_of.vum_levels(columns["vum_level"]),
        **{name: flag(name) for name in FLAG_COLUMNS},
        **{name: dates(name) for name in DATE_COLUMNS},
        **{name: fixed(name) for name in SCALES},
    }
    done = _in_parallel(work) if table.num_rows >= _PARALLEL_ROWS else _in_order(work)
    flags = {name: done.pop(name) for name in FLAG_COLUMNS}
    if done["municipality_coded"] is None and not ids:
        # Without dictionary encoding the texts are the only way to the municipality.
        done["municipality"] = columns_of.texts(columns["municipality"])
    return Population(**done, flags=flags)


def person_keys(column: pa.ChunkedArray) -> npt.NDArray[np.uint64]:
    """A 64-bit key per person id, equal for equal ids (exact for 8-byte ids, else a hash),
    for a duplicate check across a file read in parts; refuses an empty id."""
    keys = columns_of.eight_byte_keys(column)
    if keys is not None:
        return keys
    values = columns_of.texts(column)
    empty = values == ""
    if empty.any():
        row = int(np.argmax(empty)) + 1
        raise PopulationError("person_id", f"row {row}: empty; every person needs an id")
    return _hash(values)


def has_repeats(keys: npt.NDArray[np.uint64]) -> bool:
    ordered = np.sort(keys)
    return bool((ordered[1:] == ordered[:-1]).any())


# The column conversions are numpy work that releases the GIL, so on a large table they run
# side by side. Results (and the first error) are taken in column order: deterministic.
_PARALLEL_ROWS = 100_000


def _in_order(work: "dict[str, Callable[[], Any]]") -> dict[str, Any]:
    return {name: task() for name, task in work.items()}


def _in_parallel(work: "dict[str, Callable[[], Any]]") -> dict[str, Any]:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(2, pa.cpu_count())) as pool:
        futures = {name: pool.submit(task) for name, task in work.items()}
        return {name: future.result() for name, future in futures.items()}


def _check_person_ids(
    ids: npt.NDArray[np.str_], keys: npt.NDArray[np.uint64] | None = None
) -> None:
    if keys is None:
        empty = ids == ""
        if empty.any():
            row = int(np.argmax(empty)) + 1
            raise PopulationError("person_id", f"row {row}: empty; every person needs an id")
    duplicate = _first_duplicate(ids, keys)
    if duplicate is not None:
        row, first = duplicate
        raise PopulationError(
            "person_id", f"row {row + 1}: {str(ids[row])!r} is also the id in row {first + 1}"
        )


def _first_duplicate(
    ids: npt.NDArray[np.str_], keys: npt.NDArray[np.uint64] | None = None
) -> tuple[int, int] | None:
    """(row, earlier row) of the first id seen twice, or None. Sorting a 64-bit key per id
    is many times faster than sorting the strings; equal keys are then checked exactly."""
    n = len(ids)
    if n < 2:
        return None
    digest = _hash(ids) if keys is None else keys
    ordered = np.sort(digest)
    repeated = ordered[1:][ordered[1:] == ordered[:-1]]
    if repeated.size == 0:
        return None
    seen: dict[str, int] = {}
    for row in np.flatnonzero(np.isin(digest, repeated)):
        value = str(ids[row])
        if value in seen:
            return int(row), seen[value]
        seen[value] = int(row)
    return None


def _hash(ids: npt.NDArray[np.str_]) -> npt.NDArray[np.uint64]:
    n = len(ids)
    chars = ids.dtype.itemsize // 4
    if chars % 2:  # pad to whole 64-bit words (two code points each)
        ids = ids.astype(f"<U{chars + 1}")
    words = np.ascontiguousarray(ids).view(np.uint64).reshape(n, -1)
    digest = np.zeros(n, dtype=np.uint64)
    prime = np.uint64(0x100000001B3)
    for word in words.T:  # FNV-style, one pass per word position, not per row
        np.bitwise_xor(digest, word, out=digest)
        np.multiply(digest, prime, out=digest)
    return digest


def _check_living_situations(column: pa.ChunkedArray, values: npt.NDArray[np.str_]) -> None:
    allowed = ("", *LIVING_SITUATIONS)
    # Read as a dictionary (CSV, and Parquet as we read it): the few distinct words are
    # known, so a good file costs nothing.
    if pa.types.is_dictionary(column.type) and columns_of.words(column) <= set(allowed):
        return
    wrong = ~np.isin(values, allowed)
    if wrong.any():
        row = int(np.argmax(wrong))
        raise PopulationError(
            "living_situation",
            f"row {row + 1}: {str(values[row])!r} is not own_home, botilbud, with_family or empty",
        )


# --------------------------------------------------------------------------- writing


def write_population(population: Population, path: PathLike) -> None:
    """Write ``population`` with the contract's input columns, in its order."""
    path = Path(path)
    kind = _kind(path)
    columns: dict[str, pa.Array] = {
        "person_id": columns_of.text_array(population.person_id),
        "municipality": columns_of.text_array(population.municipality),
        "birth_date": columns_of.date_array(population.birth_date),
        "living_situation": columns_of.text_array(population.living_situation),
        "vum_level": columns_of.small_int_array(population.vum_level, pa.int8()),
        **{name: columns_of.flag_array(population.flags[name]) for name in FLAG_COLUMNS},
        "application_received_on": columns_of.date_array(population.application_received_on),
        "employment_start_date": columns_of.date_array(population.employment_start_date),
    }
    for name in SCALES:
        fixed: Fixed = getattr(population, name)
        if fixed.scale != SCALES[name]:
            raise ValueError(f"{name}: scale {fixed.scale}, the contract keeps {SCALES[name]}")
        columns[name] = columns_of.decimal_array(fixed)
    table = pa.table({name: columns[name] for name in INPUT_COLUMNS})
    _write(table, path, kind, few=("municipality", "living_situation"))


def write_results(results: Results, path: PathLike) -> None:
    """Write ``results`` with exactly the contract's result columns: dates ISO, money with
    two decimals (``7.50``), unknown as an empty cell."""
    path = Path(path)
    kind = _kind(path)
    _write(results_table(results), path, kind, few=("eligibility_outcome",))


def results_table(results: Results, person_id: pa.ChunkedArray | None = None) -> pa.Table:
    """The contract's result columns of ``results``; ``person_id`` (the population file's own
    column) instead of ``results.person_id`` when given."""
    columns: dict[str, pa.Array | pa.ChunkedArray] = {}
    for name in RESULT_COLUMNS:
        value = getattr(results, name)
        if name == "person_id":
            columns[name] = columns_of.text_array(value) if person_id is None else person_id
        elif name == "eligibility_outcome":
            columns[name] = columns_of.outcome_array(value, pa.array(OUTCOMES, type=pa.string()))
        elif isinstance(value, Fixed):
            columns[name] = columns_of.decimal_array(_in_oere(value, name))
        elif value.dtype.kind == "M":
            columns[name] = columns_of.date_array(value)
        else:
            columns[name] = columns_of.small_int_array(value, pa.int16())
    return pa.table(columns)


def _in_oere(money: Fixed, name: str) -> Fixed:
    if money.scale == MONEY_SCALE:
        return money
    if money.scale > MONEY_SCALE:
        raise ValueError(f"{name}: scale {money.scale}; round to øre before writing")
    factor = 10 ** (MONEY_SCALE - money.scale)
    return Fixed(money.values * factor, MONEY_SCALE, money.null)


def _write(table: pa.Table, path: Path, kind: str, *, few: tuple[str, ...] = ()) -> None:
    """``few`` names the text columns with few distinct words."""
    with TableSink(path, table.column_names, few=few) as sink:
        if kind == "parquet":
            sink.write(table)
        else:
            starts = range(0, table.num_rows, _CSV_SLICE_ROWS)
            rows = (table.slice(start, _CSV_SLICE_ROWS) for start in starts)
            for part in in_order(sink.format, list(rows), max(2, pa.cpu_count())):
                sink.write(part)
        sink.commit()


class TableSink:
    """A CSV or Parquet file (by the extension of ``path``) written in parts, in order. It is
    written under a temporary name next to ``path`` and renamed into place by :meth:`commit`;
    left without a commit (an error on the way), the partial file is removed: a refused run
    never leaves a half-written file, nor destroys the previous one."""

    def __init__(self, path: PathLike, columns: "Sequence[str]", *, few: "Sequence[str]" = ()):
        self.path = Path(path)
        self.kind = _kind(self.path)
        self.columns = list(columns)
        self.few = list(few)  # text columns with few distinct words: dictionary-encoded
        self._partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.partial")
        self._file: Any = None
        self._parquet: Any = None
        self._committed = False

    def __enter__(self) -> "TableSink":
        if self.kind == "csv":
            self._file = pa.OSFile(str(self._partial), "wb")
            # The header is written here: pyarrow's would quote every name.
            self._file.write((",".join(self.columns) + "\n").encode("utf-8"))
        return self

    def format(self, table: pa.Table, *, plain_text: bool = False) -> "pa.Buffer | pa.Table":
        """What :meth:`write` takes for ``table``: formatted CSV, or the table for Parquet.
        Safe to call on several threads at once. ``plain_text``: the caller knows that no
        text in ``table`` needs quotes, so they are not searched for."""
        if self.kind == "parquet":
            return table
        options = _csv_options(table, plain_text)  # quoting decided on the texts as they came
        sink = pa.BufferOutputStream()
        pcsv.write_csv(table, sink, write_options=options)
        return sink.getvalue()

    def write(self, part: "pa.Buffer | pa.Table") -> None:
        if self.kind == "csv":
            if isinstance(part, pa.Table):
                part = self.format(part)
            self._file.write(part)
            return
        assert isinstance(part, pa.Table)
        if self._parquet is None:
            import pyarrow.parquet as pq  # only Parquet needs it

            # Dictionary-encoding only the columns with few words, and no column
            # statistics, writes about a third faster; the file stays small.
            self._parquet = pq.ParquetWriter(
                str(self._partial), part.schema, use_dictionary=self.few, write_statistics=False
            )
        self._parquet.write_table(part)

    def commit(self) -> None:
        if self.kind == "parquet" and self._parquet is None:
            raise ValueError("nothing was written")  # a Parquet file needs its schema
        self._close()
        os.replace(self._partial, self.path)
        self._committed = True

    def _close(self) -> None:
        for handle in (self._file, self._parquet):
            if handle is not None:
                handle.close()
        self._file = self._parquet = None

    def __exit__(self, *exc: object) -> None:
        if not self._committed:
            self._close()
            self._partial.unlink(missing_ok=True)


def results_sink(path: PathLike) -> TableSink:
    """A :class:`TableSink` for result tables (:func:`results_table`)."""
    return TableSink(path, RESULT_COLUMNS, few=("eligibility_outcome",))


def _csv_options(table: pa.Table, plain_text: bool) -> pcsv.WriteOptions:
    # Quote only when a text holds a comma, quote or line break: pyarrow's "needed" style
    # would quote every text.
    needed = not plain_text and any(_needs_quotes(column) for column in table.columns)
    # The writer's default batches of 1 024 rows cost a quarter more than one batch.
    return pcsv.WriteOptions(
        include_header=False,
        quoting_style="needed" if needed else "none",
        batch_size=max(1, table.num_rows),
    )


# pyarrow formats CSV in one thread. Formatting slices in parallel (it releases the GIL for
# much of the work) and writing them in order is about a third faster on two cores.
_CSV_SLICE_ROWS = 131_072


def _needs_quotes(column: pa.ChunkedArray) -> bool:
    if pa.types.is_dictionary(column.type):
        column = pa.chunked_array(  # its few words are the column's texts
            [chunk.dictionary for chunk in column.chunks], type=column.type.value_type
        )
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return False
    return bool(pc.any(pc.match_substring_regex(column, r'[,"\r\n]')).as_py())
