"""A large sample is made a block of customers at a time, and ingest streams it block by
block: the parts add up to the sample, and each part's rows name only its own customers."""

import pandas as pd

from {{ cookiecutter.package_name }} import sample_data
from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.offline.ingest import ingest

from conftest import write_config
from preset_settings import SMALL_SAMPLE


def test_the_parts_add_up_to_the_sample_and_each_names_only_its_customers(monkeypatch):
    monkeypatch.setattr(sample_data, "CUSTOMERS_PER_PART", 120)
    parts = list(sample_data.parts(**SMALL_SAMPLE))
    assert len(parts) == -(-SMALL_SAMPLE["customers"] // 120)
    whole = sample_data.generate(**SMALL_SAMPLE)
    for name, frame in whole.items():
        pd.testing.assert_frame_equal(frame, pd.concat([p[name] for p in parts], ignore_index=True))
    assert whole["customers"]["customer_id"].is_unique
    for part in parts:
        own = set(part["customers"]["customer_id"])
        assert set(part["activity"]["customer_id"]) <= own
        assert set(part["churn_labels"]["customer_id"]) <= own


def test_a_sample_of_several_parts_is_ingested_whole(monkeypatch, tmp_path):
    monkeypatch.setattr(sample_data, "CUSTOMERS_PER_PART", 120)
    report = ingest(load_config(write_config(tmp_path)), chunk_rows=5_000)
    whole = sample_data.generate(**SMALL_SAMPLE)
    assert report.rows == {name: len(frame) for name, frame in whole.items()}
