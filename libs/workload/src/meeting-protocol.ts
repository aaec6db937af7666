import type { ExistingPlan, MeasureState } from '@app/domain';
import type { MeetingProtocol, ProtocolAmendment, ProtocolVote } from '@app/plan-document';
import { Prng } from './prng.js';
import type { TextCorpus } from './text-corpus.js';

export interface ProtocolOptions {
  readonly meetingId: string;
  readonly organisationId: string;
  /** The body that holds the meeting and adopts the plan (ÅM, RS, LS). */
  readonly body: string;
  readonly date: string;
  readonly edition: string;
  readonly amendments: number;
  readonly seed: number;
  readonly corpus: TextCorpus;
}

/** What happens to one measure, in turn, so the protocol uses every kind of amendment. */
const MEASURE_OPS = ['replace_text', 'change_timing', 'reassign', 'insert_text', 'strike_measure'] as const;

/**
 * A large annual meeting's protocol for a plan: `amendments` amendments filed by the branches,
 * each with the drafting committee's recommendation and the meeting's vote, then the vote on the
 * whole plan. Every kind of amendment is there; each existing measure is the target of at most
 * one (so adopted amendments never contradict each other), and what is left over proposes new
 * measures and goals. Deterministic in `seed`. The texts the amendments quote are the plan's own,
 * so the replay checks them as it would a real protocol.
 */
export function generateMeetingProtocol(plan: ExistingPlan, options: ProtocolOptions): MeetingProtocol {
  const random = new Prng(options.seed);
  const sectionNumber = new Map([...plan.sections.values()].map((s) => [s.id, s.number]));
  const sections = [...plan.sections.values()].map((s) => s.number);
  const bodies = [...plan.bodies.keys()];
  const measures = random.sample(
    [...plan.measures.values()].filter((m) => !m.struck && quotable(m.text) !== undefined),
    Math.floor(options.amendments * 0.7),
  );
  const proposers = ['Styret', 'Redaksjonskomiteen', ...bodies.map((b) => `Forslag fra ${b}`)];

  const amendments: ProtocolAmendment[] = [];
  const votes: ProtocolVote[] = [];
  for (let i = 0; i < options.amendments; i++) {
    const no = i + 1;
    const measure = measures[i];
    const change = measure
      ? measureAmendment(measure, MEASURE_OPS[i % MEASURE_OPS.length]!, sectionNumber, bodies, random)
      : newElementAmendment(i, sections, bodies, options.corpus, random);
    const adopt = random.chance(0.75);
    amendments.push({
      no,
      proposer: random.pick(proposers),
      ...change,
      recommendation: adopt ? 'adopt' : 'reject',
    });
    const against = random.int(0, 60);
    votes.push({
      amendment: no,
      result: adopt ? 'adopted' : 'rejected',
      for: adopt ? against + random.int(1, 60) : random.int(0, against),
      against,
    });
  }
  votes.push({ plan: 'adopted', for: random.int(80, 120), against: random.int(0, 10) });
  return {
    meeting: {
      id: options.meetingId,
      org: options.organisationId,
      body: options.body,
      date: options.date,
      plan: plan.id,
      title: `Årsmøtet ${options.date.slice(0, 4)}`,
      edition: options.edition,
    },
    amendments,
    votes,
  };
}

type AmendmentChange = Omit<ProtocolAmendment, 'no' | 'proposer' | 'recommendation'>;

function measureAmendment(
  measure: MeasureState,
  op: (typeof MEASURE_OPS)[number],
  sectionNumber: ReadonlyMap<string, string>,
  bodies: readonly string[],
  random: Prng,
): AmendmentChange {
  const target = { measure: `${sectionNumber.get(measure.sectionId)}.${measure.label}` };
  const word = quotable(measure.text)!;
  switch (op) {
    case 'replace_text':
      return { target, op, from: word, to: `${word} og mer`, justification: 'Tydeligere.' };
    case 'insert_text':
      return { target, op, after: word, text: 'i hele fylket' };
    case 'change_timing':
      return { target, op, timing: measure.timing === 'Høst 2027' ? 'Vår 2027' : 'Høst 2027' };
    case 'reassign': {
      const others = bodies.filter((b) => !measure.responsible.includes(b));
      return { target, op, responsible: random.sample(others.length > 0 ? others : bodies, 1) };
    }
    case 'strike_measure':
      return { target, op, reason: 'Gjennomført' };
  }
}

function newElementAmendment(
  i: number,
  sections: readonly string[],
  bodies: readonly string[],
  corpus: TextCorpus,
  random: Prng,
): AmendmentChange {
  const target = { section: random.pick(sections) };
  if (i % 4 === 0) return { target, op: 'add_goal', goal: { text: random.pick(corpus.goalTexts) } };
  return {
    target,
    op: 'add_measure',
    measure: {
      text: `${random.pick(corpus.measureTexts)} (forslag ${i + 1})`,
      timing: random.pick(corpus.undatedTimings),
      responsible: random.sample(bodies, random.int(1, 2)),
    },
  };
}

/** A word of at least five letters that occurs once in the text, for an amendment to quote. */
function quotable(text: string): string | undefined {
  const words = text.match(/\p{L}{5,}/gu) ?? [];
  return words.find((w) => text.indexOf(w) === text.lastIndexOf(w));
}
