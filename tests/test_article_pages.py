"""Reports published as WeChat 公众号 articles or on a 政务号 or county app, as a reviewer saves or copies them: the
article's body WeChat keeps hidden until its script runs (a page saved as HTML only), the headline over the report's
own title, the account's line with its date and time of posting, the buttons and the list of other articles around
it, and a phone's copy (【一、…】 headings, ◆ and emoji before lines, tables one cell a line)."""

from __future__ import annotations

from pathlib import Path

from jixiao.engine import Auditor, Options
from jixiao.plugins.extractors.chrome import strip_chrome
from jixiao.plugins.extractors.normalize import SourceLine

BODY = [
    "某县农业农村局2025年度高山蔬菜产业提升项目绩效自评报告",
    "一、项目基本情况",
    "（一）项目概况",
    "项目由县农业农村局实施，建设高山蔬菜标准化基地。",
    "二、项目资金使用及管理情况",
    "（一）资金执行情况",
    "截至2025年12月31日，项目实际支出325.04万元，执行率98.14%。按支出内容分：基地建设255.68万元，冷链设施{part}万元，"
    "农残检测17.26万元，技术培训8.90万元。",
    "三、项目绩效目标完成情况",
    "项目自评得分96.50分，自评等级为优。",
    "某县农业农村局",
    "2026年3月20日",
]


def body(part: str = "43.20") -> list[str]:
    return [line.replace("{part}", part) for line in BODY]


def check(path: Path):
    return Auditor(Options()).check_path(str(path))


def wechat_page(path: Path, lines: list[str], published: str = "") -> Path:
    """A WeChat article page as served (网页，仅HTML: the body hidden until the script runs, the posting time left for
    the script to fill) or as the browser saved it after the script ran (`published` filled in)."""
    hidden = "" if published else ' style="visibility: hidden;"'
    ip, ip_hidden = ("浙江", "") if published else ("", ' style="display: none;"')  # (the account's place: by the script)
    article = "".join(f'<p style="margin: 0px 8px 16px;"><span leaf="">{line}</span></p>' for line in lines)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>晒账单｜2025年度高山蔬菜产业提升项目绩效自评报告</title>
