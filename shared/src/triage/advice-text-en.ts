import { assertNever } from '../call/machine.js';
import type { Disposition } from './disposition.js';
import type { AdviceLocale } from './advice-locale.js';
import type { AdviceLabelKey } from './advice-topics.js';

/**
 * The advice catalogue's words in English: the original every translation is made from (issue 12).
 * Keys are stable: the topic definitions in advice.ts name lines by key, so each topic's lists
 * (which lines, in which order, citing which sources) are one source for every language. Zod-free.
 *
 * Lists that follow a lead-in ("Call 999 if:", "Look out for:") are lower-case fragments without a
 * full stop, as on NHS.UK; every other list holds whole sentences.
 */
export const ADVICE_TEXT_EN = {
  // How to do the glass (blanching) test.
  'glass.press': 'Press the side of a clear drinking glass firmly on the rash or spots.',
  'glass.look': 'Look at the rash through the glass.',
  'glass.stillSee': 'If you can still see the spots through the glass, the rash does not fade. Call 999 now.',
  'glass.darkSkin': 'A rash can be harder to see on brown or black skin. Check paler areas, like the palms of the hands, soles of the feet and tummy.',
  'glass.dontWait': 'Do not wait for a rash. If your child is very unwell or getting worse, get help straight away.',

  // Fragments after "Look out for:".
  'dehydration.dryMouth': 'a dry mouth or dry lips',
  'dehydration.sunkenEyes': 'sunken eyes',
  'dehydration.fewTears': 'crying with few or no tears',
  'dehydration.fewerNappies': 'fewer wet nappies, or weeing less than usual',
  'dehydration.fontanelle': "a sunken soft spot on the top of a baby's head (fontanelle)",
  'dehydration.unwell': 'looking generally unwell, pale or more sleepy than usual',

  // NG143 "seek further advice if…", and the NG143 red features a parent can see.
  'seek.fit': 'your child has a fit (seizure)',
  'seek.nonFadingRash': 'your child has a rash that does not fade when you press a glass on it',
  'seek.hardToWake': 'your child is very sleepy and hard to wake, or does not stay awake',
  'seek.colour': "your child's skin, lips or tongue look pale, blotchy, grey or blue",
  'seek.breathing': 'your child is struggling to breathe, is grunting, or the skin sucks in under the ribs',
  'seek.cry': 'your child has a weak, high-pitched cry that is not like their normal cry',
  'seek.neck': 'your child has a stiff neck, or bright light hurts their eyes',
  'seek.worse': 'your child is getting worse, or you are more worried than before',
  'seek.fiveDays': 'your child has had a high temperature for 5 days or more',
  'seek.cannotCope': 'you feel very upset, or you cannot look after your child at home',
  'seek.dehydrated': 'your child has signs of dehydration',
  'seek.under3Months': 'your baby is under 3 months old and has a temperature of 38°C or higher',
  'seek.from3To6Months': 'your baby is 3 to 6 months old and has a temperature of 39°C or higher',
  'seek.notThemselves': 'your child is not their usual self, or will not eat or drink',

  'care.drinks': 'Give your child plenty to drink. Offer drinks little and often.',
  'care.breastfeed': 'If you breastfeed, keep going. Breast milk is the best drink for your baby.',
  'care.night': 'Check on your child during the night.',
  'care.dress': 'Dress your child in normal, light clothes. Do not wrap them up in lots of layers, or take all their clothes off.',
  'care.noSponging': 'Do not sponge or wash your child with cool water to bring their temperature down.',
  'care.nursery': 'Keep your child off nursery or school while they have a high temperature. Let the nursery or school know.',
  'care.lookForDehydration': 'Look out for signs of dehydration.',
  'care.rest': 'Let your child rest.',

  'medicines.onlyIfUpset': 'Only give paracetamol or ibuprofen if your child is upset or uncomfortable.',
  'medicines.notForTemperature': 'The medicine is to help your child feel better. It is not just to bring their temperature down.',
  'medicines.notBoth': 'Give one medicine at a time. Do not give paracetamol and ibuprofen together.',
  'medicines.swap': 'If one medicine has not helped, you can try the other one instead.',
  'medicines.alternate': 'Only switch between the two if your child is still upset before their next dose is due.',
  'medicines.stop': 'Stop giving the medicine when your child is no longer upset.',
  'medicines.dose': "Check the label for the right dose for your child's age. Never give more than it says.",
  'medicines.noAspirin': 'Do not give aspirin to children under 16.',
  'medicines.easePain': 'Paracetamol or ibuprofen can ease the pain.',

  'fever.title': 'High temperature (fever) in children',
  'fever.intro':
    'A high temperature is very common in children. Most children get better at home. This page tells you how to look after your child, and when to get help.',
  'fever.expect.definition': 'A high temperature is 38°C or more.',
  'fever.expect.virus': 'It is usually caused by a virus. It often gets better on its own in 3 or 4 days.',
  'fever.expect.sleepy': 'Your child may be more sleepy and less hungry than usual.',
  'expect.worseQuickly': 'Children can get worse quickly. Keep checking on your child, even at night.',

  'soreThroat.title': 'Sore throat in children',
  'soreThroat.intro':
    'Sore throats are common in children. Most get better on their own. This page tells you how to look after your child, and when to get help.',
  'soreThroat.expect.virus': 'Most sore throats are caused by a virus. They usually get better within a week.',
  'soreThroat.expect.antibiotics': 'Antibiotics do not help most sore throats.',
  'soreThroat.expect.symptoms': 'Your child may also have a high temperature, a cough or a runny nose.',
  'soreThroat.care.softFood': 'Give cool or soft food, like yoghurt. Older children can suck ice lollies.',
  'soreThroat.care.noSweets': 'Do not give young children small, hard sweets or lozenges. They could choke.',
  'soreThroat.call999.swallow': 'your child finds it hard to swallow, or is drooling',
  'soreThroat.call999.stridor': 'your child makes a high-pitched sound when they breathe in',
  'soreThroat.call111.week': 'the sore throat has not got better after a week',
  'soreThroat.call111.cannotEat': 'your child cannot eat or drink because of the pain',
  'call111.veryHot': 'your child has a very high temperature, or feels hot and shivery',

  'earPain.title': 'Earache in children',
  'earPain.intro':
    'Earache is common in children. It is often caused by an ear infection. This page tells you how to look after your child, and when to get help.',
  'earPain.expect.course': 'Ear infections usually get better on their own in about 3 days. Some take up to a week.',
  'earPain.expect.antibiotics': 'Antibiotics are not usually needed. They do not help the pain much.',
  'earPain.expect.symptoms': 'Your child may have a high temperature and pull or rub their ear.',
  'earPain.care.flannel': 'Put a warm or cold flannel on the sore ear. This may help the pain.',
  'earPain.care.wipe': 'If fluid comes out of the ear, gently wipe it away with cotton wool.',
  'earPain.care.nothingIn': "Do not put anything in your child's ear, like cotton buds.",
  'earPain.call111.behindEar': 'there is swelling, redness or pain behind the ear, or the ear sticks out',
  'earPain.call111.discharge': 'fluid or pus is coming out of the ear',
  'earPain.call111.threeDays': 'the earache has not started to get better after 3 days',
  'earPain.call111.under2': 'your child is under 2 and has pain in both ears',
  'earPain.call111.hearing': "your child's hearing has changed",
  'earPain.call111.stuck': "something is stuck in your child's ear",

  'rash.title': 'Rashes in children',
  'rash.intro': 'Rashes are common in children. Most are harmless and go away on their own. This page tells you how to check a rash, and when to get help.',
  'rash.expect.virus': 'Most rashes are caused by a virus. They usually go away on their own.',
  'rash.expect.changes': 'A rash can change quickly. Check it often, including during the night.',
  'rash.care.glassTest': 'Do the glass test on any new spots or rash. Do it again if the rash changes.',
  'rash.care.chickenpox': 'If your child has chickenpox, keep them off nursery or school until all the spots have crusted over.',
  'rash.medicines.chickenpox': 'If your child has chickenpox, do not give ibuprofen unless a doctor tells you to.',
  'rash.call999.swelling': "your child's lips, mouth or face suddenly swell",
  'rash.call111.temperature': 'your child has a rash and a high temperature',
  'rash.call111.spreading': 'the rash is spreading fast, or the skin is blistering or peeling',
  'rash.call111.hotSkin': 'the skin around the rash is hot, swollen or painful',

  'coughCold.title': 'Coughs, colds and bronchiolitis in children',
  'coughCold.intro':
    'Coughs and colds are very common in children. Babies can get bronchiolitis, a chest infection caused by a virus. This page tells you how to look after your child, and when to get help.',
  'coughCold.expect.cold': 'A cold usually gets better in 1 to 2 weeks.',
  'coughCold.expect.cough': 'A cough can last up to 3 weeks.',
  'coughCold.expect.bronchiolitis': 'Bronchiolitis is often worst on days 3 to 5. Most babies get better within 2 to 3 weeks.',
  'coughCold.expect.antibiotics': 'Antibiotics do not help coughs and colds caused by a virus.',
  'coughCold.care.smallerFeeds': 'If your baby is feeding less, try smaller feeds more often.',
  'coughCold.care.honey': 'If your child is over 1, a warm drink of honey and lemon may ease the cough. Do not give honey to babies under 1.',
  'coughCold.care.noSmoke': 'Do not let anyone smoke near your child.',
  'coughCold.medicines.under6': 'Do not give cough or cold medicines to children under 6.',
  'coughCold.call999.workingHard': 'your child is working hard to breathe, or the skin sucks in under the ribs',
  'coughCold.call999.grunting': 'your child makes grunting noises when they breathe',
  'coughCold.call999.pauses': "there are pauses in your child's breathing",
  'coughCold.call999.blue': "your child's lips or tongue look blue or grey",
  'coughCold.call999.floppy': 'your child is floppy, or will not wake up or stay awake',
  'coughCold.call111.feeding': 'your child is feeding or drinking less than half their usual amount',
  'coughCold.call111.nappy': 'your child has had no wet nappy for 12 hours or more',
  'coughCold.call111.fastBreathing': 'your child is breathing faster than usual',
  'coughCold.call111.tired': 'your child seems very tired or very irritable',
  'coughCold.call111.threeWeeks': 'the cough has lasted more than 3 weeks',

  'diarrhoeaVomiting.title': 'Diarrhoea and vomiting in children',
  'diarrhoeaVomiting.intro':
    'Diarrhoea and vomiting are common in children. They are usually caused by a tummy bug. The main risk is losing too much fluid (dehydration).',
  'diarrhoeaVomiting.expect.vomiting': 'Vomiting usually stops in 1 or 2 days.',
  'diarrhoeaVomiting.expect.diarrhoea': 'Diarrhoea usually stops within 5 to 7 days.',
  'diarrhoeaVomiting.expect.babies': 'Babies are more likely to get dehydrated. Watch them closely.',
  'diarrhoeaVomiting.care.sips': 'Give small sips of drink often, even if your child is being sick.',
  'diarrhoeaVomiting.care.keepFeeding': 'Keep breastfeeding or bottle feeding. Try smaller feeds more often.',
  'diarrhoeaVomiting.care.water': 'Give babies on formula or solid food small sips of water between feeds.',
  'diarrhoeaVomiting.care.formula': 'Do not make formula weaker than usual.',
  'diarrhoeaVomiting.care.noJuice': 'Do not give fruit juice or fizzy drinks. They can make diarrhoea worse.',
  'diarrhoeaVomiting.care.sachets': 'A pharmacist can give you sachets to mix with water. These put back lost fluid and salts.',
  'diarrhoeaVomiting.care.eat': 'Let your child eat when they feel like it.',
  'diarrhoeaVomiting.care.handwashing': 'Wash your hands with soap and water often. This stops the bug spreading.',
  'diarrhoeaVomiting.care.nursery': 'Keep your child off nursery or school until 2 days after they were last sick or had diarrhoea.',
  'diarrhoeaVomiting.medicines.noStopping': 'Do not give medicine to stop diarrhoea to children under 12.',
  'diarrhoeaVomiting.call999.green': "your child's sick is green or yellow-green",
  'diarrhoeaVomiting.call999.blood': 'your child is sick with blood in it, or it looks like coffee grounds',
  'diarrhoeaVomiting.call999.tummyAche': 'your child has a sudden, very bad tummy ache',
  'diarrhoeaVomiting.call111.keepsBeingSick': 'your child keeps being sick and cannot keep drinks down',
  'diarrhoeaVomiting.call111.bloodInPoo': "there is blood in your child's poo",
  'diarrhoeaVomiting.call111.stopsFeeding': 'your baby stops breastfeeding or bottle feeding',
  'diarrhoeaVomiting.call111.tooLong': 'your child has been sick for more than 2 days, or had diarrhoea for more than 7 days',

  'general.title': 'Looking after your child at home',
  'general.intro': 'Most children who are unwell get better at home. This page tells you how to look after your child, and when to get help.',
  'general.expect.viruses': 'Most illnesses in children are caused by viruses. They usually get better on their own.',
} as const;

