"""Derive the shipped checklist edition from the shared research reference.

CivicAudit ships one checklist edition, ``resources/checklists/national-ref.json``
(format ``civicaudit-checklist/1``).  It is *derived* from the research file
``../shared/reference/checklist_reference.json`` (30 site types, 331 criteria,
see ``manual.md`` sections a.2, b, c and d) so that it can be regenerated
whenever the reference changes.  This script:

* codes the 11 first-level indicator groups (一级指标) C01..C11 in the order of
  the 2015 edition (two indicator groups, the eight environments, then the
  creation-mechanism group);
* copies the site types and criteria, keeping the reference's codes, texts,
  method, severity and basis, and replacing ``category_zh`` by the category
  code;
* assigns each criterion a default rectification-deadline preset by the
  transparent keyword rules in ``DEADLINE_RULES`` (first match wins, with a
  fallback by severity);
* validates the result and writes it pretty-printed (UTF-8, ``indent=1``,
  reference order, LF line endings) so that re-running it is byte-identical.

Usage (from the repository root)::

    python tools/derive_checklist.py [--reference PATH] [--output PATH]

Stdlib only.  Exits non-zero with a message on any validation error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = (
    REPO_ROOT / ".." / "shared" / "reference" / "checklist_reference.json"
)
DEFAULT_OUTPUT = REPO_ROOT / "resources" / "checklists" / "national-ref.json"

FORMAT = "civicaudit-checklist/1"
NAME = "全国文明城市测评 实地考察点位标准（参考版）"
NAME_EN = (
    "National Civilized City assessment — field-inspection criteria (reference edition)"
)
EDITION = "ref-2026.1"
NOTE = (
    "条目文本系根据公开资料转述整理，官方操作手册未公开发布，请替换为本办的正式版本。"
    " Texts are paraphrases of public sources because the official manual is not public;"
    " replace this edition with your office's own."
)

EXPECTED_SITE_TYPES = 30

# (category_zh, name_en, group) in the order of the 2015 一级指标 (manual.md a.2).
CATEGORIES = (
    ("社会主义核心价值观建设", "Building the core socialist values", "indicator"),
    ("培育文明道德风尚", "Fostering civic virtue and good social mores", "indicator"),
    ("廉洁高效的政务环境", "Clean and efficient government environment", "environment"),
    ("公平正义的法治环境", "Fair and just rule-of-law environment", "environment"),
    ("诚信守法的市场环境", "Honest and law-abiding market environment", "environment"),
    ("健康向上的人文环境", "Healthy and uplifting cultural environment", "environment"),
    (
        "促进青少年健康成长的社会文化环境",
        "Social and cultural environment for the healthy growth of young people",
        "environment",
    ),
    ("和谐宜居的生活环境", "Harmonious and liveable living environment", "environment"),
    ("安全稳定的社会环境", "Safe and stable social environment", "environment"),
    (
        "有利于可持续发展的生态环境",
        "Ecological environment for sustainable development",
        "environment",
    ),
    (
        "长效常态的创建工作机制",
        "Long-term working mechanism for the creation campaign",
        "indicator",
    ),
)

METHODS = ("observe", "ask", "document")
SEVERITIES = ("major", "minor")
BASES = ("sourced", "adapted", "inferred")
DEADLINES = ("24h", "3wd", "7d", "15d")

# Default rectification-deadline presets.  Each rule is (preset, keywords);
# the rules are tried in order against ``text_zh`` and the first rule with a
# keyword contained in the text wins.  Presets:
#   24h  立行立改 — fixed at once: litter, clutter, illegal trading/parking,
#        smoking, spitting, small-ad removal, cleaning, blocked exits.
#   3wd  3 working days — signs, notices, posters, ad content, displays,
#        documents/records, staff and public conduct (guides, queues).
#   7d   7 days — facilities or equipment to add, ads to install,
#        certificates to obtain, organisational measures.
#   15d  15 days — repairs and works: roads, pavements, lights, buildings,
#        greening, drainage, construction, closure or relocation of premises.
# fmt: off
DEADLINE_RULES = (
    # Ad and sign *content* defects are corrected by reprinting, before any
    # "damage" or "cleaning" keyword can claim them.
    ("3wd", ("错别字", "错字", "褪色", "内容无误", "信息准确", "更新", "宣传栏")),
    # Safety obstructions: fire law orders blocked exits cleared on the spot.
    ("24h", ("通道畅通", "出口畅通", "堵塞", "飞线充电", "安全帽")),
    # Illegal practices that must stop at once.
    ("24h", ("过期", "变质", "伪劣", "三无", "不良广告", "未成年人上网", "实名登记",
             "拉客", "免费开放", "不收取")),
    # Litter, clutter, trading, parking, smoking, spitting, small ads, cleaning.
    ("24h", ("垃圾", "烟头", "烟蒂", "痰", "杂物", "乱堆", "堆放", "堆积", "堆物",
             "占道", "店外", "出店", "溢摊", "摊贩", "摊点", "游商", "停放", "停车", "违停",
             "吸烟", "禁烟", "小广告", "乱张贴", "乱贴", "乱涂", "涂写", "散发", "乱摆",
             "横幅", "干净", "整洁", "清洁", "卫生死角", "异味", "积尘", "积灰", "污物",
             "清运", "晾晒", "乱扔", "粪便", "露天烧烤", "油烟", "漂浮", "裸土", "扬尘")),
    # Closure or relocation of premises near schools.
    ("15d", ("200米内", "200米范围内", "娱乐场所", "非法行医")),
    # Public-service ads short of the required number or share: install more.
    ("7d", ("不少于", "数量", "比例", "景观小品")),
    # Facilities and equipment to add or replace; organisational measures.
    ("7d", ("无障碍", "母婴室", "专座", "便民设施", "第三卫生间", "公平秤", "监控", "救生",
            "灭火器", "器材", "消防设施", "物防", "防蝇", "冲洗设施", "充电设施", "井盖",
            "线缆", "乱拉", "牢固", "平台", "实践站", "实践所", "文化站", "志愿服务站",
            "志愿服务岗", "服务站点", "活动场所", "工作场地", "家长学校", "家长委员会", "机制",
            "专人", "健康证", "消毒", "资格审查", "知晓", "熟知", "接通", "等候", "课时")),
    # Repairs and works.
    ("15d", ("路面", "平整", "坑洼", "硬化", "路灯", "亮灯率", "排水", "污水", "黑臭",
             "脱落", "私搭乱建", "搭建", "残垣断壁", "绿化带", "绿地", "黄土裸露", "步道",
             "缺口", "标线", "古建筑", "改装", "建有公共厕所")),
    # Signs, notices, displays, documents and records; staff and public conduct.
    ("3wd", ("标识", "标志", "标牌", "提示", "警示牌", "指示牌", "公示", "公布", "公开",
             "展示", "宣传", "公益广告", "主题", "公约", "守则", "挂牌", "亮证", "证照", "执照",
             "记录", "资料", "档案", "名单", "预案", "着装", "文明用语", "文明服务",
             "规范服务", "门难进", "报站", "提醒", "公筷", "一米线", "排队", "插队", "喧哗",
             "争吵", "闯红灯", "乱穿", "劝导", "志愿者", "让座", "礼让", "头盔", "乞讨",
             "垂钓")),
    # Anything else that is to be set up or provided.
    ("7d", ("设施", "设备", "配置", "配备", "设有", "设置", "建有", "开展", "开放", "措施",
            "制度")),
)
# fmt: on
SEVERITY_FALLBACK = {"major": "3wd", "minor": "7d"}


class ChecklistError(Exception):
    """Raised when the reference or the derived checklist is not valid."""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line (``--reference`` and ``--output``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--reference",
        type=Path,
        default=DEFAULT_REFERENCE,
        help="research reference JSON (default: ../shared/reference/checklist_reference.json)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="checklist file to write (default: resources/checklists/national-ref.json)",
    )
    return parser.parse_args(argv)


def load_reference(path: Path) -> list[dict]:
    """Load the reference file: a list of site types, each with ``items``."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ChecklistError(f"reference not found: {path}") from None
    except json.JSONDecodeError as exc:
        raise ChecklistError(f"reference is not valid JSON: {path}: {exc}") from None
    if not isinstance(data, list):
        raise ChecklistError("reference must be a JSON list of site types")
    return data


