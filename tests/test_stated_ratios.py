"""在职人员控制率 stated with its terms in one sentence (NAT-ARITH-013), and the kinds of post that are parts of the
department's posts (行政编制, 事业编制). Each test writes a report as a text file and checks it with the real extractor
and the built-in packs."""

from __future__ import annotations

import pytest

from tests.helpers import check_text, problems

HEAD = ["某县民政局2025年度部门整体支出绩效自评报告", "一、部门基本情况"]


def ratios(result) -> list[tuple[str, str, int, int]]:
    return [(r["label"], str(r["rate"]), r["numerator"], r["denominator"]) for r in result.report.get("stated_ratios") or []]


def test_a_control_rate_that_does_not_follow_from_its_staff_is_an_error_at_the_rate(tmp_path):
    line = "　　本部门行政编制21名、事业编制63名，核定编制84名；截至2025年12月31日，年末在职人员79人，在职人员控制率94.5%，未超编制。"
    result = check_text(tmp_path, [*HEAD, line])
    assert problems(result) == ["NAT-ARITH-013"]
    found = result.findings[0]
    assert found.severity == "error"
    assert (found.location.line, found.location.quote) == (3, "94.5%")
    assert "79 ÷ 84 × 100 计算为 94.0%" in found.message
    assert ratios(result) == [("在职人员控制率", "94.5", 79, 84)]
    # the kinds of post are parts of the 84: neither is the department's posts, and no conflict is raised
    assert result.report["staffing"]["authorized"] == 84
    assert not [f for f in result.findings if f.rule_id == "JX-CONFLICT"]


@pytest.mark.parametrize("rate", ["94.0%", "94.05%", "94%"])
def test_a_control_rate_rounded_to_its_places_is_no_finding(tmp_path, rate):
    line = f"　　核定编制84名，年末在职人员79人，在职人员控制率{rate}。"
    result = check_text(tmp_path, [*HEAD, line])
    assert problems(result) == []
    assert len(ratios(result)) == 1


def test_head_counts_are_exact_so_the_last_place_counts(tmp_path):
    # 79 ÷ 84 = 94.047…: 94.1% is wrong although 78.5 ÷ 83.5 would give it
    assert problems(check_text(tmp_path, [*HEAD, "　　核定编制84名，年末在职人员79人，在职人员控制率94.1%。"])) == ["NAT-ARITH-013"]
    # at the boundary: 1 ÷ 8 = 12.5 exactly, stated 12.5%
    assert problems(check_text(tmp_path, [*HEAD, "　　核定编制8名，年末在职人员1人，在职人员控制率12.5%。"])) == []


@pytest.mark.parametrize("line", [
    "　　核定编制84名，年末在职人员79人，其中在岗在编74人，在职人员控制率88.1%。",  # two staff figures: which one, unknown
    "　　核定编制84名。年末在职人员79人，在职人员控制率88.1%。",  # the posts in another sentence
    "　　行政编制21名、事业编制63名，年末在职人员79人，在职人员控制率94.0%。",  # no total of posts: never added up here
    "　　核定编制84名，年末在职人员79人，在职人员控制率不超过100%。",  # a limit, not the rate
])
def test_a_rate_without_exactly_one_figure_of_each_term_in_its_sentence_is_not_read(tmp_path, line):
    result = check_text(tmp_path, [*HEAD, line])
    assert problems(result) == []
    assert ratios(result) == []


def test_a_single_kind_of_post_is_the_posts(tmp_path):
    result = check_text(tmp_path, [*HEAD, "　　核定事业编制2368名，截至2025年底实有在编人员2297名，在职人员控制率97.0%。"])
    assert result.report["staffing"]["authorized"] == 2368
    assert problems(result) == []
    assert ratios(result) == [("在职人员控制率", "97.0", 2297, 2368)]
