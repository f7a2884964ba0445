export * from './enums';
export * from './error-codes';
export * from './money';
export * from './error-titles';
export * from './jobs';
