"""A model registry in a folder: numbered versions, and aliases that point at them.

models/<name>/
    versions/<n>/model.joblib      the fitted pipeline
    versions/<n>/metadata.json     kind, features, metrics, when it was trained
    versions/<n>/reference.parquet what it serves on held-out data, for monitoring
    aliases.json                   {"champion": 2, "challenger": 2, "baseline": 1}
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import pandas as pd

from ..errors import NotReadyError


@dataclass(frozen=True)
class ModelVersion:
    name: str
    version: int
    folder: Path

    @property
    def metadata(self) -> dict[str, Any]:
        return json.loads((self.folder / "metadata.json").read_text())

    def load(self) -> Any:
        return joblib.load(self.folder / "model.joblib")

    def reference(self) -> pd.DataFrame:
        path = self.folder / "reference.parquet"
        if not path.is_file():
            raise NotReadyError(f"model version {self.version} has no reference; run `evaluate`")
        return pd.read_parquet(path)

    def save_reference(self, rows: pd.DataFrame) -> None:
        """What this model serves on held-out data: the baseline monitoring compares to."""
        temporary = self.folder / f".reference.{uuid.uuid4().hex}.tmp"
        rows.to_parquet(temporary, index=False)
        os.replace(temporary, self.folder / "reference.parquet")


class Registry:
    def __init__(self, root: Path, name: str = "model") -> None:
        self.folder = Path(root) / name
        self.name = name

    def register(self, model: Any, metadata: dict[str, Any]) -> ModelVersion:
        versions = self.folder / "versions"
        versions.mkdir(parents=True, exist_ok=True)
        staging = versions / f".staging-{uuid.uuid4().hex}"
        staging.mkdir()
        joblib.dump(model, staging / "model.joblib")
        number = max((int(p.name) for p in versions.iterdir() if p.name.isdigit()), default=0) + 1
        metadata = {**metadata, "name": self.name, "version": number}
        (staging / "metadata.json").write_text(json.dumps(metadata, indent=2, default=str))
        staging.rename(versions / str(number))
        return ModelVersion(self.name, number, versions / str(number))

    def set_alias(self, alias: str, version: ModelVersion) -> None:
        aliases = {**self.aliases(), alias: version.version}
        _write_json_atomically(self.folder / "aliases.json", aliases)

    def aliases(self) -> dict[str, int]:
        path = self.folder / "aliases.json"
        return json.loads(path.read_text()) if path.is_file() else {}

    def get(self, alias: str) -> ModelVersion:
        aliases = self.aliases()
        if alias not in aliases:
            raise NotReadyError(
                f"the registry at {self.folder} has no `{alias}` model; run `train` and `evaluate`"
            )
        number = aliases[alias]
        return ModelVersion(self.name, number, self.folder / "versions" / str(number))


def _write_json_atomically(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    temporary.write_text(json.dumps(payload, indent=2))
    os.replace(temporary, path)
