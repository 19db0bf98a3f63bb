//! Results import (issue 17): every case of tests/data/import/expected.json, worked out by hand,
//! read whole and in small chunks (the same report whatever the chunk size).

use callsettle::import::{sniff, Format, Import, ImportReport, MemoryStore};
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

/// The report and the rejected rows' CSV of an import spilled to memory partitions once its
/// tables pass `budget` bytes (asked after each chunk, as the worker does; read back a partition
/// at a time, the CSV taken after each), and whether it spilled.
fn import_spilled(
    options: &Value,
    bytes: &[u8],
    size: usize,
    budget: usize,
) -> (ImportReport, Vec<u8>, bool) {
    let mut import = Import::new(options, &bytes[..bytes.len().min(65_536)]).unwrap();
    import.set_budget(budget);
    let mut csv = Vec::new();
    for chunk in bytes.chunks(size) {
        import.feed(chunk);
        csv.extend(import.take_rejected_csv());
        if import.over_budget() {
            import.spill_to(Box::new(MemoryStore::default()), bytes.len() as u64);
        }
    }
    while import.finish_part() {
        csv.extend(import.take_rejected_csv());
    }
    let spilled = import.spilling();
    let report = import.finish();
    csv.extend(import.take_rejected_csv());
    (report, csv, spilled)
}

/// The CSV's lines in order (a spilled import writes duplicates and the legs of calls without a
/// number at the end, by partition).
fn sorted_lines(csv: &[u8]) -> Vec<String> {
    let mut lines: Vec<String> = String::from_utf8_lossy(csv)
        .lines()
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

/// A pseudo-random file of `rows` rows (xorshift; the same file for the same seed): Master.csv
/// rows of 21 or 18 columns whose calls' legs lie anywhere in the file, legs without a number
/// (a Local channel's `ch1`), calls that get a number only at a later leg or never, identical
/// rows, repeated uniqueid + sequence pairs under another linkedid, unanswered rows with
/// billsec; or the own CSV with repeated record ids and bad numbers.
fn generated(rows: usize, columns: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    let mut next = |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let mut out: Vec<String> = Vec::new();
    if columns == 6 {
        out.push("record_id,phone,call_start,duration,outcome,success".into());
    }
    let n = rows as u64;
    let first = usize::from(columns == 6);
    while out.len() < rows + first {
        if out.len() > first && next(12) == 0 {
            let again = out[first + next((out.len() - first) as u64) as usize].clone();
            out.push(again);
            continue;
        }
        let month = 3 + next(3);
        let day = 1 + next(28);
        let (h, m) = (next(24), next(60));
        let start = format!("2026-{month:02}-{day:02} {h:02}:{m:02}:00");
        let answered = next(3) != 0;
        let billsec = next(200);
        let dst = if next(7) == 0 {
            "ch1".to_string()
        } else {
            format!("138{:08}", next(n / 4 + 1))
        };
        let line = if columns == 6 {
            let outcome = if answered { "ANSWERED" } else { "NO ANSWER" };
            let success = u8::from(answered && billsec >= 60);
            format!("R{},{dst},{start},{billsec},{outcome},{success}", next(n))
        } else {
            let disposition = if answered {
                "ANSWERED"
            } else {
                ["NO ANSWER", "BUSY"][next(2) as usize]
            };
            let answer = if answered {
                start.clone()
            } else {
                String::new()
            };
            let end = format!("2026-{month:02}-{day:02} {h:02}:{m:02}:59");
            let call = next(n / 2 + 1);
            let uniqueid = format!("U{}", next(n));
            let mut fields = vec![
                String::new(),
                "1001".into(),
                dst,
                "from-internal".into(),
                "\"Agent\" <1001>".into(),
                "SIP/1001-1".into(),
                "SIP/trunk-2".into(),
                "Dial".into(),
                "SIP/trunk/x".into(),
                start,
                answer,
                end,
                "200".into(),
                billsec.to_string(),
                disposition.into(),
                "DOCUMENTATION".into(),
                if columns == 18 {
                    format!("U{call}")
                } else {
                    uniqueid
                },
                String::new(),
            ];
            if columns == 21 {
                fields.extend([String::new(), format!("L{call}"), next(3).to_string()]);
            }
            fields
                .iter()
                .map(|f| format!("\"{}\"", f.replace('"', "\"\"")))
                .collect::<Vec<_>>()
                .join(",")
        };
        out.push(line);
    }
    (out.join("\n") + "\n").into_bytes()
}

#[test]
fn spilled_imports_are_identical_to_unspilled_ones() {
    let mut files: Vec<(String, Vec<u8>, Value)> = Vec::new();
    for case in cases() {
        if case.get("encoding").is_some() {
            continue;
        }
        let bytes = std::fs::read(format!("{DIR}{}", case["file"].as_str().unwrap())).unwrap();
        let options = parse(&case["options"].to_string()).unwrap();
        files.push((case["name"].as_str().unwrap().into(), bytes, options));
    }
    for (columns, seed) in [(21, 1), (18, 2), (6, 3), (21, 4)] {
        for count_by in ["record", "call"] {
            let bytes = generated(3_000, columns, seed);
            let options = parse(&format!(
                r#"{{"count_by":"{count_by}","tariff_per_minute":"0.07"}}"#
            ))
            .unwrap();
            files.push((
                format!("generated {columns} columns, {count_by}"),
                bytes,
                options,
            ));
        }
    }
    for (name, bytes, options) in &files {
        let (whole, csv) = import(options, bytes, 4096);
        if name.starts_with("generated") {
            // What the partitions must get right: duplicates, and legs of calls with no number.
            let count = |code: &str| {
                let reasons = serde_json::to_value(&whole.reasons).unwrap();
                let reason = reasons
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["code"] == code);
                reason.unwrap()["count"].as_u64().unwrap()
            };
            assert!(
                count("duplicate_row") > 100 && count("no_customer_number") > 50,
                "{name}"
            );
        }
        // Budgets: spill after the first chunk, or partway through the file.
        for (budget, size) in [(1, 7), (1, 4096), (6_000, 512), (60_000, 4096)] {
            let (report, again, spilled) = import_spilled(options, bytes, size, budget);
            assert_eq!(report, whole, "{name}: budget {budget}, chunks of {size}");
            assert_eq!(
                sorted_lines(&again),
                sorted_lines(&csv),
                "{name}: budget {budget}"
            );
            if budget == 1 {
                assert!(spilled, "{name}: budget {budget}");
            }
        }
    }
}
