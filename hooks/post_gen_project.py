"""After rendering: shape the project to its use case (hooks/skeleton.py does the work).

Runs with the generated project as the working directory, under both engines:
- cookiecutter renders the answers into a temporary copy of this file (the one line with
  `cookiecutter | jsonify`) and the template is at the answers' `_repo_dir`;
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
    if "_repo_dir" not in answers:  # e.g. cruft, which calls cookiecutter's parts itself
        sys.exit("mlsd-template needs cookiecutter (2.2 or newer) or copier to run its hooks.")
    template_root = Path(answers["_repo_dir"])

sys.path.insert(0, str(template_root))
from hooks.skeleton import shape_project  # noqa: E402

shape_project(Path.cwd(), answers)
