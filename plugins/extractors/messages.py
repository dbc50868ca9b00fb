"""The extractors' messages to reviewers (Chinese first, English with --lang en), and the names of the
figures they read."""

from __future__ import annotations

from jixiao.i18n import lookup

MESSAGES: dict[str, dict[str, str]] = {
    "not_found": {
        "zh": "以下数据未能从报告文本中识别，需要它们的规则已跳过：{names}",
        "en": "These figures were not found in the report's text; the rules that need them were skipped: {names}",
    },
    "conflict": {
        "zh": "“{name}”在报告中前后不一致：第 {line} 行为 {first}，第 {other_line} 行为 {second}",
        "en": "{name} is stated twice with different values: {first} at line {line}, {second} at line {other_line}",
    },
    "scanned": {
        "zh": "PDF 没有文字层（可能是扫描件），无法读取报告内容；请提供可以复制文字的 PDF，或先做文字识别（OCR）",
        "en": "The PDF has no text layer (it looks scanned), so nothing could be read; supply a PDF with selectable text or run OCR first",
    },
    "scanned_pages": {
        "zh": "PDF 第 {pages} 页只有图像、没有文字层（可能是扫描页），这些页的内容未能读取",
        "en": "PDF page(s) {pages} hold only images and no text layer (scanned?); their content was not read",
    },
    "traditional_unconverted": {
        "zh": "报告为繁体中文，但未安装 opencc，未转换为简体，部分数据可能未能识别（安装：pip install 'jixiao[traditional]'）",
        "en": "The report is in Traditional Chinese and opencc is not installed, so it was not converted; some figures may be missed (pip install 'jixiao[traditional]')",
    },
    "empty": {"zh": "文件中没有文字", "en": "the file holds no text"},
    "too_long": {"zh": "文字共 {size} 个字符，超过上限 {limit}（可用 --max-text-chars 调整）",
                 "en": "{size} characters of text, more than the limit of {limit} (see --max-text-chars)"},
    "not_a_report": {
        "zh": "文件中没有“绩效”“预算”“决算”“支出”等字样，不像是绩效自评报告",
        "en": "the text has none of the words 绩效, 预算, 决算, 支出: it does not look like a performance self-evaluation report",
    },
    "no_tables_recognised": {
        "zh": "文件中的表格都未能识别为项目支出或部门整体绩效自评表（表头未能识别），没有读取任何数据",
        "en": "None of the file's tables was recognised as a project or department self-evaluation table (unknown headers); nothing was read",
    },
    "pdf_broken": {"zh": "不是有效的 PDF 文件：{detail}", "en": "not a valid PDF: {detail}"},
    "pdf_encrypted": {"zh": "PDF 已加密，需要密码才能读取", "en": "the PDF is encrypted and needs a password"},
    "docx_broken": {"zh": "不是有效的 Word（.docx）文件：{detail}", "en": "not a valid Word (.docx) file: {detail}"},
    "workbook_empty": {
        "zh": "文件是空的（0 字节）：请重新导出，或在 Excel 中另存为 .xlsx 后再检查",
        "en": "the file is empty (0 bytes): export it again, or save it as .xlsx in Excel, and check again",
    },
    "workbook_broken": {
        "zh": "文件已损坏或不是 Excel 工作簿，请在 Excel 中打开后另存为 .xlsx 再检查；原因：{detail}",
        "en": "the file is damaged or not an Excel workbook: open it in Excel, save it as .xlsx and check again; cause: {detail}",
    },
    "workbook_encrypted": {
        "zh": "工作簿已加密：请去掉密码后另存为 .xlsx 再检查",
        "en": "the workbook is encrypted: remove the password, save it as .xlsx and check again",
    },
    "workbook_too_large": {
        "zh": "工作簿中的 {name} 解压后有 {size} 字节，超过上限 {limit} 字节，未读取：请删去无关的工作表或图片后另存为 .xlsx 再检查",
        "en": "{name} in the workbook unpacks to {size} bytes, more than the limit of {limit}; nothing was read: remove unrelated sheets or pictures, save as .xlsx and check again",
    },
    "not_a_workbook": {"zh": "这是 {kind} 文件，其中没有工作簿", "en": "this is a {kind} file with no workbook in it"},
    "formula_without_value": {
        "zh": "表“{sheet}”的 {cells} 是公式但文件中没有保存计算结果，请在 Excel 中打开并保存后重新检查",
        "en": "on sheet “{sheet}”, {cells} hold formulas whose results were not saved in the file; open it in Excel, save it and check again",
    },
    "more_cells": {"zh": " 等 {count} 个单元格", "en": " and others ({count} cells)"},
    "sheet_too_large": {
        "zh": "表“{sheet}”的内容超出可读取的范围，只读取了前 {rows} 行、{cols} 列",
        "en": "sheet “{sheet}” is larger than can be read; only its first {rows} rows and {cols} columns were read",
    },
    "pdf_missing": {
        "zh": "读取 PDF 需要 pypdfium2（pip install pypdfium2）",
        "en": "reading PDF needs pypdfium2 (pip install pypdfium2)",
    },
}

