import { useSyncExternalStore } from 'react';
import { LANGS, TEXTS, type Lang, type Texts } from './texts';

/** The panel's language, per browser (Chinese unless the reader chose English). */
const LANG_KEY = 'govgraph.lang';

function stored(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let current: Lang = stored();
const listeners = new Set<() => void>();

export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // not stored: this page only
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The language in force, its texts and its HTML lang attribute. */
export function useLang(): { lang: Lang; t: Texts; htmlLang: string } {
  const lang = useSyncExternalStore(subscribe, () => current);
  return { lang, t: TEXTS[lang], htmlLang: LANGS.find((entry) => entry.lang === lang)!.htmlLang };
}
