"""The figures a reviewer checks, read from the normalised stream.

Every value token (an amount with its unit, a percentage, a count, a score, a head count) is read
with its *label*: the text of its clause before it. The label's nearest keyword says what the value
is (年初预算, 全年预算, 决算数/执行数, 执行率, …) and the nearest subject marker before it in the
paragraph (整体/部门, 项目, 基本支出) says whose it is. A value whose label says nothing known is left
alone: nothing is guessed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from .builder import ReportBuilder
from .grading import states_bands
from .lazyre import finditer_alternation, guarded, lazy
from .tables import OTHER_PERIOD
from .values import CN_NUMBER, GRADE_KEYS, GRADE_WORDS, NUMBER, parse_count, parse_number, to_wan

TOKEN = guarded(
    r"(?<![\d.,])(?=[\d零〇一二两三四五六七八九十百千])"  # never inside a number; a cheap first-character test
    rf"(?:(?P<num>{NUMBER})(?:(?P<unit>万元|亿元|千元|元|万(?![\u4e00-\u9fff\d]))|(?P<pct>%)|(?P<cnt>个|项)(?!目)|(?P<pts>分)(?![之钟析别配类值数布])"
    rf"|(?P<ppl>人|名)(?![民员次大]))"
    rf"|(?<![零〇一二两三四五六七八九十百千])(?P<cn>{CN_NUMBER})(?:(?P<cnt2>个|项)(?!目)|(?P<ppl2>人|名)(?![民员次大])))"
)
SENTENCE_END = "。!?;！？；\n"
CLAUSE_END = SENTENCE_END + ",，、:"
_CONTEXT = 300  # characters of a sentence looked back at: enough for any real clause, and keeps time linear
_FULL_STOPS = "。!?！？\n"
_SENTENCE_MARK = guarded("[" + re.escape(SENTENCE_END) + "]")
# (a comma between a digit and three more is a thousands separator, 5,286.74: no clause ends there)
# (after the mark, so the engine still skips ahead to a mark's characters)
_THOUSANDS = r"(?!(?<=\d,)\d{3}(?!\d))"
_CLAUSE_MARK = guarded("[" + re.escape(CLAUSE_END) + "]" + _THOUSANDS)
_LIST_MARK = guarded("[" + re.escape(SENTENCE_END + ",，:") + "]" + _THOUSANDS)  # clause ends, but not 、

FUND_TYPES = (
    "一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|财政专户管理资金|省提前下达预算|省提前下达"
    "|中央提前下达|提前下达|上级转移支付|中央转移支付|专项债券|单位自有资金|单位资金|其他资金"
)
_FUND_LABEL = guarded(rf"(?P<type>{FUND_TYPES})(?:资金)?(?:安排的?)?(?:自评|评价)?(?P<proj>项目)(?:共计|共|有|数)?$")

_GRADE = "|".join(GRADE_WORDS)  # (with the older scales' 合格, 不合格; 好, 较好)
# A grade just before a count: “优”项目 6 个, 优秀十个, 良好两个, 评为良的项目2个. A bare 中/差 needs a
# boundary before it so that 其中 / 偏差 are not read as grades.
_GRADE_LABEL = guarded(
    rf"(?P<g>[“\"'‘](?:{_GRADE})[”\"'’]|优秀|良好|中等|较差"
    r"|(?:(?<![\u4e00-\u9fff])|(?<=[、为]))(?:不合格|合格|较好)"  # (优秀的7个、良好的4个、合格的1个; not 验收合格的项目)
    r"|(?:(?<![\u4e00-\u9fff])|(?<=[为评是有中]))(?:优|良|中|差))"  # (其中优5个; 重点工程中7个按期完工: no grade)
    r"(?:等级|等次|级)?(?:的)?(?:项目)?(?:有|共|为|计|共计)?$"
)
# (28个项目自评结果为“优”22个、“良”5个: the grade has a count of its own, and 28 is how many were rated)
_GRADE_AFTER = guarded(rf"^(?:预算)?项目(?:自评|评价)?(?:等级|结果)?(?:为|评为|被评为|评定为|均为)[“\"]?(?P<g>{_GRADE})"
                       r"(?![”\"]?(?:的项目|项目|的)?(?:有|共)?\s*[\d一二三四五六七八九十两])")  # (12个项目自评等级为“优”的10个: 12 is all)

# every project counted given one grade in the next clause (9个项目全部开展绩效自评，自评等级均为“优”)
_ALL_GRADED = guarded(rf"(?:预算)?项目(?:全部|均)(?:已)?(?:开展|进行|完成)了?(?:绩效)?自评(?:工作)?[,，]\s*(?:自评)?(?:等级|结果)?"
                      rf"(?:均为|均评为|均被评为|全部为|全部评为)[“\"]?(?P<g>{_GRADE})(?![\u4e00-\u9fff])")

# projects given a grade without a count (基层能力建设项目和卫生应急等级为“良”, 其余项目评为“良”)
_NAMED_GRADE = guarded(rf"(?:项目|其余|其他)[\u4e00-\u9fff]{{0,8}}?(?:自评|评价)?(?:等级|等次)?(?:均)?(?:为|评为|被评为|评定为)"
                       rf"[“\"](?P<g>{_GRADE})[”\"](?![的项目有共计]{{0,4}}\s*[\d一二三四五六七八九十两]+个)")
_GRADE_COUNTED = guarded(rf"[“\"](?:{_GRADE})[”\"][的项目有共计为]{{0,5}}\s*[\d一二三四五六七八九十两]+个")

# a count of projects whose figures follow one by one (两个项目自评得分分别为…, 两个项目群众满意度分别为…): those named
_RESPECTIVELY_AFTER = guarded(r"(?:个|项)?(?:项目|单位)[^，,。；;：:\d]{0,10}分别")

_RANGE_NEXT = guarded(r"\s*(?:至|到|—|–|－|～|~)\s*\d")  # (97.37%至97.99%: the range's low end)
_RANGE_END = guarded(r"\d%?\s*(?:至|到|—|–|－|～|~)\s*$")  # (…至97.99%: its high end)

_KIND = guarded(
    r"(?P<initial>年初预算|年初批复|年初安排|预算年初数|年初部门预算|年初财政拨款预算|(?<!调整后)(?<!调整)预算批复数"
    r"|年初(?:省级|市级|县级|区级|本级|部门|财政){1,2}预算安排"  # (年初省级预算安排本项目4,200.00万元; 年初区级部门预算安排)
    r"|年初[，,]\s*(?:本部门|本单位|我局|我委|我办|我院|我中心|部门|单位)?(?:批复|部门)?预算(?!调整|执行|批复数)"  # (2025年初，本部门预算…)
    r"|年初[，,]\s*[^，。；,;\d]{0,12}?批复[^，。；,;\d]{0,8}?预算(?!调整|执行|批复数))"  # (2025年初，县财政批复我局部门预算…)
    r"|(?P<adjusted>全年预算|调整后预算|调整后的预算|调整后全年预算|调整预算|预算调整为|预算调整数|调整后|变更后预算|追加后预算|全年调整为"
    r"|(?<!年初)预算收入合计|(?<!年初)预算总额|(?<!年初)预算总收入|(?<!年初)收入预算|(?<!年初)预算资金总额"
    r"|(?<!年初)预算安排|(?<!年初)安排资金|(?<![出行用付])资金合计|(?:合计|共计|累计)安排|资金到位数|到位合计|下达资金|资金下达|下达|计划投资|总投资|(?<!年初)批复资金)"
    r"|(?P<final>决算|执行数|执行金额|实际支出(?!率)|实际执行|实际发放|支出合计|支出总计|支出总额|总支出|实际使用|已支出|累计支出"
    r"|实际拨付|拨付|(?<!转移)支付(?!率|进度)|完成支出|整体支出$|支出决算|全年支出|年度支出|本年支出|共支出|^支出(?:为|了|共)?$|资金支出数"
    r"|(?:全年|年度|本年)执行(?:了|为)?$"  # (全年执行1,756.61万元)
    r"|(?:截至|截止)(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日|底|末)?(?:累计|实际|已)?支出)"
    r"|(?P<rate>执行率|支出率|支付率|(?<!项目)(?<!任务)(?<!指标)(?<!工程)(?<!计划)(?<!目标)(?<!建设)(?<!产出)(?<!工作)(?<!事项)(?<!考核)完成率"
    r"|执行进度|支出进度|支付进度|(?:资金|经费|预算)使用率)"  # (项目完成率98.6%, 任务完成率, 抗菌药物使用率: not spending)
)
_BREAKDOWN = guarded(r"(?P<which>基本支出|(?<!子)项目支出|其他支出)(?:决算数?|执行数|实际数)?(?:为|共|共计|合计|总计|总额|是|:)?$")
_PROJECTS_BUDGET = guarded(r"(?<!子)项目支出(?:全年)?预算数?(?:为|共|共计|合计|是|:)?$")  # (…，项目支出预算1,712.50万元)
_BREAKDOWN_FIELDS = {"基本支出": "basic_expenditure", "项目支出": "project_expenditure", "其他支出": "other_expenditure"}
_CHANGE_VERB = guarded(
    r"(?P<verb>增加|增长|上升|提高|增多|多支出|增幅|增长率|增长幅度|减少|下降|降低|节约|减支|压减|缩减|少支出|降幅|下降率|减幅)"
    r"(?:了|达|为|约|是)?$"
)
_NEGATIVE = ("减少", "下降", "降低", "节约", "减支", "压减", "缩减", "少支出", "降幅", "下降率", "减幅")
# (…2023年同类项目支出12,968.40万元，本年增加…: this year's change against the figure just stated)
# (…2024年实际支出1,652.37万元，2025年增加62.17万元，增长3.76%: a year's change after last year's figure; another year's
# than the fiscal year is told apart by _another_years_change)
_YEAR_CHANGE_PATTERN = r"(?:19|20)\d{2}年度?(?:增加|减少|增长|下降)"
_COMPARE = guarded(r"上年(?!结转|结余)|上一年|去年|同比|相比|较\d{4}年|比\d{4}年|与\d{4}年|本年(?:增加|减少|增长|下降)|"
                   + _YEAR_CHANGE_PATTERN)
_YEAR_CHANGE = guarded(_YEAR_CHANGE_PATTERN)
# last year's spending stated before a year's change (2024年实际支出1,652.37万元，2025年增加…)
_LAST_YEAR_SPENT = guarded(r"(?:19|20)\d{2}年度?[^，,。；;:：\d]{0,8}?(?:实际支出|支出决算|决算支出|决算数?|支出)(?:数|为)?[\d,.]+万?元[,，]")
_AGAINST_BUDGET = guarded(r"(?:较|比|与)(?:年初|预算|批复|计划)")
# a change against last year is the department's spending change only where its sentence speaks of money
# (支出, 决算, 经费…), not of output (肉牛产业综合产值较上年增长8.4%)
_SPENDING = guarded(r"支出|收支|决算|经费|预算|资金|开支|执行数|支付数")
# one programme's funds as a comparison's subject (救助资金比上年…, 项目资金较上年…), not the department's as a whole
_PROGRAM_FUNDS = guarded(r"(?<!部门)(?<!单位)(?<!整体)(?<!全部)(?<!本级)(?<!财政)(?<!预算)(?<![和及与、，,])"
                         r"(?<=[\u4e00-\u9fff]{2})(?:资金|经费)(?:支出|投入)?(?:较|比|与)?$")
_OPENS_ON_COMPARISON = guarded(r"\s*(?:较上年|比上年|与上年相比|同比|较\d{4}年|比\d{4}年|与\d{4}年)")
_PRIOR = guarded(r"上年|上一年|去年|上年度")
# last year's figure as the base of a change (支出较上年的5,316.40万元增加…, 比2022年度8,107.35万元减少…,
# 较2018年同类项目支付数1,764.30万元增加…): the label ends at the comparison, a change verb follows the figure
_CHANGE_BASE = guarded(r"(?:较|比)(?:上年|上一年|去年|上年度|(?P<year>(?:19|20)\d{2})年度?)(?:同期)?(?:的)?"
                       r"(?:同类项目)?(?:的)?(?:决算数?|支出数?|执行数|支付数|实际支出|支出决算数?)?(?:为)?$")
# the whole a share is reckoned on: 本项目支出占我局2023年项目支出总额12,478.60万元的27.21%
_SHARE_TAIL = r"[)）]?的?(?:比[重例]为?)?\d+(?:\.\d+)?%"  # (占…全年预算（21,486.30万元）的7.63%)
_SHARE_OF = guarded(r"占[^,，。;；:：]{0,30}$")
_SHARE_AFTER = guarded(_SHARE_TAIL)
_ASIDE = guarded(r"《[^《》\n]{1,80}》|占[^,，。;；\n]{1,30}?" + _SHARE_TAIL)  # (words that name no subject after them)
_VETO = guarded(r"一票否决")
_DIFFERENCE_AFTER = guarded(r"[数额]?(?:之间)?的?(?:差额|差值|之差|差距|相差)")  # (after the last figure's word of a label)
_CHANGE_AFTER = guarded(r"(?:增加|增长|上升|提高|增多|减少|下降|降低|节约|压减|缩减)")
_SCOPE = guarded(r"(?P<b>基本支出|人员经费|公用经费|人员支出)|(?P<p>(?<!分)项目|专项(?!资金|经费|补助))"
                 r"|(?P<o>整体|本部门|本单位|部门|单位)")  # (森林防灭火专项资金: one fund, not the projects)
_EVALUATED = guarded(r"(?:自评|评价)(?:的)?项目|纳入(?:绩效)?(?:自评|评价)"
                     r"|纳入(?:本次|本年度)(?:绩效)?(?:自评|评价)的$")  # (纳入本次自评的9个项目中; not 纳入本次自评范围的为…4个下属单位)
# the forms of some projects picked out by a qualifier (资金量较大的2个项目的自评表作为附件一并报送): a few of them, neither the
# projects' count nor the count evaluated (现将4个项目的支出绩效自评表公开如下 states the count evaluated)
_FORMS_ATTACHED = guarded(r"(?:预算)?项目的?(?:支出)?(?:绩效)?自评(?:表|报告)")
_EVALUATED_AFTER = guarded(r"^(?:预算|一般公共预算)?项目[^,，。;；]{0,12}?(?:开展|进行|实施|纳入)?(?:了)?(?:绩效)?(?:自评|评价)")
_FUND_TOTAL = guarded(r"(?:资金|经费)(?:总额|总量|规模)?(?:共计|共|合计|总计)(?:为|达)?$")
_SCALE_CHANGE = guarded(r"(?:资金|经费|预算)(?:规模|总量|总额)|(?:安排|下达|到位)(?:资金|经费)?(?:较|比|同比)")
_ALL_EVALUATED = guarded(r"[,，]?\s*(?:(?:预算)?项目(?:支出)?)?(?:已|并)?(?:全部|均|都|全都)(?:已)?(?:纳入|开展|进行|实施|完成)(?:了)?"
                         r"(?:预算)?(?:绩效)?(?:自评|评价)")  # (38个项目全部开展绩效自评; 19个项目支出全部…; 全部完成自评)
# the evaluation said to cover every project (…开展了绩效自评，覆盖全部项目支出; 实现了自评全覆盖)
_ALL_COVERED = guarded(r"(?:覆盖|涵盖)(?:了)?(?:全部|所有)(?:的)?(?:预算)?项目|(?:实现|做到)(?:了)?(?:绩效)?(?:自评)?全覆盖")
_COUNT_LABEL = guarded(r"项目(?:支出)?(?:共计|共|合计|总计|总数|数量|数)?(?:安排|实施)?(?:为|有|达)?$")  # (项目支出共安排6个项目)
_COUNT_AFTER = guarded(r"^(?:预算)?项目(?![县区市乡镇村点户地片])")  # (4州9个项目县: counties, not projects)
_EVAL_AMOUNT = guarded(r"(?:涉及|覆盖)(?:资金|金额)|(?:资金|金额)(?:总额|合计|共计)?(?:为)?$")
_COVERAGE = guarded(r"占.{0,24}?(?:总额|总量|比例|比重|资金)|覆盖率|覆盖面")
# the score of one part (执行率得分9.52分，绩效指标得分89.00分，产出、效益、满意度指标合计得分89.54分): not the overall score
_PART_SCORE = guarded(r"(?:执行率|预算执行|指标|产出|效益|满意度|决策|过程|管理|履职|效能|效率|成本|效应|可持续性|测评|考核|考评|检查|验收|测试|评估)(?:的)?"
                      r"(?:合计|共计|小计)?(?:得分|评分|分数)(?:合计|共计|小计)?$")  # (社会测评得分87.2分: another measure's
# score; 各项绩效指标评分合计80.47分: the indicators' part)
_SCORE_LABEL = guarded(r"得分|评分|总分(?!值)|分数|(?<!总)分值为|打分")  # (总分值90分: the weights' total, not a score)
_BRACKETED = guarded(r"[（(][^（）()]*[）)]")
_BY_WHAT = guarded(r"按[^，,。；;：:]{1,10}分[，,：:]")  # (按支出性质分，基本支出…: a breakdown of what the sentence before gave)
_CLAUSE_SPLIT = guarded(r"[，,；;]")
_WEIGHT_LABEL = guarded(r"权重(?:为|是|占|[:：])?$")  # (执行率权重20%, 产出指标权重40%)
_YEAR_START = guarded(r"\s*(?:(?:19|20)\d{2}\s*年\s*)?年?初\s*")  # (2025年初, 年初: a clause that only says when)
# an indicator's statement (…：年度指标值≥90%，实际完成91.2%，得分15分): the score is that indicator's
_INDICATOR_STATEMENT = guarded(r"指标值|实际完成值?|完成值|目标值")
# a score out of its part's weight (得分15分（分值15分）): a part's, never the report's, which is out of 100
_OUT_OF_AFTER = guarded(r"分?\s*[（(]\s*(?:分值|满分|权重)(?!\s*(?:为|是)?\s*100(?:\.0+)?\s*分)")  # (（满分100分）: the whole's)
# a part's weight in the clause before a score (产出指标分值50分，自评得分50.00分): the score is that part's
# a sentence about one part of the indicators, its weight stated in it (产出指标共5项，分值50分，…)
# (a department form's groups too: 履职效能分值60分，自评得分59.82分)
_PART_GROUPS = r"产出|效益|满意度|成本|决策|过程|履职效能|管理效率|运行成本|社会效应|可持续性|预算管理|资产管理"
_PART_LEADS = guarded(rf"\s*(?:{_PART_GROUPS})(?:指标)?(?:共|包括|方面|部分)?[^，,；;。]{{0,8}}[，,；;]")
_A_WEIGHT = guarded(r"(?:分值|权重|满分)(?:为|共)?\s*\d")
_PART_COUNT = guarded(r"(?:共|包括|设置?)?[\d一二三四五六七八九十]{1,2}(?:项|个)(?:三级)?(?:指标)?$")  # (产出指标共4项)
_PART_WEIGHT = guarded(rf"(?:执行率|预算执行|指标|{_PART_GROUPS})(?:的)?(?:分值|权重|满分)(?:为)?\s*\d")
_FORM_SCORE = guarded(r"自评表")
# (a budget's words before its amount, where no keyword says which budget: 财政批复我局部门预算5,848.80万元; not 占全年
# 基本支出预算的99.43%)
_A_BUDGET = guarded(r"(?:预算|批复)[^，。；,;\d]{0,6}[\d,，.]+\s*万?元")
_YEAR_OPENING = guarded(r"[\s\u3000]*((?:19|20)\d{2})\s*年度?(?![\d月底末初])")  # (2024年…, 2024年度…; not 2024年12月…)
# (2024年累计支出…, 2024年度已支付的前期及进度款…: since the project began, or a part paid: not the year's spending)
_NOT_A_YEARS = guarded(r"累计|已支付|已拨付|已付|款$")
_A_YEAR = guarded(r"(?:19|20)\d{2}\s*年|上年|去年|同期")
_PART_NAMED = guarded(rf"(?:{_PART_GROUPS})(?:指标)?$")  # (a part's name just before a bracket: 产出指标（…）)
_WEIGHTS_LISTED = guarded(r"分值为[\u4e00-\u9fff]+$")  # (一级指标分值为决策30分、过程25分: weights, not a score)
# words about the projects' grades (自评等级为“优”的25个…，优良率96.77%), near which a 评优率 or 优良率 is theirs
_GRADED = lazy(r"项目|自评|评价|等级|评为|优[”\"]?的?\d|优[”\"]?的?[一二三四五六七八九十]")
_STAFF_AUTH = guarded(r"编制")
# a sentence about one group of the department's staff (the bureau itself, its subordinate units, the whole system)
_STAFF_GROUP = lazy(r"机关|本级|系统|下属|所属|直属|二级|全[省市县区州盟国]"  # (全省国有林场在职职工约3,900人: not ours)
                    r"|分局|支队|大队|监测站")  # (执法支队、监测站和各分局编制428名，…；全系统编制486名: some units)
# the bureau with its units (我厅及所属单位, 机关和下属单位): the whole department, not one group
_STAFF_WHOLE = lazy(r"[及和与含](?:所属|下属|直属|二级)|(?:机关|本级)[及和与含]|(?<![省市县区州盟国])全系统")  # (全系统核定编制1486名: the whole)
_STAFF_AMONG = lazy(r"(?:人员|职工|在编|干部|员工)中")
_STAFF_ACTUAL = lazy(r"实有|在职|现有|在编|实际人数")
# one kind of post (行政编制21名、事业编制63名，核定编制84名): a part of the posts where the sentence states another
# figure of posts, the posts themselves where it is the only one (核定事业编制2368名)
POST_KIND = guarded(r"(?:行政|事业|工勤|参公|参照公务员法管理|机关|全额拨款|差额拨款|自收自支|政法专项|后勤服务|编外)编制"
                    r"(?:数|人数)?(?:分别)?(?:为|共|是)?$")  # (行政编制和事业编制分别为18名和76名)
POSTS_FIGURE = guarded(r"编制(?:数|人数|总数)?(?:为|共|是)?[\d０-９一二两三四五六七八九十百千]")


def other_posts(text: str, start: int, end: int, pos: int) -> bool:
    """Whether text[start:end] states a figure of posts (编制…名) other than the one at `pos`."""
    return any(not m.start() <= pos <= m.end() + 1 for m in POSTS_FIGURE.finditer(text, start, end))
_OVERALL_GRADE = guarded(
    rf"(?:评价等级|自评等级|综合等级|等级|评价结果|自评结果|评价结论|等次|评定为|评为|定为|级别)(?:为|是|:|评定为|确定为|达到)?"
    # (not a grade that picks some out: 评为“优”的项目, 自评为“良”的农村供水保障项目)
    rf"[“\"]?(?P<g>{_GRADE})[”\"]?(?![”\"]?(?:的?(?:项目|单位|部门)|的[^，。；,;：:]{{0,16}}?项目|\d|[个项率级等及以或和、]))"
)
_DIGIT = guarded(r"\d")
_RESPECTIVELY = guarded(r"分别(?:为|是|达到|达|:)")
# a figure given for each of several subjects in turn (各项目全年预算分别为708.60万元、252.00万元…): the first is one
# project's, not the projects' whole
_RESPECTIVE_HEAD = guarded(r"分别(?:为|是|达到|达)?[:：]?\s*$")
_EACH_OF = guarded(r"各(?:个|类)?(?:重点)?(?:项目|单位|子项目|专项|资金|批次)|[\d一二三四五六七八九十两]{1,3}个(?:重点)?(?:项目|单位)"
                   r"|按[二三]级项目分")  # (按二级项目分，甲、乙、丙全年预算分别为…: each 二级项目's in turn)
# A form's printed instruction: its figures are thresholds, not the report's (预算执行率未达到90%的需说明原因).
_INSTRUCTION = guarded(r"[需须应请]说明|[需须应请]填写|[需须应请]注明|字以内|按100%计算|超过100%的按|未达到\d+%的|低于\d+%的")
# The keywords that name a figure outright (全年预算…); a value read only with a weaker wording (下达, 安排) gives way.
_PRIMARY = guarded(r"年初预算|全年预算|调整后预算|调整预算|决算|执行数|实际支出|执行率|支出合计|支出总额|总支出"
                   r"|(?<![出行用付])资金合计|资金到位数合计|到位合计")
# a project's figure over its years (or with money from outside the budget), not the year's (截至年底累计支出 is)
_MULTI_YEAR = guarded(r"总投资|计划投资|累计(?:安排|投入)|(?:自|从)\d{4}年.{0,12}以来")
_GRAND_TOTAL = guarded(r"支出(?:合计|总计|总额)|总支出|全年支出|支出决算")
# a sentence that opens on another year's spending (与2019年实际支出…相比, 较上年支出…) compares the whole
_WHOLE_AGAINST = guarded(r"(?:与|较|比)(?:上年|上一年|去年|(?:19|20)\d{2}年度?)(?:全年|部门|整体)?(?:实际支出|支出|决算数?)"
                         # (…公用经费411.07万元。2025年实际支出比上年实际支出2,260.00万元增加…: the year's spending, whole)
                         r"|(?:(?:19|20)\d{2}年度?|(?:本年度?|当年)(?:[（(](?:19|20)\d{2}年度?[)）])?)(?:全年)?"
                         r"(?:实际支出|支出决算|决算支出)(?:数)?(?:比|较|同比|与)")
# some of the projects (其余八个项目…; 除巫溪县1个项目外…; …，有1个项目因设备到货延迟未建成), projects as an output (完成国有林场基础设施
# 改造项目3个), or projects counted with other things (企业和项目86个): not how many there are
# a name's last two characters before 项目支出 (农田建设项目支出), not a word that only places it (年度项目支出, 其中项目支出)
_NAMED_BEFORE = re.compile(r"[\u4e00-\u9fff][^\W\d_本该此各全的年度中共其总和与及个、级]$")
# what a title calls a report's subject without naming one (…年度项目支出绩效自评报告): no project or fund's own name
_GENERIC_NAME = re.compile(r"(?:本级|部门|单位|重点)?(?:项目支出|项目|整体支出|部门整体支出|财政支出|支出|专项资金|专项)")
_COUNT_GROUP = guarded(r"其余|其他|剩余|另有|另外|此外|除|完成|建成|新建|改造|维修|修缮|修复|验收|抽查|抽取|抽样|选取|核查|检查|督查|巡查"
                       r"|推荐|申报|入选|获批|争取|储备"  # (推荐2个项目申报市级非遗名录: items put forward, not the budget's projects)
                       r"|^(?:另|还|仍|尚)?有$|[和及与、]项目$"
                       r"|(?:慢|滞后|偏低|较低|未完成|未达标|问题|重点|新增|续建|在建)的?$"
                       # (对自评依据不足的4个项目退回补充材料: those the review found wanting)
                       r"|(?:不足|不实|不完整|不充分|不规范|不到位|较大|较多|较高|偏高|异常|有误|差异)的$"
                       # (纳入县级重点绩效评价的3个项目; 本表仅列示…的3个项目; 甲项目、乙项目2个项目: some, or those named)
                       r"|重点(?:绩效)?(?:评价|监控|自评)的?$|仅列示|仅列出|、[\u4e00-\u9fff]{2,24}项目$"  # (执行进度偏慢的4个项目)
                       r"|等$"  # (“林木种苗质量抽检”等5个项目: the ones named and some more)
                       r"|[”\"」』]项目$"  # (实施农业“双强”项目112个: projects of a programme, an output counted)
                       r"|(?:^|[个项])项目中(?:有|的)?$")  # (6个项目中有5个项目复核得分低于自评得分: some of them)
# a clause that says what the one before it was (主要是…, 系…): an addition's explanation is the addition's
_EXPLAINS = guarded(r"\s*(?:主要(?:是|为|系|用于|包括)|其中主要|系|均为|包括|含)")
# a sentence on one kind of funds (2022年我局政府性基金预算为…，共安排项目3个): that kind's projects, not all of them
_FUND_KIND = guarded(r"政府性基金预算|国有资本经营预算|社会保险基金预算|财政专户管理资金")
# a clause giving the reason for what the one before it said (…偏低，主要是…, 原因是…, 由于…)
_REASON_CLAUSE = guarded(r"[\s\u3000]*(?:主要(?:是|原因是|原因为|系|由于|因)|原因(?:是|为|主要是)|系因|由于)")
# what was added to or cut from a budget, whose 其中 parts are the change's (年中追加预算…，其中基本支出…)
_ADDITION = guarded(r"追加|调增|调减|调整增加|调整减少|新增下达|收回|年中[^，。；,;]{0,8}(?:下达|增加|拨付)")
_AFTER_ADDITION = guarded(r"后|全年|调整为|[至到]\d")
_ADJUSTED_BY = guarded(r"追加|调增|调减|调整增加|调整减少|新增下达|年中[^，。；,;]{0,8}(?:下达|安排|增加|拨付)|下达后|拨付后|到位后|根据|按照|依据"
                       # (年中因…补助资金下达和…项目调整，追加预算…: what caused the adjustment)
                       r"|(?:因|由于)[^，。；,;]{0,40}?(?:下达|调整|追加|调减|拨付|相应增加|相应减少)")
# a count of something else after 项目支出 (按照部门整体支出和项目支出两个层面…), or a target (60个以上): not how many
# projects there are
_COUNT_OTHER = guarded(r"层面|方面|环节|阶段|批次|部分|类别|领域|维度|板块|层次|方向|渠道|来源|个?(?:以上|以下|左右|以内)"
                      r"|(?:项|个)?(?:三级|二级|绩效)?指标"  # (项目支出有2项指标未达到年度指标值: indicators, not projects)
                      # (本项目6个灌区: places or bodies, counted after the number)
                      r"|灌区|片区|县|区|乡|镇|村|社区|街道|站点|座|家|学校|校区|园区|基地|企业|合作社|单位|场馆|医院")
# items of a list called 项目 (非遗代表性项目, 名录项目, 文物保护项目 as listed): no budget's projects
_LISTED_ITEMS = guarded(r"(?:代表性|非遗|非物质文化遗产|名录|文物)[\u4e00-\u9fff]{0,4}项目$")
# a unit of the department's named as the subject (费县疾病预防控制中心实施2个项目: that unit's projects, not the department's)
_UNIT_SUBJECT = guarded(r"[\u4e00-\u9fff]{3,24}?(?:中心|医院|保健院|卫生院|研究院|设计院|站|所|馆|队|学校|中学|小学|幼儿园|"
                        r"场|公司|社)(?:实施|承担|负责|有|共有|申报|开展)?(?:了|的)?(?:项目)?(?:共|共计)?$")
# 2个项目的技术指导: the projects as a modifier of something else, not a count stated
_COUNT_MODIFIER = guarded(r"^(?:预算)?项目的(?!(?:自评|绩效|执行|全年|年初|预算|资金|实际|支出|得分|等级))")
# a sentence about the whole region (全区…投资1.86亿元以上的项目有12个): its projects are not the department's
_REGION_WIDE = guarded(r"全(?:国|省|市|县|区|州|盟|旗)(?!委|局|厅|办)")
# a year a change is of: a year named (not a comparison's base: 与2020年…相比, 较2021年), or this one in words (本年较上年…)
_YEAR_BEFORE = lazy(r"(?<![\d与较比同对和])((?:19|20)\d{2})(?=年)|(本年度?|当年|今年)")
# projects picked out earlier in the sentence (选取…3个设区市的11个项目开展实地抽查; 对发现的4个项目…): some, not all
_SAMPLED = guarded(r"选取|抽取|抽查|抽样|随机|发现的")
# (并对32个项目进行了实地抽查: those a review looked at, counted before what was done to them)
_SAMPLED_AFTER = guarded(r"^(?:预算)?项目(?:进行了?|开展了?|实施了?)?(?:实地|现场|重点|中期|年中|专项)?(?:抽查|核查|复核|检查|督查|抽样|查看|评估)"
                         r"|^(?:预算)?项目(?:存在|出现|发生)")  # (县审计局指出1个项目存在以拨代支问题: those with a problem)
_COUNT_CHANGE = guarded(r"新增|追加|调减|调增|增加|减少|撤销|取消|结转|延续")
# a review's result beside the self-evaluation's (复核后等级为“优”的3个, 抽查复核结果…, 核定后): the reviewer's, not the report's
_REVIEWED = guarded(r"复核(?:后|的|结果|等级|得分)|抽查(?:后|复核)|核定(?:后|的)")
_REVIEW_WORD = guarded(r"复核|抽查")
# the following year's date of an event, then a comma (2026年3月10日，我局完成…自评): when something was done, not a period
# the figures after it are of (截至2026年2月底，累计支出…: that point in time's)
_WHEN_DONE = guarded(r"(?:19|20)\d{2}年\d{1,2}月(?:\d{1,2}日)?[，,]")
_UNTIL = guarded(r"截至|截止|至|到")

# Whose figure a value is. Reports state many figures under one label for different subjects: the
# department, its projects taken together, one project or fund, a category (三公经费), last year. A value
# whose nearest subject word in its sentence is another subject's is not the department's (nor the
# projects' taken together); a value whose sentence names its own subject outright is *anchored*, and only
# two anchored values of one figure can conflict.
# words that say "the total" without naming whose: the department's, unless right after another subject's name
_TOTAL_WORDS = r"收支总|总收入|总支出|支出总|预算总"
_TOTAL_WORD = guarded(_TOTAL_WORDS)
# the whole department by name: in a report about one project or fund, another subject (我局2020年部门整体支出决算…,
# 本项目为我局重点项目之一: the department's total, not the project's)
_DEPARTMENT_WIDE = r"部门整体|单位整体|全部门|部门(?:全年|年初|预算|支出|决算|总|本年|年度)|单位(?:全年|年初|预算|支出|决算|本年|年度)"
_OWN_OVERALL = (r"部门整体|单位整体|整体支出|整体预算|本部门|本单位|全部门|全局|全系统|部门(?:全年|年初|预算|支出|决算|总|本年|年度)"
                r"|单位(?:全年|年初|预算|支出|决算|本年|年度)|本局|我局|本委|我委|本院|我院|本中心|本所|本馆|我单位|我部门|我中心"
                "|" + _TOTAL_WORDS)
_OWN_PROJECTS = r"项目支出(?!中[，,]?(?!央)[\u4e00-\u9fff])|全部项目|所有项目|项目(?:合计|总计|总额)|(?<!\d)\d{1,6}个(?:预算)?项目|各项目|项目资金总"
_OWN_SUBJECT = (r"本项目|该项目|此项目|项目总|本资金|该资金|该专项|本专项|项目资金|专项资金总|资金总|[该本此]项(?:经费|资金)"
                r"|全(?:省|市|县|区|州|盟|旗)(?:合计|共计|总计)"  # (…与中央资金统筹使用，全省合计安排95,020.00万元)
                r"|(?<![\u4e00-\u9fff])项目(?=实际|年初|全年|预算|执行|支出|资金|决算)")
# Words that say nothing about whose a figure is; what is left before a figure's keyword names a subject.
_GENERIC = lazy(r"(?:19|20)\d{2}年度?|截至|截止|\d{1,2}月\d{1,2}日|\d{1,2}月底|本年度|年度|本年|全年|当年|年末|年底|年中"
                      r"|其中|共计|合计|累计|实际|已经|已|共|为|是|了|的|本|该|此|项目|资金|部门|单位|整体|财政|预算|执行|支出"
                      r"|情况|到位|使用|投入|分析|管理|安排|总体|总额|总|全部|所有"
                      r"|[\s,，:：、()（）“”\d.%]")
# (the named-subject forms look behind for the name's characters, so the scan stays linear)
_FOREIGN_SUBJECT = (r"三公|公务接待|公务用车|因公出国|人员经费|公用经费|会议费|培训费|差旅费|政府采购|“[^”\n]{1,30}”(?:项目|资金|工程|专项|经费)"
                    r"|(?<=[\u4e00-\u9fff]{2})(?:经费|工程|补助资金|补贴资金|奖补资金|债券资金|建设资金)"
                    r"|中央(?:财政)?(?:资金|补助)|省级(?:财政)?(?:资金|补助)|市级(?:财政)?(?:资金|补助)|县级(?:财政)?(?:资金|补助)"
                    r"|市县(?:两级)?(?:财政)?(?:资金|补助)"
                    # the department's sub-units, together or one by one (所属5个事业单位全年预算合计…)
                    r"|(?<![含括])(?:所属|下属|直属|二级)(?:[\d一二三四五六七八九十]{1,3}个)?[\u4e00-\u9fff]{0,4}?单位"
                    # units named one by one, then counted (…监督站、…监测站、…服务中心四个单位年初预算分别为…): those only
                    r"|[、和及与](?!全部|所有|全|各)[\u4e00-\u9fff\d]{2,24}?[\d一二三四五六七八九十两]{1,2}(?:个|家|所)(?:单位|医院|学校|机构)"
                    # the department's own organ, beside the whole system it heads (局机关本级全年预算…；全系统…)
                    r"|(?:局|委|厅|办)?机关本级|本级机关"
                    r"|上级(?:转移支付)?(?:资金|补助)|本级(?:资金|财政)|地方配套|配套资金"
                    # aid from a partner province (援疆资金支付率98.52%, 对口支援资金…): that fund's, beside the project's own
                    r"|(?:援疆|援藏|援青|对口支援|东西部协作)(?:财政)?资金"
                    r"|(?<=[\u4e00-\u9fff]{2})社区(?!居委|居民委员)"  # (其中云集社区…下达资金112.50万元: one community's)
                    r"|全[省市县区州盟][\u4e00-\u9fff]{0,10}?系统"  # (全县卫生健康系统…总支出4.86亿元: the whole sector's)
                    # other departments (a finance bureau's report: 市级部门绩效自评覆盖资金186.40亿元)
                    r"|(?:[省市县区]级|各)(?:预算)?部门|各(?:预算)?单位"
                    r"|一般公共预算(?:财政)?拨款|政府性基金(?:预算)?(?:财政)?拨款|国有资本经营预算(?:财政)?拨款"
                    # one class of funds named before its figures (我局一般公共预算年初预算…): the class's, not the whole's
                    r"|(?:一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算)(?=为|年初|全年|调整|实际|支出|决算|项目)"
                    r"|(?:财政专户(?:管理)?的?资金|单位资金)(?=为|年初|全年|调整|实际|支出|决算|执行)"
                    r"|(?:其余|其他|剩余)[\d一二三四五六七八九十两]{0,6}个?(?:预算)?项目"  # 其余27个项目: some of them
                    r"|[\d一二三四五六七八九十两]{1,6}个重点(?:支出)?项目"  # 其中8个重点项目: some of them too
                    r"|子项目"  # (产业发展类子项目支出…，执行率98.46%: a part of the fund's, in a fund's or project's own report too)
                    # (县农业技术推广中心作为二级预算单位另行开展了单位整体支出绩效自评，自评得分95.20分: that unit's)
                    r"|(?:另行|单独|另外)(?:开展|进行|组织)了?[\u4e00-\u9fff]{0,10}(?:自评|评价)"
                    # (本部门没有财政专户管理资金，该项年初、全年预算和执行数均为0.00万元: the item just named, not the whole)
                    r"|该项(?=年初|全年|预算|执行|决算|实际|支出)"
                    # the projects evaluated, counted (纳入自评的7个项目全年预算合计…): where not all were, some of them
                    r"|(?:纳入|参与|参加|开展)(?:绩效)?自评(?:范围)?的[\d一二三四五六七八九十两]{1,4}个(?:重点)?项目"
                    # funds passed on to the counties (下达各县市区的转移支付资金…，县市区实际支出…): theirs to spend
                    r"|下达(?:到|至|给)?各?(?:县市区|县（市、区）|县\(市、区\)|县区|区县|乡镇|乡（镇）|镇街|街镇)"
                    r"|(?<![全本])(?:县市区|县（市、区）|县区|区县)(?=实际|支出|全年|年初|预算|执行|资金|共)"
                    # projects named one by one, then counted (城乡低保、特困供养和残疾人补贴3个项目全年支出合计…): those only
                    # (not …等12个项目: those named and the others, the set evaluated)
                    # (from the 、 or 和 on, so that the search skips ahead to those characters)
                    r"|[、和及与](?!全部|所有|全|各)[\u4e00-\u9fff]{2,20}?(?<!等)[\d一二三四五六七八九十两]{1,2}个项目"
                    r"|(?:中央|省级|省|市级|县级|上级|本级)(?:财政)?(?:下达|安排|拨付|配套|补助)|提前下达|第[一二三四五六七八九]批"
                    r"|[一二两三四五六七八九]批|分批|批次"
                    r"|(?<=[\u4e00-\u9fff])(?:示范|建设|改造|工程|提升|保护|整治|补助|奖补|维护|养护|运行|发展|服务|能力|监测|普查"
                    r"|治理|修缮|采购|购置|培训|推广|促进|救助|帮扶|安置|试点)项目(?!支出|资金总|总|合计|个|数|库)")
# funds carried over from last year: this year's money from one source (a part, in its own clause), not
# last year's figure
_CARRIED = r"上年度?结[转余](?!后)"  # (not 上年结转后全年预算: the budget with it)
# a figure after 其中 in its sentence is a part, not the total; so is one after 按资金来源分， (a breakdown by something)
# or after 项目支出中 (项目支出中上级转移支付资金…, 项目支出中，三项社会救助资金…: a part of the projects' spending)
_PART = r"其中|按[^，,。；;：:]{1,10}分[，,：:]|(?:支出|预算|资金|经费)中[，,]?(?=[\u4e00-\u9fff])(?!央)"
# a figure per head, per household or on average, and one said to be about so much, are no totals
_PER_UNIT = guarded(r"[户人亩村县乡生校床]均|平均|每(?:[户人个家亩村名所床辆台套吨座]|公里|千米|平方米|立方米)|单位成本|单价|标准为?$")
_ABOUT = guarded(r"(?:约|大约|近|逾|超过|不足|接近)$")
_ALL_ARE = guarded(r"(?:均|都|皆)(?:为|是)\s*$")
_FOREIGN_ITEM = r"该项目|此项目|本项目|子项目"  # for a department report, one project is another subject
# some of a department's projects, by what they are (本部门实施的跨年度项目共3个，2025年全年预算合计…: those only)
_SUBSET_KIND = r"跨年度|跨年|续建|延续性|新建|新增|新上"
_PROJECT_SUBSET = rf"(?:{_SUBSET_KIND})(?:的)?项目"
# another period: last year, or a part of this one (截至6月底、9月底…的支付进度分别为46.38%、72.15%: not the year's)
# (2025年8月底运行监控时，项目支出…，执行进度为62.18%: the mid-year monitoring's point in time)
_PERIOD = (r"上年(?!度?结[转余])|去年|上一年|同期|上年度(?!结[转余])|上半年|前三季度|(?:截至|截止)(?:\d{4}年)?(?:[1-9]|1[01])月(?:底|末|\d{1,2}日)"
           r"|(?:[1-9]|1[01])月(?:底|末)(?=[^，。；,;]{0,8}时)|(?:运行|绩效|年中|中期)监控(?:时|中|期间)")
# The subject words (FigureReader._subjects), the parts of one alternation that are the same for every report: a report
# names its own before another's, then other periods and parts; several years listed (2021、2022、2023年…分别为…)
# are other periods' figures, each in its turn
_OTHER_THAN_SUBJECTS = (rf"|(?P<period>{_PERIOD})|(?P<part>{_PART})"
                        r"|(?P<years>(?<!\d)(?:19|20)\d{2}年?(?:[、，,和及与至到~—－-](?:19|20)\d{2}年?)+(?=年|[^年\d]))"
                        r"|(?P<year>(?<!\d)(?:19|20)\d{2}(?=年))")
_OWN_DEPARTMENT = guarded(rf"(?P<carry>{_CARRIED})|(?P<own>{_OWN_OVERALL}|{_OWN_PROJECTS})")
_OTHER_SUBJECTS = guarded(rf"(?P<foreign>{_FOREIGN_SUBJECT}|{_FOREIGN_ITEM}|{_PROJECT_SUBSET}){_OTHER_THAN_SUBJECTS}")
_OWN_SUBJECTS = guarded(rf"(?P<carry>{_CARRIED})|(?P<own>{_TOTAL_WORDS}|{_OWN_PROJECTS}|{_OWN_SUBJECT})")  # (one project's or fund's report)
_OTHER_SUBJECTS_OWN_REPORT = guarded(rf"(?P<foreign>{_FOREIGN_SUBJECT}|{_DEPARTMENT_WIDE}){_OTHER_THAN_SUBJECTS}")
# 1.食品安全监督抽检经费：…, 1.高标准农田建设项目。全年预算…, 馆藏档案数字化项目：调整后预算…
_ITEM_START = guarded(r"^(?:\d{1,2}[.、．]|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）]|[①-⑳])\s*(?P<title>[^:：，,。]{2,40})[:：，,。]"
                      r"|^(?P<name>[^:：，,。\d]{2,30}?(?:项目|工程|专项|资金|经费))[:：]")
# a chapter's heading (四、二级项目自评情况), and one about the parts a 一级项目 or fund is made of
_CHAPTER_HEADING = guarded(r"^\s*[一二三四五六七八九十]{1,3}[、.．][^。；;]{0,30}$")
_SUBPROJECTS = guarded(r"二级项目|子项目|所属项目|下设项目|明细项目|各项目")
_SUMMARY_ITEM = guarded(r"(?:总体|整体|基本|综合|汇总|其他)?(?:情况|概况|分析|说明)")  # (1.总体情况: not a part's)
_ITEM_SUBJECT = lazy(r"经费|项目|资金|专项|工程|补助|补贴|计划|行动|建设|县|乡|镇|村|街道")
_ITEM_OWN = lazy(r"部门|整体|本单位|预算执行|资金收支|收支|支出情况|预算情况|执行情况|项目支出"
                       r"|情况|分析|概况|管理|目标|成效|措施|问题|进度|安排|来源|投入|使用|到位")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    num_start: int
    num_end: int
    kind: str  # amount | percent | count | score | people
    value: Decimal | int


_KINDS = {"unit": "amount", "pct": "percent", "cnt": "count", "pts": "score", "ppl": "people", "cnt2": "count", "ppl2": "people"}


def _alternative(m: re.Match[str]) -> str:
    """The name of the alternative that matched: each alternative of these patterns is a named group."""
    name = m.lastgroup
    assert name is not None, m.re.pattern
    return name


# A figure an OCR program garbled (a scan's text layer): a letter that looks like a digit inside or against its digits
# (5,2O8.64; 2,9l5.84; 9S.57%; 8B.40; l4个; 26.〇0分), or a rate whose decimal point was lost (9603%) or became a comma
# (97,24%). No part of it is a figure:
# reading 8.64 out of 5,2O8.64 would be a guess.
GARBLED = guarded(r"(?<![A-Za-z\d.,])(?:\d[\d,.]*[OoIlSBZ〇○][\dOoIlSBZ〇○,.]*\d|[OoIlSBZ]\d[\d,.]*(?=[%％万元个项分人名])"
                  r"|\d[\d,.]*[OoIlSBZ〇○](?=[%％万元个项分人名]))"  # (not a code: S206国道, PM2.5, ISO9001, B2B)
                  r"(?![A-Za-z])|(?<![\d.,])\d{4,}(?=[%％])|(?<![\d.,])\d{1,3},\d{1,2}(?=[%％])")  # (97,24%: a comma for a point)


def garbled(text: str) -> list[tuple[int, int]]:
    """The spans of the figures OCR garbled in `text` (see GARBLED): one pass, made once per text by the reader."""
    return [m.span() for m in GARBLED.finditer(text)]


def tokens(text: str, spoiled: list[tuple[int, int]] | None = None) -> list[Token]:
    """The value tokens of `text`, none of them a piece of a garbled figure (`spoiled`: `garbled(text)`, where known)."""
    out = []
    spoiled = garbled(text) if spoiled is None else spoiled
    starts = [a for a, _ in spoiled]
    for m in TOKEN.finditer(text):
        kind = _KINDS[_alternative(m)]
        raw = m.group("num")
        if raw is not None:
            number = parse_number(raw)
            if number is None:
                continue
            ns, ne = m.span("num")
            k = bisect.bisect_right(starts, ne - 1)
            if k and spoiled[k - 1][1] > ns:
                continue  # a piece of a figure OCR garbled: no figure at all
            if kind == "amount":
                out.append(Token(m.start(), m.end(), ns, ne, kind, to_wan(number, m.group("unit"))))
            elif kind == "percent":
                out.append(Token(m.start(), m.end(), ns, m.end(), kind, number))
            elif kind == "score":
                out.append(Token(m.start(), m.end(), ns, ne, kind, number))
            elif raw.replace(",", "").isdigit():  # counts and head counts are whole numbers (1,146名)
                out.append(Token(m.start(), m.end(), ns, ne, kind, int(number)))
        else:
            value = parse_count(m.group("cn"))
            if value is not None:
                ns, ne = m.span("cn")
                out.append(Token(m.start(), m.end(), ns, ne, kind, value))
    return out


class FigureReader:
    def __init__(self, builder: ReportBuilder, fiscal_year: int | None, kind: str = "department_self_evaluation",
                 grids: frozenset[int] = frozenset()):
        self.b = builder
        self.grids = grids  # the numbers of tables of three columns or more that are no 自评表: their cells are not read
        self._adjusted: dict[int, bool] = {}  # _adjusting, by the end of the subject word asked about
        self.text = builder.stream.text
        self.fiscal_year = fiscal_year
        # A project, special-fund or transfer-payment report is about one subject: its 项目 figures are the
        # report's own (/overall), not the projects' taken together.
        self.own_report = kind != "department_self_evaluation"
        self._subject_marks = self._subjects()
        self._subject_ends = [end for end, _ in self._subject_marks]
        # brackets of a few words (（基本支出…、项目支出…）): a subject named inside one is not the subject after it
        self._brackets = [(m.start(), m.end()) for m in _BRACKETED_ASIDE.finditer(self.text)]
        self._bracket_starts = [a for a, _ in self._brackets]
        self._items = self._item_paragraphs()
        self.fund_index: dict[str, int] = {}
        self.unread: set[str] = set()  # figures spoken of but left unread (extraction.unread, where never read)
        self.uncounted: dict[str, str] = {}  # of those, grade counts of projects named but not counted → the grade
        # the department's 项目支出 in its budget and spending (年初预算…，其中…项目支出…), by the /projects_summary field
        self.department_projects: dict[str, Token] = {}
        self._organ_staff: list[tuple[Token, str]] = []  # 局机关编制…: read where the report states no other staff
        self.garbled_spans: list[tuple[int, int]] = []  # figures OCR garbled (5,2O8.64): no figure was read out of them
        self.garbled_fields: set[str] = set()  # the report's own figures among them (by their labels)
        self._scope_marks = [(m.end(), _SCOPE_KINDS[_alternative(m)]) for m in _SCOPE.finditer(self.text)]
        self._scope_ends = [end for end, _ in self._scope_marks]
        self._sentence_marks = [m.start() for m in _SENTENCE_MARK.finditer(self.text)]
        self._full_stops = [i for i in self._sentence_marks if self.text[i] in _FULL_STOPS]
        self._clause_marks = [m.start() for m in _CLAUSE_MARK.finditer(self.text)]
        self._list_marks = [m.start() for m in _LIST_MARK.finditer(self.text)]
        self.heading_scopes = self._heading_scopes()
        self._heading_starts = [start for start, _ in self.heading_scopes]
        self._newlines = [m.start() for m in re.finditer("\n", self.text)]

    # -- context ----------------------------------------------------------------------------------
    def _subjects(self) -> list[tuple[int, str]]:
        """(end, "own" | "foreign" | "period") of every subject word in the stream."""
        department = self.b.get("/department/name")
        # (2025年湄潭县林业局年初预算…: the department's own, by its name; not a longer name it opens,
        # 秦安县第一中学校舍维修改造…项目: a project's)
        by_its_name = not self.own_report and isinstance(department, str) and len(department) >= 4
        name = self._own_name()
        self._no_own_name = name is None  # (the title names no project or fund of its own: `_one_projects`)
        # the alternation named | carry | own | own by the department's name | foreign | period | part | years | year,
        # its constant parts compiled once and the document's names apart (finditer_alternation)
        patterns = [guarded(f"(?P<named>{_named_pattern(name)})", keep=False)] if name else []
        patterns.append(_OWN_SUBJECTS if self.own_report else _OWN_DEPARTMENT)
        if by_its_name:
            patterns.append(guarded(rf"(?P<own>{re.escape(department)}(?=[（(，,、的在全年实共整部本及和各：:\d]|$))", keep=False))
        patterns.append(_OTHER_SUBJECTS_OWN_REPORT if self.own_report else _OTHER_SUBJECTS)
        out: list[tuple[int, str]] = []
        # a word inside a cited document's title (《关于下达…资金的通知》) or inside a share (占项目支出全年预算的66.62%:
        # the whole the share is of) is not the subject of the figures after it
        cited = [(m.start(), m.end()) for m in _ASIDE.finditer(self.text)]
        starts = [a for a, _ in cited]
        for m in finditer_alternation(patterns, self.text):
            k = bisect.bisect_right(starts, m.start())
            if k and m.end() <= cited[k - 1][1]:
                continue
            kind = _alternative(m)
            if kind == "years":
                kind = "period"
            elif kind == "year":  # another year's figure is another period's
                if self.fiscal_year is None or int(m.group()) == self.fiscal_year:
                    continue
                if int(m.group()) == self.fiscal_year + 1 and _WHEN_DONE.match(self.text, m.start()) \
                        and not _UNTIL.search(self.text, max(0, m.start() - 3), m.start()):
                    continue  # (2026年3月10日，我局完成本项目绩效自评，自评总分98.48分: when the evaluation was done)
                kind = "period"
            elif kind == "own" and m.group().startswith("项目支出") and self._one_projects(m.start()):
                kind = "foreign"  # (a report on a department's projects: 高标准农田建设项目支出…, one of them by its name)
            elif kind == "own" and out and out[-1][1] == "foreign" and _TOTAL_WORD.fullmatch(m.group()) \
                    and (out[-1][0] == m.start() or _BRACKETED_ASIDE.fullmatch(self.text, out[-1][0], m.start())):
                kind = "foreign"  # 政府采购支出总额, 全县卫生健康系统（含县医院…）总支出: the total of the subject just named
            out.append((m.end(), kind))
        return out

    def _one_projects(self, at: int) -> bool:
        """Whether the 项目支出 at `at`, in a report on a department's projects (…年度项目支出绩效自评报告, no project named
        in its title), is one project's, named before it (高标准农田建设项目支出1,268.93万元), not the projects' together."""
        return self.own_report and self._no_own_name and _NAMED_BEFORE.search(self.text, max(0, at - 2), at) is not None

    def _own_name(self) -> str | None:
        """In a report about one project or fund, its name as the title gives it (阜阳市2024年度养老服务体系
        建设专项资金绩效自评报告 → 养老服务体系建设专项资金): the report's own subject wherever it is named."""
        title = self.b.get("/title")
        if not self.own_report or not isinstance(title, str):
            return None
        text = re.sub(r"\s+", "", title)
        m = re.search(r"(?:19|20)\d{2}年度?(?P<n>[\u4e00-\u9fff（）()]{4,40}?)(?:区域|项目)?(?:支出)?(?:绩效)?(?:自评|评价)", text)
        if not m:
            m = re.match(r"(?P<n>[\u4e00-\u9fff（）()]{4,40}?)(?:19|20)\d{2}年度?(?:区域|项目)?(?:支出)?(?:绩效)?(?:自评|评价)", text)
        if not m or _GENERIC_NAME.fullmatch(m.group("n")):
            return None  # (…局2025年度项目支出绩效自评报告: a department's projects, none named; 高标准农田建设项目支出 is one's)
        # (…水利发展资金（一级项目）绩效自评报告: the 一级项目 is named without its level)
        return re.sub(r"[（(]?[一二]级项目[)）]?$", "", m.group("n")) or m.group("n")

    def _item_paragraphs(self) -> list[tuple[int, int]]:
        """Paragraphs that are list items about another subject (1.食品安全监督抽检经费：…): (start, end)."""
        out = []
        offset = 0
        under_parts = False  # under a heading of the parts' own account (四、二级项目自评情况): each item is a part's
        for paragraph in self.text.split("\n"):
            heading = _CHAPTER_HEADING.match(paragraph)
            if heading:
                under_parts = _SUBPROJECTS.search(paragraph) is not None
            m = _ITEM_START.match(paragraph)
            title = m and (m.group("title") or m.group("name"))
            if title and (_ITEM_SUBJECT.search(title) and not _ITEM_OWN.search(title)
                          or under_parts and not heading and not _SUMMARY_ITEM.match(title)):
                if not (self.own_report and re.search(r"项目|资金", title) and len(title) <= 6):
                    out.append((offset, offset + len(paragraph)))
            offset += len(paragraph) + 1
        return out

    def subject(self, pos: int, periods: bool = True, parts: bool = False) -> str | None:
        """Whose a value at `pos` is, from the nearest subject word before it in its sentence: "own"
        (named outright: anchored), "foreign" (another subject's, or last year's when `periods`), or None
        (not said: the paragraph's headings decide, and the value is not anchored)."""
        sentence = self._subject_sentence(pos)
        k = bisect.bisect_right(self._subject_ends, pos)
        if periods and self.other_period(pos):
            return "foreign"
        while k:
            end, kind = self._subject_marks[k - 1]
            if end <= sentence:
                break
            if kind == "period" and not periods or kind == "part" and parts or self._bracketed_before(end, pos):
                k -= 1
                continue
            if kind in ("foreign", "period", "part") and end <= self.clause_start(pos) and self._adjusting(end):
                k -= 1  # 年中追加中央补助资金等，调整后全年预算…: what was added, named in its own clause only
                # (基本支出因人员调资相应增加，全年预算调整为…: the part's change, in its own clause; the budget the whole's)
                continue
            if kind == "carry":
                if end <= self.clause_start(pos):
                    k -= 1  # 加上年结转资金16.50万元，全年预算426.50万元: the carried funds are their clause's only
                    continue
                return "foreign"
            if kind == "part" and self._part_of_foreign(k - 1, sentence):
                return "foreign"  # (局机关本级全年预算…，其中基本支出…: a part of another subject's figure is that subject's)
            if kind in ("part", "named"):
                return kind  # named: the report's own project or fund by name (not as strong as 本项目)
            if kind == "own" and self._no_own_name and self._in_item(pos):
                # (东河街道…项目支出绩效自评报告: 1.东河街道2025年老旧小区环境提升项目。…项目全年预算243.80万元: the item's
                # project, in a report on several that names none of its own)
                return "foreign"
            return "own" if kind == "own" else "foreign"
        return "foreign" if self._in_item(pos) else None

    def _in_item(self, pos: int) -> bool:
        """Whether `pos` stands in a paragraph that opens on another subject's name as an item (1.某某项目。…)."""
        for start, end in self._items:
            if start <= pos <= end:
                return True
        return False

    def _part_of_another(self, pos: int, sentence: int) -> bool:
        """Whether a part named at `pos` (基本支出, 项目支出) stands after a 其中 that breaks down another subject's figure
        (局机关本级…执行率98.62%，其中基本支出319.33万元、项目支出…): the nearest subject word before it outside brackets is
        that 其中. (A category named before the part, 人员经费和公用经费等基本支出, describes it: not another subject.)"""
        k = bisect.bisect_right(self._subject_ends, pos)
        while k:
            end, kind = self._subject_marks[k - 1]
            if end <= sentence:
                return False
            if not self._bracketed_before(end, pos):
                return kind == "part" and self._part_of_foreign(k - 1, sentence)
            k -= 1
        return False

    def _part_of_foreign(self, k: int, sentence: int) -> bool:
        """Whether the whole a 其中 (the subject mark `k`) breaks down is another subject's: the nearest subject word
        before it in its sentence is foreign."""
        while k:
            end, kind = self._subject_marks[k - 1]
            if end <= sentence:
                return False
            if kind == "foreign":
                return True
            if kind in ("own", "named", "carry"):
                return False
            k -= 1
        return False

    def _bracketed_before(self, end: int, pos: int) -> bool:
        """Whether a subject word ending at `end` stands in a bracket that closes before `pos`."""
        j = bisect.bisect_right(self._bracket_starts, end - 1)
        return bool(j) and end <= self._brackets[j - 1][1] <= pos

    def _adjusting(self, end: int) -> bool:
        """Whether the clause a subject word ending at `end` stands in (a list joined by 、 counts as one) says
        what the budget was adjusted by or after (年中追加…资金、…资金等, 根据…资金下达情况进行调整): that
        subject is the addition's, not the figures' of the clauses after it."""
        found = self._adjusted.get(end)
        if found is None:
            k = bisect.bisect_left(self._list_marks, end - 1)
            start = self._list_marks[k - 1] + 1 if k else 0
            stop = self._list_marks[k] if k < len(self._list_marks) else len(self.text)  # (…第二批…400.00万元、追加…)
            if k > 1 and self.text.startswith("其中", start) and self.text[start - 1] in ",，":
                start = self._list_marks[k - 2] + 1  # (年中追加预算…，其中A资金…、B资金…，调整后全年预算…: the addition's parts)
            found = _ADJUSTED_BY.search(self.text, start, stop) is not None
            if not found and k and _EXPLAINS.match(self.text, start):
                # (年中追加预算5,216.40万元，主要是上级补助资金，调整后全年预算…: what the addition was, in a clause of its own)
                found = self._adjusting(self._list_marks[k - 1])
            self._adjusted[end] = found
        return found

    def _subject_sentence(self, pos: int) -> int:
        """Where the sentence whose subject a value at `pos` has starts: a clause after ； that opens on 其中 goes on
        with the sentence before it (截至6月30日累计支出…；其中项目支出…: the same period's part)."""
        sentence = self.sentence_start(pos)
        if sentence and self.text[sentence - 1] in "；;" and self.text.startswith("其中", sentence):
            return self.sentence_start(sentence - 1)
        return sentence

    def other_period(self, pos: int) -> bool:
        """Whether the sentence names another period (上年…, 2021年…) before `pos`: last year's figures."""
        sentence = self._subject_sentence(pos)
        j = bisect.bisect_right(self._subject_ends, pos)
        while j and self._subject_marks[j - 1][0] > sentence:
            end, kind = self._subject_marks[j - 1]
            if kind == "period" and not self._period_aside(end, pos):
                return True
            j -= 1
        return False

    def _period_aside(self, end: int, pos: int) -> bool:
        """Whether a period word ending at `end` stands in a bracket closed before `pos` that says something of its own
        (调减…（部分地块延至2026年实施…），全年预算…; 总分96.53分（2022年度为95.87分）: this year's figure after it), not a
        bracket that only dates what follows (年中（截至2025年6月30日）累计支出…: that period's figure)."""
        if not self._bracketed_before(end, pos):
            return False
        j = bisect.bisect_right(self._bracket_starts, end - 1)
        start, stop = self._brackets[j - 1]
        return _DATES_ONLY.fullmatch(self.text, start + 1, stop - 1) is None

    def _open_bracket(self, pos: int, sentence: int) -> int:
        """Where the bracket `pos` stands in opens, if one opened in its sentence is not closed before it; else -1."""
        opened = max(self.text.rfind("（", sentence, pos), self.text.rfind("(", sentence, pos))
        if opened < 0 or max(self.text.rfind("）", opened, pos), self.text.rfind(")", opened, pos)) >= 0:
            return -1
        return opened

    def _in_aside(self, pos: int, sentence: int) -> bool:
        """Whether `pos` stands in a bracket that opens with 含, 其中 or 包括 (the detail of the figure before it)."""
        opened = self._open_bracket(pos, sentence)
        return opened >= 0 and self.text.startswith(("含", "其中", "包括"), opened + 1)

    def _part_of_same(self, kind: str, pos: int) -> bool:
        """After 其中 a figure of the kind the sentence's total had is a part of it (其中：当年财政拨款执行数…),
        while a figure of another kind is a figure of its own (收入合计…，其中年初预算…)."""
        sentence = self.sentence_start(pos)
        part = self.text.rfind("其中", sentence, pos)
        return part >= 0 and _nearest_kind(self.text[sentence:part]) == kind

    def _heading_scopes(self) -> list[tuple[int, str | None]]:
        """(stream offset, scope) from each heading on, for values whose paragraph names no subject:
        the scope its （一） heading names, else its 一、 heading's."""
        out = []
        stream = self.b.stream
        level1 = None
        for index, level in sorted(stream.heading_level.items(), key=lambda kv: stream.line_start[kv[0]]):
            start = stream.line_start[index]
            end = self.text.find("\n", start)
            scope = _scope_of(self.text[start:end if end >= 0 else len(self.text)][:80])
            if level == 1:
                level1 = scope
                out.append((start, scope))
            else:
                out.append((start, scope or level1))
        return out

    def sentence_start(self, pos: int) -> int:
        k = bisect.bisect_left(self._sentence_marks, pos)
        return self._sentence_marks[k - 1] + 1 if k else 0

    def _full_sentence_start(self, pos: int) -> int:
        """Where the sentence holding `pos` starts when only 。！？ and line ends end sentences (not ；)."""
        k = bisect.bisect_left(self._full_stops, pos)
        return self._full_stops[k - 1] + 1 if k else 0

    def clause_start(self, pos: int) -> int:
        k = bisect.bisect_left(self._clause_marks, pos)
        return self._clause_marks[k - 1] + 1 if k else 0

    def clause_end(self, pos: int) -> int:
        k = bisect.bisect_left(self._clause_marks, pos)
        return self._clause_marks[k] if k < len(self._clause_marks) else len(self.text)

    def paragraph_scope(self, pos: int) -> str | None:
        """The subject named before `pos` in its own paragraph, if any: the nearest marker in its sentence,
        or in an earlier sentence of the paragraph that names one subject only (one that lists several,
        其中基本支出…、项目支出…, sets no subject for the sentences after it)."""
        k = bisect.bisect_left(self._newlines, pos)
        paragraph = self._newlines[k - 1] + 1 if k else 0
        k = bisect.bisect_right(self._scope_ends, pos)
        while k and self._bracketed_before(self._scope_marks[k - 1][0], pos):
            k -= 1  # (年初预算…（基本支出…、项目支出…），…，全年预算…: the bracket's subjects are its own)
        if not k or self._scope_marks[k - 1][0] - 1 < paragraph:
            return None
        end, kind = self._scope_marks[k - 1]
        if end <= self.clause_start(pos) and self._adjusting(end):
            return None  # …，并调减部分区级项目，调整后全年预算数为…: what the budget was adjusted by, not its subject
        sentence, here = self.sentence_start(end - 1), self.sentence_start(pos)
        if k >= 2 and sentence == here and end <= self.clause_start(pos):
            before, other = self._scope_marks[k - 2]
            marks = self._clause_marks[bisect.bisect_left(self._clause_marks, before):bisect.bisect_left(self._clause_marks, end)]
            if other != kind and before > here and marks and all(self.text[m] in "、，," for m in marks) \
                    and "%" not in self.text[here:end]:
                # (实际支出…，其中基本支出…、项目支出…，预算执行率97.51%; …，其中基本支出…，项目支出…，预算执行率95.37%:
                # the list's last part is not the rate's subject; where a part has its own rate, 基本支出…，执行率
                # 99.20%；项目支出…，执行率96.66%, or the whole had its own before them, 实际支出…，执行率94.64%，其中
                # 基本支出…，项目支出…，执行率94.03%, it is)
                return None
        if sentence < here:  # named in an earlier sentence
            k_stop = bisect.bisect_left(self._sentence_marks, end)
            stop = self._sentence_marks[k_stop] if k_stop < len(self._sentence_marks) else here
            if not _DIGIT.search(self.text, end, min(stop, here)):
                # (所有项目按轻重缓急重新论证、逐项核定。年初预算…; …，主要是高标准农田项目集中在下半年施工结算。: a subject
                # named with no figure after it in its sentence is no subject for the sentences after)
                return None
            # (a list of parts may run over semicolons: 其中基本支出…；项目支出…。决算数较上年…)
            sentence = self._full_sentence_start(end - 1)
            if _GRAND_TOTAL.search(self.text, here, min(here + 12, pos)) or _WHOLE_AGAINST.match(self.text, here):
                return None  # …项目支出4,877.12万元。全年支出较上年…: a sentence about the whole names no part
            j = k - 1
            while j and self._scope_marks[j - 1][0] - 1 >= sentence:
                if self._scope_marks[j - 1][1] != kind:
                    return None
                j -= 1
        return kind

    def scope(self, pos: int) -> str:
        """The subject of a value: the subject named before it in its paragraph, else its headings'."""
        named = self.paragraph_scope(pos)
        return named if named is not None else self._heading_scope(pos)

    def _heading_scope(self, pos: int) -> str:
        """The subject the headings above `pos` give (the whole department's where they name none)."""
        k = bisect.bisect_right(self._heading_starts, pos)
        return (self.heading_scopes[k - 1][1] if k else None) or "overall"

    # -- reading ----------------------------------------------------------------------------------
    def read(self) -> list[Token]:
        """Read the figures into the report; returns the stream's value tokens (for other readers)."""
        self._garbled_statements()
        toks = tokens(self.text, self.garbled_spans)
        handled: set[int] = set()
        self._respectively(toks, handled)
        previous_end = 0
        sentence_marker = -1
        open_fund: int | None = None
        evaluated_seen = False
        for i, tok in enumerate(toks):
            sentence = self.sentence_start(tok.start)
            if sentence != sentence_marker:
                sentence_marker, open_fund, evaluated_seen = sentence, None, False
            label_start = max(self.clause_start(tok.start), previous_end if previous_end > sentence else sentence)
            if label_start > sentence:  # (2025年初，本部门预算…: 年初 a clause of its own, part of the label)
                before = max(self.clause_start(label_start - 1), sentence)
                if _YEAR_START.fullmatch(self.text, before, label_start - 1):
                    label_start = before
            label = self.text[label_start:tok.start]
            previous_end = tok.end
            if i in handled:
                continue
            if self._in_grid(tok.start):
                continue  # a cell of a table that is no 自评表: its figures have no sentence to say whose they are
            if _INSTRUCTION.search(self.text, max(sentence, tok.start - _CONTEXT),
                                   min(self.clause_end(tok.end) + 12, tok.end + _CONTEXT)):
                continue  # a printed instruction of the form: a threshold, not a figure
            if tok.kind == "amount":
                open_fund, evaluated_seen = self._amount(tok, label, sentence, open_fund, evaluated_seen)
            elif tok.kind == "percent":
                if _WEIGHT_LABEL.search(label):
                    continue  # (预算执行率权重20%: the rate's weight in a form scored by percent weights, not a rate)
                self._percent(tok, label, sentence, open_fund, evaluated_seen)
            elif tok.kind == "count":
                opened = self._count(tok, label, label_start)
                if opened is not None:
                    open_fund = opened
            elif tok.kind == "score":
                near = label[-8:]
                if _SCORE_LABEL.search(near) and not near.endswith(("(", "（")) and not _WEIGHTS_LISTED.search(near) \
                        and not _TIMES.search(near) and not _DEDUCTED.search(near) \
                        and "复核" not in near \
                        and not _SCORE_BOUND.search(near) and not _BOUND_AFTER.match(self.text, tok.end) \
                        and not _MINUS_AFTER.match(self.text, tok.end) \
                        and self.section(tok.start) == "overall" and not self._a_parts_score(tok, near):
                    whose = self.subject(tok.start)
                    if whose not in ("foreign", "part"):
                        # the attached 自评表's own score (项目支出绩效自评表自评得分97.23分) beside the evaluation's: a
                        # report may state both; the form's gives way, and is never half of a conflict
                        form = _FORM_SCORE.search(self.text, self.sentence_start(tok.start), tok.start) is not None
                        self.b.set("/overall/score", tok.value, tok.num_start, tok.num_end, anchored=whose == "own",
                                   strength=-1 if form else None)
            elif tok.kind == "people":
                self._people(tok, label)
        self.grades()
        self._grades_named_not_counted()
        if self._organ_staff and not self.b.has("/staffing/authorized") and not self.b.has("/staffing/actual"):
            for tok, label in self._organ_staff:  # 局机关编制42人，实有39人, and no other staff: the department's
                self._people(tok, label, organ=True)
        return toks

    def _a_parts_score(self, tok: Token, near: str) -> bool:
        """Whether a score is a part's, not the report's: its label names the part (执行率得分, 社会测评得分); it is out
        of the part's weight (得分15分（分值15分）); its sentence states an indicator (…：年度指标值≥90%，实际完成91.2%，
        得分15分); or the clause just before it states a part's weight outside brackets (产出指标分值50分，自评得分50.00分;
        not 按照…体系（资金执行率权重10分、…），本项目自评得分75.60分: the whole's)."""
        sentence = self.sentence_start(tok.start)
        if _PART_SCORE.search(near) or _OUT_OF_AFTER.match(self.text, tok.end) \
                or _INDICATOR_STATEMENT.search(self.text, sentence, tok.start):
            return True
        opened = self._open_bracket(tok.start, sentence)
        if opened > sentence and _PART_NAMED.search(self.text, max(sentence, opened - 12), opened):
            return True  # (1.产出指标（分值50分，得分49.11分）: in brackets after the part's name, the part's)
        paragraph = self.text.rfind("\n", 0, tok.start) + 1
        if _ITEM_WEIGHT.match(self.text, paragraph, tok.start):
            return True  # (5.绩效目标合理性（4分）。…按评分标准得4分: an item of the scoring form, told one by one)
        clause = self.clause_start(tok.start)
        if clause <= sentence:
            return False
        before = _BRACKETED.sub("", self.text[sentence:clause]).rstrip("，,、 ")
        if _PART_LEADS.match(before + "，") and (_A_WEIGHT.search(before) or _PART_COUNT.search(before)):
            return True  # (产出指标共5项，分值50分，自评得分49.40分; 产出指标共4项，自评得分35分: the part the sentence opens with)
        return _PART_WEIGHT.search(_CLAUSE_SPLIT.split(before)[-1]) is not None

    def _grades_named_not_counted(self) -> None:
        """A grade given to projects named but not counted (…“优”的项目8个，基层能力建设项目和卫生应急等级为“良”), in a
        sentence that counts another grade: that grade's count is stated but unread (so no sum takes it for 0)."""
        if not any(self.b.has(f"/projects_summary/grade_counts/{k}") for k in ("excellent", "good", "fair", "poor")):
            return
        for m in _NAMED_GRADE.finditer(self.text):
            pointer = f"/projects_summary/grade_counts/{GRADE_KEYS[m.group('g')]}"
            sentence = self.text[self.sentence_start(m.start()):m.start()]
            if not self.b.has(pointer) and not self.other_period(m.start()) and _GRADE_COUNTED.search(sentence):
                self.unread.add(pointer)
                self.uncounted[pointer] = m.group("g")

    def _indicators_paragraph(self, pos: int) -> bool:
        """Whether `pos` is in a paragraph that opens on an indicator's statement (重点项目绩效评价数量：年度指标值≥12个，
        实际完成12个，…): its figures are what the indicator counts (the projects others evaluated, 全县…开展绩效自评的
        项目1,286个), not the report's own projects."""
        paragraph = self.text.rfind("\n", 0, pos) + 1
        return _INDICATOR_STATEMENT.search(self.text, paragraph, min(pos, paragraph + 40)) is not None

    def _in_grid(self, pos: int) -> bool:
        """Whether `pos` is in a row of a grid (a table of three columns or more; a two-column row such as
        执行率 | 80% reads as a clause)."""
        if not self.grids:
            return False
        stream = self.b.stream
        return stream.lines[stream.source(pos)[0]].table in self.grids

    def grades(self) -> None:
        for m in _OVERALL_GRADE.finditer(self.text):
            grade = m.group("g")
            if grade == "一般":
                continue
            if self.section(m.start()) != "overall":
                continue
            if states_bands(self.text[self.sentence_start(m.start()):m.end()]):
                continue  # (总分90分（含）以上…的，评为“优”: a grade standard's band, no grade given)
            if _VETO.search(self.text, self.sentence_start(m.start()), m.start()):
                continue  # (发生重大违纪违规问题的，实行一票否决，等级评定为“差”: the rule's grade, not the report's)
            if _REVIEW_WORD.search(self.text, max(self.clause_start(m.start()), m.start() - 8), m.start("g")):
                continue  # (复核等级为“良”, 财政复核等级: the reviewer's grade, not the report's own)
            whose = self.subject(m.start(), parts=True)  # (综合得分…，其中预算执行得分…，评价等级为“优”: the whole's)
            if whose in ("foreign", "part"):
                continue
            self.b.set("/overall/grade", grade, m.start("g"), m.end("g"), anchored=whose == "own")

    def _amount(self, tok: Token, label: str, sentence: int, open_fund: int | None,
                evaluated_seen: bool) -> tuple[int | None, bool]:
        before = self.text[max(sentence, tok.start - _CONTEXT):tok.start]
        if _PER_UNIT.search(label) or _ABOUT.search(label):
            return open_fund, evaluated_seen  # (户均下达资金约350元: a figure per household, and a round one)
        if self._in_aside(tok.start, sentence):
            return open_fund, evaluated_seen  # (项目支出5,982.17万元（含政府性基金预算项目支出1,425.51万元）: a part's detail)
        if _REASON_CLAUSE.match(self.text, self.clause_start(tok.start)):
            # (项目支出执行率偏低，主要是12月下达的…资金9,846.20万元当年未能形成支出: the reason's figure, no total's)
            return open_fund, evaluated_seen
        if open_fund is not None and _EVAL_AMOUNT.search(label):
            self.b.set(f"/projects_summary/fund_types/{open_fund}/amount", tok.value, tok.num_start, tok.num_end)
            return open_fund, evaluated_seen
        if _EVAL_AMOUNT.search(label) and ("自评" in before or "评价" in before) \
                and self.subject(tok.start, periods=False) != "foreign" and "部门整体" not in before \
                and not (self.own_report and self._indicators_paragraph(tok.start)):
            # (自评范围为我局部门整体支出，涉及资金…: the whole's spending evaluated, not the projects')
            self.b.set("/projects_summary/evaluated_amount", tok.value, tok.num_start, tok.num_end)
            return open_fund, True
        if _SHARE_OF.search(label) and _SHARE_AFTER.match(self.text, tok.end):
            return open_fund, evaluated_seen  # the whole a share is of (占我局项目支出总额12,478.60万元的27.21%)
        if self._change(tok, label, before, "/overall/change_amount"):
            return open_fund, evaluated_seen
        if self._change_base(tok, label, before):
            return open_fund, evaluated_seen
        keyword = _last_keyword(label)
        if keyword is not None and _DIFFERENCE_AFTER.match(label, keyword.end()):
            return open_fund, evaluated_seen  # (全年预算与实际支出的差额为16.35万元: the difference, neither's figure)
        kind = keyword.lastgroup if keyword else None
        if kind is None and self.own_report and _FUND_TOTAL.search(label):
            kind = "adjusted"  # (一项资金的报告：2021年全市基本公共卫生服务补助资金共13,113.96万元，其中中央…: the year's funds)
        if kind == "final" and (_PRIOR.search(label) or self._opens_prior_year(sentence, tok.start)
                                and not _NOT_A_YEARS.search(label)) or self._prior_year(label):
            self._against_last_year("/overall/prior_year_final", tok.value, tok, tok.num_start)
            return open_fund, evaluated_seen
        if keyword is not None and _added(label, keyword):
            return open_fund, evaluated_seen  # (年中追加…下达的社会救助等资金2,484.45万元: what was added)
        if keyword is not None and keyword.group() == "预算调整数" \
                and _ADJUSTMENT_RATE.search(self.text, sentence, self.clause_end(self.clause_end(tok.end) + 1) + 40):
            # (本级预算调整数142.72万元，年初预算4,416.80万元，预算调整率3.23%: the adjustment 预算调整率 divides, not the
            # adjusted budget; 预算调整数为7,948.32万元, 其中基本支出… with no such rate is the adjusted budget)
            return open_fund, evaluated_seen
        if kind and kind != "rate":
            self._scoped(kind, tok, tok.num_start, tok.num_end)
            if kind == "final" and label.startswith("项目支出") and _BREAKDOWN.search(label) \
                    and "其中" in self.text[sentence:tok.start] and self.section(sentence) == "overall" \
                    and not self._part_of_another(tok.start - len(label), sentence):
                # (部门决算数…，其中基本支出决算数…，项目支出决算数3,508.70万元: the whole's part as well as the projects')
                self.b.set("/overall/project_expenditure", tok.value, tok.num_start, tok.num_end, anchored=False)
            elif kind == "final" and not self.own_report and self.text[sentence:tok.start].lstrip(" \u3000").startswith("项目支出") \
                    and "其中" in self.text[self._full_sentence_start(tok.start):sentence] \
                    and self._heading_scope(sentence) == "overall" and self.subject(tok.start) not in ("foreign", "part") \
                    and not self._part_of_another(sentence, self._full_sentence_start(tok.start)):
                # (实际支出…。其中：基本支出全年预算…，实际支出…；项目支出全年预算2,873.80万元，实际支出2,804.76万元: the
                # whole's part named at the head of its semicolon's part)
                self.b.set("/overall/project_expenditure", tok.value, tok.num_start, tok.num_end, anchored=False)
            return open_fund, evaluated_seen
        breakdown = _BREAKDOWN.search(label)
        if breakdown and not _ADJUSTED_BY.search(label, 0, breakdown.start()) \
                and self._own_part(tok, sentence, tok.start - len(label) + breakdown.start()) \
                and not (breakdown.group("which") == "项目支出" and self._one_projects(tok.start - len(label) + breakdown.start())):
            # (因人员工资调整追加基本支出126.82万元: what the budget was adjusted by, not the spending; 局机关本级…，其中
            # 基本支出…: another subject's parts)
            # the label names its subject outright; a part of a budget (年初预算…，其中基本支出…) is not spending
            which = breakdown.group("which")
            lead = self._lead(tok.start, len(label), sentence)
            budget = _total_kind(lead)
            if budget is None and _A_BUDGET.search(_BRACKETED_ASIDE.sub("", lead)):
                return open_fund, evaluated_seen  # (财政批复我局部门预算…，其中基本支出…: a budget's parts, of a kind not told)
            if budget not in ("initial", "adjusted"):
                self.b.set(f"/overall/{_BREAKDOWN_FIELDS[which]}", tok.value, tok.num_start, tok.num_end)
            if which == "项目支出" and not self.own_report:
                # the department's 项目支出 in its budget or its spending is the projects' total, where the report
                # states none of its own (read after the prose and the tables: `projects_total`)
                kind = budget if budget in ("initial", "adjusted") else "final"
                self.department_projects.setdefault(f"/projects_summary/{_KIND_FIELDS[kind]}", tok)
        elif not self.own_report and _PROJECTS_BUDGET.search(label) and self._own_part(tok, sentence, tok.start - len(label)):
            # (全年预算2,593.40万元。其中基本支出预算880.90万元，项目支出预算1,712.50万元; 调整后全年预算4,512.30万元。…按支出
            # 性质分，…项目支出预算2,531.60万元: the budget its sentence, or else its paragraph before it, names last)
            budget = _total_kind(self._lead(tok.start, len(label), sentence))
            if budget not in ("initial", "adjusted"):  # (the paragraph's last budget keyword before it)
                paragraph = self.text.rfind("\n", 0, tok.start) + 1
                budget = _total_kind(self.text[paragraph:tok.start - len(label)])
            if budget in ("initial", "adjusted"):
                self.department_projects.setdefault(f"/projects_summary/{_KIND_FIELDS[budget]}", tok)
        return open_fund, evaluated_seen

    def _own_part(self, tok: Token, sentence: int, named: int) -> bool:
        """Whether a part named at `named` (基本支出, 项目支出) with the figure `tok` is a part of the report's own
        subject's figure of the year: not another period's, not in what was added, not after another subject's 其中."""
        return not self.other_period(tok.start) and not self._parts_of_an_addition(tok.start, sentence) \
            and not self._part_of_another(named, sentence)

    def _parts_of_an_addition(self, pos: int, sentence: int) -> bool:
        """Whether `pos` stands in a bracket after what the budget was added (年中追加预算1,067.44万元（基本支出67.32万元、
        项目支出1,000.12万元）), or in the 其中 list of an addition (年中追加预算1,186.40万元，其中基本支出96.20万元、项目支出
        1,090.20万元): the addition's parts, not the spending."""
        opened = self._open_bracket(pos, sentence)
        if opened >= 0 and _ADJUSTED_BY.search(self.text, sentence, opened) is not None:
            return True
        head = self.text.rfind("其中", sentence, pos)
        if head <= sentence:
            return False
        added = max(_ADDITION.finditer(self.text, self.clause_start(head - 1), head), key=lambda m: m.start(), default=None)
        # (not 年中追加调整后全年预算4,215.66万元，其中…, 追加至…: the budget after the addition, whose parts are the year's)
        return added is not None and _AFTER_ADDITION.search(self.text, added.end(), head) is None

    def _lead(self, pos: int, label_length: int, sentence: int) -> str:
        """The words before the label of the figure at `pos`, whose last amount keyword says what a list of parts
        breaks down: its sentence's; the whole sentence's where it opens on 全年预算中， (…；项目支出…: the budget's
        parts over a semicolon); and the sentence before's too where it opens on 其中 (…全年预算27,766.57万元。其中…)."""
        label_start = pos - label_length
        full = self._full_sentence_start(pos)
        if _OF_BUDGET.match(self.text, full):
            return self.text[full:label_start]
        opening = self.text[sentence:pos].lstrip(" \u3000")
        if sentence > 0 and (opening.startswith("其中") or _BY_WHAT.match(opening)):
            # (…全年预算9,886.40万元，其中：本年财政拨款…；按支出性质分，基本支出…: the budget's second breakdown)
            return self.text[self.sentence_start(sentence - 1):label_start]
        whole = self.text[full:pos].lstrip(" \u3000")
        if full > 0 and sentence > full and (whole.startswith("其中") or _BY_WHAT.match(whole)):
            # (…全年预算调整为5,187.05万元。其中一般公共预算…、其他资金…；基本支出…: the same 其中's second breakdown)
            return self.text[self.sentence_start(full - 1):label_start]
        return self.text[sentence:label_start]

    def _change(self, tok: Token, label: str, before: str, pointer: str) -> bool:
        """A change against last year (较上年增加…, 增长…%): stored at `pointer` where it is the department's
        spending change. Returns whether the figure was one (the department's or not)."""
        change = _CHANGE_VERB.search(label)
        if not change:
            return False
        if _AGAINST_BUDGET.search(label):
            return True  # (全年预算调整为…，较年初预算增加5,156.22万元: the adjustment, not a change against last year)
        if not _COMPARE.search(before):
            return False
        comparisons = list(_COMPARE.finditer(before))
        if comparisons and all(_YEAR_CHANGE.fullmatch(m.group()) for m in comparisons) \
                and not _LAST_YEAR_SPENT.search(before, 0, comparisons[-1].start()):
            return False  # (2022年中央下达资金35,906.00万元，2023年增加…: the funds allocated, not the year's spending)
        if comparisons:
            compared = tok.start - len(before) + comparisons[-1].start()
            if _SCALE_CHANGE.search(self.text, self.clause_start(compared), compared):
                return True  # (经费规模较上年增加14,302.82万元，增长2.43%: the funds arranged, not the spending)
            if not self.own_report and _PROGRAM_FUNDS.search(self.text, self.clause_start(compared), compared):
                # (a department's report: 实施临时救助3,126人次，救助资金比上年增长9.4%: one programme's funds, not the
                # department's; a fund's own report: 专项资金支出较上年…增加 is its own)
                return True
            if self._another_years_change(tok.start):
                return True  # (2021年较2020年增加…; 2025年预算安排…较2024年年初预算增加…: another year's change)
        spoken = self._money_words(tok, before)
        if spoken and spoken[-1] == "预算":
            return True  # (2023年度全年预算为7,318.50万元，本年较上年增加635.70万元: the budget's change, not the spending's)
        if spoken:
            value = -tok.value if change.group("verb") in _NEGATIVE else tok.value
            self._against_last_year(pointer, value, tok, tok.start - len(label) + change.start())
        return True

    def _another_years_change(self, pos: int) -> bool:
        """Whether the change stated at `pos` is another year's: the last year named before it in its sentence (up to
        the figure: …万元，本年增加…), other than a comparison's base, is not the fiscal year (2021年较2020年增加…,
        2025年预算…较2024年…), while 2023年实际支出较上年… and 与2020年度决算相比，减少… are its own."""
        if self.fiscal_year is None:
            return False
        years = _YEAR_BEFORE.findall(self.text, self.sentence_start(pos), pos)
        if not years:
            return False
        number, this_year = years[-1]
        return not this_year and int(number) != self.fiscal_year

    def _change_base(self, tok: Token, label: str, before: str) -> bool:
        """Last year's figure as the base of a change (部门支出较上年的5,316.40万元增加227.73万元): the department's
        prior-year spending where the sentence speaks of its spending. Returns whether the figure was one."""
        base = _CHANGE_BASE.search(label)
        if not base or not _CHANGE_AFTER.match(self.text, tok.end):
            return False
        year = base.group("year")
        if year is not None and (self.fiscal_year is None or int(year) != self.fiscal_year - 1):
            return False
        if _total_kind(self.text[self.sentence_start(tok.start):tok.start - len(label) + base.start()]) in ("initial", "adjusted"):
            return True  # (全年预算12,600.00万元，较上年的11,800.00万元增长…: last year's budget, not its spending)
        spoken = self._money_words(tok, before)
        if spoken and spoken[-1] != "预算":  # (…全年预算5,477.58万元。较上年5,100.00万元…: the budget's)
            self._against_last_year("/overall/prior_year_final", tok.value, tok, tok.num_start)
        return True

    def _money_words(self, tok: Token, before: str) -> list[str]:
        """The money words (支出, 预算, 资金 …) before a change's figure in its sentence; where the sentence opens on the
        comparison itself (…项目支出4,712.75万元。较上年4,988.62万元增加333.24万元), those of the sentence before it in
        its paragraph, which says what is compared."""
        spoken = [m.group() for m in _SPENDING.finditer(before)]
        sentence = self.sentence_start(tok.start)
        if spoken or not _OPENS_ON_COMPARISON.match(self.text, sentence) or sentence == 0 \
                or "\n" in self.text[self.sentence_start(sentence - 1):sentence]:
            return spoken
        return [m.group() for m in _SPENDING.finditer(self.text, self.sentence_start(sentence - 1), sentence)]

    def _against_last_year(self, pointer: str, value: Decimal | int, tok: Token, start: int) -> None:
        """Store a figure about last year (its spending, the change against it) where it is the department's:
        in the report's overall part, its subject not another's nor a part (another period is not asked about:
        the sentence speaks of last year by design). `start` is where the statement begins in the stream."""
        whose = self.subject(tok.start, periods=False)
        if self.section(tok.start) == "overall" and whose not in ("foreign", "part"):
            self.b.set(pointer, value, start, tok.num_end, anchored=whose == "own")

    def _opens_prior_year(self, sentence: int, pos: int) -> bool:
        """Whether the sentence opens on last year and names no other year before `pos` (2024年本项目全年预算902.00万元，
        实际支出884.36万元; 2024年度我县建设高标准农田1.0万亩，项目实际支出3,012.64万元: last year's spending)."""
        if self.fiscal_year is None:
            return False
        opening = _YEAR_OPENING.match(self.text, sentence)
        return opening is not None and int(opening.group(1)) == self.fiscal_year - 1 \
            and _A_YEAR.search(self.text, opening.end(), pos) is None

    def _prior_year(self, label: str) -> bool:
        if self.fiscal_year is None:
            return False
        # (2023年同类项目支出…; 与2019年该专项资金实际支出…相比: the report's own subject last year)
        return bool(re.search(rf"{self.fiscal_year - 1}年度?(?:部门|该专项资金|该项资金|该资金|该项目|本项目|同类项目|"
                              r"我局|本局|我委|我院|我厅|我办|本部门|我部门|本单位|我单位)?(?:整体)?"
                              r"(?:决算|支出|实际支出)", label))

    def section(self, pos: int) -> str:
        """The report section a value belongs to: overall, projects (taken together) or basic; in a report
        about one project or fund, its 项目 figures are the report's own."""
        scope = self.scope(pos)
        return "overall" if scope == "projects" and self.own_report else scope

    def _named_subject(self, tok: Token) -> bool:
        """A subject named just before the figure's keyword in its clause (耕地质量提升资金全年预算…), or before
        the first figure's keyword of its sentence where its own clause names none (食品安全监督抽检项目调整后预算
        468.00万元，实际支出452.30万元): another subject's figure, unless the sentence names the report's own."""
        start = self.clause_start(tok.start)
        clause = self.text[start:tok.start]
        last = None
        for m in _KIND.finditer(clause):
            last = m
        if last is None:
            return False
        if len(_GENERIC.sub("", clause[:last.start()])) >= 4:
            return True
        sentence = self.sentence_start(tok.start)
        first = _KIND.search(self.text, sentence, start) if start > sentence else None
        if first is None or self._adjusting(first.end()):
            return False  # (年度中追加中央财政…转移支付…资金，预算调整数为…: what was added, not whose)
        return len(_GENERIC.sub("", self.text[self.clause_start(first.start()):first.start()])) >= 4

    def _garbled_statements(self) -> None:
        """The figures OCR garbled (`garbled`), and which of the report's own they were where their label says so
        (…调整后全年预算数为5,2O8.64万元): those are unread (a rule that could judge on another base does not), and a
        weaker statement elsewhere (a table row's bare rate) does not stand in for them."""
        self.garbled_spans = garbled(self.text)
        for start, _ in self.garbled_spans:
            label = self.text[self.clause_start(start):start]
            kind = _nearest_kind(label)
            if kind not in _KIND_FIELDS or self.subject(start) == "foreign" or _MULTI_YEAR.search(label):
                continue
            scope = self.section(start)
            if scope == "basic":
                continue
            pointer = f"/{'overall' if scope == 'overall' else 'projects_summary'}/{_KIND_FIELDS[kind]}"
            self.garbled_fields.add(pointer)
            self.unread.add(pointer)

    def _scoped(self, kind: str, tok: Token, start: int, end: int) -> None:
        if tok.value == 0 and _ALL_ARE.search(self.text, self.clause_start(tok.start), tok.start):
            return  # (两行年初、全年预算和执行数均为0.00万元: rows or funds there are none of, not the whole's figures)
        if _RESPECTIVE_HEAD.search(self.text, self.clause_start(tok.start), tok.start) \
                and _EACH_OF.search(self.text, self.sentence_start(tok.start), tok.start):
            return  # (各项目全年预算分别为708.60万元、…: each project's in turn)
        whose = self.subject(tok.start)
        if whose == "part":
            if self._part_of_same(kind, tok.start):
                return
            whose = None
        if whose == "foreign" or whose is None and self._named_subject(tok):
            if kind == "adjusted" and self.section(tok.start) == "overall":
                self.unread.add("/overall/adjusted_budget")  # a 全年预算 whose subject could not be told the report's
            return
        scope = self.section(tok.start)
        if scope == "basic":
            if kind == "final":
                self.b.set("/overall/basic_expenditure", tok.value, start, end, anchored=whose == "own")
            return
        if kind == "final" and scope != "overall" and _GRAND_TOTAL.search(self.text[self.clause_start(tok.start):tok.start]) \
                and self.paragraph_scope(tok.start) is None:
            scope = "overall"  # 全年支出合计 under a 项目支出 heading is still the whole department's total
        section = "overall" if scope == "overall" else "projects_summary"
        # how surely the value is this figure: its subject named outright (anchored, 10), the figure's own
        # keyword (全年预算: +2), the report's project or fund named (+1); the surest reading wins
        clause = self.text[self.clause_start(tok.start):tok.start]
        if _MULTI_YEAR.search(clause):
            return  # (项目总投资…, 累计支出…: over the project's years, or with money from outside the budget)
        strength = (10 if whose == "own" else 0) + (1 if whose == "named" else 0) + (2 if _PRIMARY.search(clause) else 0)
        pointer = f"/{section}/{_KIND_FIELDS[kind]}"
        if pointer in self.garbled_fields and whose != "own":
            return  # (its statement was garbled: a figure said less surely elsewhere does not stand in for it)
        self.b.set(pointer, tok.value, start, end, strength=strength)

    def _percent(self, tok: Token, label: str, sentence: int, open_fund: int | None, evaluated_seen: bool) -> None:
        if _BOUND_AFTER.match(self.text, tok.end):
            return  # (各项目执行率均在90%以上: a bound, not a stated rate)
        if _RANGE_NEXT.match(self.text, tok.end) or _RANGE_END.search(self.text, max(0, tok.start - 3), tok.start):
            return  # (4个项目执行率在97.37%至97.99%之间: a range, not a stated rate)
        before = self.text[max(sentence, tok.start - _CONTEXT):tok.start]
        # the projects' grades named in this sentence or the one before (养护质量优良率93.6%: not the projects')
        graded = _GRADED.search(self.text, self.sentence_start(max(sentence - 1, 0)), tok.start) is not None
        if ("评优率" in label or "优秀率" in label) and graded:
            self.b.set("/projects_summary/excellent_rate", tok.value, tok.num_start, tok.num_end)
            return
        if "优良率" in label and graded:
            self.b.set("/projects_summary/excellent_good_rate", tok.value, tok.num_start, tok.num_end)
            return
        if open_fund is not None and _COVERAGE.search(label):
            self.b.set(f"/projects_summary/fund_types/{open_fund}/coverage_rate", tok.value, tok.num_start, tok.num_end)
            return
        if evaluated_seen and _COVERAGE.search(label):
            self.b.set("/projects_summary/evaluated_coverage", tok.value, tok.num_start, tok.num_end)
            return
        if self._change(tok, label, before, "/overall/change_rate"):
            return
        if _nearest_kind(label) == "rate":
            self._scoped("rate", tok, tok.num_start, tok.num_end)

    def _count(self, tok: Token, label: str, label_start: int) -> int | None:
        if _LISTED_ITEMS.search(label):
            return None  # (市级代表性项目12项: items of a heritage list, not projects funded)
        if self.other_period(tok.start):
            return None  # (2023年度我局自评项目8个，其中“优”6个: another year's projects)
        if _RESPECTIVELY_AFTER.match(self.text, tok.end):
            return None  # (…两个项目自评得分分别为99.94分、99.80分: the projects just named, one by one)
        if self.own_report and self._indicators_paragraph(tok.start):
            return None  # (a project's indicator, 全县…开展绩效自评的项目1,286个: what it counts, not the report's projects)
        if label.endswith("的") and not _EVALUATED.search(label) and _FORMS_ATTACHED.match(self.text, tok.end):
            return None  # (资金量较大的2个项目的自评表作为附件一并报送: the forms of a few, not how many projects there are)
        after = self.text[tok.end:self.clause_end(tok.end)]
        grade = _GRADE_LABEL.search(label)
        if (grade or _GRADE_AFTER.match(after)) \
                and _GRADED_UNITS.search(self.text, self.sentence_start(tok.start), tok.start):
            return None  # (9个二级单位中，自评等级为“优”的7个: units graded, not projects)
        if grade and _REVIEWED.search(self.text, max(self.sentence_start(tok.start), self.text.rfind("；", 0, tok.start) + 1),
                                      tok.start):
            return None  # (…；复核后等级为“优”的3个、“良”的3个: the review's grades, not the self-evaluation's)
        if grade:
            key = GRADE_KEYS[grade.group("g").strip("“”\"'‘’")]
            self.b.set(f"/projects_summary/grade_counts/{key}", tok.value, label_start + grade.start(), tok.end)
            return None
        all_graded = _ALL_GRADED.match(self.text, tok.end, tok.end + 60)
        if all_graded and "其中" not in label and not label.endswith("的"):
            # (9个项目全部开展绩效自评，自评等级均为“优”: the count evaluated, and each of them 优; read on as a count)
            key = GRADE_KEYS[all_graded.group("g")]
            self.b.set(f"/projects_summary/grade_counts/{key}", tok.value, tok.num_start, tok.end)
        grade_after = _GRADE_AFTER.match(after)
        if grade_after:
            if "其中" in label or label.endswith("的"):
                return None  # (其中由中央水利发展资金支持的3个项目均为“优”: a group of them, not the grade's count)
            key = GRADE_KEYS[grade_after.group("g")]
            self.b.set(f"/projects_summary/grade_counts/{key}", tok.value, tok.num_start, tok.end)
            return None
        fund = _FUND_LABEL.search(label)
        if fund:
            type_start, type_end = label_start + fund.start("type"), label_start + fund.end("type")
            name = self.b.stream.display(type_start, type_end)
            index = self.fund_index.get(name)
            if index is None:
                index = len(self.fund_index)
                self.fund_index[name] = index
                self.b.set(f"/projects_summary/fund_types/{index}/type", name, type_start, type_end)
            self.b.set(f"/projects_summary/fund_types/{index}/count", tok.value, label_start + fund.start("proj"), tok.end)
            return index
        if _EVALUATED.search(label) or _EVALUATED_AFTER.match(after):
            # (对…等2个项目开展了重点自评: some of them; 其中农村公路养护、城乡公交运营补贴和交通安全设施提升三个项目附有
            # 项目支出绩效自评表: the projects just named)
            listed = label.endswith("项目") and self.text[label_start - 1:label_start] == "、"  # (甲项目、乙项目2个项目的…)
            if not _COUNT_GROUP.search(label) and not (_COUNT_AFTER.match(after) and _NAMED_PAIR.search(label)) and not listed:
                self.b.set("/projects_summary/evaluated_count", tok.value, tok.num_start, tok.num_end)
                end = self.text.find("。", tok.end)
                if (_COUNT_LABEL.search(label) or _COUNT_AFTER.match(after)) and _ALL_EVALUATED.match(self.text, tok.end) \
                        or _ALL_COVERED.search(self.text, tok.end, end if end >= 0 else len(self.text)):
                    # (纳入绩效自评范围的项目支出共23个，已全部开展绩效自评; 对28个项目开展了绩效自评，覆盖全部项目支出:
                    # the projects, every one of them evaluated)
                    self.b.set("/projects_summary/count", tok.value, tok.num_start, tok.num_end)
            return None
        counted_after = _COUNT_AFTER.match(after) is not None  # (…两个项目: the count before 项目)
        if _COUNT_LABEL.search(label) or (counted_after and "项目支出" not in label):
            sentence = self.text[self.sentence_start(tok.start):tok.start]
            # (水土保持监测和水利规划编制两个项目; 城乡低保、特困供养3个项目, the label cut at the 、)
            named = counted_after and (_NAMED_PAIR.search(label) or self.text[label_start - 1:label_start] in ("、", "和", "及", "与"))
            if not _CHANGE_VERB.search(label) and "其中" not in sentence and not _COUNT_CHANGE.search(label) \
                    and not _REGION_WIDE.search(sentence) and not _SAMPLED.search(sentence) and not _SAMPLED_AFTER.match(after) \
                    and not _REASON_CLAUSE.match(self.text, self.clause_start(tok.start)) and not _FUND_KIND.search(sentence) \
                    and not _COUNT_CHANGE.search(after, 0, 8) and not _of_one_kind(self._unnamed(label)) and not named \
                    and not _COUNT_GROUP.search(label) and not _COUNT_OTHER.match(after) \
                    and not _UNIT_SUBJECT.search(self._unnamed(label)) and not _COUNT_MODIFIER.match(after):
                self.b.set("/projects_summary/count", tok.value, tok.num_start, tok.num_end)
                word = _COUNT_AFTER.match(after)
                if _ALL_EVALUATED.match(self.text, tok.end + (word.end() if word else 0)):
                    # (项目支出共12个，全部纳入绩效自评; 共3个项目，全部纳入绩效自评: the count self-evaluated is that count,
                    # stated in so many words)
                    self.b.set("/projects_summary/evaluated_count", tok.value, tok.num_start, tok.num_end)
        return None

    def _unnamed(self, label: str) -> str:
        """The label without the department's own name (儋州市水务局共安排项目17个: its projects, not a kind of them)."""
        name = self.b.get("/department/name")
        return label.replace(name, "") if isinstance(name, str) and len(name) >= 3 else label

    def _people(self, tok: Token, label: str, organ: bool = False) -> None:
        sentence = self.sentence_start(tok.start)
        group = _STAFF_GROUP.search(self.text, sentence, tok.start)
        if group and not organ and not _STAFF_WHOLE.search(self.text, max(sentence, group.start() - 3), group.end() + 2):
            if group.group() in ("机关", "本级"):
                self._organ_staff.append((tok, label))  # (the department's own, where no other staff are stated)
            return  # 机关编制21名…；全系统编制486名: one group's staff, not the department's one figure
        if _STAFF_AMONG.search(label):
            return  # (在编人员中高级职称287人: some of the staff)
        if _STAFF_DIFFERENCE.search(label):
            return  # (在职人员超出核定编制2人, 空编3人: a difference between the two, not either)
        if _STAFF_OTHER_PERIOD.search(label):
            return  # (…实有在职人员61名，上年末实有62名: last year's staff)
        if self._open_bracket(tok.start, sentence) >= 0:
            return  # 编制152人（行政编制38人、事业编制114人）: the parts, in brackets
        part = self.text.rfind("其中", sentence, tok.start)
        if part >= 0 and (not _STAFF_ACTUAL.search(label)
                          or _STAFF_ACTUAL.search(self.text, self._full_sentence_start(tok.start), part)):
            # (实有在职人员588人；其中11个分局实有人员342人: 其中 after a semicolon goes on with the figure before it)
            # 核定编制48名，其中行政编制12名、事业编制36名; 实有人员389人，其中在编在岗367人: the parts of the figure read
            return
        if _STAFF_ACTUAL.search(label):
            self.b.set("/staffing/actual", tok.value, tok.num_start, tok.num_end)
        elif _STAFF_AUTH.search(label):
            k = bisect.bisect_left(self._full_stops, tok.end)
            end = self._full_stops[k] if k < len(self._full_stops) else len(self.text)
            if POST_KIND.search(label) and other_posts(self.text, self._full_sentence_start(tok.start), end, tok.start):
                return  # (行政编制21名、事业编制63名，核定编制84名: the kinds of post, not the posts)
            self.b.set("/staffing/authorized", tok.value, tok.num_start, tok.num_end)

    def _respectively(self, toks: list[Token], handled: set[int]) -> None:
        """年初预算、全年预算和决算数分别为 A 万元、B 万元和 C 万元: labels paired with values in order."""
        token_starts = [t.start for t in toks]
        for m in _RESPECTIVELY.finditer(self.text):
            # the labels may be separated by 、 which is a clause boundary for single values
            k = bisect.bisect_left(self._list_marks, m.start())
            start = max(self._list_marks[k - 1] + 1 if k else 0, m.start() - _CONTEXT)
            labels = [part for part in re.split(r"[、和及与]", self.text[start:m.start()]) if part]
            first = bisect.bisect_left(token_starts, m.end())
            values = []
            cursor = m.end()
            for i in range(first, min(first + len(labels) + 1, len(toks))):
                tok = toks[i]
                gap = self.text[cursor:tok.start]
                if gap and not re.fullmatch(r"[、,，和及与]|以及", gap):
                    break
                values.append((i, tok))
                cursor = tok.end
                if len(values) == len(labels):
                    break
            if len(labels) < 2 or len(values) != len(labels):
                continue
            for label, (i, tok) in zip(labels, values, strict=True):
                kind = _nearest_kind(label)
                breakdown = _BREAKDOWN.search(label)
                if tok.kind == "amount" and kind and kind != "rate":
                    self._scoped(kind, tok, tok.num_start, tok.num_end)
                    handled.add(i)
                elif tok.kind == "amount" and breakdown:
                    self.b.set(f"/overall/{_BREAKDOWN_FIELDS[breakdown.group('which')]}", tok.value, tok.num_start, tok.num_end)
                    handled.add(i)
                elif tok.kind == "percent" and kind == "rate":
                    self._scoped(kind, tok, tok.num_start, tok.num_end)
                    handled.add(i)


