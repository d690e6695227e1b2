import { z } from 'zod';
import { adviceTopics, type AdviceLabels, type AdviceTopic, type AdviceTranslation } from './advice-topics.js';
import type { Disposition } from './disposition.js';
import { adviceTranslationSchema, parentLanguageSchema, type Complaint } from '../protocol/rest.js';
import { DEFAULT_PARENT_LANGUAGE, resolveLanguage, type ParentLanguage } from '../language/parent-language.js';
import type { AdviceLocale } from './advice-locale.js';
import { ADVICE_LOCALE_EN, ADVICE_TEXT_EN, withheldSmsBody, type AdviceTextKey } from './advice-text-en.js';
import { ADVICE_LOCALE_PL } from './advice-text-pl.js';
import { ADVICE_LOCALE_RO } from './advice-text-ro.js';
import { ADVICE_LOCALE_UR } from './advice-text-ur.js';
import { ADVICE_LOCALE_AR } from './advice-text-ar.js';

/**
 * Safety-netting advice for parents: the one catalogue a clinical reviewer reads. Every line has a
 * stable key, cites where it comes from (`said(key, ...sources)`), and reaches the parent as data
 * through `GET /api/advice/:topic?lang=` and the SMS link. The topic definitions below (which
 * lines, in which list, citing what) are the one source for every language, so the 999 and 111
 * lists are the same in each; the words are per locale (advice-text-<lang>.ts). Plain English for
 * a reading age of about 9: short sentences, "your child". Source: ../../CLINICAL.md
 * "Safety-netting" (NICE NG143 home-care advice) plus the NHS.UK condition pages and NICE guidance
 * listed in ADVICE_SOURCES.
 */

export const adviceTopicSchema = z.enum(adviceTopics);
/** A parent language (the advice speaks all of them): the same schema as the case's. */
export const adviceLanguageSchema = parentLanguageSchema;

/** Each parent language's advice words; English is the original, the others say whether they are reviewed. */
export const ADVICE_LOCALES: Record<ParentLanguage, AdviceLocale> = {
  en: ADVICE_LOCALE_EN,
  pl: ADVICE_LOCALE_PL,
  ro: ADVICE_LOCALE_RO,
  ur: ADVICE_LOCALE_UR,
  ar: ADVICE_LOCALE_AR,
};

/** The parent language asked for (`pl`, `PL`, `pl-PL`), or English when it is missing, repeated or none of ours. */
export function adviceLanguageFor(requested: unknown): ParentLanguage {
  if (typeof requested !== 'string') return DEFAULT_PARENT_LANGUAGE;
  const resolved = resolveLanguage(requested);
  return resolved.supported ? resolved.language : DEFAULT_PARENT_LANGUAGE;
}

/**
 * Whether unreviewed translations reach parents (`DRAFT_TRANSLATIONS`): `show` (the demo, with a
 * visible "draft translation" notice on the page) or `english` (production: English until reviewed).
 */
export const draftTranslationModes = ['show', 'english'] as const;
export type DraftTranslations = (typeof draftTranslationModes)[number];

/** The one gate for every clinical parent text (page, recap, SMS): which language it goes in, and why. */
export function adviceLanguageShown(requested: ParentLanguage, drafts: DraftTranslations): { lang: ParentLanguage; translation: AdviceTranslation } {
  if (requested === DEFAULT_PARENT_LANGUAGE) return { lang: requested, translation: 'original' };
  if (ADVICE_LOCALES[requested].reviewed) return { lang: requested, translation: 'reviewed' };
  return drafts === 'show' ? { lang: requested, translation: 'draft' } : { lang: DEFAULT_PARENT_LANGUAGE, translation: 'withheld' };
}

const COMPLAINT_TOPIC: Record<Complaint, AdviceTopic> = {
  sore_throat: 'sore_throat',
  ear_pain: 'ear_pain',
  rash: 'rash',
  cough_cold: 'cough_cold',
  fever: 'fever',
  diarrhoea_vomiting: 'diarrhoea_vomiting',
  other: 'general',
};

export function adviceTopicForComplaint(complaint: Complaint): AdviceTopic {
  return COMPLAINT_TOPIC[complaint];
}

