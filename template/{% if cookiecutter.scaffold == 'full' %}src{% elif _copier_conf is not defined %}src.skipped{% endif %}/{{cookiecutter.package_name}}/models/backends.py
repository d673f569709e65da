"""The model registry the config names (`registry.backend`), for both loops and monitoring."""

from __future__ import annotations

from ..config import MLFLOW, Config
from .registry import Registry


def model_registry(config: Config) -> Registry:
    if config.registry.backend == MLFLOW:
        from .registry_mlflow import MlflowRegistry  # only projects generated with it have it

        return MlflowRegistry(config.registry, config.paths.registry)
    return Registry(config.paths.registry)
