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
    advice: {
      loading: 'Ładowanie porad…',
      notFoundHeading: 'Nie znaleziono strony',
      notFoundBody: 'Nie znaleźliśmy tych porad. Jeśli się martwisz, zadzwoń pod 111.',
      failedHeading: 'Przepraszamy, porady się nie załadowały',
      failedBody: 'Sprawdź zasięg i spróbuj ponownie. Jeśli się martwisz, zadzwoń pod 111.',
      call999: 'Zadzwoń pod 999, jeśli dziecko jest bardzo chore lub myślisz, że jego życie jest zagrożone.',
      tryAgain: 'Spróbuj ponownie',
      inEnglish: 'Te porady są po angielsku, ponieważ polskie tłumaczenie nie zostało jeszcze sprawdzone. Jeśli coś jest niejasne, zapytaj pielęgniarkę lub zadzwoń pod 111.',
      recapLoading: 'Ładowanie zaleceń pielęgniarki…',
      recapUnknown: 'Nie znaleźliśmy zaleceń pielęgniarki dla tego linku. Oto nasze ogólne porady.',
      recapFailed: 'Nie udało się załadować zaleceń pielęgniarki. Sprawdź zasięg i odśwież stronę. Oto nasze ogólne porady.',
      recapHeading: 'Co zaleciła pielęgniarka',
      recapChangedHeading: 'Twoje zalecenia się zmieniły',
      recapChangedWhen: (time, day) => `Nowe zalecenia z ${day}, godz. ${time}. Zastępują wcześniejszą wiadomość SMS.`,
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
