import { TextField } from '@shopify/polaris';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';

/** One text input of a connect form: the form value it edits, its label and how it shows. */
export interface CredentialField<K extends string> {
  key: K;
  label: MessageKey;
  help?: MessageKey;
  type?: 'url' | 'password';
  monospaced?: boolean;
}

/** The name and code every channel account has, first in each connect form. */
export const ACCOUNT_FIELDS: CredentialField<'name' | 'code'>[] = [
  { key: 'name', label: 'channels.form.name' },
  { key: 'code', label: 'channels.form.code', help: 'channels.form.codeHelp', monospaced: true },
];

/** The text inputs of one connect form, in order; secrets are password inputs that browsers do not fill. */
export function CredentialFields<F extends Record<string, string>>({
  form,
  set,
  fields,
}: {
  form: F;
  set: (k: keyof F & string) => (v: string) => void;
  fields: CredentialField<keyof F & string>[];
}) {
  const { t } = useI18n();
  return (
    <>
      {fields.map((f) => (
        <TextField
          key={f.key}
          label={t(f.label)}
          value={form[f.key]}
          onChange={set(f.key)}
          autoComplete="off"
          type={f.type}
          helpText={f.help ? t(f.help) : undefined}
          monospaced={f.monospaced}
        />
      ))}
    </>
  );
}
