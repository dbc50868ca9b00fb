"""Special-bond projects' and public institutions' reports (heldout71), and Word reports sent with their revisions
left in (heldout72): a list of bonds each with its interest is no sum; interest paid is no spending; each fund row's
执行率 on a form is checked; a score a sentence says was not reached is not the score; a form's 总分 and 自评等级 rows
alone on the next page are the form's; 2025年末在编… dates the staff. Reports are written as text files, or the
corpus files are read, and checked with the real extractor and the built-in packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import check_file, check_text, problems

CORPUS = Path(__file__).resolve().parent / "corpus"
HEAD = ["泰和县工业园区标准厂房建设项目2025年度专项债券资金绩效自评报告", "一、项目基本情况"]


def test_bonds_listed_each_with_its_interest_are_no_sum_and_interest_paid_is_no_spending(tmp_path):
    lines = [*HEAD, "　　截至2025年12月31日，项目实际支出17,361.70万元，执行率97.54%。",
             "　　2025年支付本项目专项债券利息380.40万元，其中2024年发行的12,000.00万元债券全年利息294.00万元，"
             "2025年3月发行的8,000.00万元债券半年利息86.40万元。"]
    result = check_text(tmp_path, lines)
    assert problems(result) == []  # (12,000.00 + 294.00 + 8,000.00 + 86.40 is no sum; 380.40 is no spending)
    assert "stated_sums" not in result.report
    assert str(result.report["overall"]["final"]) == "17361.70"


def test_a_list_of_parts_with_one_figure_each_is_still_a_sum(tmp_path):
    lines = [*HEAD, "　　2025年支付债券利息380.40万元，其中第一批利息294.00万元，第二批利息76.40万元。"]
    assert problems(check_text(tmp_path, lines)) == ["NAT-ARITH-011"]


def test_a_fund_rows_rate_worked_out_on_the_initial_budget_is_an_error():
    result = check_file(CORPUS / "heldout71" / "anhui-anqing-daguan-old-community-bond-project-2025-pdf-bond-row-rate.pdf")
    assert problems(result) == ["NAT-ARITH-014"]
    found = result.findings[0]
    assert "“债券资金”行" in found.message and "6218.42 ÷ 6400.00" in found.message and "年初预算数" in found.message
    assert (found.location.page, found.location.table) == (8, 1)
    twin = check_file(CORPUS / "heldout71" / "twins" / "anhui-anqing-daguan-old-community-bond-project-2025-pdf-bond-row-rate.pdf")
    assert problems(twin) == []


@pytest.mark.parametrize("sentence", ["本项目自评得分未达到90分，已专题研究整改。", "本项目自评得分没有达到90分。",
                                      "本项目自评得分不到90分。"])
def test_a_score_a_sentence_says_was_not_reached_is_not_the_score(tmp_path, sentence):
    lines = [*HEAD, "　　经对照自评表逐项评价，自评总分89.32分，自评等级为“良”。", "二、结果应用", "　　" + sentence]
    result = check_text(tmp_path, lines)
    assert str(result.report["overall"]["score"]) == "89.32"
    assert problems(result) == []


def test_a_forms_total_and_grade_rows_alone_on_the_next_page_are_the_forms():
    result = check_file(CORPUS / "heldout72" / "heilongjiang-wuchang-rice-project-2025-accepted-export-clean.pdf")
    project = result.report["projects"][0]
    assert (str(project["weight_total"]), str(project["total_score"]), project["grade"]) == ("100", "98.57", "优")
    assert result.report["provenance"]["/projects/0/grade"]["page"] == 11
    assert problems(result) == []


def test_word_revisions_comments_footnotes_and_fields_are_read_as_accepted():
    result = check_file(CORPUS / "heldout72" / "guizhou-meitan-tea-project-2025-tracked-grade.docx")
    assert problems(result) == ["NAT-GRADE-005"]  # 89.32 revised from 90.96, graded 优: the final text's fault
    assert str(result.report["projects"][0]["total_score"]) == "89.32"


@pytest.mark.parametrize(("year", "as_of"), [("2025", "2025-12-31"), ("2024", None)])
def test_the_fiscal_years_end_named_without_jiezhi_dates_the_staff(tmp_path, year, as_of):
    lines = ["某县职业中专2025年度部门整体支出绩效自评报告", "一、基本情况",
             f"　　核定编制286名，{year}年末在编教职工271人，其中专任教师238人。"]
    staffing = check_text(tmp_path, lines).report["staffing"]
    assert staffing.get("as_of") == as_of and staffing["authorized"] == 286


def test_a_pdfs_gap_between_a_year_and_its_word_is_not_in_a_section_title():
    result = check_file(CORPUS / "heldout71" / "gansu-qinan-county-no1-middle-school-dept-2025-pdf-clean.pdf")
    assert "2025年度主要工作" in [s["title"] for s in result.report["sections"]]
