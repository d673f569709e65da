"""Ingest of the snapshot shape: one table → the lake's `snapshot` table.

The table is read as `data.snapshot` says (the same CSV options, epoch units and yes/no
words as an event table), its column kinds are read off the values (a column whose every
value is a number is numeric, one whose every value is a declared yes/no word is a 0/1
flag, anything else is a category), and it is checked and cast as any raw table is. The
id becomes `row_id` (or the row's number, when there is no id), the observation time
becomes `observed_at` (or the moment of ingest, when there is none).
"""

from __future__ import annotations

import pandas as pd

from ..config import Config, SnapshotSource
from ..entities import SNAPSHOT_LABEL_KIND
from ..errors import DataError
from ..features.snapshot import OBSERVED_AT, RESERVED, ROW_ID, TABLE, identifier
from ..schema import NUMERIC_TEXT, Column, TableSchema, conform
from . import lake
from .ingest import IngestReport, read_source, resolve

SETTING = "data.snapshot"
ID_LIKE_SHARE = 0.9  # a text column this distinct is more likely an id than a category


def ingest_snapshot(config: Config) -> IngestReport:
    source = config.snapshot
    assert source is not None  # load_config reads data.snapshot when source is snapshot
    location = resolve(source.table.path, config.root)
    raw = read_source(source.table, location).rename(columns=source.table.columns)
    report = IngestReport()
    raw = _blanks_as_missing(_usable_names(raw, source, location, report))
    ignored = [name for name in source.ignore if name in raw.columns]
    empty = [name for name in raw.columns if name not in _named(source) and raw[name].isna().all()]
    times = [
        name
        for name in raw.columns
        if name not in _named(source) and name not in ignored and _holds_times(raw[name])
    ]
    if ignored:
        report.notes.append(f"left out, as {SETTING}.ignore says: {', '.join(ignored)}")
    if empty:
        report.notes.append(f"left out, having no values: {', '.join(empty)}")
    if times:
        report.notes.append(
            f"left out, holding times: {', '.join(times)} (a time is no feature as it is; "
            f"name the observation time as {SETTING}.observed_at to split by it)"
        )
    raw = raw.drop(columns=[*ignored, *empty, *times])
    schema = _schema(raw, source)
    renamed = raw.rename(columns={source.id: ROW_ID, source.observed_at: OBSERVED_AT})
    if source.id is None:
        renamed[ROW_ID] = [str(number) for number in range(1, len(renamed) + 1)]
    if source.observed_at is None:
        renamed[OBSERVED_AT] = pd.Timestamp.now(tz="UTC").tz_localize(None).floor("s")
    frame = conform(renamed, schema, location, source.table, setting=SETTING)
    if source.observed_at is None:
        _refuse_repeated_ids(frame, location, source)
    categorical = [c.name for c in schema.columns if c.kind == "category"]
    for name in id_like_columns(frame, categorical):
        report.notes.append(
            f"column `{name}` has a distinct value on nearly every row: if it is an id, list "
            f"it in {SETTING}.ignore (or name it as {SETTING}.id)"
        )
    lake.replace_table(config.paths.lake, TABLE, frame, None)
    report.rows = {TABLE: len(frame)}
    return report


def _named(source: SnapshotSource) -> set[str]:
    return {name for name in (source.label, source.id, source.observed_at) if name}


def _blanks_as_missing(raw: pd.DataFrame) -> pd.DataFrame:
    """A value of only spaces is a missing value (a CSV's way of leaving a cell empty)."""
    text = raw.select_dtypes(include=["object", "string"]).columns
    blank = raw[text].apply(lambda values: values.astype("string").str.strip() == "")
    return raw.assign(**{name: raw[name].mask(blank[name].fillna(False)) for name in text})


