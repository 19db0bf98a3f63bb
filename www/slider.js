// A range slider that a tap does not move (docs/rules.md, "Examples, undo and the selected
// month"): on a phone a finger scrolling the page lands on the track, and the browser's own
// slider jumps to that point. Here the pointer never reaches the native control (CSS
// `pointer-events: none` on it, `.deliberate-slider`); its wrapper takes the pointer instead and
// moves the value only after a deliberate horizontal drag of at least DRAG_PX, by the distance
// dragged (the thumb follows the finger from where it was, it never jumps). A tap only focuses
// the slider; the keyboard (arrows, Home, End, Page Up/Down) works as on any slider.

/** How far (CSS px) the pointer must move sideways before the slider follows it. */
export const DRAG_PX = 8;

/** Makes `slider` (an `<input type="range">`) move only on a drag; it fires `input` as it moves. */
export function deliberateSlider(slider) {
  const wrap = document.createElement('span');
  wrap.className = 'deliberate-slider';
  slider.replaceWith(wrap);
  wrap.append(slider);
  let drag = null;

  wrap.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    slider.focus({ preventScroll: true });
    drag = { id: event.pointerId, x: event.clientX, y: event.clientY, from: Number(slider.value), moving: false };
  });
  wrap.addEventListener('pointermove', (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const dx = event.clientX - drag.x;
    if (!drag.moving) {
      // A mostly vertical move is the page scrolling, not the slider.
      if (Math.abs(dx) < DRAG_PX || Math.abs(dx) < Math.abs(event.clientY - drag.y)) return;
      drag.moving = true;
      wrap.setPointerCapture(event.pointerId);
    }
    const min = Number(slider.min || 0);
    const max = Number(slider.max || 100);
    const step = Number(slider.step) || 1;
    const width = slider.getBoundingClientRect().width || 1;
    const raw = drag.from + ((dx - Math.sign(dx) * DRAG_PX) / width) * (max - min);
    const next = Math.min(max, Math.max(min, min + Math.round((raw - min) / step) * step));
    if (String(next) !== slider.value) {
      slider.value = String(next);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  const end = (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const moved = drag.moving;
    drag = null;
    if (moved) slider.dispatchEvent(new Event('change', { bubbles: true }));
  };
  wrap.addEventListener('pointerup', end);
  wrap.addEventListener('pointercancel', end);
  return wrap;
}
