"""Compares data/cn-workdays.txt with the PyPI package chinesecalendar, day by day.

For every date in the file's `covers` range, our decision (working day or not) must equal
chinese_calendar.is_workday(date). Prints the count of dates compared and every mismatch;
exits 1 on a mismatch or a malformed data file. Installs nothing: run
`pip install chinesecalendar` first.
"""

import datetime
import pathlib
import sys

import chinese_calendar

DATA = pathlib.Path(__file__).resolve().parents[2] / "data" / "cn-workdays.txt"

# Dates where the package disagrees with the notice text, each with the reason. Empty: none
# found so far.
KNOWN_EXCEPTIONS: dict[datetime.date, str] = {}


def parse_day(token):
    """A date, or an inclusive range A..B, as a list of dates."""
    first, _, last = token.partition("..")
    start = datetime.date.fromisoformat(first)
    end = datetime.date.fromisoformat(last) if last else start
    if end < start:
        raise ValueError(f"range runs backwards: {token}")
    return [start + datetime.timedelta(days=i) for i in range((end - start).days + 1)]


def parse(text):
    """(first, last, {date: True for a working day, False for a day off}) from the file."""
    covers = None
    marks = {}
    in_notice = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        words = line.split()
        where = f"line {number}"
        if covers is None:
            if words[0] != "covers" or len(words) != 3:
                raise ValueError(f"{where}: the first statement must be `covers FIRST LAST`")
            covers = tuple(datetime.date.fromisoformat(w) for w in words[1:])
            continue
        if words[0] == "notice":
            if len(words) < 2:
                raise ValueError(f"{where}: a notice names its source")
            in_notice = True
            continue
        if not in_notice:
            raise ValueError(f"{where}: a holiday line before any notice")
        if len(words) < 3 or words[1] != "off":
            raise ValueError(f"{where}: expected `NAME off DAY... [work DAY...]`")
        working = False
        for word in words[2:]:
            if word == "work" and not working:
                working = True
                continue
            for day in parse_day(word):
                if not covers[0] <= day <= covers[1]:
                    raise ValueError(f"{where}: {day} is outside the covered range")
                if working and day.weekday() < 5:
                    raise ValueError(f"{where}: make-up working day {day} is not a weekend day")
                marks[day] = working
    if covers is None:
        raise ValueError("no `covers` line")
    return covers[0], covers[1], marks


def ours(day, marks):
    return marks.get(day, day.weekday() < 5)


def main():
    try:
        first, last, marks = parse(DATA.read_text(encoding="utf-8"))
    except ValueError as error:
        print(f"{DATA}: {error}")
        return 1
    compared = 0
    mismatches = []
    excepted = []
    day = first
    while day <= last:
        mine, theirs = ours(day, marks), chinese_calendar.is_workday(day)
        compared += 1
        if mine != theirs:
            (excepted if day in KNOWN_EXCEPTIONS else mismatches).append((day, mine, theirs))
        day += datetime.timedelta(days=1)
    print(
        f"chinesecalendar {chinese_calendar.__version__}: compared {compared} dates "
        f"from {first} to {last}"
    )
    for day, mine, theirs in excepted:
        print(f"  known exception {day}: {KNOWN_EXCEPTIONS[day]}")
    for day, mine, theirs in mismatches:
        word = {True: "working", False: "day off"}
        print(f"  MISMATCH {day} ({day:%a}): ours {word[mine]}, package {word[theirs]}")
    print(f"{len(mismatches)} mismatches, {len(excepted)} known exceptions")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
