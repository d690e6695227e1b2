import type { LocaleModule } from '../types';

/** Polish. A draft translation (`reviewed: false`) until a professional translator and a clinician check it. */
const pl: LocaleModule = {
  lang: 'pl',
  reviewed: false,
  messages: {
    language: {
      label: 'Język',
      changed: 'Strona jest teraz po polsku.',
      draftNotice: 'To jest wstępne tłumaczenie. Nie zostało jeszcze sprawdzone. Jeśli coś jest niejasne, zapytaj pielęgniarkę przez telefon.',
    },
    page: {
      joinHeader: 'NHS 111 – rozmowa wideo',
      joinTitle: 'Rozmowa wideo – NHS 111',
      adviceHeader: 'NHS 111 – porady dla rodziców',
      adviceTitle: (topic) => `${topic} – NHS 111`,
      adviceTitleLoading: 'Porady – NHS 111',
      notFoundTitle: 'Nie znaleziono strony – NHS 111',
      notFoundHeading: 'Nie znaleziono strony',
      notFoundBody: 'Otwórz ponownie link z wiadomości SMS albo zostań przy telefonie: pielęgniarka nadal może pomóc.',
      call111: 'Jeśli nie rozmawiasz już przez telefon, zadzwoń pod 111.',
      loading: 'Ładowanie…',
    },
  },
};
export default pl;
