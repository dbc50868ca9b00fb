"""The engine's own messages to reviewers, Chinese first. Rule messages live in the packs."""

from __future__ import annotations

LANGS = ("zh", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "input.unreadable": {"zh": "{where}：无法读取（{detail}）", "en": "{where}: cannot be read ({detail})"},
    "input.yaml_syntax": {"zh": "{where}：YAML 格式错误（{detail}）", "en": "{where}: {detail}"},
    "input.json_syntax": {"zh": "{where}：JSON 格式错误（{detail}）", "en": "{where}: invalid JSON ({detail})"},
    "input.bad_tag": {"zh": "{where}：不支持的 YAML 标签 {name}，报告和规则包只能包含数据", "en": "{where}: unsupported YAML tag {name}; reports and packs hold data only"},
    "input.bad_number": {"zh": "{where}：数值无效（{detail}）", "en": "{where}: invalid number ({detail})"},
    "input.duplicate_key": {"zh": "{where}：键“{name}”重复出现", "en": "{where}: duplicate key '{name}'"},
    "input.too_deep": {"zh": "{where}：嵌套层级过深（{detail}）", "en": "{where}: nested too deeply ({detail})"},
    "input.yaml_too_large": {"zh": "{where}：YAML 节点过多，可能是别名炸弹（{detail}）", "en": "{where}: {detail}"},
    "input.too_large": {"zh": "{where}：文件过大（{detail}）", "en": "{where}: file too large ({detail})"},
    "input.encoding": {"zh": "{where}：无法识别文件编码（{detail}）", "en": "{where}: unknown text encoding ({detail})"},
    "input.unsupported": {"zh": "{where}：不支持的文件类型（{detail}）", "en": "{where}: unsupported file type ({detail})"},
    "input.not_object": {"zh": "{where}：报告应为一个 JSON/YAML 对象（{detail}）", "en": "{where}: a report must be a JSON/YAML object ({detail})"},
    "input.not_found": {"zh": "{where}：文件不存在", "en": "{where}: no such file"},
    "pack.problem": {"zh": "{where}：{rule}{detail}", "en": "{where}: {rule}{detail}"},
    "pack.rule": {"zh": "规则 {rule_id}：", "en": "rule {rule_id}: "},
    "schema.violation": {"zh": "报告结构不符合规范：{path} {detail}", "en": "Report does not match the schema: {path} {detail}"},
    "rule.internal": {"zh": "规则 {rule_id} 执行出错：{detail}", "en": "Rule {rule_id} failed to run: {detail}"},
    "rule.timeout": {"zh": "报告检查超时（{seconds} 秒），其余规则未执行", "en": "Checking this report took longer than {seconds} s; the remaining rules did not run"},
    "text.report": {"zh": "报告", "en": "Report"},
    "text.no_findings": {"zh": "未发现问题", "en": "no findings"},
    "text.nothing_checked": {"zh": "没有可检查的数据：全部 {skipped} 条规则因缺少数据而跳过，不能视为通过",
                             "en": "nothing could be checked: all {skipped} rules were skipped for missing data; this is not a pass"},
    "text.summary": {
        "zh": "共 {reports} 份报告：错误 {error} 项，警告 {warning} 项，提示 {info} 项，无法读取 {unreadable} 份",
        "en": "{reports} report(s): {error} error(s), {warning} warning(s), {info} info, {unreadable} unreadable",
    },
    "text.suppressed": {"zh": "，另有 {suppressed} 项已被基线抑制", "en": "; {suppressed} suppressed by the baseline"},
    "text.rules": {
        "zh": "规则：通过 {passed}，未通过 {failed}，跳过 {skipped}，出错 {errored}",
        "en": "rules: {passed} passed, {failed} failed, {skipped} skipped, {errored} errored",
    },
    "severity.error": {"zh": "错误", "en": "error"},
    "severity.warning": {"zh": "警告", "en": "warning"},
    "severity.info": {"zh": "提示", "en": "info"},
    "line": {"zh": "第 {line} 行", "en": "line {line}"},
    "page_line": {"zh": "第 {page} 页第 {line} 行", "en": "page {page} line {line}"},
    "sheet_cell": {"zh": "工作表“{sheet}” {cell} 单元格", "en": "sheet '{sheet}' cell {cell}"},
    "table_cell": {"zh": "表 {table} 第 {row} 行第 {col} 列", "en": "table {table} row {row} column {col}"},
    "page_table_cell": {"zh": "第 {page} 页表 {table} 第 {row} 行第 {col} 列",
                        "en": "page {page} table {table} row {row} column {col}"},
}


def where(location, lang: str = "zh") -> str:
    """Where a finding stands, as a reviewer looks for it: a spreadsheet cell, a table cell (with its
    page), a page and line, or a line."""
    if location is None:
        return "—"
    if location.sheet and location.cell:
        return text("sheet_cell", lang, sheet=location.sheet, cell=location.cell)
    if location.table and location.row and location.col:
        if location.page:
            return text("page_table_cell", lang, page=location.page, table=location.table, row=location.row, col=location.col)
        return text("table_cell", lang, table=location.table, row=location.row, col=location.col)
    if location.page:
        return text("page_line", lang, page=location.page, line=location.line)
    return text("line", lang, line=location.line)


def lookup(table: dict[str, dict[str, str]], key: str, lang: str = "zh", **values: object) -> str:
    """A message from a {key: {zh, en}} table in the wanted language (Chinese where there is no
    translation), with `{name}` filled from `values`. Plugins keep their own tables and use this."""
    entry = table[key]
    template = entry.get(lang) or entry["zh"]
    return template.format(**values) if values else template


def text(key: str, lang: str = "zh", **values: object) -> str:
    return lookup(MESSAGES, key, lang, **values)


def pick(message: dict[str, str] | str, lang: str) -> str:
    """A rule's message template in the wanted language, falling back to Chinese."""
    if isinstance(message, str):
        return message
    return message.get(lang) or message["zh"]