export type AdviceTextKey = keyof typeof ADVICE_TEXT_EN;
/** One locale's words for every line: a missing key fails `tsc`. */
export type AdviceText = Record<AdviceTextKey, string>;

/** The page's own headings and buttons (client/src/features/advice), per locale like the advice. */
export const ADVICE_LABELS_EN = {
  immediate: 'Immediate action required:',
  urgent: 'Urgent advice:',
  call999Heading: 'Call 999 if:',
  call111Heading: 'Call 111 or your GP if:',
  call999Button: 'Call 999',
  call111Button: 'Call 111',
  glassTestLink: 'How to do the glass test',
  moreDetail: 'More detail',
  expect: 'What to expect',
  care: 'How to look after your child',
  medicines: 'Medicines',
  glassTest: 'How to do the glass test',
  dehydration: 'Signs of dehydration',
  dehydrationLead: 'Your child may not be getting enough fluid. Look out for:',
  sources: 'Where this advice comes from',
  fromTeam: "This advice is from the NHS 111 children's team.",
  print: 'Print this advice',
} as const satisfies Record<AdviceLabelKey, string>;

/** The nurse's decision in English, for every disposition (the page's recap; the SMS's first sentence). */
export function englishRecap(disposition: Disposition, timeframeHours: number | null): string {
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

export const ADVICE_LOCALE_EN: AdviceLocale = {
  lang: 'en',
  reviewed: true,
  text: ADVICE_TEXT_EN,
  labels: ADVICE_LABELS_EN,
  recap: englishRecap,
  // Plain GSM-7 characters only (no curly quotes or dashes), so each segment holds 153 characters.
  sms: (link, nextStep) =>
    `NHS 111: ${nextStep ? `${nextStep} ` : ''}Advice and when to get help: ${link} ` +
    'Call 999 if your child gets much worse, has a fit or a rash that does not fade under a glass. ' +
    'Call 111 if you are worried.',
  inEnglishNote: '',
};

/**
 * The English SMS sent in place of an unreviewed translation: shorter than the English one (it goes
 * as UCS-2 with the note in the parent's script, 4 parts at most), the same points, the note last
 * on its own line so it reads in its own direction.
 */
export function withheldSmsBody(link: string, nextStep: string | null, note: string): string {
  return `NHS 111: ${nextStep ? `${nextStep} ` : ''}${link} 999 if much worse, a fit or a rash that does not fade under a glass. 111 if worried.\n${note}`;
}
