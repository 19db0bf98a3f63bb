// The page kit's example mark (docs/rules.md, "Examples, undo and the selected month"). A page
// opened for the first time shows its worked example, marked as such: a "示例数据 / Example data"
// badge with one control to clear it, and every field that still holds an example value in the
// example style. The mark is on while the input started as the example (first visit, "reset to
// example") and some field still holds its example value; it goes when the user clears the
// example, when every example value has been typed over, or when an input from a link or a file
// replaces the form. It is kept on the device with the page's input (its own key).

import { el, forget, getPath, load, save } from './ui.js';

const TEXT = {
  zh: {
    badge: '示例数据',
    note: '灰色斜体的数值是示例，不是您的数据；清空后未填的项目按{defaults}。',
    clear: '清空示例',
  },
  en: {
    badge: 'Example data',
    note: 'Values in grey italics are the example’s, not yours; once cleared, blank fields count as {defaults}.',
    clear: 'Clear example',
  },
};

/** What a cleared form of contract 1 counts blanks as. */
const DEFAULTS = {
  zh: '合同默认值计算（通讯费 0、不抽查）',
  en: 'the contract’s defaults (telecom 0, no sampling)',
};

/** "terms.unit_price", "months[0].volume", … : every leaf of an example object. */
function leafPaths(value, prefix = '') {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([k, v]) => {
    const at = Array.isArray(value) ? `${prefix}[${k}]` : prefix ? `${prefix}.${k}` : k;
    return leafPaths(v, at);
  });
}

/**
 * The example mark of a page: `example` is its worked example (an input object), `key` where the
 * mark is kept on the device, `badge` the element the badge goes into, `find(path)` the input
 * named by a path (or null), `lang()` the page's language, `clear()` what the clear control does
 * (the page empties its form and records the change); `defaults` what a cleared form counts
 * blanks as, by language (the default: contract 1's).
 */
export function exampleMark({ example, key, badge, find, lang, clear, defaults = DEFAULTS }) {
  const paths = leafPaths(example);
  let on = load(key) === true;
  const title = el('strong', { class: 'example-title' });
  const note = el('span', { class: 'example-note' });
  const button = el('button', { type: 'button', class: 'btn btn-sm', 'data-action': 'clear-example' });
  badge.classList.add('example-badge');
  badge.replaceChildren(title, ' ', note, ' ', button);
  button.addEventListener('click', () => {
    set(false);
    clear();
  });
  let marked = [];

  function set(value) {
    on = value;
    if (on) save(key, true);
    else forget(key);
    refresh();
  }

  /**
   * Marks the fields that still hold an example value; the mark goes when none does. Runs on
   * every keystroke: only what changed is written (a class or attribute written again, even to
   * the same value, costs a style pass over a 120-month grid).
   */
  function refresh() {
    const now = [];
    let found = 0; // fields of the example in the form now (none: another input is shown)
    if (on) {
      for (const path of paths) {
        const input = find(path);
        if (input) found += 1;
        // Lists keep their first choice (the contract's default) when cleared: only typed fields.
        if (input?.tagName === 'INPUT' && input.value === String(getPath(example, path))) now.push(input);
      }
      if (found > 0 && now.length === 0) {
        on = false;
        forget(key);
      }
    }
    for (const input of marked) if (!now.includes(input)) input.classList.remove('is-example');
    for (const input of now) if (!input.classList.contains('is-example')) input.classList.add('is-example');
    marked = now;
    const shown = on && now.length > 0;
    if (badge.hidden === shown) badge.hidden = !shown;
    if (shown && !title.textContent) relabel();
  }

  function relabel() {
    const text = TEXT[lang()] ?? TEXT.zh;
    title.textContent = text.badge;
    note.textContent = text.note.replace('{defaults}', defaults[lang()] ?? defaults.zh);
    button.textContent = text.clear;
  }

  return { set, refresh, relabel };
}
