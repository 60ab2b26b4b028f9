/**
 * The safety factor z the server derives from a service level (Φ⁻¹ of it). Part of the contract so
 * the settings page previews exactly the number the replenishment run will use. Kept apart from
 * the schemas so the admin app can import it without bundling zod; pure, no I/O.
 */
export { serviceLevelZ } from '../../domain/replenishment/inverse-normal.js';
