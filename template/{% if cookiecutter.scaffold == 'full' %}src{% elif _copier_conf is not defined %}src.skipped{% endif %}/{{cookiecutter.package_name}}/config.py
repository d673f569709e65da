"""Typed view of config/pipeline.yaml. Nothing is read at import time: call `load_config`."""

from __future__ import annotations

import importlib.util
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

DEFAULT_CONFIG = Path("config/pipeline.yaml")
SNAPSHOT = "snapshot"  # data.source of one table, one row per entity or observation


@dataclass(frozen=True)
class CsvOptions:
    """How a CSV file is written: pandas' defaults unless the table's `csv:` says otherwise."""

    separator: str = ","
    header: bool = True
    names: tuple[str, ...] = ()  # the columns, in order, of a file without a header row
    encoding: str = "utf-8"
    quote_char: str = '"'


@dataclass(frozen=True)
class TableSource:
    """Where one raw table comes from when the team brings its own data, and how to read it."""

    path: str
    format: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    csv: CsvOptions = CsvOptions()
    epoch_units: dict[str, str] = field(default_factory=dict)  # column -> s | ms | us
    true_values: tuple[str, ...] = ()
    false_values: tuple[str, ...] = ()
    unknown_references: str = "fail"  # or "drop": rows whose parent is missing


@dataclass(frozen=True)
class SnapshotSource:
    """The one table of `data.source: snapshot`: its rows are the training examples, its
    columns the features, except the label, the id and the observation time it names."""

    table: TableSource
    label: str
    id: str | None = None  # the entity's id: serving looks its row up; None: rows numbered
    observed_at: str | None = None  # when each row was observed; None: split at random
    ignore: tuple[str, ...] = ()  # columns that are not features
    watch: tuple[str, ...] = ()  # features whose drift triggers a retrain (none: all)


@dataclass(frozen=True)
class Paths:
    lake: Path
    feature_store: Path
    registry: Path
    reports: Path


EMBEDDED, REDIS, FEAST = "embedded", "redis", "feast"  # online_store.backend
SQLITE = "sqlite"  # online_store.feast_online_store: Feast's own SQLite file, or REDIS


@dataclass(frozen=True)
class OnlineStoreSettings:
    """Where serving reads each entity's latest feature values: `embedded`, SQLite under
    paths.feature_store (nothing to run), `redis`, a Redis server, or `feast`, a Feast
    feature repository (whose own online store is SQLite or that Redis)."""

    backend: str = EMBEDDED
    url: str = "redis://127.0.0.1:6379/0"  # the REDIS_URL environment variable wins
    prefix: str = ""  # every key starts with it (Feast: the project): stores can share a Redis
    feast_online_store: str = SQLITE  # Feast's online store: sqlite (a file) or redis (url)
    ttl_seconds: int = 0  # a value not materialized again within it expires (0: never)
    timeout_ms: int = 50  # a lookup that takes longer fails, as a store that is down

    @property
    def on_redis(self) -> bool:
        """Whether the online values live in the Redis at `url` (directly, or under Feast)."""
        return self.backend == REDIS or (self.backend == FEAST and self.feast_online_store == REDIS)


LOCAL, MLFLOW = "local", "mlflow"  # registry.backend


@dataclass(frozen=True)
class RegistrySettings:
    """Where model versions and their aliases live: `local`, a folder under paths.registry
    (nothing to run), or `mlflow`, an MLflow tracking store or server, which also holds each
    version's run: its parameters and held-out metrics."""

    backend: str = LOCAL
    tracking_uri: str = ""  # the MLFLOW_TRACKING_URI environment variable wins
    artifacts: Path | None = None  # run artifacts of a database store (a server keeps its own)
    model_name: str = "model"  # the registered model; projects can share one MLflow
    experiment: str = "model"
    timeout_seconds: int = 10  # a call to a server that takes longer fails, without retries


DUCKDB, SPARK = "duckdb", "spark"  # compute.engine


