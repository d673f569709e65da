import pandas as pd
import pytest

from {{ cookiecutter.package_name }}.errors import DataError
from {{ cookiecutter.package_name }}.offline.training_set import check_grades


def test_grades_on_the_0_to_3_scale_pass():
    check_grades(pd.Series([0, 1, 2, 3, 3]))


def test_a_grade_off_the_scale_is_named_with_the_fix():
    with pytest.raises(DataError, match=r"2 grades outside 0-3 \(e.g. 5, -1\); map your scale"):
        check_grades(pd.Series([0, 5, 3, -1]))
