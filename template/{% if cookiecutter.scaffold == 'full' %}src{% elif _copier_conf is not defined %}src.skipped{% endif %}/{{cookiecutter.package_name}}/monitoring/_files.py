"""Where monitoring's atomic writer used to live; it is `files.write_text_atomically` now.

Kept until a release moves it (hooks/migrations.py), so that an update does not delete a
team's edits of this file, and a team's module that imports `write_atomic` still works.
"""

from __future__ import annotations

from ..files import write_text_atomically as write_atomic

__all__ = ["write_atomic"]
