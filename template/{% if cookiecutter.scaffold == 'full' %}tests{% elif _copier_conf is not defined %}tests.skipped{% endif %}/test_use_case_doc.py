"""docs/use-case.md states the config's values as `section.key: value`: each must be the one
config/pipeline.yaml has, so that the page never advises a threshold the code does not use."""

import re

import yaml

from conftest import PROJECT

PAGE = PROJECT / "docs" / "use-case.md"
STATED = re.compile(r"`([a-z_]+(?:\.[a-z_]+)+): ([^`]+)`")


def test_the_page_states_config_values():
    assert STATED.findall(PAGE.read_text())


def test_every_value_the_page_states_is_the_config_s():
    config = yaml.safe_load((PROJECT / "config" / "pipeline.yaml").read_text())
    for key, value in STATED.findall(PAGE.read_text()):
        node = config
        for part in key.split("."):
            assert isinstance(node, dict) and part in node, (
                f"docs/use-case.md names `{key}`, which config/pipeline.yaml does not have"
            )
            node = node[part]
        assert yaml.safe_load(value) == node, (
            f"docs/use-case.md says `{key}: {value}`, config/pipeline.yaml has {node!r}: "
            "update the page"
        )
