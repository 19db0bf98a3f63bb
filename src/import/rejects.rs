//! Rejected rows: counted per reason, the first ones of each reason kept as examples, each
//! written out as a line of CSV the user can download as soon as it is rejected (the lines leave
//! the module with [`Rejects::take_csv`]: the module keeps no rejected row, only the examples).

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

/// The place of a reason code in [`REASONS`].
fn index(code: Code) -> usize {
    REASONS.iter().position(|(c, _)| *c == code).unwrap_or(0)
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

/// The counts and examples per reason, and the CSV lines not yet taken.
pub struct Rejects {
    counts: [u64; REASONS.len()],
    /// Per reason, its rows of the lowest line numbers so far (at most [`EXAMPLES`], in order).
    examples: [Vec<Example>; REASONS.len()],
    csv: csv::Writer,
    /// Reads a rejected row's text into its fields.
    reader: csv::Stream,
}

impl Default for Rejects {
    /// No rows yet; the CSV starts with its byte-order mark and header.
    fn default() -> Self {
        let mut csv = csv::Writer::default();
        csv.out.extend_from_slice(b"\xEF\xBB\xBF");
        csv.record(["line", "reason", "fields"].map(str::as_bytes));
        Rejects {
            counts: [0; REASONS.len()],
            examples: Default::default(),
            csv,
            reader: csv::Stream::default(),
        }
    }
}

impl Rejects {
    /// Counts a rejected row, keeps it as an example when it is among the first of its reason,
    /// and writes its CSV line.
    pub fn push(&mut self, row: &Rejected) {
        let i = index(row.code);
        self.counts[i] += 1;
        let examples = &mut self.examples[i];
        let at = examples.partition_point(|e| e.line < row.line);
        if at < EXAMPLES {
            examples.insert(
                at,
                Example {
                    line: row.line,
                    text: String::from_utf8_lossy(&row.raw)
                        .chars()
                        .take(EXAMPLE_CHARS)
                        .collect(),
                },
            );
            examples.truncate(EXAMPLES);
        }
        let line = row.line.to_string();
        let fields: Vec<Vec<u8>> = self
            .reader
            .fields(&row.raw)
            .iter()
            .map(|f| inert(f))
            .collect();
        let head = [line.as_bytes(), REASONS[i].1.as_bytes()];
        self.csv
            .record(head.into_iter().chain(fields.iter().map(Vec::as_slice)));
    }

    pub fn len(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// Counts and examples per reason (every reason, counted 0 when none).
    pub fn reasons(&self) -> Vec<ReasonCount> {
        REASONS
            .iter()
            .enumerate()
            .map(|(i, &(code, _))| {
                let message = Message::from(&Problem::error("", code));
                ReasonCount {
                    code,
                    count: self.counts[i],
                    message_zh: message.message_zh,
                    message_en: message.message_en,
                    examples: self.examples[i].clone(),
                }
            })
            .collect()
    }

    /// The CSV written since the last call (UTF-8; the first part starts with a byte-order mark,
    /// so spreadsheets read Chinese text, and the header): per row its line, its reason code and
    /// its own fields. A field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
    /// gets a `'` in front, so that a spreadsheet shows it as text instead of running it as a
    /// formula.
    pub fn take_csv(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.csv.out)
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
        r.push(&Rejected {
            line: 2,
            code: Code::WrongColumnCount,
            raw: b"+8613800138000".to_vec(),
        });
        let first = String::from_utf8(r.take_csv()).unwrap();
        r.push(&Rejected {
            line: 7,
            code: Code::DuplicateRow,
            raw: b"=1+2,\"a,b\",-3,@x,plain,\"say \"\"hi\"\"\"".to_vec(),
        });
        let second = String::from_utf8(r.take_csv()).unwrap();
        assert_eq!(
            first,
            "\u{feff}line,reason,fields\n2,wrong_column_count,'+8613800138000\n"
        );
        assert_eq!(
            second,
            "7,duplicate_row,'=1+2,\"a,b\",'-3,'@x,plain,\"say \"\"hi\"\"\"\n"
        );
        assert!(r.take_csv().is_empty(), "each line is taken once");
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

    #[test]
    fn examples_are_the_first_lines_of_each_reason_whatever_order_they_come_in() {
        let mut r = Rejects::default();
        // Legs of numberless calls come at the end, with lines before rows already rejected.
        for line in [40, 30, 20, 10, 50, 60, 5, 70] {
            r.push(&Rejected {
                line,
                code: Code::NoCustomerNumber,
                raw: line.to_string().into_bytes(),
            });
        }
        let reasons = r.reasons();
        let of = reasons
            .iter()
            .find(|c| c.code == Code::NoCustomerNumber)
            .unwrap();
        let lines: Vec<u64> = of.examples.iter().map(|e| e.line).collect();
        assert_eq!((of.count, lines), (8, vec![5, 10, 20, 30, 40]));
        assert_eq!(r.len(), 8);
    }
}
