from {{ cookiecutter.package_name }}.online.rerank import Scored, diversify


def items(*groups: str) -> list[Scored]:
    return [Scored(f"i{n}", 1.0 - n / 100, group) for n, group in enumerate(groups)]


def test_no_group_takes_more_than_its_share():
    final = diversify(items("a", "a", "a", "b", "c"), k=3, max_per_group=1)
    assert [entry.group for entry in final] == ["a", "b", "c"]


def test_the_list_is_filled_from_held_back_items_when_groups_run_out():
    final = diversify(items("a", "a", "a", "b"), k=3, max_per_group=1)
    assert [entry.item_id for entry in final] == ["i0", "i1", "i3"]


def test_the_final_list_stays_in_score_order():
    final = diversify(list(reversed(items("a", "b", "a", "b"))), k=4, max_per_group=2)
    assert [entry.score for entry in final] == sorted((e.score for e in final), reverse=True)
