"""Population and result files (docs/contract/population.md): CSV or Parquet by extension.

pyarrow parses and writes; columns cross between pyarrow and numpy through their buffers,
never value by value in Python, so the time is pyarrow's parsing and formatting. Reading is
strict: an unknown column (a typo), a value the column cannot hold, more decimals than the
column keeps or a duplicate person is refused with the column and row named, never repaired.
Rows are counted from 1 at the first data row (the header is not counted).

Unknown values follow :mod:`bb103.population.frame`: an empty cell is read as unknown, and
unknown is written as an empty cell.
"""

import contextlib
import csv
import os
import re
from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.csv as pcsv

from bb103.population.arrow_buffers import bitmap as _bitmap
from bb103.population.arrow_buffers import bits as _bits
from bb103.population.arrow_buffers import valid as _valid
from bb103.population.arrow_buffers import values as _values
from bb103.population.csv_text import as_text
from bb103.population.frame import (
    FLAG_COLUMNS,
    INPUT_COLUMNS,
    OUTCOMES,
    RESULT_COLUMNS,
    SCALES,
    TRUE3,
    UNKNOWN3,
    Coded,
    Fixed,
    Population,
    PopulationError,
    Results,
)
from bb103.population.in_order import in_order

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

PathLike = str | Path
Bools = npt.NDArray[np.bool_]

TEXT_COLUMNS = ("person_id", "municipality", "living_situation")
DATE_COLUMNS = ("birth_date", "application_received_on", "employment_start_date")
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
_FILE = "(file)"


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
        raise _locate_csv_error(path, str(exc)) from None
    if bad_rows:
        raise _bad_row_error(path, convert)
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

        return Part(stop - start, read)

    parts, start, size = [], end + 1, len(mapped)
    while start < size:
        stop = mapped.find(b"\n", min(start + part_bytes, size - 1))
        stop = size if stop < 0 else stop + 1
        parts.append(part(start, stop))
        start = stop
    return parts


def _bad_row_error(path: Path, convert: pcsv.ConvertOptions) -> PopulationError:
    """A row with the wrong number of cells. Parallel parsing does not know line numbers,
    so the file is read again in one thread, which does (only ever on this error path)."""
    found: list[Any] = []

    def first(row: Any) -> str:
        found.append(row)
        return "error"

    with contextlib.suppress(pa.ArrowInvalid):  # raised by the handler's "error"
        pcsv.read_csv(
            path,
            read_options=pcsv.ReadOptions(use_threads=False),
            parse_options=pcsv.ParseOptions(invalid_row_handler=first),
            convert_options=convert,
        )
    row = found[0]
    where = f"line {row.number}" if row.number is not None else "a row"
    return PopulationError(
        _FILE, f"{where} has {row.actual_columns} cells, the header has {row.expected_columns}"
    )


def _locate_csv_error(path: Path, arrow_message: str) -> PopulationError:
    """pyarrow names the column of a value it cannot convert but not the row: read that
    column again as raw text and find the first value we refuse (error path only)."""
    match = re.search(r"In CSV column #(\d+)", arrow_message)
    if match is None:
        return PopulationError(_FILE, f"not a readable CSV file: {arrow_message}")
    with path.open("rb") as handle:
        header = next(csv.reader([handle.readline().decode("utf-8-sig")]))
    name = header[int(match.group(1))]
    raw = pcsv.read_csv(
        path,
        convert_options=pcsv.ConvertOptions(
            column_types={name: pa.binary()}, include_columns=[name], strings_can_be_null=False
        ),
    ).column(0)
    check = _text_problem(name)
    for index, value in enumerate(raw.to_pylist()):
        problem = check(value)
        if problem is not None:
            return PopulationError(name, f"row {index + 1}: {problem}")
    return PopulationError(name, f"cannot be read: {arrow_message}")


def _text_problem(name: str) -> "Callable[[bytes], str | None]":
    """What is wrong with one raw CSV cell of column ``name``, or None (error path only)."""

    def check(raw: bytes) -> str | None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return "not valid UTF-8"
        value = text.strip()
        if value == "" or name in TEXT_COLUMNS:
            return None
        if name in DATE_COLUMNS:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is None:
                return f"{text!r} is not a date (YYYY-MM-DD)"
            try:
                np.datetime64(value, "D")
            except ValueError:
                return f"{text!r} is not a date (YYYY-MM-DD)"
            return None
        if name in FLAG_COLUMNS:
            return None if text in ("true", "false") else f"{text!r} is not true, false or empty"
        if name == "vum_level":
            ok = re.fullmatch(r"[0-9]+", value) is not None and int(value) <= 4
            return None if ok else f"{text!r} is not a VUM level (0–4)"
        return _decimal_problem(text, SCALES[name])

    return check


