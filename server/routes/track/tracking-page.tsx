import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactNode } from 'react';
import type { TrackingPageView } from '../../../core/use-cases/customers/load-tracking-page.js';
import { t, type PageLanguage } from './page-messages.js';

/** Small, inline, mobile first: one column that widens on a desktop. */
const css = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#18181b;background:#f4f4f5}
header{background:var(--brand);color:#fff;padding:16px 20px}header img{height:36px;display:block}header b{font-size:20px}
main{max-width:720px;margin:0 auto;padding:16px}h1{font-size:22px;margin:8px 0 2px}h2{font-size:17px;margin:0 0 8px}
.muted{color:#71717a;font-size:14px}.card{background:#fff;border-radius:10px;padding:16px;margin:14px 0;box-shadow:0 1px 2px rgba(0,0,0,.06)}
dl{display:grid;grid-template-columns:1fr;gap:2px 16px;margin:8px 0}dt{color:#71717a;font-size:13px}dd{margin:0 0 8px;word-break:break-all}
.badge{display:inline-block;border-radius:999px;padding:2px 10px;font-size:13px;background:#e4e4e7}.delivered{background:#dcfce7;color:#166534}.exception{background:#fee2e2;color:#991b1b}
.delay{background:#fef3c7;color:#92400e;border-radius:8px;padding:10px 12px;margin:8px 0;font-size:14px}
ol{list-style:none;margin:8px 0 0;padding:0 0 0 14px;border-left:2px solid var(--brand)}ol li{margin:0 0 10px;position:relative}
ol li:before{content:"";position:absolute;left:-20px;top:7px;width:10px;height:10px;border-radius:50%;background:var(--brand)}
ul.items{margin:0;padding-left:18px}a.btn{display:inline-block;margin-top:6px;color:var(--brand);font-weight:600}
@media(min-width:700px){dl{grid-template-columns:repeat(2,1fr)}h1{font-size:28px}}`;

function Shell({
  lang,
  title,
  color,
  children,
}: {
  lang: PageLanguage;
  title: string;
  color: string;
  children: ReactNode;
}) {
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        <style dangerouslySetInnerHTML={{ __html: `:root{--brand:${color}}${css}` }} />
      </head>
      <body>{children}</body>
    </html>
  );
}

const safeColor = (c: string) => (/^#[0-9a-f]{6}$/i.test(c) ? c : '#1f5f8b');

/** The customer's tracking page, as a complete HTML document with no script. */
export function renderTrackingPage(v: TrackingPageView): string {
  const lang = v.lang;
  const date = (d: Date) =>
    new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: v.shop.timezone }).format(
      d,
    );
  const dateTime = (d: Date) =>
    new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: v.shop.timezone,
    }).format(d);
  const statusKey = (s: string) =>
    `status.${['shipped', 'in_transit', 'out_for_delivery', 'delivered', 'exception'].includes(s) ? s : 'shipped'}` as 'status.shipped';
  const body = (
    <Shell
      lang={lang}
      title={`${t(lang, 'title', { order: v.order.name })} · ${v.shop.name}`}
      color={safeColor(v.shop.color)}
    >
      <header>{v.shop.logoUrl ? <img src={v.shop.logoUrl} alt={v.shop.name} /> : <b>{v.shop.name}</b>}</header>
      <main>
        <h1>{t(lang, 'title', { order: v.order.name })}</h1>
        <div className="muted">{t(lang, 'placed', { date: date(v.order.placedAt) })}</div>
        {v.shipments.length === 0 ? (
          <section className="card">
            <p>{t(lang, 'noParcel')}</p>
          </section>
        ) : null}
        {v.shipments.map((s, i) => (
          <section className="card" key={i}>
            <h2>
              {t(lang, 'parcel', { n: i + 1 })}{' '}
              <span className={`badge ${s.status}`}>{t(lang, statusKey(s.status))}</span>
            </h2>
            {s.delay ? <div className="delay">{t(lang, `delay.${s.delay}`)}</div> : null}
            <dl>
              {s.carrier ? (
                <div>
                  <dt>{t(lang, 'carrier')}</dt>
                  <dd>{s.carrier}</dd>
                </div>
              ) : null}
              {s.trackingNumbers.length ? (
                <div>
                  <dt>{t(lang, 'number')}</dt>
                  <dd>{s.trackingNumbers.join(', ')}</dd>
                </div>
              ) : null}
              {s.promisedDeliveryBy ? (
                <div>
                  <dt>{t(lang, 'promised')}</dt>
                  <dd>{date(s.promisedDeliveryBy)}</dd>
                </div>
              ) : null}
              {s.deliveredAt ? (
                <div>
                  <dt>{t(lang, 'status.delivered')}</dt>
                  <dd>{t(lang, 'deliveredOn', { date: date(s.deliveredAt) })}</dd>
                </div>
              ) : s.estimatedDelivery ? (
                <div>
                  <dt>{t(lang, 'estimated')}</dt>
                  <dd>{date(s.estimatedDelivery)}</dd>
                </div>
              ) : null}
            </dl>
            {s.carrierUrl ? (
              <a className="btn" href={s.carrierUrl} rel="noopener noreferrer">
                {t(lang, 'carrierLink')}
              </a>
            ) : null}
            <h2 style={{ marginTop: 14 }}>{t(lang, 'timeline')}</h2>
            <ol>
              {[...s.events].reverse().map((e, n) => (
                <li key={n}>
                  <b>{t(lang, statusKey(e.status))}</b>
                  {e.location ? ` · ${e.location}` : ''}
                  <div className="muted">
                    {dateTime(e.occurredAt)}
                    {e.description ? ` · ${e.description}` : ''}
                  </div>
                </li>
              ))}
              <li>
                <b>{t(lang, 'status.shipped')}</b>
                <div className="muted">{dateTime(s.shippedAt)}</div>
              </li>
            </ol>
          </section>
        ))}
        <section className="card">
          <h2>{t(lang, 'items')}</h2>
          <ul className="items">
            {v.items.map((it, n) => (
              <li key={n}>
                {it.quantity} × {it.title}
              </li>
            ))}
          </ul>
          {v.returnUrl ? (
            <a className="btn" href={v.returnUrl}>
              {v.lang === 'fr' ? 'Retourner un article' : 'Return an item'}
            </a>
          ) : null}
        </section>
      </main>
    </Shell>
  );
  return `<!doctype html>${renderToStaticMarkup(body)}`;
}

/** The plain page for a wrong or expired token, and for too many requests. */
export function renderMessagePage(lang: PageLanguage, title: string, text: string): string {
  return `<!doctype html>${renderToStaticMarkup(
    <Shell lang={lang} title={title} color="#3f3f46">
      <main>
        <section className="card">
          <h1>{title}</h1>
          <p>{text}</p>
        </section>
      </main>
    </Shell>,
  )}`;
}
