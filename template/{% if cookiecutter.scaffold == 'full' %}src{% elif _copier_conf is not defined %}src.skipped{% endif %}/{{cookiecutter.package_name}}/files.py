"""Write a file so that a reader sees the old version or the new one, never half of one.

Each writer puts its bytes in a hidden temporary file beside the target, `.<name>.<id>.tmp`,
then renames it into place. A write cut short leaves only such a file, which the stores'
clean-ups (`clean_interrupted`, compaction) remove by that pattern.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def temporary_beside(path: Path) -> Path:
    return path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")


def write_text_atomically(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_beside(path)
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def write_parquet_atomically(frame: pd.DataFrame, path: Path) -> Path:
    """`frame` as parquet at `path`, on disk (fsync) before it takes the name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_beside(path)
    try:
        frame.to_parquet(temporary, index=False)
        with temporary.open("rb") as written:
            os.fsync(written.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
