//! CSV through csv-core, the incremental core of the `csv` crate: a file is fed chunk by chunk
//! (no whole-file text), each complete row handed on with its fields, its line number and, on
//! request, its bytes as they were in the file.

use csv_core::{ReadRecordResult, WriteResult};

/// A row as read: its fields, the line it starts on, and its bytes in the file.
pub struct Row<'a> {
    data: &'a [u8],
    ends: &'a [usize],
    /// Bytes of this row (and of line ends before it) that came in earlier chunks.
    carry: &'a [u8],
    /// Its bytes in the current chunk.
    tail: &'a [u8],
    /// Lines ended before the bytes above.
    lines_before: u64,
}

impl Row<'_> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i` (unquoted); empty past the last field.
    pub fn field(&self, i: usize) -> &[u8] {
        let Some(&end) = self.ends.get(i) else {
            return &[];
        };
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.data[start..end]
    }

    /// All fields, unquoted.
    pub fn fields(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).map(|i| self.field(i))
    }

    /// The bytes of all fields and where each ends: what identical rows share.
    pub fn parts(&self) -> (&[u8], &[usize]) {
        (
            &self.data[..self.ends.last().copied().unwrap_or(0)],
            self.ends,
        )
    }

    /// The row's bytes as they were in the file, without the line ends around them.
    pub fn raw(&self) -> Vec<u8> {
        let mut raw = Vec::with_capacity(self.carry.len() + self.tail.len());
        raw.extend_from_slice(self.carry);
        raw.extend_from_slice(self.tail);
        let start = raw
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let end = raw.len()
            - raw
                .iter()
                .rev()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        raw[start.min(end)..end].to_vec()
    }

    /// The line (1-based) the row starts on.
    pub fn line(&self) -> u64 {
        let leading = self
            .carry
            .iter()
            .chain(self.tail)
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .filter(|b| **b == b'\n')
            .count();
        self.lines_before + leading as u64 + 1
    }
}

/// A CSV stream: rows split across chunks are completed by the next chunk.
pub struct Stream {
    reader: csv_core::Reader,
    data: Vec<u8>,
    ends: Vec<usize>,
    ndata: usize,
    nends: usize,
    carry: Vec<u8>,
    /// Lines ended before the current row's bytes began.
    lines_before: u64,
}

impl Default for Stream {
    fn default() -> Self {
        Stream {
            reader: csv_core::Reader::new(),
            data: vec![0; 4096],
            ends: vec![0; 32],
            ndata: 0,
            nends: 0,
            carry: Vec::new(),
            lines_before: 0,
        }
    }
}

impl Stream {
    /// Reads `chunk` (an empty one: the end of the file), handing each complete row to `each`.
    pub fn feed(&mut self, chunk: &[u8], mut each: impl FnMut(&Row)) {
        let (mut pos, mut row_start) = (0, 0);
        loop {
            let (result, nin, ndata, nends) = self.reader.read_record(
                &chunk[pos..],
                &mut self.data[self.ndata..],
                &mut self.ends[self.nends..],
            );
            pos += nin;
            self.ndata += ndata;
            self.nends += nends;
            match result {
                ReadRecordResult::InputEmpty => {
                    self.carry.extend_from_slice(&chunk[row_start..]);
                    return;
                }
                ReadRecordResult::OutputFull => {
                    let n = self.data.len();
                    self.data.resize(n * 2, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len();
                    self.ends.resize(n * 2, 0);
                }
                ReadRecordResult::Record => {
                    each(&Row {
                        data: &self.data[..self.ndata],
                        ends: &self.ends[..self.nends],
                        carry: &self.carry,
                        tail: &chunk[row_start..pos],
                        lines_before: self.lines_before,
                    });
                    self.carry.clear();
                    self.ndata = 0;
                    self.nends = 0;
                    row_start = pos;
                    self.lines_before = self.reader.line() - 1;
                }
                ReadRecordResult::End => return,
            }
        }
    }
}

/// The fields of the first `max` rows of `bytes` (a file's head, cut anywhere: a last row
/// without its line end is left out).
pub fn rows(bytes: &[u8], max: usize) -> Vec<Vec<Vec<u8>>> {
    let mut stream = Stream::default();
    let mut out = Vec::new();
    let mut take = |row: &Row| {
        if out.len() < max {
            out.push(row.fields().map(<[u8]>::to_vec).collect());
        }
    };
    stream.feed(bytes, &mut take);
    out
}

impl Stream {
    /// The fields of one row's text (as [`Row::raw`] gives it), read afresh by this stream
    /// (kept for the purpose: building a reader's tables costs more than reading a row).
    pub fn fields(&mut self, raw: &[u8]) -> Vec<Vec<u8>> {
        self.reader.reset();
        (self.ndata, self.nends, self.lines_before) = (0, 0, 0);
        self.carry.clear();
        let mut out = Vec::new();
        let mut take = |row: &Row| {
            if out.is_empty() {
                out = row.fields().map(<[u8]>::to_vec).collect();
            }
        };
        self.feed(raw, &mut take);
        self.feed(&[], &mut take);
        out
    }
}

/// Writes CSV rows into its byte buffer `out` (fields quoted where needed, `"` doubled).
pub struct Writer {
    writer: csv_core::Writer,
    pub out: Vec<u8>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer {
            writer: csv_core::WriterBuilder::new()
                .terminator(csv_core::Terminator::Any(b'\n'))
                .build(),
            out: Vec::new(),
        }
    }
}

