import { describe, expect, it } from '@jest/globals';
import { parseTiming } from './parse-timing.js';

/**
 * Every "Gjennomføring" text of the Oslo SV plan 2024-2027, edition 2026 (seed 001), as the
 * extracted text has it (line breaks of the table cells included), with what it must become.
 */
const OSLO_SV_2026: [string, string, Record<string, string>][] = [
  ['4.1.A', '2026-2027', { kind: 'window', from: '2026-01-01', to: '2027-12-31' }],
  ['4.1.B', 'Vår 2026', { kind: 'window', from: '2026-01-01', to: '2026-06-30' }],
  ['4.1.D', 'Vinter 2025-26', { kind: 'window', from: '2025-12-01', to: '2026-02-28' }],
  ['4.1.F', 'Kontinuerlig', { kind: 'recurring', every: 'continuous' }],
  ['4.1.G', '2026', { kind: 'window', from: '2026-01-01', to: '2026-12-31' }],
  ['4.2.L', 'Kontinuerlig, \n\nspesielt høst', { kind: 'recurring', every: 'continuous' }],
  ['4.3.A', 'ÅM 2026', { kind: 'relative', anchor: 'annual_meeting' }],
  ['4.3.B', 'Høst 2026', { kind: 'window', from: '2026-08-01', to: '2026-12-31' }],
  [
    '4.3.E',
    '2026 (Aktuelle tidsrom \n\nvil følge av mandatet for \n\nprogramprosessen/ \n\n-komiteen)',
    { kind: 'window', from: '2026-01-01', to: '2026-12-31' },
  ],
  [
    '4.3.H',
    'Vinter 2026/nyåret \n\n2027 (etter \n\nnominasjon)',
    { kind: 'window', from: '2026-12-01', to: '2027-02-28' },
  ],
  [
    '4.3.L',
    'Planlegge høst \n\n2026, gjennomføre \n\ntidlig 2027',
    { kind: 'window', from: '2026-08-01', to: '2027-04-30' },
  ],
  ['4.4.A', 'Vedlikeholdes og \n\nbenyttes løpende.', { kind: 'recurring', every: 'continuous' }],
  ['4.4.D', 'Årlig \n\n(I 2026 ble dette \n\ngjennomført i januar)', { kind: 'recurring', every: 'year' }],
  ['5.1.A', 'Våren 2026', { kind: 'window', from: '2026-01-01', to: '2026-06-30' }],
  ['5.2.E', 'Ved behov', { kind: 'relative', anchor: 'as_needed' }],
  ['5.4.E', 'Årlig (høst)', { kind: 'recurring', every: 'year' }],
  ['5.5.G', 'Årlig/ved behov', { kind: 'recurring', every: 'year' }],
  ['5.5.H', 'En gang per år', { kind: 'recurring', every: 'year' }],
  ['5.6.A', 'Umiddelbart etter \n\nÅM', { kind: 'relative', anchor: 'annual_meeting' }],
  ['5.8.A', 'Kontinuerlig/ ved \n\nbehov', { kind: 'recurring', every: 'continuous' }],
  ['5.8.B', 'Kontinuering', { kind: 'recurring', every: 'continuous' }],
];

describe('the timing texts of the Oslo SV plan 2024-2027 (edition 2026)', () => {
  it.each(OSLO_SV_2026)('%s %j', (_measure, raw, expected) => {
    expect(parseTiming(raw, { periodFrom: 2024, periodTo: 2027 })).toMatchObject({ ...expected, raw });
  });
});

describe('timing phrases of the other seed plans', () => {
  it.each([
    ['våren 2020', { kind: 'window', from: '2020-01-01', to: '2020-06-30' }], // Oslo SV 2020-2023
    ['høsten 2018', { kind: 'window', from: '2018-08-01', to: '2018-12-31' }], // Oslo Ap 2018-2019
    ['8. september 2018', { kind: 'window', from: '2018-09-08', to: '2018-09-08' }], // Oslo Ap
    ['i forkant av fylkestingsvalget i 2027', { kind: 'relative', anchor: 'election' }], // Buskerud SV
    ['Frem mot lokalvalget 2027', { kind: 'relative', anchor: 'election' }], // Oslo SV 2026
    ['I valgkamp 2027', { kind: 'relative', anchor: 'election' }],
    ['Etter møte med folkevalgte', { kind: 'relative', anchor: 'møte med folkevalgte' }], // not an election
    ['Før møtet i bydelsutvalget', { kind: 'relative', anchor: 'møtet i bydelsutvalget' }],
    ['halvårlige', { kind: 'recurring', every: 'half_year' }], // SV national plan
    ['månedlige', { kind: 'recurring', every: 'month' }], // SV national plan
    ['gjennom aret', { kind: 'recurring', every: 'continuous' }], // Buskerud SV, OCR
  ])('%j', (raw, expected) => {
    expect(parseTiming(raw)).toMatchObject(expected);
  });
});
