"""A compiled model on disk, as data only: nothing in these files runs when they are read.

    model.json        kind, features, and each head's encoders and estimator (words, lists)
    arrays.npz        the numbers (a numpy archive read with allow_pickle=False)
    <head>.onnx       a tree ensemble, for heads that are trees

Reading checks the structure as it goes; anything unexpected is an ArtifactError that
names the file, never a traceback from deep inside numpy or onnxruntime.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ArtifactError
from .compiled import (
    LINKS,
    Block,
    CompiledModel,
    Hashed,
    Head,
    Linear,
    Numeric,
    OneHot,
    TextSummary,
    Tfidf,
    Trees,
    learned_vocabularies,
)

STRUCTURE = "model.json"
ARRAYS = "arrays.npz"
FORMAT = 1


def write_model(model: CompiledModel, folder: Path) -> list[Path]:
    """Write `model` into `folder`; returns every file written."""
    arrays: dict[str, np.ndarray] = {}
    graphs: dict[str, bytes] = {}
    heads = {name: _head_spec(name, head, arrays, graphs) for name, head in model.heads.items()}
    structure = {"format": FORMAT, "kind": model.kind, "features": list(model.features)}
    written = [folder / STRUCTURE, folder / ARRAYS]
    (folder / STRUCTURE).write_text(json.dumps({**structure, "heads": heads}, indent=1))
    np.savez(folder / ARRAYS, **arrays)
    for file_name, graph in graphs.items():
        (folder / file_name).write_bytes(graph)
        written.append(folder / file_name)
    return written


def read_model(folder: Path) -> CompiledModel:
    """The model stored in `folder`; ArtifactError if any file is not what it should be."""
    structure_path = folder / STRUCTURE
    structure = _read_structure(structure_path)
    arrays = _read_arrays(folder / ARRAYS)
    reader = _Reader(folder, arrays)
    try:
        heads = {str(name): reader.head(spec) for name, spec in dict(structure["heads"]).items()}
        if not heads:
            raise ValueError("it has no heads")
        return CompiledModel(
            kind=str(structure["kind"]),
            features=tuple(str(name) for name in structure["features"]),
            heads=heads,
        )
    except ArtifactError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        raise ArtifactError(
            f"{structure_path} is not a compiled model of this project ({_describe(error)})"
        ) from None


def read_vocabularies(folder: Path) -> dict[str, frozenset[str]]:
    """The values each one-hot column learned, from model.json alone: what monitoring needs,
    without building the model's scorers."""
    structure_path = folder / STRUCTURE
    structure = _read_structure(structure_path)
    reader = _Reader(folder, arrays={})
    try:
        blocks = [
            reader.block(spec)
            for head in dict(structure["heads"]).values()
            for spec in head["blocks"]
            if spec["type"] == "one_hot"
        ]
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ArtifactError(
            f"{structure_path} is not a compiled model of this project ({_describe(error)})"
        ) from None
    return learned_vocabularies(blocks)


def _read_structure(path: Path) -> dict[str, Any]:
    try:
        structure = json.loads(path.read_text())
    except FileNotFoundError:
        raise ArtifactError(f"{path} is missing") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArtifactError(f"{path} is not JSON ({error})") from None
    if not isinstance(structure, dict) or structure.get("format") != FORMAT:
        found = structure.get("format") if isinstance(structure, dict) else structure
        raise ArtifactError(
            f"{path} is not a compiled model of this project (format {found!r}, expected {FORMAT})"
        )
    return structure


def _read_arrays(path: Path) -> dict[str, np.ndarray]:
    try:
        with path.open("rb") as file, np.load(file, allow_pickle=False) as archive:
            return {name: archive[name] for name in archive.files}
    except FileNotFoundError:
        raise ArtifactError(f"{path} is missing") from None
    except (OSError, ValueError, zipfile.BadZipFile, EOFError) as error:
        raise ArtifactError(f"{path} is not a numpy archive of plain numbers ({error})") from None


