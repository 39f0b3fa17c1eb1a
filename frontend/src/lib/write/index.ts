/**
 * The admin app's write UI, shared by every feature (Ant Design): a write's busy state and refusal
 * (field errors at their fields, "someone else saved first"), the form modal and alerts that show
 * it, a step that asks for a note (NoteButton), and a failed read's alert. Refusals are worded
 * by lib/api's problemWords.
 */
export { Failure } from './Failure';
export { fieldMessages, fieldPath, type FieldMessages, type FieldPath } from './fieldMessages';
export { FormModal } from './FormModal';
export { NoteButton, type ExtraField } from './NoteButton';
export { useWrite, type Write, type WriteOptions } from './useWrite';
export { WriteAlerts } from './WriteAlerts';