export const adviceSourceSchema = z.object({ title: z.string().min(1), url: z.url() });
export type AdviceSource = z.infer<typeof adviceSourceSchema>;

export const adviceContentSchema = z.object({
  title: z.string(),
  intro: z.string(),
  /** What to expect: the usual course and how long it lasts. */
  expect: z.array(z.string()),
  /** How to look after the child at home. */
  care: z.array(z.string()),
  medicines: z.array(z.string()),
  /** Fragments after "Call 999 if:". */
  call999: z.array(z.string()),
  /** Fragments after "Call 111 or your GP if:". */
  call111: z.array(z.string()),
  /** Show GLASS_TEST with this topic. */
  glassTest: z.boolean(),
  /** Show DEHYDRATION_SIGNS with this topic. */
  dehydrationSigns: z.boolean(),
  /** The documents the advice comes from: English titles (they name English documents) in every language. */
  sources: z.array(adviceSourceSchema),
});
export type AdviceContent = z.infer<typeof adviceContentSchema>;

/** The advice page's own headings and buttons, in the language of the content. */
export const adviceLabelsSchema = z.object({
  immediate: z.string(),
  urgent: z.string(),
  call999Heading: z.string(),
  call111Heading: z.string(),
  call999Button: z.string(),
  call111Button: z.string(),
  glassTestLink: z.string(),
  moreDetail: z.string(),
  expect: z.string(),
  care: z.string(),
  medicines: z.string(),
  glassTest: z.string(),
  dehydration: z.string(),
  dehydrationLead: z.string(),
  sources: z.string(),
  fromTeam: z.string(),
  print: z.string(),
}) satisfies z.ZodType<AdviceLabels>;

/** `GET /api/advice/:topic?lang=` answers this. It carries no case data: the link is the same for every child. */
export const adviceResponseSchema = z.object({
  topic: adviceTopicSchema,
  /** The language `content`, `labels`, `glassTest` and `dehydrationSigns` are in. */
  lang: adviceLanguageSchema,
  /** The language the query asked for (English when it asked for none of ours). */
  requestedLang: adviceLanguageSchema,
  translation: adviceTranslationSchema,
  content: adviceContentSchema,
  labels: adviceLabelsSchema,
  glassTest: z.array(z.string()).nullable(),
  dehydrationSigns: z.array(z.string()).nullable(),
});
export type AdviceResponse = z.infer<typeof adviceResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Sources

export const ADVICE_SOURCES = {
  ng143: { title: 'NICE NG143: Fever in under 5s: assessment and initial management', url: 'https://www.nice.org.uk/guidance/ng143' },
  ng240: { title: 'NICE NG240: Meningitis (bacterial) and meningococcal disease', url: 'https://www.nice.org.uk/guidance/ng240' },
  ng91: { title: 'NICE NG91: Otitis media (acute): antimicrobial prescribing', url: 'https://www.nice.org.uk/guidance/ng91' },
  ng84: { title: 'NICE NG84: Sore throat (acute): antimicrobial prescribing', url: 'https://www.nice.org.uk/guidance/ng84' },
  ng9: { title: 'NICE NG9: Bronchiolitis in children: diagnosis and management', url: 'https://www.nice.org.uk/guidance/ng9' },
  cg84: { title: 'NICE CG84: Diarrhoea and vomiting caused by gastroenteritis in under 5s', url: 'https://www.nice.org.uk/guidance/cg84' },
  nhsFever: { title: 'NHS: High temperature (fever) in children', url: 'https://www.nhs.uk/conditions/fever-in-children/' },
  nhsMeningitis: { title: 'NHS: Meningitis', url: 'https://www.nhs.uk/conditions/meningitis/' },
  nhsFebrileSeizures: { title: 'NHS: Febrile seizures', url: 'https://www.nhs.uk/conditions/febrile-seizures/' },
  nhsDehydration: { title: 'NHS: Dehydration', url: 'https://www.nhs.uk/conditions/dehydration/' },
  nhsSoreThroat: { title: 'NHS: Sore throat', url: 'https://www.nhs.uk/conditions/sore-throat/' },
  nhsEarache: { title: 'NHS: Earache', url: 'https://www.nhs.uk/conditions/earache/' },
  nhsEarInfections: { title: 'NHS: Ear infections', url: 'https://www.nhs.uk/conditions/ear-infections/' },
  nhsRashes: { title: 'NHS: Rashes in babies and children', url: 'https://www.nhs.uk/conditions/rashes-babies-and-children/' },
  nhsChickenpox: { title: 'NHS: Chickenpox', url: 'https://www.nhs.uk/conditions/chickenpox/' },
  nhsHives: { title: 'NHS: Hives', url: 'https://www.nhs.uk/conditions/hives/' },
  nhsCold: { title: 'NHS: Common cold', url: 'https://www.nhs.uk/conditions/common-cold/' },
  nhsCough: { title: 'NHS: Cough', url: 'https://www.nhs.uk/conditions/cough/' },
  nhsBronchiolitis: { title: 'NHS: Bronchiolitis', url: 'https://www.nhs.uk/conditions/bronchiolitis/' },
  mhraCoughCold: {
    title: 'MHRA: Over-the-counter cough and cold medicines for children',
    url: 'https://www.gov.uk/drug-safety-update/over-the-counter-cough-and-cold-medicines-for-children',
  },
  nhsDiarrhoeaVomiting: { title: 'NHS: Diarrhoea and vomiting', url: 'https://www.nhs.uk/conditions/diarrhoea-and-vomiting/' },
  nhsParacetamol: { title: 'NHS: Paracetamol for children', url: 'https://www.nhs.uk/medicines/paracetamol-for-children/' },
  nhsIbuprofen: { title: 'NHS: Ibuprofen for children', url: 'https://www.nhs.uk/medicines/ibuprofen-for-children/' },
} as const satisfies Record<string, AdviceSource>;
export type AdviceSourceId = keyof typeof ADVICE_SOURCES;

