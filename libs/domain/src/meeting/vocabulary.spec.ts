import { describe, expect, it } from '@jest/globals';
import { deciderSpecification } from '@app/testing';
import { meetingDecider } from './meeting.decide.js';
import { adopted1, filed1, meetingId, now, plan, scheduled } from './__fixtures__/meeting-events.js';
import { readMajority, readPlanResult, readRecommendation, readResult } from './vocabulary.js';

const spec = deciderSpecification(meetingDecider);

describe('Norwegian words for results, recommendations and rules', () => {
  it('reads vedtatt / falt / trukket / bortfalt / oversendt as the results', () => {
    expect(
      ['vedtatt', 'Falt', 'trukket', 'BORTFALT', 'oversendt fylkesstyret', 'Oversendes styret.'].map(
        readResult,
      ),
    ).toEqual(['adopted', 'rejected', 'withdrawn', 'lapsed', 'referred', 'referred']);
    expect(readResult('adopted')).toBe('adopted');
    expect(readResult('kanskje')).toBeUndefined();
  });

  it('reads vedta / avvise / vedta med endring / oversendes as the recommendations', () => {
    expect(
      ['Vedta', 'avvises', 'vedta med endring', 'Oversendes styret', 'refer'].map(readRecommendation),
    ).toEqual(['adopt', 'reject', 'adopt_modified', 'refer', 'refer']);
  });

  it('reads the plan vote and the majority rule', () => {
    expect(readPlanResult('Vedtatt')).toBe('adopted');
    expect(readMajority('to tredjedels flertall')).toBe('two_thirds');
    expect(readMajority('simpelt flertall')).toBe('simple');
  });

  it('given a filed amendment, when the vote says "vedtatt", then it is adopted; "falt" rejected', () => {
    const vote = (result: string, extra: object = {}) =>
      ({ type: 'RecordVote', now, no: 1, result, facts: { plan, newElementId: 'x' }, ...extra }) as never;
    spec
      .given([scheduled, filed1])
      .when(vote('vedtatt', { for: 87, against: 12, abstain: 3 }))
      .then([adopted1]);
    spec
      .given([scheduled, filed1])
      .when(vote('falt'))
      .then([{ type: 'VoteRecorded', data: { meetingId, no: 1, result: 'rejected' } }]);
    const error = spec.given([scheduled, filed1]).when(vote('kanskje')).thenThrows('UNKNOWN_RESULT');
    expect(error.message).toBe(
      'Ukjent resultat «kanskje»; bruk vedtatt, falt, trukket, bortfalt, oversendt (adopted, rejected, withdrawn, lapsed, referred)',
    );
  });

  it('given a filed amendment, when the committee says "Vedta med endring", then it is adopt_modified', () => {
    spec
      .given([scheduled, filed1])
      .when({
        type: 'GiveRecommendation',
        now,
        no: 1,
        recommendation: 'Vedta med endring',
        modified: { to: 'tre ganger i året' },
        facts: { plan },
      })
      .then([
        {
          type: 'RecommendationGiven',
          data: { meetingId, no: 1, recommendation: 'adopt_modified', modified: { to: 'tre ganger i året' } },
        },
      ]);
  });
});
