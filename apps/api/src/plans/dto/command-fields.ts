/**
 * A check that a DTO takes every field of its command a client may send: `Missing` is the
 * command's fields that are neither in the DTO nor among those the api fills in itself or does
 * not take (`NotSent`). Given a command that gained a field, the compiler names the DTO's file
 * ("Type '"budget"' does not satisfy the constraint 'never'") until the DTO has the field, with
 * its validation and OpenAPI decorators, or lists it as not sent.
 */
export type EveryFieldTaken<Missing extends never> = Missing;

/** The fields of `Command` that `Dto` lacks, but for its type, its time and `NotSent`. */
export type FieldsNotTaken<Dto, Command, NotSent extends keyof Command = never> = Exclude<
  keyof Command,
  keyof Dto | NotSent | 'type' | 'now'
>;
