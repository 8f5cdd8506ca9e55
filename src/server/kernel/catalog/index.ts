/** The module descriptors and the one visibility rule every read path uses. */
export type { ModuleDescriptor, ItemWording, FieldWord, ScopedUser, KeyFigure } from './descriptor.ts';
export { createCatalog, moduleVisibleSql, type ModuleCatalog } from './catalog.ts';
export { loadVisibleItem, lockItem, unitMaySee, type VisibleItem } from './visible-item.ts';
