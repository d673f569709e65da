"""The `serving:` section of the config, checked once, with defaults for a laptop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..errors import ConfigError


@dataclass(frozen=True)
class ServingSettings:
{%- if cookiecutter.serving != 'batch' %}
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    latency_budget_ms: float = 100.0
    target_qps: float = 50.0
    max_body_bytes: int = 65_536
    reload_seconds: float = 5.0  # how often the gateway looks for a new champion or store
    days_before_data: float = 365.0  # `at` may be this far before the model's first data
    days_after_now: float = 7.0  # and this far after now (or after its last data)
    docs: bool = True  # /docs and /openapi.json; turn off for a public service
    auth_token_env: str = "SERVING_API_TOKEN"  # when this variable is set, requests need it
    journal_segment_seconds: float = 60.0
{%- endif %}
{%- if cookiecutter.serving != 'online' %}
    batch_chunk: int = 1000  # requests per part of a batch run: what a killed run scores again
{%- endif %}


def serving_settings(config: Config) -> ServingSettings:
    raw: dict[str, Any] = dict(config.serving)
    defaults = ServingSettings()
    values = {}
    for name, default in defaults.__dict__.items():
        if name not in raw or raw[name] is None:
            continue
        value = raw[name]
        kind = type(default)
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if type(value) is not kind:
            raise ConfigError(
                f"serving.{name} in the config must be {_kind_name(kind)}, not {value!r}"
            )
        if kind in (int, float) and value <= 0{% if cookiecutter.serving != 'batch' %} and name != "days_after_now"{% endif %}:
            raise ConfigError(f"serving.{name} in the config must be positive, not {value!r}")
        values[name] = value
    return ServingSettings(**{**defaults.__dict__, **values})


def _kind_name(kind: type) -> str:
    return {int: "a whole number", float: "a number", bool: "true or false", str: "text"}[kind]
