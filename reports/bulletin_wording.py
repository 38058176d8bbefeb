"""The fixed Chinese wording of the monthly bulletin (实地测评通报).

Every heading, label and sentence the bulletin prints that is not data lives
here, so the wording can be reviewed (and changed at the office's request) in
one place, as :mod:`reports.wording` does for the notice. Patterns use
``str.format`` named fields; the helpers below turn rates, changes and rule
hits into the words the tables print. Nothing here knows the store or ReportLab.
"""

from __future__ import annotations

from model.office.negative_list import Effect, Hit
from reports.wording import EMPTY, LIST_SEPARATOR, NUMERALS

# --- PDF document information and page furniture ---------------------------------------------
TITLE = "{place}创建全国文明城市{period}实地测评通报"
SUBJECT = "CivicAudit bulletin"
KEYWORDS = "civicaudit-bulletin;period={period}"
CAMPAIGN = "创建全国文明城市"  # what an issuer's name says after its place, if it says it
MADE_AT = "生成时间：{time}"
FILE_NAME = "实地测评通报-{period}.pdf"  # when the output given is a folder

# --- sections --------------------------------------------------------------------------------
SECTION = "{numeral}、{heading}"
HEADING_OVERALL = "总体情况"
HEADING_DISTRICTS = "各区县测评情况"
HEADING_UNITS = "各责任单位测评情况"
HEADING_CATEGORIES = "各测评类别情况"
HEADING_SITE_TYPES = "各类点位测评情况"
HEADING_WEAKEST = "问题较集中的测评内容"
HEADING_PROBLEMS = "问题整改情况"
HEADING_EXPOSURE = "曝光台：逾期未整改问题"

# --- the opening and the summary ---------------------------------------------------------------
OPENING = ("根据全国文明城市测评体系有关要求，{issuer}于{period}组织开展了实地测评。"
           "现将测评情况通报如下：")
SPAN = {True: "本月", False: "本期"}            # a period of one month / of several
PREVIOUS_SPAN = {True: "上月", False: "上期"}
SUMMARY = ("{span}共测评点位{sites}个、检查{inspections}次，发现问题{problems}处，"
           "得分率{score}，符合率{passed}，{change}。")
CHANGE_UP = "较{before}提高{points}个百分点"
CHANGE_DOWN = "较{before}下降{points}个百分点"
CHANGE_SAME = "与{before}持平"
CHANGE_NONE = "无法与{before}比较"  # either period had nothing applicable
DISTRICT_EXTREMES = "各区县中，{best}得分率最高（{best_rate}），{last}列末位（{last_rate}）。"
NOTICES = ("{span}签发整改通知书交办问题{found}处，已整改销号{fixed}处，正在整改{open}处，"
           "其中逾期未整改{overdue}处。")
NO_NOTICES = "{span}未签发整改通知书。"
NEGATIVE_LIST_NOTE = "{count}个区县、责任单位因负面清单问题被调整得分，见下表“负面清单”一栏。"
EMPTY_PERIOD = ("{period}没有已完成的实地测评检查记录，本期无测评数据，"
                "不作得分统计和排名通报。")
EMPTY_OVERDUE = "截至{date}，仍有{count}处问题逾期未整改，请有关责任单位抓紧整改。"

# --- charts ------------------------------------------------------------------------------------
CHART_DISTRICTS = "图{number}　各区县得分率（已计负面清单；红色为末位）"
CHART_DISTRICTS_PART = ("图{number}　得分率前{half}位和后{half}位的区县（共{count}个区县参加排名，"
                        "全部见下表；已计负面清单；红色为末位）")
CHART_TREND = "图{number}　近{months}个月得分率、符合率走势"
LEGEND_SCORE = "得分率"
LEGEND_PASS = "符合率"
NO_DATA = "未测评"
MONTH_SHORT = "{month}月"
MONTH_LONG = "{year}年{month}月"

# --- tables --------------------------------------------------------------------------------------
STANDING_HEADER = ("排名", "{what}", "得分率", "符合率", "较上期", "负面清单")
DISTRICT = "区县"
UNIT = "责任单位"
NO_DISTRICT = "（未登记区县）"  # sites registered without a district
NO_UNIT = "（未登记责任单位）"
_ALL_UNITS = "全部责任单位的排名见同期数据工作簿（“创城巡检数据”）的“责任单位排名”表。"
UNITS_SUMMARISED = ("本期共有{count}个责任单位，其中{ranked}个参加排名。下表列出排名前{top}位"
                    "和后{bottom}位的责任单位（列末位者均在其中）；" + _ALL_UNITS)
UNITS_RANKED_SHOWN = "本期共有{count}个责任单位，下表列出参加排名的{ranked}个；" + _ALL_UNITS
UNITS_LEFT_OUT = "…… 以下略去{count}个责任单位（第{first}—{last}名），见工作簿“责任单位排名”表 ……"
GROUP_HEADER = ("排名", "{what}", "得分率", "符合率", "较上期", "检查项次", "问题数")
CATEGORY = "测评类别"
SITE_TYPE = "点位类型"
WEAKEST_HEADER = ("序号", "测评内容", "不达标/检查项次", "不达标率", "问题数")
PROBLEM_HEADER = ("交办问题", "已整改销号", "正在整改", "其中逾期")
LAST_MARK = "末位"
RANK_UP = "升{places}位"
RANK_DOWN = "降{places}位"
RANK_SAME = "排名持平"
RANK_NEW = "上期无排名"
RANK_NONE = "本期无排名"  # nothing applicable was checked
HIT = "{code} {name}（{failed}次，{effect}）"
EFFECT = {Effect.ZERO: "得分率计为0", Effect.CAP: "得分率不超过{value}",
          Effect.DEDUCT: "扣减{points}个百分点"}
