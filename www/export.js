// Files and links out of the pages (issue 20): CSV text, a file download, the share link copied,
// a chosen file read. Shared by the calculator (app.js, its plan: plan-export.js) and the what-if
// page. Nothing is sent anywhere: a download is a blob URL made in the page.

/** A plain decimal number ("-500.00", "8084.56", "0.30"): a spreadsheet reads it as a number. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One CSV field: text a spreadsheet will not run as a formula — a field starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return gets a `'` in front (as the module's rejected-rows CSV),
 * except a plain decimal number ("-500.00" is a number, not a formula) — then quoted when it holds
 * a comma, a quote or a line break (quotes doubled, RFC 4180).
 */
export function csvField(value) {
  let text = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of fields as CSV: UTF-8 with a byte-order mark (spreadsheets then read Chinese), CRLF. */
export function csvText(rows) {
  return `\uFEFF${rows.map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Offers `text` as a file `name` of MIME `type` (a blob URL, revoked after a while). */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name part from user text: letters, digits, - and _ kept, the rest dropped. */
export function fileStem(text, fallback) {
  const stem = String(text ?? '').trim().replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return stem || fallback;
}

/**
 * Copies `url` to the clipboard; where the browser refuses (no permission, an insecure page), puts
 * it in the read-only `box` (selected, so the user copies it). Returns 'copied' or 'shown'.
 */
export async function copyLink(url, box) {
  try {
    await navigator.clipboard.writeText(url);
    box.hidden = true;
    return 'copied';
  } catch {
    box.value = url;
    box.hidden = false;
    box.select();
    return 'shown';
  }
}

/** A chosen file's JSON value, or `{ error }`: 'unreadable' or 'not_json' (with the reason). */
export async function readJsonFile(file) {
  let text;
  try {
    text = await file.text();
  } catch (e) {
    return { error: 'unreadable', reason: String(e?.message ?? e) };
  }
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: 'not_json', reason: String(e?.message ?? e) };
  }
}
