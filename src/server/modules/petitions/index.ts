/**
 * 信访 as other modules reach it (ESLint: a module imports another only through its index): the few use cases
 * another module may call. The registry imports the module's own files directly.
 */
export { registerPetitionFromDispute, type PetitionFromDispute } from './register-from-dispute.ts';
