"""Checks the table of lunar-dated statutory holidays and 清明 in src/workdays/statutory.rs
(years after the holiday notices) against two separately maintained PyPI packages: `lunardate`
(Chinese lunar calendar: 正月初一, 五月初五 端午, 八月十五 中秋) and `chinesecalendar` (its table
of solar terms: 清明).

Prints the number of rows checked and every mismatch; exits 1 on a mismatch or when the table
cannot be read. Installs nothing: run `pip install lunardate chinesecalendar` first.
"""

import datetime
import pathlib
import re
import sys

import chinese_calendar
import lunardate

TABLE = pathlib.Path(__file__).resolve().parents[2] / "src" / "workdays" / "statutory.rs"
ROW = re.compile(r"^\s*\((\d{4}), \[(\d+), (\d+), (\d+), (\d+)\]\),\s*$")


def solar(year, mmdd):
    return datetime.date(year, mmdd // 100, mmdd % 100)


def main():
    rows = [ROW.match(line) for line in TABLE.read_text(encoding="utf-8").splitlines()]
    rows = [tuple(int(g) for g in r.groups()) for r in rows if r]
    if not rows or [r[0] for r in rows] != list(range(rows[0][0], rows[0][0] + len(rows))):
        print(f"{TABLE}: no table rows, or years not consecutive")
        return 1
    mismatches = []
    for year, new_year, qingming, duanwu, zhongqiu in rows:
        for name, ours, lunar_month, lunar_day in (
            ("正月初一", new_year, 1, 1),
            ("端午", duanwu, 5, 5),
            ("中秋", zhongqiu, 8, 15),
        ):
            theirs = lunardate.LunarDate(year, lunar_month, lunar_day).to_solar_date()
            if solar(year, ours) != theirs:
                mismatches.append(f"{year} {name}: ours {solar(year, ours)}, lunardate {theirs}")
        terms = chinese_calendar.get_solar_terms(datetime.date(year, 4, 1), datetime.date(year, 4, 30))
        theirs = [d for d, name in terms if name == "清明"]
        if theirs != [solar(year, qingming)]:
            mismatches.append(f"{year} 清明: ours {solar(year, qingming)}, chinesecalendar {theirs}")
    print(f"lunardate {getattr(lunardate, '__version__', '?')}, chinesecalendar "
          f"{chinese_calendar.__version__}: checked {len(rows)} years {rows[0][0]}-{rows[-1][0]}")
    for m in mismatches:
        print(f"  MISMATCH {m}")
    print(f"{len(mismatches)} mismatches")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
