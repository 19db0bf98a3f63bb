"""Checks the settlement deadlines (第四条 3 with 民法典 第二百零一、二百零三条) that the built
module gives every work month 2007-01 to 2026-09 against dates worked out here from the PyPI
package chinesecalendar (a separately maintained transcription of the holiday notices).

The rule, written again here without the module's code: the report is due on day `report_day`
of month M + `lag_months` (the month's last day when shorter); each later step is counted from
the one before, in calendar days (the day + n) or working days (n working days, counting from the
next day); in both, a last day that is not a working day moves to the next working day (调休
working weekend days are working days). With the default terms every month up to 2026-09 keeps
its dates inside the package's data; with longer counts the few months whose dates would leave it
are skipped (and counted).

Prints the number of dates compared and every mismatch; exits 1 on a mismatch. Needs the module
built (pkg/) and node; installs nothing: run `pip install chinesecalendar` first.
"""

import calendar
import datetime
import json
import pathlib
import subprocess
import sys

import chinese_calendar

HERE = pathlib.Path(__file__).resolve().parent
DAY = datetime.timedelta(days=1)
MONTHS = [(y, m) for y in range(2007, 2027) for m in range(1, 13) if (y, m) <= (2026, 9)]

# (label, settlement terms): the defaults, and settings that land on other days.
VARIANTS = [
    ("defaults", {}),
    ("working days", {"day_count": "working"}),
    ("report day 1", {"report_day": 1}),
    ("report day 31, confirm 7, invoice 3, payment 30",
     {"report_day": 31, "confirm_days": 7, "invoice_days": 3, "payment_days": 30}),
    ("lag 1, report day 15, working days", {"lag_months": 1, "report_day": 15, "day_count": "working"}),
]


def roll(day):
    """The day itself when a working day, else the next working day (第二百零三条)."""
    while not chinese_calendar.is_workday(day):
        day += DAY
    return day


def after(day, n, working):
    if not working:
        return roll(day + n * DAY)
    if n == 0:
        return roll(day)
    while n > 0:
        day += DAY
        if chinese_calendar.is_workday(day):
            n -= 1
    return day


def expected(year, month, terms):
    t = {"report_day": 5, "lag_months": 2, "confirm_days": 5, "invoice_days": 0,
         "payment_days": 15, "day_count": "calendar", **terms}
    working = t["day_count"] == "working"
    index = year * 12 + month - 1 + t["lag_months"]
    y, m = divmod(index, 12)
    m += 1
    due = datetime.date(y, m, min(t["report_day"], calendar.monthrange(y, m)[1]))
    report = after(due, 0, working)
    confirm = after(report, t["confirm_days"], working)
    invoice = after(confirm, t["invoice_days"], working)
    payment = after(invoice, t["payment_days"], working)
    return [d.isoformat() for d in (report, confirm, invoice, payment)]


def main():
    scenarios = [
        {
            "terms": {"unit_price": "1", "target_rate": "0", "penalty_per_unit": "0",
                      "settlement": terms},
            "months": [{"month": f"{y:04}-{m:02}", "volume": 0, "successes": 0} for y, m in MONTHS],
        }
        for _, terms in VARIANTS
    ]
    run = subprocess.run(["node", str(HERE / "schedules.mjs")], input=json.dumps(scenarios),
                         capture_output=True, text=True, check=False)
    if run.returncode != 0:
        print(run.stderr)
        return 1
    results = json.loads(run.stdout)
    compared = 0
    skipped = 0
    mismatches = []
    for (label, terms), months in zip(VARIANTS, results):
        for (y, m), got in zip(MONTHS, months, strict=True):
            ours = [got["report_due"], got["confirm_by"], got["invoice_by"], got["payment_due"]]
            try:
                want = expected(y, m, terms)
            except NotImplementedError:  # a date after the package's last year
                if not terms:
                    mismatches.append((label, got["month"], ours, "beyond the package's data"))
                skipped += 1
                continue
            compared += 4
            if ours != want:
                mismatches.append((label, got["month"], ours, want))
    print(f"chinesecalendar {chinese_calendar.__version__}: compared {compared} deadlines of "
          f"{len(MONTHS)} work months ({MONTHS[0][0]}-{MONTHS[0][1]:02} to "
          f"{MONTHS[-1][0]}-{MONTHS[-1][1]:02}) in {len(VARIANTS)} settings; "
          f"{skipped} month(s) skipped (dates after the package's data)")
    for label, month, ours, want in mismatches:
        print(f"  MISMATCH {label} {month}: ours {ours}, package {want}")
    print(f"{len(mismatches)} mismatches")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
