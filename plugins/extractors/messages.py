"""The extractors' messages to reviewers (Chinese first, English with --lang en), and the names of the
figures they read."""

from __future__ import annotations

from jixiao.kit import REPORT_SUBJECT, lookup

MESSAGES: dict[str, dict[str, str]] = {
    "not_found": {
        "zh": "以下数据未能从报告文本中识别，需要它们的规则已跳过：{names}",
        "en": "These figures were not found in the report's text; the rules that need them were skipped: {names}",
    },
    "garbled": {
        "zh": "以下数字有字母或符号夹在数字中间（多为扫描件经文字识别后的错字），无法识别，未读取，也不据以判断对错：{figures}；请对照原件核对",
        "en": "these figures have letters or marks among their digits (most often a scan's text recognition errors), so they were not read and nothing is judged on them: {figures}; please check them against the original",
    },
    "garbled_fields": {
        "zh": "。其中有{names}，依赖它们的核对（如执行率）已跳过",
        "en": ". Among them: the {names}; the checks that need them (such as the execution rate) were skipped",
    },
    "unread": {
        "zh": "报告提到了{names}，但未能判断是否为本报告主体自己的数字，未读取；可能以它为基数的核对（如执行率）已跳过，请人工核对",
        "en": "The report speaks of the {names} but jixiao could not tell it is the report's own figure, so it was not read; the checks that may use it as a base (such as the execution rate) were skipped: please check by hand",
    },
    "uncounted": {
        "zh": "报告点名了评为{grades}的项目，但没有写出个数，未读取；需要各等级个数的核对（各等级项目数之和）已跳过，请人工核对",
        "en": "The report names projects graded {grades} but does not count them; the checks that need every grade's count "
              "(the counts' sum) were skipped: please check by hand",
    },
    "compilation": {
        "zh": "本文件是 {count} 篇报告的汇编，各篇分别核对：第 1 篇“{first}”，其后各篇（{later}）的发现前注明篇次和标题",
        "en": "This file is a compilation of {count} reports, each checked on its own: the first, '{first}'; the findings of "
              "the others ({later}) name the report they are about",
    },
    "part_summary_conflict": {
        "zh": "“{name}”的{what}：汇总表（{summary}）为 {second}，该篇（{form}）为 {first}",
        "en": "“{name}”, {what}: {second} in the summary ({summary}), {first} in its own report ({form})",
    },
    "compilation_part": {
        "zh": "第 {number} 篇“{title}”：",
        "en": "Report {number} of the compilation, '{title}': ",
    },
    "conflict": {
        "zh": "“{name}”在报告中前后不一致：{line}为 {first}，{other_line}为 {second}",
        "en": "{name} is stated twice with different values: {first} at {line}, {second} at {other_line}",
    },
    "scanned": {
        "zh": "PDF 没有文字层（可能是扫描件），无法读取报告内容；请提供可以复制文字的 PDF，或先做文字识别（OCR）",
        "en": "The PDF has no text layer (it looks scanned), so nothing could be read; supply a PDF with selectable text or run OCR first",
    },
    "scanned_pages": {
        "zh": "PDF 第 {pages} 页没有可用的文字层（扫描页，或文字转成了曲线、字体缺少字符映射而复制出来是乱码），这些页的内容未能读取",
        "en": "PDF page(s) {pages} have no usable text layer (scanned, or text turned into outlines or in a font without its character map); their content was not read",
    },
    "traditional_unconverted": {
        "zh": "报告为繁体中文，但未安装 opencc，未转换为简体，部分数据可能未能识别（安装：pip install 'jixiao[traditional]'）",
        "en": "The report is in Traditional Chinese and opencc is not installed, so it was not converted; some figures may be missed (pip install 'jixiao[traditional]')",
    },
    "corrections": {
        "zh": "报告附有更正，按更正后的内容检查：{what}",
        "en": "The report carries corrections and was checked as corrected: {what}",
    },
    "correction_note": {
        "zh": "{where}起的{label}未作为报告内容读取（其中更正前的数字和日期不是报告的）",
        "en": "the {label} from {where} was not read as the report (the old figures and the date it quotes are not the report's)",
    },
    "correction_void": {"zh": "{where} 标明已作废，未检查", "en": "{where} is marked void and was not checked"},
    "correction_applied": {"zh": "按勘误表将“{printed}”读作“{corrected}”", "en": "per the erratum, “{printed}” read as “{corrected}”"},
    "correction_not_applied": {
        "zh": "勘误表中“{printed}”→“{corrected}”未能在报告中确定位置，未应用，请人工核对",
        "en": "the erratum “{printed}” → “{corrected}” could not be placed in the report and was not applied: please check by hand",
    },
    "table_ref": {"zh": "表 {table}", "en": "table {table}"},
    "page_table_ref": {"zh": "第 {page} 页表 {table}", "en": "table {table} on page {page}"},
    "mail_broken": {"zh": "不是有效的邮件文件（.eml），未能读取（技术信息：{detail}）；请从邮箱重新导出，或把报告另存为文件后检查",
                    "en": "not a valid e-mail file (.eml), so it was not read ({detail}); export it again or save the report as a file"},
    "mail_no_text": {"zh": "邮件中没有正文文字，未能读取；附件各自作为一个文件检查（名为“邮件文件名!/附件名”）",
                     "en": "the e-mail has no text; each attachment is checked as a file of its own (named 'MAIL!/ATTACHMENT')"},
    "mail_attachments": {"zh": "邮件带有附件 {names}：这里检查的是邮件正文，附件各自作为一个文件检查（名为“邮件文件名!/附件名”）",
                         "en": "the e-mail has attachments ({names}): this is its text; each attachment is checked as a file "
                               "of its own (named 'MAIL!/ATTACHMENT')"},
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
    "pdf_broken": {"zh": "不是有效的 PDF 文件（可能已损坏、下载不完整，或是改了扩展名的其他文件）：请向报送单位索取原文件，或重新导出 PDF 后再检查（技术信息：{detail}）",
                   "en": "not a valid PDF (damaged, cut short, or another kind of file renamed): ask the sender for the original or export the PDF again, and check again (technical detail: {detail})"},
    "pdf_encrypted": {"zh": "PDF 已加密，需要密码才能读取", "en": "the PDF is encrypted and needs a password"},
    "ofd_broken": {"zh": "不是有效的 OFD 文件（可能已损坏、下载不完整，或是改了扩展名的其他文件）：请向报送单位索取原文件，或另存为 PDF 后再检查（技术信息：{detail}）",
                   "en": "not a valid OFD file (damaged, cut short, or another kind of file renamed): ask the sender for the original or save it as PDF, and check again (technical detail: {detail})"},
    "ofd_scanned": {"zh": "OFD 第 {pages} 页只有图片、没有文字（可能是扫描件），这些页未读取；请提供有文字的 OFD、PDF 或 Word 文件",
                    "en": "OFD page(s) {pages} hold only images, no text (scanned, it seems), and were not read: supply an OFD, PDF or Word file with text"},
    "odf_broken": {"zh": "不是有效的 OpenDocument（{kind}）文件（可能已损坏、下载不完整，或是改了扩展名的其他文件）：请在 WPS、LibreOffice 或中标普华 Office 中打开，另存后再检查（技术信息：{detail}）",
                   "en": "not a valid OpenDocument ({kind}) file (damaged, cut short, or another kind of file renamed): open it in LibreOffice or WPS, save it again and check again (technical detail: {detail})"},
    "odf_encrypted": {"zh": "OpenDocument 文件设置了打开密码，已加密，无法读取：请报送单位取消密码后另存，再检查",
                      "en": "the OpenDocument file is password-protected (encrypted) and cannot be read: ask the sender to remove the password and save it again"},
    "odf_other_kind": {"zh": "文件扩展名是 {kind}，内容却是另一种 OpenDocument 文件（文本与表格互换）：请按其实际类型改正扩展名（.odt 为文字文档，.ods 为电子表格）后再检查",
                       "en": "the file is named {kind} but holds the other kind of OpenDocument (text and spreadsheet swapped): rename it to what it is (.odt text, .ods spreadsheet) and check again"},
    "picture_linked": {"zh": "链接的图片，不在文件中", "en": "a linked picture, not inside the file"},
    "picture_missing": {"zh": "图片缺失", "en": "picture missing"},
    "object": {"zh": "第 {line} 段嵌入的 Excel 对象", "en": "the Excel object in paragraph {line}"},
    "object_sheet": {"zh": "{where}：{sheet}", "en": "{where}: {sheet}"},
    "object_missing": {"zh": "对象的工作簿不在文件中", "en": "the object's workbook is not in the file"},
    "object_unreadable": {"zh": "{where}未能读取（{detail}）：请在 Word 中双击该对象，把表格复制为 Word 表格，或另附 Excel 文件后再检查",
                          "en": "{where} could not be read ({detail}): open it in Word and paste the form as a Word table, or attach the Excel file, and check again"},
    "docx_broken": {"zh": "不是有效的 Word（.docx）文件（可能已损坏，或是改了扩展名的其他文件）：请在 Word 或 WPS 中打开，另存为 .docx 后再检查（技术信息：{detail}）",
                    "en": "not a valid Word (.docx) file (damaged, or another kind of file renamed): open it in Word or WPS, save it as .docx and check again (technical detail: {detail})"},
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
    "error_value": {
        "zh": "表“{sheet}”的 {cells} 显示公式错误值（{codes}），没有可读的数字或文字，未读取；如需核对这些单元格，请在 Excel 中修正公式并保存后重新检查",
        "en": "on sheet “{sheet}”, {cells} show a formula's error value ({codes}): nothing there could be read; to have them checked, correct the formulas in Excel, save and check again",
    },
    "page_without_report": {
        "zh": "这个网页文件里没有报告正文（{why}），未作审核：请下载报告文件，或在浏览器中等网页完全打开后另存，再检查",
        "en": "this saved page does not hold the report ({why}); nothing was checked: download the report's file, or save the page again once it has fully loaded, and check that",
    },
    "page_frame": {"zh": "报告在网页内嵌的阅读器中显示（{file}），保存的网页里只有网站的页面", "en": "the page shows the report in an embedded viewer ({file}); only the site's page around it was saved"},
    "page_attachment": {"zh": "报告是网页的附件（{file}）", "en": "the report is the page's attachment ({file})"},
    "page_script": {"zh": "网页正文由脚本生成，保存的文件中只有网站的页面", "en": "the page's text is built by a script; only the site's page around it was saved"},
    "more_cells": {"zh": " 等 {count} 个单元格", "en": " and others ({count} cells)"},
    "summary_document": {
        "zh": "这份文件是财政部门关于多个部门绩效自评情况的报告或汇总（《{title}》），不是某一部门或项目的自评报告：只核对其中表格的合计和各行执行率，"
              "其余数字（本地区、各部门的个数、金额、得分）不当作一个部门的数字审核",
        "en": "this file is a finance bureau's account of many departments' self-evaluations (“{title}”), not one department's or project's self-evaluation: only its tables' totals "
              "and rows' execution rates were checked; its other figures (region-wide, per department) are not one department's",
    },
    "other_document": {
        "zh": "这份文件是{document}（《{title}》），不是绩效自评报告或自评表：只读取了标题、单位和年度，其中的数字没有按自评报告审核。如确属自评报告，请核对标题",
        "en": "this file is a {document} (“{title}”), not a self-evaluation report or form: only its title, department and year were read, and its figures were not checked as a self-evaluation's. If it is a self-evaluation, check its title",
    },
    "hidden_not_read": {
        "zh": "表“{sheet}”中隐藏的{what}有内容，审核人员看不到它们，未读取；如果它们属于自评表，请取消隐藏后重新检查",
        "en": "on sheet “{sheet}”, the hidden {what} hold something a reviewer does not see; they were not read (unhide them and check again if they belong to the form)",
    },
    "hidden_rows": {"zh": "第 {rows} 行", "en": "rows {rows}"},
    "hidden_cols": {"zh": "第 {cols} 列", "en": "columns {cols}"},
    "sheet_too_large": {
        "zh": "表“{sheet}”的内容超出可读取的范围，只读取了前 {rows} 行、{cols} 列",
        "en": "sheet “{sheet}” is larger than can be read; only its first {rows} rows and {cols} columns were read",
    },
    "pdf_missing": {
        "zh": "读取 PDF 需要 pypdfium2（pip install pypdfium2）",
        "en": "reading PDF needs pypdfium2 (pip install pypdfium2)",
    },
    # -- legacy formats converted by LibreOffice (legacy.py) --
    "soffice_missing": {
        "zh": "读取 {kind} 文件需要 LibreOffice，本机未找到 soffice，文件未检查。安装方法：Debian/Ubuntu 上运行 "
              "sudo apt-get install libreoffice-writer libreoffice-calc；其他系统从 libreoffice.org 下载安装 LibreOffice，"
              "并把 soffice 所在目录加入 PATH（或用环境变量 JIXIAO_SOFFICE 指明 soffice 的完整路径）。"
              "也可以在 WPS 或 Word/Excel 中把文件另存为 {target} 后再检查",
        "en": "reading a {kind} file needs LibreOffice and soffice was not found, so the file was not checked. Install it: "
              "sudo apt-get install libreoffice-writer libreoffice-calc on Debian/Ubuntu; elsewhere install LibreOffice from "
              "libreoffice.org and put the folder holding soffice on PATH (or set JIXIAO_SOFFICE to soffice's full path). "
              "Or save the file as {target} in WPS or Word/Excel and check that",
    },
    "soffice_not_found_at": {
        "zh": "（环境变量 JIXIAO_SOFFICE 指向的 {where} 不存在或不可执行）",
        "en": " (JIXIAO_SOFFICE names {where}, which does not exist or cannot be run)",
    },
    "conversion_failed": {
        "zh": "LibreOffice 未能把该 {kind} 文件转换为 {target}（{detail}），文件可能已损坏或加密：请在 WPS 或 Word/Excel 中打开，另存为 {target} 后再检查",
        "en": "LibreOffice could not convert this {kind} file to {target} ({detail}); it may be damaged or encrypted: open it in WPS or Word/Excel, save it as {target} and check again",
    },
    "conversion_timeout": {
        "zh": "LibreOffice 在 {seconds} 秒内未能把该 {kind} 文件转换为 {target}，已停止转换：请在 WPS 或 Word/Excel 中另存为 {target} 后再检查，或用 --timeout 加大每份报告的时间限制",
        "en": "LibreOffice did not convert this {kind} file to {target} within {seconds} s and was stopped: save it as {target} in WPS or Word/Excel, or allow more time per report with --timeout",
    },
    "converted": {
        "zh": "该文件为 {kind} 格式，已用 LibreOffice 转换为 {target} 后读取；各项所注的段落（行）号、表格位置指转换后的文本，"
              "在原文件中请按引用的文字查找",
        "en": "This is a {kind} file, read after LibreOffice converted it to {target}; paragraph (line) numbers and table "
              "positions refer to the converted text: find a value in the original by its quoted text",
    },
    "converted_sheet": {
        "zh": "该文件为 {kind} 格式，已用 LibreOffice 转换为 {target} 后读取；所注的工作表和单元格指转换后的工作簿（一般与原文件相同）",
        "en": "This is a {kind} file, read after LibreOffice converted it to {target}; sheets and cells named refer to the "
              "converted workbook (normally the same as the original)",
    },
    "xls_needs_soffice": {
        "zh": "；安装 LibreOffice（Debian/Ubuntu：sudo apt-get install libreoffice-calc，其他系统见 libreoffice.org，soffice 需在 PATH 中或由 JIXIAO_SOFFICE 指明）后可自动转换读取",
        "en": "; with LibreOffice installed (sudo apt-get install libreoffice-calc on Debian/Ubuntu, else libreoffice.org; soffice on PATH or named by JIXIAO_SOFFICE) it is converted and read",
    },
    # -- OCR of scanned PDF pages (ocr.py) --
    "scanned_no_ocr": {
        "zh": "PDF 没有文字层（可能是扫描件），未安装文字识别（OCR），报告未能检查：运行 pip install 'jixiao[ocr]' 安装 OCR 后重新检查，"
              "或提供可以复制文字的 PDF",
        "en": "The PDF has no text layer (it looks scanned) and OCR is not installed, so the report was not checked: "
              "install OCR with pip install 'jixiao[ocr]' and check again, or supply a PDF with selectable text",
    },
    "scanned_ocr_broken": {
        "zh": "PDF 没有文字层（可能是扫描件），文字识别（OCR）未能启动（{detail}），报告未能检查：请重新安装 pip install 'jixiao[ocr]'，"
              "或提供可以复制文字的 PDF",
        "en": "The PDF has no text layer (it looks scanned) and OCR could not start ({detail}), so the report was not "
              "checked: reinstall with pip install 'jixiao[ocr]', or supply a PDF with selectable text",
    },
    "scanned_ocr_empty": {
        "zh": "PDF 没有文字层（可能是扫描件），文字识别（OCR）也未识别出文字，报告未能检查：请提供更清晰的扫描件或可以复制文字的 PDF",
        "en": "The PDF has no text layer (it looks scanned) and OCR recognised no text either, so the report was not "
              "checked: supply a clearer scan or a PDF with selectable text",
    },
    "scanned_pages_no_ocr": {
        "zh": "PDF 第 {pages} 页没有可用的文字层（扫描页，或文字转成了曲线、字体缺少字符映射而复制出来是乱码），未安装文字识别（OCR），这些页的内容未能读取（安装：pip install 'jixiao[ocr]'）",
        "en": "PDF page(s) {pages} have no usable text layer (scanned, or text turned into outlines or in a font without its character map) and OCR is not installed; their content "
              "was not read (pip install 'jixiao[ocr]')",
    },
    "scanned_pages_ocr_empty": {
        "zh": "PDF 第 {pages} 页没有可用的文字层（扫描页，或文字转成了曲线、字体缺少字符映射），文字识别（OCR）也未识别出文字，这些页的内容未能读取",
        "en": "PDF page(s) {pages} have no usable text layer (scanned, or text turned into outlines or in a font without its character map) and OCR recognised no text on them; "
              "their content was not read",
    },
    "ocr_pages_timeout": {
        "zh": "PDF 第 {pages} 页是扫描页，因每份报告的时间限制未做文字识别，内容未能读取：请用 --timeout 加大时间限制（文字识别每页约需 {per_page} 秒）",
        "en": "PDF page(s) {pages} are scanned and were not OCR'd within the time allowed per report; their content was "
              "not read: allow more time with --timeout (OCR takes about {per_page} s a page)",
    },
    "ocr_failed": {
        "zh": "PDF 第 {pages} 页是扫描页，文字识别（OCR）出错（{detail}），内容未能读取：多为内存不足，"
              "请用 --max-memory 2000000000 加大每个工作进程的内存上限，或用 --jobs 1 检查扫描件",
        "en": "PDF page(s) {pages} are scanned and OCR failed on them ({detail}); their content was not read: mostly "
              "a lack of memory: raise the workers' limit with --max-memory 2000000000, or check scans with --jobs 1",
    },
    "ocr_read": {
        "zh": "PDF 第 {pages} 页没有可用的文字层，内容由文字识别（OCR）得到：来自这些页的数字可能识别有误，请核对原件（标注 ocr 的位置）",
        "en": "PDF page(s) {pages} have no usable text layer and were read by OCR: figures from them may be misread, check them "
              "against the original (locations marked ocr)",
    },
    # -- pictures inside a Word or PDF document (pictures.py) --
    "pictures_no_ocr": {
        "zh": "文件中有较大的图片未读取（{where}）：若是贴成图片的自评表，其中的数字未经检查。安装文字识别（pip install 'jixiao[ocr]'）"
              "后可读取，或请单位提供表格原件（Word 表格或 Excel）",
        "en": "Large pictures in the file were not read ({where}): if they are 自评表 pasted as pictures, their figures "
              "were not checked. Install OCR (pip install 'jixiao[ocr]') to read them, or ask for the forms as Word tables "
              "or Excel",
    },
    "pictures_not_in_page": {
        "zh": "网页中的图片（{where}）不在所保存的网页文件里，也不在它旁边的文件夹中，未读取：若是贴成图片的自评表，其中的数字未经检查。"
              "请单位提供表格原件，或在浏览器中把网页另存为“网页，全部”（连同旁边的 _files 文件夹一起检查）或“单个文件”（.mht）后再检查",
        "en": "The page's pictures ({where}) are neither inside the saved page nor in the folder beside it, so they were "
              "not read: if they are 自评表 pasted as pictures, their figures were not checked. Ask for the forms "
              "themselves, or save the page complete (checked with its _files folder) or as a single file (.mht)",
    },
    "pictures_ocr_broken": {
        "zh": "文件中有较大的图片未读取（{where}）：文字识别（OCR）未能启动（{detail}）。请重新安装 pip install 'jixiao[ocr]'",
        "en": "Large pictures in the file were not read ({where}): OCR could not start ({detail}). Reinstall it with "
              "pip install 'jixiao[ocr]'",
    },
    "pictures_read": {
        "zh": "{where}中的表格由文字识别（OCR）读取：其中的数字可能识别有误，请核对原件（标注 ocr 的位置）",
        "en": "The tables in {where} were read by OCR: figures from them may be misread, check them against the original "
              "(locations marked ocr)",
    },
    "pictures_no_table": {
        "zh": "{where}中没有找到表格（照片、图表、印章等），图中文字未读取",
        "en": "No table was found in {where} (a photo, a chart, a seal …); its text was not read",
    },
    "pictures_unreadable": {
        "zh": "{where}未能读取（{detail}）：若是贴成图片的自评表，其中的数字未经检查，请单位提供表格原件",
        "en": "{where} could not be read ({detail}): if it is a 自评表 pasted as a picture, its figures were not checked; "
              "ask for the form as a Word table or Excel",
    },
    "pictures_timeout": {
        "zh": "因每份报告的时间限制，{where}未做文字识别，内容未能读取：请用 --timeout 加大时间限制（每张图片约需 {per_page} 秒）",
        "en": "{where} were not OCR'd within the time allowed per report; their content was not read: allow more time "
              "with --timeout (OCR takes about {per_page} s a picture)",
    },
    "pictures_failed": {
        "zh": "{where}的文字识别（OCR）出错（{detail}），内容未能读取：多为内存不足，请用 --max-memory 2000000000 加大每个工作进程的"
              "内存上限，或用 --jobs 1 检查",
        "en": "OCR failed on {where} ({detail}); their content was not read: mostly a lack of memory; raise each worker's "
              "limit with --max-memory 2000000000, or check with --jobs 1",
    },
    # -- web pages (html.py) --
    "html_broken": {
        "zh": "网页文件无法读取（{detail}）：请在浏览器中打开原网页，重新“另存为”网页（.html）后再检查，或提供 PDF、Word 文件",
        "en": "The web page could not be read ({detail}): open the page in a browser and save it again as .html, or "
              "supply a PDF or Word file",
    },
    # -- scans sent as image files (image.py) --
    "image_no_ocr": {
        "zh": "文件是图片（扫描件或照片），未安装文字识别（OCR），报告未能检查：运行 pip install 'jixiao[ocr]' 安装 OCR 后重新检查，"
              "或提供可以复制文字的 PDF、Word 或 Excel 文件",
        "en": "The file is an image (a scan or a photo) and OCR is not installed, so the report was not checked: install "
              "OCR with pip install 'jixiao[ocr]' and check again, or supply a PDF, Word or Excel file with selectable text",
    },
    "image_ocr_broken": {
        "zh": "文件是图片（扫描件或照片），文字识别（OCR）未能启动（{detail}），报告未能检查：请重新安装 pip install 'jixiao[ocr]'，"
              "或提供可以复制文字的 PDF、Word 或 Excel 文件",
        "en": "The file is an image (a scan or a photo) and OCR could not start ({detail}), so the report was not checked: "
              "reinstall with pip install 'jixiao[ocr]', or supply a PDF, Word or Excel file with selectable text",
    },
    "image_ocr_empty": {
        "zh": "文件是图片（扫描件或照片），文字识别（OCR）未识别出文字，报告未能检查：请提供更清晰的扫描件（300 dpi 左右、不歪斜）"
              "或可以复制文字的文件",
        "en": "The file is an image (a scan or a photo) and OCR recognised no text in it, so the report was not checked: "
              "supply a clearer scan (about 300 dpi, straight) or a file with selectable text",
    },
    "image_ocr_read": {
        "zh": "图片第 {pages} 页的内容由文字识别（OCR）得到：来自这些页的数字可能识别有误，请核对原件（标注 ocr 的位置）",
        "en": "Image page(s) {pages} were read by OCR: figures from them may be misread, check them against the original "
              "(locations marked ocr)",
    },
    "image_ocr_read_whole": {
        "zh": "文件是图片，内容由文字识别（OCR）得到：数字可能识别有误，请核对原件（标注 ocr 的位置）",
        "en": "The file is an image, read by OCR: figures may be misread, check them against the original (locations "
              "marked ocr)",
    },
    "image_pages_ocr_empty": {
        "zh": "图片第 {pages} 页文字识别（OCR）未识别出文字，这些页的内容未能读取",
        "en": "OCR recognised no text on image page(s) {pages}; their content was not read",
    },
    "image_ocr_timeout": {
        "zh": "图片第 {pages} 页因每份报告的时间限制未做文字识别，内容未能读取：请用 --timeout 加大时间限制（文字识别每页约需 {per_page} 秒）",
        "en": "Image page(s) {pages} were not OCR'd within the time allowed per report; their content was not read: "
              "allow more time with --timeout (OCR takes about {per_page} s a page)",
    },
    "image_ocr_failed": {
        "zh": "图片第 {pages} 页文字识别（OCR）出错（{detail}），内容未能读取：多为内存不足，"
              "请用 --max-memory 2000000000 加大每个工作进程的内存上限，或用 --jobs 1 检查扫描件",
        "en": "OCR failed on image page(s) {pages} ({detail}); their content was not read: mostly a lack of memory: "
              "raise the workers' limit with --max-memory 2000000000, or check scans with --jobs 1",
    },
    "image_broken": {
        "zh": "不是有效的图片文件（可能已损坏、下载不完整，或是改了扩展名的其他文件）：请向报送单位索取原文件后再检查（技术信息：{detail}）",
        "en": "Not a valid image file (damaged, cut off in download, or another file renamed): ask the department for "
              "the original file and check again (details: {detail})",
    },
    "image_too_large": {
        "zh": "图片过大（{width}×{height} 像素，超过 {limit} 像素的上限），未读取：请以 300 dpi 左右重新扫描或缩小后再检查",
        "en": "The image is too large ({width}×{height} pixels, over the limit of {limit} pixels), so it was not read: "
              "scan again at about 300 dpi, or scale it down, and check again",
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


# a project's (a fund's) report states its own figures where a department's states the department's
def field_name(pointer: str, lang: str, kind: object = None) -> str:
    """What a field is called, for a report of `kind` (its /overall figures are a project's in a project's report: the
    subject as `REPORT_SUBJECT` words it for messages)."""
    name = _field_name(pointer, lang)
    words = REPORT_SUBJECT.get(str(kind)) if pointer.startswith("/overall/") else None
    if words is None or kind == "department_self_evaluation":
        return name
    return name.replace("部门整体", words["zh"]) if lang != "en" else name.replace("department", words["en"].lower())


def _field_name(pointer: str, lang: str) -> str:
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
