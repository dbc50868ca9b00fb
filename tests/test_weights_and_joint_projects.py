"""Forms scored in other schemes (heldout99: 一级指标 小计 rows, a 评分标准 column with a rule of its own, weights in
percent) and projects carried out by several bodies (heldout100: fund rows each labelled 其中). Each test writes a
report as a text file and checks it with the real extractors and the built-in packs."""

from __future__ import annotations

from tests.helpers import check_text, problems

HEAD = ["古浪县农业农村局2025年度农村人居环境整治提升项目绩效自评报告", "一、项目基本情况",
        "　　项目由古浪县农业农村局牵头，县住建局、县卫健局配合，全年预算1,915.50万元，实际支出1,848.07万元，执行率96.48%。",
        "项目名称\t古浪县2025年农村人居环境整治提升项目"]
FUNDS = ["项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分",
         "年度资金总额\t1,820.00\t1,915.50\t1,848.07\t10\t96.48%\t9.65",
         "其中：中央财政衔接资金\t1,100.00\t1,100.00\t1,058.61\t—\t—\t—",
         "其中：省级财政衔接资金\t380.00\t420.00\t408.36\t—\t—\t—",
         "其中：市级配套资金\t140.00\t140.00\t136.92\t—\t—\t—",
         "其中：县级配套资金\t200.00\t255.50\t244.18\t—\t—\t—"]
INDICATORS = ["一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施",
              "产出指标\t数量指标\t改造农村户厕数\t≥1200户\t1236户\t20\t20\t",
              "产出指标\t质量指标\t改厕验收合格率\t≥95%\t97.2%\t15\t15\t",
              "产出指标\t时效指标\t年度任务完成时间\t2025年11月30日前\t2025年11月26日\t15\t15\t",
              "产出指标小计\t\t\t\t\t50\t50\t",
              "效益指标\t社会效益指标\t村庄人居环境改善\t明显改善\t明显改善\t30\t30\t",
              "满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%\t94%\t10\t10\t",
              "总分\t\t\t\t\t100\t99.65\t"]
TAIL = ["二、存在的问题", "　　个别乡镇后续管护机制有待完善。"]


def test_fund_rows_each_labelled_of_which_are_all_the_totals_parts(tmp_path):
    """中央财政衔接资金 · 省级 · 市级 · 县级, each row opening with 其中: four parts, not one part and three nested in it
    (NAT-TBL-001 compared 1,820.00 with 1,100.00 alone, in every column)."""
    result = check_text(tmp_path, [*HEAD, *FUNDS, *INDICATORS, *TAIL])
    assert problems(result) == []
    assert [row["label"] for row in result.report["projects"][0]["fund_rows"]] == [
        "中央财政衔接资金", "省级财政衔接资金", "市级配套资金", "县级配套资金"]
    wrong = [line.replace("市级配套资金\t140.00", "市级配套资金\t160.00") for line in FUNDS]
    assert "NAT-TBL-001" in problems(check_text(tmp_path, [*HEAD, *wrong, *INDICATORS, *TAIL], "wrong.txt"))


def test_a_subtotal_row_is_no_indicator_and_adds_up_its_rows(tmp_path):
    result = check_text(tmp_path, [*HEAD, *FUNDS, *INDICATORS, *TAIL])
    indicators = result.report["projects"][0]["indicators"]
    assert len(indicators) == 5 and "产出指标小计" not in [i["level3"] for i in indicators]
    wrong = [line.replace("产出指标小计\t\t\t\t\t50\t50", "产出指标小计\t\t\t\t\t50\t49") for line in INDICATORS]
    found = [f for f in check_text(tmp_path, [*HEAD, *FUNDS, *wrong, *TAIL], "wrong.txt").findings
             if f.severity in ("error", "warning")]
    assert [f.rule_id for f in found] == ["NAT-GRADE-010"]
    assert "产出指标小计得分" in found[0].message and "20 + 15 + 15 = 50" in found[0].message


def test_a_rows_own_scoring_rule_decides_its_partial_score(tmp_path):
    """满意度 88.6% against ≥90%, scored 9.30 by 每降低1个百分点扣0.5分: not the proportion's 9.84 (NAT-TBL-003);
    without the 评分标准 column the proportion is due (control)."""
    ruled = ["一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t评分标准\t得分\t偏差原因分析及改进措施",
             "产出指标\t数量指标\t改造农村户厕数\t≥1200户\t1236户\t50\t完成率×分值\t50\t",
             "效益指标\t社会效益指标\t村庄人居环境改善\t明显改善\t明显改善\t30\t定性评价\t30\t",
             "满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%\t88.6%\t10\t每降低1个百分点扣0.5分\t9.30\t部分群众对施工扬尘有意见",
             "总分\t\t\t\t\t100\t\t98.95\t"]
    funds = [line.replace("9.65", "9.65") for line in FUNDS]
    assert "NAT-TBL-003" not in problems(check_text(tmp_path, [*HEAD, *funds, *ruled, *TAIL]))
    plain = [line.replace("\t完成率×分值", "").replace("\t定性评价", "").replace("\t每降低1个百分点扣0.5分", "")
             .replace("\t评分标准", "").replace("100\t\t98.95", "100\t98.95") for line in ruled]
    assert "NAT-TBL-003" in problems(check_text(tmp_path, [*HEAD, *funds, *plain, *TAIL], "plain.txt"))


def test_a_weight_in_percent_is_no_rate_and_items_put_forward_are_no_projects(tmp_path):
    lines = ["平遥县文化和旅游局2025年度部门整体支出绩效自评报告", "一、部门基本情况",
             "　　全年推荐2个项目申报市级非遗代表性项目名录。",
             "二、部门整体绩效目标完成情况",
             "　　部门整体支出自评表采用权重制：预算执行率权重20%，产出指标权重40%，效益指标权重30%，满意度指标权重10%。",
             "三、项目支出绩效自评情况",
             "　　2025年本部门实施项目11个，全年预算1,584.40万元，实际支出1,504.34万元，执行率94.95%。",
             "四、自评结论",
             "　　部门全年预算2,742.86万元，实际支出2,655.21万元，部门整体预算执行率96.80%。"]
    result = check_text(tmp_path, lines)
    assert problems(result) == []
    assert str(result.report["overall"]["execution_rate"]) == "96.80"
    assert result.report["projects_summary"]["count"] == 11
