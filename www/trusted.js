// The pages' one Trusted Types policy, "callsettle" (docs/rules.md, "Embedding"). Under a
// deployer's `require-trusted-types-for 'script'` the browser refuses a plain string in a script
// URL sink: a script element's `src` (uPlot, loaded after the first bill), `new Worker(url)` (the
// results import), `navigator.serviceWorker.register(url)` (offline use). Those calls pass their
// URL through `scriptURL`, which vouches only for a file of this origin. A CSP that names the
// allowed policies needs `trusted-types callsettle`. The pages write no markup from text (only
// textContent), so there is no HTML policy. Without Trusted Types the URL is used as it is.

/** The policy, or null: no Trusted Types, or a CSP that does not allow the name "callsettle". */
function makePolicy() {
  try {
    return globalThis.trustedTypes?.createPolicy('callsettle', {
      createScriptURL(url) {
        const parsed = new URL(url, location.href);
        if (parsed.origin !== location.origin) throw new TypeError(`callsettle: not a script of this origin: ${url}`);
        return parsed.href;
      },
    }) ?? null;
  } catch {
    return null; // the sinks then refuse the URL: the chart reports a failure, the page goes on
  }
}
const policy = makePolicy();

/** `url` (a URL of this origin) as a script URL that Trusted Types accepts. */
export function scriptURL(url) {
  return policy ? policy.createScriptURL(String(url)) : String(url);
}