/** One line of advice: its key (the same in every language), its English words, and where it comes from. */
export type AdviceItem = { key: AdviceTextKey; text: string; from: readonly [AdviceSourceId, ...AdviceSourceId[]] };
const said = (key: AdviceTextKey, ...from: [AdviceSourceId, ...AdviceSourceId[]]): AdviceItem => ({ key, text: ADVICE_TEXT_EN[key], from });

// ---------------------------------------------------------------------------------------------
// Shared lines (NG143 home care and "seek further advice"), each keyed by name

/** How to do the glass (blanching) test: NICE NG240 / NHS.UK meningitis. */
export const GLASS_TEST_ITEMS: readonly AdviceItem[] = [
  said('glass.press', 'nhsMeningitis', 'ng143'),
  said('glass.look', 'nhsMeningitis'),
  said('glass.stillSee', 'nhsMeningitis', 'ng240', 'ng143'),
  said('glass.darkSkin', 'nhsMeningitis'),
  said('glass.dontWait', 'nhsMeningitis', 'ng240'),
];

/** Fragments after "Look out for". Source: CLINICAL.md (NG143) dehydration signs. */
export const DEHYDRATION_SIGN_ITEMS: readonly AdviceItem[] = [
  said('dehydration.dryMouth', 'ng143', 'nhsDehydration'),
  said('dehydration.sunkenEyes', 'ng143', 'nhsDehydration'),
  said('dehydration.fewTears', 'ng143', 'nhsDehydration'),
  said('dehydration.fewerNappies', 'ng143', 'nhsDehydration', 'cg84'),
  said('dehydration.fontanelle', 'ng143', 'nhsDehydration'),
  said('dehydration.unwell', 'ng143', 'cg84'),
];

export const GLASS_TEST: string[] = GLASS_TEST_ITEMS.map((item) => item.text);
export const DEHYDRATION_SIGNS: string[] = DEHYDRATION_SIGN_ITEMS.map((item) => item.text);

