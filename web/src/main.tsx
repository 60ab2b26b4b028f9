import '@shopify/polaris/build/esm/styles.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { createApiClient } from './api/client.js';
import { detectTokenSource } from './api/session-token.js';
import { startupRequests } from './api/startup-requests.js';

const tokens = detectTokenSource();
const client = createApiClient(tokens);
// the shop and the first page's data are asked for before React renders, side by side
for (const path of ['/shop', ...startupRequests(window.location.pathname, window.location.search)])
  client.prefetch(path);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} embedded={tokens.mode === 'embedded'} />
  </StrictMode>,
);
