/** The kernel's case state machine: define once, ask what is allowed, refuse what is not. */
export {
  defineMachine,
  allowedActions,
  assertTransition,
  type Machine,
  type ActionDef,
  type StateDef,
  type AllowedAction,
  type MachineItem,
  type CheckedTransition,
} from './machine.ts';
