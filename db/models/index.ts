export * from './geography';
export * from './organisation';
export { PolicyVersion } from './policy-version';
