import { describe, expect, it } from '@jest/globals';
import { similarity } from './similarity.js';
import { suggestLinks } from './suggest-links.js';

const m = (id: string, text: string) => ({ id, text });

describe('suggestLinks', () => {
  it('links texts that differ only in case, punctuation or inflection as unchanged', () => {
    const links = suggestLinks(
      [m('p1', 'Vi skal delta i 1. mai tog.')],
      [m('n1', 'vi skal delta i 1. mai-toget')],
    );
    expect(links).toEqual([{ from: ['p1'], to: ['n1'], kind: 'unchanged', score: 1 }]);
  });

  it('links a rewording one to one, with its score', () => {
    const [link] = suggestLinks(
      [m('p1', 'Vi skal arrangere Ny i SV-møter minst 4 ganger i året.')],
      [m('n1', 'Vi skal arrangere “Ny i SV”-møter to ganger i året.')],
    );
    expect(link).toMatchObject({ from: ['p1'], to: ['n1'], kind: 'reworded' });
    expect(link!.score).toBeGreaterThan(0.8);
    expect(link!.score).toBeLessThan(1);
  });

  it('scores a rewording as the similarity of the two texts', () => {
    const from = 'Vi skal arrangere medlemsmøter om klimapolitikk i alle lokallag hvert halvår.';
    const to = 'Vi skal arrangere åpne medlemsmøter om klima i alle lokallag to ganger i året.';
    const [link] = suggestLinks([m('p1', from), m('p2', 'Streame møter og debatter')], [m('n1', to)]);
    expect(link).toMatchObject({ from: ['p1'], to: ['n1'], kind: 'reworded' });
    expect(link!.score).toBe(Math.round(similarity(from, to) * 1000) / 1000);
  });

  it('reports what has no counterpart as dropped and new, in plan order', () => {
    const links = suggestLinks(
      [
        m('p1', 'Hver sommer skal det arrangeres en familievennlig sommerfest'),
        m('p2', 'Streame møter og debatter'),
      ],
      [m('n1', 'Hele Oslo SV skal jevnlig banke på dører'), m('n2', 'Ha kjønnsdelte formøter')],
    );
    expect(links).toEqual([
      { from: ['p1'], to: [], kind: 'dropped', score: 0 },
      { from: ['p2'], to: [], kind: 'dropped', score: 0 },
      { from: [], to: ['n1'], kind: 'new', score: 0 },
      { from: [], to: ['n2'], kind: 'new', score: 0 },
    ]);
  });

  it('merges several previous measures that one next measure covers', () => {
    const links = suggestLinks(
      [
        m('p1', 'Vi skal delta i 1. mai tog med parole.'),
        m('p2', 'Vi skal arrangere fest for alle medlemmer etter toget.'),
        m('p3', 'Vi skal lage vervekampanjer.'),
      ],
      [m('n1', 'Vi skal delta i 1. mai tog med parole og arrangere fest for alle medlemmer etter toget.')],
    );
    expect(links[0]).toMatchObject({ from: ['p1', 'p2'], to: ['n1'], kind: 'merged' });
    expect(links[1]).toEqual({ from: ['p3'], to: [], kind: 'dropped', score: 0 });
  });

  it('splits one previous measure that several next measures continue', () => {
    const links = suggestLinks(
      [
        m(
          'p1',
          'Fylkesstyret skal ha møte med lokallagsledere i halvåret og arrangere skolering for lokallagsstyrer.',
        ),
      ],
      [
        m('n1', 'Fylkesstyret skal ha møte med lokallagsledere i halvåret.'),
        m('n2', 'Fylkesstyret skal arrangere skolering for lokallagsstyrer.'),
      ],
    );
    expect(links).toEqual([expect.objectContaining({ from: ['p1'], to: ['n1', 'n2'], kind: 'split' })]);
  });

  it('does not sweep a generic measure that shares a few words into a merger', () => {
    // Oslo SV 2020-2023: the second shares "nye medlemmer" and "informasjon" with 4.2.H of 2024.
    const links = suggestLinks(
      [
        m(
          'p1',
          'Lokallagenes medlemsansvarlig skal sikre at nye medlemmer blir kontaktet innen den første måned.',
        ),
        m('p2', 'Alle nye medlemmer skal få informasjon om gruppene de kan delta i.'),
      ],
      [
        m(
          'n1',
          'Lokallagenes medlemsansvarlig skal sikre at nye medlemmer skal kontaktes innen den første måneden, og får informasjon.',
        ),
      ],
    );
    expect(links.map((l) => [l.kind, l.from, l.to])).toEqual([
      ['reworded', ['p1'], ['n1']],
      ['dropped', ['p2'], []],
    ]);
  });

  it('gives each next measure to the previous measure it matches best', () => {
    const links = suggestLinks(
      [m('p1', 'Produsere og legge ut videoer'), m('p2', 'Bruke annonsering på sosiale medier aktivt')],
      [
        m('n1', 'Bruke annonsering på sosiale medier for å nå nye målgrupper'),
        m('n2', 'Det skal produseres videoer'),
      ],
    );
    expect(links.map((l) => [l.from, l.to, l.kind])).toEqual([
      [['p1'], ['n2'], 'reworded'],
      [['p2'], ['n1'], 'reworded'],
    ]);
  });

  it('links nothing below the threshold, and more with a lower one', () => {
    // Oslo SV: the basic training series of 2020-2023 and its successor 5.1.D share little wording.
    const previous = [
      m(
        'p1',
        'Minst en gang i året skal fylkeslaget arrangere en grunnskoleringsrekke etter mal av opplegget.',
      ),
    ];
    const next = [m('n1', 'Vi skal ha en årlig runde med «Oslo SV-skolen» (grunnskolering).')];
    expect(suggestLinks(previous, next).map((l) => l.kind)).toEqual(['dropped', 'new']);
    expect(suggestLinks(previous, next, { threshold: 0.25 }).map((l) => l.kind)).toEqual(['reworded']);
  });

  it('pairs equal texts one to one, in order', () => {
    const links = suggestLinks(
      [m('p1', 'Årlig samling'), m('p2', 'Årlig samling')],
      [m('n1', 'årlig samling')],
    );
    expect(links).toEqual([
      { from: ['p1'], to: ['n1'], kind: 'unchanged', score: 1 },
      { from: ['p2'], to: [], kind: 'dropped', score: 0 },
    ]);
  });

  it('lists the measures of a link in plan order, not by id', () => {
    // Two old measures saying the same thing, continued by one: a merger.
    const twins = [m('b', 'Ringe nye medlemmer'), m('a', 'Ringe nye medlemmer.')];
    const next = [m('y', 'Nye medlemmer skal ringes jevnlig'), m('x', 'Banke på dører')];
    expect(suggestLinks(twins, next).map((l) => [l.kind, l.from, l.to])).toEqual([
      ['merged', ['b', 'a'], ['y']],
      ['new', [], ['x']],
    ]);
    expect(suggestLinks([...twins].reverse(), next)[0]!.from).toEqual(['a', 'b']);
  });

  it('handles empty plans', () => {
    expect(suggestLinks([], [])).toEqual([]);
    expect(suggestLinks([m('p1', 'Tekst')], [])).toEqual([
      { from: ['p1'], to: [], kind: 'dropped', score: 0 },
    ]);
  });
});

