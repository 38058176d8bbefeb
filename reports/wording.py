"""The fixed Chinese wording of the rectification notice (整改通知书).

Every label, heading and sentence the notice prints that is not data lives here, so the wording
can be reviewed (and changed by the office's request) in one place. Patterns use ``str.format``
named fields. The words an office sets itself (issuer, clauses, 抄送) come from the letterhead.
"""

from __future__ import annotations

EMPTY = "—"  # printed for a value that was left empty
NOT_INSPECTED = "本期未检查"  # a group without a finished inspection in the period
LIST_SEPARATOR = "、"
NUMERALS = "一二三四五六七八九十"  # section numbers: 一、二、…

# --- PDF document information ----------------------------------------------------------------
DEFAULT_TITLE = "整改通知书"
INFO_TITLE = "{title} {number}"

# --- page furniture --------------------------------------------------------------------------
FOOTER_PAGES = "第 {page} 页 共 {pages} 页"
FINGERPRINT = "文档指纹 {short}"
HEADER_CONTINUED = "{title}（续）"

# --- head and addressee ----------------------------------------------------------------------
NUMBER = "编号：{number}"
UNIT = "责任单位"
PERSON = "负责人"
PHONE = "联系电话"
OPENING = "经督导检查，你单位存在以下问题，现通知如下："

# --- sections ----------------------------------------------------------------------------------
SECTION = "{numeral}、{heading}"
HEADING_CONTEXT = "检查情况"
HEADING_PROBLEMS = "存在问题及整改要求"
HEADING_PHOTOS = "现场照片"
HEADING_DEADLINE = "整改时限及复查"
HEADING_CLAUSES = "有关要求"

BASIS = "检查依据"
BASIS_CODES = "{basis}，测评内容编号：{codes}"
INSPECTED_ON = "检查时间"
SITE = "检查点位"
SITE_TYPE = "点位类型"
AREA = "所在区域"
ADDRESS = "点位地址"
INSPECTORS = "检查人员"

TABLE_HEADER = ("序号", "位置", "测评内容（编号）", "问题描述", "整改要求")
PHOTO_COUNT = "（附图 {count} 张）"
PHOTO_LABEL = "问题{problem} 图{photo}"

DEADLINE = "整改时限"
REINSPECT_ON = "复查时间"
CLAUSE = "{index}. {text}"
COPIES_TO = "抄送："

# --- signatures and receipt ------------------------------------------------------------------
INSPECTOR_SIGNATURE = "检查人员（签名）："
SIGNED_ON = "日期："
SEAL = "（盖章）"
RECEIPT_HEADING = "签收栏"
RECEIPT_SIGNER = "签收人（签名）："
RECEIPT_SIGNED_ON = "签收日期："
RECEIPT_REFUSED = "拒绝签收（已记录）"

# --- the detachable reply slip (回执) --------------------------------------------------------
CUT_LINE = "✂ 沿此线剪下"
CUT_LINE_PLAIN = "沿此线剪下"  # when the font has no scissors glyph
SLIP_TITLE = "回　执"
SLIP_NUMBER = "通知书编号"
SLIP_UNIT = "责任单位"
SLIP_MEASURES = "整改措施"
SLIP_MEASURES_HINT = "（请按问题序号逐条填写，不够可附页）"
SLIP_DONE_ON = "完成日期"
SLIP_PHOTOS = "整改后照片"
SLIP_PHOTOS_ATTACHED = "（附后）"
SLIP_SEAL = "单位盖章"
SLIP_PERSON = "负责人签字"
SLIP_DATE = "日期"
DATE_BLANK = "　　　　年　　月　　日"
SLIP_RETURN = "请于整改完成后将本回执连同整改后照片报送检查单位。"

# --- cover list (清单) -----------------------------------------------------------------------
COVER_TITLE = "整改通知书清单"
COVER_SUBJECT = "CivicAudit notice cover list"
COVER_PRINTED_ON = "打印日期：{date}"
COVER_TOTAL = "共 {count} 份"
COVER_HEADER = ("序号", "通知书编号", "点位", "责任单位", "整改时限", "状态")
COVER_STATUS = {"issued": "已下发", "received": "已签收", "replied": "已回复",
                "reinspected": "复查未通过", "escalated": "已通报曝光", "closed": "已销号"}


