/**
 * Where a todo row opens: the module's own case page when it has one, else the generic work-item
 * detail. A module's record shares its work item's id (信访: petitions.id = work_items.id).
 */
const MODULE_PAGES: Record<string, (id: number) => string> = {
  petition: (id) => `/xf/${id}`,
};

export function itemHref(item: { module: string; workItemId: number }): string {
  return (MODULE_PAGES[item.module] ?? ((id: number) => `/work-items/${id}`))(item.workItemId);
}
