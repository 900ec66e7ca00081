"""Result and population CSV text (docs/contract/population.md: "dates ISO, money with two
decimals, unknown as an empty cell"): the fast text of ``bb103.population.csv_text`` must
be byte for byte what pyarrow's CSV writer prints for the same typed column, so a file
written either way is the same file."""

from decimal import Decimal
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv
import pytest

from bb103.population.csv_text import as_text
from bb103.population.io import TableSink


def _written(array: pa.Array) -> bytes:
    sink = pa.BufferOutputStream()
    options = pcsv.WriteOptions(include_header=False, quoting_style="none")
    pcsv.write_csv(pa.table({"c": array}), sink, write_options=options)
    return bytes(sink.getvalue().to_pybytes())


def _mask(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.random(n) < 0.2


@pytest.mark.parametrize("scale", [0, 1, 2, 3, 4])
def test_decimal_text_equals_the_writers(scale: int) -> None:
    rng = np.random.default_rng(scale)
    units = np.concatenate(
        [
            [0, 1, 9, 10, 99, 100, 101, 10**scale, 10**17, 2**63 - 1],
            rng.integers(0, 10**9, 5_000),
        ]
    )
    values = [Decimal(int(u)).scaleb(-scale) for u in units]
    array = pa.array(values, type=pa.decimal128(38, scale), mask=_mask(rng, len(units)))
    assert _written(as_text(array)) == _written(array)


def test_negative_and_wide_decimals_fall_back_to_the_writers_cast() -> None:
    values = [Decimal("-0.05"), Decimal("-12.30"), Decimal("12.30"), None, Decimal(10**20)]
    array = pa.array(values, type=pa.decimal128(38, 2))
    assert _written(as_text(array)) == _written(array)


def test_date_text_equals_the_writers_including_outside_the_tables() -> None:
    rng = np.random.default_rng(7)

    def day(text: str) -> int:
        return int(np.datetime64(text, "D").astype(np.int64))

    edges = ["0999-12-31", "1000-01-01", "1970-01-01", "2000-02-29", "9999-12-31"]
    days = np.concatenate(
        [[day(text) for text in edges], rng.integers(-30_000, 120_000, 5_000)]
    ).astype(np.int32)
    tables = pa.array(days[1:5], type=pa.date32())  # 1000-01-01 to 9999-12-31
    everywhere = pa.array(days, type=pa.date32(), mask=_mask(rng, len(days)))
    for array in (tables, everywhere, everywhere.slice(5, 1_000), everywhere.slice(7, 0)):
        assert _written(as_text(array)) == _written(array)


def test_sliced_and_chunked_columns_keep_their_nulls() -> None:
    rng = np.random.default_rng(11)
    values = [Decimal(int(u)).scaleb(-2) for u in rng.integers(0, 10**6, 3_000)]
    array = pa.array(values, type=pa.decimal128(18, 2), mask=_mask(rng, 3_000))
    chunked = pa.chunked_array([array.slice(5, 1_000), array.slice(1_500, 700)])
    assert _written(as_text(chunked)) == _written(chunked.combine_chunks())
    assert _written(as_text(array.slice(13, 999))) == _written(array.slice(13, 999))


def test_other_columns_are_the_writers_own_text() -> None:
    words = pa.DictionaryArray.from_arrays(
        pa.array([0, 1, None, 2], type=pa.int8()), pa.array(["eligible", "not_eligible", "x"])
    )
    for array in (
        words,
        pa.array([5, None, 3, -1], type=pa.int16()),
        pa.array(["P1", None, "æøå"], type=pa.string()),
        pa.array([True, None, False]),
    ):
        assert _written(as_text(array)) == _written(array)


def test_dictionary_words_with_a_comma_are_quoted(tmp_path: Path) -> None:
    """CSV (RFC 4180, the contract's "comma-separated"): a text holding a comma is quoted,
    also when it comes from a column of few words (dictionary-encoded)."""
    words = pa.DictionaryArray.from_arrays(
        pa.array([0, 1], type=pa.int8()), pa.array(["plain", "with, comma"])
    )
    path = tmp_path / "words.csv"
    with TableSink(path, ["word"]) as sink:
        sink.write(sink.format(pa.table({"word": words})))
        sink.commit()
    # pyarrow's "needed" style then quotes every text of the part, which is still valid CSV.
    assert path.read_text(encoding="utf-8").splitlines() == ["word", '"plain"', '"with, comma"']
