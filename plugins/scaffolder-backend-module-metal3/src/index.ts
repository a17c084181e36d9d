/**
 * Scaffolder actions of the Metal3 plugin set.
 *
 * @packageDocumentation
 */

// The module is the API: it registers every action. The render action's
// factory is not exported on its own: its type is inferred from zod schemas,
// whose unions TypeScript orders by internal type ids, so its API report
// changed with unrelated edits elsewhere in the program.
export { scaffolderModuleMetal3 as default } from './module';
