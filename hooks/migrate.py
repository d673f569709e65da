"""copier's `_migrations` step before an update merges (hooks/migrations.py does the work).

copier runs it in the project, whose `.copier-answers.yml` still holds the answers it was
generated with, and gives the versions in the environment: VERSION_FROM (the commit the
project came from), VERSION_PEP440_FROM and VERSION_PEP440_TO.
"""

import os
import sys
from pathlib import Path

import yaml

template_root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(template_root))
from hooks.migrations import move_edited_files  # noqa: E402

project = Path.cwd()
answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
move_edited_files(
    project,
    {name: value for name, value in answers.items() if not name.startswith("_")},
    template_root,
    (os.environ["VERSION_PEP440_FROM"], os.environ["VERSION_FROM"]),
    os.environ["VERSION_PEP440_TO"],
)