<script>var ct = "1774000000";</script></head><body>
<div class="rich_media_area_primary_inner"><div id="img-content" class="rich_media_wrp">
<h1 class="rich_media_title" id="activity-name">晒账单｜2025年度高山蔬菜产业提升项目绩效自评报告</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_nickname" id="profileBt">
<a href="javascript:void(0);" id="js_name">某县农业农村</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text">{published}</em>
<em id="js_ip_wording_wrp" class="rich_media_meta rich_media_meta_text"{ip_hidden}><span id="js_ip_wording">{ip}</span></em></div>
<div class="rich_media_content js_underline_content" id="js_content"{hidden}>{article}
<p><span leaf="">▼点击蓝字关注我们▼</span></p></div>
<div id="js_read_area3"><a id="js_view_source">阅读原文</a><span>阅读 1,024</span><span>分享</span><span>赞</span><span>在看</span></div>
<div><p>留言</p><p>写留言</p></div>
<div class="related_article"><p>喜欢此内容的人还喜欢</p>
<p>某县农业农村局2024年度高山蔬菜产业提升项目绩效自评报告</p><p>某县农业农村2025年3月28日</p>
<p>2026年度某县农业农村局部门预算公开</p><p>某县农业农村2026年2月10日</p></div>
<p>微信扫一扫</p><p>关注该公众号</p>
<script>document.getElementById('js_content').style.visibility = 'visible';</script>
</div></div></body></html>"""
    path.write_text(page, encoding="utf-8")
    return path


def test_a_wechat_article_saved_as_html_only_is_read(tmp_path):
    """The body is kept hidden (visibility: hidden) until WeChat's script shows it: what the reviewer saved is that
    article, read as the page shows it online; the headline over it (晒账单｜…) and the account's name are not its
    title; the list of other articles under it (another year's report and its date) is not the report's."""
    result = check(wechat_page(tmp_path / "article.html", body("53.20")))
    report = result.report
    assert report["title"] == BODY[0] and report["department"]["name"] == "某县农业农村局"
    assert [s["title"] for s in report["sections"]][:2] == ["项目基本情况", "项目概况"]
    assert "disclosure" not in report  # (no posting time: the script never ran)
    assert {f.rule_id for f in result.findings if f.severity in ("warning", "error")} == {"NAT-ARITH-011"}


def test_a_wechat_article_saved_complete_says_when_it_was_posted(tmp_path):
    """The account's line (某县农业农村 2026年3月27日 18:05 浙江) says when the article was posted: the report's
    disclosure, where the report states none."""
    result = check(wechat_page(tmp_path / "article.html", body(), published="2026年3月27日 18:05"))
    report = result.report
    assert report["title"] == BODY[0]
    assert str(report["disclosure"]["date"]) == "2026-03-27" and str(report["report_date"]) == "2026-03-20"
    assert not [f for f in result.findings if f.severity in ("warning", "error")]


def test_a_news_app_page_its_buttons_headline_and_posting_line(tmp_path):
    path = tmp_path / "toutiao.html"
    lines = ["今日头条首页下载头条侵权投诉头条产品", "登录", "赞", "评论", "收藏", "分享",
             "某县农业农村局公开2025年度高山蔬菜产业提升项目绩效自评报告", "2026-03-31 10:15·某县农业·发布于浙江政务", *body()]
    path.write_text("<html><body>" + "".join(f"<div>{line}</div>" for line in lines) + "</body></html>", encoding="utf-8")
    report = check(path).report
    assert report["title"] == BODY[0]
    assert str(report["disclosure"]["date"]) == "2026-03-31"


def test_a_phone_copy_of_an_article(tmp_path):
    """Copied from the phone into a text file: the account's prompt over the title, 【】 around the headings, ◆ and
    emoji before lines, short wrapped lines; a sum of what the spending went on, stated a sentence after it."""
    lines = ["点击蓝字", "关注我们", "", "某县农业农村局2025年度", "高山蔬菜产业提升项目", "绩效自评报告", "",
             "【一、项目基本情况】", "", "◆（一）项目概况", "项目由县农业农村局实施，建设高山蔬菜标准化基地。", "",
             "【二、项目资金使用及管理情况】", "", "◆（一）资金执行情况", "截至2025年12月31日，项目实际支出",
             "325.04万元，执行率98.14%。按支", "出内容分：基地建设255.68万元，冷", "链设施53.20万元，农残检测",
             "17.26万元，技术培训8.90万元。", "", "【三、项目绩效目标完成情况】", "📌项目自评得分96.50分，自评等级为优。",
             "✅各项指标均已完成。", "", "某县农业农村局", "2026年3月20日", "", "来源：某县农业农村局", "编辑：张三"]
    path = tmp_path / "copied.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = check(path)
    report = result.report
    assert report["kind"] == "project_self_evaluation" and report["title"] == BODY[0]
    assert [(s["number"], s["title"]) for s in report["sections"]] == [
        ("一、", "项目基本情况"), ("（一）", "项目概况"), ("二、", "项目资金使用及管理情况"), ("（一）", "资金执行情况"),
        ("三、", "项目绩效目标完成情况")]
    [found] = [f for f in result.findings if f.severity in ("warning", "error")]
    assert found.rule_id == "NAT-ARITH-011" and "335.04" in found.message and found.location.line == 17


def test_uses_of_the_spending_that_add_up_pass(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("\n".join(body("43.20")), encoding="utf-8")
    result = check(path)
    assert not [f for f in result.findings if f.rule_id == "NAT-ARITH-011"]
    assert any(run.rule_id == "NAT-ARITH-011" and run.status == "passed" for run in result.rule_runs)


def test_uses_after_two_amounts_spent_are_no_sum(tmp_path):
    """The sentence before names two amounts spent (the project's and the department's): which one the uses part is
    not said, so nothing is summed."""
    lines = body("53.20")
    lines[6] = lines[6].replace("执行率98.14%。", "执行率98.14%，全局实际支出4,210.50万元。")
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert not [f for f in check(path).findings if f.rule_id == "NAT-ARITH-011"]


def test_a_date_and_time_above_a_printed_pdfs_title_is_no_posting_time():
    """A browser prints the date and time over each page of a PDF: when it was printed, not when it was posted."""
    lines = [SourceLine("2026/4/2 09:30", 1, 1), SourceLine(BODY[0], 2, 1), SourceLine("一、项目基本情况", 3, 1)]
    assert strip_chrome(lines, running=True, web=False)[1] is None
    assert strip_chrome(lines, running=False, web=True)[1].date == "2026-04-02"


def test_a_posting_date_after_another_label_or_in_the_index_box_is_the_disclosure():
    """发布机构：某局　发布日期：2026-04-03, on a line of its own or in the index box a printed page rules as a table."""
    title = SourceLine(BODY[0], 3, 1)
    for index in (SourceLine("发布机构： 某县农业农村局 发布日期： 2026-04-03", 2, 1),
                  SourceLine("发布机构： 某县农业农村局 发布日期： 2026-04-03", 2, 1, table=1)):
        posted = strip_chrome([SourceLine("索引号： 11140922MB1E48302K/2026-00218", 1, 1), index, title], running=True)[1]
        assert posted is not None and posted.date == "2026-04-03"


def test_a_years_change_after_last_years_spending(tmp_path):
    """2024年实际支出…万元，2025年增加…万元，增长…%: the year's spending against last year's (heldout58); the funds
    allocated (2024年中央下达资金…，2025年增加…) are not the spending."""
    lines = body()
    lines[6] = lines[6] + "2024年实际支出310.52万元，2025年增加14.52万元，增长4.68%。"
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    overall = check(path).report["overall"]
    assert (str(overall["change_amount"]), str(overall["change_rate"])) == ("14.52", "4.68")
    lines[6] = lines[6].replace("2024年实际支出310.52万元", "2024年中央下达资金310.52万元")
    path.write_text("\n".join(lines), encoding="utf-8")
    assert "change_amount" not in check(path).report.get("overall", {})


def test_a_date_and_time_that_says_when_the_form_was_filled_is_no_posting_time():
    lines = [SourceLine(BODY[0], 1, None), SourceLine("填报时间：2026年3月20日 10:30", 2, None),
             SourceLine("一、项目基本情况", 3, None)]
    assert strip_chrome(lines, running=False, web=True)[1] is None


def test_a_bilingual_report_is_read_in_its_chinese(tmp_path):
    """A minority area's report with each paragraph first in Tibetan (the same figures again) and bilingual headings:
    the Chinese is read, the translation neither as a second statement of its figures nor into the title (heldout59)."""
    tibetan = "ལས་གཞིའི་མ་དངུལ་སྒོར་ཁྲི 325.04 བཏང་། ལག་བསྟར་ཚད 98.14%"
    lines = ["ཁྲོམ་སྡེ་ཞིང་ལས་ཅུས་ཀྱི་ལས་གཞིའི་སྙན་ཞུ།", *body("53.20")]
    lines.insert(7, tibetan)  # (before the Chinese paragraph it translates)
    lines[2] = "一、ལས་གཞིའི་གནས་ཚུལ། 项目基本情况"
    path = tmp_path / "bilingual.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = check(path)
    report = result.report
    assert report["title"] == BODY[0] and report["sections"][0]["title"] == "项目基本情况"
    assert [f.rule_id for f in result.findings if f.severity in ("warning", "error")] == ["NAT-ARITH-011"]


def test_a_bilingual_header_cell_reads_as_its_chinese():
    from jixiao.plugins.extractors.normalize import chinese_cell

    assert chinese_cell("项目名称 / ལས་གཞིའི་མིང་།") == "项目名称"
    assert chinese_cell("其中：本年财政拨款/དེའི་ནང་།") == "其中：本年财政拨款"
    assert chinese_cell("乡村道路养护") == "乡村道路养护"


def test_a_sentence_naming_a_platform_is_content_not_its_button():
    kept, _ = strip_chrome([SourceLine("今日头条、抖音等平台发布宣传视频12条。", 1, None), SourceLine("今日头条", 2, None),
                            SourceLine("点击蓝字", 3, None), SourceLine("关注我们", 4, None)], running=False, web=True)
    assert [line.text for line in kept] == ["今日头条、抖音等平台发布宣传视频12条。"]
