//! The import's options (the page's inputs `import.*`), read from untrusted JSON with every
//! problem collected at `import.<field>`.

use super::layout::{Format, Layout};
use crate::number;
use crate::problem::{join, Code, Problem};
use crate::reader::Reader;
use crate::scenario::choice;
use rust_decimal::Decimal;
use serde_json::Value;

/// Which column holds the customer's number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Customer {
    /// The called number: an outbound campaign calls the customer (default).
    Dst,
    /// The calling number: inbound service lines.
    Src,
}

/// What the month's T (volume) counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountBy {
    /// Distinct customer numbers of the month (default): a customer called three times is one
    /// record worked, a success if any of its calls is.
    Record,
    /// Calls.
    Call,
}

/// The clock of the file's times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// Local time (China Standard Time, UTC+8): the month is the one written (default).
    Local,
    /// UTC: the month is taken 8 hours later, in China Standard Time (no daylight saving).
    Utc,
}

impl Zone {
    /// Seconds to add to a time of the file to get China Standard Time.
    pub fn shift(self) -> i64 {
        match self {
            Zone::Local => 0,
            Zone::Utc => 8 * 3600,
        }
    }
}

/// Telecom pulses X/Y: the first block of X seconds, then steps of Y, each begun one billed in
/// full (60/60: 不足一分钟按一分钟计).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pulse {
    pub first: u32,
    pub step: u32,
}

impl Pulse {
    /// The seconds billed for a call of `billsec` seconds: 0 for 0 (no talk).
    pub fn billed(self, billsec: u32) -> u64 {
        let (b, x, y) = (
            u64::from(billsec),
            u64::from(self.first),
            u64::from(self.step),
        );
        match b {
            0 => 0,
            b if b <= x => x,
            b => x + (b - x).div_ceil(y) * y,
        }
    }
}

/// The options of one import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub customer: Customer,
    pub count_by: CountBy,
    /// A call is a success when its answered billsec is at least this (default 60).
    pub success_min_billsec: u32,
    pub pulse: Pulse,
    /// CNY per minute; without it no telecom charges are computed.
    pub tariff_per_minute: Option<Decimal>,
    pub zone: Zone,
    /// The columns of a file no standard layout matches.
    pub mapping: Option<Layout>,
}

/// The options as JSON (for the TypeScript declarations): every field may be left out.
#[cfg(test)]
#[derive(ts_rs::TS)]
#[ts(rename = "ImportOptions")]
#[allow(dead_code)]
pub struct OptionsJson {
    #[ts(type = "\"dst\" | \"src\"", optional)]
    customer_number: (),
    #[ts(type = "\"record\" | \"call\"", optional)]
    count_by: (),
    #[ts(type = "string | number", optional)]
    success_min_billsec: (),
    /// `X/Y`, e.g. "60/60", "6/6", "30/6", "60/1".
    #[ts(type = "string", optional)]
    pulse: (),
    /// CNY per minute.
    #[ts(type = "string | number", optional)]
    tariff_per_minute: (),
    #[ts(type = "\"local\" | \"utc\"", optional)]
    timezone: (),
    /// 0-based columns of a file no standard layout matches.
    #[ts(
        type = "{ columns: number, header?: boolean, start: number, billsec: number, disposition: number, dst?: number, src?: number, answer?: number, end?: number, duration?: number, uniqueid?: number, linkedid?: number, sequence?: number }",
        optional
    )]
    mapping: (),
}

/// The tariff's upper limit (CNY per minute).
const TARIFF_MAX: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);

