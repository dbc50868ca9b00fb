"""A department's many projects summarised in a 项目支出绩效自评结果汇总表 (heldout94: a row each, 小计 rows in a web copy,
a few projects' forms attached) and deadlines by the quarter (heldout93). Each test writes a report as a text file and
checks it with the real extractors and the built-in packs."""

from __future__ import annotations

import pytest

from tests.helpers import check_text, problems

HEAD = ["阳朔县住房和城乡建设局2025年度部门整体支出绩效自评报告", "一、部门基本情况",
        "　　2025年阳朔县住房和城乡建设局年初预算6,443.40万元，全年预算6,953.60万元，全年实际支出6,607.97万元，预算执行率95.03%。",
        "二、项目支出绩效自评情况",
        "　　2025年部门项目支出共安排5个项目，5个项目全部开展了绩效自评。自评等级为“优”的4个、“良”的1个。资金量较大的2个项目的"
        "自评表作为附件一并报送。",
        "表1 阳朔县住房和城乡建设局2025年度项目支出绩效自评结果汇总表",
        "单位：万元",
        "序号\t项目名称\t实施单位\t全年预算数\t全年执行数\t执行率（%）\t自评得分\t自评等级",
        "1\t城镇老旧小区改造县级配套\t阳朔县住房和城乡建设局\t1,535.29\t1,476.49\t96.17\t99.62\t优",
        "2\t传统村落保护利用\t阳朔县住房和城乡建设局\t258.02\t246.25\t95.44\t99.54\t优",
        "局机关小计\t1,793.31\t1,722.74\t96.06\t—\t—",
        "3\t农村危房改造\t阳朔县住房保障服务中心\t806.00\t754.01\t93.55\t95.85\t优",
        "4\t城镇住房租赁补贴\t阳朔县住房保障服务中心\t311.83\t296.80\t95.18\t98.52\t优",
        "5\t公共租赁住房维修维护\t阳朔县住房保障服务中心\t203.74\t202.25\t99.27\t86.37\t良",
        "县住房保障服务中心小计\t1,321.57\t1,253.06\t94.82\t—\t—",
        "合计\t3,114.88\t2,975.80\t95.53\t—\t—"]


def test_a_summarys_rows_are_the_projects_and_its_subtotals_line_up(tmp_path):
    result = check_text(tmp_path, HEAD)
    projects = result.report["projects"]
    assert [(p["name"], str(p["total_score"]), p["grade"]) for p in projects] == [
        ("城镇老旧小区改造县级配套", "99.62", "优"), ("传统村落保护利用", "99.54", "优"), ("农村危房改造", "95.85", "优"),
        ("城镇住房租赁补贴", "98.52", "优"), ("公共租赁住房维修维护", "86.37", "良")]
    # the 小计 rows lined up under their columns (no 94.12 taken for a budget); the attached forms are no count
    assert problems(result) == []
    assert result.report["projects_summary"]["count"] == 5
    assert str(result.report["overall"]["initial_budget"]) == "6443.40"  # (the department named in its own sentence)


def test_a_summarys_grade_that_does_not_match_its_score_is_found(tmp_path):
    lines = [line.replace("86.37\t良", "86.37\t优") for line in HEAD]
    lines = [line.replace("“优”的4个、“良”的1个", "“优”的5个") for line in lines]
    assert "NAT-GRADE-005" in problems(check_text(tmp_path, lines))


def test_a_deadline_by_the_quarter_met_in_time_is_no_figure_missing(tmp_path):
    lines = ["高台县水务局2025年度灌区渠系维修改造项目绩效自评报告", "一、项目基本情况",
             "　　项目全年预算320.00万元，实际支出312.50万元，执行率97.66%。",
             "项目名称\t高台县2025年灌区渠系维修改造项目",
             "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
             "年度资金总额\t300.00\t320.00\t312.50\t10\t97.66%\t9.77",
             "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
             "产出指标\t数量指标\t维修改造渠道长度\t≥12公里\t12.4公里\t30\t30\t",
             "产出指标\t时效指标\t渠系改造完工时间\t2025年第三季度\t2025年9月26日\t20\t20\t",
             "效益指标\t社会效益指标\t受益灌溉面积\t≥3.2万亩\t3.3万亩\t30\t30\t",
             "满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%\t95%\t10\t10\t",
             "总分\t\t\t\t\t100\t99.77\t"]
    result = check_text(tmp_path, lines)
    indicator = result.report["projects"][0]["indicators"][1]
    assert (indicator["target_op"], indicator["target"]) == ("by_date", "2025年第三季度")
    assert problems(result) == []
    late = [line.replace("2025年9月26日", "2025年10月20日") for line in lines]  # missed, yet full marks
    assert "NAT-TBL-002" in problems(check_text(tmp_path, late, name="late.txt"))


