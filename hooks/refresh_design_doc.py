"""copier's step after an update's merge: rewrite the design doc's blocks that come from
the config alone, from the project's own config/pipeline.yaml (hooks/skeleton.py's
`fill_design_doc`). The merge took them from the template's renders, which read the
template's config, not the team's. cruft runs no such step: `<slug> design sync` does it.
"""

import sys
from pathlib import Path

import yaml

template_root = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(template_root))
from hooks.presets import PRESETS  # noqa: E402
from hooks.skeleton import TemplateError, fill_design_doc  # noqa: E402

project = Path.cwd()
answers = yaml.safe_load((project / ".copier-answers.yml").read_text())
try:
    answers = {name: str(value) for name, value in answers.items() if not name.startswith("_")}
    fill_design_doc(project, PRESETS[answers["use_case"]], answers)
except TemplateError as error:  # the update itself is done: say what is left to do
    print(f"the design doc was not refreshed ({error}); run `design sync` after the update")
