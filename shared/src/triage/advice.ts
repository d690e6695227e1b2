import { z } from 'zod';
import { adviceLanguages, adviceTopics, DEFAULT_ADVICE_LANGUAGE, type AdviceLanguage, type AdviceTopic } from './advice-topics.js';
import type { Disposition } from './disposition.js';
import type { Complaint } from '../protocol/rest.js';
import { assertNever } from '../call/machine.js';

/**
 * Safety-netting advice for parents: the one catalogue a clinical reviewer reads. Every line is
 * written once here, cites where it comes from (`said(text, ...sources)`), and reaches the parent
 * as data through `GET /api/advice/:topic` and the SMS link. Plain English for a reading age of
 * about 9: short sentences, "your child". Source: ../../CLINICAL.md "Safety-netting" (NICE NG143
 * home-care advice) plus the NHS.UK condition pages and NICE guidance listed in ADVICE_SOURCES.
 *
 * Lists that follow a lead-in ("Call 999 if:", "Look out for:") are lower-case fragments without a
 * full stop, as on NHS.UK; every other list holds whole sentences.
 */

export const adviceTopicSchema = z.enum(adviceTopics);
export const adviceLanguageSchema = z.enum(adviceLanguages);

/** The language asked for, or English when it is missing or not translated yet. */
export function adviceLanguageFor(requested: unknown): AdviceLanguage {
  const parsed = adviceLanguageSchema.safeParse(requested);
  return parsed.success ? parsed.data : DEFAULT_ADVICE_LANGUAGE;
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
  sources: z.array(adviceSourceSchema),
});
export type AdviceContent = z.infer<typeof adviceContentSchema>;

