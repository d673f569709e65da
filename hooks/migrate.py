"""copier's `_migrations` step around an update that crosses a release which moved files
(hooks/migrations.py does the work).

    migrate.py before   set aside the team's edits of each moved file
    migrate.py after    merge them into the file's new place

copier runs it in the project (before the merge, `.copier-answers.yml` still holds the
answers it was generated with) and gives the versions in the environment: VERSION_FROM
(the commit the project came from), VERSION_PEP440_FROM and VERSION_PEP440_TO.
"""

import os
import sys
from pathlib import Path

import yaml

template_root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(template_root))
from hooks.migrations import carry_over_edits, set_aside_edited_moves  # noqa: E402

project = Path.cwd()
if sys.argv[1:] == ["after"]:
    carry_over_edits(project)
else:
    answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
    set_aside_edited_moves(
        project,
        {name: value for name, value in answers.items() if not name.startswith("_")},
        template_root,
        (os.environ["VERSION_PEP440_FROM"], os.environ["VERSION_FROM"]),
        os.environ["VERSION_PEP440_TO"],
    )
