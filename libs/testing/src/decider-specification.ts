import { expect } from '@jest/globals';
import { DomainError, type Decider, type DomainEvent } from '@app/domain';

/**
 * given(events).when(command).then(events) / .thenThrows(code), after emmett's
 * deciderSpecification: a decider test reads as the rule it checks.
 */
export function deciderSpecification<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
) {
  return {
    given(history: readonly Event[]) {
      return {
        when(command: Command) {
          const run = (): Event[] =>
            decider.decide(command, history.reduce(decider.evolve, decider.initialState()));
          return {
            then(expected: readonly Event[]): void {
              expect(run()).toEqual(expected);
            },
            thenNothingHappens(): void {
              expect(run()).toEqual([]);
            },
            thenThrows(code: string): DomainError {
              let thrown: unknown;
              try {
                run();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainError);
              expect((thrown as DomainError).code).toBe(code);
              return thrown as DomainError;
            },
          };
        },
      };
    },
  };
}
