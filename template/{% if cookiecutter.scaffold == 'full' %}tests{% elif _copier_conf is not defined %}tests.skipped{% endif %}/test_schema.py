import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.config import TableSource
from {{ cookiecutter.package_name }}.errors import DataError
from {{ cookiecutter.package_name }}.schema import Column, TableSchema, conform

EVENTS = TableSchema(
    name="events",
    timestamp="at",
    columns=(
        Column("user_id", "id"),
        Column("at", "timestamp"),
        Column("amount", "float"),
        Column("kind", "category", nullable=True),
        Column("done", "bool"),
    ),
)


def frame(**overrides):
    rows = {
        "user_id": ["a", "b", "c"],
        "at": ["2026-01-01T10:00", "2026-01-02", "2026-01-03 08:30"],
        "amount": ["1.5", 2, 3.25],
        "kind": ["x", None, "y"],
        "done": [1, 0, "true"],
        "extra": [0, 0, 0],
    }
    return pd.DataFrame({**rows, **overrides})


def test_a_good_table_is_cast_to_the_schema_and_extra_columns_dropped():
    result = conform(frame(), EVENTS, "events.csv")
    assert list(result.columns) == ["user_id", "at", "amount", "kind", "done"]
    assert result["at"].dtype == "datetime64[us]"
    assert result["amount"].tolist() == [1.5, 2.0, 3.25]
    assert result["done"].tolist() == [True, False, True]


def test_a_missing_column_is_named_with_the_mapping_that_fixes_it():
    with pytest.raises(DataError) as error:
        conform(frame().drop(columns="amount"), EVENTS, "events.csv")
    message = str(error.value)
    assert "'amount'" in message and "events.csv" in message
    assert "data.tables.events.columns" in message


def test_a_bad_timestamp_names_the_row_and_the_value():
    with pytest.raises(DataError, match=r"`at` is not a timestamp on row 2 \('yesterday'\)"):
        conform(frame(at=["2026-01-01", "yesterday", "2026-01-03"]), EVENTS, "events.csv")


def test_a_bad_number_names_the_row():
    with pytest.raises(DataError, match=r"`amount` is not a number on row 3"):
        conform(frame(amount=[1, 2, "lots"]), EVENTS, "events.csv")


def test_an_empty_required_value_is_refused_but_a_nullable_one_is_kept():
    with pytest.raises(DataError, match=r"`user_id` is empty on row 1"):
        conform(frame(user_id=[None, "b", "c"]), EVENTS, "events.csv")
    assert conform(frame(), EVENTS, "events.csv")["kind"].isna().tolist() == [False, True, False]


def test_an_empty_table_is_refused():
    with pytest.raises(DataError, match="no rows"):
        conform(frame().iloc[0:0], EVENTS, "events.csv")


def test_a_team_s_own_true_and_false_words_are_read_as_booleans():
    options = TableSource(path="events.csv", true_values=("Yes", "Y"), false_values=("No",))
    result = conform(frame(done=["Yes", " y", "NO"]), EVENTS, "events.csv", options)
    assert result["done"].tolist() == [True, True, False]


def test_an_unknown_boolean_word_names_the_option_that_maps_it():
    with pytest.raises(DataError, match=r"row 1 \('Yes'\).*data.tables.events.true_values"):
        conform(frame(done=["Yes", "1", "0"]), EVENTS, "events.csv")


def test_epoch_numbers_become_timestamps_in_their_declared_unit():
    options = TableSource(path="events.csv", epoch_units={"at": "ms"})
    milliseconds = [1767225600000, 1767225601500, 1767225602000]
    result = conform(frame(at=milliseconds), EVENTS, "e.csv", options)
    assert result["at"].tolist()[:2] == [
        pd.Timestamp("2026-01-01T00:00:00"),
        pd.Timestamp("2026-01-01T00:00:01.5"),
    ]


def test_epoch_numbers_without_a_unit_are_refused_naming_the_option():
    with pytest.raises(DataError, match=r"epoch_units: \{at: s\}"):
        conform(frame(at=[1767225600, 1767225601, 1767225602]), EVENTS, "events.csv")
    with pytest.raises(DataError, match=r"epoch_units: \{at: s\}"):
        conform(frame(at=["1767225600", "1767225601", "1767225602"]), EVENTS, "events.csv")


def test_compact_date_text_is_still_a_date():
    result = conform(frame(at=["20260131", "20260201", "20260202"]), EVENTS, "events.csv")
    assert result["at"].iloc[0] == pd.Timestamp("2026-01-31")
