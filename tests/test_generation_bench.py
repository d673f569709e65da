"""The generation bench of `make bench` runs both engines and states its target."""

from __future__ import annotations

from docs.generation_bench import FLOOR, TARGET_SECONDS, measure, page_lines
from tests.engines import Engines


def test_it_times_both_engines_and_states_the_target(engines: Engines, tmp_path):
    medians = measure(engines, ["classification"], rounds=1, work=tmp_path)
    plain = next(row for row in medians if row.startswith("(plain copy of classification"))
    assert set(medians) == {FLOOR, plain, "classification"}
    assert set(medians["classification"]) == {"copier", "cookiecutter"}
    assert all(seconds > 0 for row in medians.values() for seconds in row.values())
    page = "\n".join(page_lines(medians))
    assert f"every variant within {TARGET_SECONDS:g} s with either engine" in page
    assert "| classification |" in page and f"| {FLOOR} |" in page
