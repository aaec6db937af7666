/**
 * A measure's timing ("Gjennomføring"), read from the free text a plan prints.
 * The raw text is always kept: parsing only adds what "overdue" and sorting need.
 */
export type Timing =
  /** A due window, ISO dates, both ends inclusive. */
  | { kind: 'window'; raw: string; from: string; to: string }
  /** Repeats; continuous measures report per period. Bounded by the plan period when known. */
  | {
      kind: 'recurring';
      raw: string;
      every: 'year' | 'half_year' | 'quarter' | 'month' | 'continuous';
      from?: string;
      to?: string;
    }
  /** Tied to an event whose date the text does not give: "Umiddelbart etter ÅM". */
  | { kind: 'relative'; raw: string; anchor: 'annual_meeting' | 'election' | string; description: string }
  /** Text we do not understand. Never rejected: a person reads it. */
  | { kind: 'unparsed'; raw: string };

export interface TimingContext {
  /** First year of the plan period (2024 for a 2024-2027 plan). */
  periodFrom?: number;
  /** Last year of the plan period. */
  periodTo?: number;
}
