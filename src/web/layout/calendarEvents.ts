/** Lets the 工作日历 page tell the shell's banner that the calendar changed (no global store needed). */
const EVENT = 'anwen:calendar-changed';

export function announceCalendarChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onCalendarChanged(listener: () => void): () => void {
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
