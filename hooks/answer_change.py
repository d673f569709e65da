"""copier's step around an update's merge that keeps team-edited files the new answers no
longer generate (hooks/answer_changes.py does the work).

    answer_change.py before   (the project's .copier-answers.yml still holds the old answers)
    answer_change.py after    (it holds the new ones)
"""

import os
import sys
from pathlib import Path

import yaml

template_root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(template_root))
from hooks.answer_changes import after_merge, before_merge  # noqa: E402

project = Path.cwd()
recorded = yaml.safe_load((project / ".copier-answers.yml").read_text())
answers = {name: str(value) for name, value in recorded.items() if not name.startswith("_")}
if sys.argv[1] == "before":
    before_merge(project, answers, template_root, os.environ["VERSION_FROM"])
else:
    after_merge(project, answers)
