"""Reports re-issued with corrections: a 修订说明 above the report, a 更正说明 below it, a site's 更正公告 above the
corrected text, a form marked void before the form replacing it, an erratum table (勘误表) after the forms. The
corrected figure is the report's: the old figures a correction quotes are no statements, its date is not the
report's, and what jixiao left out or read as corrected is said in one info finding."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx

from helpers import check_file as check
from helpers import problems as ids
from jixiao.plugins.extractors.corrections import Corrections, strip_notes
from jixiao.plugins.extractors.normalize import SourceLine

CORPUS = Path(__file__).parent / "corpus" / "heldout60"

BODY = [
    "某县文化广电体育和旅游局2025年度公共体育设施提升项目绩效自评报告",
    "一、项目基本情况",
    "项目由县文化广电体育和旅游局实施，新建全民健身路径24套。",
    "二、项目资金使用及管理情况",
    "（一）资金执行情况",
    "截至2025年12月31日，项目全年预算316.60万元，实际支出309.02万元，执行率97.61%。",
    "三、自评结论",
    "项目自评得分99.26分，自评等级为优。",
    "本报告将于2026年4月15日前在县人民政府网站公开。",
    "某县文化广电体育和旅游局",
    "2026年3月16日",
]
NOTE = ("修订说明：经复核，项目实际支出由305.42万元更正为309.02万元，执行率由96.47%更正为97.61%，执行率得分由9.65分更正为"
        "9.76分，自评总分由99.15分更正为99.26分，自评等级不变。（2026年4月2日修订）")




def said(result):
    return next(f for f in result.findings if f.values.get("problem") == "corrections")


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_revision_note_above_the_report_is_not_read_and_is_said(tmp_path):
    result = check(write(tmp_path / "r.txt", [BODY[0], "（修订稿）", NOTE, *BODY[1:]]))
    assert ids(result) == []  # (9.65 read as the score: 得分 9.65 against 99.26, and a grade 差 for 9.65)
    assert str(result.report["overall"]["final"]) == "309.02" and str(result.report["overall"]["score"]) == "99.26"
    info = said(result)
    assert info.severity == "info" and info.location.line == 3 and "第 3 行起的修订说明未作为报告内容读取" in info.message
    english = said(check(tmp_path / "r.txt", lang="en")).message
    assert "the 修订说明 from line 3 was not read as the report" in english


def test_a_note_below_the_report_and_its_date_are_not_the_reports(tmp_path):
    note = ["更正说明：本局2026年3月25日发布的报告中，项目实际支出误录为305.42万元，现更正为309.02万元，其他内容不变。",
            "某县文化广电体育和旅游局", "2026年4月7日"]
    result = check(write(tmp_path / "r.txt", [*BODY, *note]))
    assert ids(result) == []
    assert str(result.report["report_date"]) == "2026-03-16"  # (not the note's 4月7日)
    assert str(result.report["overall"]["final"]) == "309.02"
    assert said(result).location.line == len(BODY) + 1


def test_a_sites_correction_notice_above_the_corrected_text(tmp_path):
    notice = ["关于更正《某县文化广电体育和旅游局2025年度公共体育设施提升项目绩效自评报告》的公告",
              "我局于2026年3月20日公开了上述报告。经复核，现将有关内容更正如下：",
              "1. 项目实际支出原为305.42万元，现更正为309.02万元；执行率原为96.47%，现更正为97.61%。",
              "2. 自评总分原为99.15分，现更正为99.26分。",
              "特此公告。", "某县文化广电体育和旅游局", "2026年4月9日", "附：更正后的报告全文"]
    page = "".join(f"<p>{line}</p>" for line in [*notice, *BODY])
    path = tmp_path / "r.html"
    path.write_text(f'<html><head><meta charset="utf-8"></head><body><div id="zoom">{page}</div></body></html>',
                    encoding="utf-8")
    result = check(path)
    assert ids(result) == []
    assert result.report["title"] == BODY[0]  # (not 附：更正后的报告全文 joined to it, nor the notice's title)
    assert str(result.report["report_date"]) == "2026-03-16"
    assert str(result.report["disclosure"]["date"]) == "2026-04-15"  # (the notice's 3月20日 is the first posting)
    assert "第 1 段起的更正公告" in said(result).message


def test_a_notice_title_is_only_a_notice_above_the_report(tmp_path):
    # a document a report cites, its title wrapped onto a line of its own, is no notice
    lines = [*BODY[:3], "按照《关于进一步做好绩效自评报告更正工作的通知", "》要求，我局组织开展自评。", *BODY[3:]]
    result = check(write(tmp_path / "r.txt", lines))
    assert not any(f.values.get("problem") == "corrections" for f in result.findings)
    assert str(result.report["overall"]["final"]) == "309.02" and str(result.report["report_date"]) == "2026-03-16"


def test_a_sentence_correcting_a_figure_in_the_body_is_no_statement(tmp_path):
    lines = list(BODY)
    lines[5] += "（其中实际支出原为305.42万元，现更正为309.02万元。）"
    result = check(write(tmp_path / "r.txt", lines))
    assert ids(result) == []
    assert str(result.report["overall"]["final"]) == "309.02"


def test_a_budget_adjusted_during_the_year_is_no_correction():
    adjusted = "项目全年预算由年初的300.00万元调整为316.60万元，实际支出309.02万元。"
    corrected = "（实际支出由305.42万元更正为309.02万元。）"
    lines = [SourceLine(adjusted, 1), SourceLine("项目实际支出309.02万元。" + corrected, 2)]
    found = Corrections()
    kept = strip_notes(lines, found)
    assert [line.display or line.text for line in kept] == [adjusted, "项目实际支出309.02万元。" + " " * len(corrected)]
    assert found.notes == []


def test_a_form_marked_void_is_not_read_and_the_form_replacing_it_is():
    result = check(CORPUS / "zhejiang-jiangshan-sewage-project-2025-replaced-form-missing-reason.docx")
    project = result.report["projects"]
    assert len(project) == 1  # (the void form is no second project)
    household = next(i for i in project[0]["indicators"] if i["level3"] == "受益农户")
    assert household["actual"] == "2960户" and str(household["score"]) == "14.80"
    assert ids(result) == ["NAT-CMP-001"]
    assert said(result).values["void"] == [1] and "表 1 标明已作废，未检查" in said(result).message


def test_an_erratum_table_is_applied_and_said():
    result = check(CORPUS / "guizhou-meitan-health-dept-2025-errata-appended-clean.docx")
    assert ids(result) == []  # (as printed, 14,625.36 + 4,531.61 is not the 19,183.97 spent)
    assert str(result.report["overall"]["basic_expenditure"]) == "14652.36"
    assert str(result.report["projects"][0]["implementer"]) == "湄潭县疾病预防控制中心"
    assert said(result).values["applied"] == [["其中基本支出14,625.36万元", "其中基本支出14,652.36万元"],
                                             ["湄潭县妇幼保健院", "湄潭县疾病预防控制中心"]]


def test_an_erratum_that_cannot_be_placed_is_not_applied_and_the_text_is_checked_as_printed(tmp_path):
    path = tmp_path / "r.docx"
    shutil.copy(CORPUS / "guizhou-meitan-health-dept-2025-errata-appended-clean.docx", path)
    document = docx.Document(str(path))
    erratum = document.tables[-1]
    cell = erratum.rows[1].cells[2].paragraphs[0]
    for run in cell.runs[1:]:
        run.text = ""
    cell.runs[0].text = "其中基本支出14,265.36万元"  # (misquoted: printed nowhere)
    document.save(str(path))
    result = check(path)
    assert "NAT-ARITH-002" in ids(result)  # (the body's sum, as printed, does not add up)
    info = said(result)
    assert info.values["not_applied"] == [["其中基本支出14,265.36万元", "其中基本支出14,652.36万元"]]
    assert "未能在报告中确定位置，未应用，请人工核对" in info.message
