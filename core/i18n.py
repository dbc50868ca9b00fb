"""The engine's own messages to reviewers, Chinese first. Rule messages live in the packs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Location

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
    "input.too_large": {"zh": "{where}：文件过大（{detail} 字节，超过上限），未读取；如确需检查，可用 --max-bytes 调高上限",
                        "en": "{where}: file too large ({detail} bytes, over the limit); not read: raise the limit with --max-bytes if it must be checked"},
    "input.encoding": {"zh": "{where}：无法识别文件编码（{detail}）", "en": "{where}: unknown text encoding ({detail})"},
    "input.unsupported": {"zh": "{where}：不支持的文件类型，未检查（{detail}）", "en": "{where}: unsupported file type, not checked ({detail})"},
    "input.archive": {"zh": "{where}：这是 jixiao 不打开的压缩包（jixiao 打开 zip，装有 archives 扩展时也打开 rar、7z；压缩包里的压缩包不打开），其中的文件未检查：请解压后检查解压出的文件夹（jixiao check 文件夹/）",
                      "en": "{where}: an archive jixiao does not open (zip is opened, and rar and 7z where the archives extra is installed; not an archive inside one); the files in it were not checked: extract it and check the folder (jixiao check FOLDER/)"},
    "input.archive_alone": {"zh": "{where}：这是压缩包，检查单个文件时不打开压缩包：请用 jixiao check 检查它（逐一检查其中的文件），或在程序中用 jixiao.check_many",
                            "en": "{where}: an archive; checking a single file does not open archives: check it with jixiao check (which checks each file in it), or use jixiao.check_many"},
    "input.archive_url": {"zh": "{where}：远程存储上的压缩包不打开，其中的文件未检查：请解压后上传解压出的文件",
                          "en": "{where}: archives on remote storage are not opened; the files in it were not checked: extract it and upload the files"},
    "input.archive_damaged": {"zh": "{where}：压缩包已损坏，无法打开（{detail}）；请报送单位重新打包报送", "en": "{where}: a damaged archive, cannot be opened ({detail}); ask for it to be sent again"},
    "input.archive_unreadable": {"zh": "{where}：jixiao 无法打开这个压缩包（{detail}）：它可能已损坏，或用了 jixiao 读不了的压缩方式（如 RAR 4 的固实压缩、加密的文件名），其中的文件未检查；请解压后检查解压出的文件夹，解压不了的请报送单位重新打包报送",
                                 "en": "{where}: jixiao cannot open this archive ({detail}): it may be damaged, or packed in a way jixiao cannot read (a solid RAR 4 archive, encrypted names); the files in it were not checked: extract it and check the folder, or ask for it to be sent again if it cannot be extracted"},
    "input.archive_password": {"zh": "{where}：压缩包设了密码（连文件名也加了密），无法打开，其中的文件未检查；请解压后检查解压出的文件夹",
                               "en": "{where}: the archive is password-protected (its file names too) and cannot be opened; the files in it were not checked: extract it and check the folder"},
    "input.archive_empty": {"zh": "{where}：压缩包中没有文件", "en": "{where}: the archive holds no files"},
    "input.archive_too_many": {"zh": "{where}：压缩包中文件过多（{detail} 个），未打开；请解压后检查", "en": "{where}: too many files in the archive ({detail}); not opened: extract it and check the folder"},
    "input.archive_encrypted": {"zh": "{where}：压缩包中的这个文件设了密码，无法读取；请解压后检查", "en": "{where}: this file in the archive is password-protected and cannot be read; extract it and check the file"},
    "input.lock_file": {"zh": "{where}：Word/WPS 打开文件时留下的临时锁文件（~$ 开头），不是报告，已跳过", "en": "{where}: a Word/WPS lock file (~$…), not a report; skipped"},
    "input.not_object": {"zh": "{where}：报告应为一个 JSON/YAML 对象（{detail}）", "en": "{where}: a report must be a JSON/YAML object ({detail})"},
    "input.not_found": {"zh": "{where}：文件不存在", "en": "{where}: no such file"},
    "input.not_regular": {"zh": "{where}：不是普通文件（{detail}），未读取", "en": "{where}: not a regular file ({detail}); not read"},
    "input.unreadable_folder": {"zh": "{where}：文件夹无法读取（{detail}），其中的报告未检查", "en": "{where}: folder cannot be read ({detail}); the reports in it were not checked"},
    "input.memory": {"zh": "{where}：读取或检查这份报告所需内存超过上限（{detail}），可能是压缩炸弹；可用 --max-memory 调整", "en": "{where}: reading or checking this report needed more memory than allowed ({detail}), perhaps a decompression bomb; see --max-memory"},
    "output.failed": {"zh": "jixiao：无法写入 {path}（{detail}）；原有文件未改动", "en": "jixiao: cannot write {path} ({detail}); any previous file is unchanged"},
    "output.no_space": {"zh": "jixiao：磁盘空间不足，无法写入 {path}（{detail}）；原有文件未改动", "en": "jixiao: no space left to write {path} ({detail}); any previous file is unchanged"},
    "output.read_only": {"zh": "jixiao：{path} 是只读的，无法写入（{detail}）；原有文件未改动", "en": "jixiao: {path} is read-only ({detail}); any previous file is unchanged"},
    "output.is_input": {"zh": "jixiao：{flag} {path} 也是输入文件 {input}；为免覆盖待检查的报告，未做任何改动", "en": "jixiao: {flag} {path} is also the input {input}; nothing was written, so the report is not overwritten"},
    "output.interrupted": {"zh": "jixiao：已中断；输出文件未改动", "en": "jixiao: interrupted; the output file is unchanged"},
    "pack.problem": {"zh": "{where}：{rule}{detail}", "en": "{where}: {rule}{detail}"},
    "pack.rule": {"zh": "规则 {rule_id}：", "en": "rule {rule_id}: "},
    "schema.violation": {"zh": "报告结构不符合规范：{path} {detail}", "en": "Report does not match the schema: {path} {detail}"},
    "input.no_aftercare": {"zh": "{where}：没有插件提供后处理步骤“{name}”（已安装的：{detail}）", "en": "{where}: no plugin provides the aftercare step '{name}' (installed: {detail})"},
    "input.aftercare_failed": {"zh": "{where}：后处理步骤“{name}”无法启动（{detail}）", "en": "{where}: the aftercare step '{name}' could not start ({detail})"},
    "rule.aftercare": {"zh": "后处理步骤“{name}”处理这份报告时出错：{detail}；本报告其余发现不受影响", "en": "The aftercare step '{name}' failed on this report: {detail}; the report's other findings are kept"},
    "rule.internal": {"zh": "规则 {rule_id} 执行出错：{detail}", "en": "Rule {rule_id} failed to run: {detail}"},
    "rule.timeout": {"zh": "报告检查超时（{seconds} 秒），其余规则未执行", "en": "Checking this report took longer than {seconds} s; the remaining rules did not run"},
    "rule.worker_died": {"zh": "检查这份报告的工作进程意外终止（{detail}），换用新进程重试后仍失败，已跳过；其余报告照常检查", "en": "The worker process checking this report died ({detail}), and again on a fresh worker; skipped, the other reports are checked as usual"},
    "rule.capped": {"zh": "规则 {rule_id} 在这份报告中另有 {omitted} 项发现未列出（每条规则最多列出 {limit} 项）", "en": "{omitted} more finding(s) of {rule_id} in this report are not shown (at most {limit} per rule)"},
    "text.report": {"zh": "报告", "en": "Report"},
    "text.no_findings": {"zh": "未发现问题", "en": "no findings"},
    "text.ocr": {"zh": "（该处文字由扫描件文字识别得到，请核对原件）", "en": " (read by OCR from a scan: check the original)"},
    "text.ocr_picture": {"zh": "（该处文字由图片文字识别得到，请核对原件）",
                         "en": " (read by OCR from a picture: check the original)"},
    "text.other_document": {"zh": "不是绩效自评报告，而是{document}：未按自评报告审核，不能视为通过",
                            "en": "not a self-evaluation but a {document}: not checked as one; this is not a pass"},
    "text.nothing_checked": {"zh": "没有可检查的数据：全部 {skipped} 条规则因缺少数据而跳过，不能视为通过",
                             "en": "nothing could be checked: all {skipped} rules were skipped for missing data; this is not a pass"},
    "text.summary": {
        "zh": "共 {reports} 份报告：通过 {passed} 份，有警告 {warnings} 份，有错误 {errors} 份，未能检查 {not_checked} 份，"
              "无法读取 {unreadable} 份；错误 {error} 项，警告 {warning} 项，提示 {info} 项",
        "en": "{reports} report(s): {passed} passed, {warnings} with warnings, {errors} with errors, "
              "{not_checked} not checked, {unreadable} unreadable; {error} error(s), {warning} warning(s), {info} info",
    },
    "text.status": {"zh": "结论：{status}", "en": "status: {status}"},
    "text.not_checked": {"zh": "只评估了 {evaluated} 条规则（至少需要 {minimum} 条），不能视为通过",
                         "en": "only {evaluated} rule(s) evaluated (at least {minimum} needed): this is not a pass"},
    "text.statistics": {"zh": "规则统计", "en": "Statistics"},
    "text.statistics_head": {"zh": "规则", "en": "rule"},
    "text.statistics_count": {"zh": "次数", "en": "count"},
    "usage.unknown_selector": {
        "zh": "jixiao：{option} {pattern}：没有这个规则编号、编号前缀或类别",
        "en": "jixiao: {option} {pattern}: no rule id, id prefix or category of that name",
    },
    "cli.plugin_problem": {"zh": "jixiao：插件问题：{detail}", "en": "jixiao: plugin problem: {detail}"},
    "cli.plugin_failed": {"zh": "jixiao：插件 {name}（{origin}）未能加载：{detail}；请检查插件文件或与插件作者联系",
                          "en": "jixiao: plugin {name} ({origin}) failed to load: {detail}"},
    "cli.plugins_missing": {"zh": "jixiao：--plugin 指定的插件未能加载：{names}；结果缺少这些插件的检查，退出码为 2",
                            "en": "jixiao: plugin(s) named with --plugin could not be loaded: {names}"},
    "cli.pack_skipped": {"zh": "jixiao：规则包有问题，已跳过：{detail}", "en": "jixiao: pack skipped: {detail}"},
    "cli.timeout_nan": {"zh": "jixiao：--timeout 应为秒数", "en": "jixiao: --timeout must be a number of seconds"},
    "cli.not_a_file_target": {"zh": "jixiao：{flag} {target}：应为已有文件夹中的一个文件",
                              "en": "jixiao: {flag} {target}: not a file in an existing folder"},
    "cli.unknown_format": {"zh": "jixiao：没有输出格式“{name}”（可用：{names}）",
                           "en": "jixiao: unknown format '{name}' (available: {names})"},
    "cli.no_reports": {"zh": "jixiao：在 {paths} 中没有找到报告文件", "en": "jixiao: no report files found in {paths}"},
    "cli.region": {"zh": "{source}：地区 {region}", "en": "{source}: region {region}"},
    "cli.pack_applies": {"zh": "{source}：规则包 {name}：适用（{why}）", "en": "{source}: pack {name}: applies ({why})"},
    "cli.pack_not_applies": {"zh": "{source}：规则包 {name}：不适用（{why}）", "en": "{source}: pack {name}: does not apply ({why})"},
    "cli.suppressed": {"zh": "{source}：已被基线抑制 {rule_id}：{message}", "en": "{source}: suppressed {rule_id}: {message}"},
    "cli.baseline_written": {"zh": "jixiao：已在 {path} 记录 {count} 项发现", "en": "jixiao: {count} finding(s) recorded in {path}"},
    "cli.no_part": {"zh": "jixiao：本文件只有 {count} 篇报告，没有第 {part} 篇", "en": "jixiao: this file holds {count} report(s), not {part}"},
    "cli.extract_parts": {"zh": "jixiao：本文件是 {count} 篇报告的汇编，以上是第 {part} 篇；用 --part 1 到 --part {count} 分别输出各篇",
                          "en": "jixiao: this file is a compilation of {count} reports; above is report {part}; --part 1 to --part {count} prints each"},
    "cli.no_rule": {"zh": "jixiao：已加载的规则包中没有规则 {rule_id}", "en": "jixiao: no rule {rule_id} in the packs loaded"},
    "cli.tests_summary": {"zh": "通过 {passed} 项，失败 {failed} 项", "en": "{passed} passed, {failed} failed"},
    "cli.bad_pack_name": {"zh": "jixiao：规则包名称只能由小写字母、数字、“-”“_”“.”组成：{name}",
                          "en": "jixiao: a pack name is lower-case letters, digits, '-', '_' or '.': {name}"},
    "cli.exists": {"zh": "jixiao：{path} 已存在（如需覆盖请加 --force）", "en": "jixiao: {path} exists (use --force to overwrite)"},
    "cli.wrote_pack": {"zh": "jixiao：已写入 {path}；请用 `jixiao rules validate {path}` 和 `jixiao rules test {path}` 检查",
                       "en": "jixiao: wrote {path}; check it with `jixiao rules validate {path}` and `jixiao rules test {path}`"},
    "cli.plugin_load_failed": {"zh": "  加载失败：{detail}", "en": "  FAILED: {detail}"},
    "cli.plugin_provides": {"zh": "  {what}：{names}", "en": "  {what}: {names}"},
    "cli.provides_kinds": {"zh": "规则类型", "en": "kinds"},
    "cli.provides_extractors": {"zh": "读取器", "en": "extractors"},
    "cli.provides_formatters": {"zh": "输出格式", "en": "formatters"},
    "cli.aftercare_syntax": {"zh": "--aftercare 应写作 名称=设置（如 --aftercare accept=NAT-ARITH-004），而不是“{entry}”", "en": "--aftercare takes NAME=SETTING (say --aftercare accept=NAT-ARITH-004), not '{entry}'"},
    "cli.provides_aftercare": {"zh": "后处理步骤", "en": "aftercare steps"},
    "cli.provides_packs": {"zh": "规则包", "en": "packs"},
    "cli.problem": {"zh": "问题：{detail}", "en": "problem: {detail}"},
    "cli.unknown_schema": {"zh": "jixiao：没有名为“{name}”的 Schema（可用：{names}）",
                           "en": "jixiao: unknown schema '{name}' (available: {names})"},
    "cli.internal": {"zh": "jixiao：程序内部错误（{detail}），检查未完成；请加 --debug（或设环境变量 JIXIAO_DEBUG=1）重新运行，把输出发给维护者",
                     "en": "jixiao: internal error ({detail}); the check did not finish: run again with --debug (or JIXIAO_DEBUG=1) and send the output to the maintainers"},
    "cli.error": {"zh": "jixiao：{detail}", "en": "jixiao: {detail}"},
    "cli.disabled": {"zh": "（已停用）", "en": " (disabled)"},
    "cli.show_pack": {"zh": "  规则包：  {pack}（{origin}）", "en": "  pack:      {pack}  ({origin})"},
    "cli.show_kind": {"zh": "  类型：    {kind} — {description}", "en": "  kind:      {kind} — {description}"},
    "cli.show_category": {"zh": "  类别：    {category}", "en": "  category:  {category}"},
    "cli.show_severity": {"zh": "  严重程度：{severity}{disabled}", "en": "  severity:  {severity}{disabled}"},
    "cli.show_message": {"zh": "  提示语：  {message}", "en": "  message:   {message}"},
    "cli.show_parameters": {"zh": "  参数：", "en": "  parameters:"},
    "cli.show_what": {"zh": "检查内容", "en": "what"},
    "cli.show_why": {"zh": "理由", "en": "why"},
    "cli.show_source": {"zh": "依据", "en": "source"},
    "cli.show_example": {"zh": "示例", "en": "example"},
    "cli.kind_parameters": {"zh": "参数", "en": "parameters"},
    "usage.did_you_mean": {"zh": "；您是不是要找 {names}？", "en": "; did you mean {names}?"},
    "usage.known_categories": {"zh": "（可用的类别：{names}）", "en": " (categories: {names})"},
    "text.suppressed": {"zh": "，另有 {suppressed} 项已被基线抑制", "en": "; {suppressed} suppressed by the baseline"},
    "text.rules": {
        "zh": "规则：通过 {passed}，有发现 {failed}，跳过 {skipped}，出错 {errored}",
        "en": "rules: {passed} passed, {failed} with findings, {skipped} skipped, {errored} errored",
    },
    "severity.error": {"zh": "错误", "en": "error"},
    "severity.warning": {"zh": "警告", "en": "warning"},
    "severity.info": {"zh": "提示", "en": "info"},
    "line": {"zh": "第 {line} 行", "en": "line {line}"},
    "page_line": {"zh": "第 {page} 页第 {line} 行", "en": "page {page} line {line}"},
    "paragraph": {"zh": "第 {line} 段", "en": "paragraph {line}"},
    "sheet_cell": {"zh": "工作表“{sheet}” {cell} 单元格", "en": "sheet '{sheet}' cell {cell}"},
    "table_cell": {"zh": "表 {table} 第 {row} 行第 {col} 列", "en": "table {table} row {row} column {col}"},
    "line_table_cell": {"zh": "第 {line} 行（表 {table} 第 {row} 行第 {col} 列）",
                        "en": "line {line} (table {table} row {row} column {col})"},
    "page_table_cell": {"zh": "第 {page} 页表 {table} 第 {row} 行第 {col} 列",
                        "en": "page {page} table {table} row {row} column {col}"},
    # a picture in the document (read by OCR): led by its page (PDF) or the paragraph that holds it (Word)
    "picture": {"zh": "第 {picture} 张图片", "en": "picture {picture}"},
    "picture_page": {"zh": "第 {page} 页第 {picture} 张图片", "en": "page {page} picture {picture}"},
    "picture_paragraph": {"zh": "第 {line} 段第 {picture} 张图片", "en": "paragraph {line} picture {picture}"},
    "picture_sheet": {"zh": "工作表“{sheet}” {cell} 单元格处第 {picture} 张图片",
                      "en": "sheet '{sheet}' picture {picture} at cell {cell}"},
    "picture_cell": {"zh": "{picture}中表格第 {row} 行第 {col} 列", "en": "{picture}, its table's row {row} column {col}"},
    "picture_line": {"zh": "{picture}第 {line} 行", "en": "{picture} line {line}"},
}


# The findings the engine and the extractors report under ids no pack defines: the one table of them
# (`--select`/`--ignore` accept these ids; formatters show their titles).
ENGINE_RULES: dict[str, dict[str, object]] = {
    "JX-INPUT": {
        "category": "input",
        "title": {"zh": "输入文件无法读取", "en": "Input file cannot be read"},
        "what": {"zh": "文件不存在、过大、编码无法识别或 JSON/YAML 格式错误，无法作为报告读取。",
                 "en": "The file is missing, too large, in an unknown encoding or not valid JSON/YAML, so it cannot be read as a report."},
    },
    "JX-SCHEMA": {
        "category": "schema",
        "title": {"zh": "报告结构不符合规范", "en": "Report does not match the report schema"},
        "what": {"zh": "报告数据不符合 jixiao 报告结构（schemas/report.schema.json）；其余规则仍按已有数据执行。",
                 "en": "The report data does not match jixiao's report schema (schemas/report.schema.json); the rules still run on what is there."},
    },
    "JX-TIMEOUT": {
        "category": "internal",
        "title": {"zh": "报告检查超时", "en": "Checking the report timed out"},
        "what": {"zh": "检查一份报告的时间超过 --timeout，其余规则未执行。",
                 "en": "Checking one report took longer than --timeout; the remaining rules did not run."},
    },
    "JX-INTERNAL": {
        "category": "internal",
        "title": {"zh": "读取报告时程序出错", "en": "Internal error while reading the report"},
        "what": {"zh": "读取或预处理这份报告时程序出错；其他报告不受影响。",
                 "en": "An extractor or a hook failed on this report; the other reports are not affected."},
    },
    "JX-EXTRACTION": {
        "category": "extraction",
        "title": {"zh": "报告数据未能识别", "en": "Figures not read from the report"},
        "what": {"zh": "报告文本中未能识别的数据（需要它们的规则已跳过），或无文字层的扫描件。",
                 "en": "Figures the extractor could not find in the report's text (rules needing them were skipped), or a scan without a text layer."},
    },
    "JX-CONFLICT": {
        "category": "arithmetic",
        "title": {"zh": "同一数据前后不一致", "en": "The same figure stated twice with different values"},
        "what": {"zh": "同一数据在报告中出现两次且数值不同，两处均已列出。",
                 "en": "The report states the same figure twice with different values; both places are shown."},
    },
}


def engine_rule_text(rule_id: str, key: str, lang: str = "zh") -> str | None:
    """An engine finding's `title` or `what` in the wanted language; None for any other id."""
    entry = ENGINE_RULES.get(rule_id)
    if entry is None:
        return None
    return pick(entry[key], lang)  # type: ignore[arg-type]