def _scope_of(text: str) -> str | None:
    last = None
    for m in _SCOPE.finditer(text):
        last = m
    return _scope_kind(last) if last else None


_SCOPE_KINDS = {"b": "basic", "p": "projects", "o": "overall"}


def _scope_kind(m: re.Match[str]) -> str:
    return _SCOPE_KINDS[_alternative(m)]


def _named_pattern(name: str) -> str:
    """The report's own fund or project by name; a fund named after the level that pays it (中央财政渔业发展
    补助资金) is the report's own too as the whole place's fund (全市渔业发展补助资金合计…: the central money with
    the local match)."""
    bare = _PAYER.sub("", name, count=1)
    whole = f"|全(?:省|市|县|区|州|盟|旗)(?:级)?{re.escape(bare)}" if bare != name and len(bare) >= 4 else ""
    return re.escape(name) + whole


_PAYER = re.compile(r"^(?:中央对地方转移支付|中央财政|中央|省级|省|市级|县级|上级)(?:财政)?")


_RATE_AFTER = guarded(r"执行率|执行进度|完成率|支出率")
# the field of the department's (/overall) or the projects' (/projects_summary) figures each kind of keyword names
_KIND_FIELDS = {"initial": "initial_budget", "adjusted": "adjusted_budget", "final": "final", "rate": "execution_rate"}
# an item of a scoring form told in prose, its weight in brackets after its name (5.绩效目标合理性（4分）。…)
_ITEM_WEIGHT = guarded(r"\s*(?:\d{1,2}\s*[.、．]|[（(]\d{1,2}[)）]|[（(][一二三四五六七八九十]{1,3}[)）])[^。；;\n]{1,40}?"
                       r"[（(](?:分值|权重)?\s*\d{1,2}(?:\.\d+)?\s*分[)）]")
