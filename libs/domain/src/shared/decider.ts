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
  /**
   * An evolve for one fold of many events that keeps only its last state, faster than `evolve`
   * (the plan's copies each map once per fold, not once per event: see planFold).
   */
  startFold?(): (state: State, event: Event) => State;
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
  for (const decided of decideEach(decider, commands, state)) events.push(...decided);
  return events;
}

/**
 * decideSequence one command at a time: the events of each command in turn, so a caller can
 * give way to other work between commands (thousands of them in an import).
 */
export function* decideEach<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  commands: readonly Command[],
  state: State,
): Generator<Event[], void, undefined> {
  // Only the last state is kept, so one fold will do: a document of thousands of measures copied
  // the plan's maps once per event with `evolve`, which made an import quadratic.
  const evolve = decider.startFold?.() ?? decider.evolve;
  let current = state;
  for (const command of commands) {
    const decided = decider.decide(command, current);
    for (const event of decided) current = evolve(current, event);
    yield decided;
  }
}
