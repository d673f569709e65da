"""A model registry in a folder: numbered versions, checksums, and aliases that point at them.

models/<name>/
    versions/<n>/model.json, arrays.npz, <head>.onnx   the compiled model (models/artifact.py)
    versions/<n>/metadata.json     kind, features, metrics, when it was trained
    versions/<n>/reference.parquet what it serves on held-out data, for monitoring
    index.json                     the sha256 of every file of every version, taken at register
    aliases.json                   {"champion": 2, "challenger": 2, "baseline": 1}

Loading a version checks each file against index.json, kept outside the version's folder:
a file changed, truncated or swapped after registration is refused, never served.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import ArtifactError, NotReadyError
from ..files import write_parquet_atomically
from .artifact import STRUCTURE as MODEL
from .artifact import read_model, read_vocabularies, write_model

if TYPE_CHECKING:
    from .compiled import CompiledModel

METADATA = "metadata.json"
RETRAIN = "retrain with `run` (or point the alias at a good version)"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass(frozen=True)
class ModelVersion:
    name: str
    version: int
    folder: Path
    checksums: dict[str, str]

    @property
    def digest(self) -> str:
        """One fingerprint of every file of this version, as registered."""
        return hashlib.sha256(json.dumps(self.checksums, sort_keys=True).encode()).hexdigest()

    @property
    def metadata(self) -> dict[str, Any]:
        self.verify(METADATA)
        return json.loads((self.folder / METADATA).read_text())

    def load(self, features: Sequence[str] | None = None) -> CompiledModel:
        """The compiled model, after checking every file; `features` are the inputs the code
        computes today, which the model must have been trained on."""
        if (self.folder / "model.joblib").is_file() and not self.checksums:
            raise ArtifactError(
                f"model version {self.version} at {self.folder} is a pickle (model.joblib) from "
                f"an earlier version of this project, which is never loaded: a pickle can run "
                f"any code; {RETRAIN}"
            )
        for file_name in self.checksums:
            self.verify(file_name)
        model = read_model(self.folder)
        if features is not None and tuple(features) != model.features:
            raise ArtifactError(
                f"model version {self.version} was trained on features {list(model.features)}, "
                f"but the code computes {list(features)}; {RETRAIN}"
            )
        return model

    def vocabularies(self) -> dict[str, frozenset[str]]:
        """The values each categorical input learned in training, read without loading the
        model's scorers (monitoring needs no onnxruntime)."""
        self.verify(MODEL)
        return read_vocabularies(self.folder)

    @property
    def run_id(self) -> str | None:
        """The offline run that trained it (None for versions from before run ids)."""
        return self.metadata.get("run_id")

    def verify_all(self) -> None:
        """Every file the registry index lists for this version is there, unchanged."""
        for required in (METADATA, MODEL):
            if required not in self.checksums:
                raise ArtifactError(
                    f"model version {self.version} at {self.folder} was not completely "
                    f"registered ({required} is not in the registry index); {RETRAIN}"
                )
        for file_name in self.checksums:
            self.verify(file_name)

    def verify(self, file_name: str) -> None:
        path = self.folder / file_name
        recorded = self.checksums.get(file_name)
        if recorded is None:
            raise ArtifactError(
                f"model version {self.version} has no checksum for {file_name} in the registry "
                f"index: it was not registered by this project, or registering it was "
                f"interrupted; {RETRAIN}"
            )
        if not path.is_file():
            raise ArtifactError(f"{path} is missing; {RETRAIN}")
        if sha256(path) != recorded:
            raise ArtifactError(
                f"{path} changed after it was registered (its sha256 does not match the "
                f"registry index); {RETRAIN}"
            )

    def reference(self) -> pd.DataFrame:
        path = self.folder / "reference.parquet"
        if not path.is_file():
            raise NotReadyError(f"model version {self.version} has no reference; run `evaluate`")
        return pd.read_parquet(path)

    def save_reference(self, rows: pd.DataFrame) -> None:
        """What this model serves on held-out data: the baseline monitoring compares to."""
        write_parquet_atomically(rows, self.folder / "reference.parquet")


