/**
 * The dashboard's one script, inline and allowed by its hash in the page's Content-Security-Policy (no other
 * script can run, whatever the data holds). It reads nothing but the page: it reveals the cell selector, shows
 * the chosen cell (or all) and keeps the choice in the address's #fragment. Without it every cell is shown.
 */
import { createHash } from 'node:crypto';

export const SITE_SCRIPT = `
(() => {
  const picker = document.getElementById('cell-picker');
  const select = document.getElementById('cell-select');
  const sections = Array.from(document.querySelectorAll('section[data-cell]'));
  if (picker === null || select === null || sections.length === 0) return;
  const show = (wanted, remember) => {
    const known = wanted === 'all' || sections.some((section) => section.id === wanted);
    const chosen = known ? wanted : sections[0].id;
    for (const section of sections) section.hidden = chosen !== 'all' && section.id !== chosen;
    select.value = chosen;
    if (remember) {
      try { history.replaceState(null, '', '#' + chosen); } catch { /* a file: page may refuse */ }
    }
  };
  select.addEventListener('change', () => show(select.value, true));
  window.addEventListener('hashchange', () => show(decodeURIComponent(location.hash.slice(1)), false));
  picker.hidden = false;
  show(decodeURIComponent(location.hash.slice(1)), false);
})();
`;

/** The CSP source that allows exactly SITE_SCRIPT: 'sha256-<base64>'. */
export function computeScriptSource(script: string = SITE_SCRIPT): string {
  return `'sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}'`;
}
