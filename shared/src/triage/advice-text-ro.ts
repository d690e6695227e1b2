import { assertNever } from '../call/machine.js';
import type { AdviceLocale } from './advice-locale.js';
import { hoursIn } from './advice-locale.js';

/** Romanian: a draft translation (not yet reviewed). ș and ț are the comma-below letters. */
const hours = hoursIn('ro', { one: () => '1 oră', few: (n) => `${n} ore`, other: (n) => `${n} de ore` });
const within = (h: number | null) => (h === null ? '' : ` în ${hours(h)}`);

export const ADVICE_LOCALE_RO: AdviceLocale = {
  lang: 'ro',
  reviewed: false,
  text: {
    'glass.press': 'Apăsați ferm partea laterală a unui pahar transparent pe erupție sau pe pete.',
    'glass.look': 'Uitați-vă la erupție prin pahar.',
    'glass.stillSee': 'Dacă vedeți în continuare petele prin pahar, erupția nu pălește. Sunați acum la 999.',
    'glass.darkSkin': 'O erupție se vede mai greu pe pielea maro sau neagră. Verificați zonele mai deschise, ca palmele, tălpile și burta.',
    'glass.dontWait': 'Nu așteptați să apară o erupție. Dacă copilul este foarte bolnav sau se simte tot mai rău, cereți ajutor imediat.',

    'dehydration.dryMouth': 'gură uscată sau buze uscate',
    'dehydration.sunkenEyes': 'ochi înfundați',
    'dehydration.fewTears': 'plâns cu puține lacrimi sau fără lacrimi',
    'dehydration.fewerNappies': 'mai puține scutece ude sau face pipi mai rar decât de obicei',
    'dehydration.fontanelle': 'o zonă moale înfundată în creștetul capului bebelușului (fontanela)',
    'dehydration.unwell': 'arată bolnav, palid sau mai somnoros decât de obicei',

    'seek.fit': 'copilul are o criză (convulsii)',
    'seek.nonFadingRash': 'copilul are o erupție care nu pălește când apăsați un pahar pe ea',
    'seek.hardToWake': 'copilul este foarte somnoros și greu de trezit sau nu rămâne treaz',
    'seek.colour': 'pielea, buzele sau limba copilului sunt palide, pătate, gri sau albastre',
    'seek.breathing': 'copilul respiră greu, geme sau pielea se trage sub coaste',
    'seek.cry': 'copilul are un plâns slab, ascuțit, diferit de plânsul lui obișnuit',
    'seek.neck': 'copilul are gâtul înțepenit sau lumina puternică îl doare la ochi',
    'seek.worse': 'copilul se simte tot mai rău sau sunteți mai îngrijorat decât înainte',
    'seek.fiveDays': 'copilul are temperatură mare de 5 zile sau mai mult',
    'seek.cannotCope': 'sunteți foarte supărat sau nu puteți avea grijă de copil acasă',
    'seek.dehydrated': 'copilul are semne de deshidratare',
    'seek.under3Months': 'bebelușul are sub 3 luni și o temperatură de 38°C sau mai mare',
    'seek.from3To6Months': 'bebelușul are între 3 și 6 luni și o temperatură de 39°C sau mai mare',
    'seek.notThemselves': 'copilul nu este ca de obicei sau nu vrea să mănânce ori să bea',

    'care.drinks': 'Dați-i copilului mult de băut. Oferiți-i băuturi des, câte puțin.',
    'care.breastfeed': 'Dacă alăptați, continuați. Laptele matern este cea mai bună băutură pentru bebeluș.',
    'care.night': 'Verificați copilul în timpul nopții.',
    'care.dress': 'Îmbrăcați copilul cu haine obișnuite, subțiri. Nu-l înfășurați în multe straturi și nu-l dezbrăcați de tot.',
    'care.noSponging': 'Nu ștergeți și nu spălați copilul cu apă rece ca să-i scadă temperatura.',
    'care.nursery': 'Nu duceți copilul la creșă sau la școală cât timp are temperatură mare. Anunțați creșa sau școala.',
    'care.lookForDehydration': 'Fiți atenți la semnele de deshidratare.',
    'care.rest': 'Lăsați copilul să se odihnească.',

    'medicines.onlyIfUpset': 'Dați paracetamol sau ibuprofen doar dacă copilul este agitat sau nu se simte bine.',
    'medicines.notForTemperature': 'Medicamentul ajută copilul să se simtă mai bine. Nu este doar pentru a scădea temperatura.',
    'medicines.notBoth': 'Dați un singur medicament odată. Nu dați paracetamol și ibuprofen împreună.',
    'medicines.swap': 'Dacă un medicament nu a ajutat, puteți încerca în schimb pe celălalt.',
    'medicines.alternate': 'Alternați cele două doar dacă copilul este tot agitat înainte de doza următoare.',
    'medicines.stop': 'Nu mai dați medicamentul când copilul nu mai este agitat.',
    'medicines.dose': 'Citiți pe etichetă doza potrivită pentru vârsta copilului. Nu dați niciodată mai mult decât scrie.',
    'medicines.noAspirin': 'Nu dați aspirină copiilor sub 16 ani.',
    'medicines.easePain': 'Paracetamolul sau ibuprofenul pot calma durerea.',

    'fever.title': 'Temperatura mare (febra) la copii',
    'fever.intro':
      'Temperatura mare este foarte des întâlnită la copii. Cei mai mulți copii se fac bine acasă. Aici aflați cum să aveți grijă de copil și când să cereți ajutor.',
    'fever.expect.definition': 'Temperatura mare înseamnă 38°C sau mai mult.',
    'fever.expect.virus': 'De obicei este cauzată de un virus. Adesea trece singură în 3 sau 4 zile.',
    'fever.expect.sleepy': 'Copilul poate fi mai somnoros și mai puțin flămând decât de obicei.',
    'expect.worseQuickly': 'Copiii se pot simți mai rău foarte repede. Verificați des copilul, chiar și noaptea.',

    'soreThroat.title': 'Durerea în gât la copii',
    'soreThroat.intro':
      'Durerea în gât este des întâlnită la copii. De obicei trece singură. Aici aflați cum să aveți grijă de copil și când să cereți ajutor.',
    'soreThroat.expect.virus': 'Cele mai multe dureri în gât sunt cauzate de un virus. De obicei trec într-o săptămână.',
    'soreThroat.expect.antibiotics': 'Antibioticele nu ajută la cele mai multe dureri în gât.',
    'soreThroat.expect.symptoms': 'Copilul poate avea și temperatură mare, tuse sau nasul care curge.',
    'soreThroat.care.softFood': 'Dați-i mâncare rece sau moale, ca iaurtul. Copiii mai mari pot suge înghețată pe băț.',
    'soreThroat.care.noSweets': 'Nu dați copiilor mici bomboane mici și tari sau pastile de supt. Se pot îneca.',
    'soreThroat.call999.swallow': 'copilul înghite greu sau îi curg balele',
    'soreThroat.call999.stridor': 'copilul scoate un sunet ascuțit când inspiră',
    'soreThroat.call111.week': 'durerea în gât nu a trecut după o săptămână',
    'soreThroat.call111.cannotEat': 'copilul nu poate mânca sau bea din cauza durerii',
    'call111.veryHot': 'copilul are temperatură foarte mare sau îi este cald și tremură',

    'earPain.title': 'Durerea de ureche la copii',
    'earPain.intro':
      'Durerea de ureche este des întâlnită la copii. Adesea este cauzată de o infecție la ureche. Aici aflați cum să aveți grijă de copil și când să cereți ajutor.',
    'earPain.expect.course': 'Infecțiile urechii trec de obicei singure în circa 3 zile. Unele durează până la o săptămână.',
    'earPain.expect.antibiotics': 'De obicei nu este nevoie de antibiotice. Ele nu ajută mult la durere.',
    'earPain.expect.symptoms': 'Copilul poate avea temperatură mare și își poate trage sau freca urechea.',
    'earPain.care.flannel': 'Puneți o cârpă caldă sau rece pe urechea care doare. Poate calma durerea.',
    'earPain.care.wipe': 'Dacă iese lichid din ureche, ștergeți-l ușor cu vată.',
    'earPain.care.nothingIn': 'Nu puneți nimic în urechea copilului, de exemplu bețișoare de urechi.',
    'earPain.call111.behindEar': 'în spatele urechii este umflătură, roșeață sau durere ori urechea stă depărtată',
    'earPain.call111.discharge': 'din ureche iese lichid sau puroi',
    'earPain.call111.threeDays': 'durerea de ureche nu a început să treacă după 3 zile',
    'earPain.call111.under2': 'copilul are sub 2 ani și îl dor ambele urechi',
    'earPain.call111.hearing': 'auzul copilului s-a schimbat',
    'earPain.call111.stuck': 'ceva s-a blocat în urechea copilului',

    'rash.title': 'Erupțiile pe piele la copii',
    'rash.intro': 'Erupțiile pe piele sunt des întâlnite la copii. Cele mai multe nu sunt periculoase și trec singure. Aici aflați cum să verificați o erupție și când să cereți ajutor.',
    'rash.expect.virus': 'Cele mai multe erupții sunt cauzate de un virus. De obicei trec singure.',
    'rash.expect.changes': 'O erupție se poate schimba repede. Verificați-o des, inclusiv noaptea.',
    'rash.care.glassTest': 'Faceți testul paharului pe orice pete sau erupție nouă. Repetați-l dacă erupția se schimbă.',
    'rash.care.chickenpox': 'Dacă copilul are varicelă, nu-l duceți la creșă sau la școală până când toate bubițele fac coajă.',
    'rash.medicines.chickenpox': 'Dacă copilul are varicelă, nu-i dați ibuprofen decât dacă vă spune un medic.',
    'rash.call999.swelling': 'buzele, gura sau fața copilului se umflă brusc',
    'rash.call111.temperature': 'copilul are o erupție și temperatură mare',
    'rash.call111.spreading': 'erupția se întinde repede sau pielea face bășici ori se cojește',
    'rash.call111.hotSkin': 'pielea din jurul erupției este fierbinte, umflată sau dureroasă',

    'coughCold.title': 'Tusea, răceala și bronșiolita la copii',
    'coughCold.intro':
      'Tusea și răceala sunt foarte des întâlnite la copii. Bebelușii pot face bronșiolită, o infecție la plămâni cauzată de un virus. Aici aflați cum să aveți grijă de copil și când să cereți ajutor.',
    'coughCold.expect.cold': 'O răceală trece de obicei în 1 până la 2 săptămâni.',
    'coughCold.expect.cough': 'Tusea poate dura până la 3 săptămâni.',
    'coughCold.expect.bronchiolitis': 'Bronșiolita este adesea cel mai rău în zilele 3 până la 5. Cei mai mulți bebeluși se fac bine în 2 până la 3 săptămâni.',
    'coughCold.expect.antibiotics': 'Antibioticele nu ajută la tusea și răceala cauzate de un virus.',
    'coughCold.care.smallerFeeds': 'Dacă bebelușul mănâncă mai puțin, dați-i mese mai mici, mai des.',
    'coughCold.care.honey': 'Dacă copilul are peste 1 an, o băutură caldă cu miere și lămâie poate calma tusea. Nu dați miere bebelușilor sub 1 an.',
    'coughCold.care.noSmoke': 'Nu lăsați pe nimeni să fumeze lângă copil.',
    'coughCold.medicines.under6': 'Nu dați medicamente de tuse sau răceală copiilor sub 6 ani.',
    'coughCold.call999.workingHard': 'copilul respiră cu mare efort sau pielea se trage sub coaste',
    'coughCold.call999.grunting': 'copilul geme când respiră',
    'coughCold.call999.pauses': 'copilul face pauze în respirație',
    'coughCold.call999.blue': 'buzele sau limba copilului sunt albastre sau gri',
    'coughCold.call999.floppy': 'copilul este moale ca o cârpă sau nu se trezește ori nu rămâne treaz',
    'coughCold.call111.feeding': 'copilul mănâncă sau bea mai puțin de jumătate din cât mănâncă de obicei',
    'coughCold.call111.nappy': 'copilul nu a avut niciun scutec ud de 12 ore sau mai mult',
    'coughCold.call111.fastBreathing': 'copilul respiră mai repede decât de obicei',
    'coughCold.call111.tired': 'copilul pare foarte obosit sau foarte iritat',
    'coughCold.call111.threeWeeks': 'tusea durează de mai mult de 3 săptămâni',

    'diarrhoeaVomiting.title': 'Diareea și vărsăturile la copii',
    'diarrhoeaVomiting.intro':
      'Diareea și vărsăturile sunt des întâlnite la copii. De obicei sunt cauzate de o viroză la stomac. Cel mai mare risc este pierderea prea multor lichide (deshidratarea).',
    'diarrhoeaVomiting.expect.vomiting': 'Vărsăturile se opresc de obicei în 1 sau 2 zile.',
    'diarrhoeaVomiting.expect.diarrhoea': 'Diareea se oprește de obicei în 5 până la 7 zile.',
    'diarrhoeaVomiting.expect.babies': 'Bebelușii se deshidratează mai ușor. Urmăriți-i cu atenție.',
    'diarrhoeaVomiting.care.sips': 'Dați-i des înghițituri mici de băutură, chiar dacă copilul vomită.',
    'diarrhoeaVomiting.care.keepFeeding': 'Continuați alăptarea sau biberonul. Încercați mese mai mici, mai des.',
    'diarrhoeaVomiting.care.water': 'Bebelușilor cu lapte praf sau hrană solidă dați-le înghițituri mici de apă între mese.',
    'diarrhoeaVomiting.care.formula': 'Nu faceți laptele praf mai diluat decât de obicei.',
    'diarrhoeaVomiting.care.noJuice': 'Nu dați suc de fructe sau băuturi acidulate. Pot face diareea mai rea.',
    'diarrhoeaVomiting.care.sachets': 'Farmacistul vă poate da plicuri de amestecat cu apă. Ele înlocuiesc lichidele și sărurile pierdute.',
    'diarrhoeaVomiting.care.eat': 'Lăsați copilul să mănânce când îi este foame.',
    'diarrhoeaVomiting.care.handwashing': 'Spălați-vă des pe mâini cu apă și săpun. Așa viroza nu se răspândește.',
    'diarrhoeaVomiting.care.nursery': 'Nu duceți copilul la creșă sau la școală până la 2 zile după ultima vărsătură sau diaree.',
    'diarrhoeaVomiting.medicines.noStopping': 'Nu dați medicamente care opresc diareea copiilor sub 12 ani.',
    'diarrhoeaVomiting.call999.green': 'voma copilului este verde sau verde-gălbuie',
    'diarrhoeaVomiting.call999.blood': 'copilul vomită cu sânge sau voma arată ca zațul de cafea',
    'diarrhoeaVomiting.call999.tummyAche': 'copilul are brusc o durere de burtă foarte mare',
    'diarrhoeaVomiting.call111.keepsBeingSick': 'copilul vomită mereu și nu poate ține băuturile',
    'diarrhoeaVomiting.call111.bloodInPoo': 'în scaunul copilului este sânge',
    'diarrhoeaVomiting.call111.stopsFeeding': 'bebelușul nu mai suge la sân sau din biberon',
    'diarrhoeaVomiting.call111.tooLong': 'copilul vomită de mai mult de 2 zile sau are diaree de mai mult de 7 zile',

    'general.title': 'Îngrijirea copilului acasă',
    'general.intro': 'Cei mai mulți copii bolnavi se fac bine acasă. Aici aflați cum să aveți grijă de copil și când să cereți ajutor.',
    'general.expect.viruses': 'Cele mai multe boli ale copiilor sunt cauzate de virusuri. De obicei trec singure.',
  },
  labels: {
    immediate: 'Este nevoie de ajutor imediat:',
    urgent: 'Sfat urgent:',
    call999Heading: 'Sunați la 999 dacă:',
    call111Heading: 'Sunați la 111 sau la medicul de familie (GP) dacă:',
    call999Button: 'Sunați la 999',
    call111Button: 'Sunați la 111',
    glassTestLink: 'Cum faceți testul paharului',
    moreDetail: 'Mai multe detalii',
    expect: 'La ce să vă așteptați',
    care: 'Cum să aveți grijă de copil',
    medicines: 'Medicamente',
    glassTest: 'Cum faceți testul paharului',
    dehydration: 'Semne de deshidratare',
    dehydrationLead: 'Copilul poate să nu primească destule lichide. Fiți atenți la:',
    sources: 'De unde vin aceste sfaturi',
    fromTeam: 'Aceste sfaturi sunt de la echipa NHS 111 pentru copii.',
    print: 'Tipăriți aceste sfaturi',
  },
  recap: (disposition, timeframeHours) => {
    switch (disposition) {
      case 'self_care':
        return 'Asistenta recomandă îngrijirea copilului acasă.';
      case 'pharmacy':
        return 'Asistenta recomandă să vorbiți cu un farmacist.';
      case 'primary_care':
        return timeframeHours === null ? 'Asistenta recomandă o programare la GP.' : `Asistenta recomandă să mergeți la GP${within(timeframeHours)}.`;
      case 'hub_referral':
        return 'Copilul este trimis la o clinică pentru copii.';
      case 'advice_line':
        return 'Un medic specialist pentru copii v-a dat sfaturi.';
      case 'urgent_treatment_centre':
        return `Asistenta recomandă să duceți copilul la un centru de tratament urgent${within(timeframeHours)}.`;
      case 'emergency_department':
        return `Asistenta recomandă să duceți copilul la Urgențe (A&E)${within(timeframeHours)}.`;
      case 'ambulance':
        return 'Asistenta spune că copilul are nevoie de o ambulanță. Sunați acum la 999 dacă ambulanța nu este pe drum.';
      default:
        return assertNever(disposition);
    }
  },
  sms: (link, nextStep) =>
    `NHS 111: ${nextStep ? `${nextStep} ` : ''}${link} 999: copilul e mult mai rău, are convulsii sau o erupție ce nu pălește sub pahar. 111: dacă vă îngrijorați.`,
  inEnglishNote: 'Traducere în lucru.',
};
