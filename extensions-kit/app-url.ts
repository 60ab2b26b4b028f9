/**
 * Where the app's API lives: `application_url` of shopify.app.toml (a test keeps the two equal).
 * UI extensions run on Shopify's origin, so they need the absolute address.
 */
export const APP_URL = 'https://app.example.com';
