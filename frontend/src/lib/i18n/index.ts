/** i18next: zh-CN by default, English beside it; the choice is kept on the device. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

import { zhCN } from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE = 'zh-CN' satisfies Language;
const STORAGE_KEY = 'fumin.language';

// English is fetched when it is the choice: most read Chinese, and a cadre's first load on a weak
// signal should not wait for a language they do not use (docs/frontend.md, "First load").
const LOADERS: Record<Exclude<Language, typeof DEFAULT_LANGUAGE>, () => Promise<object>> = {
  en: () => import('./en').then((module) => module.en),
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(value ?? '')
      ? (value as Language)
      : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function setLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts this visit
  }
  void loadLanguage(language).then(() => i18n.changeLanguage(language));
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/** The language's words in i18next (English is a chunk of its own, fetched once). */
export async function loadLanguage(language: Language): Promise<void> {
  if (language === DEFAULT_LANGUAGE || i18n.hasResourceBundle(language, 'translation')) return;
  i18n.addResourceBundle(language, 'translation', await LOADERS[language]());
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  showSupportNotice: false,
});

const initialLanguage = storedLanguage();

/** Settled once the stored language's words are there: the app is first drawn after it. */
export const i18nReady: Promise<unknown> = loadLanguage(initialLanguage).then(() =>
  i18n.changeLanguage(initialLanguage),
);

export default i18n;