/// Reads the options object (fields: `customer_number`, `count_by`, `success_min_billsec`,
/// `pulse`, `tariff_per_minute`, `timezone`, `mapping`); problems are at `import.<field>`.
pub fn read(v: &Value) -> Result<Options, Vec<Problem>> {
    let path = "import";
    let mut r = Reader {
        problems: Vec::new(),
    };
    let known = [
        "customer_number",
        "count_by",
        "success_min_billsec",
        "pulse",
        "tariff_per_minute",
        "timezone",
        "mapping",
    ];
    if !r.object(v, path, &known) {
        return Err(r.problems);
    }
    let customer = r.with_default(v, path, "customer_number", Customer::Dst, |v| {
        choice(v, &[("dst", Customer::Dst), ("src", Customer::Src)])
    });
    let count_by = r.with_default(v, path, "count_by", CountBy::Record, |v| {
        choice(v, &[("record", CountBy::Record), ("call", CountBy::Call)])
    });
    let success_min_billsec = r.with_default(v, path, "success_min_billsec", 60, |v| {
        number::small_int(v, 0, 86_400)
    });
    let pulse = r.with_default(
        v,
        path,
        "pulse",
        Pulse {
            first: 60,
            step: 60,
        },
        pulse,
    );
    let tariff = r.optional(v, path, "tariff_per_minute", |v| {
        number::factor(v, TARIFF_MAX)
    });
    let zone = r.with_default(v, path, "timezone", Zone::Local, |v| {
        choice(v, &[("local", Zone::Local), ("utc", Zone::Utc)])
    });
    let mapping = match (customer, crate::reader::field(v, "mapping")) {
        (Some(customer), Some(m)) => mapping(&mut r, m, &join(path, "mapping"), customer),
        _ => None,
    };
    if !r.problems.iter().any(Problem::is_error) {
        if let (Some(customer), Some(count_by), Some(min), Some(pulse), Ok(tariff), Some(zone)) =
            (customer, count_by, success_min_billsec, pulse, tariff, zone)
        {
            return Ok(Options {
                customer,
                count_by,
                success_min_billsec: min,
                pulse,
                tariff_per_minute: tariff,
                zone,
                mapping,
            });
        }
    }
    Err(r.problems)
}

/// `X/Y` with whole seconds 1–3600 each (60/60, 6/6, 30/6, 60/1, …).
fn pulse(v: &Value) -> Result<Pulse, Problem> {
    let bad = || Problem::new(Code::InvalidChoice).with("allowed", "60/60, 6/6, 30/6, 60/1");
    let Value::String(s) = v else {
        return Err(bad());
    };
    let (x, y) = s.as_str().split_once('/').ok_or_else(bad)?;
    let part = |t: &str| {
        t.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=3600).contains(n))
    };
    Ok(Pulse {
        first: part(x).ok_or_else(bad)?,
        step: part(y).ok_or_else(bad)?,
    })
}

