"""The report's prose against its own 自评表: a figure stated in a sentence and on the form of the same subject.

A report restates what its attached forms say: each key project's 全年预算, 实际支出, 执行率, 自评得分 and 等级
(其中，小型水库除险加固全年预算1,386.38万元…，执行率98.26%，自评得分97.58分，评价等级为“优”), a project report its one
form's, a department report its 部门整体 form's score. Where the two differ, at least one is wrong: JX-CONFLICT, with
the sentence's place and the form's cell (`prose_against_forms`).

Only what is surely the same figure is compared (extraction never accuses):
- a project is the subject of a statement (a sentence, or a part of one up to ；) that opens with its name, in full or
  shortened with its characters in order (农机购置补贴 for 农业机械购置补贴项目), and matches no other form;
- a clause naming another time (上年, 2021年, 截至6月底, 一期) or opening with 其中 (a part of the project's money) is
  not the project's figure of the year;
- a 执行率 on another base (实际支出 ÷ 年初预算) is no conflict, nor is a figure restated to fewer places (97.5 for
  97.48), nor an amount in another unit (约1.13亿元);
- a department report's score is compared with its 部门整体 form only where the report scores on no 评分表 of its own
  (an evaluation's indicator system scores another way: the report says so).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any

from jixiao.kit import Finding, Location, decimals_of, lookup, round_half_up, where as where_text

from .builder import add_places
from .lazyre import guarded
from .normalize import Stream
from .selftable import project_core as _core, same_figure, shortens
from .values import GRADE_KEYS, as_stated, parse_number

MESSAGES = {
    "prose_form_conflict": {
        "zh": "{subject}的{what}：正文{prose}为 {second}，{form_name}（{form}）为 {first}",
        "en": "{subject}, {what}: {second} in the text ({prose}), {first} on {form_name} ({form})",
    },
    "grade_tally": {
        "zh": "“{grade}”项目个数：正文{prose}为 {second} 个，所附 {forms} 张项目支出绩效自评表中评为“{grade}”的为 {first} 张",
        "en": "projects graded “{grade}”: {second} in the text ({prose}), {first} of the {forms} project forms attached",
    },
    "grade_others": {"zh": "；其余为：{others}", "en": "; the others: {others}"},
    "project": {"zh": "项目“{name}”", "en": "project “{name}”"},
    "department": {"zh": "部门整体", "en": "the department"},
    "project_form": {"zh": "该项目自评表", "en": "its own form"},
    "department_form": {"zh": "部门整体支出绩效自评表", "en": "the department's form"},
    "total_score": {"zh": "自评得分", "en": "score"},
    "grade": {"zh": "自评等级", "en": "grade"},
    "execution_rate": {"zh": "执行率", "en": "execution rate"},
    "adjusted_budget": {"zh": "全年预算数", "en": "adjusted budget"},
    "initial_budget": {"zh": "年初预算数", "en": "initial budget"},
    "executed": {"zh": "全年执行数", "en": "amount spent"},
}

# a figure of a project's statement, and the form's field it restates
_FIGURE = guarded(
    r"(?P<key>全年预算|调整后预算|年初预算|实际支出|全年执行|执行数|支出)(?:数|金额|资金)?(?:合计)?(?:为|是|达到?|共)?"
    r"(?P<amount>\d[\d,]*(?:\.\d+)?)(?P<unit>亿元|万元|元)"
    r"|执行率(?:为|是|达到?)?(?P<rate>\d+(?:\.\d+)?)[%％]"
    r"|(?<![率标项值])得分(?:为|是)?(?P<score>\d+(?:\.\d+)?)分"  # (not 预算执行率得分9.70分: a part of the score)
    r"|等级(?:为|是|评为|评定为)?[“\"‘]?(?P<grade>优秀|良好|优|良|中|差)")
_AMOUNT_KEYS = {"全年预算": "adjusted_budget", "调整后预算": "adjusted_budget", "年初预算": "initial_budget",
                "实际支出": "executed", "全年执行": "executed", "执行数": "executed", "支出": "executed"}
_STATEMENT_END = guarded(r"[。；;！？\n]")
_CLAUSE_END = guarded(r"，|(?<!\d),|,(?!\d)")  # (not the thousands separator of 1,681.36)
# another time than the year's: its clause is not the year's figure (the fiscal year itself is checked apart)
_OTHER_TIME = guarded(r"上年|去年|同期|上一年|前年|上半年|前三季度|季度|(?:截至|截止)|[一二三四]期|以前年度|累计|历年")
_YEAR = guarded(r"((?:19|20)\d\d)年")
# what opens a statement before the project's name
_LEAD = guarded(r"^(?:\s|其中[，,：:]?|另外[，,]?|此外[，,]?|[（(]?[一二三四五六七八九十\d]{1,2}[)）.、．]|[①-⑳])+")
# what may close the name before its first figure (小型水库除险加固项目全年预算…, …项目2023年度…)
_NAME_TAIL = guarded(r"(?:项目|工程|专项|资金)?(?:的)?(?:(?:19|20)\d\d年度?|本年度?|全年|年度)?$")
_CJK = guarded(r"^[\u4e00-\u9fff（）()]+")
_NAMES_PROJECT = guarded(r"项目|工程|专项")
_THIS_PROJECT = guarded(r"(?:该|本|此|这个|这一)(?:项目|工程|专项)")
# a statement that opens with a project's name and a colon (基本公共卫生服务项目：全年建立居民电子健康档案27.6万份…)
_NAMED_HEAD = guarded(r"^\s*(?P<name>[^：:，,。；;\n]{3,40})[：:]")
# what a name runs on with that makes it a part of the project's (its 产出指标, its 执行率得分), not the project
_PART_OF_FORM = guarded(r"产出|效益|满意度|成本|预算执行|执行率|绩效指标|一级指标|二级指标")
_OWN_TAIL = guarded(r"^(?:建设)?(?:项目|工程|专项资金|专项|资金)")
_FIGURE_WORD = guarded(r"全年预算|年初预算|调整后|实际支出|执行率|执行数|自评|得分|等级|预算|支出")


def prose_against_forms(report: dict[str, Any], stream: Stream, lang: str, paragraphs: bool = False) -> list[Finding]:
    """JX-CONFLICT for each figure the report's prose states for one of its forms' subjects that the form states
    otherwise (see the module's docstring). `paragraphs`: the source's lines are paragraphs (Word, a web page), and
    the messages say 第 N 段."""
    findings: list[Finding] = []
    provenance = report.get("provenance") or {}
    projects = [p for p in report.get("projects") or [] if isinstance(p, dict)]
    overall: dict[str, Any] = report["overall"] if isinstance(report.get("overall"), dict) else {}
    year = report.get("fiscal_year") if isinstance(report.get("fiscal_year"), int) else None
    scored_apart = bool(report.get("stated_scores"))  # (a 评分表 of the report's own scores another way)
    if report.get("kind") == "project_self_evaluation" and len(projects) == 1:
        for key, own in (("total_score", "score"), ("grade", "grade"), ("execution_rate", "execution_rate"),
                         ("adjusted_budget", "adjusted_budget"), ("initial_budget", "initial_budget"),
                         ("executed", "final")):
            if scored_apart and key in ("total_score", "grade"):
                continue
            _compare(findings, lang, projects[0], "/projects/0", key, overall.get(own), provenance.get(f"/overall/{own}"),
                     provenance, paragraphs=paragraphs)
    table = report.get("department_table")
    if isinstance(table, dict) and not scored_apart and report.get("kind") != "project_self_evaluation":
        for key, own in (("total_score", "score"), ("grade", "grade")):
            _compare(findings, lang, table, "/department_table", key, overall.get(own), provenance.get(f"/overall/{own}"),
                     provenance, paragraphs=paragraphs, department=True)
    if projects:
        _statements(findings, lang, projects, stream, provenance, year, paragraphs)
        _grade_tally(findings, lang, report, projects, provenance, paragraphs)
    return findings


def _grade_tally(findings: list[Finding], lang: str, report: dict[str, Any], projects: list[dict[str, Any]],
                 provenance: dict[str, Any], paragraphs: bool) -> None:
    """The prose's count of projects per grade against the forms' grades, where a form is attached for every project
    evaluated (as many forms as the count evaluated, each graded): 8 “优” stated, 7 forms graded 优 is a conflict."""
    summary: dict[str, Any] = report["projects_summary"] if isinstance(report.get("projects_summary"), dict) else {}
    counts: dict[str, Any] = summary["grade_counts"] if isinstance(summary.get("grade_counts"), dict) else {}
    evaluated = summary.get("evaluated_count")
    grades = [GRADE_KEYS.get(str(p.get("grade"))) for p in projects]
    if not counts or evaluated != len(projects) or None in grades:
        return
    for key, stated in counts.items():
        place = provenance.get(f"/projects_summary/grade_counts/{key}")
        if not isinstance(stated, int) or not isinstance(place, dict):
            continue
        tally = grades.count(key)
        if tally == stated:
            continue
        graded = [k for k, g in enumerate(grades) if g == key]
        related = [Location.from_dict(provenance[f"/projects/{k}/grade"]) for k in graded
                   if isinstance(provenance.get(f"/projects/{k}/grade"), dict)]
        word = next(w for w, k in GRADE_KEYS.items() if k == key and len(w) == 1)
        sep = "、" if lang == "zh" else "; "
        others = sep.join(f"{p.get('name')}（{as_stated(p.get('total_score'))}，“{p.get('grade')}”）" if lang == "zh"
                          else f"{p.get('name')} ({as_stated(p.get('total_score'))}, “{p.get('grade')}”)"
                          for p, g in zip(projects, grades, strict=True) if g != key)
        findings.append(Finding(
            "JX-CONFLICT", "arithmetic", "warning",
            lookup(MESSAGES, "grade_tally", lang, grade=word,
                   prose=where_text(Location.from_dict(place), lang, paragraphs=paragraphs),
                   second=stated, forms=len(projects), first=tally)
            + (lookup(MESSAGES, "grade_others", lang, others=others) if others else ""),
            f"/projects_summary/grade_counts/{key}", Location.from_dict(place),
            {"first": tally, "second": stated, "forms": len(projects)}, related=related))


def _statements(findings: list[Finding], lang: str, projects: list[dict[str, Any]], stream: Stream,
                provenance: dict[str, Any], year: int | None, paragraphs: bool) -> None:
    names = [(k, _core(str(p.get("name") or ""))) for k, p in enumerate(projects)]
    names = [(k, core) for k, core in names if len(core) >= 3]
    if not names:
        return
    text = stream.text
    seen: set[tuple[int, str]] = set()
    start = 0
    headed: tuple[int, int] | None = None  # (the project a paragraph opens with on its own, where the paragraph ends)
    for end_mark in [*(m.start() for m in _STATEMENT_END.finditer(text)), len(text)]:
        statement, offset, start = text[start:end_mark], start, end_mark + 1
        first = _FIGURE.search(statement)
        named = _NAMED_HEAD.match(statement)
        k = _heading(named.group("name"), names) if named else _heading(statement, names) if first is None else None
        if k is not None:  # (（一）海南热带雨林国家公园生态保护修复项目。全年预算…, or 基本公共卫生服务项目：全年建立…。该项目
            # 执行率…: the paragraph's statements are its)
            line_end = text.find("\n", offset)
            headed = (k, len(text) if line_end < 0 else line_end)
        if first is None:
            continue
        # the nearest clause before the first figure that names a form's project (根据项目支出绩效自评表，古城文物修缮项目
        # 执行率约98.6%，2023年度自评得分96.71分: the second clause's)
        clauses = _CLAUSE_END.split(statement[:first.start()])
        k = next((found for found in (_subject(c, names) for c in reversed(clauses)) if found is not None), None)
        if k is None and headed is not None and offset < headed[1] \
                and not _NAMES_PROJECT.search(_THIS_PROJECT.sub("", statement[:first.start()])):
            k = headed[0]  # (not where the statement names a project, another's: 较农机安全监理项目…; 该项目 is its)
        if k is None:
            continue
        position = 0
        earlier = False  # (该项目2024年执行率为97.84%，自评得分98.65分: the clauses after another year's are that year's too)
        for number, clause_end in enumerate([*(m.start() for m in _CLAUSE_END.finditer(statement)), len(statement)]):
            clause, clause_start, position = statement[position:clause_end], position, clause_end + 1
            if number and clause.lstrip("（(").startswith("其中"):
                break  # (其中中央和省级补助资金…: a part of the project's money)
            if _other_time(clause, year):
                earlier = True
                continue
            if earlier and not (year is not None and f"{year}年" in clause):
                continue
            for m in _FIGURE.finditer(clause):
                key, stated, group = _stated(m)
                if key is None or (k, key) in seen:
                    continue
                a, b = offset + clause_start + m.start(group), offset + clause_start + m.end(group)
                if _compare(findings, lang, projects[k], f"/projects/{k}", key, stated, stream.location_dict(a, b),
                            provenance, paragraphs=paragraphs):
                    seen.add((k, key))


def _subject(head: str, names: list[tuple[int, str]]) -> int | None:
    """The one form whose project the statement opens with (in full, or shortened in order), or None."""
    lead = _LEAD.match(head)
    head = head[lead.end():] if lead else head
    run = _CJK.match(head)
    if run is None:
        return None
    mention = _NAME_TAIL.sub("", _FIGURE_WORD.split(run.group(), 1)[0])
    if len(mention) < 3:
        return None
    full = [(k, core) for k, core in names if mention == core or mention.startswith(core)]
    if full:
        longest = max(len(core) for _, core in full)
        chosen = [(k, core) for k, core in full if len(core) == longest]
        if len(chosen) != 1:
            return None
        k, core = chosen[0]
        # (农业产业发展资金产出指标…得分49.33分: a part's score; 农业产业发展资金（省级统筹部分）, with no form of its own: a part)
        rest = _OWN_TAIL.sub("", mention[len(core):], count=1)
        return None if rest.startswith(("（", "(")) or _PART_OF_FORM.match(rest) else k
    short = [k for k, core in names if shortens(mention, core)]
    return short[0] if len(short) == 1 else None


def _heading(statement: str, names: list[tuple[int, str]]) -> int | None:
    """The form whose project a statement of its name alone names (（一）天然林保护修复项目), or None."""
    lead = _LEAD.match(statement)
    head = (statement[lead.end():] if lead else statement).strip()
    run = _CJK.match(head)
    return _subject(head, names) if run is not None and run.end() == len(head) else None


def _other_time(clause: str, year: int | None) -> bool:
    if _OTHER_TIME.search(clause):
        return True
    return any(year is None or int(m.group(1)) != year for m in _YEAR.finditer(clause))


def _stated(m: re.Match[str]) -> tuple[str | None, Any, str]:
    """(the form's field, the prose's value, the figure's group in `_FIGURE`) of one figure of a statement."""
    if m.group("amount") is not None:
        if m.group("unit") != "万元":
            return None, None, "amount"  # (约1.13亿元: a restatement in another unit, rounded)
        return _AMOUNT_KEYS[m.group("key")], parse_number(m.group("amount")), "amount"
    if m.group("rate") is not None:
        return "execution_rate", parse_number(m.group("rate")), "rate"
    if m.group("score") is not None:
        return "total_score", parse_number(m.group("score")), "score"
    grade = m.group("grade")
    return "grade", grade[0] if grade in ("优秀", "良好") else grade, "grade"


def _compare(findings: list[Finding], lang: str, form: dict[str, Any], base: str, key: str, stated: Any,
             place: Any, provenance: dict[str, Any], paragraphs: bool = False, department: bool = False) -> bool:
    """Append a JX-CONFLICT where `stated` (the prose's, at `place`) differs from `key` on `form` (a project's, or
    the department's form); whether one was."""
    first = form.get(key)
    cell = provenance.get(f"{base}/{key}")
    if stated is None or first is None or not isinstance(place, dict) or not isinstance(cell, dict):
        return False
    if _same(key, stated, first, form):
        return False
    try:
        prose_place, form_place = Location.from_dict(place), Location.from_dict(cell)
    except (KeyError, TypeError, ValueError):
        return False
    subject = lookup(MESSAGES, "department", lang) if department else \
        lookup(MESSAGES, "project", lang, name=str(form.get("name") or ""))
    findings.append(Finding(
        "JX-CONFLICT", "arithmetic", "warning",
        lookup(MESSAGES, "prose_form_conflict", lang, subject=subject, what=lookup(MESSAGES, key, lang),
               prose=where_text(prose_place, lang, paragraphs=paragraphs), second=as_stated(stated),
               form_name=lookup(MESSAGES, "department_form" if department else "project_form", lang),
               form=where_text(form_place, lang, paragraphs=paragraphs), first=as_stated(first)),
        f"{base}/{key}", prose_place, {"first": first, "second": stated, "prose": True}, related=[form_place]))
    return True


def _same(key: str, stated: Any, first: Any, form: dict[str, Any]) -> bool:
    if key == "grade":
        return GRADE_KEYS.get(str(stated)) == GRADE_KEYS.get(str(first))
    if not isinstance(stated, Decimal) or not isinstance(first, Decimal):
        return True  # (not a figure on both sides: nothing to compare)
    if same_figure(stated, first):
        return True
    if key == "execution_rate":  # another base: 实际支出 ÷ 年初预算 (or ÷ 全年预算 where the form's own rate is off)
        executed = form.get("executed")
        for base in ("initial_budget", "adjusted_budget"):
            budget = form.get(base)
            if isinstance(executed, Decimal) and isinstance(budget, Decimal) and budget:
                if round_half_up(executed / budget * 100, decimals_of(stated)) == stated:
                    return True
    return False


# 纳入自评的7个项目全年预算合计5,895.72万元，实际支出合计5,754.60万元: a total of the forms attached, one per project evaluated
_EVALUATED_SET = guarded(r"(?:纳入|参与|参加|开展)(?:绩效)?自评(?:范围)?的(?P<n>\d{1,3})个(?:重点)?项目")
_SET_TOTAL = guarded(r"(?P<key>全年预算|调整后预算|年初预算|实际支出|全年执行|执行数|支出)(?:数|金额|资金)?合计(?:为|是|共)?"
                     r"(?P<amount>\d[\d,]*(?:\.\d+)?)万元")


def evaluated_sums(report: dict[str, Any], stream: Stream) -> None:
    """A total the prose states for the projects evaluated, where their forms are attached, one per project (the
    count it names is the number of forms read, each stating the figure): under /stated_sums, its parts the forms'
    cells, so that NAT-ARITH-011 adds them up."""
    projects = [p for p in report.get("projects") or [] if isinstance(p, dict)]
    provenance = report.get("provenance")
    if not projects or not isinstance(provenance, dict):
        return
    text = stream.text
    sums: list[dict[str, Any]] = []
    places: dict[str, Any] = {}
    for found in _EVALUATED_SET.finditer(text):
        if int(found.group("n")) != len(projects):
            continue
        end = _STATEMENT_END.search(text, found.end())
        for m in _SET_TOTAL.finditer(text, found.end(), end.start() if end else len(text)):
            key = _AMOUNT_KEYS[m.group("key")]
            values = [p.get(key) for p in projects]
            cells = [provenance.get(f"/projects/{k}/{key}") for k in range(len(projects))]
            total = parse_number(m.group("amount"))
            if total is None or not all(isinstance(v, Decimal) for v in values) or not all(isinstance(c, dict) for c in cells):
                continue
            base = f"/stated_sums/{len(report.get('stated_sums') or []) + len(sums)}"
            label = f"{found.group()}{m.group('key')}合计（所附{len(projects)}张自评表）"  # (the parts are on the forms)
            sums.append({"label": label, "total": total,
                         "parts": [{"label": str(p.get("name") or ""), "amount": v} for p, v in zip(projects, values, strict=True)]})
            places[f"{base}/total"] = places[f"{base}/label"] = stream.location_dict(m.start("amount"), m.end("amount"))
            for k, cell in enumerate(cells):
                places[f"{base}/parts/{k}/amount"] = cell
                name = provenance.get(f"/projects/{k}/name")
                if isinstance(name, dict):
                    places[f"{base}/parts/{k}/label"] = name
    if sums:
        report["stated_sums"] = [*(report.get("stated_sums") or []), *sums]
        add_places(report, places)


# -- a deviation explained outside its form's reason cell --------------------------------------------------------------
# the words that open a reason (偏差原因：, 主要原因是, 由于, 受…影响); a sentence that only points elsewhere is none
_REASON_MARK = guarded(r"偏差原因(?:分析)?(?:及改进措施)?[:：]|(?:主要)?原因(?:[:：]|是|为|在于)|由于|受[^。；;\n]{1,30}影响")
_POINTS_ELSEWHERE = guarded(r"原因(?:分析)?(?:及改进措施)?(?:见|详见|参见)")
_PARAGRAPH_END = guarded(r"\n")


def reasons_in_text(report: dict[str, Any], stream: Stream, notes: Stream | None = None) -> None:
    """An indicator scored below its 分值 whose deviation the report explains outside the form's reason cell, in its
    prose (五、偏差分析: （二）“特困人员集中供养率”未达到年度指标值…偏差原因：…) or in a note under the form (附注：“职业技能
    培训人次”…偏差原因：…), keeps that explanation as `deviation_reason_in_text`, placed where it stands: the text after
    the indicator's name, to the end of its paragraph or the next indicator of the form named, from its first reason
    word on. Only a paragraph naming the indicator in full counts; one that only points elsewhere (原因见偏差分析) is
    none. The form's own cell is kept as written (`deviation_reason`). `notes`: the lines set in the forms' own grids
    under their rows (a workbook's 附注 rows), read after the prose."""
    forms = [(f"/projects/{k}", p) for k, p in enumerate(report.get("projects") or []) if isinstance(p, dict)]
    if isinstance(report.get("department_table"), dict):
        forms.append(("/department_table", report["department_table"]))
    places: dict[str, Any] = {}
    for base, form in forms:
        indicators = [i for i in form.get("indicators") or [] if isinstance(i, dict)]
        names = [(k, "".join(unicodedata.normalize("NFKC", str(i.get("level3") or "")).split()))
                 for k, i in enumerate(indicators)]
        names = [(k, name) for k, name in names if len(name) >= 4]
        for k, name in names:
            item = indicators[k]
            score, weight = item.get("score"), item.get("weight")
            if not (isinstance(score, Decimal) and isinstance(weight, Decimal) and score < weight):
                continue
            others = [other for j, other in names if j != k and name not in other]
            for source in (stream, notes) if notes is not None else (stream,):
                found = _explained(source.text, name, others)
                if found is not None:
                    place = source.location_dict(*found)
                    item["deviation_reason_in_text"] = place["quote"]  # (as written, not as normalised)
                    places[f"{base}/indicators/{k}/deviation_reason_in_text"] = place
                    break
    add_places(report, places)


def _explained(text: str, name: str, others: list[str]) -> tuple[int, int] | None:
    """Where the text gives the reason for the indicator `name`'s deviation (start, end), or None."""
    position = text.find(name)
    while position >= 0:
        start = position + len(name)
        end_match = _PARAGRAPH_END.search(text, start)
        end = end_match.start() if end_match else len(text)
        for other in others:  # (the next indicator named: its own reason)
            at = text.find(other, start, end)
            if at >= 0:
                end = at
        window = text[start:end]
        mark = _REASON_MARK.search(window)
        if mark is not None and not _POINTS_ELSEWHERE.search(window, 0, mark.end() + 4):
            reason = window[mark.start():].rstrip("“\"（(，, ")
            if len(reason) > len(mark.group()) + 3:
                return start + mark.start(), start + mark.start() + len(reason)
        position = text.find(name, end)
    return None