describe('suggestLinks: leftovers folded into another measure', () => {
  it('finds two short measures folded into one long list as a merger (many to one)', () => {
    const previous = [
      { id: 'p1', text: 'Vi skal markere verdens miljødag.' },
      { id: 'p2', text: 'Vi skal markere kvinnedagen 8. mars.' },
      { id: 'p3', text: 'Lokallagene skal holde medlemsmøter hver måned.' },
    ];
    const next = [
      {
        id: 'n1',
        text: 'Vi skal markere: samenes nasjonaldag, morsmålsdagen, verdens miljødag 5. juni, kvinnedagen 8. mars og frigjøringsdagen, med innhold på sosiale medier og løpesedler.',
      },
      { id: 'n2', text: 'Lokallagene skal holde medlemsmøter hver måned.' },
    ];
    expect(suggestLinks(previous, next)).toEqual([
      { from: ['p1', 'p2'], to: ['n1'], kind: 'merged', score: expect.any(Number) },
      { from: ['p3'], to: ['n2'], kind: 'unchanged', score: 1 },
    ]);
  });

  it('finds a new measure taken out of an old one as a split (one to many)', () => {
    const previous = [
      {
        id: 'p1',
        text: 'Fylkesstyret skal besøke alle lokallag, holde kurs i dørbanking for lokallagsstyrene og lage en verktøykasse for valgkampen.',
      },
    ];
    const next = [
      { id: 'n1', text: 'Fylkesstyret skal besøke alle lokallag og holde kurs for lokallagsstyrene.' },
      { id: 'n2', text: 'Det skal lages en verktøykasse for valgkampen.' },
    ];
    expect(suggestLinks(previous, next)).toEqual([
      { from: ['p1'], to: ['n1', 'n2'], kind: 'split', score: expect.any(Number) },
    ]);
  });

  it('links a new measure that says it continues something to the old one that names the same thing', () => {
    const previous = [
      { id: 'p1', text: 'Ta i bruk systemer som Zetkin for lavterskel-involvering av medlemmer.' },
      { id: 'p2', text: 'Arrangere sommerfest for alle medlemmer.' },
    ];
    const next = [{ id: 'n1', text: 'Zetkin skal fortsatt implementeres som verktøy i alle lokallag.' }];
    expect(suggestLinks(previous, next)).toEqual([
      { from: ['p1'], to: ['n1'], kind: 'reworded', score: expect.any(Number) },
      { from: ['p2'], to: [], kind: 'dropped', score: 0 },
    ]);
  });

  it('pairs equal texts one to one, in order', () => {
    const links = suggestLinks(
      [m('p1', 'Årlig samling'), m('p2', 'Årlig samling')],
      [m('n1', 'årlig samling')],
    );
    expect(links).toEqual([
      { from: ['p1'], to: ['n1'], kind: 'unchanged', score: 1 },
      { from: ['p2'], to: [], kind: 'dropped', score: 0 },
    ]);
  });

  it('lists the measures of a link in plan order, not by id', () => {
    // Two old measures saying the same thing, continued by one: a merger.
    const twins = [m('b', 'Ringe nye medlemmer'), m('a', 'Ringe nye medlemmer.')];
    const next = [m('y', 'Nye medlemmer skal ringes jevnlig'), m('x', 'Banke på dører')];
    expect(suggestLinks(twins, next).map((l) => [l.kind, l.from, l.to])).toEqual([
      ['merged', ['b', 'a'], ['y']],
      ['new', [], ['x']],
    ]);
    expect(suggestLinks([...twins].reverse(), next)[0]!.from).toEqual(['a', 'b']);
  });

  it('handles empty plans', () => {
    expect(suggestLinks([], [])).toEqual([]);
    expect(suggestLinks([m('p1', 'Tekst')], [])).toEqual([
      { from: ['p1'], to: [], kind: 'dropped', score: 0 },
    ]);
  });
});
