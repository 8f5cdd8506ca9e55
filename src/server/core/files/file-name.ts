/**
 * Characters a file name shown to people never keeps: C0 and C1 controls, the bidirectional embeddings,
 * overrides and isolates (U+202A–202E, U+2066–2069) and marks (U+200E/200F, U+061C) that make
 * "invoice\u202Efdp.exe" read as "invoiceexe.pdf", zero-width characters and line/paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const UNSAFE_IN_NAMES = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;

/** `name` without the characters that may hide what a file really is (see UNSAFE_IN_NAMES); the one place names are cleaned. */
export const withoutUnsafeChars = (name: string): string => name.replace(UNSAFE_IN_NAMES, '');
