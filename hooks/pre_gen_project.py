"""cookiecutter, before rendering: refuse answers that cannot make a working project.

hooks/cookiecutter_validation.py already refused them before the project folder was made;
this is the same check for the paths that skip it (e.g. `cookiecutter --replay` with an
edited replay file). cookiecutter runs a rendered copy of this file from a temporary
folder, so the rules are imported from the template, found through `_repo_dir`.
"""

import json
import sys

ANSWERS = json.loads(r"""{{ cookiecutter | jsonify }}""")

if "_repo_dir" not in ANSWERS:  # e.g. cruft, which calls cookiecutter's parts itself
    sys.exit("mlsd-template needs cookiecutter (2.2 or newer) or copier to run its hooks.")
sys.path.insert(0, ANSWERS["_repo_dir"])
from hooks.answers import refusals  # noqa: E402

if problems := refusals(ANSWERS):
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