/** NG143 "seek further advice if…", plus the NG143 red features a parent can see (999). */
const SEEK = {
  fit: said('seek.fit', 'ng143', 'nhsFebrileSeizures', 'nhsFever'),
  nonFadingRash: said('seek.nonFadingRash', 'ng143', 'ng240', 'nhsMeningitis'),
  hardToWake: said('seek.hardToWake', 'ng143', 'nhsFever'),
  colour: said('seek.colour', 'ng143', 'nhsFever'),
  breathing: said('seek.breathing', 'ng143', 'nhsFever'),
  cry: said('seek.cry', 'ng143', 'nhsFever'),
  neck: said('seek.neck', 'ng143', 'ng240', 'nhsMeningitis'),
  worse: said('seek.worse', 'ng143'),
  fiveDays: said('seek.fiveDays', 'ng143', 'nhsFever'),
  cannotCope: said('seek.cannotCope', 'ng143'),
  dehydrated: said('seek.dehydrated', 'ng143', 'nhsDehydration'),
  under3Months: said('seek.under3Months', 'ng143', 'nhsFever'),
  from3To6Months: said('seek.from3To6Months', 'ng143', 'nhsFever'),
  notThemselves: said('seek.notThemselves', 'nhsFever'),
} as const;

/** Every topic ends its lists with these: the NG143 points no parent should miss. */
const CALL_999_CORE = [SEEK.fit, SEEK.nonFadingRash, SEEK.hardToWake, SEEK.colour, SEEK.breathing];
const CALL_111_CORE = [SEEK.worse, SEEK.fiveDays, SEEK.cannotCope];

const CARE = {
  drinks: said('care.drinks', 'ng143', 'nhsFever'),
  breastfeed: said('care.breastfeed', 'ng143'),
  night: said('care.night', 'ng143'),
  dress: said('care.dress', 'ng143'),
  noSponging: said('care.noSponging', 'ng143', 'nhsFever'),
  nursery: said('care.nursery', 'ng143'),
  lookForDehydration: said('care.lookForDehydration', 'ng143'),
  rest: said('care.rest', 'nhsCold', 'nhsSoreThroat'),
} as const;

/** NG143 antipyretics, in plain words. */
const MEDICINES = {
  onlyIfUpset: said('medicines.onlyIfUpset', 'ng143'),
  notForTemperature: said('medicines.notForTemperature', 'ng143'),
  notBoth: said('medicines.notBoth', 'ng143'),
  swap: said('medicines.swap', 'ng143'),
  alternate: said('medicines.alternate', 'ng143'),
  stop: said('medicines.stop', 'ng143'),
  dose: said('medicines.dose', 'nhsParacetamol', 'nhsIbuprofen'),
  noAspirin: said('medicines.noAspirin', 'nhsFever', 'nhsParacetamol'),
} as const;

const CORE_MEDICINES = [
  MEDICINES.onlyIfUpset,
  MEDICINES.notForTemperature,
  MEDICINES.notBoth,
  MEDICINES.swap,
  MEDICINES.alternate,
  MEDICINES.stop,
  MEDICINES.dose,
  MEDICINES.noAspirin,
];

const FEVER_CARE = [CARE.drinks, CARE.breastfeed, CARE.night, CARE.dress, CARE.noSponging, CARE.nursery];

// ---------------------------------------------------------------------------------------------
// Topics

export type AdviceTopicDefinition = {
  title: AdviceTextKey;
  intro: AdviceTextKey;
  expect: readonly AdviceItem[];
  care: readonly AdviceItem[];
  medicines: readonly AdviceItem[];
  call999: readonly AdviceItem[];
  call111: readonly AdviceItem[];
  glassTest: boolean;
  dehydrationSigns: boolean;
};

