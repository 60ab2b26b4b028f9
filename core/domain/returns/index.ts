export * from './state-machine.js';
export * from './rma.js';
export * from './policy.js';
export * from './grading.js';
export * from './returns-warehouse.js';
export * from './figures.js';
export * from './reasons.js';
