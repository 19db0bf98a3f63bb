//! Rejected rows: counted per reason, the first ones of each reason kept as examples, all of them
//! written out as a CSV the user can download.

use super::csv;
use crate::messages::Message;
use crate::problem::{Code, Problem};
use serde::Serialize;

/// The reasons a row is rejected, in the order the report lists them (and the checks run), with
/// their names as the JSON interface writes them (the page's `import.rejected.<name>`).
pub const REASONS: [(Code, &str); 9] = [
    (Code::WrongColumnCount, "wrong_column_count"),
    (Code::UnreadableTimestamp, "unreadable_timestamp"),
    (Code::EndBeforeStart, "end_before_start"),
    (Code::UnreadableValue, "unreadable_value"),
    (Code::BillsecOverDuration, "billsec_over_duration"),
    (Code::UnknownDisposition, "unknown_disposition"),
    (Code::DuplicateRow, "duplicate_row"),
    (Code::NoCustomerNumber, "no_customer_number"),
    (Code::SuccessTooShort, "success_too_short"),
];

/// The name of a reason code.
fn name(code: Code) -> &'static str {
    REASONS
        .iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, name)| name)
}

/// Examples kept per reason.
pub const EXAMPLES: usize = 5;
/// Characters of a row shown in an example.
const EXAMPLE_CHARS: usize = 300;

/// One rejected row: its line in the file, the reason, its text as read.
#[derive(Debug, Clone)]
pub struct Rejected {
    pub line: u64,
    pub code: Code,
    pub raw: Vec<u8>,
}

/// Every rejected row.
#[derive(Debug, Default)]
pub struct Rejects {
    rows: Vec<Rejected>,
}

impl Rejects {
    pub fn push(&mut self, row: Rejected) {
        self.rows.push(row);
    }

    pub fn len(&self) -> u64 {
        self.rows.len() as u64
    }

    /// The rows in file order (rows rejected with their call at the end of the file come back
    /// to their place).
    pub fn sort(&mut self) {
        self.rows.sort_by_key(|r| r.line);
    }

    /// Counts and examples per reason (every reason, counted 0 when none).
    pub fn reasons(&self) -> Vec<ReasonCount> {
        REASONS
            .iter()
            .map(|&(code, _)| {
                let mut of_code = self.rows.iter().filter(|r| r.code == code);
                let examples = of_code
                    .by_ref()
                    .take(EXAMPLES)
                    .map(|r| Example {
                        line: r.line,
                        text: String::from_utf8_lossy(&r.raw)
                            .chars()
                            .take(EXAMPLE_CHARS)
                            .collect(),
                    })
                    .collect::<Vec<_>>();
                let message = Message::from(&Problem::error("", code));
                ReasonCount {
                    code,
                    count: (examples.len() + of_code.count()) as u64,
                    message_zh: message.message_zh,
                    message_en: message.message_en,
                    examples,
                }
            })
            .collect()
    }

    /// The rejected rows as CSV (UTF-8 with a byte-order mark, so spreadsheets read Chinese text):
    /// a header, then per row its line, its reason code and its own fields. A field that starts
    /// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front, so that a
    /// spreadsheet shows it as text instead of running it as a formula.
    pub fn csv(&self) -> Vec<u8> {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        let mut writer = csv::Writer::new(&mut out);
        writer.record(["line", "reason", "fields"].map(str::as_bytes));
        for row in &self.rows {
            let line = row.line.to_string();
            let code = name(row.code);
            let fields: Vec<Vec<u8>> = csv::fields(&row.raw).iter().map(|f| inert(f)).collect();
            let head = [line.as_bytes(), code.as_bytes()];
            writer.record(head.into_iter().chain(fields.iter().map(Vec::as_slice)));
        }
        out
    }
}

/// A field as text a spreadsheet will not run: UTF-8 (lossy), with `'` before a leading
/// `= + - @`, tab or carriage return.
fn inert(field: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(field);
    let mut out = Vec::with_capacity(text.len() + 1);
    if matches!(
        text.bytes().next(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    ) {
        out.push(b'\'');
    }
    out.extend_from_slice(text.as_bytes());
    out
}

/// How many rows were rejected for one reason, with the first few.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReasonCount {
    pub code: Code,
    #[cfg_attr(test, ts(type = "number"))]
    pub count: u64,
    pub message_zh: String,
    pub message_en: String,
    pub examples: Vec<Example>,
}

/// A rejected row: its line number in the file and its text (bytes that are not UTF-8 shown as
/// U+FFFD; the page shows it as text, never as HTML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Example {
    #[cfg_attr(test, ts(type = "number"))]
    pub line: u64,
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_inert_and_fields_quoted() {
        let mut r = Rejects::default();
        r.push(Rejected {
            line: 7,
            code: Code::DuplicateRow,
            raw: b"=1+2,\"a,b\",-3,@x,plain,\"say \"\"hi\"\"\"".to_vec(),
        });
        r.push(Rejected {
            line: 2,
            code: Code::WrongColumnCount,
            raw: b"+8613800138000".to_vec(),
        });
        r.sort();
        let text = String::from_utf8(r.csv()).unwrap();
        assert_eq!(
            text,
            "\u{feff}line,reason,fields\n2,wrong_column_count,'+8613800138000\n7,duplicate_row,'=1+2,\"a,b\",'-3,'@x,plain,\"say \"\"hi\"\"\"\n"
        );
        let reasons = r.reasons();
        assert_eq!(reasons.len(), REASONS.len());
        let dup = reasons
            .iter()
            .find(|c| c.code == Code::DuplicateRow)
            .unwrap();
        assert_eq!((dup.count, dup.examples[0].line), (1, 7));
        for (code, name) in REASONS {
            assert_eq!(serde_json::to_value(code).unwrap(), name);
        }
        assert_eq!(dup.message_en, "duplicate row (identical to an earlier one, or a repeated uniqueid + sequence or record id)");
    }
}