# What pyarrow reads as a decimal (Python's Decimal also takes "1_000", "NaN" and "Infinity").
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")


def _decimal_problem(text: str, scale: int) -> str | None:
    if _DECIMAL.fullmatch(text.strip()) is None:
        return f"{text!r} is not a number"
    number = Decimal(text.strip())
    with localcontext(Context(prec=200, Emax=10**6, Emin=-(10**6))):  # exact for any size
        exact = number == number.quantize(Decimal(1).scaleb(-scale))
    if not exact:
        if scale == 0:
            return f"{text!r} is not a whole number"
        return f"{text!r} has more than {scale} decimals"
    return None


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
        # Read as they are by _fixed: any decimal128 of the column's scale, and integers.
        or (name in SCALES and pa.types.is_decimal128(kind) and kind.scale == target.scale)
        or (name in SCALES and pa.types.is_integer(kind))
    ):
        return column
    array = column.combine_chunks()
    import pyarrow.compute as pc  # only needed when a writer chose other types

    def convert(part: pa.Array) -> pa.Array:
        if pa.types.is_floating(part.type) and pa.types.is_decimal(target):
            # Through the shortest text that reads back as the same float: 0.1 is "0.1".
            part = pc.cast(part, pa.string())
        if pa.types.is_dictionary(part.type):
            part = part.dictionary_decode()
        return pc.cast(part, target)

    try:
        return convert(array)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        index = _first_failure(array, convert)
        if index is None:
            raise PopulationError(name, f"cannot be read as {target}: {exc}") from None
        value = array[index].as_py()
        if pa.types.is_decimal(target) and isinstance(value, (int, float, Decimal, str)):
            problem = _decimal_problem(str(value), SCALES[name])
            if problem is not None:
                raise PopulationError(name, f"row {index + 1}: {problem}") from None
        raise PopulationError(name, f"row {index + 1}: {value!r} cannot be read") from None


def _is_text(kind: pa.DataType) -> bool:
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def _first_failure(array: pa.Array, convert: "Callable[[pa.Array], pa.Array]") -> int | None:
    """The first index whose value ``convert`` refuses, by halving (error path only)."""

    def fails(start: int, length: int) -> bool:
        try:
            convert(array.slice(start, length))
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            return True
        return False

    start, length = 0, len(array)
    if not fails(start, length):
        return None
    while length > 1:
        half = length // 2
        if fails(start, half):
            length = half
        else:
            start, length = start + half, length - half
    return start


def population_from_table(table: pa.Table, *, ids: bool = True) -> Population:
    """The population in ``table`` (as read by this module), validated. With ``ids=False``
    the texts ``person_id`` and ``municipality`` are left empty (the municipality stays as
    codes) and the ids are not checked: for a caller that writes the ids straight from the
    table and checks them across the whole file itself."""
    columns = {name: table.column(name) for name in INPUT_COLUMNS}
    no_text = np.empty(0, dtype="<U1")

    def person_ids() -> npt.NDArray[np.str_]:
        values = _texts(columns["person_id"])
        _check_person_ids(values, _eight_byte_keys(columns["person_id"]))
        return values

    def living_situations() -> npt.NDArray[np.str_]:
        values = _texts(columns["living_situation"])
        _check_living_situations(columns["living_situation"], values)
        return values

    def fixed(name: str) -> "Callable[[], Fixed]":
        return lambda: _fixed(columns[name], name)

    def flag(name: str) -> "Callable[[], npt.NDArray[np.int8]]":
        return lambda: _flag_codes(columns[name])

    def dates(name: str) -> "Callable[[], npt.NDArray[np.datetime64]]":
        return lambda: _dates(columns[name])

    work: dict[str, Callable[[], Any]] = {
        "person_id": person_ids if ids else lambda: no_text,
        "municipality": (lambda: _texts(columns["municipality"])) if ids else lambda: no_text,
        "municipality_coded": lambda: _coded(columns["municipality"]),
        "living_situation": living_situations,
        "vum_level": lambda: _vum_levels(columns["vum_level"]),
        **{name: flag(name) for name in FLAG_COLUMNS},
        **{name: dates(name) for name in DATE_COLUMNS},
        **{name: fixed(name) for name in SCALES},
    }
    done = _in_parallel(work) if table.num_rows >= _PARALLEL_ROWS else _in_order(work)
    flags = {name: done.pop(name) for name in FLAG_COLUMNS}
    if done["municipality_coded"] is None and not ids:
        # Without dictionary encoding the texts are the only way to the municipality.
        done["municipality"] = _texts(columns["municipality"])
    return Population(**done, flags=flags)