/** The catalogue with its citations, for review and tests. `ADVICE` is what parents are sent. */
export const ADVICE_DEFINITIONS: Record<AdviceTopic, AdviceTopicDefinition> = {
  fever: {
    title: 'fever.title',
    intro:
      'fever.intro',
    expect: [
      said('fever.expect.definition', 'nhsFever', 'ng143'),
      said('fever.expect.virus', 'nhsFever'),
      said('fever.expect.sleepy', 'nhsFever'),
      said('expect.worseQuickly', 'ng143'),
    ],
    care: [...FEVER_CARE, CARE.lookForDehydration],
    medicines: CORE_MEDICINES,
    call999: [...CALL_999_CORE, SEEK.cry, SEEK.neck],
    call111: [SEEK.under3Months, SEEK.from3To6Months, SEEK.dehydrated, SEEK.notThemselves, ...CALL_111_CORE],
    glassTest: true,
    dehydrationSigns: true,
  },

  sore_throat: {
    title: 'soreThroat.title',
    intro:
      'soreThroat.intro',
    expect: [
      said('soreThroat.expect.virus', 'nhsSoreThroat', 'ng84'),
      said('soreThroat.expect.antibiotics', 'ng84', 'nhsSoreThroat'),
      said('soreThroat.expect.symptoms', 'nhsSoreThroat'),
    ],
    care: [
      CARE.drinks,
      said('soreThroat.care.softFood', 'nhsSoreThroat'),
      said('soreThroat.care.noSweets', 'nhsSoreThroat'),
      CARE.rest,
      CARE.night,
      CARE.lookForDehydration,
    ],
    medicines: [said('medicines.easePain', 'nhsSoreThroat', 'ng84'), ...CORE_MEDICINES],
    call999: [
      said('soreThroat.call999.swallow', 'nhsSoreThroat'),
      said('soreThroat.call999.stridor', 'nhsSoreThroat'),
      ...CALL_999_CORE,
    ],
    call111: [
      said('soreThroat.call111.week', 'nhsSoreThroat'),
      said('soreThroat.call111.cannotEat', 'nhsSoreThroat', 'ng84'),
      said('call111.veryHot', 'nhsSoreThroat'),
      SEEK.dehydrated,
      ...CALL_111_CORE,
    ],
    glassTest: true,
    dehydrationSigns: true,
  },

  ear_pain: {
    title: 'earPain.title',
    intro:
      'earPain.intro',
    expect: [
      said('earPain.expect.course', 'ng91', 'nhsEarInfections'),
      said('earPain.expect.antibiotics', 'ng91', 'nhsEarInfections'),
      said('earPain.expect.symptoms', 'nhsEarInfections'),
    ],
    care: [
      said('earPain.care.flannel', 'nhsEarache', 'nhsEarInfections'),
      said('earPain.care.wipe', 'nhsEarInfections'),
      said('earPain.care.nothingIn', 'nhsEarache'),
      CARE.drinks,
      CARE.night,
    ],
    medicines: [said('medicines.easePain', 'ng91', 'nhsEarInfections'), ...CORE_MEDICINES],
    call999: [...CALL_999_CORE, SEEK.neck],
    call111: [
      said('earPain.call111.behindEar', 'ng91', 'nhsEarInfections'),
      said('earPain.call111.discharge', 'nhsEarache', 'nhsEarInfections'),
      said('earPain.call111.threeDays', 'nhsEarInfections', 'ng91'),
      said('earPain.call111.under2', 'ng91'),
      said('call111.veryHot', 'nhsEarInfections'),
      said('earPain.call111.hearing', 'nhsEarInfections'),
      said('earPain.call111.stuck', 'nhsEarache'),
      ...CALL_111_CORE,
    ],
    glassTest: true,
    dehydrationSigns: false,
  },

  rash: {
    title: 'rash.title',
    intro:
      'rash.intro',
    expect: [
      said('rash.expect.virus', 'nhsRashes'),
      said('rash.expect.changes', 'nhsRashes', 'ng143'),
    ],
    care: [
      said('rash.care.glassTest', 'ng143', 'ng240', 'nhsMeningitis'),
      CARE.drinks,
      CARE.night,
      CARE.dress,
      said('rash.care.chickenpox', 'nhsChickenpox'),
    ],
    medicines: [
      ...CORE_MEDICINES,
      said('rash.medicines.chickenpox', 'nhsChickenpox', 'nhsIbuprofen'),
    ],
    call999: [
      SEEK.nonFadingRash,
      SEEK.neck,
      said('rash.call999.swelling', 'nhsHives', 'nhsRashes'),
      SEEK.fit,
      SEEK.hardToWake,
      SEEK.colour,
      SEEK.breathing,
    ],
    call111: [
      said('rash.call111.temperature', 'nhsRashes'),
      said('rash.call111.spreading', 'nhsRashes'),
      said('rash.call111.hotSkin', 'nhsRashes', 'nhsChickenpox'),
      SEEK.under3Months,
      ...CALL_111_CORE,
    ],
    glassTest: true,
    dehydrationSigns: false,
  },

  cough_cold: {
    title: 'coughCold.title',
    intro:
      'coughCold.intro',
    expect: [
      said('coughCold.expect.cold', 'nhsCold'),
      said('coughCold.expect.cough', 'nhsCough'),
      said('coughCold.expect.bronchiolitis', 'nhsBronchiolitis', 'ng9'),
      said('coughCold.expect.antibiotics', 'nhsCold', 'nhsCough'),
    ],
    care: [
      CARE.drinks,
      CARE.breastfeed,
      said('coughCold.care.smallerFeeds', 'nhsBronchiolitis'),
      said('coughCold.care.honey', 'nhsCough'),
      said('coughCold.care.noSmoke', 'nhsBronchiolitis', 'ng9'),
      CARE.rest,
      CARE.night,
      CARE.lookForDehydration,
    ],
    medicines: [...CORE_MEDICINES, said('coughCold.medicines.under6', 'mhraCoughCold')],
    call999: [
      said('coughCold.call999.workingHard', 'nhsBronchiolitis', 'ng9', 'ng143'),
      said('coughCold.call999.grunting', 'nhsBronchiolitis', 'ng9', 'ng143'),
      said('coughCold.call999.pauses', 'nhsBronchiolitis', 'ng9'),
      said('coughCold.call999.blue', 'nhsBronchiolitis', 'ng9', 'ng143'),
      said('coughCold.call999.floppy', 'nhsBronchiolitis', 'ng143'),
      SEEK.fit,
      SEEK.nonFadingRash,
    ],
    call111: [
      said('coughCold.call111.feeding', 'nhsBronchiolitis', 'ng9'),
      said('coughCold.call111.nappy', 'nhsBronchiolitis', 'ng9'),
      said('coughCold.call111.fastBreathing', 'nhsBronchiolitis', 'ng143'),
      said('coughCold.call111.tired', 'nhsBronchiolitis'),
      SEEK.under3Months,
      SEEK.from3To6Months,
      said('coughCold.call111.threeWeeks', 'nhsCough'),
      ...CALL_111_CORE,
    ],
    glassTest: true,
    dehydrationSigns: true,
  },

  diarrhoea_vomiting: {
    title: 'diarrhoeaVomiting.title',
    intro:
      'diarrhoeaVomiting.intro',
    expect: [
      said('diarrhoeaVomiting.expect.vomiting', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('diarrhoeaVomiting.expect.diarrhoea', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('diarrhoeaVomiting.expect.babies', 'cg84', 'nhsDiarrhoeaVomiting'),
    ],
    care: [
      said('diarrhoeaVomiting.care.sips', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('diarrhoeaVomiting.care.keepFeeding', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('diarrhoeaVomiting.care.water', 'nhsDiarrhoeaVomiting'),
      said('diarrhoeaVomiting.care.formula', 'nhsDiarrhoeaVomiting'),
      said('diarrhoeaVomiting.care.noJuice', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('diarrhoeaVomiting.care.sachets', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('diarrhoeaVomiting.care.eat', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('diarrhoeaVomiting.care.handwashing', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('diarrhoeaVomiting.care.nursery', 'nhsDiarrhoeaVomiting', 'cg84'),
      CARE.night,
      CARE.lookForDehydration,
    ],
    medicines: [
      ...CORE_MEDICINES,
      said('diarrhoeaVomiting.medicines.noStopping', 'nhsDiarrhoeaVomiting', 'cg84'),
    ],
    call999: [
      said('diarrhoeaVomiting.call999.green', 'nhsDiarrhoeaVomiting'),
      said('diarrhoeaVomiting.call999.blood', 'nhsDiarrhoeaVomiting'),
      said('diarrhoeaVomiting.call999.tummyAche', 'nhsDiarrhoeaVomiting'),
      ...CALL_999_CORE,
    ],
    call111: [
      SEEK.dehydrated,
      said('diarrhoeaVomiting.call111.keepsBeingSick', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('diarrhoeaVomiting.call111.bloodInPoo', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('diarrhoeaVomiting.call111.stopsFeeding', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('diarrhoeaVomiting.call111.tooLong', 'nhsDiarrhoeaVomiting', 'cg84'),
      ...CALL_111_CORE,
    ],
    glassTest: true,
    dehydrationSigns: true,
  },

  general: {
    title: 'general.title',
    intro:
      'general.intro',
    expect: [
      said('general.expect.viruses', 'nhsFever', 'ng143'),
      said('expect.worseQuickly', 'ng143'),
    ],
    care: [...FEVER_CARE, CARE.lookForDehydration],
    medicines: CORE_MEDICINES,
    call999: [...CALL_999_CORE, SEEK.cry, SEEK.neck],
    call111: [SEEK.under3Months, SEEK.from3To6Months, SEEK.dehydrated, SEEK.notThemselves, ...CALL_111_CORE],
    glassTest: true,
    dehydrationSigns: true,
  },
};

/** Every source a topic cites, in first-cited order, including its glass test and dehydration lists. */
export function adviceSourcesFor(definition: AdviceTopicDefinition): AdviceSource[] {
  const items = [
    ...definition.expect,
    ...definition.care,
    ...definition.medicines,
    ...definition.call999,
    ...definition.call111,
    ...(definition.glassTest ? GLASS_TEST_ITEMS : []),
    ...(definition.dehydrationSigns ? DEHYDRATION_SIGN_ITEMS : []),
  ];
  const ids = new Set<AdviceSourceId>(items.flatMap((item) => item.from));
  return [...ids].map((id) => ADVICE_SOURCES[id]);
}

/** A topic's content in one language: the lists come from the one definition, the words from the locale. */
export function adviceContent(topic: AdviceTopic, lang: ParentLanguage = DEFAULT_PARENT_LANGUAGE): AdviceContent {
  const definition = ADVICE_DEFINITIONS[topic];
  const { text } = ADVICE_LOCALES[lang];
  const words = (items: readonly AdviceItem[]) => items.map((item) => text[item.key]);
  return {
    title: text[definition.title],
    intro: text[definition.intro],
    expect: words(definition.expect),
    care: words(definition.care),
    medicines: words(definition.medicines),
    call999: words(definition.call999),
    call111: words(definition.call111),
    glassTest: definition.glassTest,
    dehydrationSigns: definition.dehydrationSigns,
    sources: adviceSourcesFor(definition),
  };
}

/** The English catalogue, as parents asking for English are sent it. */
export const ADVICE: Record<AdviceTopic, AdviceContent> = Object.fromEntries(adviceTopics.map((topic) => [topic, adviceContent(topic)])) as Record<
  AdviceTopic,
  AdviceContent
>;

/** The glass test and the signs of dehydration in one language. */
export const glassTestIn = (lang: ParentLanguage): string[] => GLASS_TEST_ITEMS.map((item) => ADVICE_LOCALES[lang].text[item.key]);
export const dehydrationSignsIn = (lang: ParentLanguage): string[] => DEHYDRATION_SIGN_ITEMS.map((item) => ADVICE_LOCALES[lang].text[item.key]);

/** The answer to `GET /api/advice/:topic?lang=`: the language asked for, gated by review (`adviceLanguageShown`). */
export function adviceResponse(topic: AdviceTopic, requestedLang: ParentLanguage = DEFAULT_PARENT_LANGUAGE, drafts: DraftTranslations = 'show'): AdviceResponse {
  const { lang, translation } = adviceLanguageShown(requestedLang, drafts);
  const content = adviceContent(topic, lang);
  return {
    topic,
    lang,
    requestedLang,
    translation,
    content,
    labels: ADVICE_LOCALES[lang].labels,
    glassTest: content.glassTest ? glassTestIn(lang) : null,
    dehydrationSigns: content.dehydrationSigns ? dehydrationSignsIn(lang) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// SMS

/** Two GSM-7 segments: a longer English text may arrive split or not at all on some phones. */
export const ADVICE_SMS_MAX_CHARS = 306;
/** Every other language (and English with a note in the parent's language) goes as UCS-2: at most 4 parts of 67. */
export const ADVICE_SMS_MAX_UCS2_FRAGMENTS = 4;

/** Dispositions whose words can head the safety-netting SMS (the others send none). */
const SMS_DISPOSITIONS: ReadonlySet<Disposition> = new Set(['self_care', 'pharmacy', 'primary_care', 'hub_referral', 'advice_line']);

/**
 * What the nurse decided, in the parent's words, for the top of the safety-netting SMS: the text
 * must say what to do, not only where to read. Null for dispositions that send no advice SMS.
 */
export function nextStepForParent(disposition: Disposition, timeframeHours: number | null, lang: ParentLanguage = DEFAULT_PARENT_LANGUAGE): string | null {
  return SMS_DISPOSITIONS.has(disposition) ? adviceRecapFor(disposition, timeframeHours, lang) : null;
}

/**
 * The safety-netting text in one language. It never names the child: a mistyped number must not
 * learn who is ill. English is plain GSM-7 (two segments); the others are UCS-2 (4 parts at most).
 */
export function adviceSmsBody(link: string, nextStep: string | null = null, lang: ParentLanguage = DEFAULT_PARENT_LANGUAGE): string {
  return ADVICE_LOCALES[lang].sms(link, nextStep);
}

/** The English text sent in place of an unreviewed translation, ending with a short note in that language. */
export function withheldAdviceSmsBody(link: string, nextStep: string | null, requestedLang: ParentLanguage): string {
  return withheldSmsBody(link, nextStep, ADVICE_LOCALES[requestedLang].inEnglishNote);
}

export type SafetyNettingSms = {
  body: string;
  /** The language `body` is in (English when the translation is withheld). */
  lang: ParentLanguage;
  translation: AdviceTranslation;
  /** The same SMS in English, for the clinician, when `body` is in another language; else null. */
  bodyInEnglish: string | null;
};

/** The safety-netting SMS for a case's language, gated by review like the page. */
export function safetyNettingSms(
  link: string,
  decision: { disposition: Disposition; timeframeHours: number | null },
  language: ParentLanguage,
  drafts: DraftTranslations,
): SafetyNettingSms {
  const { lang, translation } = adviceLanguageShown(language, drafts);
  const english = nextStepForParent(decision.disposition, decision.timeframeHours);
  if (translation === 'withheld') return { body: withheldAdviceSmsBody(link, english, language), lang, translation, bodyInEnglish: null };
  const body = adviceSmsBody(link, nextStepForParent(decision.disposition, decision.timeframeHours, lang), lang);
  return { body, lang, translation, bodyInEnglish: lang === DEFAULT_PARENT_LANGUAGE ? null : adviceSmsBody(link, english) };
}

// ---------------------------------------------------------------------------------------------
// The recap at the top of the advice page (opened from the SMS link with its code)

/**
 * `POST /api/advice/recap` takes the code from the link, and the language the page is in (the
 * case's language when it is missing); nothing else (the code says which case).
 */
export const adviceRecapRequestSchema = z.object({ token: z.string().min(1).max(200), lang: z.string().max(40).optional() });
export type AdviceRecapRequest = z.infer<typeof adviceRecapRequestSchema>;

/** `POST /api/advice/language`: the parent picked a language on the advice page; the code says which case. Answered 204. */
export const adviceLanguageChoiceSchema = z.object({ token: z.string().min(1).max(200), language: parentLanguageSchema }).strict();

/**
 * What the nurse advised, for the top of the advice page. The latest version of the decision, in
 * the words the SMS uses: no name, no notes, no findings, nothing the SMS did not already say
 * (docs/security.md, "Advice links").
 */
export const adviceRecapSchema = z.object({
  /** A newer version replaced the one this link was sent for, and it changes what the parent should do. */
  changed: z.boolean(),
  /** The latest advice in plain words ("The nurse advised seeing a GP within 24 hours."), in `lang`. */
  nextStep: z.string(),
  /** When the latest advice was given (ISO 8601). */
  givenAt: z.string(),
  /** The language `nextStep` is in. */
  lang: adviceLanguageSchema,
  translation: adviceTranslationSchema,
});
export type AdviceRecap = z.infer<typeof adviceRecapSchema>;

/**
 * The latest advice in the parent's words, for every disposition: an amendment after the SMS can
 * send the child to A&E, and the page must then say so first. Dispositions that send an SMS use
 * the SMS's own sentence, so the page and the text message never disagree.
 */
export function adviceRecapFor(disposition: Disposition, timeframeHours: number | null, lang: ParentLanguage = DEFAULT_PARENT_LANGUAGE): string {
  return ADVICE_LOCALES[lang].recap(disposition, timeframeHours);
}
