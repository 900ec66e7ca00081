"""Arrow columns as the frame's numpy columns and back (:mod:`bb103.population.frame`).

Only pyarrow's public API is used: ``to_numpy``, ``cast``, ``view`` and the functions of
``pyarrow.compute``; nothing here knows how Arrow lays out its buffers. Reading checks what
a column can hold and names the first row that breaks it (rows counted from 1).
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from bb103.population.frame import FALSE3, TRUE3, UNKNOWN3, Coded, Fixed, PopulationError

Column = pa.ChunkedArray | pa.Array

# --------------------------------------------------------------------------- Arrow to numpy


def dates(column: Column) -> npt.NDArray[np.datetime64]:
    """A date32 column as days; null is NaT."""
    return np.asarray(column.to_numpy(), dtype="datetime64[D]")


def flag_codes(column: Column) -> npt.NDArray[np.int8]:
    """A boolean column as three-valued codes: true, false, null as unknown."""
    codes = pc.if_else(column, _int8(TRUE3), _int8(FALSE3))
    return np.asarray(pc.fill_null(codes, _int8(UNKNOWN3)).to_numpy())


def vum_levels(column: Column) -> npt.NDArray[np.int8]:
    """VUM levels 0-4, -1 for unknown; a level outside 0-4 is refused."""
    outside = pc.or_(pc.less(column, 0), pc.greater(column, 4))
    _refuse_first(outside, "vum_level", lambda row: f"{column[row]} is not a VUM level (0–4)")
    return np.asarray(pc.fill_null(column, _int8(-1)).to_numpy())


def fixed(column: Column, name: str, scale: int) -> Fixed:
    """Exact fixed-point values with ``scale`` decimals from a decimal128 column of that
    scale (as parsed), whole numbers (integers) or floats (as other Parquet writers store
    them: a float is read as the shortest decimal that prints it, 0.1 as 0.1)."""
    kind = column.type
    if pa.types.is_integer(kind):
        units = _whole_units(column, name, scale)
    elif pa.types.is_floating(kind):
        units = _float_units(column, name, scale)
    else:
        units = _decimal_units(column, name, scale)
    negative = units < 0
    if negative.any():
        row = int(np.argmax(negative))
        shown = Decimal(int(units[row])).scaleb(-scale)
        raise PopulationError(name, f"row {row + 1}: {shown} is negative")
    return Fixed(units, scale, _numpy(column.is_null()))


def _decimal_units(column: Column, name: str, scale: int) -> npt.NDArray[np.int64]:
    # A decimal seen with scale 0 is its integer of units: 1.25 at scale 2 is 125.
    def units(chunk: pa.Array) -> pa.Array:
        return chunk.view(pa.decimal128(chunk.type.precision, 0))

    as_units = _per_chunk(column, units)
    try:
        integers = pc.cast(as_units, pa.int64())
    except pa.ArrowInvalid:
        big = pc.greater(pc.abs(as_units), Decimal(2**63 - 1))
        _refuse_first(big, name, lambda row: f"{column[row].as_py()} is too large")
        raise
    return _numpy(pc.fill_null(integers, 0))


def _whole_units(column: Column, name: str, scale: int) -> npt.NDArray[np.int64]:
    whole = _numpy(pc.fill_null(column, 0))
    limit = (2**63 - 1) // 10**scale
    too_large = whole > limit
    if whole.dtype.kind == "i":
        too_large |= whole < -limit
    if too_large.any():
        row = int(np.argmax(too_large))
        raise PopulationError(name, f"row {row + 1}: {whole[row]} is too large")
    return whole.astype(np.int64) * 10**scale


# Up to 2**50 units a float is exact enough that rounding x * 10**scale gives the decimal
# that prints as x, and that decimal converts back to x exactly when x has no more
# decimals than the column keeps. Other floats go through their text.
_FLOAT_EXACT_UNITS = 2.0**50


def _float_units(column: Column, name: str, scale: int) -> npt.NDArray[np.int64]:
    if column.type == pa.float64():
        x = _numpy(pc.fill_null(column, 0.0))
        with np.errstate(invalid="ignore", over="ignore"):
            units = np.rint(x * 10**scale)
            if (np.abs(units) < _FLOAT_EXACT_UNITS).all() and (units / 10**scale == x).all():
                return units.astype(np.int64)
    # Through the shortest text that reads back as the same float, then as a decimal of the
    # column's scale, which pyarrow refuses if it has more decimals.
    text = pc.cast(column, pa.string())
    try:
        decimals = pc.cast(text, pa.decimal128(38, scale))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        row = first_failure(text, lambda part: pc.cast(part, pa.decimal128(38, scale)))
        value = text[row].as_py() if row is not None else "?"
        problem = _float_problem(value, scale)
        raise PopulationError(name, f"row {(row or 0) + 1}: {problem}") from None
    return _decimal_units(decimals, name, scale)


def _float_problem(text: str, scale: int) -> str:
    from bb103.population.csv_errors import decimal_problem  # error path only

    return decimal_problem(text, scale) or f"{text!r} cannot be read"


def texts(column: Column) -> npt.NDArray[np.str_]:
    """A text column as a numpy unicode array, null as ""."""
    if len(column) == 0:
        return np.zeros(0, dtype="<U1")
    if pa.types.is_dictionary(column.type):
        coded = codes(column)
        assert coded is not None
        return np.array([*coded.words, ""])[coded.codes]
    return np.array(pc.fill_null(column, "").to_pylist(), dtype=str)


def codes(column: Column) -> Coded | None:
    """A dictionary-encoded text column as codes into one word list (None if not encoded)."""
    if not pa.types.is_dictionary(column.type):
        return None
    if isinstance(column, pa.Array):
        column = pa.chunked_array([column])
    unified = column.unify_dictionaries()  # every chunk indexes the same words
    if unified.num_chunks == 0:
        return Coded((), np.zeros(0, np.int32))
    words = tuple(word or "" for word in unified.chunk(0).dictionary.to_pylist())
    indices = pa.chunked_array([chunk.indices for chunk in unified.chunks])
    filled = pc.fill_null(pc.cast(indices, pa.int32()), -1)
    return Coded(words, np.asarray(filled.to_numpy(), dtype=np.int32))


def words(column: Column) -> set[str]:
    """The distinct texts of a dictionary-encoded column (null as "")."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    return {word or "" for chunk in chunks for word in chunk.dictionary.to_pylist()}


