import { describe, expect, it } from '@jest/globals';
import { OSLO_SV_2020_2023, OSLO_SV_2024_2027 } from './__fixtures__/oslo-sv-measures.js';
import { similarity } from './similarity.js';
import { type LinkSuggestion, suggestLinks } from './suggest-links.js';

/**
 * Lineage between the real Oslo SV plans: 2020-2023 (seed 000) and its successor
 * 2024-2027, edition 2026 (seed 001), at the default threshold.
 */
const links = suggestLinks(OSLO_SV_2020_2023, OSLO_SV_2024_2027);
const linkOf = (id: string): LinkSuggestion | undefined =>
  links.find((l) => l.from.includes(id) || l.to.includes(id));
const text = (id: string) => [...OSLO_SV_2020_2023, ...OSLO_SV_2024_2027].find((m) => m.id === id)!.text;

describe('lineage of the Oslo SV plan 2020-2023 into 2024-2027', () => {
  it.each([
    ['medlemmene-7', '4.2.J', 'Ny i SV-møter "minst 4 ganger i året" -> "to ganger i året"'],
    ['medlemmene-2', '4.2.H', 'new members contacted within the first month'],
    ['lokallagene-3', '5.4.D', 'the board meets the branch leaders every half year'],
    ['lokallagene-2', '5.4.C', 'a contact person ("kontaktperson" -> "fadder") for every branch'],
    ['fylkeslaget-1', '5.2.C', 'the yearly strategy gathering'],
    ['fylkeslaget-3', '5.3.B', 'branches send statements to the council (representantskapet)'],
    ['fylkeslaget-4', '5.3.C', 'branch delegates come prepared to the council'],
    ['fylkeslaget-2', '5.3.D', 'the city council and parliament groups at the council'],
    ['grupper-3', '5.5.H', 'a newsletter about the groups'],
    ['folkevalgte-1', '4.4.D', 'the yearly gathering ("konferanse" -> "samling") for district councillors'],
    ['merkedager-1', '5.7.B', '8 March'],
    ['merkedager-4', '5.7.C', 'Pride ("deltagelse" -> "deltakelse")'],
    ['utadrettet-2', '5.2.F', 'universal design and collective agreements for venues'],
    ['kommunikasjon-2', '5.8.B', 'videos'],
    ['kommunikasjon-3', '5.8.A', 'training ("skoling" -> "skolering") in social media for branches'],
    ['kommunikasjon-4', '5.8.E', 'advertising on social media'],
    ['allianser-4', '5.6.A', 'attending the Oslo LO council'],
    ['valg2021-1', '4.3.G', 'the election campaign strategy'],
  ])('%s continues as %s (%s)', (from, to) => {
    const link = linkOf(from);
    expect(link?.to).toContain(to);
    expect(['unchanged', 'reworded', 'merged', 'split']).toContain(link?.kind);
  });

  it('merges the two 1 May measures (breakfasts and the march) into 5.7.D', () => {
    expect(linkOf('5.7.D')).toMatchObject({
      from: ['merkedager-2', 'merkedager-3'],
      to: ['5.7.D'],
      kind: 'merged',
    });
  });

  it('splits the measure on visits to the districts into 4.4.E and 5.4.F', () => {
    expect(linkOf('lokallagene-6')).toMatchObject({
      from: ['lokallagene-6'],
      to: ['4.4.E', '5.4.F'],
      kind: 'split',
    });
  });

  it('folds the World Environment Day and the UN day for persons with disabilities (3.7.E, 3.7.F) into the list of days 5.7.A', () => {
    expect(linkOf('5.7.A')).toMatchObject({
      from: ['merkedager-5', 'merkedager-6'],
      to: ['5.7.A'],
      kind: 'merged',
    });
  });

  it('continues the take-up of Zetkin (3.10.F) in 4.2.E, which says Zetkin "skal fortsatt implementeres"', () => {
    const link = linkOf('kommunikasjon-6');
    expect(link?.to).toEqual(['4.2.E']);
    expect(link?.from).toContain('kommunikasjon-6');
    expect(link?.kind).toBe(link!.from.length > 1 ? 'merged' : 'reworded');
  });

  it('does not fold a short measure into a long one for a few shared words (5.5.F, the group leaders’ meeting)', () => {
    expect(linkOf('5.5.F')?.from ?? []).not.toContain('folkevalgte-1');
    expect(linkOf('5.8.C')?.from ?? []).not.toContain('skolering-2');
  });

  it('finds no predecessor for the door-knocking measures: the 2020 plan had none', () => {
    for (const id of ['4.1.A', '4.1.B', '4.1.C', '4.1.D', '4.1.F', '4.1.G', '4.1.H']) {
      expect(linkOf(id)).toEqual({ from: [], to: [id], kind: 'new', score: 0 });
    }
  });

  it('finds no predecessor for the phoning measures 4.2.A-C: phoning was prose in 2020, not a measure', () => {
    for (const id of ['4.2.A', '4.2.B', '4.2.C']) expect(linkOf(id)?.kind).toBe('new');
  });

  it('drops what the new plan no longer has: the summer party, streaming meetings', () => {
    expect(linkOf('fylkeslaget-7')?.kind).toBe('dropped');
    expect(linkOf('kommunikasjon-5')?.kind).toBe('dropped');
  });

  it.each([
    ['fylkeslaget-5', '5.5.F', 'a council meeting outside the centre vs. a meeting with group leaders'],
    ['grupper-4', '4.2.H', 'information about the groups vs. contacting new members'],
    ['merkedager-5', '4.2.D', 'World Environment Day vs. registering events in Zetkin'],
    ['skolering-4', '4.2.F', 'the resource bank vs. recruiting'],
  ])('does not link unrelated %s and %s (%s)', (from, to) => {
    expect(linkOf(from)?.to ?? []).not.toContain(to);
  });

  it('gives every measure of both plans exactly one link', () => {
    const from = links.flatMap((l) => l.from).sort();
    const to = links.flatMap((l) => l.to).sort();
    expect(from).toEqual(OSLO_SV_2020_2023.map((m) => m.id).sort());
    expect(to).toEqual(OSLO_SV_2024_2027.map((m) => m.id).sort());
  });
});

describe('similarity across plans with Norwegian word forms', () => {
  it('ranks Oslo SV 4.2.B first for the phoning measure of the Buskerud plan, OCR damage and all', () => {
    // Seed 004: "ringing ... mobiliseringen til dgrbanking" against "ringes for å mobilisere til dørbankaksjoner".
    const buskerud =
      'Alle lokallag skal i 2026 gjennomfgre medlemsringing som del av mobiliseringen til dgrbanking og valgkamp. ' +
      'Fylkeslaget skal tilby stgtte, eventuelle maler og enkel skolering for dette.';
    const ranked = [...OSLO_SV_2024_2027].sort(
      (a, b) => similarity(buskerud, b.text) - similarity(buskerud, a.text),
    );
    expect(ranked[0]!.id).toBe('4.2.B');
  });

  it('scores the yearly gathering for councillors above every unrelated 2024 measure', () => {
    const scores = OSLO_SV_2024_2027.map((m) => similarity(text('folkevalgte-1'), m.text));
    const own = similarity(text('folkevalgte-1'), text('4.4.D'));
    expect(Math.max(...scores)).toBe(own);
  });
});
