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
