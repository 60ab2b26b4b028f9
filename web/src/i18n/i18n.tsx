import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../api/types.js';
import { createFormat, type Format, type FormatSettings } from '../format/format.js';
import { en, type MessageKey, type Message } from './messages-en.js';
import { fr } from './messages-fr.js';

export type { MessageKey };

/** Values put into a message's `{name}` slots; `count` also picks the plural form. */
export type MessageVars = Record<string, string | number>;
/** Translates one message key. */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

/** The UI language with its translator and the shop's formatters. */
export interface I18n {
  language: Language;
  t: Translate;
  format: Format;
}

const catalogs: Record<Language, Record<MessageKey, Message>> = { en, fr };
const I18nContext = createContext<I18n | null>(null);

/** Builds the translator for a language. */
export function createTranslate(language: Language): Translate {
  const catalog = catalogs[language];
  const plural = new Intl.PluralRules(language);
  return (key, vars) => {
    const m = catalog[key] ?? en[key];
    const text = typeof m === 'string' ? m : plural.select(Number(vars?.count ?? 0)) === 'one' ? m.one : m.other;
    return vars ? text.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all)) : text;
  };
}

/** Provides the language and the shop's formats to the whole app. */
export function I18nProvider({
  language,
  formatSettings,
  children,
}: {
  language: Language;
  formatSettings: Omit<FormatSettings, 'language'>;
  children: ReactNode;
}) {
  const { shopLocale, currency, timeZone } = formatSettings;
  const value = useMemo<I18n>(
    () => ({
      language,
      t: createTranslate(language),
      format: createFormat({ language, shopLocale, currency, timeZone }),
    }),
    [language, shopLocale, currency, timeZone],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language, translator and formatters. */
export function useI18n(): I18n {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** The language to start in before the shop's setting is known: Shopify passes `locale` to embedded apps. */
export function initialLanguage(search: string, navigatorLanguage: string | undefined): Language {
  const wanted = new URLSearchParams(search).get('locale') ?? navigatorLanguage ?? 'en';
  return wanted.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