def person_keys(column: pa.ChunkedArray) -> npt.NDArray[np.uint64]:
    """A 64-bit key per person id, equal for equal ids (exact for 8-byte ids, else a hash),
    for a duplicate check across a file read in parts; refuses an empty id."""
    keys = _eight_byte_keys(column)
    if keys is not None:
        return keys
    values = _texts(column)
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


# pyarrow hands a column over in chunks (one per parsed block). Each is converted straight
# into its slice of the numpy result: joining the chunks first would copy every column once
# more, which costs as much as the conversion itself.


def _chunks(column: pa.ChunkedArray) -> "Iterator[tuple[slice, pa.Array]]":
    start = 0
    for chunk in column.chunks:
        yield slice(start, start + len(chunk)), chunk
        start += len(chunk)


def _texts(column: pa.ChunkedArray) -> npt.NDArray[np.str_]:
    """A text column as a numpy unicode array, null as "". Dictionary chunks (the CSV reader
    encodes the few municipalities and living situations so) index their decoded words;
    ASCII text is copied byte-wise into the array's code points; other text goes through
    Python strings, which is slower but rare."""
    n = len(column)
    if n == 0:
        return np.zeros(0, dtype="<U1")
    if pa.types.is_dictionary(column.type):
        return _dictionary_texts(column)
    layout = [_string_layout(chunk) for chunk in column.chunks]
    if any(data is None for _, _, data in layout):
        return _python_texts(column)
    longest = max((int(lengths.max()) for _, lengths, _ in layout if len(lengths)), default=0)
    texts = np.zeros(n, dtype=f"<U{max(longest, 1)}")
    codes = texts.view(np.uint32).reshape(n, -1)
    for (rows, _), (offsets, lengths, data) in zip(_chunks(column), layout, strict=True):
        assert data is not None
        width = int(lengths.max()) if len(lengths) else 0
        if width == 0:
            continue
        if lengths.min() == width:  # all of one length: the bytes are already a matrix
            codes[rows, :width] = data[offsets[0] : offsets[-1]].reshape(-1, width)
        else:
            columns = np.arange(width)
            positions = np.minimum(offsets[:-1, None] + columns, len(data) - 1)
            inside = columns < lengths[:, None]
            codes[rows, :width] = np.where(inside, data[positions], 0)
    return texts


def _string_layout(
    chunk: pa.Array,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.uint8] | None]:
    """Offsets and lengths of each string (0 for null) and the bytes; bytes None if any is
    not ASCII (one byte is then not one character)."""
    width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    n = len(chunk)
    raw = np.frombuffer(chunk.buffers()[1], dtype=width)[chunk.offset : chunk.offset + n + 1]
    offsets: npt.NDArray[np.int64] = raw.astype(np.int64)
    lengths: npt.NDArray[np.int64] = np.diff(offsets)
    if chunk.null_count:
        lengths[~_valid(chunk)] = 0
    data_buffer = chunk.buffers()[2]
    data = np.zeros(1, np.uint8) if data_buffer is None else np.frombuffer(data_buffer, np.uint8)
    if n and (data[offsets[0] : offsets[-1]] >= 0x80).any():
        return offsets, lengths, None
    return offsets, lengths, data


def _python_texts(column: pa.ChunkedArray) -> npt.NDArray[np.str_]:
    values = [text or "" for text in column.to_pylist()]
    return np.array(values, dtype=str) if values else np.zeros(0, dtype="<U1")


