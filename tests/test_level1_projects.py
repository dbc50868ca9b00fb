"""A 一级项目 made of 二级项目 (heldout85): the 二级项目 told one by one under a heading of their own are the parts' figures,
whatever their names; the 一级项目's part scores (农业产业发展资金产出指标…自评得分49.33分) and a 二级项目 named after it
(农业产业发展资金（省级统筹部分）) are not the 一级项目's; projects picked out for a check are no count of the projects; a
一级项目 titled by its funds is a project. Real files on disk, checked as `jixiao check` does."""

from __future__ import annotations

from jixiao.plugins.extractors.outline import report_kind
from tests.helpers import check_file, check_text, problems, word_with_table

OWN = ("　　2025年，水利发展资金年初预算21,800.00万元，全年预算21,080.00万元，实际支出20,729.76万元，执行率{rate}。"
       "自评得分99.30分，等级为“优”。")
PARTS = ["四、二级项目自评情况", "　　水利发展资金下设3个二级项目，3个二级项目全部开展了绩效自评。各二级项目情况如下：",
         "　　1.骨干河道治理。年初预算10,000.00万元，全年预算9,800.00万元，实际支出9,643.10万元，执行率98.40%。自评得分97.96分。",
         "　　2.水利工程运行管理。年初预算3,100.00万元，全年预算3,100.00万元，实际支出3,047.61万元，执行率98.31%。自评得分99.12分。",
         "　　3.水资源节约与保护。年初预算1,200.00万元，全年预算1,200.00万元，实际支出1,178.15万元，执行率98.18%。自评得分97.45分。"]
HEAD = ["江苏省水利厅2025年度水利发展资金（一级项目）绩效自评报告", "一、项目基本情况", "二、预算执行情况"]


def test_the_parts_told_under_their_own_heading_are_not_the_reports_figures(tmp_path):
    result = check_text(tmp_path, [*HEAD, OWN.format(rate="98.34%"), *PARTS])
    overall = {key: str(value) for key, value in result.report["overall"].items()}
    assert (overall["initial_budget"], overall["final"], overall["execution_rate"], overall["score"]) == \
        ("21800.00", "20729.76", "98.34", "99.30")
    assert problems(result) == []
    listed = "　　按二级项目分，骨干河道治理、水利发展资金（省级统筹部分）全年预算分别为9,800.00万元、1,120.00万元，实际支出分别为9,643.10万元、1,086.29万元。"
    result = check_text(tmp_path, [*HEAD, OWN.format(rate="98.34%"), listed, *PARTS], name="listed.txt")
    assert (str(result.report["overall"]["adjusted_budget"]), problems(result)) == ("21080.00", [])
    wrong = check_text(tmp_path, [*HEAD, OWN.format(rate="98.43%"), *PARTS], name="wrong.txt")
    assert problems(wrong) == ["NAT-ARITH-001"]  # (the 一级项目's own rate, still checked)


def test_a_level1_project_titled_by_its_funds_is_a_project():
    assert report_kind("福建省农业农村厅2025年度农业产业发展资金（一级项目）绩效自评报告") == "project_self_evaluation"
    assert report_kind("福建省农业农村厅2025年度农业产业发展资金绩效自评报告") == "special_fund_self_evaluation"


def test_projects_picked_out_for_a_check_are_no_count(tmp_path):
    lines = [*HEAD, "　　自评采取资料核查与实地抽查相结合的方式，选取宁德、南平、漳州3个设区市的11个项目开展实地抽查。",
             "　　年内抽查项目86个，对发现的4个项目台账不规范等问题下发整改通知。"]
    result = check_text(tmp_path, lines)
    assert "count" not in (result.report.get("projects_summary") or {})
    assert problems(result) == []


def form_report(path) -> None:
    """A 一级项目's report with its form, whose prose gives a part's score after the project's name and a 二级项目 named
    after it with its own figures."""
    paragraphs = ["福建省农业农村厅2025年度农业产业发展资金（一级项目）绩效自评报告", "一、项目基本情况",
                  "三、项目绩效目标完成情况",
                  "农业产业发展资金产出指标分值50分，自评得分49.33分。",
                  "四、二级项目自评情况",
                  "1.农业产业发展资金（省级统筹部分）。年初预算800.00万元，全年预算1,120.00万元，实际支出1,086.29万元，执行率96.99%。"
                  "自评得分98.20分，等级为“优”。",
                  "五、自评结论", "农业产业发展资金全年预算13,850.00万元，实际支出13,571.97万元，执行率97.99%，自评得分99.13分，等级为“优”。",
                  "附件：项目支出绩效自评表"]
    rows = [["项目名称", "农业产业发展资金", "", "", "", "", ""],
            ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "13,400.00", "13,850.00", "13,571.97", "10", "97.99%", "9.80"],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "建设省级现代农业产业园", "≥12个", "12个", "50", "49.33"],
            ["效益指标", "经济效益指标", "主导产业产值占比", "≥50%", "53.6%", "30", "30"],
            ["满意度指标", "服务对象满意度指标", "经营主体满意度", "≥90%", "95.2%", "10", "10"],
            ["总分", "", "", "", "", "100", "99.13"],
            ["自评等级", "优", "", "", "", "", ""]]
    word_with_table(path, paragraphs, rows)


def test_a_parts_score_and_a_part_named_after_the_project_are_not_the_projects(tmp_path):
    form_report(tmp_path / "报告.docx")
    result = check_file(tmp_path / "报告.docx")
    assert [f.message for f in result.findings if f.rule_id == "JX-CONFLICT"] == []
    assert str(result.report["projects"][0]["total_score"]) == "99.13"
