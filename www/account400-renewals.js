// The 400-number page's renewal rows (issue 18, 1.1.4 续期): each row is `renewals[i]` with the
// inputs `renewals[i].date`, `renewals[i].months`, `renewals[i].new_end` and `renewals[i].fee`
// (the last three optional: left out when empty, so the module's defaults and its "months or
// new_end" check apply). account400.js reads them with the rest of the form by name.
import { t } from './i18n-account400.js';

const FIELDS = [
  ['date', 'renewal_col_date', 'numeric'],
  ['months', 'renewal_col_months', 'numeric'],
  ['new_end', 'renewal_col_new_end', 'numeric'],
  ['fee', 'renewal_col_fee', 'decimal'],
];

/**
 * Manages the rows in `list` (an <ol>), added by the button `add`; `none` is shown when there
 * are none. `lang()` gives the language; `changed()` is called after a row is added or removed.
 * Returns `{ add, relabel }`: `add({ date, months, new_end, fee })` adds a filled row (without
 * `changed`); `relabel` is to call when the language changes.
 */
export function mountRenewals({ list, add, none, lang, changed }) {
  function addRow(values = {}) {
    const row = document.createElement('li');
    row.className = 'renewal-row';
    for (const [field, , mode] of FIELDS) {
      const cell = document.createElement('span');
      cell.className = `cell cell-${field}`;
      // The field's caption, shown on a phone, where the row takes two lines and the head is hidden.
      const caption = document.createElement('span');
      caption.className = 'cell-label';
      caption.setAttribute('aria-hidden', 'true');
      cell.append(caption);
      const input = document.createElement('input');
      Object.assign(input, { type: 'text', inputMode: mode, spellcheck: false });
      if (field !== 'date') input.dataset.optional = '';
      if (field === 'date' || field === 'new_end') input.classList.add('date');
      input.value = values[field] ?? '';
      cell.append(input);
      row.append(cell);
    }
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'btn btn-remove';
    remove.dataset.action = 'remove-renewal';
    remove.textContent = '✕';
    const cell = document.createElement('span');
    cell.className = 'cell cell-remove';
    cell.append(remove);
    row.append(cell);
    list.append(row);
    relabel();
    return row;
  }

  /** Names and labels follow the row order: row i is renewals[i]. */
  function relabel() {
    const l = lang();
    [...list.children].forEach((row, i) => {
      const n = i + 1;
      row.querySelectorAll('input').forEach((input, k) => {
        const [field, label] = FIELDS[k];
        input.name = `renewals[${i}].${field}`;
        input.setAttribute('aria-label', t(l, 'renewal_field', { n, field: t(l, label) }));
        input.closest('.cell').querySelector('.cell-label').textContent = t(l, label);
        input.placeholder = field === 'months' ? t(l, 'renewal_months_hint') : field === 'fee' ? t(l, 'default_is', { v: 0 }) : t(l, 'date_hint');
      });
      const remove = row.querySelector('[data-action="remove-renewal"]');
      remove.title = t(l, 'remove_renewal_n', { n });
      remove.setAttribute('aria-label', remove.title);
    });
    none.hidden = list.children.length > 0;
  }

  add.addEventListener('click', () => {
    addRow().querySelector('input').focus();
    changed();
  });
  list.addEventListener('click', (event) => {
    const button = event.target.closest('[data-action="remove-renewal"]');
    if (!button) return;
    const row = button.closest('.renewal-row');
    const next = row.nextElementSibling ?? row.previousElementSibling;
    row.remove();
    relabel();
    (next?.querySelector('input') ?? add).focus();
    changed({ what: (l) => t(l, 'removed_renewal') });
  });
  relabel();
  return { add: addRow, relabel };
}