def category_codes() -> dict[str, str]:
    """Map each category's Chinese name to its code C01..C11."""
    return {
        name_zh: f"C{i:02d}" for i, (name_zh, _, _) in enumerate(CATEGORIES, start=1)
    }


def build_categories(reference: list[dict]) -> list[dict]:
    """Return the category records, checking they match the reference's set."""
    used = {item["category_zh"] for site in reference for item in site["items"]}
    known = set(category_codes())
    if used != known:
        unknown = ", ".join(sorted(used - known)) or "-"
        unused = ", ".join(sorted(known - used)) or "-"
        raise ChecklistError(
            f"category mismatch: unknown [{unknown}], unused [{unused}]"
        )
    codes = category_codes()
    return [
        {"code": codes[name_zh], "name_zh": name_zh, "name_en": name_en, "group": group}
        for name_zh, name_en, group in CATEGORIES
    ]


def assign_deadline(text_zh: str, severity: str) -> str:
    """Return the deadline preset of the first matching rule, else by severity."""
    for preset, keywords in DEADLINE_RULES:
        if any(keyword in text_zh for keyword in keywords):
            return preset
    return SEVERITY_FALLBACK[severity]


def build_site_types(reference: list[dict]) -> list[dict]:
    """Return the site-type records in reference order."""
    return [
        {
            "code": site["site_type_code"],
            "name_zh": site["site_type_zh"],
            "name_en": site["site_type_en"],
            "responsible_units_zh": list(site["responsible_units_zh"]),
        }
        for site in reference
    ]


