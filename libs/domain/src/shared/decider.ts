/** An event as the domain sees it: a type and its data; metadata is added when it is stored. */
export interface DomainEvent<Type extends string = string, Data = Record<string, unknown>> {
  readonly type: Type;
  readonly data: Data;
}

/** What a command carries besides its data. Time comes in here, never from a clock inside the domain. */
export interface CommandContext {
  /** ISO timestamp of when the command was received. */
  readonly now: string;
}

/** emmett's decider: decide(command, state) -> events, evolve(state, event) -> state. */
export interface Decider<Command, Event extends DomainEvent, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