impl Writer {
    /// One row.
    pub fn record<'f>(&mut self, fields: impl IntoIterator<Item = &'f [u8]>) {
        let mut buf = [0u8; 1024];
        for (i, mut field) in fields.into_iter().enumerate() {
            if i > 0 {
                let (_, n) = self.writer.delimiter(&mut buf);
                self.out.extend_from_slice(&buf[..n]);
            }
            loop {
                let (result, nin, nout) = self.writer.field(field, &mut buf);
                self.out.extend_from_slice(&buf[..nout]);
                field = &field[nin..];
                if result == WriteResult::InputEmpty {
                    break;
                }
            }
        }
        let (_, n) = self.writer.terminator(&mut buf);
        self.out.extend_from_slice(&buf[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, fields, raw) of every row of `text` fed in chunks of `size` bytes.
    fn read(text: &[u8], size: usize) -> Vec<(u64, Vec<String>, String)> {
        let mut stream = Stream::default();
        let mut out = Vec::new();
        let mut take = |row: &Row| {
            let fields = row
                .fields()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            out.push((
                row.line(),
                fields,
                String::from_utf8_lossy(&row.raw()).into_owned(),
            ));
        };
        for chunk in text.chunks(size) {
            stream.feed(chunk, &mut take);
        }
        stream.feed(&[], &mut take);
        out
    }

    #[test]
    fn rows_lines_and_raw_text_are_the_same_whatever_the_chunks() {
        let text = b"a,\"b,1\",60\r\n\r\n\"multi\nline\",x,\"\"\"q\"\"\"\r\nlast,row,no-end";
        let expected = vec![
            (
                1,
                vec!["a".into(), "b,1".into(), "60".into()],
                "a,\"b,1\",60".into(),
            ),
            (
                3,
                vec!["multi\nline".into(), "x".into(), "\"q\"".into()],
                "\"multi\nline\",x,\"\"\"q\"\"\"".into(),
            ),
            (
                5,
                vec!["last".into(), "row".into(), "no-end".into()],
                "last,row,no-end".into(),
            ),
        ];
        for size in [1, 2, 3, 7, 64] {
            assert_eq!(read(text, size), expected, "chunks of {size}");
        }
        let lf = read(b"a\nb\n\nc\n", 2);
        assert_eq!(lf.iter().map(|r| r.0).collect::<Vec<_>>(), [1, 2, 4]);
    }

    #[test]
    fn rows_of_a_head_and_writing() {
        assert_eq!(
            rows(b"a,b\nc,d\ne,", 2),
            vec![
                vec![b"a".to_vec(), b"b".to_vec()],
                vec![b"c".to_vec(), b"d".to_vec()]
            ]
        );
        let mut writer = Writer::default();
        writer.record([&b"x,y"[..], b"say \"hi\"", b"", b"plain"]);
        assert_eq!(writer.out, b"\"x,y\",\"say \"\"hi\"\"\",,plain\n");
    }
}
