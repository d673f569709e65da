from __future__ import annotations

import pytest

from tests.engines import Engines, copy_template


@pytest.fixture(scope="session")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Engines:
    """copier and cookiecutter, reading a copy of the template as it is in the work tree."""
    template = copy_template(tmp_path_factory.mktemp("template") / "mlsd-template")
    return Engines.isolated(template, tmp_path_factory.mktemp("engine-settings"))
