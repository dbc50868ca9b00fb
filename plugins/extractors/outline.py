"""What a report says about itself: title, department, fiscal year, headings, attachments, dates
(report, disclosure, 决算批复, 截至), disclosure channel, cited documents."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from .builder import ReportBuilder
from .lazyre import guarded, lazy
from .values import DATE_RE, DATE_SPAN, date_from_match

_TITLE_YEAR = guarded(r"(?P<y>(?:19|20)\d{2}) ?年度?")
# a title's trailing aside with its date (（公开时间：2024 年 9 月 12 日）)
_TITLE_ASIDE = lazy(r"\s*[（(][^（）()]*(?:时间|日期|\d{4}\s*年)[^（）()]*[）)]$")
# the second line of a title set on two: its last words alone (公开说明, 自评报告, 情况的报告)
_TITLE_WORDS = ("说明", "报告", "自评表", "申报表", "目标表", "监控表")
_TITLE_END = lazy(r"(?:[\u4e00-\u9fff]{0,8}?)(?:" + "|".join(_TITLE_WORDS) + ")")
# how a title ends (a forms bundle's may be its 汇总表's; a submission's summary of its work, its letter)
_TITLE_ENDS = (*_TITLE_WORDS, "汇总表", "工作总结", "自评总结", "的函", "的请示")
_STAMP = lazy(r"\s*[（(]\s*(?:盖\s*章|公\s*章|印\s*章|签\s*章|单位盖章|章)\s*[)）]\s*$")
_TITLE_TAIL = lazy(r"(?:部门整体支出|部门支出|单位整体支出|整体支出|项目支出|部门预算|预算绩效|绩效自评|绩效评价|决算|关于)")
_NAME_LABEL = guarded(r"(?:(?:部门|单位|部门\(单位\)|预算单位)(?:名称|全称)|报送单位)(?:\(公章\)|\(盖章\))?:(?P<name>[^\n:,，。;；]{2,40}?)(?:\((?:公章|盖章)\))?(?=\n|$|[ 　]|预算编码|单位编码|主管部门|评价)")
_FIELD = guarded(r"^[^:,，。]{2,12}:")  # a form field: 报告日期：…, 部门（单位）名称：…
_LEVEL = guarded(r"(?P<level>[一二三四五1-5]级预算单位)")
_REPORT_DATE_LABEL = guarded(rf"(?:报告|填报|报送|编制|评价)(?:日期|时间):?(?P<date>{DATE_SPAN})")
_NUMBER_L1 = guarded(r"[一二三四五六七八九十]{1,3}[、.]")
_NUMBER_L2 = guarded(r"\([一二三四五六七八九十]{1,3}\)")
_SECTION_END = guarded(r"[。;；:!?！？\n]")
# what a section's title ends with (a topic), where its paragraph runs on after it: 情况, 职能, 问题, 措施 …
_TOPIC_END = guarded(r"(?:情况|概况|职能|职责|设置|管理|经费|问题|措施|建议|应用|结论|目标|成效|效益|分析|说明|依据|范围|内容|过程|"
                     r"方法|结果|评价|公开|指标|方面|目的|安排|执行|产出|满意度)$")
# … and says nothing of how it went (单公里成本超出目标, 部分项目绩效目标不够细化: a point, not a topic)
_POINT_WORD = guarded(r"未|不够|不足|超出|低于|高于|滞后|偏慢|偏快|有待|薄弱|较多|较少|加强|加快|提高|完善|优化|建立|健全|纳入")
_CLAUSES = guarded(r"[，,；;]")
_PROBLEM_WORDS = r"问题|不足|差距"
_FAULTS = guarded(rf"{_PROBLEM_WORDS}|原因|偏离|偏差")  # (a part listing problems: each stated in a sentence is an item, whatever follows)
_NUMBERED = guarded(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[.、．])")
_PROBLEMS = guarded(rf"{_PROBLEM_WORDS}|(?<!整改)措施|建议|改进|下一步")  # (a part that lists problems, or what will be done about them)
_ATTACHMENT = guarded(r"《(?P<t>[^《》\n]{2,80})》")
_CITED_TAIL = guarded(r"(?:通知|办法|意见|规定|法|条例|方案|决定|细则|规程|指引|制度|批复|函|纲要|规划)$")
_DOC_NUMBER = lazy(r"[\(（]?(?P<n>[\u4e00-\u9fff]{1,12}[〔\[【(（]\d{4}[〕\]】)）]\d{1,4}号)[\)）]?")
# 公开 / 公示 that is not a tender's (公开招标, 公开采购, 公开选聘 …)
_DISCLOSED = guarded(r"公示|公开(?!招标|采购|选聘|遴选|征集|竞争|比选|摇号|竞价|拍卖|出让|挂牌|谈判|询价)")
_PLANNED = guarded(r"拟|将|计划|预计|准备|待")
_ACTUAL = guarded(r"已|业已")
_CHANNEL = guarded(
    r"(?:通过|在|于|经)(?P<c>[^,，。;；:\n\d]{2,40}?(?:网站|网|平台|公众号|公告栏|公示栏|公开栏|门户|专栏|栏目|官网|报刊|报))"
    r"(?=向社会|予以|进行|公开|公示|公布|上|,|，|。|$)"
)
# the subject of a disclosure that is another document: a year's 决算 or 预算, a 申报表, a 监控 report
_OTHER_DISCLOSED = guarded(r"决算|预算(?!绩效)|申报表|监控|(?:19|20)\d{2}年度?(?:部门|单位)?(?:整体)?(?:支出)?(?:绩效)?(?:自评)?报告")
_OWN_DISCLOSED = guarded(r"本报告|本自评|自评结果|自评情况|评价结果|本年度")
_APPROVAL = guarded(r"决算.{0,30}?批复|批复.{0,10}决算")
_AS_OF = lazy(rf"截至(?P<date>{DATE_SPAN})|截止(?:到|至)?(?P<date2>{DATE_SPAN})|(?:截至|截止(?:到|至)?)(?P<year>(?:19|20)\d{{2}})\s*年\s*(?:底|末)"
              # 年末编制64人，实有在编人员61人 / 截至年底: the fiscal year's end
              r"|(?P<bare>(?:(?:截至|截止(?:到|至)?)(?:本年|当年)?年[底末]|(?<![\d〇一二三四五六七八九十])年末)(?=[，,]?(?:编制|核定编制|实有|在编|在职|人员)))"
              # 2025年末在编在岗768人: the year's end named without 截至 (where it is the fiscal year's)
              r"|(?<!\d)(?P<own>(?:19|20)\d{2})\s*年\s*[底末](?=[，,]?(?:编制|核定编制|实有|在编|在职|人员))")


_KIND_TRANSFER = lazy(r"转移支付|转移资金|补助资金.{0,6}区域|区域绩效|中央财政|中央对地方|中央补助|中央预算内|衔接推进乡村振兴")
_YEAR_IN_TITLE = r"(?:(?:19|20)\d{2}年度?)?"
_KIND_SPECIAL = lazy(rf"专项资金|专项经费|专项补助|专项债|(?:资金|经费)(?:[（(][^（）()]{{1,30}}[）)])?{_YEAR_IN_TITLE}(?:整体)?(?:支出)?"
                    r"绩效(?:自评|评价)"  # (…农田建设补助资金（高标准农田建设）绩效自评报告)
                    # (a fund's own budget: …城乡居民基本养老保险基金预算绩效自评报告, …医疗保险基金绩效自评报告)
                    rf"|基金{_YEAR_IN_TITLE}(?:收支)?(?:预算)?(?:执行)?绩效(?:自评|评价)")
# the finance ministry's outline of a transfer payment's regional self-evaluation opens with this part
_TRANSFER_OUTLINE = guarded(r"^(?:绩效)?目标分解下达")
_KIND_PROJECT = guarded(rf"(?:项目|工程){_YEAR_IN_TITLE}(?:支出)?(?:绩效)?(?:自评|评价)")  # (…供水一体化工程2025年度绩效自评报告)
_PROJECT_EXPENDITURE = guarded(r"项目支出(?:绩效)?(?:自评|评价)")
_KIND_DEPARTMENT = guarded(r"部门整体|单位整体|整体支出|部门支出|部门预算|部门(?:绩效)?(?:自评|评价)")


SUMMARY_DOCUMENT = "部门绩效自评情况汇总"  # (its tables' totals and rates are checked: see prose._other_document)

# Documents that come to a finance bureau with the self-evaluations but are not one: a year's 绩效目标 (set before
# the year), mid-year 监控, the 部门决算 disclosure, a 整改 report. What the title ends on tells them apart: the
# last of these heads in the title (bracketed asides left out) is what the document is.
_OTHER_DOCUMENTS = (
    ("绩效目标申报表", "target_setting", r"绩效目标(?:申报|批复|调整)?表|目标申报表|绩效目标申报"),
    ("绩效运行监控报告", "monitoring", r"(?:运行|绩效|执行|预算)监控(?:情况)?(?:报告|表)?|绩效监控"),
    ("部门决算说明", "final_accounts", r"决算(?:公开)?(?:情况)?说明|部门决算(?:公开)?$"),
    ("整改情况报告", "rectification", r"整改(?:落实)?(?:情况)?(?:的)?(?:报告|说明)|整改情况$"),
    # (某局关于报送2025年度部门整体及项目支出绩效自评材料的函: the letter a submission comes with, not the report)
    ("报送函", "cover_letter", r"(?:报送|上报|呈报|报请)[^，,。；;]{2,60}?的(?:函|请示|报告)$"),
    # a finance bureau's account of many departments' self-evaluations (象山县财政局关于2025年度预算绩效自评工作情况的报告,
    # …市直部门绩效自评抽查复核情况的通报, …部门绩效自评结果汇总表): not one department's; its tables are still checked
    (SUMMARY_DOCUMENT, "evaluation_summary",
     r"财政(?:局|厅|委|部门)关于[^，,。；;]{0,30}?自评[^，,。；;]{0,16}?(?:工作|抽查|复核)[^，,。；;]{0,10}?(?:报告|通报|说明)$"
     r"|(?:抽查复核|复核)(?:工作)?情况(?:的)?(?:报告|通报|说明)$|(?<!项目支出)(?<!项目)部门绩效自评结果汇总表$"),
)
OTHER_DOCUMENTS_EN = {SUMMARY_DOCUMENT: "finance bureau's account of departments' self-evaluations",
                      "绩效目标申报表": "performance target form", "绩效运行监控报告": "mid-year performance monitoring report",
                      "部门决算说明": "final accounts disclosure", "整改情况报告": "rectification report",
                      "报送函": "cover letter"}
_HEADS = lazy("|".join(f"(?P<{key}>{pattern})" for _, key, pattern in _OTHER_DOCUMENTS)
              + r"|(?P<self>自评(?:报告|表|情况|结果)?|绩效评价(?:报告)?|评价报告)")
_ASIDE = lazy(r"[（(][^）)]*[）)]")


def other_document(title: str) -> str | None:
    """What a document is, by its title, when it is not a self-evaluation (绩效目标申报表, 绩效运行监控报告,
    部门决算说明, 整改情况报告); None for a self-evaluation or a title that names none of them."""
    heads = list(_HEADS.finditer(_ASIDE.sub("", re.sub(r"\s+", "", title))))
    if not heads or heads[-1].lastgroup == "self":
        return None
    return next(name for name, key, _ in _OTHER_DOCUMENTS if key == heads[-1].lastgroup)


_DIGIT_SPACE = lazy(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=\d)|(?<=\d)[ \u3000]+(?=[\u4e00-\u9fff])")


def clean_title(text: str) -> str:
    """A title as a reader reads it: one line, without a trailing aside with its date (（公开时间：2024 年 9 月 12 日）,
    （2025年度）), and without the spaces a PDF's text layer puts between Chinese and digits (Word and LibreOffice
    set a gap there, which the text layer writes as a space: 某某局 2023 年度… is 某某局2023年度… as printed). Its
    provenance quotes the text as it stands."""
    return _DIGIT_SPACE.sub("", _TITLE_ASIDE.sub("", re.sub(r"\s*\n\s*", "", text.strip())))


_BUDGET_LEVEL = lazy(r"[一二]级项目")


def report_kind(title: str) -> str:
    """The report type from its title: 部门整体 (the default), 项目, 专项资金, 转移支付."""
    if _KIND_DEPARTMENT.search(title) and not re.search(r"部门预算项目|部门项目", title):
        return "department_self_evaluation"
    if (transfer := _KIND_TRANSFER.search(title)):
        # (…衔接推进乡村振兴补助资金项目支出绩效自评报告: a department's project paid for by a transfer, as its title's last
        # words say, written to the project outline)
        return "project_self_evaluation" if _PROJECT_EXPENDITURE.search(title, transfer.end()) \
            else "transfer_payment_self_evaluation"
    special = _KIND_SPECIAL.search(title)
    if special:
        project = _KIND_PROJECT.search(title, special.end())
        # (…专项债券项目支出绩效自评报告: a project paid for by special bonds, as the title's last words say)
        # (…发展资金（一级项目）绩效自评报告: a 一级项目 of the department's budget, named for its funds)
        return "project_self_evaluation" if project and "专项债" in special.group() or _BUDGET_LEVEL.search(title) \
            else "special_fund_self_evaluation"
    if _KIND_PROJECT.search(title):
        return "project_self_evaluation"
    return "department_self_evaluation"


_ORG_SUFFIX = (r"(?:局|厅|委员会|委|办公室|办|中心|所|站|馆|院|队|社|会|部|处|公司|集团|学校|学院|大学|医院|政府|街道办事处"
               r"|街道|镇人民政府|乡人民政府|管委会|管理处|研究院|联合会|协会|总工会|监狱|看守所|法院|检察院)")
# a line that is an organisation's name alone (a signature's): 宝鸡市文化和旅游局, 永春县水利局（盖章）
ORG_LINE = guarded(rf"^[\u4e00-\u9fff（）()]{{3,30}}{_ORG_SUFFIX}(?:（盖章）|\(盖章\))?$")
_ORG_IN_TITLE = lazy(_ORG_SUFFIX)
# a report's own title: its department's name, then the year (某县林业局2025年度…), as a headline over it may not be
_OWN_TITLE = lazy(rf"^[\u4e00-\u9fff（）()]{{2,30}}?{_ORG_SUFFIX}\s*(?:19|20)\d{{2}}\s*年")


_NOT_A_NAME = guarded(r"绩效|自评|评价|报告|自评表|[（(]$|^附件\s*[\d一二三四五六七八九十]*[：:]?$")  # (附件1: an attachment's number)
_SUBTITLE = lazy(r"^[（(](?P<s>[^（）()]{2,40}?(?:项目|专项资金|资金))[）)]$")
_YEAR_LINE = lazy(r"(?:^|\n|自评表|报告)[(（]\s*(?P<y>(?:19|20)\d{2})\s*年度?\s*[)）]")


class OutlineReader:
    def __init__(self, builder: ReportBuilder):
        self.b = builder
        self.stream = builder.stream
        self.text = builder.stream.text

    def read(self) -> None:
        self.name_label()
        self.signature = self._signature()
        self.title()
        self.level()
        self.sections()
        self._transfer_outline()
        self.attachments()
        self.dates()

    def _transfer_outline(self) -> None:
        """A fund's report (…补助资金绩效自评报告) written to the finance ministry's outline for a transfer payment's
        regional self-evaluation (一、绩效目标分解下达情况 …) is a transfer payment's. A 专项资金 named so keeps its kind
        (provinces lend their special funds the ministry's outline), and so does one its first lines call so (…关于开展
        2020年度省级专项资金绩效自评工作的要求)."""
        kind, title = self.b.report.get("kind"), str(self.b.report.get("title", ""))
        if "专项" in title or "专项资金" in self.text[:400]:
            return
        if kind == "special_fund_self_evaluation" or (kind == "department_self_evaluation"
                                                      and not _KIND_DEPARTMENT.search(title) and not _KIND_PROJECT.search(title)):
            first = next((s for s in self.b.report.get("sections") or [] if s.get("level") == 1), None)
            if first is not None and _TRANSFER_OUTLINE.search(str(first.get("title", ""))):
                self.b.report["kind"] = "transfer_payment_self_evaluation"

    # -- title, department, year ------------------------------------------------------------------
    def title(self) -> None:
        """The title: the first paragraph before the first heading that names 绩效/自评 and is not a
        form field (报告日期：…); the department and the fiscal year are read from it."""
        first_heading = min((self.stream.line_start[i] for i in self.stream.heading_level), default=len(self.text))
        offset = 0
        paragraphs = self.text[:first_heading].split("\n")
        # the first that ends as a title does (…自评报告, …公开说明), else the first with a year in it, else the first:
        # a site's column name (预算绩效管理) or menu (绩效信息 2020年度 2019年度) above the title is not it
        dated: tuple[int, str] | None = None
        first: tuple[int, str] | None = None
        for index, paragraph in enumerate(paragraphs):
            start, offset = offset, offset + len(paragraph) + 1
            if len(paragraph) <= 80 and ("绩效" in paragraph or "自评" in paragraph or other_document(paragraph)) \
                    and not _FIELD.match(paragraph):
                after = paragraphs[index + 1] if index + 1 < len(paragraphs) else ""
                if _TITLE_END.fullmatch(after.strip()) and not _TITLE_END.search(paragraph.rstrip()[-4:]):
                    # a title set on two lines: …2023 年度部门决算 / 公开说明
                    self._from_title(start, paragraph + "\n" + after)
                    return
                if clean_title(paragraph).endswith(_TITLE_ENDS):
                    subject = _SUBTITLE.match(next((p.strip() for p in paragraphs[index + 1:] if p.strip()), ""))
                    if subject is not None and subject.group("s") not in paragraph:
                        # a cover's title with its project on the line under it (…财政支出绩效自评报告 /（老旧小区微更新
                        # 项目）): the report's own title below that names it, else the cover's, of a project report
                        self._from_subtitled(paragraphs, index, start, subject.group("s"))
                        return
                    if not _OWN_TITLE.match(paragraph):  # an article's headline (晒账单｜…报告): the report's own title
                        # below it (its department, then its year: 某县林业局2025年度…报告), where one is, is the title
                        own = self._title_below(paragraphs, index, start, lambda later: bool(_OWN_TITLE.match(later)))
                        if own is not None:
                            self._from_title(*own)
                            return
                    self._from_title(start, paragraph)
                    return
                if dated is None and _TITLE_YEAR.search(paragraph):
                    dated = (start, paragraph)
                if first is None:
                    first = (start, paragraph)
        chosen = dated or first
        if chosen is not None:
            self._from_title(*chosen)
            return
        self._fiscal_year_elsewhere()

    @staticmethod
    def _title_below(paragraphs: list[str], index: int, start: int,
                     accept: Callable[[str], bool]) -> tuple[int, str] | None:
        """(where it starts, its text) of the first title after paragraph `index` (which starts at `start`), before the
        first heading, that `accept` takes."""
        offset = start + len(paragraphs[index]) + 1
        for later in paragraphs[index + 1:]:
            if len(later) <= 80 and clean_title(later).endswith(_TITLE_ENDS) and accept(later):
                return offset, later
            offset += len(later) + 1
        return None

    def _from_subtitled(self, paragraphs: list[str], index: int, start: int, subject: str) -> None:
        own = self._title_below(paragraphs, index, start, lambda later: subject in later)
        if own is not None:
            self._from_title(*own)
            return
        self._from_title(start, paragraphs[index])
        self.b.report["kind"] = report_kind(paragraphs[index] + subject)

    def _from_title(self, start: int, title: str) -> None:
        end = start + len(title)
        self.b.set("/title", clean_title(self.stream.display(start, end)), start, end)
        title = title.replace("\n", "")
        self.b.report["kind"] = report_kind(title)
        year = _TITLE_YEAR.search(title)
        if year:
            self.b.set("/fiscal_year", int(year.group("y")), start + year.start("y"), start + year.end("y"))
        else:
            self._fiscal_year_elsewhere()
        if self.b.has("/department/name"):
            return
        if self.signature is not None and (self.b.report["kind"] != "department_self_evaluation"
                                           or not self._title_names_department(title)):
            (start_name, end_name), _ = self.signature
            self.b.set("/department/name", self.stream.display(start_name, end_name).strip(), start_name, end_name)
            return
        name_start, name_end = 0, year.start() if year else -1
        if year and name_end <= 1:  # the year first: 2021年度某某局部门整体支出…
            name_start = year.end()
            tail = _TITLE_TAIL.search(title, name_start)
            name_end = tail.start() if tail else -1
        elif not year:
            tail = _TITLE_TAIL.search(title)
            name_end = tail.start() if tail else -1
        about = title.find("关于", name_start + 1, name_end) if name_end > name_start else -1
        if about > name_start:
            name_end = about  # (某局关于报送2025年度…的函: the name is what stands before 关于)
        if name_end - name_start >= 2:
            name = re.sub(r"^关于|关于$", "", re.sub(r"\s+", "", self.stream.display(start + name_start, start + name_end)))
            if len(name) >= 2 and not _NOT_A_NAME.search(name):
                self.b.set("/department/name", name, start + name_start, start + name_end)

    @staticmethod
    def _title_names_department(title: str) -> bool:
        """Whether the title starts with a department's name (…局, …委员会…), not only a place."""
        head = re.split(r"(?:19|20)\d{2}年", title)[0] or title
        return bool(_ORG_IN_TITLE.search(head))

    def _fiscal_year_elsewhere(self) -> None:
        line = _YEAR_LINE.search(self.text)  # （2023年度） on a line of its own, under the title
        if line:
            self.b.set("/fiscal_year", int(line.group("y")), line.start("y"), line.end("y"))
            return
        m = re.search(r"(?P<y>(?:19|20)\d{2})年度?(?:部门|单位)?(?:整体支出|项目支出|预算)?(?:绩效)?(?:自评|评价)", self.text)
        if m:
            self.b.set("/fiscal_year", int(m.group("y")), m.start("y"), m.end("y"))

    def name_label(self) -> None:
        m = _NAME_LABEL.search(self.text)
        if m:
            name = re.sub(r"\s+", "", self.stream.display(m.start("name"), m.end("name")))
            self.b.set("/department/name", name, m.start("name"), m.end("name"))

    def level(self) -> None:
        m = _LEVEL.search(self.text)
        if m:
            level = m.group("level")
            level = level.translate(str.maketrans("12345", "一二三四五"))
            self.b.set("/department/level", level, m.start(), m.end())

    # -- headings and attachments -----------------------------------------------------------------
    def sections(self) -> None:
        sections: list[dict[str, str | int]] = []
        problems_title = ""  # the title of the section of the first level the headings are under
        for index, level in sorted(self.stream.heading_level.items(), key=lambda kv: self.stream.line_start[kv[0]]):
            start = self.stream.line_start[index]
            number = (_NUMBER_L2 if level == 2 else _NUMBER_L1).match(self.text, start)
            if number is None:  # pragma: no cover - heading_level only holds matching lines
                continue
            title_start = number.end()
            end = _SECTION_END.search(self.text, title_start)
            if level == 1:
                problems_title = self.text[title_start:end.start() if end else len(self.text)]
            title_end = end.start() if end else len(self.text)
            if level == 2 and end is not None and end.group() == "。" and self.text[end.end():end.end() + 1] not in ("", "\n") \
                    and (not _TOPIC_END.search(self.text, title_start, end.start())
                         or _POINT_WORD.search(self.text, title_start, end.start())):
                # (（一）预算执行前慢后快。上半年执行进度…, （二）天然林保护修复项目。全年预算…: an item of a list that opens on
                # its point or its subject, not a section; （一）整体绩效目标设定质量情况。… runs on and is one)
                continue
            if level == 2 and end is not None and end.group() in "。；;\n" and _PROBLEMS.search(problems_title) \
                    and (_CLAUSES.search(self.text, title_start, end.start()) or end.start() - title_start > 24) \
                    and not (not _FAULTS.search(problems_title) and self._over_its_text(end)):
                # (六、存在的问题 / （一）部分项目前期论证不够充分，高标准农田建设项目受旱情影响，…未达到预期目标。: a problem
                # stated in a sentence of its own is a list item, not a section; so is a measure under 改进措施, （一）提高
                # 预算编制质量，结合…，减少年中追加。 followed by the next; a topic without a clause, （三）改进建议, stays a
                # section, and so does a measure set over a paragraph of its own, （一）建立全过程预算绩效管理链条，提高资金
                # 执行效率。 / 逐步建立起…, and a measure under 整改措施 (the bundled example's reading))
                continue
            if title_end - title_start > 30:
                commas = [i for i in range(title_start, title_start + 31) if self.text[i] in ",，"]
                if commas:
                    title_end = commas[-1]
            while title_end > title_start and self.text[title_end - 1] in " 。.":
                title_end -= 1
            if title_end <= title_start:
                continue
            title = _DIGIT_SPACE.sub("", self.stream.display(title_start, title_end))  # (a PDF's 2025 年度…: 2025年度…)
            number_text = self.stream.display(start, title_start).strip()
            sections.append({"number": number_text, "title": title, "level": level,
                             "line": self.stream.lines[index].number})
            self.b.locate(f"/sections/{len(sections) - 1}/title", title_start, title_end)
        if sections:
            self.b.report["sections"] = sections

    def _over_its_text(self, end: re.Match[str]) -> bool:
        """Whether a heading-like sentence ending at `end` ends its line and a paragraph of text follows it, not the
        next item or heading (（二）…, 六、…)."""
        if end.group() != "。" or self.text[end.end():end.end() + 1] != "\n":
            return False
        stop = self.text.find("\n", end.end() + 1)
        following = self.text[end.end() + 1:stop if stop >= 0 else len(self.text)]
        # (a sentence of text: not the next item, a heading, or the signature under the last item)
        return not _NUMBERED.match(following) and len(following.strip()) >= 16 and any(m in following for m in "，。；,;")

    def attachments(self) -> None:
        seen: list[str] = []
        cited: list[tuple[re.Match[str], re.Match[str]]] = []
        for m in _ATTACHMENT.finditer(self.text):
            name = m.group("t")
            if _CITED_TAIL.search(name):
                number = _DOC_NUMBER.match(self.text, m.end())
                if number and len(cited) < 50:
                    cited.append((m, number))
                continue
            value = self.stream.display(m.start("t"), m.end("t"))
            if value in seen:
                continue
            self.b.set(f"/attachments_referenced/{len(seen)}", value, m.start(), m.end())
            seen.append(value)
        for i, (m, number) in enumerate(cited):
            self.b.set(f"/cited_documents/{i}/number", self.stream.display(number.start("n"), number.end("n")),
                       number.start("n"), number.end("n"))
            self.b.set(f"/cited_documents/{i}/title", self.stream.display(m.start("t"), m.end("t")), m.start("t"), m.end("t"))

    # -- dates ------------------------------------------------------------------------------------
    def dates(self) -> None:
        self.report_date()
        self.disclosure()
        self.approval()
        self.as_of()

    def _signature(self) -> tuple[tuple[int, int], tuple[int, int, str]] | None:
        """The signature at the end of the report body: a line naming the department (…局, …委员会,
        …中心) followed by a line that is only a date. The last such pair in the document, so a 附件 table
        or a website footer after it does not hide it. Returns ((name start, end), (date start, end, iso))."""
        found = None
        lines = self.stream.kept
        for k in range(len(lines) - 1):
            start = self.stream.line_start[lines[k]]
            end = self.text.find("\n", start)
            if end < 0 or end - start > 40:
                continue
            name = self.text[start:end]
            stamp = _STAMP.search(name)
            name_end = start + stamp.start() if stamp else end  # 永春县水利局（盖章）: the name without the stamp's place
            if not ORG_LINE.match(name[:name_end - start]):
                continue
            date_start = end + 1
            date_end = self.text.find("\n", date_start)
            date_end = len(self.text) if date_end < 0 else date_end
            line = self.text[date_start:date_end]
            d = DATE_RE.match(line)
            if d and d.end() == len(line):
                value = date_from_match(d)
                if value:
                    found = ((start, name_end), (date_start + d.start(), date_start + d.end(), value))
        return found

    def report_date(self) -> None:
        m = _REPORT_DATE_LABEL.search(self.text)
        if m and not (m.group().startswith("填报") and self.signature is not None):
            # (an attached 自评表's 填报日期 gives way to the date the report is signed with)
            d = DATE_RE.match(self.text, m.start("date"))
            value = date_from_match(d) if d else None
            if value and d:
                self.b.set("/report_date", value, d.start(), d.end())
                return
        if self.signature is not None:
            start, end, value = self.signature[1]
            self.b.set("/report_date", value, start, end)
            return
        # the date line at the end: the last of the final few lines that ends with a date
        kept = self.stream.kept[-8:]
        for index in reversed(kept):
            start = self.stream.line_start[index]
            end = self.text.find("\n", start)
            end = len(self.text) if end < 0 else end
            line = self.text[start:end]
            for d in DATE_RE.finditer(line):
                if d.end() != len(line) or re.search(r"[。,，;；]", line[:d.start()]):
                    continue
                value = date_from_match(d)
                if value:
                    self.b.set("/report_date", value, start + d.start(), start + d.end())
                    return

    def disclosure(self) -> None:
        for sentence_start, sentence in _sentences_with(self.text, ("公开", "公示")):
            if not _DISCLOSED.search(_QUOTED.sub("", sentence)):
                # (通过公开招标确定承接主体，服务期为2023年1月1日…: a tender, not the report made public; “抽检结果公示时间”年度指标值
                # 2025年12月31日前: an indicator's name and its target)
                continue
            d = _disclosure_date(sentence)
            if not d:
                continue
            value = date_from_match(d)
            if not value:
                continue
            if re.search(r"决算.{0,6}批复|批复.{0,6}决算", sentence[:d.start()]):
                continue
            clause = re.split(r"[，,；;（(]", sentence[:d.start()])[-1]
            if _OTHER_DISCLOSED.search(clause) and not _OWN_DISCLOSED.search(clause):
                continue  # (（2024年度部门决算已于2025年9月12日在…网站公开）: another document made public, not this report)
            self.b.set("/disclosure/date", value, sentence_start + d.start(), sentence_start + d.end())
            before = sentence[:d.start()]
            if _PLANNED.search(before[-12:]):
                self.b.set("/disclosure/status", "planned", sentence_start + d.start(), sentence_start + d.end())
            elif _ACTUAL.search(before[-12:]):
                self.b.set("/disclosure/status", "actual", sentence_start + d.start(), sentence_start + d.end())
            channel = _CHANNEL.search(sentence)
            if channel:
                name = re.sub(r"\s+", "", self.stream.display(sentence_start + channel.start("c"), sentence_start + channel.end("c")))
                self.b.set("/disclosure/channel", name, sentence_start + channel.start("c"), sentence_start + channel.end("c"))
            return

    def approval(self) -> None:
        for sentence_start, sentence in _sentences_with(self.text, ("批复",)):
            if not _APPROVAL.search(sentence):
                continue
            d = DATE_RE.search(sentence)
            if d and date_from_match(d):
                self.b.set("/final_accounts_approval_date", date_from_match(d), sentence_start + d.start(), sentence_start + d.end())
                return

    def as_of(self) -> None:
        if "staffing" not in self.b.report:
            return
        for m in _AS_OF.finditer(self.text):
            rest = self.text[m.end():m.end() + 120].split("。", 1)[0]
            if not re.search(r"编制|实有|在职|在编|人员|人数|职工", rest):
                continue
            if m.group("year"):  # 截至2022年底: the year's last day
                self.b.set("/staffing/as_of", f"{m.group('year')}-12-31", m.start("year"), m.end())
                return
            if m.group("own"):  # 2025年末在编在岗…: the fiscal year's end, where it is that year
                if m.group("own") == str(self.b.report.get("fiscal_year")):
                    self.b.set("/staffing/as_of", f"{m.group('own')}-12-31", m.start("own"), m.end())
                    return
                continue
            if m.group("bare"):  # 年末编制…: the fiscal year's end
                year = self.b.report.get("fiscal_year")
                if isinstance(year, int):
                    self.b.set("/staffing/as_of", f"{year}-12-31", m.start("bare"), m.end("bare"))
                    return
                continue
            d = DATE_RE.match(self.text, m.start("date") if m.group("date") else m.start("date2"))
            value = date_from_match(d) if d else None
            if d and value:
                self.b.set("/staffing/as_of", value, d.start(), d.end())
                return


