// www/export.js, the pages' CSV writer (issue 20): the formula guard and RFC 4180 quoting, as a
// table, and a whole text (byte-order mark, CRLF). The browser tests check the files the pages
// write cell by cell (tests/e2e/print-export.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, csvText, fileStem } from '../../www/export.js';

test('csvField: text a spreadsheet would run gets a quote mark; plain numbers stay numbers', () => {
  const table = [
    ['8084.56', '8084.56'],
    ['-500.00', '-500.00'], // a number, never run
    ['-5', '-5'],
    ['0.30', '0.30'],
    ['', ''],
    [null, ''],
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+86 138', "'+86 138"],
    ['-2+3', "'-2+3"],
    ['-HT-2026-001', "'-HT-2026-001"],
    ['@某某外呼服务中心', "'@某某外呼服务中心"],
    ['\tx', "'\tx"],
    ['\rx', "\"'\rx\""],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', '"\'=HYPERLINK(""x"")"'],
    ['two\nlines', '"two\nlines"'],
    ['上海某某科技有限公司', '上海某某科技有限公司'],
    ['1.', '1.'], // not a formula (starts with a digit): as typed
  ];
  for (const [value, written] of table) assert.equal(csvField(value), written, JSON.stringify(value));
});

test('csvText: byte-order mark, fields joined by commas, CRLF after every row, empty rows kept', () => {
  assert.equal(csvText([['字段', '值'], [], ['=1', '-1.50']]), "\uFEFF字段,值\r\n\r\n'=1,-1.50\r\n");
});

test('fileStem: letters and digits of a contract number, else the fallback', () => {
  assert.equal(fileStem('-HT-2026-001', 'x'), 'HT-2026-001');
  assert.equal(fileStem('合同 2026/01', 'x'), '合同-2026-01');
  assert.equal(fileStem('  ', 'callsettle-plan'), 'callsettle-plan');
  assert.equal(fileStem(undefined, 'callsettle-plan'), 'callsettle-plan');
});
