// A date picker for the text date fields (input.date): a small button after the field opens the
// browser's own calendar (an <input type="date"> kept out of sight and out of the tab order, and
// showPicker()); the day picked is written into the text field as YYYY-MM-DD, followed by an
// `input` event as if typed. The text field stays the named input: what the user typed (also
// "2027年3月31日" or "2027/3/31", which the module reads) is never replaced unless a day is picked.
// Keyboard: the button is a button (Tab, Enter, Space); its accessible name says which field.
// Rows added later (top-ups, renewals) get their button too (a MutationObserver on `root`).

/**
 * Adds a picker to every `input.date` in `root`, now and later. `label(input)` gives the button's
 * accessible name. Returns `refresh()`, which renames the buttons (after a language change).
 */
export function datePickers(root, label) {
  const enhance = () => {
    for (const input of root.querySelectorAll('input.date:not([data-picker])')) add(input, label);
  };
  enhance();
  new MutationObserver(enhance).observe(root, { childList: true, subtree: true });
  return () => {
    for (const input of root.querySelectorAll('input.date[data-picker]')) {
      const button = input.parentElement.querySelector('.date-pick');
      button.setAttribute('aria-label', label(input));
      button.title = label(input);
    }
  };
}

/** The browser's calendar, one for the page, placed over the button that opens it. */
let native = null;
let target = null;

function calendar() {
  if (native) return native;
  native = document.createElement('input');
  native.type = 'date';
  native.className = 'date-native';
  native.tabIndex = -1;
  native.setAttribute('aria-hidden', 'true');
  // Its own events are not a form's: only the text field's `input` counts.
  for (const type of ['input', 'change']) native.addEventListener(type, (e) => e.stopPropagation());
  native.addEventListener('change', () => {
    if (!native.value || !target) return;
    target.value = native.value;
    target.dispatchEvent(new Event('input', { bubbles: true }));
    target.focus();
  });
  document.body.append(native);
  return native;
}

/** A small calendar drawn in SVG (no emoji font needed), hidden from screen readers. */
function icon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(ns, 'path');
  // A page with two rings and a header line; a dot for the day.
  path.setAttribute('d', 'M2.5 3.5h11v10h-11zM2.5 6.5h11M5 2v3M11 2v3M10 9.5h2v2h-2z');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '1.3');
  svg.append(path);
  return svg;
}

function add(input, label) {
  input.dataset.picker = '';
  const wrap = document.createElement('span');
  wrap.className = 'date-wrap';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'date-pick';
  button.setAttribute('aria-label', label(input));
  button.title = label(input);
  button.append(icon());
  input.replaceWith(wrap);
  wrap.append(input, button);
  button.addEventListener('click', () => {
    const picker = calendar();
    target = input;
    // Opens on the day in the field when it is one (ISO text), else on today.
    picker.value = /^\d{4}-\d{2}-\d{2}$/.test(input.value.trim()) ? input.value.trim() : '';
    const box = button.getBoundingClientRect();
    picker.style.left = `${Math.round(box.left)}px`;
    picker.style.top = `${Math.round(box.bottom)}px`;
    try {
      picker.showPicker();
    } catch {
      input.focus(); // no showPicker: the text field still takes any date as typed
    }
  });
}