# a threshold a score is compared with (考核得分低于85分的运维单位…, 得分不足60分的): not a score stated
_SCORE_BOUND = guarded(r"(?:低于|高于|不足|不低于|不高于|超过|未达到?|没有?达到|达不到|不到|未满|小于|大于)$")
# (90分以上, 85分（含）以上, 85分（含）—95分为“良好”: a bound or a grade's band, no score)
_BOUND_AFTER = guarded(r"(?:[（(]含(?:\d+(?:\.\d+)?分?)?[）)])?\s*(?:(?:及|或)?(?:以上|以下|左右|以内|之间)|[—–\-－~～至到]\s*\d)")
_OF_BUDGET = guarded(r"[\s\u3000]*(?:全年预算|年初预算|调整后预算|预算)中[,，]")
# a formula's base (总分为100分减去扣分合计, 100−扣分): what is deducted from, no score
_MINUS_AFTER = guarded(r"\s*分?\s*(?:减去|扣除|减|[−－-]\s*(?:扣分|各项|\d))")


def _total_kind(text: str) -> str | None:
    """The kind of the last amount keyword (年初预算, 全年预算, 支出…) in `text`: what a 其中 list after it breaks down; not
    one in a bracketed aside (执行率98.22%（实际支出÷全年预算数）。其中基本支出…: the rate's definition, not the whole)."""
    kind = None
    if "（" in text or "(" in text:
        text = _BRACKETED_ASIDE.sub("", text)
    for m in _KIND.finditer(text):
        if m.lastgroup != "rate" and not _RATE_AFTER.match(text, m.end()):
            kind = m.lastgroup  # (not 全年预算 in 全年预算执行率: a rate, whose 其中 list breaks down the spending)
    return kind