def test_a_summary_row_naming_an_attached_forms_project_shortened_is_that_project(tmp_path):
    form = ["三、存在的问题及改进措施", "　　部分项目前期工作不够扎实，执行进度前慢后快，下一步将加强项目储备和执行监控。",
            "附件1：项目支出绩效自评表", "项目名称\t阳朔县城镇老旧小区改造县级配套资金项目",
            "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
            "年度资金总额\t1,500.00\t1,535.29\t1,476.49\t10\t96.17%\t9.62",
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
            "产出指标\t数量指标\t改造老旧小区个数\t≥12个\t12个\t50\t50\t",
            "效益指标\t社会效益指标\t受益居民户数\t≥2600户\t2680户\t30\t30\t",
            "满意度指标\t服务对象满意度指标\t居民满意度\t≥90%\t96%\t10\t10\t",
            "总分\t\t\t\t\t100\t99.62\t",
            "自评等级\t优"]
    result = check_text(tmp_path, [*HEAD, *form])
    names = [p["name"] for p in result.report["projects"]]
    # the summary's 城镇老旧小区改造县级配套 is the form's project (named in full on the form): five projects, not six
    assert names == ["阳朔县城镇老旧小区改造县级配套资金项目", "传统村落保护利用", "农村危房改造", "城镇住房租赁补贴",
                     "公共租赁住房维修维护"]
    assert problems(result) == []


FORM = ["附件2", "阳朔县公共租赁住房维修维护项目绩效自评表",
        "项目名称\t阳朔县公共租赁住房维修维护项目",
        "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
        "年度资金总额\t200.00\t203.74\t202.25\t10\t99.27%\t9.93",
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
        "产出指标\t数量指标\t维修公租房套数\t≥120套\t126套\t30\t30\t",
        "产出指标\t时效指标\t维修完成时间\t2025年11月底前\t2025年11月20日\t20\t20\t",
        "效益指标\t社会效益指标\t公租房分配入住户数\t≥500户\t274户\t30\t16.44\t部分房源维修后尚在分配，下一年度加快分配入住",
        "满意度指标\t服务对象满意度指标\t承租户满意度\t≥90%\t93%\t10\t10\t",
        "总分\t\t\t\t\t100\t86.37\t"]


def test_a_summary_row_naming_a_form_shortened_is_compared_with_the_form(tmp_path):
    """The summary's 公共租赁住房维修维护 is the form's 阳朔县公共租赁住房维修维护项目: its score is compared with the form's."""
    same = check_text(tmp_path, [*HEAD, *FORM])
    assert problems(same) == []
    assert [p["name"] for p in same.report["projects"]].count("公共租赁住房维修维护") == 0  # (the form's project, not a second)
    differs = check_text(tmp_path, [*[line.replace("99.27\t86.37\t良", "99.27\t88.37\t良") for line in HEAD], *FORM])
    [conflict] = [f for f in differs.findings if f.rule_id == "JX-CONFLICT"]
    assert conflict.values["summary"] is True and (conflict.values["first"], conflict.values["second"]) == (
        __import__("decimal").Decimal("86.37"), __import__("decimal").Decimal("88.37"))
    assert "阳朔县公共租赁住房维修维护项目" in conflict.message



@pytest.mark.parametrize("after", ["附件2", "附表一", "表2", "2026年3月18日", "2026年3月"])
def test_a_heading_or_a_date_right_under_a_total_row_is_no_cell_of_it(tmp_path, after):
    """A web copy's table ends on its 合计 row (fewer cells than the header: 合计 spans three columns) and the next line,
    with no blank between, is the next part's heading or the signing date: the row keeps its figures under their columns
    (read as the row's last cell, 3,114.88 would sit under 实施单位 and 2,975.80 under 全年预算数: two false sums)."""
    result = check_text(tmp_path, [*HEAD, after, "三、存在的问题", "　　个别项目前期工作推进较慢。"])
    assert problems(result) == []
