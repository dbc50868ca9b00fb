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
    "pdf_broken": {"zh": "不是有效的 PDF 文件：{detail}", "en": "not a valid PDF: {detail}"},
    "pdf_encrypted": {"zh": "PDF 已加密，需要密码才能读取", "en": "the PDF is encrypted and needs a password"},
    "docx_broken": {"zh": "不是有效的 Word（.docx）文件：{detail}", "en": "not a valid Word (.docx) file: {detail}"},
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
