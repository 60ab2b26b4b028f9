/**
 * A local stand-in for Shopify's Polaris web components (`s-*`), for the browser harness only.
 * In Shopify the host renders them; here (no network, no Shopify host) a stylesheet gives each
 * tag a plausible look from the attributes the blocks set, so a screenshot shows the layout.
 */
const css = `
s-admin-block, s-section, s-stack, s-banner, s-paragraph, s-heading { display: block; }
s-admin-block { background: #fff; border-radius: 12px; box-shadow: 0 1px 0 rgba(0,0,0,.07), 0 0 0 1px rgba(0,0,0,.06); padding: 16px; }
s-admin-block::before { content: attr(heading); display: block; font-weight: 650; font-size: 14px; margin-bottom: 12px; }
s-section { padding: 12px 0; border-top: 1px solid #ebebeb; }
s-section:first-child { border-top: 0; padding-top: 0; }
s-section::before { content: attr(heading); display: block; font-weight: 650; font-size: 14px; margin-bottom: 8px; }
s-stack[direction="inline"] { display: flex; flex-wrap: wrap; }
s-stack[direction="block"] { display: flex; flex-direction: column; }
s-stack[alignitems="center"] { align-items: center; }
s-stack[gap="small-100"] { gap: 4px; } s-stack[gap="small-200"] { gap: 6px; } s-stack[gap="base"] { gap: 12px; }
s-heading { font-weight: 650; font-size: 13px; }
s-text[type="strong"] { font-weight: 650; }
s-text[color="subdued"] { color: #616161; }
s-text[tone="critical"] { color: #8e1f0b; } s-text[tone="warning"] { color: #5e4200; }
s-badge { display: inline-block; border-radius: 8px; padding: 1px 8px; font-size: 12px; background: #e3e3e3; color: #303030; }
s-badge[tone="success"] { background: #cdfee1; color: #0c5132; } s-badge[tone="info"] { background: #e0f0ff; color: #00527c; }
s-badge[tone="warning"] { background: #ffd6a4; color: #5e4200; } s-badge[tone="critical"] { background: #fedad9; color: #8e1f0b; }
s-link { color: #005bd3; text-decoration: underline; cursor: pointer; }
s-button { display: inline-block; border-radius: 8px; padding: 6px 12px; background: #fff; box-shadow: inset 0 0 0 1px #c9c9c9; font-weight: 550; cursor: pointer; }
s-button[loading] { opacity: .5; pointer-events: none; }
s-button[loading]::after { content: " …"; }
s-banner { border-radius: 8px; padding: 8px 12px; background: #e0f0ff; }
s-banner[tone="success"] { background: #cdfee1; } s-banner[tone="critical"] { background: #fedad9; }
s-spinner { display: inline-block; width: 14px; height: 14px; border: 2px solid #c9c9c9; border-top-color: #303030; border-radius: 50%; }
`;

export function installPolarisStandIns(doc: Document): void {
  const style = doc.createElement('style');
  style.dataset.standIn = 'polaris';
  style.textContent = css;
  doc.head.append(style);
}
