import { Toast } from '@shopify/polaris';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { appBridge } from '../api/session-token.js';

/** Shows a short confirmation or failure message. */
export interface Toaster {
  show(message: string, opts?: { error?: boolean }): void;
}

const ToastContext = createContext<Toaster | null>(null);

/** Toasts through App Bridge inside Shopify admin, else Polaris toasts in the frame. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<{ id: number; message: string; error: boolean }[]>([]);
  const show = useCallback((message: string, opts?: { error?: boolean }) => {
    const bridge = appBridge();
    if (bridge) {
      bridge.toast.show(message, { isError: opts?.error ?? false });
      return;
    }
    setToasts((ts) => [...ts.slice(-2), { id: Date.now() + Math.random(), message, error: opts?.error ?? false }]);
  }, []);
  const value = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      {toasts.map((t) => (
        <Toast
          key={t.id}
          content={t.message}
          error={t.error}
          duration={t.error ? 8000 : 4000}
          onDismiss={() => setToasts((ts) => ts.filter((x) => x.id !== t.id))}
        />
      ))}
    </ToastContext.Provider>
  );
}

/** The toaster. */
export function useToast(): Toaster {
  const v = useContext(ToastContext);
  if (!v) throw new Error('useToast outside ToastProvider');
  return v;
}