def _dictionary_texts(column: pa.ChunkedArray) -> npt.NDArray[np.str_]:
    words: list[npt.NDArray[np.str_]] = []
    for chunk in column.chunks:
        # One slot past the words stands for null, so null rows index "".
        words.append(np.array([*(word or "" for word in chunk.dictionary.to_pylist()), ""]))
    width = max(word.dtype.itemsize // 4 for word in words)
    texts = np.zeros(len(column), dtype=f"<U{max(width, 1)}")
    for (rows, chunk), decoded in zip(_chunks(column), words, strict=True):
        indices = _values(chunk.indices, chunk.indices.type.to_pandas_dtype()).astype(np.intp)
        if chunk.null_count:
            indices = np.where(_valid(chunk.indices), indices, len(decoded) - 1)
        texts[rows] = decoded[indices]
    return texts


def _coded(column: pa.ChunkedArray) -> Coded | None:
    """A dictionary-encoded text column as codes into one word list (None if not encoded)."""
    if not pa.types.is_dictionary(column.type):
        return None
    unified = column.unify_dictionaries()  # every chunk indexes the same words
    if unified.num_chunks == 0:
        return Coded((), np.zeros(0, np.int32))
    words = tuple(word or "" for word in unified.chunk(0).dictionary.to_pylist())
    codes = np.empty(len(column), dtype=np.int32)
    for rows, chunk in _chunks(unified):
        indices = _values(chunk.indices, chunk.indices.type.to_pandas_dtype())
        codes[rows] = np.where(_valid(chunk.indices), indices, -1) if chunk.null_count else indices
    return Coded(words, codes)


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


def _eight_byte_keys(column: pa.ChunkedArray) -> npt.NDArray[np.uint64] | None:
    """Each id's bytes as one 64-bit number, when every id is exactly 8 bytes long (as
    generated ids are): exact keys, read straight from pyarrow's buffers."""
    parts = []
    for chunk in column.chunks:
        if not pa.types.is_string(chunk.type) or chunk.null_count:
            return None
        offsets = _string_layout(chunk)[0]
        if offsets[-1] - offsets[0] != 8 * len(chunk) or np.any(np.diff(offsets) != 8):
            return None
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)[offsets[0] : offsets[-1]]
        parts.append(data.view(np.uint64))
    return np.concatenate(parts) if parts else None


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
    if pa.types.is_dictionary(column.type):
        # Read from CSV: the few distinct words are known, so a good file costs nothing.
        words = {word or "" for chunk in column.chunks for word in chunk.dictionary.to_pylist()}
        if words <= set(allowed):
            return
    wrong = ~np.isin(values, allowed)
    if wrong.any():
        row = int(np.argmax(wrong))
        raise PopulationError(
            "living_situation",
            f"row {row + 1}: {str(values[row])!r} is not own_home, botilbud, with_family or empty",
        )


def _dates(column: pa.ChunkedArray) -> npt.NDArray[np.datetime64]:
    dates = np.empty(len(column), dtype="datetime64[D]")
    for rows, chunk in _chunks(column):
        dates[rows] = _values(chunk, np.int32)
        if chunk.null_count:
            dates[rows][~_valid(chunk)] = np.datetime64("NaT")
    return dates


def _vum_levels(column: pa.ChunkedArray) -> npt.NDArray[np.int8]:
    levels = np.empty(len(column), dtype=np.int8)
    for rows, chunk in _chunks(column):
        values, valid = _values(chunk, np.int8), _valid(chunk)
        outside = valid & ((values < 0) | (values > 4))
        if outside.any():
            index = int(np.argmax(outside))
            row = rows.start + index + 1
            message = f"row {row}: {values[index]} is not a VUM level (0–4)"
            raise PopulationError("vum_level", message)
        levels[rows] = np.where(valid, values, np.int8(-1))
    return levels


def _flag_codes(column: pa.ChunkedArray) -> npt.NDArray[np.int8]:
    codes = np.empty(len(column), dtype=np.int8)
    for rows, chunk in _chunks(column):
        true = _bits(chunk.buffers()[1], chunk.offset, len(chunk))
        codes[rows] = true.view(np.int8) * TRUE3  # false -> FALSE3 (0), true -> TRUE3 (2)
        if chunk.null_count:
            codes[rows][~_valid(chunk)] = UNKNOWN3
    return codes


