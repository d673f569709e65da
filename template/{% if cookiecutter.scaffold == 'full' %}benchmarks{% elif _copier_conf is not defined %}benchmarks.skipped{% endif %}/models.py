"""The naive endpoint's model: the champion's scikit-learn pipeline, fitted again.

The registry keeps only the compiled model, so the naive endpoint gets the pipeline by
refitting the champion's rung on the same training set (the ladder is deterministic), and
this checks that it scores as the champion does before the bench uses it.
"""

from __future__ import annotations

from pathlib import Path

import joblib
import numpy as np

from {{ cookiecutter.package_name }}.config import Config
from {{ cookiecutter.package_name }}.offline import training_set
from {{ cookiecutter.package_name }}.offline.export import compile_model
from {{ cookiecutter.package_name }}.offline.pipeline import (
    EvaluationResult,
    offline_store,
    trained_specs,
)
from {{ cookiecutter.package_name }}.offline.train import fit_pipeline


def refit_champion(config: Config, result: EvaluationResult, path: Path) -> Path:
    specs = trained_specs(config)
    if result.decision.champion not in specs:
        raise SystemExit(
            f"the {result.decision.champion} serves, which has no scikit-learn pipeline for the "
            "naive endpoint to run: bench a project whose champion is a trained model"
        )
    spec = specs[result.decision.champion]
    data = training_set.build(config, offline_store(config))
    fitted = fit_pipeline(spec, data.features, data.train, data.label)
    refit = compile_model(fitted, spec.kind, data.features, data.train)
    served = result.champion.load(data.features.columns)
    sample = data.test.head(500)
    for head, scores in refit.head_scores(sample).items():
        if not np.allclose(scores, served.head_scores(sample)[head], rtol=1e-9, atol=1e-12):
            raise SystemExit(
                "the refit pipeline does not score as the champion: not the same model"
            )
    joblib.dump(fitted, path)
    return path
