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

/**
 * Decides several commands in turn, each on the state the previous ones left: the events of
 * a whole document import, decided before anything is written, so it is all or nothing.
 */
export function decideSequence<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  commands: readonly Command[],
  state: State,
): Event[] {
  const events: Event[] = [];
  let current = state;
  for (const command of commands) {
    const decided = decider.decide(command, current);
    current = decided.reduce(decider.evolve, current);
    events.push(...decided);
  }
  return events;
}