_NAMED_PAIR = guarded(r"[和及与、](?!全部|所有|全|各)[\u4e00-\u9fff]{2,}$")
_BRACKETED_ASIDE = guarded(r"[（(][^（）()\n]{1,40}[)）]")
# a bracket that only dates what follows it: 截至2025年6月30日; 2025年1—6月; 上半年
_DATES_ONLY = guarded(r"\s*(?:截至|截止到?|到|至)?[\s\d年月日度第一二三四季上下半前后底末初至—–\-~～]*(?:止|为止|以来)?\s*")
_KIND_OF_PROJECT = guarded(r"([\u4e00-\u9fff]{4,})项目(?:支出)?(?:共计|共|合计|总计|总数|数量|数)?(?:为|有|达)?$")
_SUBSET_WORD = guarded(_SUBSET_KIND)  # (跨年度项目共3个: projects of one kind, some of the department's)
_GENERIC_BEFORE = guarded(r"全年|本年度|本年|当年|年度|年内|年|共计|共|累计|本部门|我局|我院|我厅|我委|我办|本单位|部门|单位|实施|"
                          r"开展|安排|完成|组织|纳入|一般公共预算|预算|财政|专项资金|专项|资金|省级|市级|县级|区级|中央|本级|的|了|"
                          r"各类|所有|全部|项目支出|项目|支出|自评|绩效|评价|涉及|有|为|在|对")


