"""Reports that reach the bureau as plain text today: a Markdown draft (## headings, **bold**, --- rules, the 自评表 as
a pipe table, in a ``` block or not), an e-mail saved from a mailbox (.eml: the report in the message, a reply's quoted
lines and the headers of the message it quotes around it), and text copied out of a PDF viewer whose form's columns
are lined up with spaces, a label set down a column of its own to the left."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

from helpers import check_file as check
from helpers import problems

CORPUS = Path(__file__).parent / "corpus" / "heldout65"

REPORT = ["某县农业农村局2025年度脐橙病害防控项目绩效自评报告", "一、项目基本情况",
          "项目由县农业农村局实施，全年预算383.40万元。", "二、项目资金使用及管理情况",
          "截至2025年12月31日，项目实际支出376.50万元，执行率98.20%。", "三、自评结论",
          "项目自评得分98.50分，自评等级为“优”。本报告将于2026年{day}日前在县人民政府网站公开。",
          "某县农业农村局", "2026年3月20日"]
FORM = ["| 资金来源 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |",
        "|---|---:|---:|---:|---:|---:|---:|",
        "| **年度资金总额** | **340.00** | **383.40** | **376.50** | 10 | **98.20%** | **9.82** |",
        "| 其中：本年财政拨款 | 320.00 | 345.00 | {own} | — | — | — |",
        "| 上年结转资金 | 0.00 | 18.40 | 18.40 | — | — | — |",
        "| 其他资金 | 20.00 | 20.00 | 20.00 | — | — | — |"]


def markdown(own: str = "338.10", fenced: bool = False) -> str:
    head = ["好的，以下是整理后的报告完整稿。", "", "---", "", f"# {REPORT[0]}", ""]
    body = [f"## {line}" if line[:2] in ("一、", "二、", "三、") else line for line in REPORT[1:]]
    body = [line.replace("{day}", "4月15") for line in body]
    form = [line.replace("{own}", own) for line in FORM]
    named = ["| 项目 | 内容 |", "|---|---|", "| 项目名称 | 某县脐橙病害防控项目 |", "| 主管部门 | 某县农业农村局 |"]
    table = ["```text", *named, "", *form, "```"] if fenced else [*named, "", *form]
    return "\n".join([*head, *body, "", "## 附件", "", *table, "", "---", "如需调整格式，请告诉我。"]) + "\n"


def test_a_markdown_draft_reads_past_its_markup_and_reads_its_pipe_table(tmp_path):
    for fenced in (False, True):
        path = tmp_path / f"draft-{fenced}.md"
        path.write_text(markdown(fenced=fenced), encoding="utf-8")
        result = check(path)
        assert result.report["title"] == REPORT[0] and result.report["kind"] == "project_self_evaluation"
        project = result.report["projects"][0]
        assert str(project["executed"]) == "376.50" and str(project["fund_rows"][0]["executed"]) == "338.10"
        assert problems(result) == []
    wrong = tmp_path / "wrong.md"
    wrong.write_text(markdown(own="333.10"), encoding="utf-8")
    found = [f for f in check(wrong).findings if f.rule_id == "NAT-TBL-001"]
    assert len(found) == 1 and "333.10" in found[0].message


def mail(path: Path, day: str, attach: bool = False) -> Path:
    message = EmailMessage()
    message["From"] = "某县农业农村局 <nyj@example.gov.cn>"
    message["To"] = "某县财政局绩效科 <jxk@example.gov.cn>"
    message["Subject"] = "回复：请报送2025年度项目绩效自评报告"
    message["Date"] = "Mon, 23 Mar 2026 09:12:00 +0800"
    earlier = ["> 在 2026年3月18日 星期三 10:05，某县财政局绩效科 写道：", "> 请于3月25日前报送。",
               "> > 项目实际支出370.20万元，执行率96.56%。"]  # (an earlier draft quoted: its figures are not the report's)
    body = [line.replace("{day}", day) for line in REPORT]
    message.set_content("\n".join(["绩效科：", "", "现将我局报告发送如下，请审核。", "", *body, "", *earlier]) + "\n",
                        cte="8bit")
    if attach:
        message.add_attachment(b"PK\x03\x04", maintype="application", subtype="octet-stream", filename="自评表.xlsx")
    path.write_bytes(bytes(message))
    return path


def test_an_email_reads_its_message_without_the_quoted_draft_and_keeps_the_files_line_numbers(tmp_path):
    result = check(mail(tmp_path / "r.eml", "4月15"))
    assert result.report["title"] == REPORT[0] and str(result.report["overall"]["final"]) == "376.50"
    assert problems(result) == []  # (the quoted draft's 370.20 would conflict with 376.50)
    early = check(mail(tmp_path / "early.eml", "3月16"))
    found = [f for f in early.findings if f.rule_id == "NAT-DATE-002"]
    lines = (tmp_path / "early.eml").read_text(encoding="utf-8").splitlines()
    assert len(found) == 1 and "3月16日前" in lines[found[0].location.line - 1]  # (the .eml file's own line)


def test_an_emails_attachments_are_named_and_a_broken_file_is_a_clear_error(tmp_path):
    result = check(mail(tmp_path / "r.eml", "4月15", attach=True))
    said = [f for f in result.findings if f.values.get("problem") == "mail_attachments"]
    assert len(said) == 1 and said[0].severity == "info" and "自评表.xlsx" in said[0].message
    (tmp_path / "empty.eml").write_bytes(b"From: a@b.c\r\nSubject: x\r\nContent-Type: image/png\r\n\r\n\x89PNG")
    failed = check(tmp_path / "empty.eml")
    assert failed.status == "unreadable" and "没有正文文字" in failed.findings[0].message


def test_a_label_set_down_a_column_left_of_a_spaced_forms_header_is_no_cell():
    result = check(CORPUS / "guangdong-pingyuan-county-water-project-2025-pdf-copy-spaces-clean.txt")
    assert problems(result) == []  # (绩效 / 指标 read as the first cell: every column one to the right, a weight of 94.5)
    quality = next(i for i in result.report["projects"][0]["indicators"] if i["level3"] == "农村集中供水工程水质达标率")
    assert (quality["target"], quality["actual"], str(quality["weight"])) == ("≥92%", "94.5%", "10")
