"""Arrow arrays' buffers seen as numpy arrays, without copying where it can be helped: the
one place that knows Arrow's layout of validity bitmaps and fixed-width values."""

from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa

Bools = npt.NDArray[np.bool_]


def valid(array: pa.Array) -> Bools:
    """The validity bitmap as booleans (True = known)."""
    bitmap = array.buffers()[0]
    if bitmap is None or array.null_count == 0:
        return np.ones(len(array), dtype=np.bool_)
    return bits(bitmap, array.offset, len(array))


def bits(buffer: pa.Buffer, offset: int, n: int) -> Bools:
    """``n`` bits of ``buffer`` from bit ``offset``, least significant bit first."""
    packed = np.frombuffer(buffer, dtype=np.uint8)
    return np.unpackbits(packed, count=offset + n, bitorder="little")[offset:].view(np.bool_)


def values(array: pa.Array, dtype: type[np.generic]) -> npt.NDArray[Any]:
    """The fixed-width values buffer of ``array`` (no copy; null slots hold anything)."""
    return np.frombuffer(array.buffers()[1], dtype=dtype)[array.offset : array.offset + len(array)]


def bitmap(known: Bools) -> pa.Buffer | None:
    """Arrow's validity bitmap for ``known``, or None when every value is known."""
    if known.all():
        return None
    return pa.py_buffer(np.packbits(known, bitorder="little"))