STANDING_NOTE = ("注：得分率已按负面清单调整；“较上期”为调整后得分率之差（百分点）及排名变化；"
                 "得分率相同者并列；末位以粗体标出。")
GROUP_NOTE = "注：“较上期”为得分率之差（百分点）；问题数按问题处数计。"
OUT_OF = "{failed}/{applicable}"

# --- the exposure list (曝光台) ------------------------------------------------------------------
EXPOSURE_INTRO = ("截至{date}，共有{count}处问题超过整改时限仍未整改到位，现予曝光，"
                  "请有关责任单位立即整改，并将整改情况报送{issuer}。")
EXPOSURE_NONE = "截至{date}，没有逾期未整改的问题。"
EXPOSURE_WITH_PHOTOS = "以下为逾期时间最长的{shown}处问题，附现场照片；其余{rest}处列于其后。"
EXPOSURE_REST = "其余逾期未整改问题（不附照片）："
EXPOSURE_CUT = "另有{more}处逾期问题未列出，详见整改台账。"
EXPOSURE_REST_HEADER = ("序号", "通知书编号", "责任单位", "点位", "测评内容", "整改时限", "逾期")
ITEM_HEADING = "{index}．{unit}"
ITEM_NUMBER = "通知书编号"
ITEM_SITE = "点位"
ITEM_CRITERION = "测评内容"
ITEM_LOCATION = "问题位置"
ITEM_DESCRIPTION = "问题描述"
ITEM_DEADLINE = "整改时限"
DAYS_OVERDUE = "逾期{days}天"
SITE_LINE = "{name}（{code}）"
SITE_DELETED = "（点位已从点位名录中删除）"
NO_PHOTO = "无现场照片"
PHOTO_MISSING = "照片缺失"


# --- values as printed ----------------------------------------------------------------------------


def place_of(issuer: str) -> str:
    """The place an issuer's name starts with: "太原市" of "太原市创建全国文明城市指挥部办公室".

    The title names the campaign itself, so a name without the campaign in it
    (or with nothing before it) gives no place rather than a doubled title.
    """
    place, found, _rest = issuer.strip().partition(CAMPAIGN)
    return place if found else ""


def title_lines(title: str) -> str:
    """The title as printed: broken after the campaign's name, as official titles are set
    ("太原市创建全国文明城市" over "2026年11月实地测评通报")."""
    return title.replace(CAMPAIGN, CAMPAIGN + "\n", 1)


def section(index: int, heading: str) -> str:
    """"三、各责任单位测评情况" for the third section (``index`` counts from 0)."""
    return SECTION.format(numeral=NUMERALS[index], heading=heading)


def percent(rate: float | None) -> str:
    """A rate as "96.6%"; "—" when nothing applicable was checked."""
    return EMPTY if rate is None else f"{rate * 100:.1f}%"


def points(change: float | None) -> str:
    """A change of a rate in percentage points, signed: "+1.2", "-0.8", "0.0"; "—" if unknown."""
    if change is None:
        return EMPTY
    value = round(change * 100, 1)
    return f"{value:+.1f}" if value else "0.0"


def rank_change(rank: int | None, previous_rank: int | None) -> str:
    """Places gained or lost since the previous period, in words."""
    if rank is None:
        return RANK_NONE
    if previous_rank is None:
        return RANK_NEW
    places = previous_rank - rank
    if places == 0:
        return RANK_SAME
    return (RANK_UP if places > 0 else RANK_DOWN).format(places=abs(places))


def change_sentence(now: float | None, before: float | None, one_month: bool) -> str:
    """"较上月提高1.2个百分点" (or 下降, 持平, or that there is nothing to compare with)."""
    word = PREVIOUS_SPAN[one_month]
    if now is None or before is None:
        return CHANGE_NONE.format(before=word)
    delta = round((now - before) * 100, 1)
    if not delta:
        return CHANGE_SAME.format(before=word)
    pattern = CHANGE_UP if delta > 0 else CHANGE_DOWN
    return pattern.format(before=word, points=f"{abs(delta):.1f}")


def hit(found: Hit) -> str:
    """One negative-list hit as a reason: rule, how often, and what it did to the score."""
    rule = found.rule
    effect = EFFECT[rule.effect].format(value=f"{rule.value * 100:g}%",
                                        points=f"{rule.value * 100:g}")
    return HIT.format(code=rule.code, name=rule.name, failed=found.failed, effect=effect)


def hits(found: tuple[Hit, ...]) -> str:
    """All hits of a group, one a line; "—" for none."""
    return "\n".join(hit(h) for h in found) or EMPTY


def names(labels: list[str]) -> str:
    """Names joined with "、"."""
    return LIST_SEPARATOR.join(labels)


def month_label(month: str, with_year: bool) -> str:
    """A chart's month: "11月", or "2026年1月" where the year should be said."""
    year, number = month.split("-")
    pattern = MONTH_LONG if with_year else MONTH_SHORT
    return pattern.format(year=year, month=int(number))


def fail_share(failed: int, applicable: int) -> str:
    """Failed checks as a share of applicable ones ("—" when none applied)."""
    return percent(failed / applicable) if applicable else EMPTY