# --- values the notice desk formats (dates in the office's time zone) ----------------------
SIGN_REASON = "整改通知书 {number}"
SIGN_REASON_REINSPECTION = "复查记录 {number}"
REQUIREMENT = "对照“{criterion}”的要求立即整改到位，并举一反三、建立长效管理机制。"
PRESET_WORDS = {"24h": "24小时内，立行立改", "3wd": "3个工作日", "7d": "7日", "15d": "15日"}
DEADLINE_TEXT = "{due}前（{preset}）"
DATE = "{year}年{month}月{day}日"
BEIJING_ZONES = ("Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "PRC")
DATE_TIME = "{date} {hour:02d}:{minute:02d}"


def default_requirement(criterion_text: str) -> str:
    """The requirement a problem gets unless the auditor writes one."""
    return REQUIREMENT.format(criterion=criterion_text.rstrip("。；;. "))


def basis(edition_name: str) -> str:
    """The basis line: the checklist edition, in book-title marks."""
    name = edition_name.strip("《》")
    return f"《{name}》"


def _local(iso_text: str):
    """An ISO time in the office's zone; a bare date (or naive time) stays as written."""
    from model.store import clock
    return clock.office_moment(iso_text)


def zone_name() -> str:
    """The office's time zone as printed: "北京时间" for China's zone, else its IANA name."""
    from model.store import clock
    key = clock.zone().key
    return "北京时间" if key in BEIJING_ZONES else key


def date(iso_text: str) -> str:
    """"2026年11月26日" from an ISO date or time; "" stays "" (printed as a dash)."""
    if not iso_text:
        return ""
    day = _local(iso_text)
    return DATE.format(year=day.year, month=day.month, day=day.day)


def date_time(iso_text: str) -> str:
    """"2026年11月26日 10:40" from an ISO time."""
    moment = _local(iso_text)
    return DATE_TIME.format(date=date(iso_text), hour=moment.hour, minute=moment.minute)


def deadline(due_iso: str, preset: str) -> str:
    """"2026年12月1日 23:59前（3个工作日）"; a custom date has no preset words."""
    if not due_iso:
        return ""
    due = date_time(due_iso)
    words = PRESET_WORDS.get(preset)
    return DEADLINE_TEXT.format(due=due, preset=words) if words else f"{due}前"


# --- re-inspection record (复查记录) ---------------------------------------------------------
REINSPECTION_TITLE = "复查记录"
ORIGINAL_NUMBER = "原通知书编号：{number}"
HEADING_REINSPECTION = "复查情况"
HEADING_COMPARISON = "整改前后对照"
NOTICE_ISSUED_ON = "通知日期"
REINSPECTOR = "复查人员"
RESULT = "复查结果"
RESULT_NOTE = "复查说明"
OUTCOME = {"fixed": "已整改", "partly": "部分整改", "not_fixed": "未整改"}
ITEM_HEADING = "问题{index}　{code} {criterion}"
ITEM_LOCATION = "位置"
ITEM_DESCRIPTION = "问题描述"
BEFORE_AFTER = ("整改前", "整改后")
NO_PHOTO = "（无照片）"
CONCLUSION_HEADING = "复查意见"
CONCLUSION = {
    "fixed": "经复查，上述问题已整改到位，予以销号。",
    "partly": "经复查，上述问题部分整改，尚未全部整改到位。请你单位对照原通知书要求，"
              "对未整改到位的问题立即继续整改，整改完成后报检查单位再次复查。",
    "not_fixed": "经复查，上述问题逾期未整改。请你单位立即整改到位，整改完成后报检查单位"
                 "再次复查；仍不整改的，将按有关规定予以通报。",
}
REINSPECTOR_SIGNATURE = "复查人员（签名）："
