"""The generation bench of `make bench` runs both engines and states its target."""

from __future__ import annotations

from docs.generation_bench import TARGET_SECONDS, measure, page_lines
from tests.engines import Engines


def test_it_times_both_engines_and_states_the_target(engines: Engines, tmp_path):
    medians = measure(engines, ["classification"], rounds=1, work=tmp_path)
    assert set(medians["classification"]) == {"copier", "cookiecutter"}
    assert all(seconds > 0 for seconds in medians["classification"].values())
    verdict = page_lines(medians)[-1]
    assert f"every variant within {TARGET_SECONDS:g} s with either engine" in verdict
    assert "| classification |" in "\n".join(page_lines(medians))
