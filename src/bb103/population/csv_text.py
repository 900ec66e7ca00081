"""Arrow columns as the text the CSV writer would print, made with cheaper kernels.

pyarrow's CSV writer turns each column into text with its generic casts, and for the
result files those casts are most of the writing: a decimal128 cast costs about four
times an int64 cast, and a date32 cast computes the calendar for every row. Here:

- a decimal becomes its integer of units (the low 64 bits), cast as an integer, padded to
  at least ``scale + 1`` digits and given its point: 5 øre is ``"0.05"``;
- a date is looked up in a table of every day's ISO text over the decades the column
  spans (years 1000 to 9999; outside them the writer's cast is used);
- a dictionary column is decoded to its words, and other columns go through the writer's
  own cast.

The text of each value equals the writer's (asserted by ``tests/test_csv_text.py`` over
random values, nulls and the edges); whatever falls outside the fast cases (a negative
decimal, one beyond 64 bits, a date outside those years) is cast as the writer would.
"""

from functools import lru_cache

import numpy as np
import pyarrow as pa

# The compute functions are called by name through the extension module: importing the
# Python module pyarrow.compute builds wrappers for every function, 50 ms of start-up.
from pyarrow._compute import CastOptions, PadOptions, ReplaceSliceOptions, call_function

from bb103.population.arrow_buffers import bitmap, valid, values


def as_text(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """``column`` as a string array of the CSV writer's text; null stays null."""
    array = column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column
    kind = array.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return array
    if pa.types.is_dictionary(kind):
        # Not dictionary_decode(): that method imports pyarrow.compute.
        return as_text(call_function("take", [array.dictionary, array.indices]))
    if pa.types.is_decimal128(kind):
        fast = _decimal_text(array)
        if fast is not None:
            return fast
    elif pa.types.is_date32(kind):
        fast = _date_text(array)
        if fast is not None:
            return fast
    return _cast_text(array)


def _cast_text(array: pa.Array) -> pa.Array:
    return call_function("cast", [array], CastOptions.safe(pa.string()))


def _decimal_text(array: pa.Array) -> pa.Array | None:
    words = np.frombuffer(array.buffers()[1], dtype=np.int64).reshape(-1, 2)
    words = words[array.offset : array.offset + len(array)]
    units, high = words[:, 0], words[:, 1]
    known = valid(array)
    # Null slots may hold anything: only known values decide whether the fast path holds.
    if ((units < 0) & known).any() or ((high != 0) & known).any():
        return None
    integers = pa.Array.from_buffers(
        pa.int64(),
        len(array),
        [_validity(array), pa.py_buffer(np.ascontiguousarray(units))],
        null_count=array.null_count,
    )
    digits = _cast_text(integers)
    scale = array.type.scale
    if scale <= 0:
        return digits if scale == 0 else None
    padded = call_function("ascii_lpad", [digits], PadOptions(scale + 1, "0"))
    return call_function("binary_replace_slice", [padded], ReplaceSliceOptions(-scale, -scale, "."))


def _date_text(array: pa.Array) -> pa.Array | None:
    days = values(array, np.int32)
    known = valid(array)
    known_days = days[known]
    if known_days.size == 0:
        return None
    first, last = _decade(int(known_days.min())), _decade(int(known_days.max())) + 10
    if first < _FIRST_YEAR or last > _LAST_YEAR:
        return None
    table, start = _iso_days(first, last)
    index = np.where(known, days.astype(np.int64) - start, 0).astype(np.int32)
    positions = pa.Array.from_buffers(
        pa.int32(), len(array), [_validity(array), pa.py_buffer(index)], null_count=array.null_count
    )
    return call_function("take", [table, positions])


# Tables cover years with four digits, from _FIRST_YEAR to before _LAST_YEAR.
_FIRST_YEAR, _LAST_YEAR = 1000, 10000


def _decade(day: int) -> int:
    """The first year of the decade of ``day`` (days since 1970-01-01)."""
    year = int(np.datetime64(day, "D").astype("datetime64[Y]").astype(np.int64)) + 1970
    return year - year % 10


@lru_cache(maxsize=16)
def _iso_days(first_year: int, last_year: int) -> tuple[pa.Array, int]:
    """Every day's ISO text from 1 January ``first_year`` to before ``last_year``, and the
    first day's number (days since 1970). Tables span whole decades, so that the blocks of
    a file share them."""
    first = int(np.datetime64(f"{first_year:04d}-01-01", "D").astype(np.int64))
    stop = int(np.datetime64(f"{last_year - 1:04d}-12-31", "D").astype(np.int64)) + 1
    numbers = np.arange(first, stop, dtype=np.int32)
    dates = pa.Array.from_buffers(pa.date32(), len(numbers), [None, pa.py_buffer(numbers)])
    return _cast_text(dates), first


def _validity(array: pa.Array) -> pa.Buffer | None:
    """The validity bitmap of ``array`` re-based to offset 0 (None when all are known)."""
    if array.null_count == 0:
        return None
    if array.offset == 0:
        return array.buffers()[0]
    return bitmap(valid(array))
