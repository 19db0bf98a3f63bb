//! Results import (issue 17): every case of tests/data/import/expected.json, worked out by hand,
//! read whole and in small chunks (the same report whatever the chunk size).

use callsettle::import::{sniff, Format, Import, ImportReport};
use callsettle::reader::parse;
use serde_json::Value;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/import/");

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(format!("{DIR}expected.json")).unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    all["cases"].as_array().unwrap().clone()
}

/// The report of `bytes` fed in chunks of `size`, and the rejected rows' CSV taken in parts.
fn import(options: &Value, bytes: &[u8], size: usize) -> (ImportReport, Vec<u8>) {
    let mut import = Import::new(options, &bytes[..bytes.len().min(65_536)]).unwrap();
    let mut csv = Vec::new();
    for chunk in bytes.chunks(size) {
        import.feed(chunk);
        csv.extend(import.take_rejected_csv());
    }
    let report = import.finish();
    csv.extend(import.take_rejected_csv());
    (report, csv)
}

/// What a report says, in the shape of the expected cases.
fn summary(report: &ImportReport) -> Value {
    let mut lines = serde_json::Map::new();
    let json = serde_json::to_value(report).unwrap();
    for reason in json["reasons"].as_array().unwrap() {
        let count = reason["count"].as_u64().unwrap();
        let examples: Vec<Value> = reason["examples"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["line"].clone())
            .collect();
        assert_eq!(
            count as usize,
            examples.len(),
            "cases have at most 5 rows per reason"
        );
        if count > 0 {
            lines.insert(reason["code"].as_str().unwrap().into(), examples.into());
        }
    }
    let months: Vec<Value> = json["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            serde_json::json!({
                "month": m["month"], "volume": m["volume"], "successes": m["successes"],
                "calls": m["calls"], "billed_seconds": m["billed_seconds"],
                "telecom_charges": m["telecom_charges"],
            })
        })
        .collect();
    serde_json::json!({
        "format": json["format"], "columns": json["columns"], "rows": json["rows"],
        "accepted": json["accepted"], "rejected": json["rejected"], "calls": json["calls"],
        "rejected_lines": lines, "months": months,
    })
}

#[test]
fn every_case_gives_its_hand_worked_counts_whatever_the_chunks() {
    let mut checked = 0;
    for case in cases() {
        // GB18030 is decoded by the browser's TextDecoder (tests/node/import.test.mjs).
        if case.get("encoding").is_some() {
            continue;
        }
        let name = case["name"].as_str().unwrap();
        let bytes = std::fs::read(format!("{DIR}{}", case["file"].as_str().unwrap())).unwrap();
        let options = parse(&case["options"].to_string()).unwrap();
        let mut expected = case.clone();
        for key in ["name", "file", "options"] {
            expected.as_object_mut().unwrap().remove(key);
        }
        let (whole, csv) = import(&options, &bytes, bytes.len());
        let found = summary(&whole);
        assert_eq!(found, expected, "{name}");
        assert_eq!(whole.rows, whole.accepted + whole.rejected, "{name}");
        for size in [1, 7, 100] {
            let (report, again) = import(&options, &bytes, size);
            assert_eq!(report, whole, "{name}: chunks of {size}");
            assert_eq!(again, csv, "{name}: chunks of {size}");
        }
        // The download: a header, then one line per rejected row (no field here holds a line end).
        let text = String::from_utf8(csv).unwrap();
        assert_eq!(text.lines().count() as u64, 1 + whole.rejected, "{name}");
        checked += 1;
    }
    assert!(checked >= 10);
}

#[test]
fn the_rejected_rows_download_keeps_fields_and_defuses_formulas() {
    let bytes = std::fs::read(format!("{DIR}results-rejects.csv")).unwrap();
    let (_, csv) = import(&parse("{}").unwrap(), &bytes, 5);
    let text = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "\u{feff}line,reason,fields");
    assert_eq!(
        lines[1],
        "3,duplicate_row,R1,13900139000,2026-09-01 10:05:00,20,ANSWERED,0"
    );
    assert_eq!(
        lines.last().unwrap(),
        &"12,unreadable_value,\"'=HYPERLINK(\"\"x\"\")\",13000130000,2026-09-01 10:50:00,'-5,ANSWERED,0"
    );
}

#[test]
fn examples_show_the_row_as_text_even_when_it_is_not_utf8() {
    let mut bytes = std::fs::read(format!("{DIR}asterisk-18.csv")).unwrap();
    // The BUSY row (line 8, caller-ID in GBK bytes) once more: a duplicate, shown lossily.
    let busy: Vec<u8> = bytes.split(|b| *b == b'\n').nth(7).unwrap().to_vec();
    bytes.extend_from_slice(&busy);
    bytes.push(b'\n');
    let (report, _) = import(&parse("{}").unwrap(), &bytes, 64);
    let dup = report.reasons.iter().find(|r| r.count > 0).unwrap();
    assert_eq!(
        (dup.examples[0].line, report.rows, report.rejected),
        (12, 12, 1)
    );
    assert!(
        dup.examples[0]
            .text
            .contains("\"\u{fffd}\u{fffd}\u{fffd}\u{fffd} <1001>\""),
        "{}",
        dup.examples[0].text
    );
}

#[test]
fn layouts_are_recognised_from_the_head() {
    let head = |file: &str| std::fs::read(format!("{DIR}{file}")).unwrap();
    assert_eq!(
        sniff(&head("asterisk-21.csv")).format,
        Some(Format::Asterisk)
    );
    assert_eq!(
        sniff(&head("results-zh-bom.csv")).format,
        Some(Format::Results)
    );
    let custom = sniff(&head("custom-order.csv"));
    assert_eq!((custom.format, custom.columns), (None, 9));
    assert_eq!(custom.preview[1][0], "Agent <1001>");
    let err = Import::new(&parse("{}").unwrap(), &head("custom-order.csv"))
        .err()
        .unwrap();
    assert_eq!(
        (err[0].path.as_str(), err[0].code),
        ("import", callsettle::problem::Code::UnknownLayout)
    );
    // Bad options are reported, not panicked on.
    let err = Import::new(&parse(r#"{"pulse":"1/0"}"#).unwrap(), b"")
        .err()
        .unwrap();
    assert_eq!(err[0].path, "import.pulse");
}
