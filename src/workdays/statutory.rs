//! 全国年节及纪念日放假办法 (as amended in 2024, in force from 2025): the statutory holidays that
//! are known without the State Council's yearly notice, for the years after the notices in
//! `data/cn-workdays.txt`. Every citizen has the day off on 元旦 (1 January, 1 day), 春节 (除夕 to
//! 正月初三, 4 days), 清明节 (the day of the solar term, 1 day), 劳动节 (1 and 2 May), 端午节
//! (五月初五, 1 day), 中秋节 (八月十五, 1 day) and 国庆节 (1 to 3 October).
//!
//! What a yearly notice adds is not known in advance and is not counted: 调休 (weekend days made
//! working days, weekdays given off to bridge a holiday) and 补休 for a holiday on a weekend.
//!
//! The lunar dates and 清明 come from [`LUNAR`], a table checked by
//! `tests/calendar/check_statutory.py` against two separately maintained packages (a lunar
//! calendar and a solar-term table). Beyond the table only the Gregorian-dated holidays count.

use chrono::{Datelike, NaiveDate};

/// The Gregorian dates, for years 2027–2099, of 正月初一, 清明, 五月初五 and 八月十五, each as
/// `month × 100 + day` (206 is 6 February). 除夕 is the day before 正月初一.
#[rustfmt::skip]
const LUNAR: [(u16, [u16; 4]); 73] = [
    (2027, [206, 405, 609, 915]),
    (2028, [126, 404, 528, 1003]),
    (2029, [213, 404, 616, 922]),
    (2030, [203, 405, 605, 912]),
    (2031, [123, 405, 624, 1001]),
    (2032, [211, 404, 612, 919]),
    (2033, [131, 404, 601, 908]),
    (2034, [219, 405, 620, 927]),
    (2035, [208, 405, 610, 916]),
    (2036, [128, 404, 530, 1004]),
    (2037, [215, 404, 618, 924]),
    (2038, [204, 405, 607, 913]),
    (2039, [124, 405, 527, 1002]),
    (2040, [212, 404, 614, 920]),
    (2041, [201, 404, 603, 910]),
    (2042, [122, 404, 622, 928]),
    (2043, [210, 405, 611, 917]),
    (2044, [130, 404, 531, 1005]),
    (2045, [217, 404, 619, 925]),
    (2046, [206, 404, 608, 915]),
    (2047, [126, 405, 529, 1004]),
    (2048, [214, 404, 615, 922]),
    (2049, [202, 404, 604, 911]),
    (2050, [123, 404, 623, 930]),
    (2051, [211, 405, 613, 919]),
    (2052, [201, 404, 601, 907]),
    (2053, [219, 404, 620, 926]),
    (2054, [208, 404, 610, 916]),
    (2055, [128, 405, 530, 1005]),
    (2056, [215, 404, 617, 924]),
    (2057, [204, 404, 606, 913]),
    (2058, [124, 404, 625, 1002]),
    (2059, [212, 405, 614, 921]),
    (2060, [202, 404, 603, 909]),
    (2061, [121, 404, 622, 928]),
    (2062, [209, 404, 611, 917]),
    (2063, [129, 405, 601, 1006]),
    (2064, [217, 404, 619, 925]),
    (2065, [205, 404, 608, 915]),
    (2066, [126, 404, 528, 1003]),
    (2067, [214, 405, 616, 923]),
    (2068, [203, 404, 604, 911]),
    (2069, [123, 404, 623, 929]),
    (2070, [211, 404, 613, 919]),
    (2071, [131, 405, 602, 908]),
    (2072, [219, 404, 620, 926]),
    (2073, [207, 404, 610, 916]),
    (2074, [127, 404, 530, 1005]),
    (2075, [215, 404, 617, 924]),
    (2076, [205, 404, 606, 912]),
    (2077, [124, 404, 624, 1001]),
    (2078, [212, 404, 614, 920]),
    (2079, [202, 404, 604, 910]),
    (2080, [122, 404, 622, 928]),
    (2081, [209, 404, 611, 917]),
    (2082, [129, 404, 601, 1006]),
    (2083, [217, 404, 619, 926]),
    (2084, [206, 404, 607, 914]),
    (2085, [126, 404, 527, 1003]),
    (2086, [214, 404, 615, 922]),
    (2087, [203, 404, 605, 911]),
    (2088, [124, 404, 623, 929]),
    (2089, [210, 404, 613, 918]),
    (2090, [130, 404, 602, 908]),
    (2091, [218, 404, 621, 927]),
    (2092, [207, 404, 609, 916]),
    (2093, [127, 404, 529, 1005]),
    (2094, [215, 404, 617, 924]),
    (2095, [205, 404, 606, 913]),
    (2096, [125, 404, 624, 930]),
    (2097, [212, 404, 614, 920]),
    (2098, [201, 404, 604, 909]),
    (2099, [121, 404, 623, 929]),
];