@dataclass(frozen=True)
class ComputeSettings:
    """What computes the feature views: `duckdb`, in this process (nothing to run), or
    `spark`, a Spark session: `local[*]` here, or a cluster's master URL."""

    engine: str = DUCKDB
    master: str = "local[*]"  # the SPARK_MASTER environment variable wins
    lake_url: str = ""  # where Spark reads the lake (s3a://bucket/lake); empty: paths.lake
    shuffle_partitions: int = 8  # Spark's default, 200, is slow on a laptop's data
    app_name: str = "features"


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
    snapshot: SnapshotSource | None
    test_days: int
    label_window_days: int
    test_share: float  # held out at random when the data has no time (a snapshot)
    baseline: ModelSpec
    challenger: ModelSpec
    primary_metric: str
    min_improvement: float
    serving: dict[str, Any]
    monitoring: dict[str, Any]
    task: dict[str, Any]
    online_store: OnlineStoreSettings = OnlineStoreSettings()
    registry: RegistrySettings = RegistrySettings()
    compute: ComputeSettings = ComputeSettings()


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
    if data.get("source", str) == SNAPSHOT and not snapshot_supported():
        raise ConfigError(
            f"{path}: data.source `snapshot` (one table, one row per entity) is for the "
            "classification and ETA presets; this project reads event tables: use `sample` "
            "or `files`"
        )
    shapes = (SNAPSHOT,) if snapshot_supported() else ()
    source = data.choice("source", ("sample", "files", *shapes))
    return Config(
        root=root,
        paths=Paths(**{name: root / paths.get(name, str) for name in Paths.__dataclass_fields__}),
        source=source,
        sample=data.get("sample", dict, {}),
        tables=_table_sources(data.get("tables", dict, {}), f"{path}: data.tables"),
        snapshot=_snapshot_source(data.child(SNAPSHOT)) if source == SNAPSHOT else None,
        test_days=training.positive("test_days", int),
        label_window_days=training.at_least_zero("label_window_days", int),
        test_share=_share(training, "test_share", 0.2),
        baseline=_model_spec(models.child("baseline")),
        challenger=_model_spec(models.child("challenger")),
        primary_metric=promotion.get("primary_metric", str),
        min_improvement=promotion.get("min_improvement", (int, float)),
        serving=section.get("serving", dict),
        monitoring=section.get("monitoring", dict),
        task=section.get("task", dict, {}),
        online_store=_online_store(section, root.name),
        registry=_registry(section, root),
        compute=_compute(section, root.name),
    )


@dataclass(frozen=True)
class _Optional:
    """A backend that only projects generated with `question: answer` have."""

    question: str
    answer: str
    module: str  # what the project has then, in words
    supported: bool


def _backend(section: _Section, key: str, default: str, *optionals: _Optional) -> str:
    """`key`'s choice: `default`, or an optional backend where the project has its module
    (elsewhere, an error telling how to generate it)."""
    chosen = section.get(key, str, default)
    for optional in optionals:
        question, answer = optional.question, optional.answer
        if chosen == answer and not optional.supported:
            raise ConfigError(
                f"{section.where}: {key} `{answer}` needs the project's {optional.module}: "
                f"generate it with `copier update --trust --data {question}={answer}` (cruft: "
                f"`cruft update --variables-to-update '{json.dumps({question: answer})}'`)"
            )
    supported = tuple(optional.answer for optional in optionals if optional.supported)
    return section.choice(key, (default, *supported), default)


def _online_store(config: _Section, project: str) -> OnlineStoreSettings:
    if "online_store" not in config.raw:
        return OnlineStoreSettings()
    section = config.child("online_store")
    section.only(tuple(OnlineStoreSettings.__dataclass_fields__))
    redis = _Optional("feature_store", REDIS, "Redis store", redis_supported())
    feast = _Optional("feature_store", FEAST, "Feast feature repository", feast_supported())
    backend = _backend(section, "backend", EMBEDDED, redis, feast)
    settings = OnlineStoreSettings(
        backend=backend,
        url=os.environ.get("REDIS_URL") or section.get("url", str, OnlineStoreSettings.url),
        prefix=section.get("prefix", str, _feast_name(project) if backend == FEAST else project),
        feast_online_store=section.choice("feast_online_store", (SQLITE, REDIS), SQLITE),
        ttl_seconds=section.at_least_zero("ttl_seconds", int),
        timeout_ms=section.positive("timeout_ms", int, OnlineStoreSettings.timeout_ms),
    )
    if backend == FEAST and not FEAST_PROJECT.fullmatch(settings.prefix):
        raise ConfigError(
            f"{section.where}: `prefix` is {settings.prefix!r}, Feast's project name: use "
            "letters, digits and '_', starting with a letter (e.g. my_ml_system)"
        )
    if settings.on_redis and backend == FEAST and settings.url.startswith("unix://"):
        raise ConfigError(
            f"{section.where}: `url` is {settings.url!r}; Feast reaches Redis over TCP only: "
            "use redis://host:port/db or rediss:// (TLS)"
        )
    if not settings.url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(
            f"{section.where}: `url` is {settings.url!r}; use redis://host:port/db, "
            "rediss:// (TLS) or unix:///path/to/redis.sock"
        )
    return settings