def eight_byte_keys(column: Column) -> npt.NDArray[np.uint64] | None:
    """Each id's bytes as one 64-bit number when every id is exactly 8 bytes long (as
    generated ids are): exact keys for the duplicate check. None otherwise."""
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return None
    if column.null_count:
        return None
    try:
        eight = pc.cast(column, pa.binary(8))
    except pa.ArrowInvalid:  # some id is not 8 bytes long
        return None
    return np.asarray(_per_chunk(eight, lambda chunk: chunk.view(pa.uint64())).to_numpy())


# --------------------------------------------------------------------------- numpy to Arrow


def text_array(values: npt.NDArray[np.str_]) -> pa.Array:
    """A numpy unicode array as an Arrow string array, "" as null (an empty cell)."""
    return pa.array(values, type=pa.string(), mask=values == "")


def date_array(values: npt.NDArray[np.datetime64]) -> pa.Array:
    """Days as date32; NaT is null."""
    return pa.array(values.astype("datetime64[D]"), type=pa.date32())


def small_int_array(values: npt.NDArray[np.integer], kind: pa.DataType) -> pa.Array:
    """Small integers with -1 as unknown."""
    return pa.array(values, type=kind, mask=values < 0)


def flag_array(codes: npt.NDArray[np.int8]) -> pa.Array:
    return pa.array(codes == TRUE3, mask=codes == UNKNOWN3)


def decimal_array(value: Fixed) -> pa.Array:
    """Fixed as decimal128 of precision 18 (Parquet's 64-bit decimal storage; one type for
    every part of a file written in parts); the CSV writer prints exactly ``scale``
    decimals. Whole numbers (days) are plain integers."""
    units = pa.array(value.values, type=pa.int64(), mask=value.null)
    if value.scale == 0:
        return units
    largest = int(pc.max(pc.abs(units)).as_py() or 0)
    if largest >= 10**18:
        raise ValueError(f"{largest} does not fit 18 digits")
    # Units as a decimal of scale 0, then seen with the value's scale: 125 is 1.25. The
    # cast need not check each value (ten times slower): the largest was checked above.
    as_decimal = units.cast(pa.decimal128(19, 0), safe=False)
    return as_decimal.view(pa.decimal128(18, value.scale))


def outcome_array(codes: npt.NDArray[np.int8], words: pa.Array) -> pa.Array:
    """Outcome codes as a dictionary of the contract's words (written as the words)."""
    return pa.DictionaryArray.from_arrays(small_int_array(codes, pa.int8()), words)


# --------------------------------------------------------------------------- helpers


def _numpy(column: Column) -> npt.NDArray[Any]:
    """A column without nulls as a numpy array (a copy where Arrow's layout differs)."""
    if isinstance(column, pa.ChunkedArray):
        return np.asarray(column.to_numpy())
    return np.asarray(column.to_numpy(zero_copy_only=False))


def _int8(value: int) -> pa.Scalar:
    return pa.scalar(int(value), pa.int8())


def _per_chunk(column: Column, convert: Callable[[pa.Array], pa.Array]) -> Column:
    if isinstance(column, pa.Array):
        return convert(column)
    chunks = [convert(chunk) for chunk in column.chunks]
    return pa.chunked_array(chunks) if chunks else column


def _refuse_first(bad: Column, name: str, problem: Callable[[int], str]) -> None:
    """Refuse the first row where ``bad`` is true (null counts as fine)."""
    if not pc.any(bad).as_py():
        return
    row = int(pc.index(bad, True).as_py())
    raise PopulationError(name, f"row {row + 1}: {problem(row)}")


def first_failure(array: Column, convert: Callable[[Column], Column]) -> int | None:
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
