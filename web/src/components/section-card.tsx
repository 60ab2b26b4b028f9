import { Card } from '@shopify/polaris';
import type { ReactNode } from 'react';

/** A form section's card, named for assistive technology (several sections can hold fields with the same names). */
export function SectionCard({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={label}>
      <Card>{children}</Card>
    </div>
  );
}
