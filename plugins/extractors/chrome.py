"""Website and PDF chrome: the lines around a report that are not the report.

Text copied from a government website carries breadcrumbs (首页 >> 信息公开 >> 财政预决算), 【字体：大 中 小】,
发布时间 / 来源 / 阅读次数 lines, 【打印】【关闭】 links and a footer (主办单位, 网站标识码, ICP备案号). Text taken
from a PDF carries running headers and footers repeated on every page. None of it is content: a figure, a
heading or a department name is never read from it. The posting date (发布时间) is kept aside: it is the
disclosure date when the report states no other.

Lines are dropped, not edited, so every other line keeps its number and column.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .lazyre import guarded, lazy
from .normalize import SourceLine, nfkc
from .outline import ORG_LINE
from .values import DATE_RE, date_from_match

_WEB_LINE = guarded(
    r"^(?:"
    r"(?:当前位置|您的位置|您现在的位置|现在位置|所在位置)\s*[:：]"
    r"|首页\s*(?:>|>>|»|›|/|->|→|＞)"
    r"|首页(?:\t[^\t]{1,10}){2,}\s*$"  # a site's menu copied as a row of tabs (首页	政务公开	政务服务 …)
    r"|【?\s*字[体号]\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中"
    r"|【\s*(?:大|中|小|打印|关闭|收藏|返回顶部|打印本页|关闭窗口|我要纠错|分享)\s*】"
    r"|时间\s*[:：]\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s+\d{1,2}:\d{2}"
    r"|(?:发布|发表|更新|录入|信息|公开)(?:时间|日期)\s*[:：]"
    r"|[^>»›\n]{1,20}(?:\s*(?:>>|>|»|›|->|→|＞)\s*[^>»›\n]{1,20}){2,}\s*$"
    r"|(?:信息)?来源\s*[:：]"
    r"|(?:今日|累计|总|本页)?(?:阅读|浏览|访问|点击)(?:次数|量|数)\s*[:：]"
    r"|(?:标题|名称|关\s*键\s*词|生成日期|作者|编辑|责任编辑|审核|校对|发布机构|发布单位|索\s*引\s*号|主题分类|体裁分类|时效性|信息分类|组配分类|文\s*号|成文日期|公开方式|公开范围)(?:\s*[:：]|\t)"
    r"|(?:主办单位|承办单位|主办|承办|协办单位|网站标识码|技术支持|维护单位|联系电话|联系地址|联系我们|网站地图|版权所有|版权声明|隐私声明|政府网站找错|网站纠错|无障碍|适老化)"
    r"|(?:Copyright|copyright|©)"
    r"|.{0,20}(?:ICP备|公网安备|政府网站标识码)"
    r"|(?:上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关附件|相关新闻|相关阅读|相关信息|推荐阅读|扫一扫|分享到|打印本页|关闭窗口|返回顶部|附件下载)"
    # an item of a list of links: another document's title and its posting date (…绩效自评报告2023-06-02, or in brackets:
    # …自评报告（2025-04-07）), a bracketed aside of the title's between them (…自评报告（自评得分96.38分）2026-03-25)
    r"|.{2,80}?(?:报告|说明|公开|公示|通知|公告|通报|办法|方案|意见|决定|情况|结果|名单|目录|解读)(?:[）)]|[（(][^（）()]{1,30}[）)])?\s*[（(\[【]?\s*(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2})\s*[）)\]】]?\s*$"
    # a fax machine's header across the top of a faxed page: the date and time sent, then numbers and the sender, then
    # the page counter (2022-03-21 09:42 0354 56xxxxx 某县文旅局 P.001/001; … 第1页/共2页)
    r"|\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s+\d{1,2}:\d{2}\b.{0,60}?"
    r"(?:P\s*\.?\s*\d{1,3}\s*/\s*\d{1,3}|第\s*\d{1,3}\s*页(?:\s*[/,，]?\s*共\s*\d{1,3}\s*页)?)\s*$"
    # a WeChat 公众号 article's and a 政务号 or county app's page, as saved or copied from the phone: the buttons and
    # prompts around the article (点击蓝字 关注我们, 阅读原文, 赞, 在看, 打开APP, 下载头条 …)
    r"|(?:点击(?:上方)?(?:蓝字|关注)|关注我们|长按(?:识别)?二维码|微信扫一扫|喜欢此内容的人还喜欢|预览时标签不可点|阅读原文"
    r"|打开APP|打开App|下载(?:APP|App|客户端|头条)|今日头条(?:首页|\s*$)|侵权投诉|收录于合集|.{0,20}官方客户端$)"
    r"|(?:赞|在看|分享|收藏|评论|留言|转发|登录|举报|推荐|关注|写留言|点赞|在看\s*\d*|赞\s*\d+)\s*$"
    # the printed notes of a form: instructions, not figures (注：预算执行率得分=执行率×分值…)
    r"|(?:注|说明|填表说明|备注|附注)\s*\d?\s*[:：]"
    r")"
)
# a table of contents: its heading, and each entry's dot leader and page number (一、部门基本情况……………1)
_CONTENTS_HEAD = guarded(r"^目\s*录\s*$")
_CONTENTS_ENTRY = guarded(r"\S\s*(?:[.．·…⋯。_]\s*){4,}\s*\d{1,3}\s*$")
# Word's own table of contents: a heading, a tab (its leader is drawn, not written) and the page number
_CONTENTS_TAB = guarded(r"^(?:[一二三四五六七八九十]{1,3}[、.]|[(（][一二三四五六七八九十]{1,3}[)）]|附件|第[一二三四五六七八九十\d]{1,3}部分"
                        r"|\d{1,2}[.、]).{1,60}?\t+\s*\d{1,3}$")
_LEADERS = frozenset(".．·…⋯。_")
# a contents entry copied with its Word field's code (一、项目基本情况 PAGEREF _Toc21873 \h 1)
_CONTENTS_FIELD = guarded(r"PAGEREF\s*_Toc\d+(?:\s*\\?h)?\s*\d{0,4}\s*$")
# a footnote's rule (————————) and the notes under it, each opening on its mark (①2024年度…, [1]…, 注①…)
_NOTE_RULE = guarded(r"^[—_－\-─━–]{6,}$")
_RULE_LINE = guarded(r"^[=＝*＊#~～]{6,}$")
_RULE_CHARS = frozenset("—_－-─━–=＝*＊#~～")  # (what either rule line opens with: most lines are tested no further)
_NOTE_MARK = guarded(r"^(?:注\s*)?(?:[①-⑳]|[\[［]\d{1,2}[\]］])")
_PAGE_DIGITS = "0123456789 \t"
# the labels of a 政府信息公开 index (索引号 · 发布机构 · 成文日期 · 发布日期 · 名称…), each alone in its cell
_META_LABEL = guarded(r"(?:索\s*引\s*号|主题分类|体裁分类|组配分类|信息分类|服务对象分类|发布机构|发文机关|所属机构|成文日期|生成日期"
                      r"|文\s*号|发文字号|发布日期|发布时间|公开日期|公开时间|名\s*称|标\s*题|信息名称|关\s*键\s*词|主\s*题\s*词|时\s*效\s*性"
                      r"|有\s*效\s*性|公开方式|公开范围|公开形式|公开时限)\s*[:：]?")
_SHORT = 80  # chrome lines are short; a long line that starts like one is content
_POSTED = guarded(r"(?:(?:发布|发表|公开)(?:时间|日期)|时间)\s*[:：]\s*\d{4}")
_GENERATED = guarded(r"生成日期\s*[:：]\s*(?=\d{4})")
_POSTED_LATER = guarded(r"(?:发布|发表|公开)(?:时间|日期)\s*[:：]\s*\d{4}")  # (after another label on the line)
_REPEAT_MIN = 3  # a line seen this often, short and not a heading, is a running header or footer
_HAN = guarded("[\u4e00-\u9fff]")
_HEADING = guarded(r"^[一二三四五六七八九十]{1,3}[、.]|^[（(][一二三四五六七八九十]{1,3}[)）]|^\d{1,2}[.、]")


@dataclass(slots=True)
class Posted:
    """The posting date of a web page (发布时间), and where it stood."""

    date: str
    line: SourceLine
    start: int
    end: int


def _norm(text: str) -> str:
    return nfkc(text.strip())


def strip_chrome(lines: list[SourceLine], running: bool = True,
                 web: bool = False) -> tuple[list[SourceLine], Posted | None]:
    """The lines without website and PDF chrome, and the posting date if the page states one; `running`: whether
    the source may repeat page headers and footers in its text (a PDF's text layer, text taken from one); `web`:
    a web page or text copied from one, whose article's line of account, date and time (浦城卫健 2026年3月27日
    18:05 福建) says when it was posted (a PDF's print header says when it was printed)."""
    posted: Posted | None = None
    generated: Posted | None = None  # an index's 生成日期: when the page was made, where it gives no 发布日期
    kept: list[tuple[SourceLine, str]] = []
    value_of: str | None = None  # the label of a 政府信息公开 index whose value is the line after it
    body = False  # a heading seen: the report's body has begun
    notes = False  # under a footnote's rule: lines opening on a note's mark are the page's footnotes
    for line in lines:
        raw = line.text
        if line.table is None and len(raw) <= 2 * _SHORT and (ruled := _norm(raw)) and ruled[0] in _RULE_CHARS:
            if _NOTE_RULE.match(ruled):
                notes = True
                continue
            if _RULE_LINE.match(ruled):
                continue  # (an app export's ======== above and below its title: a rule, no text)
        if notes:
            if line.table is None and _NOTE_MARK.match(raw.strip()):  # (not NFKC: ① would be 1)
                continue  # (①2024年度旗本级…全年预算918.00万元: another year's figures, a note on the text, not its own)
            notes = False
        if web and body and len(raw) <= 20 and _READ_MORE.match(_norm(raw)):
            break  # the article has ended: what follows is the site's list of other articles (title, account, date)
        if value_of is not None:
            label, value_of = value_of, None
            if len(raw) <= _SHORT and not _META_LABEL.match(_norm(raw)):  # (文号: left empty, then 发布日期: …)
                if label in ("发布日期", "发布时间", "公开日期", "公开时间"):
                    if posted is None:
                        posted = _posted(line, 0)
                    continue
                if label not in ("名称", "标题", "信息名称"):
                    continue  # (索引号 / 014152637/2023-00087, 成文日期 / 2023-04-21: the index, not the report)
        if len(raw) <= 12 and _META_LABEL.fullmatch(_norm(raw)):
            value_of = _norm(raw).replace(" ", "").rstrip(":")  # the label alone (发布日期：): a cell of the index above the title
            continue
        if line.table is not None and posted is None and len(raw) <= _SHORT and ("日期" in raw or "时间" in raw):
            if _states_posting(_norm(raw)):  # (a page printed with its index box ruled as a table: 发布机构：…　发布日期：…)
                posted = _posted(line)
        # a long line is content: neither chrome nor a running header (and needs no normalising here)
        text = _norm(raw) if line.table is None and len(raw) <= 2 * _SHORT else ""
        if text[:1] in "[【" and (labelled := _BRACKETED_LABEL.sub(r"\1：", text)) != text:
            text = labelled  # ([ 发布机构 ] 武隆区水利局 [ 发布日期 ] 2026-03-31: an index's labels in brackets)
        if text and len(text) <= _SHORT and _WEB_LINE.match(text):
            if posted is None and _states_posting(text):
                posted = _posted(line)  # (发布机构：某局　发布日期：2026-04-03: the index's row, as a page prints it)
            elif generated is None and (made := _GENERATED.search(text)):
                generated = _posted(line, made.end())  # (索 引 号：…　生成日期：2026-03-27: an index with no 发布日期)
            elif posted is None and web and (stamp := _STAMPED.search(text)):
                posted = _posted(line, stamp.start())  # (来源：盱眙文旅2026-04-02 09:30浏览量：2,361)
            continue
        if web and not body and text and len(text) <= _STAMPED_LINE and (stamp := _STAMPED.search(text)) \
                and not _OTHER_STAMP.search(text, 0, stamp.start()):
            if posted is None:
                posted = _posted(line, stamp.start())
            continue  # an article's account, date and time, above its text
        if text and (text[-1].isdigit() and (text.rstrip(_PAGE_DIGITS)[-1:] in _LEADERS and _CONTENTS_ENTRY.search(text)
                                             or "\t" in text and _CONTENTS_TAB.match(text) or _CONTENTS_FIELD.search(text))
                     or text[0] == "目" and _CONTENTS_HEAD.match(text)):
            continue  # a table of contents: its entries are not the report's headings (a leader before the page number first)
        body = body or bool(text) and _HEADING.match(text) is not None  # (a stamp in the body is no posting time)
        kept.append((line, text))
    return (_drop_running(kept) if running else [line for line, _ in kept]), posted or generated


# a date with its time of day, as an article's page states when it was posted (2026年3月27日 18:05, 2026-03-31 10:15)
_STAMPED = guarded(r"(?:19|20)\d{2}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2})\s*\d{1,2}:\d{2}")
_STAMPED_LINE = 60
# a date and time that says when something else was done (填报时间：…, 打印日期：…, 更新于…): no posting time
_OTHER_STAMP = guarded(r"填报|填写|编制|报送|打印|导出|生成|下载|更新|修改|截至|截止")
# under a WeChat or 政务号 article, the list of other articles (their titles and dates): the article ends above it
_READ_MORE = guarded(r"^\s*[▼▲▶►●◆■▍|｜]*\s*(?:喜欢此内容的人还喜欢|往期推荐|往期回顾|往期精彩|猜你喜欢|相关推荐|更多推荐|推荐阅读|相关阅读)\s*[▼▲▶►●◆■|｜]*\s*$")


# a 政府信息公开 index's label in brackets, as some portals print it: [ 索引号 ], [ 发布日期 ], 【发布机构】
_BRACKETED_LABEL = guarded(r"[\[【]\s*(索\s*引\s*号|发文字号|文\s*号|主题分类|体裁分类|组配分类|发布机构|发文机关|成文日期|发布日期"
                           r"|公开日期|有\s*效\s*性|时\s*效\s*性|主\s*题\s*词|名\s*称|标\s*题)\s*[\]】]\s*")


def _states_posting(text: str) -> bool:
    """Whether a normalised line says when the page was posted: 发布时间：…, or after another label (发布机构：…　发布日期：…)."""
    return bool(_POSTED.match(text) or _POSTED_LATER.search(text))


def _posted(line: SourceLine, start: int | None = None) -> Posted | None:
    """The date after 发布时间： on the line (or from `start` on: a line that is only the value of its label)."""
    if start is None:
        m = re.search(r"(?:(?:发布|发表|公开)(?:时间|日期)|时间)\s*(?:[:：]|[\]】]\s*[:：]?)\s*", line.text)
        if not m:
            return None
        start = m.end()
    d = DATE_RE.search(nfkc(line.text), start)
    value = date_from_match(d) if d else None
    if value is None or d is None:
        return None
    return Posted(value, line, d.start(), d.end())


_HEAD_LINES = 6  # a running line's first occurrence may be the title only among the document's first lines
# a page number as a footer prints it, which a text layer may put right after the header (- 1 -, 第1页, 1/3)
_PAGE_MARK = guarded(r"[-—–－·]*(?:第)?\d{1,4}(?:页)?(?:/\d{1,4}|共\d{1,4}页)?[-—–－·]*")


# a running header naming the site a PDF was printed from or published on, not a title (…报告, …绩效 are kept)
_SITE_HEADER = lazy(r"^(?!.*(?:报告|绩效|自评)).*(?:网站|门户|政务公开|信息公开|公开内容|主动公开)")


def _drop_running(lines: list[tuple[SourceLine, str]]) -> list[SourceLine]:
    """Running headers and footers: the same short line again and again (every page of a PDF). The first
    occurrence stays when it stands before the body, among the first lines (it is often the title), unless the
    line after it begins with it (上海市某局 above 上海市某局2020年度…报告); the repeats go. `lines` holds
    each line with its normalised text ("" for a table's line)."""
    keys = [_key(text) for _, text in lines]
    counts = Counter(key for key in keys if key)
    # in a paged source a running line is on half its pages or more: the department's name on the cover, above the
    # title and over the signature of a nine-page report is no header
    pages = len({line.page for line, _ in lines if line.page is not None})
    least = max(_REPEAT_MIN, (pages + 1) // 2)
    running = {key for key, n in counts.items() if n >= least}
    if not running:
        return [line for line, _ in lines]
    seen: set[str] = set()
    out = []
    filled = 0  # lines with text so far
    for k, ((line, text), key) in enumerate(zip(lines, keys, strict=True)):
        filled += bool(text or line.text.strip())
        if key in running:
            following = _next_text(lines, k)
            if key in seen or filled > _HEAD_LINES:
                if (found := DATE_RE.match(following)) and found.end() == len(following) and ORG_LINE.match(key):
                    out.append(line)  # the department's name over the date it signs with: the signature, not a header
                continue  # (first seen at the top of page 2, in the middle of a sentence: not the title)
            seen.add(key)
            if _SITE_HEADER.search(key):
                continue  # the site's name over each page (…门户网站·法定主动公开内容): never the title, even first
            if following != key and following.startswith(key):
                continue  # a header the title below it begins with (the department's name): the title says it
        out.append(line)
    return out


def _next_text(lines: list[tuple[SourceLine, str]], k: int) -> str:
    """The text after line `k`, without spaces: the next line's that is neither empty nor a page number (a text layer
    may put the footer, - 1 -, right after the header). Walked by index: no copy of the lines after it."""
    for j in range(k + 1, len(lines)):
        compact = "".join(lines[j][1].split())
        if compact and not _PAGE_MARK.fullmatch(compact):
            return compact
    return ""


def _key(normalised: str) -> str:
    text = "".join(normalised.split())
    if len(text) < 4 or len(text) > 40 or _HEADING.match(text):
        return ""
    if not _HAN.search(text):
        return ""  # numbers, dates and punctuation repeat for other reasons
    return text
