/**
 * 会议 (issue 16): 联席会议, 会商研判会, 调度会 … — attendees (出席/列席), 议题 linked to items of any module under the
 * catalog's visibility, 议定事项 creating 督办事项 (source kind 'meeting', id = the decision), the 会议纪要 (DOCX with the
 * convening unit's 代字). scope.ts is the one visibility rule. Reached from outside through the module's index.
 */
export { meetingRoutes } from './routes.ts';
export { createMeeting, addDecision, withdrawDecision, withdrawTask, editMeeting } from './write.ts';
export { issueMinutes } from './minutes.ts';
export type { MeetingInput } from './input.ts';