def _of_one_kind(label: str) -> bool:
    """Whether a count's label names projects of one kind (实施国家基本公共卫生服务项目12项, 文物保护修缮项目64个): a
    qualifier of four characters or more before 项目 once the generic words (全年共实施, 部门预算, 专项资金) are gone."""
    m = _KIND_OF_PROJECT.search(label)
    return m is not None and (len(_GENERIC_BEFORE.sub("", m.group(1))) >= 4  # (what is left names a kind)
                              or _SUBSET_WORD.search(m.group(1)) is not None)


_ADDED = guarded(r"追加|调增|调减|调整增加|调整减少|新增下达")
# …下达的抽检任务增加本年财政拨款8.40万元: what was added, after a keyword that names no budget (not 增加至: the new total)
_ADDED_AFTER = guarded(r"(?:追加|调增|调减|增加|新增|减少)(?![至到为])")


def _added(label: str, keyword: re.Match[str]) -> bool:
    """Whether the label's last budget keyword (`keyword`), one that is no budget of its own (下达, 安排, 批复资金 …),
    tells what was added to or cut from the budget (年中追加…下达的…资金): 全年预算, 调整后预算 and the like always name
    the budget."""
    return keyword.lastgroup == "adjusted" and not _PRIMARY.search(keyword.group()) \
        and (_ADDED.search(label, 0, keyword.start()) is not None or _ADDED_AFTER.search(label, keyword.end()) is not None)


