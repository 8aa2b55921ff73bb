// Streamlit's own words (file upload, empty lists, keyboard hints) and its date fields
// follow the browser, not the app: this puts them in the app's language. Installed once per
// browser tab; each run passes the current language and table (GEO_LANG, GEO_TABLE).
(() => {
  const lang = GEO_LANG;
  window.__geoLocale = lang === "zh" ? "zh-CN" : "en-US";
  window.__geoTable = lang === "zh" ? GEO_TABLE : { exact: {}, patterns: [] };
  if (!window.__geoChrome) {
    window.__geoChrome = true;
    // Date fields read navigator.language for their segment order and placeholders.
    try {
      Object.defineProperty(Navigator.prototype, "language", {
        get: () => window.__geoLocale, configurable: true,
      });
      Object.defineProperty(Navigator.prototype, "languages", {
        get: () => [window.__geoLocale], configurable: true,
      });
    } catch (e) { /* a browser that refuses keeps its own language */ }
    const say = (text) => {
      const table = window.__geoTable;
      const trimmed = text.trim();
      if (!trimmed) return null;
      if (Object.prototype.hasOwnProperty.call(table.exact, trimmed)) {
        return text.replace(trimmed, table.exact[trimmed]);
      }
      for (const [pattern, replacement] of table.patterns) {
        const re = new RegExp(pattern);
        if (re.test(trimmed)) return text.replace(trimmed, trimmed.replace(re, replacement));
      }
      return null;
    };
    // Text this script changed, with what Streamlit wrote: switching back to English puts
    // Streamlit's words back where React does not redraw them (an unchanged uploader).
    const changed = new Map();
    window.__geoRestore = () => {
      for (const [node, [original, said]] of changed) {
        if (node.isConnected && node.nodeValue === said) node.nodeValue = original;
      }
      changed.clear();
    };
    const visit = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const before = node.nodeValue;
        const said = say(before);
        if (said !== null && said !== before) {
          node.nodeValue = said;
          changed.set(node, [before, said]);
        }
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      // Text only: react-aria reads its own attributes (labels, placeholders), and changing
      // them under it breaks its lists; the app passes its own placeholders instead.
      if (node.closest && node.closest("[data-geo-data]")) return;
      node.childNodes.forEach(visit);
    };
    const observer = new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === "characterData") visit(change.target);
        else change.addedNodes.forEach(visit);
      }
    });
    observer.observe(document.body, {
      subtree: true, childList: true, characterData: true,
    });
    window.__geoVisit = visit;
  }
  if (lang !== "zh") window.__geoRestore();
  window.__geoVisit(document.body);
})();