FIELD_NAMES: dict[str, tuple[str, str]] = {
    "/fiscal_year": ("预算年度", "fiscal year"),
    "/department/name": ("部门名称", "department name"),
    "/report_date": ("报告日期", "report date"),
    "/disclosure/date": ("公开日期", "disclosure date"),
    "/sections": ("章节标题", "section headings"),
    "/overall/initial_budget": ("部门整体年初预算", "department initial budget"),
    "/overall/adjusted_budget": ("部门整体全年（调整后）预算", "department adjusted budget"),
    "/overall/final": ("部门整体决算数（执行数）", "department final amount"),
    "/overall/execution_rate": ("部门整体执行率", "department execution rate"),
    "/overall/basic_expenditure": ("基本支出", "basic expenditure"),
    "/overall/project_expenditure": ("项目支出", "project expenditure"),
    "/overall/other_expenditure": ("其他支出", "other expenditure"),
    "/overall/score": ("部门整体自评得分", "department self-evaluation score"),
    "/overall/grade": ("部门整体评价等级", "department grade"),
    "/overall/prior_year_final": ("上年决算数", "prior-year final amount"),
    "/overall/change_amount": ("与上年相比增减额", "change against last year"),
    "/overall/change_rate": ("与上年相比增减率", "change rate against last year"),
    "/projects_summary/count": ("项目个数", "number of projects"),
    "/projects_summary/evaluated_count": ("自评项目个数", "projects self-evaluated"),
    "/projects_summary/initial_budget": ("项目支出年初预算", "projects' initial budget"),
    "/projects_summary/adjusted_budget": ("项目支出全年（调整后）预算", "projects' adjusted budget"),
    "/projects_summary/final": ("项目支出决算数（执行数）", "projects' final amount"),
    "/projects_summary/execution_rate": ("项目支出执行率", "projects' execution rate"),
    "/projects_summary/grade_counts": ("各等级项目个数", "projects per grade"),
    "/projects_summary/excellent_rate": ("评优率", "share graded excellent"),
    "/projects_summary/excellent_good_rate": ("优良率", "share graded excellent or good"),
    "/projects_summary/evaluated_amount": ("自评涉及资金", "funds covered by the self-evaluation"),
    "/projects_summary/evaluated_coverage": ("自评资金覆盖率", "coverage of the self-evaluation"),
    "/projects_summary/fund_types": ("按资金类型统计", "breakdown by fund type"),
    "/staffing/authorized": ("编制人数", "authorized posts"),
    "/staffing/actual": ("实有人数", "staff employed"),
    "/disclosure/channel": ("公开渠道", "disclosure channel"),
    "/final_accounts_approval_date": ("决算批复日期", "final accounts approval date"),
}


def message(key: str, lang: str, **values: object) -> str:
    return lookup(MESSAGES, key, lang, **values)


def field_name(pointer: str, lang: str) -> str:
    names = FIELD_NAMES.get(pointer)
    if names is None:
        parts = pointer.split("/")
        if len(parts) > 3 and parts[2] == "grade_counts":
            names = FIELD_NAMES["/projects_summary/grade_counts"]
        elif len(parts) > 3 and parts[2] == "fund_types":
            names = FIELD_NAMES["/projects_summary/fund_types"]
        else:
            return pointer
    return names[1] if lang == "en" else names[0]