def where(location: Location | None, lang: str = "zh", paragraphs: bool = False, text_lines: bool = False) -> str:
    """Where a finding stands, as a reviewer looks for it: a spreadsheet cell, a table cell (with its
    page; led by its line where the source is plain text, `text_lines`, whose lines an editor numbers),
    a page and line, or a line (a paragraph, where the source's lines are paragraphs: Word)."""
    if location is None:
        return "—"
    if location.picture:
        return _picture_where(location, lang, paragraphs)
    if location.sheet and location.cell:
        return text("sheet_cell", lang, sheet=location.sheet, cell=location.cell)
    if location.table and location.row and location.col:
        if text_lines and not location.page:
            return text("line_table_cell", lang, line=location.line, table=location.table, row=location.row,
                        col=location.col)
        if location.page:
            return text("page_table_cell", lang, page=location.page, table=location.table, row=location.row, col=location.col)
        return text("table_cell", lang, table=location.table, row=location.row, col=location.col)
    if location.page:
        return text("page_line", lang, page=location.page, line=location.line)
    return text("paragraph" if paragraphs else "line", lang, line=location.line)


def picture_where(picture: int, lang: str = "zh", page: int | None = None, paragraph: int | None = None,
                  sheet: str | None = None, cell: str | None = None) -> str:
    """A picture in a document, as a reviewer finds it: on its page (PDF), in its paragraph (Word), on its worksheet at
    the cell it stands on (a workbook: `picture` counts the sheet's pictures), or by its number."""
    if sheet is not None:
        return text("picture_sheet", lang, sheet=sheet, cell=cell or "A1", picture=picture)
    if page:
        return text("picture_page", lang, page=page, picture=picture)
    if paragraph:
        return text("picture_paragraph", lang, line=paragraph, picture=picture)
    return text("picture", lang, picture=picture)


