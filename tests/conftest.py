from __future__ import annotations

from pathlib import Path

import pytest

from tests.engines import Engines, copy_template
from tests.matrix import config_id
from tests.releases import template_repository


@pytest.fixture(scope="session")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Engines:
    """copier and cookiecutter, reading a copy of the template as it is in the work tree."""
    template = copy_template(tmp_path_factory.mktemp("template") / "mlsd-template")
    return Engines.isolated(template, tmp_path_factory.mktemp("engine-settings"))


@pytest.fixture(scope="session")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of this repository, tagged at every release, whose HEAD is the work tree."""
    return template_repository(tmp_path_factory.mktemp("releases") / "mlsd-template")


# tryfirst: xdist's own hook on each worker reads the group marks into the test ids.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each rendered configuration's tests in one xdist group, which `make test` sends to
    one worker, to render it once. And the generated projects' checks first: each takes
    minutes and `make test` hands tests out as workers free up (`--dist loadgroup`), so the
    workers start on them at once and the quick tests fill in behind, where a check handed
    out last would run alone at the end."""
    for item in items:
        configuration = getattr(item, "callspec", None) and item.callspec.params.get("rendered")
        if configuration:
            item.add_marker(pytest.mark.xdist_group(config_id(configuration)))
    items.sort(key=lambda item: item.get_closest_marker("generated") is None)
