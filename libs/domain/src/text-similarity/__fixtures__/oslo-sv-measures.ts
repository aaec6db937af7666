/**
 * The measures (Tiltak) of seed 000: Oslo SVs Arbeidsplan 2020-2023. The plan has no
 * labels, so each id is its chapter and position.
 */
export const OSLO_SV_2020_2023: { id: string; text: string }[] = [
  {
    id: 'fylkeslaget-1',
    text: 'Det skal arrangeres strategisamlinger for fylkesstyret, byrådet, bystyregruppa, og Oslos stortingsrepresentanter minst én gang hvert år. Disse samlingene skal bidra til prioritering av politiske saker, strategiske og organisatoriske prioriteringer og aktivitetsplaner.',
  },
  {
    id: 'fylkeslaget-2',
    text: 'Stortingsgruppa, byrådet og bystyregruppas medlemmer bør delta på representantskapsmøtene og andre aktiviteter i fylkeslaget.',
  },
  {
    id: 'fylkeslaget-3',
    text: 'Vi skal oppfordre lokallag, medlemmer, grupper og nettverk til å reise politiske debatter og saker ved å levere inn uttalelser til representantskapet',
  },
  {
    id: 'fylkeslaget-4',
    text: 'Lokallagene må sørge for kontinuitet blant representantskapsdelegatene, og at delegatene er forberedt.',
  },
  { id: 'fylkeslaget-5', text: 'Minst ett RS i året skal arrangeres utenfor Oslo sentrum.' },
  {
    id: 'fylkeslaget-6',
    text: 'Fylkesstyremøter bør så langt det lar seg gjøre legges slik at det kan behandle landsstyresakene.',
  },
  {
    id: 'fylkeslaget-7',
    text: 'Hver sommer skal det arrangeres en familievennlig sommerfest for alle medlemmer i første halvdel av juni.',
  },
  {
    id: 'lokallagene-1',
    text: 'Bystyregruppa skal henvende seg til respektive lokallag før vedtak som angår lokallaget spesielt.',
  },
  {
    id: 'lokallagene-2',
    text: 'Alle lokallag får en egen kontaktperson i fylkesstyret som tar initiativ til dialog og til å delta på enkelte styremøter.',
  },
  { id: 'lokallagene-3', text: 'fylkesstyret skal ha møte med lokallagsledere en gang i halvåret.' },
  {
    id: 'lokallagene-4',
    text: 'Fylkesstyret skal hjelpe lokallag som trenger det med verving av medlemmer, rekruttering til tillitsverv og gjennomføring av arrangementer.',
  },
  {
    id: 'lokallagene-5',
    text: 'Fylkesstyret skal avholde minst ett møte i halvåret samarbeid med et lokallag med fokus på et aktuelt tema i bydelen.',
  },
  {
    id: 'lokallagene-6',
    text: 'Oslo SVs ansatte, bystyrerepresentanter og byråder skal engasjere lokallagene og lokale folkevalgte når byråder eller bystyremedlemmer er på besøk i bydelen og samarbeide om eventuelle medieutspill.',
  },
  {
    id: 'medlemmene-1',
    text: 'Alt materiell skal oppgi SMS-innmeldingsinformasjon, og Oslo SV skal dele denne informasjonen i sine kanaler',
  },
  {
    id: 'medlemmene-2',
    text: 'Lokallagenes medlemsansvarlig skal sikre at nye medlemmer blir kontaktet innen den første måned, og får tilbud om aktivitet.',
  },
  {
    id: 'medlemmene-3',
    text: 'Lokallagene skal invitere medlemmer til å være med på å utføre oppgaver i forbindelse med arrangementer og aktiviteter, og til å bidra politisk når de arbeider med lokale saker. Dette skal fortrinnsvis gjøres med Zetkin.',
  },
  {
    id: 'medlemmene-4',
    text: 'For å breie ut partiet skal vi arrangere aktiviteter på arenaer der vi kan møte nye grupper, med temaer som angår dem.',
  },
  {
    id: 'medlemmene-5',
    text: 'Vi skal lage vervekampanjer i samarbeid med medlemmer som tilhører gruppene vi ønsker å nå',
  },
  {
    id: 'medlemmene-6',
    text: 'Ha jevnlig arrangementer med lav terskel for deltakelse, og der sosialt fellesskap er et mål, ikke kun et middel.',
  },
  { id: 'medlemmene-7', text: 'Vi skal arrangere Ny i SV-møter minst 4 ganger i året.' },
  { id: 'grupper-1', text: 'Etablere digitale kommunikasjonskanaler for de ulike gruppene.' },
  {
    id: 'grupper-2',
    text: 'Minst ett åpent møte i halvåret i de ulike gruppene evt. i samarbeid med organisasjoner som jobber innenfor deres politiske saksområder.',
  },
  {
    id: 'grupper-3',
    text: 'Sende ut nyhetsbrev om gruppens arbeid, for å gi medlemmer en mulighet til å engasjere seg på et konkret tema og få innsikt i partiets arbeid på dette feltet.',
  },
  { id: 'grupper-4', text: 'Alle nye medlemmer skal få informasjon om gruppene de kan delta i.' },
  {
    id: 'folkevalgte-1',
    text: 'Vi skal arrangere en større årlig konferanse for SVs folkevalgte i bydelsutvalgene (BU) og øvrige medlemmer av BU-gruppene i bydelene der formålet er skolering, politikkutvikling, nettverksbygging og erfaringsutveksling for BU-representantene.',
  },
  {
    id: 'folkevalgte-2',
    text: 'Vi skal informere de folkevalgte om folkevalgtportalen og hva som finnes her, samt bidra til utviklingen.',
  },
  {
    id: 'folkevalgte-3',
    text: 'Vi skal arrangere BU-forum minst 4 ganger årlig for å drøfte aktuelle saker. Det skal være en person i fylkestyret eller bystyregruppa som har ansvar for å følge opp BU-forum.',
  },
  {
    id: 'skolering-1',
    text: 'Minst en gang i året skal fylkeslaget arrangere en grunnskoleringsrekke etter mal av opplegget som utvikles av SV sentralt.',
  },
  {
    id: 'skolering-2',
    text: 'I høsthalvåret i mellomvalgår arrangeres det en kursrekke som har som formål å gjøre medlemmer trygge på både det politiske budskapet og hvordan man formidler dette. Kurset skal inneholde både praktiske verksted og politisk skoling, og tanken er å bygge nye folke- og tillitsvalgte.',
  },
  { id: 'skolering-3', text: 'Årlig tillitsvalgtsamling etter gjennomførte årsmøter.' },
  {
    id: 'skolering-4',
    text: 'Informere medlemmer og styrer om ressursbanken på SV.no og hva som finnes her.',
  },
  { id: 'merkedager-1', text: 'Vi skal delta i 8. mars-toget med parole og ha et arrangement før toget.' },
  {
    id: 'merkedager-2',
    text: 'Alle lokallag i Oslo SV skal arrangere 1. mai-frokost eller liknende arrangement gjerne samarbeid mellom flere lokallag eller andre partier.',
  },
  {
    id: 'merkedager-3',
    text: 'Vi skal delta i 1. mai tog og arrangere fest for alle Oslo SVs medlemmer etter toget.',
  },
  {
    id: 'merkedager-4',
    text: 'Vi skal ha stand i Pride park under Pride og deltagelse i Pride-paraden. Dette organiseres med Skeive sosialister.',
  },
  { id: 'merkedager-5', text: 'Vi skal delta på arrangement i forbindelse med verdens miljødag' },
  {
    id: 'merkedager-6',
    text: 'Vi skal delta på markeringen av FN dagen for funksjonshemmede sammen med interesseorganisasjonene.',
  },
  { id: 'allianser-1', text: 'Egen arbeidsgruppe som jobber mot minoritetsmiljøer.' },
  {
    id: 'allianser-2',
    text: 'Fylkesstyret og aktuelle grupper skal følge opp samarbeidet ved for eksempel å delta på åpne møter',
  },
  {
    id: 'allianser-3',
    text: 'Spesifikke kontaktpersoner i fylkesstyret får ansvaret kontakt med relevante organisasjoner.',
  },
  {
    id: 'allianser-4',
    text: 'Det skal prioriteres å lage avtaler med fagbevegelsen å delta på Oslo LOs representantskapsmøter',
  },
  {
    id: 'allianser-5',
    text: 'Forsøk med lavterskelarrangementer med vekt på det sosiale sammen med alliansepartnere (eks. Rød pub med fagbevegelsen, Quizkveld med fredsbevegelsen etc.)',
  },
  {
    id: 'allianser-6',
    text: 'Alle lokallag skal ha en strategi for samfunnskontakt og kontakt med lokale organisasjoner og interessegrupper.',
  },
  { id: 'utadrettet-1', text: 'Involvere lokallag i koordinering og organisering av arrangement.' },
  {
    id: 'utadrettet-2',
    text: 'Alle eksterne arrangement skal være på åpne møteplasser som er inkluderende, universelt utformet og som er omfattet av tariffavtale.',
  },
  { id: 'utadrettet-3', text: 'Arrangere en stor konferanse om miljøpolitikk våren 2020.' },
  { id: 'kommunikasjon-1', text: 'Utforme og spre egenprodusert materiale.' },
  { id: 'kommunikasjon-2', text: 'Produsere og legge ut videoer for ekstern og intern kommunikasjon.' },
  {
    id: 'kommunikasjon-3',
    text: 'Gjennomføre i skoling for lokallag for mer effektiv bruk av sosiale medier.',
  },
  { id: 'kommunikasjon-4', text: 'Bruke annonsering på sosiale medier aktivt for å nå nye målgrupper.' },
  {
    id: 'kommunikasjon-5',
    text: 'Streamer møter, foredrag, debatter, taler til landsstyret og dele dette internt og eksternt.',
  },
  {
    id: 'kommunikasjon-6',
    text: 'Ta i bruk systemer som Zetkin for lavterskel-involvering av medlemmer og aktivister.',
  },
  {
    id: 'valg2021-1',
    text: 'Oslo SV skal utarbeide valgkampstrategi for valgkampen som skal vedtas på årsmøtet i 2021.',
  },
  {
    id: 'valg2021-2',
    text: 'Oslo SV skal i perioden ha politiske og organisatoriske prosesser der medlemmene, lokallagene og de politiske gruppene får delta aktivt med mål om systematisk politikkutvikling.',
  },
  {
    id: 'valg2021-3',
    text: 'Gjennomføre møter i lokallag og grupper som gir medlemmene mulighet til å bidra i programprosessen.',
  },
  {
    id: 'valg2021-4',
    text: 'Skolering av særlig kvinner og minoriteter i forbindelse med nominasjonsarbeidet og kvinner på topp-kampanjen.',
  },
];
/** The measures (Tiltak) of seed 001: Oslo SVs arbeids- og organisasjonsplan 2024-2027, edition 2026. */
export const OSLO_SV_2024_2027: { id: string; text: string }[] = [
  { id: '4.1.A', text: 'Hele Oslo SV (alle lokallag) skal jevnlig banke på dører i 2026-2027.' },
  {
    id: '4.1.B',
    text: 'Det skal lages en plan for systematisk dørbank i 2026-2027. FS er ansvarlig for planen, men den utarbeides og følges opp i samarbeid med lokallagene.',
  },
  {
    id: '4.1.C',
    text: 'Det skal være minst én hovedansvarlig for direkte velgerkontakt/dørbank i Fylkesstyret og i lokallagsstyrene',
  },
  {
    id: '4.1.D',
    text: 'Det gjennomføres pilot på dørbank vinteren 2025/nyåret 2026 på hvordan benytte dørbank til å få politiske innspill.',
  },
  {
    id: '4.1.E',
    text: 'FS/Fylkessekretær gjennomfører møte med hvert av lokallagene om planer for direkte velgerkontakt (og for å sikre samkjøring).',
  },
  { id: '4.1.F', text: 'Det skal tilbys opplæring i dørbanking.' },
  {
    id: '4.1.G',
    text: 'Programkomitéene (i Oslo SV og i lokallagene) skal bruke innsamlede innspill fra dørbanking i programarbeidet.',
  },
  {
    id: '4.1.H',
    text: 'Det skal gjennomføres 1-2 kampanjeuker i løpet av 2026. Her vil dørbank stå sentralt, men også stands eller andre aktiviteter som gir direkte velgerkontakt',
  },
  { id: '4.2.A', text: 'Den direkte medlemskontakten gjennom ringing skal økes.' },
  {
    id: '4.2.B',
    text: 'Det skal i 2026 særskilt ringes for å mobilisere til dørbankaksjoner, lokallagene forventes å ta hovedansvaret i dette arbeidet.',
  },
  {
    id: '4.2.C',
    text: 'Det bør også ringes for å invitere til arrangementer, møter eller sosiale sammenkomster (f.eks. 1.mai frokost, programseminar, e.l.)',
  },
  { id: '4.2.D', text: 'Alle arrangementer skal registreres i Zetkin og dermed fremkomme i SV-appen.' },
  {
    id: '4.2.E',
    text: 'Zetkin skal fortsatt implementeres som verktøy for medlemskontakt og medlemsmobilisering i alle lokallag. Alle lokallagsstyrer må ha medlemsansvarlige og brukere som behersker Zetkin.',
  },
  { id: '4.2.F', text: 'Vi skal ha en aktiv vervekultur hvor vi spør folk om å bli medlem i SV.' },
  {
    id: '4.2.G',
    text: 'Lokallagene spesielt, men også fylkeslaget, skal bruke resultater fra SVs sentrale medlemsundersøkelse til å kunne tilpasse aktiviteter for å favne en større andel av medlemsmassen.',
  },
  {
    id: '4.2.H',
    text: 'Lokallagenes medlemsansvarlig skal sikre at nye medlemmer skal kontaktes innen den første måneden, og får tilbud eller informasjon om aktivitet.',
  },
  {
    id: '4.2.I',
    text: 'Alle lokallag bør ha minst to medlemsaktiviteter per halvår, i tillegg til nødvendige formelle møter (årsmøte, nominasjonsmøte, styremøter o.l.).',
  },
  { id: '4.2.J', text: 'Vi skal arrangere “Ny i SV”-møter to ganger i året.' },
  {
    id: '4.2.K',
    text: 'Vi har mål om økt rekruttering og ivaretakelse av personer med minoritetsbakgrunn og å beholde medlemmer med minoritetsbakgrunn.',
  },
  {
    id: '4.2.L',
    text: 'Alle lokallagsstyrer må bidra i gjenbetalingsdugnad gjennom ringerunder mot slutten av året.',
  },
  { id: '4.3.A', text: 'Oslo SV skal nedsette nominasjonskomité og vedta mandat for komiteen/prosessen.' },
  {
    id: '4.3.B',
    text: 'Alle lokallag skal gjennomføre høringsmøter om nominasjon (førsteutkast til bystyreliste)',
  },
  {
    id: '4.3.C',
    text: 'Oslo SV skal nedsette programkomité som skal utarbeide forslag til nytt valgprogram for bystyreperioden 2027-2031, og vedta mandat for komiteen/prosessen.',
  },
  {
    id: '4.3.D',
    text: 'Direkte velgerkontakt (dørbank) skal benyttes for å samle innspill til arbeidsprogram, både Oslo SV sitt og de lokale programmene i bydelen.',
  },
  {
    id: '4.3.E',
    text: 'Alle lokallag oppfordres til medlemsmøter for å diskutere og vedta innspill til nytt arbeidsprogram.',
  },
  {
    id: '4.3.F',
    text: 'Programkomiteen og Fylkesstyret skal i samarbeid arrangere et programseminar i forbindelse med førsteutkastet til nytt valgprogram.',
  },
  {
    id: '4.3.G',
    text: 'Oslo skal sette ned en forberedende valgkampgruppe (eller tilsvarende), som skal utarbeide forslag til valgkampstrategi.',
  },
  {
    id: '4.3.H',
    text: 'Oslo SV skal sette ned valgkampgruppe som skal operasjonalisere strategi og detaljplanlegge valgkampen.',
  },
  {
    id: '4.3.I',
    text: 'Oslo SV skal legge en strategi og gjennomføre tiltak for økt pengegaveinnsamling, både fra medlemmer og eksterne givere.',
  },
  { id: '4.3.J', text: 'Det skal tilbys skolering for nominasjonskomiteer i bydelene.' },
  {
    id: '4.3.K',
    text: 'Oslo SV skal arrangere «Borgen-programmet» eller lignende skolering med mål om å motivere og heve kompetanse hos medlemmer som kan være interessert i å stille til tillitsverv eller valglister.',
  },
  {
    id: '4.3.L',
    text: 'Det skal planlegges for skoleringsseminar av hhv. BU-kandidater og Bystyre-kandidater våren 2027.',
  },
  {
    id: '4.4.A',
    text: 'E-postliste for alle faste representanter i Bydelsutvalg og komiteer skal vedlikeholdes. BU-representanter oppfordres til å benytte denne ved saker og problemstillinger som er/kan være felles for alle bydeler.',
  },
  {
    id: '4.4.B',
    text: 'Det skal være god dialog mellom BSG og BU-gruppene. BSG v/ fraksjonslederne har et spesielt ansvar for dette.',
  },
  {
    id: '4.4.C',
    text: 'BU-forum skal ha 2-3 møter i løpet av året, et av dem i forbindelse med budsjettarbeid på høsten.',
  },
  {
    id: '4.4.D',
    text: 'Det skal én gang i året arrangeres en større samling for SVs folkevalgte i bystyregruppa, bydelsutvalgene og øvrige medlemmer av BU-gruppene i bydelene. I valgår erstattes dette av kandidatskolering.',
  },
  {
    id: '4.4.E',
    text: 'BSG, STG og ansatte skal i størst mulig grad koordinere med lokallagene og/eller lokale folkevalgte når de er på besøk i bydelen og gjerne samarbeide om eventuelle medieutspill.',
  },
  {
    id: '5.1.A',
    text: 'Det skal arrangeres tillitsvalgtskolering for lokallagsstyrer, politiske gruppeledere og FS.',
  },
  {
    id: '5.1.B',
    text: 'Lokallagsstyrer som ønsker ytterligere skolering kan kontakte FS for hjelp til dette.',
  },
  {
    id: '5.1.C',
    text: 'Zetkin skal benyttes av alle lokallag og Oslo SV. Det skal tilbys opplæring i Zetkin for de som trenger det.',
  },
  { id: '5.1.D', text: 'Vi skal ha en årlig runde med «Oslo SV-skolen» (grunnskolering).' },
  {
    id: '5.1.E',
    text: 'Oslo SVs ressursbank skal oppdateres med aktuelle skoleringsressurser. Og SVs ressursbank og SVs nasjonale skoleringstilbud skal være godt kjent i organisasjonen, spesielt for lokallag, tillitsvalgte og folkevalgte.',
  },
  {
    id: '5.2.A',
    text: 'Oslo SV skal jobbe med utslippsreduksjon i egen virksomhet, og la dette være førende for alle beslutninger som tas eksempelvis knyttet til reise, innkjøp og bevertning.',
  },
  {
    id: '5.2.B',
    text: 'Sørge for tydelig kommunikasjon med lokallag, grupper, og BSG/STG knyttet til viktige prosesser, frister, kampanjer o.l.',
  },
  {
    id: '5.2.C',
    text: 'Det skal arrangeres strategisamling for fylkesstyret, bystyregruppa, og Oslos stortingsrepresentanter minst én gang hvert år.',
  },
  {
    id: '5.2.D',
    text: 'Oslo SVs landsstyrerepresentanter har ansvaret for å sikre at fylkeslaget v/Fylkesstyret får gitt innspill i forkant av vedtak i Landsstyret, og for å spre relevante vedtak i fylkeslaget.',
  },
  {
    id: '5.2.E',
    text: 'Oslo SV skal sørge for god behandling i fylkeslaget (og lokallagene) av eventuelle nasjonale prosesser og saker som måtte komme fra partiet sentralt i løpet av året og frem mot SV landsmøte i 2027.',
  },
  {
    id: '5.2.F',
    text: 'Møter og sosiale arrangement skal som hovedregel avholdes i universelt utformede lokaler og på steder med tariffavtale.',
  },
  {
    id: '5.2.G',
    text: 'Sikre at partiets drift og aktivitet er i tråd med (Oslo) SVs etiske retningslinjer og andre aktuelle bestemmelser.',
  },
  {
    id: '5.2.H',
    text: 'Gjøre medlemmer og tillitsvalgte godt kjent med etiske retningslinjer, partiets retningslinjer for trygge møteplasser og varslingsrutiner ved (seksuell) trakassering og andre former for maktmisbruk.',
  },
  { id: '5.2.I', text: 'Ha kjønnsdelte formøter ifm. større partimøter eller etter behov.' },
  { id: '5.2.J', text: 'Oslo SV skal være en god og seriøs arbeidsgiver, og ha god økonomistyring.' },
  {
    id: '5.2.K',
    text: 'Oslo SV skal ha tilgjengelig informasjon på nettsidene på flere språk, med informasjon om SV og innmelding, samt informasjon om (Oslo) SVs kjernesaker.',
  },
  {
    id: '5.3.A',
    text: 'Det skal rett etter Oslo SVs årsmøte utarbeides en plan for RS det kommende året, med oversikt over tentative hovedsaker på de enkelte møtene.',
  },
  {
    id: '5.3.B',
    text: 'Representantskapet skal være et verksted for politikkutvikling, og skal i løpet av et år ha ulike temaer/uttalelser til diskusjon. Lokallag skal oppfordres til å sende inn forslag til uttalelser. Fylkesstyret skal reise debatter i RS og bidra til politikkutvikling gjennom å fremme uttalelser og nedsette eller bruke eksisterende politiske grupper for å sikre politikkutvikling.',
  },
  {
    id: '5.3.C',
    text: 'Lokallagene skal stille forberedt til møtene i representantskapet (f.eks. ved å ha formøter).',
  },
  { id: '5.3.D', text: 'Bystyregruppa og Stortingsgruppa skal være representert i RS.' },
  {
    id: '5.4.A',
    text: 'Alle lokallag skal ha aktivitet gjennom hele året og ha minst to medlemsaktiviteter i halvåret. Det oppfordres til samarbeid mellom lokallag.',
  },
  {
    id: '5.4.B',
    text: 'Lokallagene skal jobbe systematisk med medlemsoppfølging, spesielt oppfølging av nye medlemmer. Alle lokallag skal ha et pågående ringeoppdrag i Zetkin som sørger for at nye medlemmer blir ringt og at det blir holdt jevn kontakt med eksisterende medlemmer.',
  },
  {
    id: '5.4.C',
    text: 'Alle lokallag får en fadder i fylkesstyret som skal holde kontakten med lokallaget, delta på årsmøtet, styremøter ved behov, og sørge for god informasjonsflyt.',
  },
  {
    id: '5.4.D',
    text: 'Fylkesstyret skal ha fellesmøte med lokallagsledere minst en gang i halvåret, og korte digitale møter ved behov.',
  },
  {
    id: '5.4.E',
    text: 'Lokallagene må ringe/kontakte medlemmer som ikke har betalt kontingent med påminnelse om dette.',
  },
  {
    id: '5.4.F',
    text: 'Oslo SVs ansatte, BSG og STG skal i størst mulig grad engasjere lokallagene og lokale folkevalgte når de er på besøk i bydelen og samarbeide om eventuelle medieutspill.',
  },
  {
    id: '5.4.G',
    text: 'Fylkesstyret skal arrangere minst ett fysisk lokallagslederforum i halvåret med fokus på erfaringsutveksling mellom lokallagene. Lokallagslederforumet har frivillig deltagelse, men er en arena for lokallagslederne til å bli kjent, utveksle erfaringer og utfordringer, og inspirere og hjelpe hverandre.',
  },
  {
    id: '5.4.H',
    text: 'Alle lokallag skal etterstrebe å ha minoritetsrepresentasjon i sine sentrale posisjoner, som bydelsutvalg/-komiteer og lokallagsstyre.',
  },
  {
    id: '5.4.I',
    text: 'Lokallagsledere skal motta samle-epost annenhver uke med informasjon, frister, etc.',
  },
  {
    id: '5.5.A',
    text: 'Gruppestrukturen skal gjennomgås og evalueres. Grupper uten ledelse og aktivitet må vurderes nedlagt.',
  },
  {
    id: '5.5.B',
    text: 'Gruppene skal kunne bidra på sitt felt til debatt, kunnskapsspredning og utvikling av Oslo SVs politikk. Spesielt viktig er dette i forbindelse med innspill til nytt arbeidsprogram.',
  },
  { id: '5.5.C', text: 'Gruppene må ha jevnlige møter, og minst ett utadrettet arrangement per år.' },
  {
    id: '5.5.D',
    text: 'Gruppene oppfordres til nettverksbygging, og til å holde kontakt med og lytte til organisasjoner, berørte interessegrupper og fagmiljøer innenfor sitt kompetanseområde.',
  },
  {
    id: '5.5.E',
    text: 'Fylkesstyret har ansvar for å følge opp og sørge for at det finnes god ledelse og kontinuitet i gruppene, og setter ned ad-hoc grupper ved behov. Alle gruppene får en kontaktperson i fylkesstyret som skal holde kontakten med gruppen og bistå dem ved behov.',
  },
  {
    id: '5.5.F',
    text: 'Det skal arrangeres minst ett møte i året mellom gruppelederne og representanter for FS.',
  },
  {
    id: '5.5.G',
    text: 'Gruppeledere skal inviteres til BU-forum og/eller møte med BSG når det er aktuelle saker.',
  },
  {
    id: '5.5.H',
    text: 'Det skal sende ut et felles nyhetsbrev e.l. om gruppene og deres arbeid, for å gi medlemmer en mulighet til å engasjere seg.',
  },
  {
    id: '5.6.A',
    text: 'FS skal velge faste representanter til å representere Oslo SV som observatører på LO i Oslo sine representantskapsmøter.',
  },
  {
    id: '5.6.B',
    text: 'Alliansepartnere kan inviteres som innledere eller deltakere på aktuelle møter eller skoleringer.',
  },
  {
    id: '5.6.C',
    text: 'Lokallag og gruppene inviterer lokale alliansepartnere til møter, enten hos dem, eller som innledere/paneldeltakere/gjester på møter i lokallagets regi.',
  },
  {
    id: '5.6.D',
    text: 'Bystyregruppa og stortingsgruppa v/heltidspolitikerne har et særskilt ansvar for kontakt og møter med viktige alliansepartnere.',
  },
  {
    id: '5.6.E',
    text: 'Oslo SV skal være representert i 8. mars komiteens arbeidsutvalg og på parolemøtet.',
  },
  {
    id: '5.6.F',
    text: 'BU-grupper og/eller lokallag bør ha god dialog med fagforeninger for ansatte i bydelen. I bydeler hvor Fagforbundet har klubb bør en også jobbe for å inngå samarbeidsavtaler.',
  },
  {
    id: '5.7.A',
    text: 'Vi skal markere: ● Sámi álbmotbeaivi, Samenes nasjonaldag 6. februar. ● Den internasjonale morsmålsdagen 21.februar. ● FNs dag mot antirasisme 21. mars ● Verdens miljødag 5. juni. ● 25. juni ● 22. juli, i samråd med anbefalinger fra støttegruppen.',
  },
  {
    id: '5.7.B',
    text: 'Vi skal delta i 8. mars-markeringen med parole og ha et arrangement før eller etter toget.',
  },
  {
    id: '5.7.C',
    text: 'Vi skal bidra til stand i Pride park under Pride og deltakelse i Pride-paraden. Dette organiseres primært av Skeive sosialister.',
  },
  {
    id: '5.7.D',
    text: 'Vi skal delta i 1. mai tog og ha et sosialt arrangement for alle Oslo SVs medlemmer etter toget. (Lokallag har ansvar for 1.mai-frokoster)',
  },
  {
    id: '5.8.A',
    text: 'Støtte lokallagene med råd og kompetanse/tilby skolering i innholdsproduksjon og annonsering i sosiale medier.',
  },
  { id: '5.8.B', text: 'Det skal produseres og legges ut videoer om politiske saker.' },
  {
    id: '5.8.C',
    text: 'Fortsette med Oslo SV sitt nyhetsbrev som sendes ut annenhver uke til alle medlemmer. Dette skal primært inneholde informasjon om politiske saker og aktiviteter i fylkeslaget (fylkesnivå og lokallagsnivå).',
  },
  {
    id: '5.8.D',
    text: 'Oslo SVs sosiale medier og nettsider skal oppdateres jevnlig med nyhetssaker og informasjon om medlemsaktiviteter.',
  },
  {
    id: '5.8.E',
    text: 'Bruke annonsering på sosiale medier for å nå (nye) målgrupper, også i mellomvalgår.',
  },
  {
    id: '5.8.F',
    text: 'Kontinuerlig vurdere sikkerhet knyttet til personvern og etterlevelse av GDPR-lovgivning.',
  },
];
