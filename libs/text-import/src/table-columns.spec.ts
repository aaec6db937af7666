import { describe, expect, it } from '@jest/globals';
import { bodyCodes, splitResponsibility } from './bodies.js';
import { scanTiming } from './timing.js';

const codes = bodyCodes(
  ['FS', 'LL', 'BSG', 'ÅM', 'BU-gruppe', 'Gruppene'].map((code) => ({ code, name: code })),
);

describe('Gjennomføring column', () => {
  it.each([
    ['Vår 2026 FS, LL', 'Vår 2026', 'FS, LL', false],
    ['ÅM 2026 FS/ÅM', 'ÅM 2026', 'FS/ÅM', false],
    ['Umiddelbart etter', 'Umiddelbart etter', '', true],
    ['2026 (Aktuelle tidsrom', '2026 (Aktuelle tidsrom', '', true],
    ['Årlig (høst) LL', 'Årlig (høst)', 'LL', false],
    ['En gang per år FS/fylkessekretæ', 'En gang per år', 'FS/fylkessekretæ', false],
    ['Kontinuering I hovedsak BSG', 'Kontinuering', 'I hovedsak BSG', false],
  ])('reads "%s" as timing "%s" and the rest "%s"', (line, timing, rest, incomplete) => {
    expect(scanTiming(line)).toMatchObject({ timing, rest, incomplete });
  });

  it('does not open a timing phrase inside the text column', () => {
    expect(scanTiming('våren 2027.')).toBeUndefined();
    expect(scanTiming('dørbank til å få politiske innspill.')).toBeUndefined();
  });
});

describe('Ansvar column', () => {
  it('splits codes from the words that are not codes', () => {
    expect(splitResponsibility('FS, LL, BSG', codes)).toEqual({ responsible: ['FS', 'LL', 'BSG'] });
    expect(splitResponsibility('FS i samarbeid med LL og BSG', codes)).toEqual({
      responsible: ['FS', 'LL', 'BSG'],
      note: 'FS i samarbeid med LL og BSG',
    });
    expect(splitResponsibility('FS, BSG, interesserte lokallag', codes)).toEqual({
      responsible: ['FS', 'BSG'],
      note: 'interesserte lokallag',
    });
    expect(splitResponsibility('Programkomitéene', codes)).toEqual({
      responsible: [],
      note: 'Programkomitéene',
    });
    expect(splitResponsibility('BU-grupper og LL', codes)).toEqual({ responsible: ['BU-gruppe', 'LL'] });
    // "LS-delegasjonen" is not the code LS.
    expect(splitResponsibility('LS-delegasjonen', bodyCodes([{ code: 'LS', name: 'Landsstyret' }]))).toEqual({
      responsible: [],
      note: 'LS-delegasjonen',
    });
  });
});