/// A column mapping: `columns` (the count every row has), `header` (true: the first row is a
/// header), and the 0-based column of `start`, `billsec`, `disposition`, the customer column
/// (`dst` or `src`, as chosen), and optionally `answer`, `end`, `duration`, `uniqueid`,
/// `linkedid`, `sequence`.
fn mapping(r: &mut Reader, m: &Value, path: &str, customer: Customer) -> Option<Layout> {
    let known = [
        "columns",
        "header",
        "start",
        "answer",
        "end",
        "duration",
        "billsec",
        "disposition",
        "src",
        "dst",
        "uniqueid",
        "linkedid",
        "sequence",
    ];
    if !r.object(m, path, &known) {
        return None;
    }
    let columns = r.required(m, path, "columns", |v| number::small_int(v, 1, 1000))?;
    let header = r.with_default(m, path, "header", false, |v| match v {
        Value::Bool(b) => Ok(*b),
        other => Err(Problem::new(Code::WrongType)
            .with("expected", "boolean")
            .with("found", crate::reader::kind(other))),
    });
    let column = |v: &Value| number::small_int(v, 0, columns - 1).map(|i| i as usize);
    let start = r.required(m, path, "start", column);
    let billsec = r.required(m, path, "billsec", column);
    let disposition = r.required(m, path, "disposition", column);
    let customer = r.required(
        m,
        path,
        match customer {
            Customer::Dst => "dst",
            Customer::Src => "src",
        },
        column,
    );
    let mut optional = |key| r.optional(m, path, key, column).ok().flatten();
    let [answer, end, duration, uniqueid, linkedid, sequence] = [
        "answer", "end", "duration", "uniqueid", "linkedid", "sequence",
    ]
    .map(&mut optional);
    Some(Layout {
        format: Format::Custom,
        columns: columns as usize,
        header: header?,
        start: start?,
        answer,
        end,
        duration,
        billsec: billsec?,
        disposition: disposition?,
        customer: customer?,
        group: linkedid.or(uniqueid),
        uniqueid,
        sequence: sequence.filter(|_| uniqueid.is_some()),
        record_id: None,
        success: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> Value {
        crate::reader::parse(text).unwrap()
    }

    #[test]
    fn pulses() {
        let p = |first, step| Pulse { first, step };
        // 60/60: every begun minute.
        assert_eq!(
            [0, 1, 60, 61, 119, 121].map(|b| p(60, 60).billed(b)),
            [0, 60, 60, 120, 120, 180]
        );
        // 6/6: every begun 6 seconds.
        assert_eq!([1, 6, 7, 61].map(|b| p(6, 6).billed(b)), [6, 6, 12, 66]);
        // 30/6: the first 30 seconds, then 6-second steps.
        assert_eq!(
            [1, 30, 31, 37].map(|b| p(30, 6).billed(b)),
            [30, 30, 36, 42]
        );
        // 60/1: a minute, then by the second.
        assert_eq!(
            [1, 60, 61, 125].map(|b| p(60, 1).billed(b)),
            [60, 60, 61, 125]
        );
    }

    #[test]
    fn defaults_and_choices() {
        let o = read(&json("{}")).unwrap();
        assert_eq!(
            (o.customer, o.count_by, o.success_min_billsec, o.zone),
            (Customer::Dst, CountBy::Record, 60, Zone::Local)
        );
        assert_eq!(
            (o.pulse, o.tariff_per_minute, o.mapping),
            (
                Pulse {
                    first: 60,
                    step: 60
                },
                None,
                None
            )
        );
        let o = read(&json(r#"{"customer_number":"src","count_by":"call","success_min_billsec":"30","pulse":"30/6","tariff_per_minute":"0.065","timezone":"utc"}"#)).unwrap();
        assert_eq!(
            (o.customer, o.count_by, o.success_min_billsec, o.zone),
            (Customer::Src, CountBy::Call, 30, Zone::Utc)
        );
        assert_eq!(
            (o.pulse, o.tariff_per_minute),
            (Pulse { first: 30, step: 6 }, Some("0.065".parse().unwrap()))
        );
    }

    #[test]
    fn every_bad_option_is_reported_at_its_path() {
        let problems = read(&json(r#"{"customer_number":"both","count_by":1,"success_min_billsec":"-1","pulse":"60/0","tariff_per_minute":"x","timezone":"CST"}"#)).unwrap_err();
        let found: Vec<(&str, Code)> = problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
        assert_eq!(
            found,
            [
                ("import.customer_number", Code::InvalidChoice),
                ("import.count_by", Code::WrongType),
                ("import.success_min_billsec", Code::OutOfRange),
                ("import.pulse", Code::InvalidChoice),
                ("import.tariff_per_minute", Code::NotANumber),
                ("import.timezone", Code::InvalidChoice),
            ]
        );
    }

    #[test]
    fn mappings() {
        let o = read(&json(r#"{"mapping":{"columns":8,"header":true,"start":1,"end":2,"billsec":3,"disposition":4,"dst":0,"uniqueid":6,"sequence":7}}"#)).unwrap();
        let m = o.mapping.unwrap();
        assert_eq!(
            (m.format, m.columns, m.header, m.start, m.customer),
            (Format::Custom, 8, true, 1, 0)
        );
        assert_eq!(
            (m.group, m.uniqueid, m.sequence, m.duration),
            (Some(6), Some(6), Some(7), None)
        );
        let problems = read(&json(r#"{"customer_number":"src","mapping":{"columns":4,"start":4,"billsec":1,"disposition":2,"dst":3}}"#)).unwrap_err();
        let found: Vec<(&str, Code)> = problems.iter().map(|p| (p.path.as_str(), p.code)).collect();
        assert_eq!(
            found,
            [
                ("import.mapping.start", Code::OutOfRange),
                ("import.mapping.src", Code::Required)
            ]
        );
    }
}
