import { useState } from 'react';
import { useApi } from '../api/api-context.js';
import { useI18n } from '../i18n/i18n.js';
import { useToast } from '../shell/toast.js';

/** Hands a file to the browser's downloads, as if a link to it had been clicked. */
function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // some browsers read the object URL after click() returns
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * Downloads an export from the admin API. The session token goes in a header, as for every other
 * call, so the file is fetched first and then saved; a failure shows the server's message.
 */
export function useDownload() {
  const api = useApi();
  const toast = useToast();
  const { t } = useI18n();
  const [downloading, setDownloading] = useState(false);
  const download = async (path: string) => {
    setDownloading(true);
    try {
      const file = await api.download(path);
      save(file.blob, file.filename);
      toast.show(t('export.done', { name: file.filename }));
    } catch (e) {
      toast.show(t('export.failed', { message: (e as Error).message }), { error: true });
    } finally {
      setDownloading(false);
    }
  };
  return { downloading, download };
}
