"""cookiecutter, before rendering: refuse answers that cannot make a working project.

hooks/cookiecutter_validation.py already refused them before the project folder was made;
this is the same check for the paths that skip it (e.g. `cookiecutter --replay` with an
edited replay file). cookiecutter runs a rendered copy of this file from a temporary
folder, so the rules are imported from the template, found through its answers.
"""

import json
import sys

ANSWERS = json.loads(r"""{{ cookiecutter | jsonify }}""")

# cookiecutter says where in `_repo_dir` (replays too); cruft only in `__template_root`.
sys.path.insert(0, ANSWERS.get("_repo_dir") or ANSWERS["__template_root"])
from hooks.answers import refusals  # noqa: E402

if problems := refusals(ANSWERS):
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
