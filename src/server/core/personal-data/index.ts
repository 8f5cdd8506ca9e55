/** Personal data protection: encryption at rest, blind indexes, masking, audited reveal. */
export { loadPersonalDataKeys, deriveKeys, type PersonalDataKeys } from './keys.ts';
export { encryptValue, decryptValue, blindIndex, normalize, type PersonalField } from './protect.ts';
export { maskIdNumber, maskPhone, maskName } from './mask.ts';
export { isValidIdNumber, isValidPhone } from '../../../shared/id-phone.ts';
export { checkPersonalDataKey, keyVerifier, KEY_CHECK_SETTING, type KeySource } from './key-check.ts';
export { revealPersonalValue, MIN_REVEAL_REASON_LENGTH } from './reveal.ts';