def _describe(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing {error}"
    return str(error) or type(error).__name__


def _head_spec(
    name: str, head: Head, arrays: dict[str, np.ndarray], graphs: dict[str, bytes]
) -> dict[str, Any]:
    def keep(key: str, values: np.ndarray) -> str:
        arrays[f"{name}.{key}"] = np.asarray(values, dtype=float)
        return f"{name}.{key}"

    blocks = [_block_spec(block, f"b{i}", keep) for i, block in enumerate(head.blocks)]
    estimator = head.estimator
    if isinstance(estimator, Linear):
        spec = {
            "type": "linear",
            "weights": keep("weights", estimator.weights),
            "intercept": estimator.intercept,
            "link": estimator.link,
        }
    else:
        file_name = f"{name}.onnx"
        graphs[file_name] = estimator.graph
        spec = {
            "type": "trees",
            "graph": file_name,
            "width": estimator.width,
            "baseline": estimator.baseline,
            "link": estimator.link,
        }
    return {"blocks": blocks, "estimator": spec}


def _block_spec(block: Block, key: str, keep: Any) -> dict[str, Any]:
    if isinstance(block, Numeric):
        spec: dict[str, Any] = {"type": "numeric", "columns": list(block.columns)}
        if block.mean is not None and block.scale is not None:
            spec |= {
                "mean": keep(f"{key}.mean", block.mean),
                "scale": keep(f"{key}.scale", block.scale),
            }
        return spec
    if isinstance(block, OneHot):
        return {
            "type": "one_hot",
            "columns": list(block.columns),
            "categories": [list(values) for values in block.categories],
        }
    if isinstance(block, Hashed):
        return {
            "type": "hashed",
            "columns": list(block.columns),
            "buckets": block.buckets,
            "alternate_sign": block.alternate_sign,
        }
    if isinstance(block, Tfidf):
        return _tfidf_spec(block, key, keep)
    if isinstance(block, TextSummary):
        return {
            "type": "text_summary",
            "words": _tfidf_spec(block.words, f"{key}.words", keep),
            "components": keep(f"{key}.components", block.components),
        }
    raise TypeError(f"no file format for {type(block).__name__}")


def _tfidf_spec(block: Tfidf, key: str, keep: Any) -> dict[str, Any]:
    return {
        "type": "tfidf",
        "column": block.column,
        "vocabulary": list(block.vocabulary),
        "idf": keep(f"{key}.idf", block.idf),
        "ngram_range": list(block.ngram_range),
        "lowercase": block.lowercase,
        "token_pattern": block.token_pattern,
        "sublinear_tf": block.sublinear_tf,
        "norm": block.norm,
    }


class _Reader:
    """Builds the model back from model.json, checking every name, shape and kind."""

    def __init__(self, folder: Path, arrays: dict[str, np.ndarray]) -> None:
        self.folder = folder
        self.arrays = arrays

    def array(self, key: Any, shape: tuple[int | None, ...]) -> np.ndarray:
        values = self.arrays[str(key)]
        if values.dtype.kind != "f" or values.ndim != len(shape):
            raise ValueError(f"array {key} is {values.dtype} with {values.ndim} dimensions")
        for expected, actual in zip(shape, values.shape, strict=True):
            if expected is not None and expected != actual:
                raise ValueError(f"array {key} has shape {values.shape}")
        if not np.isfinite(values).all():
            raise ValueError(f"array {key} holds values that are not finite numbers")
        return values

    def head(self, spec: dict[str, Any]) -> Head:
        blocks = tuple(self.block(block) for block in spec["blocks"])
        width = sum(block.width for block in blocks)
        estimator = spec["estimator"]
        link = str(estimator["link"])
        if link not in LINKS:
            raise ValueError(f"unknown link {link!r}")
        if estimator["type"] == "linear":
            return Head(
                blocks,
                Linear(
                    self.array(estimator["weights"], (width,)), float(estimator["intercept"]), link
                ),
            )
        if estimator["type"] == "trees":
            if int(estimator["width"]) != width:
                raise ValueError(
                    f"the trees read {estimator['width']} inputs, the encoders give {width}"
                )
            return Head(blocks, self.trees(estimator, width, link))
        raise ValueError(f"unknown estimator type {estimator['type']!r}")

    def trees(self, spec: dict[str, Any], width: int, link: str) -> Trees:
        name = Path(str(spec["graph"])).name
        path = self.folder / name
        try:
            graph = path.read_bytes()
        except FileNotFoundError:
            raise ArtifactError(f"{path} is missing") from None
        try:
            trees = Trees(graph, width, float(spec["baseline"]), link)
            probe = trees.run(np.zeros((1, width)))
        except (ValueError, TypeError, RuntimeError) as error:
            raise ArtifactError(
                f"{path} is not a tree ensemble this project can run ({error})"
            ) from None
        except Exception as error:  # onnxruntime raises its own exception types
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise ArtifactError(
                f"{path} is not a tree ensemble this project can run ({message})"
            ) from None
        if probe.shape != (1,) or not np.isfinite(probe).all():
            raise ArtifactError(f"{path} does not give one finite score per row")
        return trees

    def block(self, spec: dict[str, Any]) -> Block:
        kind = spec["type"]
        if kind == "numeric":
            columns = _names(spec["columns"])
            if "mean" in spec:
                size = (len(columns),)
                return Numeric(
                    columns, self.array(spec["mean"], size), self.array(spec["scale"], size)
                )
            return Numeric(columns)
        if kind == "one_hot":
            categories = tuple(_names(values) for values in spec["categories"])
            columns = _names(spec["columns"])
            if len(categories) != len(columns):
                raise ValueError("one_hot needs one category list per column")
            return OneHot(columns, categories)
        if kind == "hashed":
            buckets = int(spec["buckets"])
            if buckets <= 0:
                raise ValueError("hashed needs a positive number of buckets")
            return Hashed(_names(spec["columns"]), buckets, bool(spec["alternate_sign"]))
        if kind == "tfidf":
            return self.tfidf(spec)
        if kind == "text_summary":
            words = self.tfidf(spec["words"])
            return TextSummary(words, self.array(spec["components"], (None, words.width)))
        raise ValueError(f"unknown encoder type {kind!r}")

    def tfidf(self, spec: dict[str, Any]) -> Tfidf:
        vocabulary = _names(spec["vocabulary"])
        low, high = (int(n) for n in spec["ngram_range"])
        norm = spec["norm"]
        if norm not in ("l2", None):
            raise ValueError(f"unknown TF-IDF norm {norm!r}")
        return Tfidf(
            column=str(spec["column"]),
            vocabulary=vocabulary,
            idf=self.array(spec["idf"], (len(vocabulary),)),
            ngram_range=(low, high),
            lowercase=bool(spec["lowercase"]),
            token_pattern=str(spec["token_pattern"]),
            sublinear_tf=bool(spec["sublinear_tf"]),
            norm=norm,
        )


def _names(values: Any) -> tuple[str, ...]:
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        raise ValueError("a list of names holds something other than text")
    return tuple(values)