/** `GET /api/advice/:topic?lang=` answers this. It carries no case data: the link is the same for every child. */
export const adviceResponseSchema = z.object({
  topic: adviceTopicSchema,
  lang: adviceLanguageSchema,
  content: adviceContentSchema,
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

/** One line of advice and where it comes from. */
export type AdviceItem = { text: string; from: readonly [AdviceSourceId, ...AdviceSourceId[]] };
const said = (text: string, ...from: [AdviceSourceId, ...AdviceSourceId[]]): AdviceItem => ({ text, from });

// ---------------------------------------------------------------------------------------------
// Shared lines (NG143 home care and "seek further advice"), each keyed by name

/** How to do the glass (blanching) test: NICE NG240 / NHS.UK meningitis. */
export const GLASS_TEST_ITEMS: readonly AdviceItem[] = [
  said('Press the side of a clear drinking glass firmly on the rash or spots.', 'nhsMeningitis', 'ng143'),
  said('Look at the rash through the glass.', 'nhsMeningitis'),
  said('If you can still see the spots through the glass, the rash does not fade. Call 999 now.', 'nhsMeningitis', 'ng240', 'ng143'),
  said('A rash can be harder to see on brown or black skin. Check paler areas, like the palms of the hands, soles of the feet and tummy.', 'nhsMeningitis'),
  said('Do not wait for a rash. If your child is very unwell or getting worse, get help straight away.', 'nhsMeningitis', 'ng240'),
];

/** Fragments after "Look out for". Source: CLINICAL.md (NG143) dehydration signs. */
export const DEHYDRATION_SIGN_ITEMS: readonly AdviceItem[] = [
  said('a dry mouth or dry lips', 'ng143', 'nhsDehydration'),
  said('sunken eyes', 'ng143', 'nhsDehydration'),
  said('crying with few or no tears', 'ng143', 'nhsDehydration'),
  said('fewer wet nappies, or weeing less than usual', 'ng143', 'nhsDehydration', 'cg84'),
  said("a sunken soft spot on the top of a baby's head (fontanelle)", 'ng143', 'nhsDehydration'),
  said('looking generally unwell, pale or more sleepy than usual', 'ng143', 'cg84'),
];

export const GLASS_TEST: string[] = GLASS_TEST_ITEMS.map((item) => item.text);
export const DEHYDRATION_SIGNS: string[] = DEHYDRATION_SIGN_ITEMS.map((item) => item.text);

/** NG143 "seek further advice if…", plus the NG143 red features a parent can see (999). */
const SEEK = {
  fit: said('your child has a fit (seizure)', 'ng143', 'nhsFebrileSeizures', 'nhsFever'),
  nonFadingRash: said('your child has a rash that does not fade when you press a glass on it', 'ng143', 'ng240', 'nhsMeningitis'),
  hardToWake: said('your child is very sleepy and hard to wake, or does not stay awake', 'ng143', 'nhsFever'),
  colour: said("your child's skin, lips or tongue look pale, blotchy, grey or blue", 'ng143', 'nhsFever'),
  breathing: said('your child is struggling to breathe, is grunting, or the skin sucks in under the ribs', 'ng143', 'nhsFever'),
  cry: said('your child has a weak, high-pitched cry that is not like their normal cry', 'ng143', 'nhsFever'),
  neck: said('your child has a stiff neck, or bright light hurts their eyes', 'ng143', 'ng240', 'nhsMeningitis'),
  worse: said('your child is getting worse, or you are more worried than before', 'ng143'),
  fiveDays: said('your child has had a high temperature for 5 days or more', 'ng143', 'nhsFever'),
  cannotCope: said('you feel very upset, or you cannot look after your child at home', 'ng143'),
  dehydrated: said('your child has signs of dehydration', 'ng143', 'nhsDehydration'),
  under3Months: said('your baby is under 3 months old and has a temperature of 38°C or higher', 'ng143', 'nhsFever'),
  from3To6Months: said('your baby is 3 to 6 months old and has a temperature of 39°C or higher', 'ng143', 'nhsFever'),
  notThemselves: said('your child is not their usual self, or will not eat or drink', 'nhsFever'),
} as const;

/** Every topic ends its lists with these: the NG143 points no parent should miss. */
const CALL_999_CORE = [SEEK.fit, SEEK.nonFadingRash, SEEK.hardToWake, SEEK.colour, SEEK.breathing];
const CALL_111_CORE = [SEEK.worse, SEEK.fiveDays, SEEK.cannotCope];

const CARE = {
  drinks: said('Give your child plenty to drink. Offer drinks little and often.', 'ng143', 'nhsFever'),
  breastfeed: said('If you breastfeed, keep going. Breast milk is the best drink for your baby.', 'ng143'),
  night: said('Check on your child during the night.', 'ng143'),
  dress: said('Dress your child in normal, light clothes. Do not wrap them up in lots of layers, or take all their clothes off.', 'ng143'),
  noSponging: said('Do not sponge or wash your child with cool water to bring their temperature down.', 'ng143', 'nhsFever'),
  nursery: said('Keep your child off nursery or school while they have a high temperature. Let the nursery or school know.', 'ng143'),
  lookForDehydration: said('Look out for signs of dehydration.', 'ng143'),
  rest: said('Let your child rest.', 'nhsCold', 'nhsSoreThroat'),
} as const;

/** NG143 antipyretics, in plain words. */
const MEDICINES = {
  onlyIfUpset: said('Only give paracetamol or ibuprofen if your child is upset or uncomfortable.', 'ng143'),
  notForTemperature: said('The medicine is to help your child feel better. It is not just to bring their temperature down.', 'ng143'),
  notBoth: said('Give one medicine at a time. Do not give paracetamol and ibuprofen together.', 'ng143'),
  swap: said('If one medicine has not helped, you can try the other one instead.', 'ng143'),
  alternate: said('Only switch between the two if your child is still upset before their next dose is due.', 'ng143'),
  stop: said('Stop giving the medicine when your child is no longer upset.', 'ng143'),
  dose: said("Check the label for the right dose for your child's age. Never give more than it says.", 'nhsParacetamol', 'nhsIbuprofen'),
  noAspirin: said('Do not give aspirin to children under 16.', 'nhsFever', 'nhsParacetamol'),
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
  title: string;
  intro: string;
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
    title: 'High temperature (fever) in children',
    intro:
      'A high temperature is very common in children. Most children get better at home. This page tells you how to look after your child, and when to get help.',
    expect: [
      said('A high temperature is 38°C or more.', 'nhsFever', 'ng143'),
      said('It is usually caused by a virus. It often gets better on its own in 3 or 4 days.', 'nhsFever'),
      said('Your child may be more sleepy and less hungry than usual.', 'nhsFever'),
      said('Children can get worse quickly. Keep checking on your child, even at night.', 'ng143'),
    ],
    care: [...FEVER_CARE, CARE.lookForDehydration],
    medicines: CORE_MEDICINES,
    call999: [...CALL_999_CORE, SEEK.cry, SEEK.neck],
    call111: [SEEK.under3Months, SEEK.from3To6Months, SEEK.dehydrated, SEEK.notThemselves, ...CALL_111_CORE],
    glassTest: true,
    dehydrationSigns: true,
  },

  sore_throat: {
    title: 'Sore throat in children',
    intro:
      'Sore throats are common in children. Most get better on their own. This page tells you how to look after your child, and when to get help.',
    expect: [
      said('Most sore throats are caused by a virus. They usually get better within a week.', 'nhsSoreThroat', 'ng84'),
      said('Antibiotics do not help most sore throats.', 'ng84', 'nhsSoreThroat'),
      said('Your child may also have a high temperature, a cough or a runny nose.', 'nhsSoreThroat'),
    ],
    care: [
      CARE.drinks,
      said('Give cool or soft food, like yoghurt. Older children can suck ice lollies.', 'nhsSoreThroat'),
      said('Do not give young children small, hard sweets or lozenges. They could choke.', 'nhsSoreThroat'),
      CARE.rest,
      CARE.night,
      CARE.lookForDehydration,
    ],
    medicines: [said('Paracetamol or ibuprofen can ease the pain.', 'nhsSoreThroat', 'ng84'), ...CORE_MEDICINES],
    call999: [
      said('your child finds it hard to swallow, or is drooling', 'nhsSoreThroat'),
      said('your child makes a high-pitched sound when they breathe in', 'nhsSoreThroat'),
      ...CALL_999_CORE,
    ],
    call111: [
      said('the sore throat has not got better after a week', 'nhsSoreThroat'),
      said('your child cannot eat or drink because of the pain', 'nhsSoreThroat', 'ng84'),
      said('your child has a very high temperature, or feels hot and shivery', 'nhsSoreThroat'),
      SEEK.dehydrated,
      ...CALL_111_CORE,
    ],
    glassTest: true,
    dehydrationSigns: true,
  },

  ear_pain: {
    title: 'Earache in children',
    intro:
      'Earache is common in children. It is often caused by an ear infection. This page tells you how to look after your child, and when to get help.',
    expect: [
      said('Ear infections usually get better on their own in about 3 days. Some take up to a week.', 'ng91', 'nhsEarInfections'),
      said('Antibiotics are not usually needed. They do not help the pain much.', 'ng91', 'nhsEarInfections'),
      said('Your child may have a high temperature and pull or rub their ear.', 'nhsEarInfections'),
    ],
    care: [
      said('Put a warm or cold flannel on the sore ear. This may help the pain.', 'nhsEarache', 'nhsEarInfections'),
      said('If fluid comes out of the ear, gently wipe it away with cotton wool.', 'nhsEarInfections'),
      said("Do not put anything in your child's ear, like cotton buds.", 'nhsEarache'),
      CARE.drinks,
      CARE.night,
    ],
    medicines: [said('Paracetamol or ibuprofen can ease the pain.', 'ng91', 'nhsEarInfections'), ...CORE_MEDICINES],
    call999: [...CALL_999_CORE, SEEK.neck],
    call111: [
      said('there is swelling, redness or pain behind the ear, or the ear sticks out', 'ng91', 'nhsEarInfections'),
      said('fluid or pus is coming out of the ear', 'nhsEarache', 'nhsEarInfections'),
      said('the earache has not started to get better after 3 days', 'nhsEarInfections', 'ng91'),
      said('your child is under 2 and has pain in both ears', 'ng91'),
      said('your child has a very high temperature, or feels hot and shivery', 'nhsEarInfections'),
      said("your child's hearing has changed", 'nhsEarInfections'),
      said("something is stuck in your child's ear", 'nhsEarache'),
      ...CALL_111_CORE,
    ],
    glassTest: true,
    dehydrationSigns: false,
  },

  rash: {
    title: 'Rashes in children',
    intro:
      'Rashes are common in children. Most are harmless and go away on their own. This page tells you how to check a rash, and when to get help.',
    expect: [
      said('Most rashes are caused by a virus. They usually go away on their own.', 'nhsRashes'),
      said('A rash can change quickly. Check it often, including during the night.', 'nhsRashes', 'ng143'),
    ],
    care: [
      said('Do the glass test on any new spots or rash. Do it again if the rash changes.', 'ng143', 'ng240', 'nhsMeningitis'),
      CARE.drinks,
      CARE.night,
      CARE.dress,
      said('If your child has chickenpox, keep them off nursery or school until all the spots have crusted over.', 'nhsChickenpox'),
    ],
    medicines: [
      ...CORE_MEDICINES,
      said('If your child has chickenpox, do not give ibuprofen unless a doctor tells you to.', 'nhsChickenpox', 'nhsIbuprofen'),
    ],
    call999: [
      SEEK.nonFadingRash,
      SEEK.neck,
      said("your child's lips, mouth or face suddenly swell", 'nhsHives', 'nhsRashes'),
      SEEK.fit,
      SEEK.hardToWake,
      SEEK.colour,
      SEEK.breathing,
    ],
    call111: [
      said('your child has a rash and a high temperature', 'nhsRashes'),
      said('the rash is spreading fast, or the skin is blistering or peeling', 'nhsRashes'),
      said('the skin around the rash is hot, swollen or painful', 'nhsRashes', 'nhsChickenpox'),
      SEEK.under3Months,
      ...CALL_111_CORE,
    ],
    glassTest: true,
    dehydrationSigns: false,
  },

  cough_cold: {
    title: 'Coughs, colds and bronchiolitis in children',
    intro:
      'Coughs and colds are very common in children. Babies can get bronchiolitis, a chest infection caused by a virus. This page tells you how to look after your child, and when to get help.',
    expect: [
      said('A cold usually gets better in 1 to 2 weeks.', 'nhsCold'),
      said('A cough can last up to 3 weeks.', 'nhsCough'),
      said('Bronchiolitis is often worst on days 3 to 5. Most babies get better within 2 to 3 weeks.', 'nhsBronchiolitis', 'ng9'),
      said('Antibiotics do not help coughs and colds caused by a virus.', 'nhsCold', 'nhsCough'),
    ],
    care: [
      CARE.drinks,
      CARE.breastfeed,
      said('If your baby is feeding less, try smaller feeds more often.', 'nhsBronchiolitis'),
      said('If your child is over 1, a warm drink of honey and lemon may ease the cough. Do not give honey to babies under 1.', 'nhsCough'),
      said('Do not let anyone smoke near your child.', 'nhsBronchiolitis', 'ng9'),
      CARE.rest,
      CARE.night,
      CARE.lookForDehydration,
    ],
    medicines: [...CORE_MEDICINES, said('Do not give cough or cold medicines to children under 6.', 'mhraCoughCold')],
    call999: [
      said('your child is working hard to breathe, or the skin sucks in under the ribs', 'nhsBronchiolitis', 'ng9', 'ng143'),
      said('your child makes grunting noises when they breathe', 'nhsBronchiolitis', 'ng9', 'ng143'),
      said("there are pauses in your child's breathing", 'nhsBronchiolitis', 'ng9'),
      said("your child's lips or tongue look blue or grey", 'nhsBronchiolitis', 'ng9', 'ng143'),
      said('your child is floppy, or will not wake up or stay awake', 'nhsBronchiolitis', 'ng143'),
      SEEK.fit,
      SEEK.nonFadingRash,
    ],
    call111: [
      said('your child is feeding or drinking less than half their usual amount', 'nhsBronchiolitis', 'ng9'),
      said('your child has had no wet nappy for 12 hours or more', 'nhsBronchiolitis', 'ng9'),
      said('your child is breathing faster than usual', 'nhsBronchiolitis', 'ng143'),
      said('your child seems very tired or very irritable', 'nhsBronchiolitis'),
      SEEK.under3Months,
      SEEK.from3To6Months,
      said('the cough has lasted more than 3 weeks', 'nhsCough'),
      ...CALL_111_CORE,
    ],
    glassTest: true,
    dehydrationSigns: true,
  },

  diarrhoea_vomiting: {
    title: 'Diarrhoea and vomiting in children',
    intro:
      'Diarrhoea and vomiting are common in children. They are usually caused by a tummy bug. The main risk is losing too much fluid (dehydration).',
    expect: [
      said('Vomiting usually stops in 1 or 2 days.', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('Diarrhoea usually stops within 5 to 7 days.', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('Babies are more likely to get dehydrated. Watch them closely.', 'cg84', 'nhsDiarrhoeaVomiting'),
    ],
    care: [
      said('Give small sips of drink often, even if your child is being sick.', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('Keep breastfeeding or bottle feeding. Try smaller feeds more often.', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('Give babies on formula or solid food small sips of water between feeds.', 'nhsDiarrhoeaVomiting'),
      said('Do not make formula weaker than usual.', 'nhsDiarrhoeaVomiting'),
      said('Do not give fruit juice or fizzy drinks. They can make diarrhoea worse.', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('A pharmacist can give you sachets to mix with water. These put back lost fluid and salts.', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('Let your child eat when they feel like it.', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('Wash your hands with soap and water often. This stops the bug spreading.', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('Keep your child off nursery or school until 2 days after they were last sick or had diarrhoea.', 'nhsDiarrhoeaVomiting', 'cg84'),
      CARE.night,
      CARE.lookForDehydration,
    ],
    medicines: [
      ...CORE_MEDICINES,
      said('Do not give medicine to stop diarrhoea to children under 12.', 'nhsDiarrhoeaVomiting', 'cg84'),
    ],
    call999: [
      said("your child's sick is green or yellow-green", 'nhsDiarrhoeaVomiting'),
      said('your child is sick with blood in it, or it looks like coffee grounds', 'nhsDiarrhoeaVomiting'),
      said('your child has a sudden, very bad tummy ache', 'nhsDiarrhoeaVomiting'),
      ...CALL_999_CORE,
    ],
    call111: [
      SEEK.dehydrated,
      said('your child keeps being sick and cannot keep drinks down', 'nhsDiarrhoeaVomiting', 'cg84'),
      said("there is blood in your child's poo", 'nhsDiarrhoeaVomiting', 'cg84'),
      said('your baby stops breastfeeding or bottle feeding', 'nhsDiarrhoeaVomiting', 'cg84'),
      said('your child has been sick for more than 2 days, or had diarrhoea for more than 7 days', 'nhsDiarrhoeaVomiting', 'cg84'),
      ...CALL_111_CORE,
    ],
    glassTest: true,
    dehydrationSigns: true,
  },

  general: {
    title: 'Looking after your child at home',
    intro:
      'Most children who are unwell get better at home. This page tells you how to look after your child, and when to get help.',
    expect: [
      said('Most illnesses in children are caused by viruses. They usually get better on their own.', 'nhsFever', 'ng143'),
      said('Children can get worse quickly. Keep checking on your child, even at night.', 'ng143'),
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

const texts = (items: readonly AdviceItem[]) => items.map((item) => item.text);

export const ADVICE: Record<AdviceTopic, AdviceContent> = Object.fromEntries(
  adviceTopics.map((topic) => {
    const definition = ADVICE_DEFINITIONS[topic];
    const content: AdviceContent = {
      title: definition.title,
      intro: definition.intro,
      expect: texts(definition.expect),
      care: texts(definition.care),
      medicines: texts(definition.medicines),
      call999: texts(definition.call999),
      call111: texts(definition.call111),
      glassTest: definition.glassTest,
      dehydrationSigns: definition.dehydrationSigns,
      sources: adviceSourcesFor(definition),
    };
    return [topic, content];
  }),
) as Record<AdviceTopic, AdviceContent>;

/** The answer to `GET /api/advice/:topic?lang=`. Only English exists so far. */
export function adviceResponse(topic: AdviceTopic, lang: AdviceLanguage = DEFAULT_ADVICE_LANGUAGE): AdviceResponse {
  const content = ADVICE[topic];
  return {
    topic,
    lang,
    content,
    glassTest: content.glassTest ? GLASS_TEST : null,
    dehydrationSigns: content.dehydrationSigns ? DEHYDRATION_SIGNS : null,
  };
}

// ---------------------------------------------------------------------------------------------
// SMS

/** Two GSM-7 segments: a longer text may arrive split or not at all on some phones. */
export const ADVICE_SMS_MAX_CHARS = 306;

/** Dispositions whose words can head the safety-netting SMS (the others send none). */
const SMS_DISPOSITIONS: ReadonlySet<Disposition> = new Set(['self_care', 'pharmacy', 'primary_care', 'hub_referral', 'advice_line']);

/**
 * What the nurse decided, in the parent's words, for the top of the safety-netting SMS: the text
 * must say what to do, not only where to read. Null for dispositions that send no advice SMS.
 */
export function nextStepForParent(disposition: Disposition, timeframeHours: number | null): string | null {
  return SMS_DISPOSITIONS.has(disposition) ? adviceRecapFor(disposition, timeframeHours) : null;
}

/**
 * The safety-netting text. It never names the child: a mistyped number must not learn who is ill.
 * Plain GSM-7 characters only (no curly quotes or dashes), so each segment holds 153 characters.
 */
export function adviceSmsBody(link: string, nextStep: string | null = null): string {
  return (
    `NHS 111: ${nextStep ? `${nextStep} ` : ''}Advice and when to get help: ${link} ` +
    'Call 999 if your child gets much worse, has a fit or a rash that does not fade under a glass. ' +
    'Call 111 if you are worried.'
  );
}

// ---------------------------------------------------------------------------------------------
// The recap at the top of the advice page (opened from the SMS link with its code)


/** `POST /api/advice/recap` takes the code from the link; nothing else (the code says which case). */
export const adviceRecapRequestSchema = z.object({ token: z.string().min(1).max(200) });
export type AdviceRecapRequest = z.infer<typeof adviceRecapRequestSchema>;

/**
 * What the nurse advised, for the top of the advice page. The latest version of the decision, in
 * the words the SMS uses: no name, no notes, no findings, nothing the SMS did not already say
 * (docs/security.md, "Advice links").
 */
export const adviceRecapSchema = z.object({
  /** A newer version replaced the one this link was sent for, and it changes what the parent should do. */
  changed: z.boolean(),
  /** The latest advice in plain words ("The nurse advised seeing a GP within 24 hours."). */
  nextStep: z.string(),
  /** When the latest advice was given (ISO 8601). */
  givenAt: z.string(),
});
export type AdviceRecap = z.infer<typeof adviceRecapSchema>;

/**
 * The latest advice in the parent's words, for every disposition: an amendment after the SMS can
 * send the child to A&E, and the page must then say so first. Dispositions that send an SMS use
 * the SMS's own sentence, so the page and the text message never disagree.
 */
export function adviceRecapFor(disposition: Disposition, timeframeHours: number | null): string {
  const within = timeframeHours === null ? '' : ` within ${timeframeHours} hour${timeframeHours === 1 ? '' : 's'}`;
  switch (disposition) {
    case 'self_care':
      return 'The nurse advised caring for your child at home.';
    case 'pharmacy':
      return 'The nurse advised speaking to a pharmacist.';
    case 'primary_care':
      return timeframeHours === null ? 'The nurse advised booking a GP appointment.' : `The nurse advised seeing a GP${within}.`;
    case 'hub_referral':
      return "Your child is being referred to a children's clinic.";
    case 'advice_line':
      return "A children's specialist has advised on your child.";
    case 'urgent_treatment_centre':
      return `The nurse advised taking your child to an urgent treatment centre${within}.`;
    case 'emergency_department':
      return `The nurse advised taking your child to A&E${within}.`;
    case 'ambulance':
      return 'The nurse advised that your child needs an ambulance. Call 999 now if one is not on its way.';
    default:
      return assertNever(disposition);
  }
}
