/** Work items as a kernel API: the one transition runner, its acting parties, business dates. */
export { runAction, type ModuleActions, type ActionStep } from './run-action.ts';
export { createItem } from './create-item.ts';
export { asStaff, staffOnly, isCitizenOf, type ActingParty } from './acting-party.ts';
export { BUSINESS_DATE_FIELDS, BACKDATE_WINDOW_SETTING, checkBusinessDate, businessInstant, loadBackdateWindow } from './business-date.ts';
export { registerActionRoute, type ActionRouteStep } from './action-route.ts';
