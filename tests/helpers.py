"""Small builders shared by tests: CSV files and a populated store."""

from __future__ import annotations

from pathlib import Path

SITE_HEADER = "点位编号,点位名称,点位类型,区县,街道,地址,责任单位,负责人,联系电话,纬度,经度"


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8-sig") -> Path:
    """Write lines as a CSV file in the given encoding and return its path."""
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def site_line(code: str, name: str = "测试点位", site_type: str = "ZCGD",
              district: str = "迎泽区", sub_district: str = "柳巷街道",
              unit: str = "迎泽区城市管理局", gps: str = "37.86,112.56") -> str:
    """Return one site CSV line with sensible defaults."""
    return (f"{code},{name},{site_type},{district},{sub_district},地址1号,{unit},张三,"
            f"13900000000,{gps}")


def sites_csv(tmp_path: Path, lines: list[str], name: str = "sites.csv") -> Path:
    """Write a site CSV with the standard header."""
    return write_csv(tmp_path / name, [SITE_HEADER, *lines])
