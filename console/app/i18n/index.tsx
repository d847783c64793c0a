import { createContext, useContext } from 'react';
import { zh, type Dictionary } from './zh';
import { en } from './en';

export type Lang = 'zh' | 'en';

/** Where the chosen language is kept between visits. */
export const LANG_KEY = 'govgraph.lang';

export const DICTIONARIES: Record<Lang, Dictionary> = { zh, en };

export function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // storage refused (private mode): the choice lasts this page only
  }
  document.documentElement.lang = DICTIONARIES[lang].lang;
}

export const I18nContext = createContext<Dictionary>(zh);

export function useT(): Dictionary {
  return useContext(I18nContext);
}

/** The label `<prefix><value>` of the dictionary (e.g. `access_ALLOW`), or the value itself when it has none. */
export function labelOf(t: Dictionary, prefix: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const label = (t as unknown as Record<string, unknown>)[`${prefix}${value}`];
  return typeof label === 'string' ? label : String(value);
}

export type { Dictionary };