/// The statutory holiday `date` is by the fixed rule alone, by its name: the 元旦, 劳动节 and
/// 国庆节 dates in every year, the lunar-dated holidays and 清明 in the years of [`LUNAR`];
/// `None` on other days. The caller asks only for years after the notices' data.
pub fn name(date: NaiveDate) -> Option<&'static str> {
    let md = date.month() * 100 + date.day();
    match md {
        101 => return Some("元旦"),
        501 | 502 => return Some("劳动节"),
        1001..=1003 => return Some("国庆节"),
        _ => {}
    }
    let (_, [new_year, qingming, duanwu, zhongqiu]) =
        LUNAR.iter().find(|(y, _)| i32::from(*y) == date.year())?;
    for (day, name) in [
        (qingming, "清明节"),
        (duanwu, "端午节"),
        (zhongqiu, "中秋节"),
    ] {
        if u32::from(*day) == md {
            return Some(name);
        }
    }
    // 除夕 to 初三: the day before 正月初一 and the three days from it, all in the same year
    // (正月初一 falls between 21 January and 20 February).
    let (month, day) = (u32::from(new_year / 100), u32::from(new_year % 100));
    let first = NaiveDate::from_ymd_opt(date.year(), month, day)?;
    (-1..=2)
        .contains(&(date - first).num_days())
        .then_some("春节")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// 2027: 元旦 Fri 01-01; 春节 除夕 02-05 .. 初三 02-08 (初一 Sat 02-06); 清明 Mon 04-05;
    /// 劳动节 05-01, 05-02; 端午 Wed 06-09; 中秋 Wed 09-15; 国庆 10-01 .. 10-03.
    #[test]
    fn the_fixed_holidays_of_2027() {
        let off = [
            "2027-01-01",
            "2027-02-05",
            "2027-02-06",
            "2027-02-07",
            "2027-02-08",
            "2027-04-05",
            "2027-05-01",
            "2027-05-02",
            "2027-06-09",
            "2027-09-15",
            "2027-10-01",
            "2027-10-02",
            "2027-10-03",
        ];
        let mut day = d("2027-01-01");
        while day.year() == 2027 {
            let want = off.contains(&day.to_string().as_str());
            assert_eq!(name(day).is_some(), want, "{day}");
            day = day.succ_opt().unwrap();
        }
    }

    /// The table's rows are years 2027–2099 in order, and 正月初一 lies in its window.
    #[test]
    fn the_table_is_in_order() {
        for (i, (year, [new_year, ..])) in LUNAR.iter().enumerate() {
            assert_eq!(*year, 2027 + i as u16);
            assert!((121..=220).contains(new_year), "{year}");
        }
        assert_eq!(
            name(d("2100-10-02")),
            Some("国庆节"),
            "Gregorian dates in every year"
        );
        assert_eq!(name(d("2100-04-05")), None, "beyond the table no 清明");
    }

    /// Each holiday of 2027 by its name.
    #[test]
    fn the_names_of_2027() {
        for (day, want) in [
            ("2027-01-01", "元旦"),
            ("2027-02-05", "春节"),
            ("2027-02-08", "春节"),
            ("2027-04-05", "清明节"),
            ("2027-05-02", "劳动节"),
            ("2027-06-09", "端午节"),
            ("2027-09-15", "中秋节"),
            ("2027-10-03", "国庆节"),
        ] {
            assert_eq!(name(d(day)), Some(want), "{day}");
        }
        assert_eq!(name(d("2027-02-09")), None);
    }
}
