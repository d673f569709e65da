"""Typed view of config/pipeline.yaml. Nothing is read at import time: call `load_config`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

DEFAULT_CONFIG = Path("config/pipeline.yaml")


@dataclass(frozen=True)
class TableSource:
    """Where one raw table comes from when the team brings its own data."""

    path: str
    format: str | None = None
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Paths:
    lake: Path
    feature_store: Path
    registry: Path
    reports: Path


@dataclass(frozen=True)
class ModelSpec:
    kind: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Config:
    root: Path
    paths: Paths
    source: str
    sample: dict[str, Any]
    tables: dict[str, TableSource]
    test_days: int
    label_window_days: int
    baseline: ModelSpec
    challenger: ModelSpec
    primary_metric: str
    min_improvement: float
    serving: dict[str, Any]
    monitoring: dict[str, Any]
    task: dict[str, Any]


def load_config(path: Path = DEFAULT_CONFIG) -> Config:
    """Read and check the pipeline config; paths in it are relative to the project root."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(
            f"config file {path} not found; run from the project root or pass --config"
        )
    try:
        raw = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as error:
        raise ConfigError(f"{path} is not valid YAML: {error}") from None
    root = path.resolve().parent.parent
    section = _Section(raw, str(path))
    paths = section.child("paths")
    data = section.child("data")
    training = section.child("training")
    models = training.child("models")
    promotion = section.child("promotion")
    return Config(
        root=root,
        paths=Paths(**{name: root / paths.get(name, str) for name in Paths.__dataclass_fields__}),
        source=data.choice("source", ("sample", "files")),
        sample=data.get("sample", dict),
        tables=_table_sources(data.get("tables", dict, {}), f"{path}: data.tables"),
        test_days=training.positive("test_days", int),
        label_window_days=training.at_least_zero("label_window_days", int),
        baseline=_model_spec(models.child("baseline")),
        challenger=_model_spec(models.child("challenger")),
        primary_metric=promotion.get("primary_metric", str),
        min_improvement=promotion.get("min_improvement", (int, float)),
        serving=section.get("serving", dict),
        monitoring=section.get("monitoring", dict),
        task=section.get("task", dict, {}),
    )


def _model_spec(section: _Section) -> ModelSpec:
    return ModelSpec(kind=section.get("kind", str), params=section.get("params", dict, {}))


def _table_sources(raw: dict[str, Any], where: str) -> dict[str, TableSource]:
    sources = {}
    for name, spec in raw.items():
        if not isinstance(spec, dict) or "path" not in spec:
            raise ConfigError(f"{where}.{name} needs a `path:` (a file, a folder or a URL)")
        sources[name] = TableSource(
            path=str(spec["path"]),
            format=spec.get("format"),
            columns={str(k): str(v) for k, v in (spec.get("columns") or {}).items()},
        )
    return sources


class _Section:
    """One mapping of the YAML file, whose errors name the key that is wrong."""

    _MISSING = object()

    def __init__(self, raw: Any, where: str) -> None:
        if not isinstance(raw, dict):
            raise ConfigError(f"{where} must be a mapping of keys to values")
        self.raw = raw
        self.where = where

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = _MISSING) -> Any:
        if key not in self.raw or self.raw[key] is None:
            if default is self._MISSING:
                raise ConfigError(f"{self.where}: `{key}` is missing")
            return default
        value = self.raw[key]
        if isinstance(value, bool) or not isinstance(value, kind):
            raise ConfigError(f"{self.where}: `{key}` has the wrong kind of value: {value!r}")
        return value

    def child(self, key: str) -> _Section:
        return _Section(self.get(key, dict), f"{self.where}: {key}")

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.get(key, str)
        if value not in choices:
            raise ConfigError(
                f"{self.where}: `{key}` is {value!r}; use one of {', '.join(choices)}"
            )
        return value

    def at_least_zero(self, key: str, kind: type) -> Any:
        value = self.get(key, kind, 0)
        if value < 0:
            raise ConfigError(f"{self.where}: `{key}` cannot be negative, not {value}")
        return value

    def positive(self, key: str, kind: type) -> Any:
        value = self.get(key, kind)
        if value <= 0:
            raise ConfigError(f"{self.where}: `{key}` must be positive, not {value}")
        return value