def build_criterion(site_code: str, item: dict, codes: dict[str, str]) -> dict:
    """Return one criterion record derived from a reference item."""
    return {
        "code": item["code"],
        "site_type": site_code,
        "category": codes[item["category_zh"]],
        "text_zh": item["text_zh"],
        "text_en": item["text_en"],
        "method": item["method"],
        "severity": item["severity"],
        "deadline": assign_deadline(item["text_zh"], item["severity"]),
        "basis": item["basis"],
    }


def build_criteria(reference: list[dict]) -> list[dict]:
    """Return all criteria in reference order."""
    codes = category_codes()
    return [
        build_criterion(site["site_type_code"], item, codes)
        for site in reference
        for item in site["items"]
    ]


def build_checklist(reference: list[dict]) -> dict:
    """Assemble the whole checklist document."""
    try:
        return {
            "format": FORMAT,
            "name": NAME,
            "name_en": NAME_EN,
            "edition": EDITION,
            "note": NOTE,
            "categories": build_categories(reference),
            "site_types": build_site_types(reference),
            "criteria": build_criteria(reference),
        }
    except (KeyError, TypeError) as exc:
        raise ChecklistError(
            f"reference record lacks a field or is malformed: {exc!r}"
        ) from None


def check_enum(criterion: dict, field: str, allowed: tuple[str, ...]) -> None:
    """Fail unless ``criterion[field]`` is one of ``allowed``."""
    if criterion[field] not in allowed:
        raise ChecklistError(
            f"{criterion['code']}: {field} {criterion[field]!r} not in {', '.join(allowed)}"
        )


def validate(checklist: dict) -> None:
    """Check counts, uniqueness, references and enum values of the checklist."""
    site_codes = [site["code"] for site in checklist["site_types"]]
    if len(site_codes) != EXPECTED_SITE_TYPES:
        raise ChecklistError(
            f"expected {EXPECTED_SITE_TYPES} site types, got {len(site_codes)}"
        )
    if len(set(site_codes)) != len(site_codes):
        raise ChecklistError("duplicate site-type codes")
    category_set = {category["code"] for category in checklist["categories"]}
    duplicates = [
        code
        for code, n in Counter(c["code"] for c in checklist["criteria"]).items()
        if n > 1
    ]
    if duplicates:
        raise ChecklistError(
            f"duplicate criterion codes: {', '.join(sorted(duplicates))}"
        )
    for criterion in checklist["criteria"]:
        if criterion["site_type"] not in site_codes:
            raise ChecklistError(
                f"{criterion['code']}: unknown site type {criterion['site_type']}"
            )
        if criterion["category"] not in category_set:
            raise ChecklistError(
                f"{criterion['code']}: unknown category {criterion['category']}"
            )
        if not criterion["text_zh"].strip() or not criterion["text_en"].strip():
            raise ChecklistError(f"{criterion['code']}: empty Chinese or English text")
        check_enum(criterion, "method", METHODS)
        check_enum(criterion, "severity", SEVERITIES)
        check_enum(criterion, "deadline", DEADLINES)
        check_enum(criterion, "basis", BASES)


def render(checklist: dict) -> bytes:
    """Serialise the checklist as UTF-8 JSON with a trailing newline."""
    return (json.dumps(checklist, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def summary(path: Path, checklist: dict) -> str:
    """Return the one-line summary written after a successful run."""
    counts = Counter(criterion["deadline"] for criterion in checklist["criteria"])
    presets = " ".join(f"{preset}={counts[preset]}" for preset in DEADLINES)
    return (
        f"wrote {path}: {len(checklist['categories'])} categories, "
        f"{len(checklist['site_types'])} site types, {len(checklist['criteria'])} criteria "
        f"(deadlines {presets})\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Derive, validate and write the checklist; return the exit status."""
    args = parse_args(argv)
    try:
        checklist = build_checklist(load_reference(args.reference))
        validate(checklist)
    except ChecklistError as exc:
        raise SystemExit(f"derive_checklist: error: {exc}") from None
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(render(checklist))
    sys.stdout.write(summary(args.output, checklist))
    return 0


if __name__ == "__main__":
    sys.exit(main())