def _fixed(column: pa.ChunkedArray, name: str) -> Fixed:
    """decimal128 at the column's scale -> exact int64: the low word of each 16-byte value,
    after checking that the high word is only its sign (the value fits in 64 bits).
    Integers (Parquet's natural type for days) are scaled up."""
    scale = SCALES[name]
    values = np.empty(len(column), dtype=np.int64)
    null = np.empty(len(column), dtype=np.bool_)
    for rows, chunk in _chunks(column):
        valid = _valid(chunk)
        if pa.types.is_integer(chunk.type):  # from Parquet: whole numbers, to be scaled
            whole = _values(chunk, chunk.type.to_pandas_dtype())
            limit = (2**63 - 1) // 10**scale
            too_large = valid & (whole > limit)
            if whole.dtype.kind == "i":
                too_large |= valid & (whole < -limit)
            low = np.where(valid & ~too_large, whole, 0).astype(np.int64) * 10**scale
        else:
            words = np.frombuffer(chunk.buffers()[1], dtype=np.int64).reshape(-1, 2)
            words = words[chunk.offset : chunk.offset + len(chunk)]
            low = np.where(valid, words[:, 0], 0)  # null slots may hold anything
            too_large = valid & (words[:, 1] != (low >> 63))
        if too_large.any():
            index = int(np.argmax(too_large))
            row = rows.start + index + 1
            raise PopulationError(name, f"row {row}: {chunk[index].as_py()} is too large")
        negative = low < 0
        if negative.any():
            index = int(np.argmax(negative))
            shown = Decimal(int(low[index])).scaleb(-scale)
            raise PopulationError(name, f"row {rows.start + index + 1}: {shown} is negative")
        values[rows] = low
        null[rows] = ~valid
    return Fixed(values, scale, null)


# --------------------------------------------------------------------------- writing


def write_population(population: Population, path: PathLike) -> None:
    """Write ``population`` with the contract's input columns, in its order."""
    path = Path(path)
    kind = _kind(path)
    columns: dict[str, pa.Array] = {
        "person_id": _text_array(population.person_id),
        "municipality": _text_array(population.municipality),
        "birth_date": _date_array(population.birth_date),
        "living_situation": _text_array(population.living_situation),
        "vum_level": _int_array(population.vum_level, pa.int8()),
        **{name: _flag_array(population.flags[name]) for name in FLAG_COLUMNS},
        "application_received_on": _date_array(population.application_received_on),
        "employment_start_date": _date_array(population.employment_start_date),
    }
    for name in SCALES:
        fixed: Fixed = getattr(population, name)
        if fixed.scale != SCALES[name]:
            raise ValueError(f"{name}: scale {fixed.scale}, the contract keeps {SCALES[name]}")
        columns[name] = _decimal_array(fixed)
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
            columns[name] = _text_array(value) if person_id is None else person_id
        elif name == "eligibility_outcome":
            columns[name] = _outcome_array(value)
        elif isinstance(value, Fixed):
            columns[name] = _decimal_array(_in_oere(value, name))
        elif value.dtype.kind == "M":
            columns[name] = _date_array(value)
        else:
            columns[name] = _int_array(value, pa.int16())
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

    def format(self, table: pa.Table) -> "pa.Buffer | pa.Table":
        """What :meth:`write` takes for ``table``: formatted CSV, or the table for Parquet.
        Safe to call on several threads at once."""
        if self.kind == "parquet":
            return table
        options = _csv_options(table)  # quoting is decided on the texts as they came
        text = pa.table([as_text(column) for column in table.columns], names=table.column_names)
        sink = pa.BufferOutputStream()
        pcsv.write_csv(text, sink, write_options=options)
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


def _csv_options(table: pa.Table) -> pcsv.WriteOptions:
    # Quote only when a text holds a comma, quote or line break: pyarrow's "needed" style
    # would quote every text.
    quoting = "needed" if any(_needs_quotes(column) for column in table.columns) else "none"
    return pcsv.WriteOptions(include_header=False, quoting_style=quoting)


# pyarrow formats CSV in one thread. Formatting slices in parallel (it releases the GIL for
# much of the work) and writing them in order is about a third faster on two cores.
_CSV_SLICE_ROWS = 131_072


def _needs_quotes(column: pa.ChunkedArray) -> bool:
    for chunk in column.chunks:
        if pa.types.is_dictionary(chunk.type):
            chunk = chunk.dictionary  # its few words are the column's texts
        if not pa.types.is_string(chunk.type) or chunk.buffers()[2] is None:
            continue
        data = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)
        for special in b',"\n\r':
            if (data == special).any():
                return True
    return False


