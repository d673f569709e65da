"""The prediction journal and its compaction: nothing served is lost, nothing is counted twice,
and the lake keeps a bounded number of files per day."""

import asyncio
import json

import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.online import compaction
from {{ cookiecutter.package_name }}.online.journal import Journal
from {{ cookiecutter.package_name }}.online.prediction_log import (
    PredictionLog,
    compact_in_child,
    compact_predictions,
    journal_folder,
    read_predictions,
)


def rows(request: str, count: int = 1, day: str = "2026-03-01") -> list[dict]:
    return [
        {
            "request_id": request,
            "logged_at": pd.Timestamp(f"{day} 10:00:00"),
            "event_ts": pd.Timestamp(f"{day} 09:00:00"),
            "position": position,
            "score": 0.5,
        }
        for position in range(count)
    ]


def test_logged_rows_reach_the_lake_with_their_types(tmp_path):
    log = PredictionLog(tmp_path)
    log.open()
    asyncio.run(log.record(rows("a", 3)))
    log.record_now(rows("b"))
    log.close()
    logged = read_predictions(tmp_path)
    assert sorted(logged["request_id"]) == ["a", "a", "a", "b"]
    assert pd.api.types.is_datetime64_any_dtype(logged["logged_at"])
    assert not list(journal_folder(tmp_path).glob("*.jsonl"))


def test_a_segment_its_writer_still_holds_is_left_alone(tmp_path):
    journal = Journal(journal_folder(tmp_path))
    journal.open()
    journal.wait_durable(journal.append(rows("live")))
    assert compact_predictions(tmp_path).segments == 0
    journal.close()
    assert compact_predictions(tmp_path).segments == 1
    assert read_predictions(tmp_path)["request_id"].tolist() == ["live"]


def test_while_serving_compaction_runs_in_a_child_process(tmp_path):
    journal = Journal(journal_folder(tmp_path))
    journal.open()
    journal.wait_durable(journal.append(rows("closed")))
    journal.close()
    compact_in_child(tmp_path)
    assert read_predictions(tmp_path)["request_id"].tolist() == ["closed"]


def test_a_cut_last_line_and_a_garbage_line_lose_nothing_else(tmp_path):
    folder = journal_folder(tmp_path)
    folder.mkdir(parents=True)
    good = json.dumps({"request_id": "kept", "logged_at": "2026-03-01T10:00:00", "score": 1.0})
    (folder / "dead-writer.jsonl").write_text(f"{good}\nnot json at all\n{good[:-3]}")
    result = compact_predictions(tmp_path)
    assert (result.rows, result.rejected_lines) == (1, 2)
    assert read_predictions(tmp_path)["request_id"].tolist() == ["kept"]
    assert (folder / "rejected" / "dead-writer.jsonl").read_text().count("\n") == 2


def test_compacting_a_segment_again_after_a_crash_does_not_count_it_twice(tmp_path):
    journal = Journal(journal_folder(tmp_path))
    journal.open()
    journal.wait_durable(journal.append(rows("once", 2)))
    segment = journal.active
    journal.close()
    saved = segment.read_bytes()
    compact_predictions(tmp_path)
    segment.write_bytes(saved)  # as if killed after writing the parquet, before the unlink
    compact_predictions(tmp_path)
    assert read_predictions(tmp_path)["request_id"].tolist() == ["once", "once"]


def test_a_day_keeps_a_bounded_number_of_files(tmp_path):
    for number in range(3 * compaction.MAX_SMALL_FILES):
        journal = Journal(journal_folder(tmp_path))
        journal.open()
        journal.wait_durable(journal.append(rows(f"r{number}")))
        journal.close()
        compact_predictions(tmp_path)
    day = tmp_path / "predictions" / "date=2026-03-01"
    assert len(list(day.glob("*.parquet"))) <= compaction.MAX_SMALL_FILES
    assert read_predictions(tmp_path)["request_id"].nunique() == 3 * compaction.MAX_SMALL_FILES


@pytest.mark.parametrize("output_written", [True, False])
def test_an_interrupted_merge_is_finished_or_dropped_never_doubled(tmp_path, output_written):
    day = tmp_path / "predictions" / "date=2026-03-01"
    day.mkdir(parents=True)
    for name in ("part-a.parquet", "part-b.parquet"):
        pd.DataFrame(rows(name)).to_parquet(day / name)
    if output_written:
        both = pd.concat([pd.read_parquet(day / n) for n in ("part-a.parquet", "part-b.parquet")])
        both.to_parquet(day / "merged-x.parquet")
    intent = {"output": "merged-x.parquet", "inputs": ["part-a.parquet", "part-b.parquet"]}
    (day / ".merge-x.json").write_text(json.dumps(intent))
    compact_predictions(tmp_path)
    assert sorted(read_predictions(tmp_path)["request_id"]) == ["part-a.parquet", "part-b.parquet"]
    assert not list(day.glob(".merge-*"))
