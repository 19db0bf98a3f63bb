// The page kit's undo history (docs/rules.md, "Examples, undo and the selected month"): snapshots
// of the page's input — the same object the page keeps on the device and in the URL — one per
// change, the last UNDO_DEPTH of them. Nothing is mirrored into the module: undoing puts an older
// input back into the form through the page's own `apply`, which recomputes and keeps it as any
// edit does.
//
// What counts as one change: each action (a button, a paste, a slider drag, a choice in a list)
// and each run of typing in one field (the run ends when another field is typed in or an action
// is taken). A destructive action says what it changed in the notice (`what`), with an
// "撤销 / Undo" button; Ctrl+Z / Cmd+Z outside a text field undoes too (inside one, the browser's
// own undo of that field's text stays), Ctrl+Shift+Z / Ctrl+Y redoes.

import { el } from './ui.js';

/** At least the last ten changes can be undone (the issue asks for ten). */
export const UNDO_DEPTH = 20;

const TEXT = {
  zh: { undo: '撤销', redo: '重做', undone: '已撤销：{what}', redone: '已重做：{what}', nothing: '没有可撤销的修改', edit: '修改', close: '关闭提示' },
  en: { undo: 'Undo', redo: 'Redo', undone: 'Undone: {what}', redone: 'Redone: {what}', nothing: 'Nothing to undo', edit: 'edit', close: 'Close notice' },
};

const say = (lang, key, params = {}) => (TEXT[lang] ?? TEXT.zh)[key].replace(/\{(\w+)\}/g, (m, k) => params[k] ?? m);

/** An input field whose own text undo the browser keeps (Ctrl+Z there is the field's). */
function editsText(node) {
  if (!node || node.isContentEditable) return Boolean(node?.isContentEditable);
  if (node.tagName === 'TEXTAREA') return true;
  return node.tagName === 'INPUT' && !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'file', 'color'].includes(node.type);
}

/**
 * The undo history of a page. `apply(input, entry)` puts a snapshot back into the page (and
 * recomputes and keeps it); `entry` is the change undone or redone, with what the page recorded
 * with it (e.g. `select`, the row a removed month comes back to), and `undone` says which.
 * (e.g. the row a deleted month comes back to). `lang()` is the page's language.
 */
export function undoHistory({ apply, lang, depth = UNDO_DEPTH }) {
  // past[past.length - 1] is the input now; each entry: { text, key, what, ...what the page recorded }.
  let past = [];
  let future = [];
  let sealed = false; // after an undo or redo the next typing starts a change of its own
  const notice = el('div', { class: 'undo-notice', role: 'status', 'aria-live': 'polite', hidden: true });
  const noticeText = el('span', { class: 'undo-text' });
  const undoButton = el('button', { type: 'button', class: 'btn btn-sm', 'data-action': 'undo' });
  const closeButton = el('button', { type: 'button', class: 'btn btn-sm btn-icon undo-close', text: '×' });
  notice.append(noticeText, undoButton, closeButton);
  document.body.append(notice);
  let shown = null; // { key, params } of the notice's text, for a language switch

  function show(key, params) {
    shown = key ? { key, params } : null;
    notice.hidden = !key;
    relabel();
  }

  function relabel() {
    const l = lang();
    undoButton.textContent = say(l, 'undo');
    closeButton.title = say(l, 'close');
    closeButton.setAttribute('aria-label', say(l, 'close'));
    if (!shown) return;
    const params = Object.fromEntries(Object.entries(shown.params ?? {}).map(([k, v]) => [k, typeof v === 'function' ? v(l) : v]));
    noticeText.textContent = shown.key === 'what' ? params.what : say(l, shown.key, params);
    undoButton.hidden = past.length < 2;
  }

  const whatOf = (entry) => (l) => (entry.what ? entry.what(l) : say(l, 'edit'));

  function undo() {
    if (past.length < 2) {
      show('nothing');
      return false;
    }
    const entry = past.pop();
    future.push(entry);
    sealed = true;
    apply(JSON.parse(past[past.length - 1].text), entry, true);
    show('undone', { what: whatOf(entry) });
    return true;
  }

  function redo() {
    const entry = future.pop();
    if (!entry) return false;
    past.push(entry);
    sealed = true;
    apply(JSON.parse(entry.text), entry, false);
    show('redone', { what: whatOf(entry) });
    return true;
  }

  undoButton.addEventListener('click', () => undo());
  closeButton.addEventListener('click', () => show(null));
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || editsText(event.target)) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      undo();
    } else if ((key === 'z' && event.shiftKey) || key === 'y') {
      event.preventDefault();
      redo();
    }
  });

  return {
    /** The input the page starts with (or is reset to from outside: a link, a file). */
    start(input) {
      past = [{ text: JSON.stringify(input) }];
      future = [];
      show(null);
    },
    /**
     * After a change: the input now. `key` (a field's name) joins a run of typing in one field
     * into one change; `what(lang)` says what a destructive action changed (shown in the notice);
     * anything else (`select`, …) is kept for `apply`. An input equal to the last is no change.
     */
    commit(input, { key = null, what = null, ...recorded } = {}) {
      const text = JSON.stringify(input);
      const top = past[past.length - 1];
      if (!top || top.text === text) return;
      future = [];
      if (key !== null && top.key === key && past.length > 1 && !sealed) {
        top.text = text;
      } else {
        past.push({ ...recorded, text, key, what });
        if (past.length > depth + 1) past.splice(0, past.length - depth - 1);
      }
      sealed = false;
      // The notice speaks of the last change only: another change takes it away.
      show(what ? 'what' : null, what ? { what } : undefined);
    },
    undo,
    redo,
    /** How many changes can be undone now. */
    depth: () => past.length - 1,
    /** The notice in the page's language (after a switch). */
    relabel,
  };
}
