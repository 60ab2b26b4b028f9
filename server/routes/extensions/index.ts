import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../core/context.js';
import { createAdminAuth } from '../../plugins/admin-auth.js';
import { createCustomerAuth } from '../../plugins/customer-auth.js';
import { adminOrderBlockRoutes } from './admin-order.js';
import { adminProductBlockRoutes } from './admin-product.js';
import { customerOrderStatusRoutes } from './customer-order.js';

/**
 * /api/extensions: what the Shopify UI extensions call from Shopify's pages, cross-origin.
 * admin/ takes the admin extension's ID token (the App Bridge session token's format, so the
 * admin API's verification and install path are reused); customer/ takes a customer-account
 * extension's session token, whose claims differ (see customer-auth).
 */
export async function extensionRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  // tokens travel in the Authorization header, never in cookies: any origin may call
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'POST'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });

  await app.register(
    async (admin) => {
      admin.decorateRequest('shop', null as never);
      admin.addHook('preHandler', createAdminAuth(ctx));
      await admin.register(adminOrderBlockRoutes, { ctx });
      await admin.register(adminProductBlockRoutes, { ctx });
    },
    { prefix: '/admin' },
  );

  await app.register(
    async (customer) => {
      customer.decorateRequest('customer', null as never);
      customer.addHook('preHandler', createCustomerAuth(ctx));
      await customer.register(customerOrderStatusRoutes, { ctx });
    },
    { prefix: '/customer' },
  );
}