def _text_array(values: npt.NDArray[np.str_]) -> pa.Array:
    """A numpy unicode array as an Arrow string array, "" as null (an empty cell). ASCII
    is narrowed from code points to bytes in one pass; other text goes through pyarrow."""
    n = len(values)
    chars = values.dtype.itemsize // 4
    codes = np.ascontiguousarray(values).view(np.uint32).reshape(n, chars)
    if n == 0 or chars == 0 or codes.max() >= 0x80:
        return _python_text_array(values)
    matrix = codes.astype(np.uint8)
    lengths = np.strings.str_len(values)
    if lengths.min() == chars:
        data = matrix.ravel()
    else:
        data = matrix[matrix != 0]  # numpy pads short strings with NUL
        if len(data) != lengths.sum():  # a NUL inside a text: let pyarrow sort it out
            return _python_text_array(values)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    string_type = pa.string() if offsets[-1] < 2**31 else pa.large_string()
    if string_type == pa.string():
        offsets = offsets.astype(np.int32)
    known = lengths > 0
    buffers = [_bitmap(known), pa.py_buffer(offsets), pa.py_buffer(data)]
    return pa.Array.from_buffers(string_type, n, buffers, null_count=n - int(known.sum()))


def _python_text_array(values: npt.NDArray[np.str_]) -> pa.Array:
    return pa.array(values, type=pa.string(), mask=values == "")


_OUTCOME_WORDS = pa.array(OUTCOMES, type=pa.string())


def _outcome_array(codes: npt.NDArray[np.int8]) -> pa.Array:
    """Outcome codes as a dictionary of the contract's words (written as the words)."""
    # Not pa.array(codes, mask=...): a mask makes pyarrow import numpy.ma (12 ms).
    return pa.DictionaryArray.from_arrays(_int_array(codes, pa.int8()), _OUTCOME_WORDS)


def _date_array(dates: npt.NDArray[np.datetime64]) -> pa.Array:
    known = ~np.isnat(dates)
    days = np.where(known, dates.astype("datetime64[D]").astype(np.int64), 0).astype(np.int32)
    n = len(dates)
    buffers = [_bitmap(known), pa.py_buffer(days)]
    return pa.Array.from_buffers(pa.date32(), n, buffers, null_count=n - int(known.sum()))


def _int_array(values: npt.NDArray[np.integer], kind: pa.DataType) -> pa.Array:
    """Small integers with -1 as unknown."""
    known = values >= 0
    stored = np.where(known, values, 0).astype(kind.to_pandas_dtype())
    n = len(values)
    buffers = [_bitmap(known), pa.py_buffer(stored)]
    return pa.Array.from_buffers(kind, n, buffers, null_count=n - int(known.sum()))


def _flag_array(codes: npt.NDArray[np.int8]) -> pa.Array:
    known = codes != UNKNOWN3
    n = len(codes)
    true = pa.py_buffer(np.packbits(codes == TRUE3, bitorder="little"))
    return pa.Array.from_buffers(
        pa.bool_(), n, [_bitmap(known), true], null_count=n - int(known.sum())
    )


def _decimal_array(fixed: Fixed) -> pa.Array:
    """Fixed -> decimal128 from its 16-byte little-endian two's complement words; the CSV
    writer then prints exactly ``scale`` decimals. Whole numbers (days) are plain integers."""
    n = len(fixed)
    known = ~fixed.null
    values = np.where(known, fixed.values, 0).astype(np.int64)
    if fixed.scale == 0:
        buffers = [_bitmap(known), pa.py_buffer(values)]
        return pa.Array.from_buffers(pa.int64(), n, buffers, null_count=n - int(known.sum()))
    words = np.empty((n, 2), dtype=np.int64)
    words[:, 0] = values
    words[:, 1] = values >> 63
    # Precision 18 fits Parquet's 64-bit decimal storage, and one type for every part of a
    # file written in parts. The engine's bounds keep every value far below it.
    largest = max(int(values.max()), -int(values.min())) if n else 0
    if largest >= 10**18:
        raise ValueError(f"{largest} does not fit 18 digits")
    buffers = [_bitmap(known), pa.py_buffer(words)]
    return pa.Array.from_buffers(
        pa.decimal128(18, fixed.scale), n, buffers, null_count=n - int(known.sum())
    )
