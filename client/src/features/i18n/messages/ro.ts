import type { LocaleModule } from '../types';

/** Romanian. A draft translation (`reviewed: false`) until a professional translator and a clinician check it. */
const ro: LocaleModule = {
  lang: 'ro',
  reviewed: false,
  messages: {
    language: {
      label: 'Limba',
      changed: 'Pagina este acum în limba română.',
      draftNotice: 'Aceasta este o traducere provizorie. Nu a fost încă verificată. Dacă ceva nu este clar, întrebați asistenta la telefon.',
    },
    advice: {
      loading: 'Se încarcă sfaturile…',
      notFoundHeading: 'Pagina nu a fost găsită',
      notFoundBody: 'Nu am găsit aceste sfaturi. Dacă vă îngrijorează ceva, sunați la 111.',
      failedHeading: 'Ne pare rău, sfaturile nu s-au încărcat',
      failedBody: 'Verificați semnalul și încercați din nou. Dacă vă îngrijorează ceva, sunați la 111.',
      call999: 'Sunați la 999 dacă copilul este foarte bolnav sau credeți că viața lui este în pericol.',
      tryAgain: 'Încercați din nou',
      inEnglish: 'Aceste sfaturi sunt în engleză, deoarece traducerea în română nu a fost încă verificată. Dacă ceva nu este clar, întrebați asistenta sau sunați la 111.',
      recapLoading: 'Se încarcă sfatul asistentei…',
      recapUnknown: 'Nu am găsit sfatul asistentei pentru acest link. Iată sfaturile noastre generale.',
      recapFailed: 'Nu am putut încărca sfatul asistentei. Verificați semnalul și reîncărcați pagina. Iată sfaturile noastre generale.',
      recapHeading: 'Ce v-a sfătuit asistenta',
      recapChangedHeading: 'Sfatul primit s-a schimbat',
      recapChangedWhen: (time, day) => `Sfat nou din ${day}, ora ${time}. Înlocuiește mesajul primit mai devreme.`,
    },
    page: {
      joinHeader: 'NHS 111 – apel video',
      joinTitle: 'Apel video – NHS 111',
      adviceHeader: 'NHS 111 – sfaturi pentru părinți',
      adviceTitle: (topic) => `${topic} – NHS 111`,
      adviceTitleLoading: 'Sfaturi – NHS 111',
      notFoundTitle: 'Pagina nu a fost găsită – NHS 111',
      notFoundHeading: 'Pagina nu a fost găsită',
      notFoundBody: 'Deschideți din nou linkul din mesaj sau rămâneți la telefon: asistenta vă poate ajuta în continuare.',
      call111: 'Dacă nu mai sunteți la telefon, sunați la 111.',
      loading: 'Se încarcă…',
    },
  },
};
export default ro;