def _registry(config: _Section, root: Path) -> RegistrySettings:
    if "registry" not in config.raw:
        return RegistrySettings()
    section = config.child("registry")
    section.only(tuple(RegistrySettings.__dataclass_fields__))
    mlflow = _Optional("registry", MLFLOW, "MLflow registry", mlflow_supported())
    backend = _backend(section, "backend", LOCAL, mlflow)
    uri = os.environ.get("MLFLOW_TRACKING_URI") or section.get("tracking_uri", str, "")
    if backend == MLFLOW and not uri:
        raise ConfigError(
            f"{section.where}: `tracking_uri` is missing; e.g. sqlite:///models/mlflow.db "
            "(a file in the project) or http://mlflow.internal:5000 (your team's server)"
        )
    if uri and not uri.startswith(TRACKING_SCHEMES):
        raise ConfigError(
            f"{section.where}: `tracking_uri` is {uri!r}; use sqlite:///path/to/mlflow.db, "
            "http(s)://host:port (a tracking server), postgresql://… or mysql://…"
        )
    artifacts = section.get("artifacts", str, "")
    name = section.get("model_name", str, RegistrySettings.model_name)
    return RegistrySettings(
        backend=backend,
        tracking_uri=_inside(root, uri),
        artifacts=root / artifacts if artifacts else None,
        model_name=name,
        experiment=section.get("experiment", str, name),
        timeout_seconds=section.positive("timeout_seconds", int, RegistrySettings.timeout_seconds),
    )


def _compute(config: _Section, project: str) -> ComputeSettings:
    if "compute" not in config.raw:
        return ComputeSettings()
    section = config.child("compute")
    section.only(tuple(ComputeSettings.__dataclass_fields__))
    spark = _Optional("compute", SPARK, "Spark feature engineering", spark_supported())
    return ComputeSettings(
        engine=_backend(section, "engine", DUCKDB, spark),
        master=os.environ.get("SPARK_MASTER") or section.get("master", str, ComputeSettings.master),
        lake_url=section.get("lake_url", str, ""),
        shuffle_partitions=section.positive(
            "shuffle_partitions", int, ComputeSettings.shuffle_partitions
        ),
        app_name=section.get("app_name", str, project),
    )


FEAST_PROJECT = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def _feast_name(project: str) -> str:
    """The project folder's name as a Feast project name."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", project)
    return name if name[:1].isalpha() else f"p_{name}"


TRACKING_SCHEMES = ("sqlite:///", "http://", "https://", "postgresql", "mysql", "databricks")


def _inside(root: Path, uri: str) -> str:
    """A SQLite tracking URI with a relative path, made absolute from the project root."""
    prefix = "sqlite:///"
    if uri.startswith(prefix) and not uri.removeprefix(prefix).startswith("/"):
        return f"{prefix}{root / uri.removeprefix(prefix)}"
    return uri


def mlflow_supported() -> bool:
    """Whether this project has the MLflow registry (`registry: mlflow`): a file test, as
    redis_supported."""
    return (Path(__file__).parent / "models" / "registry_mlflow.py").is_file()


def spark_supported() -> bool:
    """Whether this project has the Spark feature engineering (`compute: spark`): a file
    test, as redis_supported."""
    return (Path(__file__).parent / "offline" / "etl_spark.py").is_file()


def feast_supported() -> bool:
    """Whether this project has the Feast feature repository (`feature_store: feast`): a file
    test, as redis_supported."""
    return (Path(__file__).parent / "feature_store" / "online_feast.py").is_file()


def redis_supported() -> bool:
    """Whether this project has the Redis online store (`feature_store: redis`). A file test,
    not an import: the design doc's renderer reads the config without the dependencies."""
    return (Path(__file__).parent / "feature_store" / "online_redis.py").is_file()


def snapshot_supported() -> bool:
    """Whether this project reads the snapshot shape (its preset keeps `offline/snapshot_*`)."""
    return importlib.util.find_spec(f"{__package__}.offline.snapshot_ingest") is not None


def _share(section: _Section, key: str, default: float) -> float:
    value = section.get(key, (int, float), default)
    if not 0 < value < 1:
        raise ConfigError(f"{section.where}: `{key}` is a share between 0 and 1, not {value}")
    return float(value)


def _model_spec(section: _Section) -> ModelSpec:
    return ModelSpec(kind=section.get("kind", str), params=section.get("params", dict, {}))