_SENTENCE_BREAK = guarded(r"[。!?！？\n]")
_QUOTED = guarded(r"“[^“”\n]{1,30}”")  # (a name in quotes: an indicator's, 抽检结果公示时间)


def _disclosure_date(sentence: str) -> re.Match[str] | None:
    """The date a sentence makes the report public on: the first in a clause that says 公开 or 公示 (本报告于2026年4月9日
    修订，将于2026年4月30日前在县政府门户网站公开: the second), else the sentence's first."""
    dates = list(DATE_RE.finditer(sentence))
    for d in dates:
        start = max(sentence.rfind(mark, 0, d.start()) for mark in "，,；;") + 1
        ends = [k for k in (sentence.find(mark, d.end()) for mark in "，,；;。") if k >= 0]
        if _MADE_PUBLIC.search(sentence, start, min(ends) if ends else len(sentence)):
            return d
    return dates[0] if dates else None


_MADE_PUBLIC = guarded(r"公开|公示")


def _sentences_with(text: str, words: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """(offset, text) of each sentence that contains one of the words, in order, each sentence once."""
    hits = sorted({i for word in words for i in _find_all(text, word)})
    covered = -1
    for i in hits:
        if i < covered:
            continue
        m = None
        for m in _SENTENCE_BREAK.finditer(text, max(0, i - 400), i):  # noqa: B007 (the last one is wanted)
            pass
        start = m.end() if m else max(0, i - 400)
        end_match = _SENTENCE_BREAK.search(text, i)
        covered = end_match.start() if end_match else len(text)
        yield start, text[start:covered]


def _find_all(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)