class Registry:
    def __init__(self, root: Path, name: str = "model") -> None:
        self.folder = Path(root) / name
        self.name = name

    def register(self, model: CompiledModel, metadata: dict[str, Any]) -> ModelVersion:
        versions = self.folder / "versions"
        versions.mkdir(parents=True, exist_ok=True)
        with self._locked():
            staging = versions / f".staging-{uuid.uuid4().hex}"
            staging.mkdir()
            number = max((int(p.name) for p in versions.iterdir() if p.name.isdigit()), default=0)
            number += 1
            metadata = {**metadata, "name": self.name, "version": number}
            checksums = write_version(model, metadata, staging)
            staging.rename(versions / str(number))
            self._record(number, checksums)
        return ModelVersion(self.name, number, versions / str(number), checksums)

    def save_evaluation(
        self, version: ModelVersion, metrics: dict[str, float], reference: pd.DataFrame
    ) -> None:
        """What `version` scored on held-out data, and what it served there (the reference
        monitoring compares traffic to). The folder registry keeps the metrics in the
        evaluation report; the MLflow registry also logs them to the version's run."""
        version.save_reference(reference)

    def set_alias(self, alias: str, version: ModelVersion) -> None:
        self.set_aliases({alias: version})

    def set_aliases(self, moves: dict[str, ModelVersion]) -> None:
        """Point every alias of `moves` at its version in one write: all of them, or none
        (a version without all of its files is never aliased)."""
        for version in moves.values():
            version.verify_all()
        with self._locked():
            aliases = {**self.aliases(), **{alias: v.version for alias, v in moves.items()}}
            _write_json_atomically(self.folder / "aliases.json", aliases)

    def clean_interrupted(self) -> list[Path]:
        """Remove what a killed registration left: staging folders, version folders that
        never reached the index, temporary files. Returns what it removed."""
        versions = self.folder / "versions"
        if not versions.is_dir():
            return []
        removed: list[Path] = []
        with self._locked():  # registrations hold this lock: none is half-way now
            indexed = self._index()
            for entry in versions.iterdir():
                unindexed = entry.name.isdigit() and entry.name not in indexed
                if entry.is_dir() and (entry.name.startswith(".staging-") or unindexed):
                    shutil.rmtree(entry, ignore_errors=True)
                    removed.append(entry)
            for leftover in [*self.folder.glob(".*.tmp"), *versions.glob("*/.*.tmp")]:
                leftover.unlink(missing_ok=True)
                removed.append(leftover)
        return removed

    def aliases(self) -> dict[str, int]:
        return _read_json(self.folder / "aliases.json")

    def get(self, alias: str) -> ModelVersion:
        aliases = self.aliases()
        if alias not in aliases:
            raise NotReadyError(
                f"the registry at {self.folder} has no `{alias}` model; run `train` and `evaluate`"
            )
        return self.version(aliases[alias])

    def version(self, number: int) -> ModelVersion:
        if isinstance(number, bool) or not isinstance(number, int):
            raise ArtifactError(f"{self.folder / 'aliases.json'} names version {number!r}")
        checksums = self._index().get(str(number), {})
        return ModelVersion(self.name, number, self.folder / "versions" / str(number), checksums)

    @property
    def _index_path(self) -> Path:
        return self.folder / "index.json"

    def _index(self) -> dict[str, dict[str, str]]:
        return _read_json(self._index_path)

    def _record(self, number: int, checksums: dict[str, str]) -> None:
        """Index version `number` with the checksums of its files (under the lock)."""
        _write_json_atomically(self._index_path, {**self._index(), str(number): checksums})

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time, across processes: two runs cannot interleave updates."""
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / ".lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield


def write_version(model: CompiledModel, metadata: dict[str, Any], folder: Path) -> dict[str, str]:
    """The model's files and its metadata written into `folder`: their checksums."""
    written = write_model(model, folder)
    (folder / METADATA).write_text(json.dumps(metadata, indent=2, default=str))
    return {path.name: sha256(path) for path in [*written, folder / METADATA]}


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        payload = json.loads(path.read_text())
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArtifactError(f"{path} is not JSON ({error}); {RETRAIN}") from None
    if not isinstance(payload, dict):
        raise ArtifactError(f"{path} is not a JSON object; {RETRAIN}")
    return payload


def _write_json_atomically(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    temporary.write_text(json.dumps(payload, indent=2))
    os.replace(temporary, path)
