// The example host page's script: sets the element's scenario (the worked example) and shows the
// last `result` event's total outside the element, as a portal would.
import './call-settle.js';

const element = document.querySelector('call-settle');
element.addEventListener('result', (e) => {
  document.querySelector('#host-total').textContent = e.detail.total ?? `${e.detail.errors.length} error(s)`;
});
element.scenario = {
  terms: { unit_price: '2.50', target_rate: '0.35', penalty_per_unit: '1.00' },
  months: [{ month: '2026-01', volume: '10000', success_rate: '0.30', sampled_records: '500', inaccurate_records: '10', telecom_charges: '1234.56' }],
};
document.querySelector('#lang').addEventListener('click', () => {
  element.setAttribute('lang', element.getAttribute('lang') === 'en' ? 'zh' : 'en');
});