def _usable_names(
    raw: pd.DataFrame, source: SnapshotSource, location: str, report: IngestReport
) -> pd.DataFrame:
    """Columns named as every layer can use them, the named ones present, none reserved."""
    raw.columns = [str(name) for name in raw.columns]
    for setting in ("label", "id", "observed_at"):
        name = getattr(source, setting)
        if name is not None and name not in raw.columns:
            raise DataError(
                f"{location}: {SETTING}.{setting} is `{name}`, which the table does not have "
                f"(it has {', '.join(map(repr, raw.columns))}); name one of its columns"
            )
    keep = _named(source) | set(source.ignore)
    names = {name: name if name in keep else identifier(name) for name in raw.columns}
    changed = {old: new for old, new in names.items() if old != new}
    clashing = sorted({new for new in names.values() if list(names.values()).count(new) > 1})
    reserved = sorted(new for old, new in names.items() if new in RESERVED and old not in keep)
    if clashing or reserved:
        example = "{" + f"{(clashing + reserved)[0]}: my_name" + "}"
        raise DataError(
            f"{location}: columns {', '.join(clashing + reserved)} clash with each other or with "
            f"a name the pipeline uses ({', '.join(sorted(RESERVED))}); rename them under "
            f"{SETTING}.columns, e.g. columns: {example}"
        )
    if changed:
        report.renamed_columns[TABLE] = changed
    return raw.rename(columns=changed)


def _schema(raw: pd.DataFrame, source: SnapshotSource) -> TableSchema:
    words = {w.strip().lower() for w in (*source.table.true_values, *source.table.false_values)}
    columns = [Column(source.label, SNAPSHOT_LABEL_KIND, "the label"), _id_column(source)]
    columns.append(Column(OBSERVED_AT, "timestamp", "when the row was observed"))
    for name in raw.columns:
        if name in _named(source):
            continue
        columns.append(Column(name, _kind(raw[name], words), nullable=True))
    return TableSchema(name=TABLE, columns=tuple(columns), timestamp=OBSERVED_AT, by_date=False)


def _id_column(source: SnapshotSource) -> Column:
    return Column(ROW_ID, "id", f"the row's id (column `{source.id or 'row number'}`)")


def _kind(values: pd.Series, words: set[str]) -> str:
    """`float` when every value is a number, `bool` when every value is a declared yes/no
    word, `category` otherwise."""
    if pd.api.types.is_bool_dtype(values):
        return "bool"
    if pd.api.types.is_numeric_dtype(values):
        return "float"
    text = values.dropna().astype(str).str.strip()
    text = text[text != ""]
    if text.empty or text.str.fullmatch(NUMERIC_TEXT).all():
        return "float"
    if words and text.str.lower().isin(words).all():
        return "bool"
    return "category"


def _holds_times(values: pd.Series) -> bool:
    """Whether every value is a date or a moment (ISO text, or a timestamp column)."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return True
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return False
    text = values.dropna().astype(str).str.strip()
    if text.empty or not text.str.contains(r"\d[-/:]\d", regex=True).all():
        return False
    return bool(pd.to_datetime(text, errors="coerce", format="mixed").notna().all())


def _refuse_repeated_ids(frame: pd.DataFrame, location: str, source: SnapshotSource) -> None:
    repeated = frame[ROW_ID][frame[ROW_ID].duplicated()]
    if repeated.empty:
        return
    examples = ", ".join(map(repr, repeated.unique()[:5]))
    raise DataError(
        f"{location}: {repeated.nunique():,} ids of column `{source.id}` appear on more than "
        f"one row (e.g. {examples}); a snapshot without a time has one row per entity: name "
        f"the observation time in {SETTING}.observed_at, or keep one row per id"
    )


def id_like_columns(frame: pd.DataFrame, categorical: list[str]) -> list[str]:
    """Categorical columns with a distinct value on nearly every row: ids, most likely."""
    if len(frame) < 20:
        return []
    return [name for name in categorical if frame[name].nunique() >= ID_LIKE_SHARE * len(frame)]