TABLE_KEYS = (
    "path",
    "format",
    "columns",
    "csv",
    "epoch_units",
    "true_values",
    "false_values",
    "unknown_references",
)
SNAPSHOT_KEYS = ("label", "id", "observed_at", "ignore", "watch")
CSV_KEYS = ("separator", "header", "names", "encoding", "quote_char")
EPOCH_UNITS = ("s", "ms", "us")
REFERENCE_POLICIES = ("fail", "drop")


def _table_sources(raw: dict[str, Any], where: str) -> dict[str, TableSource]:
    sources = {}
    for name, spec in raw.items():
        if not isinstance(spec, dict) or "path" not in spec:
            raise ConfigError(f"{where}.{name} needs a `path:` (a file, a folder or a URL)")
        sources[name] = _table_source(_Section(spec, f"{where}.{name}"))
    return sources


def _snapshot_source(section: _Section) -> SnapshotSource:
    table_keys = tuple(key for key in TABLE_KEYS if key != "unknown_references")
    section.only((*table_keys, *SNAPSHOT_KEYS))
    if "path" not in section.raw:
        raise ConfigError(f"{section.where} needs a `path:` (a file, a folder or a URL)")
    table = {key: value for key, value in section.raw.items() if key not in SNAPSHOT_KEYS}
    return SnapshotSource(
        table=_table_source(_Section(table, section.where), table_keys),
        label=section.get("label", str),
        id=section.get("id", str, None),
        observed_at=section.get("observed_at", str, None),
        ignore=section.texts("ignore"),
        watch=section.texts("watch"),
    )


def _table_source(section: _Section, keys: tuple[str, ...] = TABLE_KEYS) -> TableSource:
    section.only(keys)
    epoch_units = {str(k): str(v) for k, v in section.get("epoch_units", dict, {}).items()}
    for column, unit in epoch_units.items():
        if unit not in EPOCH_UNITS:
            raise ConfigError(
                f"{section.where}: epoch_units.{column} is {unit!r}; use one of "
                f"{', '.join(EPOCH_UNITS)} (seconds, milliseconds, microseconds since 1970)"
            )
    return TableSource(
        path=str(section.raw["path"]),
        format=section.get("format", str, None),
        columns={str(k): str(v) for k, v in section.get("columns", dict, {}).items()},
        csv=_csv_options(section.child("csv") if "csv" in section.raw else None),
        epoch_units=epoch_units,
        true_values=section.texts("true_values"),
        false_values=section.texts("false_values"),
        unknown_references=section.choice("unknown_references", REFERENCE_POLICIES, "fail"),
    )


def _csv_options(section: _Section | None) -> CsvOptions:
    if section is None:
        return CsvOptions()
    section.only(CSV_KEYS)
    options = CsvOptions(
        separator=section.get("separator", str, ","),
        header=section.get("header", bool, True),
        names=section.texts("names"),
        encoding=section.get("encoding", str, "utf-8"),
        quote_char=section.get("quote_char", str, '"'),
    )
    if len(options.separator) == 0 or len(options.quote_char) != 1:
        raise ConfigError(
            f"{section.where}: `separator` must be non-empty and `quote_char` one character"
        )
    if not options.header and not options.names:
        raise ConfigError(
            f"{section.where}: a file without a header row needs `names:`, its columns in order"
        )
    return options


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
        wants_bool = kind is bool or (isinstance(kind, tuple) and bool in kind)
        if (isinstance(value, bool) and not wants_bool) or not isinstance(value, kind):
            raise ConfigError(f"{self.where}: `{key}` has the wrong kind of value: {value!r}")
        return value

    def child(self, key: str) -> _Section:
        return _Section(self.get(key, dict), f"{self.where}: {key}")

    def only(self, keys: tuple[str, ...]) -> None:
        unknown = [str(key) for key in self.raw if key not in keys]
        if unknown:
            raise ConfigError(
                f"{self.where}: unknown key {', '.join(map(repr, unknown))}; "
                f"the keys are {', '.join(keys)}"
            )

    def texts(self, key: str) -> tuple[str, ...]:
        values = self.get(key, list, [])
        if any(isinstance(value, bool) for value in values):
            raise ConfigError(
                f"{self.where}: `{key}` holds an unquoted yes/no/on/off/true/false, which YAML "
                f"reads as a boolean: quote each value, e.g. {key}: ['Yes', 'Y']"
            )
        return tuple(str(value) for value in values)

    def choice(self, key: str, choices: tuple[str, ...], default: Any = _MISSING) -> str:
        value = self.get(key, str, default)
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

    def positive(self, key: str, kind: type, default: Any = _MISSING) -> Any:
        value = self.get(key, kind, default)
        if value <= 0:
            raise ConfigError(f"{self.where}: `{key}` must be positive, not {value}")
        return value