def _picture_where(location: Location, lang: str, paragraphs: bool) -> str:
    """A place in a picture: the picture (on its page; in its Word paragraph), then its table's cell, or its line
    (a PDF's picture: its lines are counted within it; a Word picture's `line` is the paragraph that holds it)."""
    assert location.picture is not None
    in_word = paragraphs and not location.page
    picture = picture_where(location.picture, lang, location.page, location.line if in_word else None, location.sheet,
                            location.cell)
    if location.table and location.row and location.col:
        return text("picture_cell", lang, picture=picture, row=location.row, col=location.col)
    return picture if in_word or location.sheet else text("picture_line", lang, picture=picture, line=location.line)


def lookup(table: dict[str, dict[str, str]], key: str, /, lang: str = "zh", **values: object) -> str:
    """A message from a {key: {zh, en}} table in the wanted language (Chinese where there is no
    translation), with `{name}` filled from `values`. Plugins keep their own tables and use this.
    `table` and `key` are positional-only: a template may fill a placeholder of either name ({table})."""
    entry = table[key]
    template = entry.get(lang) or entry["zh"]
    return template.format(**values) if values else template


def text(key: str, /, lang: str = "zh", **values: object) -> str:
    return lookup(MESSAGES, key, lang, **values)


def pick(message: dict[str, str] | str, lang: str) -> str:
    """A rule's message template in the wanted language, falling back to Chinese."""
    if isinstance(message, str):
        return message
    return message.get(lang) or message["zh"]
