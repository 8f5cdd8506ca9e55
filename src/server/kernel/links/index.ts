/** Typed links between work items of any modules: kinds as data, link/unlink audited on both items, lists and counts under the one visibility rule. */
export { KERNEL_LINK_KINDS, linkName, linkPhrase, mergeLinkKinds, type LinkDirection, type LinkKindDef } from './kinds.ts';
export { describeLinkAudit, linkAuditOtherId, isLinkAudit, type LinkAuditView } from './link-wording.ts';
export { linkItems, unlinkItems, type LinkInput } from './link-items.ts';
export { findVisibleByRef, linkCountSql, linkedItemIdsSql, listLinks, type ItemLinkView } from './list-links.ts';
