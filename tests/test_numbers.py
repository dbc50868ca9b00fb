from decimal import Decimal as D
from decimal import localcontext

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.numbers import Interval, decimals_of, round_half_up, to_decimal


def test_stated_precision_is_kept():
    assert decimals_of(D("49.90")) == 2
    assert decimals_of(D("49.9")) == 1
    assert decimals_of(D("6")) == 0
    assert Interval.stated(D("49.90")) == Interval(D("49.895"), D("49.905"))
    assert Interval.stated(D("49.9")) == Interval(D("49.85"), D("49.95"))


def test_round_half_up_at_half_a_unit():
    assert round_half_up(D("54.285"), 2) == D("54.29")
    assert round_half_up(D("54.2849999"), 2) == D("54.28")
    assert round_half_up(D("-17.25"), 1) == D("-17.3")


@pytest.mark.parametrize("value, expected", [("49.90", D("49.90")), (6, D(6)), (True, None), ("abc", None), (1.5, None)])
def test_to_decimal_accepts_only_stated_numbers(value, expected):
    assert to_decimal(value) == expected


def test_ratio_interval_contains_the_example():
    # 49.9 ÷ 91.92: the stated 54.27% is outside at face value, inside the rounding interval.
    ratio = Interval.stated(D("49.9")).divide(Interval.stated(D("91.92"))).scale(D(100))
    assert ratio.low < D("54.27") < ratio.high
    assert ratio.as_strings(2) == ["54.22", "54.35"]


def test_division_by_an_interval_containing_zero_is_unbounded():
    assert Interval.stated(D("1")).divide(Interval.stated(D("0"))) is None


def test_bounds_are_directed():
    third = Interval.exact(D(1)).divide(Interval.exact(D(3)))
    assert third.low < third.high
    with localcontext() as ctx:
        ctx.prec = 80
        assert third.low * 3 < 1 < third.high * 3


@settings(max_examples=600, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-10 ** 9, max_value=10 ** 9, places=None),
       st.sampled_from(["94.96", "95", "1.23E+4", "0.5", "100.00", "0", "-3.5", "1E+2", "12.345678901234", "0.000"]))
def test_rounding_like_a_stated_figure_is_rounding_to_its_decimals(value, stated):
    from jixiao.numbers import round_like

    stated = D(stated)
    assert str(round_like(value, stated)) == str(round_half_up(value, decimals_of(stated)))
