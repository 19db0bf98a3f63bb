//! Where each needed value is in a row: the Asterisk `cdr_csv` layouts (16, 17, 18 or 21
//! columns), the product's own results CSV (found by its header row), or a column mapping the
//! user gave for any other file (`cdr_custom`, database exports).

use super::field;
use super::options::Customer;
use serde::Serialize;

/// The kind of a results file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, ts(rename_all = "snake_case", rename = "ImportFormat"))]
pub enum Format {
    /// Asterisk `cdr_csv` Master.csv (no header).
    Asterisk,
    /// The product's own results CSV (header row).
    Results,
    /// Columns assigned by the user.
    Custom,
}

/// The column (0-based) of each value a row gives; `None` where the layout has no such column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub format: Format,
    /// Columns every row must have.
    pub columns: usize,
    /// The first row is a header (not counted as a row).
    pub header: bool,
    pub start: usize,
    pub answer: Option<usize>,
    pub end: Option<usize>,
    pub duration: Option<usize>,
    /// The talk time (billsec; the own CSV's duration).
    pub billsec: usize,
    /// The disposition (the own CSV's outcome code).
    pub disposition: usize,
    /// The customer's number (dst or src by the option; the own CSV's phone number).
    pub customer: usize,
    /// What legs of one call share: linkedid (21 columns), uniqueid (17/18); none: a row is a call.
    pub group: Option<usize>,
    /// uniqueid and sequence: a repeated pair is a duplicate (21 columns).
    pub uniqueid: Option<usize>,
    pub sequence: Option<usize>,
    /// The own CSV's record id: a repeated one is a duplicate.
    pub record_id: Option<usize>,
    /// The own CSV's success flag.
    pub success: Option<usize>,
}

/// The column counts of Asterisk `cdr_csv`: 16 base columns, then uniqueid and userfield (17,
/// 18), then peeraccount, linkedid and sequence (21, `newcdrcolumns`).
const ASTERISK_COLUMNS: [usize; 4] = [16, 17, 18, 21];

impl Layout {
    /// Asterisk `cdr_csv` with `columns` columns: accountcode, src, dst, dcontext, clid, channel,
    /// dstchannel, lastapp, lastdata, start, answer, end, duration, billsec, disposition,
    /// amaflags[, uniqueid[, userfield[, peeraccount, linkedid, sequence]]].
    pub fn asterisk(columns: usize, customer: Customer) -> Layout {
        let uniqueid = (columns >= 17).then_some(16);
        Layout {
            format: Format::Asterisk,
            columns,
            header: false,
            start: 9,
            answer: Some(10),
            end: Some(11),
            duration: Some(12),
            billsec: 13,
            disposition: 14,
            customer: match customer {
                Customer::Src => 1,
                Customer::Dst => 2,
            },
            group: if columns == 21 { Some(19) } else { uniqueid },
            uniqueid,
            sequence: (columns == 21).then_some(20),
            record_id: None,
            success: None,
        }
    }

    /// The own results CSV whose header row is `header`, when it names every column the format
    /// has (in any order; English or Chinese names, see [`RESULTS_HEADER`]).
    pub fn results(header: &[&[u8]]) -> Option<Layout> {
        let find = |names: [&str; 2]| {
            header.iter().position(|h| {
                let h = field::trim(h);
                names.iter().any(|n| h.eq_ignore_ascii_case(n.as_bytes()))
            })
        };
        let [record_id, phone, start, duration, outcome, success] =
            RESULTS_HEADER.map(|(en, zh)| find([en, zh]));
        Some(Layout {
            format: Format::Results,
            columns: header.len(),
            header: true,
            start: start?,
            answer: None,
            end: None,
            duration: None,
            billsec: duration?,
            disposition: outcome?,
            customer: phone?,
            group: None,
            uniqueid: None,
            sequence: None,
            record_id: Some(record_id?),
            success: Some(success?),
        })
    }

    /// A standard layout recognised from the first rows of a file: the own CSV's header, or the
    /// first row that reads as an Asterisk row (a column count of 16/17/18/21, a readable start
    /// time and a known disposition).
    pub fn detect(rows: &[Vec<Vec<u8>>], customer: Customer) -> Option<Layout> {
        let first: Vec<&[u8]> = rows.first()?.iter().map(Vec::as_slice).collect();
        if let Some(layout) = Layout::results(&first) {
            return Some(layout);
        }
        rows.iter().find_map(|row| {
            let looks_asterisk = ASTERISK_COLUMNS.contains(&row.len())
                && field::timestamp(&row[9]).is_some()
                && field::answered(&row[14]).is_some();
            looks_asterisk.then(|| Layout::asterisk(row.len(), customer))
        })
    }
}

/// The own results CSV's columns (English and Chinese header names), in their documented order:
/// record id, phone number, call start, duration (talk seconds), outcome code, success flag.
pub const RESULTS_HEADER: [(&str, &str); 6] = [
    ("record_id", "记录编号"),
    ("phone", "电话号码"),
    ("call_start", "呼叫开始时间"),
    ("duration", "通话时长"),
    ("outcome", "结果代码"),
    ("success", "是否成功"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str) -> Vec<Vec<u8>> {
        text.split(',').map(|f| f.as_bytes().to_vec()).collect()
    }

    #[test]
    fn asterisk_layouts_by_column_count() {
        let a16 = Layout::asterisk(16, Customer::Dst);
        assert_eq!(
            (a16.group, a16.uniqueid, a16.sequence, a16.customer),
            (None, None, None, 2)
        );
        let a18 = Layout::asterisk(18, Customer::Src);
        assert_eq!(
            (a18.group, a18.uniqueid, a18.sequence, a18.customer),
            (Some(16), Some(16), None, 1)
        );
        let a21 = Layout::asterisk(21, Customer::Dst);
        assert_eq!(
            (a21.group, a21.uniqueid, a21.sequence),
            (Some(19), Some(16), Some(20))
        );
    }

    #[test]
    fn detection() {
        let asterisk = row(",1001,13800138000,ctx,clid,SIP/a,SIP/b,Dial,x,2026-03-01 09:00:00,,2026-03-01 09:00:10,10,0,NO ANSWER,DOCUMENTATION,1.1,");
        assert_eq!(asterisk.len(), 18);
        let found = Layout::detect(&[asterisk], Customer::Dst).unwrap();
        assert_eq!((found.format, found.columns), (Format::Asterisk, 18));

        let header = row("success,outcome,duration,call_start,电话号码,record_id");
        let found = Layout::detect(&[header], Customer::Dst).unwrap();
        assert_eq!(found.format, Format::Results);
        assert_eq!(
            (
                found.success,
                found.disposition,
                found.customer,
                found.record_id
            ),
            (Some(0), 1, 4, Some(5))
        );

        assert_eq!(Layout::detect(&[row("a,b,c")], Customer::Dst), None);
        // 18 columns whose start is not a time: not Asterisk.
        assert_eq!(
            Layout::detect(&[row(",,,,,,,,,x,,,,,ANSWERED,,,")], Customer::Dst),
            None
        );
        assert_eq!(Layout::detect(&[], Customer::Dst), None);
    }
}
