"""cookiecutter renders the hook scripts as templates: the only Jinja in them is the line
that receives the answers, so nothing else can be rendered into something unintended."""

from __future__ import annotations

import re

import pytest

from tests.engines import REPO

JINJA = re.compile(r"\{\{.*?\}\}|\{%|\{#")


@pytest.mark.parametrize("script", ["pre_gen_project.py", "post_gen_project.py"])
def test_the_answers_line_is_the_only_jinja(script: str):
    source = (REPO / "hooks" / script).read_text()
    assert JINJA.findall(source) == ["{{ cookiecutter | jsonify }}"]
