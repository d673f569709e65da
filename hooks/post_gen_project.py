"""After rendering: shape the project to its use case (hooks/skeleton.py does the work).

Runs with the generated project as the working directory, under both engines:
- cookiecutter renders the answers into a temporary copy of this file (the one line with
  `cookiecutter | jsonify`); the template is at the answers' `_repo_dir`, or, under cruft,
  at `__template_root`;
- copier runs this very file from its `_tasks` (copier.yml) with the answers as JSON in
  the first argument, so that line stays unrendered and unused.
"""

import json
import sys
from pathlib import Path

RENDERED_BY_COOKIECUTTER = r"""{{ cookiecutter | jsonify }}"""

if len(sys.argv) > 1:
    answers = json.loads(sys.argv[1])
    template_root = Path(__file__).resolve().parent.parent
else:
    answers = json.loads(RENDERED_BY_COOKIECUTTER)
    # cookiecutter says where in `_repo_dir` (replays too); cruft only in `__template_root`.
    template_root = Path(answers.get("_repo_dir") or answers["__template_root"])

sys.path.insert(0, str(template_root))
from hooks.skeleton import shape_project  # noqa: E402

shape_project(Path.cwd(), answers)