def _last_keyword(label: str) -> re.Match[str] | None:
    """The label's last amount or rate keyword (年初预算, 全年预算, 支出, 执行率 …): the one nearest the figure; none where
    what it says was paid is a debt's service (支付本项目专项债券利息…: interest, not the project's spending)."""
    best = None
    for m in _KIND.finditer(label):
        best = m
    if best is not None and _DEBT_SERVICE.search(label, best.end()):
        return None
    return best


_ADJUSTMENT_RATE = guarded(r"调整率")
_DEDUCTED = guarded(r"(?:扣减|扣除|扣|调减|调增|减少|降低|增加|下调|上调)$")  # (该项得分扣减0.50分: a change, no score)
_TIMES = guarded(r"(?:[×xX*]|乘以)\s*$")  # (执行率得分按执行率×10分计算: a formula's factor, no score)
# what a sentence grades where it is no project: 二级单位, 下属单位, 部门 (9个二级单位中，自评等级为“优”的7个)
_GRADED_UNITS = guarded(r"(?:二级|下属|所属|基层|预算)单位中|个(?:二级|下属|所属|基层|预算)?单位(?:中|里|的)|个部门(?:中|里|的)"
                        r"|(?:各|所有|全部)(?:二级|下属|所属)?单位(?:自评|整体|的)|部门整体支出(?:自评)?等级")
_STAFF_OTHER_PERIOD = guarded(rf"(?:{OTHER_PERIOD})(?:末|底|年末|年底|同期)?")
# (a difference between staff and posts, or a change in the year: 新招录事业编制工作人员2名, 调出行政编制人员1名)
_STAFF_DIFFERENCE = guarded(r"超出|超过|超编|多于|少于|低于|高于|缺编|空编|差额|相差|增加|减少"
                            r"|招录|招聘|录用|新进|调入|调出|调离|退休|离职|辞职|减员|增员|转任|遴选")
_DEBT_SERVICE = guarded(r"(?:利息|本息|本金|付息|还本)(?:支出|资金)?$")


def _nearest_kind(label: str) -> str | None:
    best = _last_keyword(label)
    return best.lastgroup if best else None
