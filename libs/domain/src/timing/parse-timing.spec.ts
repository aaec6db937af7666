import { describe, expect, it } from '@jest/globals';
import { parseTiming } from './parse-timing.js';

const window = (from: string, to: string) => ({ kind: 'window', from, to });

describe('parseTiming', () => {
  describe('seasons, as party plans use them', () => {
    it.each([
      ['Vår 2026', '2026-01-01', '2026-06-30'],
      ['Våren 2026', '2026-01-01', '2026-06-30'],
      ['vårhalvåret 2026', '2026-01-01', '2026-06-30'],
      ['Høst 2026', '2026-08-01', '2026-12-31'],
      ['Høsten 2026', '2026-08-01', '2026-12-31'],
      ['Sommer 2026', '2026-06-01', '2026-08-31'],
      ['Vinter 2025-26', '2025-12-01', '2026-02-28'],
      ['Vinteren 2025/26', '2025-12-01', '2026-02-28'],
      ['Vinter 2027-2028', '2027-12-01', '2028-02-29'],
      ['Vinter 2026', '2025-12-01', '2026-02-28'],
      ['Vinter 2026/nyåret 2027 (etter nominasjon)', '2026-12-01', '2027-02-28'],
      ['vinteren 2025/nyåret 2026', '2025-12-01', '2026-02-28'],
      ['Tidlig 2027', '2027-01-01', '2027-04-30'],
      ['tidlig i 2027', '2027-01-01', '2027-04-30'],
      ['Slutten av 2026', '2026-10-01', '2026-12-31'],
      ['Første halvår 2026', '2026-01-01', '2026-06-30'],
      ['andre halvår 2026', '2026-07-01', '2026-12-31'],
      ['2. kvartal 2026', '2026-04-01', '2026-06-30'],
    ])('%s', (raw, from, to) => {
      expect(parseTiming(raw)).toEqual({ ...window(from, to), raw });
    });
  });

  describe('years, months and days', () => {
    it.each([
      ['2026', '2026-01-01', '2026-12-31'],
      ['2026-2027', '2026-01-01', '2027-12-31'],
      ['2026–2027', '2026-01-01', '2027-12-31'],
      ['2026/27', '2026-01-01', '2027-12-31'],
      ['I løpet av 2026', '2026-01-01', '2026-12-31'],
      ['Januar 2026', '2026-01-01', '2026-01-31'],
      ['februar 2028', '2028-02-01', '2028-02-29'],
      ['Mars-april 2026', '2026-03-01', '2026-04-30'],
      ['mars til april 2026', '2026-03-01', '2026-04-30'],
      ['Mars og april 2026', '2026-03-01', '2026-04-30'],
      ['november-januar 2027', '2026-11-01', '2027-01-31'],
      ['8. september 2018', '2018-09-08', '2018-09-08'],
      ['15.03.2026', '2026-03-15', '2026-03-15'],
      ['2026-03-15', '2026-03-15', '2026-03-15'],
    ])('%s', (raw, from, to) => {
      expect(parseTiming(raw)).toEqual({ ...window(from, to), raw });
    });

    it('keeps a remark in brackets out of the window (Oslo SV 2026, 4.3.E)', () => {
      const raw = '2026 (Aktuelle tidsrom vil følge av mandatet for programprosessen/ -komiteen)';
      expect(parseTiming(raw)).toEqual({ ...window('2026-01-01', '2026-12-31'), raw });
    });

    it('does not read an impossible date as a day', () => {
      expect(parseTiming('31.02.2026')).toEqual({ ...window('2026-01-01', '2026-12-31'), raw: '31.02.2026' });
    });

    it('does not read "jul" (Christmas) as July', () => {
      expect(parseTiming('Før jul')).toMatchObject({ kind: 'relative', anchor: 'jul' });
    });
  });

  describe('deadlines open at the start of the year they fall in', () => {
    it.each([
      ['Innen 1. mars 2026', '2026-01-01', '2026-03-01'],
      ['innen utgangen av 2026', '2026-01-01', '2026-12-31'],
      ['Innen mars 2026', '2026-01-01', '2026-03-31'],
      ['senest 15.06.2026', '2026-01-01', '2026-06-15'],
      ['Før 1. mars 2028', '2028-01-01', '2028-02-29'],
      ['Før høsten 2026', '2026-01-01', '2026-07-31'],
      // Before the summer break: the end of the spring term, not the day before 1 June.
      ['Før sommeren 2026', '2026-01-01', '2026-06-30'],
      ['Frem mot sommeren 2027', '2027-01-01', '2027-06-30'],
    ])('%s', (raw, from, to) => {
      expect(parseTiming(raw)).toEqual({ ...window(from, to), raw });
    });

    it('reads "for" as a preposition, not as "før" (before)', () => {
      expect(parseTiming('Plan for høst 2026')).toMatchObject(window('2026-08-01', '2026-12-31'));
    });
  });

  describe('several phases span from the first start to the last end', () => {
    it('Planlegge høst 2026, gjennomføre tidlig 2027 (Oslo SV 2026, 4.3.L)', () => {
      const raw = 'Planlegge høst \n2026, gjennomføre \ntidlig 2027';
      expect(parseTiming(raw)).toEqual({ ...window('2026-08-01', '2027-04-30'), raw });
    });

    it('lends the year to a phase without one', () => {
      expect(parseTiming('Vår og høst 2026')).toMatchObject(window('2026-01-01', '2026-12-31'));
      expect(parseTiming('Høst 2026 - vår 2027')).toMatchObject(window('2026-08-01', '2027-06-30'));
    });
  });

  describe('recurring', () => {
    it.each([
      ['Kontinuerlig', 'continuous'],
      ['Løpende', 'continuous'],
      ['Fortløpende', 'continuous'],
      ['Kontinuering', 'continuous'], // the typo in Oslo SV 2026, 5.8.B
      ['Vedlikeholdes og benyttes løpende.', 'continuous'],
      ['Kontinuerlig, spesielt høst', 'continuous'],
      ['Kontinuerlig/ ved behov', 'continuous'],
      ['Årlig', 'year'],
      ['ÅRLIG', 'year'],
      ['Hvert år', 'year'],
      ['arlig', 'year'], // OCR of the Buskerud plan
      ['En gang per år', 'year'],
      ['Årlig (høst)', 'year'],
      ['Årlig (I 2026 ble dette gjennomført i januar)', 'year'],
      ['Årlig/ved behov', 'year'],
      ['Halvårlig', 'half_year'],
      ['Hvert halvår', 'half_year'],
      ['Kvartalsvis', 'quarter'],
      ['Månedlig', 'month'],
      ['manedlig', 'month'],
    ])('%s is %s', (raw, every) => {
      expect(parseTiming(raw)).toEqual({ kind: 'recurring', raw, every });
    });

    it('is bounded by the plan period when the context gives it', () => {
      expect(parseTiming('Kontinuerlig', { periodFrom: 2024, periodTo: 2027 })).toEqual({
        kind: 'recurring',
        raw: 'Kontinuerlig',
        every: 'continuous',
        from: '2024-01-01',
        to: '2027-12-31',
      });
      expect(parseTiming('Årlig', { periodFrom: 2020 })).toEqual({
        kind: 'recurring',
        raw: 'Årlig',
        every: 'year',
        from: '2020-01-01',
      });
    });

    it('does not read "i løpet av" (during) as "løpende"', () => {
      expect(parseTiming('I løpet av 2026')).toMatchObject({ kind: 'window' });
    });
  });

  describe('relative to an event', () => {
    it.each([
      ['Umiddelbart etter ÅM', 'annual_meeting', 'Umiddelbart etter ÅM'],
      ['Umiddelbart etter \nÅM', 'annual_meeting', 'Umiddelbart etter ÅM'],
      ['ÅM 2026', 'annual_meeting', 'ÅM 2026'],
      ['Rett etter årsmøtet.', 'annual_meeting', 'Rett etter årsmøtet'],
      ['I forkant av valget 2027', 'election', 'I forkant av valget 2027'],
      ['Før valget', 'election', 'Før valget'],
      ['Ved behov', 'as_needed', 'Ved behov'],
      ['Etter nominasjonen', 'nominasjonen', 'Etter nominasjonen'],
      ['Før landsmøtet', 'landsmøtet', 'Før landsmøtet'],
    ])('%s', (raw, anchor, description) => {
      expect(parseTiming(raw)).toEqual({ kind: 'relative', raw, anchor, description });
    });
  });

  describe('never rejects text', () => {
    it.each(['', '   ', 'Snarest', 'Når det passer', 'Høst', '(se over)', 'For alle lokallag'])(
      '%j is unparsed, raw kept',
      (raw) => {
        expect(parseTiming(raw)).toEqual({ kind: 'unparsed', raw });
      },
    );

    it('keeps the raw text byte for byte', () => {
      const raw = '  Vår 2026.  ';
      expect(parseTiming(raw)).toEqual({ ...window('2026-01-01', '2026-06-30'), raw });
    });

    it.each(['vår 2026', 'VÅR 2026', '  Vår   2026 ', 'Vår 2026.', 'Vår 2026;', '- Vår 2026'])(
      'is case- and space-insensitive and ignores punctuation: %j',
      (raw) => {
        expect(parseTiming(raw)).toMatchObject(window('2026-01-01', '2026-06-30'));
      },
    );
  });
});
