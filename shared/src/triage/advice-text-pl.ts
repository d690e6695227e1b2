import { assertNever } from '../call/machine.js';
import type { AdviceLocale } from './advice-locale.js';
import { hoursIn } from './advice-locale.js';

/** Polish: a draft translation (not yet reviewed by a professional translator or clinician). */
const hours = hoursIn('pl', { one: () => '1 godziny', other: (n) => `${n} godzin` });
const within = (h: number | null) => (h === null ? '' : ` w ciągu ${hours(h)}`);

export const ADVICE_LOCALE_PL: AdviceLocale = {
  lang: 'pl',
  reviewed: false,
  text: {
    'glass.press': 'Mocno przyciśnij bok przezroczystej szklanki do wysypki lub plamek.',
    'glass.look': 'Popatrz na wysypkę przez szklankę.',
    'glass.stillSee': 'Jeśli nadal widzisz plamki przez szklankę, wysypka nie blednie. Zadzwoń teraz pod 999.',
    'glass.darkSkin': 'Na brązowej lub czarnej skórze wysypkę trudniej zobaczyć. Sprawdź jaśniejsze miejsca, np. wnętrze dłoni, podeszwy stóp i brzuch.',
    'glass.dontWait': 'Nie czekaj na wysypkę. Jeśli dziecko jest bardzo chore lub jest mu gorzej, od razu szukaj pomocy.',

    'dehydration.dryMouth': 'suche usta lub suche wargi',
    'dehydration.sunkenEyes': 'zapadnięte oczy',
    'dehydration.fewTears': 'płacz z małą ilością łez lub bez łez',
    'dehydration.fewerNappies': 'mniej mokrych pieluch lub rzadsze siusianie niż zwykle',
    'dehydration.fontanelle': 'zapadnięte miękkie miejsce na czubku głowy niemowlęcia (ciemiączko)',
    'dehydration.unwell': 'dziecko wygląda na chore, jest blade lub bardziej senne niż zwykle',

    'seek.fit': 'dziecko ma drgawki (napad)',
    'seek.nonFadingRash': 'dziecko ma wysypkę, która nie blednie, gdy przyciśniesz do niej szklankę',
    'seek.hardToWake': 'dziecko jest bardzo senne i trudno je obudzić albo nie może utrzymać się w stanie czuwania',
    'seek.colour': 'skóra, usta lub język dziecka są blade, w plamy, szare lub sine',
    'seek.breathing': 'dziecko ma trudności z oddychaniem, stęka albo skóra zapada się pod żebrami',
    'seek.cry': 'dziecko płacze słabo, piskliwie, inaczej niż zwykle',
    'seek.neck': 'dziecko ma sztywny kark albo jasne światło razi je w oczy',
    'seek.worse': 'dziecku jest gorzej albo martwisz się bardziej niż wcześniej',
    'seek.fiveDays': 'dziecko ma wysoką temperaturę od 5 dni lub dłużej',
    'seek.cannotCope': 'jesteś bardzo zdenerwowany lub zdenerwowana albo nie możesz zająć się dzieckiem w domu',
    'seek.dehydrated': 'dziecko ma objawy odwodnienia',
    'seek.under3Months': 'niemowlę ma mniej niż 3 miesiące i temperaturę 38°C lub wyższą',
    'seek.from3To6Months': 'niemowlę ma od 3 do 6 miesięcy i temperaturę 39°C lub wyższą',
    'seek.notThemselves': 'dziecko nie zachowuje się jak zwykle albo nie chce jeść ani pić',

    'care.drinks': 'Dawaj dziecku dużo do picia. Podawaj napoje często, po trochu.',
    'care.breastfeed': 'Jeśli karmisz piersią, karm dalej. Mleko matki to najlepszy napój dla niemowlęcia.',
    'care.night': 'Sprawdzaj dziecko w nocy.',
    'care.dress': 'Ubierz dziecko w zwykłe, lekkie ubranie. Nie owijaj go w wiele warstw i nie rozbieraj do naga.',
    'care.noSponging': 'Nie przecieraj ani nie myj dziecka chłodną wodą, aby obniżyć temperaturę.',
    'care.nursery': 'Gdy dziecko ma wysoką temperaturę, nie posyłaj go do żłobka, przedszkola ani szkoły. Powiadom placówkę.',
    'care.lookForDehydration': 'Zwracaj uwagę na objawy odwodnienia.',
    'care.rest': 'Pozwól dziecku odpoczywać.',

    'medicines.onlyIfUpset': 'Podawaj paracetamol lub ibuprofen tylko wtedy, gdy dziecko jest rozdrażnione lub cierpi.',
    'medicines.notForTemperature': 'Lek ma pomóc dziecku poczuć się lepiej. Nie służy tylko do obniżenia temperatury.',
    'medicines.notBoth': 'Podawaj jeden lek naraz. Nie podawaj paracetamolu i ibuprofenu razem.',
    'medicines.swap': 'Jeśli jeden lek nie pomógł, możesz zamiast niego spróbować drugiego.',
    'medicines.alternate': 'Zmieniaj leki tylko wtedy, gdy dziecko nadal cierpi przed następną dawką.',
    'medicines.stop': 'Przestań podawać lek, gdy dziecko już nie cierpi.',
    'medicines.dose': 'Sprawdź na ulotce dawkę dla wieku dziecka. Nigdy nie dawaj więcej, niż jest napisane.',
    'medicines.noAspirin': 'Nie podawaj aspiryny dzieciom poniżej 16 lat.',
    'medicines.easePain': 'Paracetamol lub ibuprofen może złagodzić ból.',

    'fever.title': 'Wysoka temperatura (gorączka) u dzieci',
    'fever.intro':
      'Wysoka temperatura u dzieci jest bardzo częsta. Większość dzieci zdrowieje w domu. Tu przeczytasz, jak opiekować się dzieckiem i kiedy szukać pomocy.',
    'fever.expect.definition': 'Wysoka temperatura to 38°C lub więcej.',
    'fever.expect.virus': 'Zwykle wywołuje ją wirus. Często mija sama po 3 lub 4 dniach.',
    'fever.expect.sleepy': 'Dziecko może być bardziej senne i mniej głodne niż zwykle.',
    'expect.worseQuickly': 'Dzieciom może szybko się pogorszyć. Sprawdzaj dziecko często, także w nocy.',

    'soreThroat.title': 'Ból gardła u dzieci',
    'soreThroat.intro':
      'Ból gardła u dzieci jest częsty. Zwykle mija sam. Tu przeczytasz, jak opiekować się dzieckiem i kiedy szukać pomocy.',
    'soreThroat.expect.virus': 'Większość bólów gardła wywołuje wirus. Zwykle mijają w ciągu tygodnia.',
    'soreThroat.expect.antibiotics': 'Antybiotyki nie pomagają przy większości bólów gardła.',
    'soreThroat.expect.symptoms': 'Dziecko może też mieć wysoką temperaturę, kaszel lub katar.',
    'soreThroat.care.softFood': 'Dawaj chłodne lub miękkie jedzenie, np. jogurt. Starsze dzieci mogą ssać lody na patyku.',
    'soreThroat.care.noSweets': 'Nie dawaj małym dzieciom małych, twardych cukierków ani pastylek. Mogą się zadławić.',
    'soreThroat.call999.swallow': 'dziecko ma trudności z przełykaniem albo się ślini',
    'soreThroat.call999.stridor': 'dziecko wydaje piskliwy dźwięk przy wdechu',
    'soreThroat.call111.week': 'ból gardła nie minął po tygodniu',
    'soreThroat.call111.cannotEat': 'dziecko nie może jeść ani pić z powodu bólu',
    'call111.veryHot': 'dziecko ma bardzo wysoką temperaturę albo jest rozpalone i ma dreszcze',

    'earPain.title': 'Ból ucha u dzieci',
    'earPain.intro':
      'Ból ucha u dzieci jest częsty. Często wywołuje go zapalenie ucha. Tu przeczytasz, jak opiekować się dzieckiem i kiedy szukać pomocy.',
    'earPain.expect.course': 'Zapalenie ucha zwykle mija samo po około 3 dniach. Czasem trwa do tygodnia.',
    'earPain.expect.antibiotics': 'Antybiotyki zwykle nie są potrzebne. Niewiele pomagają na ból.',
    'earPain.expect.symptoms': 'Dziecko może mieć wysoką temperaturę i ciągnąć lub trzeć ucho.',
    'earPain.care.flannel': 'Przyłóż ciepłą lub zimną ściereczkę do bolącego ucha. To może złagodzić ból.',
    'earPain.care.wipe': 'Jeśli z ucha wycieka płyn, delikatnie wytrzyj go watą.',
    'earPain.care.nothingIn': 'Nie wkładaj niczego do ucha dziecka, np. patyczków do uszu.',
    'earPain.call111.behindEar': 'za uchem jest obrzęk, zaczerwienienie lub ból albo ucho odstaje',
    'earPain.call111.discharge': 'z ucha wycieka płyn lub ropa',
    'earPain.call111.threeDays': 'ból ucha nie zaczął słabnąć po 3 dniach',
    'earPain.call111.under2': 'dziecko ma mniej niż 2 lata i bolą je oba uszy',
    'earPain.call111.hearing': 'słuch dziecka się zmienił',
    'earPain.call111.stuck': 'coś utknęło w uchu dziecka',

    'rash.title': 'Wysypki u dzieci',
    'rash.intro': 'Wysypki u dzieci są częste. Większość jest niegroźna i mija sama. Tu przeczytasz, jak sprawdzić wysypkę i kiedy szukać pomocy.',
    'rash.expect.virus': 'Większość wysypek wywołuje wirus. Zwykle mijają same.',
    'rash.expect.changes': 'Wysypka może szybko się zmienić. Sprawdzaj ją często, także w nocy.',
    'rash.care.glassTest': 'Zrób test szklanki na każdej nowej plamce lub wysypce. Powtórz go, gdy wysypka się zmieni.',
    'rash.care.chickenpox': 'Jeśli dziecko ma ospę wietrzną, nie posyłaj go do żłobka ani szkoły, aż wszystkie krostki pokryją się strupami.',
    'rash.medicines.chickenpox': 'Jeśli dziecko ma ospę wietrzną, nie podawaj ibuprofenu, chyba że zaleci to lekarz.',
    'rash.call999.swelling': 'usta, jama ustna lub twarz dziecka nagle puchną',
    'rash.call111.temperature': 'dziecko ma wysypkę i wysoką temperaturę',
    'rash.call111.spreading': 'wysypka szybko się szerzy albo na skórze są pęcherze lub skóra się łuszczy',
    'rash.call111.hotSkin': 'skóra wokół wysypki jest gorąca, opuchnięta lub bolesna',

    'coughCold.title': 'Kaszel, przeziębienie i zapalenie oskrzelików u dzieci',
    'coughCold.intro':
      'Kaszel i przeziębienie u dzieci są bardzo częste. Niemowlęta mogą mieć zapalenie oskrzelików, infekcję płuc wywołaną przez wirus. Tu przeczytasz, jak opiekować się dzieckiem i kiedy szukać pomocy.',
    'coughCold.expect.cold': 'Przeziębienie zwykle mija po 1 do 2 tygodni.',
    'coughCold.expect.cough': 'Kaszel może trwać do 3 tygodni.',
    'coughCold.expect.bronchiolitis': 'Zapalenie oskrzelików jest często najgorsze w dniach od 3 do 5. Większość niemowląt zdrowieje w ciągu 2 do 3 tygodni.',
    'coughCold.expect.antibiotics': 'Antybiotyki nie pomagają na kaszel i przeziębienie wywołane przez wirus.',
    'coughCold.care.smallerFeeds': 'Jeśli niemowlę je mniej, podawaj mniejsze porcje częściej.',
    'coughCold.care.honey': 'Jeśli dziecko ma więcej niż 1 rok, ciepły napój z miodem i cytryną może złagodzić kaszel. Nie dawaj miodu niemowlętom poniżej 1 roku.',
    'coughCold.care.noSmoke': 'Nie pozwól nikomu palić przy dziecku.',
    'coughCold.medicines.under6': 'Nie podawaj leków na kaszel ani przeziębienie dzieciom poniżej 6 lat.',
    'coughCold.call999.workingHard': 'dziecko bardzo ciężko oddycha albo skóra zapada się pod żebrami',
    'coughCold.call999.grunting': 'dziecko stęka przy oddychaniu',
    'coughCold.call999.pauses': 'dziecko robi przerwy w oddychaniu',
    'coughCold.call999.blue': 'usta lub język dziecka są sine lub szare',
    'coughCold.call999.floppy': 'dziecko jest wiotkie albo nie chce się obudzić lub nie może utrzymać się w stanie czuwania',
    'coughCold.call111.feeding': 'dziecko je lub pije mniej niż połowę tego co zwykle',
    'coughCold.call111.nappy': 'dziecko nie miało mokrej pieluchy od 12 godzin lub dłużej',
    'coughCold.call111.fastBreathing': 'dziecko oddycha szybciej niż zwykle',
    'coughCold.call111.tired': 'dziecko wydaje się bardzo zmęczone lub bardzo rozdrażnione',
    'coughCold.call111.threeWeeks': 'kaszel trwa dłużej niż 3 tygodnie',

    'diarrhoeaVomiting.title': 'Biegunka i wymioty u dzieci',
    'diarrhoeaVomiting.intro':
      'Biegunka i wymioty u dzieci są częste. Zwykle wywołuje je infekcja żołądkowa. Największe ryzyko to utrata zbyt dużej ilości płynów (odwodnienie).',
    'diarrhoeaVomiting.expect.vomiting': 'Wymioty zwykle ustępują po 1 lub 2 dniach.',
    'diarrhoeaVomiting.expect.diarrhoea': 'Biegunka zwykle ustępuje w ciągu 5 do 7 dni.',
    'diarrhoeaVomiting.expect.babies': 'Niemowlęta łatwiej się odwadniają. Obserwuj je uważnie.',
    'diarrhoeaVomiting.care.sips': 'Często dawaj małe łyki napoju, nawet jeśli dziecko wymiotuje.',
    'diarrhoeaVomiting.care.keepFeeding': 'Karm dalej piersią lub butelką. Podawaj mniejsze porcje częściej.',
    'diarrhoeaVomiting.care.water': 'Niemowlętom na mleku modyfikowanym lub stałym jedzeniu dawaj między posiłkami małe łyki wody.',
    'diarrhoeaVomiting.care.formula': 'Nie rozcieńczaj mleka modyfikowanego bardziej niż zwykle.',
    'diarrhoeaVomiting.care.noJuice': 'Nie dawaj soków owocowych ani napojów gazowanych. Mogą nasilić biegunkę.',
    'diarrhoeaVomiting.care.sachets': 'Farmaceuta może dać ci saszetki do rozpuszczenia w wodzie. Uzupełniają utracone płyny i sole.',
    'diarrhoeaVomiting.care.eat': 'Pozwól dziecku jeść, kiedy ma na to ochotę.',
    'diarrhoeaVomiting.care.handwashing': 'Często myj ręce mydłem i wodą. To zatrzymuje rozprzestrzenianie się infekcji.',
    'diarrhoeaVomiting.care.nursery': 'Nie posyłaj dziecka do żłobka ani szkoły, aż minie 2 dni od ostatnich wymiotów lub biegunki.',
    'diarrhoeaVomiting.medicines.noStopping': 'Nie podawaj leków hamujących biegunkę dzieciom poniżej 12 lat.',
    'diarrhoeaVomiting.call999.green': 'wymiociny dziecka są zielone lub żółtozielone',
    'diarrhoeaVomiting.call999.blood': 'w wymiocinach dziecka jest krew albo wyglądają jak fusy od kawy',
    'diarrhoeaVomiting.call999.tummyAche': 'dziecko ma nagły, bardzo silny ból brzucha',
    'diarrhoeaVomiting.call111.keepsBeingSick': 'dziecko ciągle wymiotuje i nie może utrzymać napojów',
    'diarrhoeaVomiting.call111.bloodInPoo': 'w kupie dziecka jest krew',
    'diarrhoeaVomiting.call111.stopsFeeding': 'niemowlę przestaje ssać pierś lub pić z butelki',
    'diarrhoeaVomiting.call111.tooLong': 'dziecko wymiotuje dłużej niż 2 dni albo ma biegunkę dłużej niż 7 dni',

    'general.title': 'Opieka nad dzieckiem w domu',
    'general.intro': 'Większość chorych dzieci zdrowieje w domu. Tu przeczytasz, jak opiekować się dzieckiem i kiedy szukać pomocy.',
    'general.expect.viruses': 'Większość chorób u dzieci wywołują wirusy. Zwykle mijają same.',
  },
  labels: {
    immediate: 'Potrzebna natychmiastowa pomoc:',
    urgent: 'Pilna porada:',
    call999Heading: 'Zadzwoń pod 999, jeśli:',
    call111Heading: 'Zadzwoń pod 111 lub do lekarza GP, jeśli:',
    call999Button: 'Zadzwoń pod 999',
    call111Button: 'Zadzwoń pod 111',
    glassTestLink: 'Jak zrobić test szklanki',
    moreDetail: 'Więcej informacji',
    expect: 'Czego się spodziewać',
    care: 'Jak opiekować się dzieckiem',
    medicines: 'Leki',
    glassTest: 'Jak zrobić test szklanki',
    dehydration: 'Objawy odwodnienia',
    dehydrationLead: 'Dziecko może dostawać za mało płynów. Zwracaj uwagę na:',
    sources: 'Skąd pochodzą te porady',
    fromTeam: 'Te porady pochodzą od zespołu NHS 111 ds. dzieci.',
    print: 'Wydrukuj te porady',
  },
  recap: (disposition, timeframeHours) => {
    switch (disposition) {
      case 'self_care':
        return 'Pielęgniarka zaleca opiekę nad dzieckiem w domu.';
      case 'pharmacy':
        return 'Pielęgniarka zaleca rozmowę z farmaceutą.';
      case 'primary_care':
        return timeframeHours === null ? 'Pielęgniarka zaleca umówienie wizyty u GP.' : `Pielęgniarka zaleca wizytę u GP${within(timeframeHours)}.`;
      case 'hub_referral':
        return 'Dziecko dostaje skierowanie do poradni dla dzieci.';
      case 'advice_line':
        return 'Specjalista od dzieci doradził w sprawie dziecka.';
      case 'urgent_treatment_centre':
        return `Pielęgniarka zaleca zabranie dziecka do punktu pilnej pomocy (urgent treatment centre)${within(timeframeHours)}.`;
      case 'emergency_department':
        return `Pielęgniarka zaleca zabranie dziecka na izbę przyjęć (A&E)${within(timeframeHours)}.`;
      case 'ambulance':
        return 'Pielęgniarka uznała, że dziecko potrzebuje karetki. Zadzwoń teraz pod 999, jeśli karetka nie jest w drodze.';
      default:
        return assertNever(disposition);
    }
  },
  sms: (link, nextStep) =>
    `NHS 111: ${nextStep ? `${nextStep} ` : ''}${link} 999: gdy dziecku jest dużo gorzej, ma drgawki lub wysypkę nieblednącą pod szklanką. 111: gdy się martwisz.`,
  inEnglishNote: 'Tłumaczenie w toku.',
};
