import { describe, expect, it } from 'vitest';
import {
  ADVICE,
  ADVICE_DEFINITIONS,
  ADVICE_SMS_MAX_CHARS,
  ADVICE_SOURCES,
  adviceLanguageFor,
  adviceResponse,
  adviceResponseSchema,
  adviceSmsBody,
  adviceRecapFor,
  nextStepForParent,
  dispositions,
  TIMEFRAME_HOURS,
  adviceTopicForComplaint,
  adviceTopics,
  complaints,
  DEHYDRATION_SIGNS,
  GLASS_TEST,
  type AdviceContent,
  type AdviceTopic,
} from '../src/index.js';

const LISTS = ['expect', 'care', 'medicines', 'call999', 'call111'] as const;
const allText = (content: AdviceContent) => [content.title, content.intro, ...LISTS.flatMap((list) => content[list])];
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter(Boolean);

describe('advice catalogue', () => {
  it.each(adviceTopics)('%s has what to expect, home care, medicines, both urgent lists and a source', (topic) => {
    const content = ADVICE[topic];
    expect(content.title).not.toBe('');
    expect(content.intro).not.toBe('');
    for (const list of LISTS) expect(content[list].length, `${topic}.${list}`).toBeGreaterThan(0);
    expect(content.sources.length).toBeGreaterThanOrEqual(1);
  });

  it('maps every presenting complaint to a topic, and "other" to general advice', () => {
    for (const complaint of complaints) expect(adviceTopics).toContain(adviceTopicForComplaint(complaint));
    expect(adviceTopicForComplaint('other')).toBe('general');
    expect(adviceTopicForComplaint('cough_cold')).toBe('cough_cold');
    expect(adviceTopicForComplaint('diarrhoea_vomiting')).toBe('diarrhoea_vomiting');
  });

  // CLINICAL.md "Safety-netting": NG143 "seek help urgently if…", each point with the words a parent must meet.
  const SEEK_HELP_URGENTLY: [string, RegExp][] = [
    ['the child has a fit', /has a fit/],
    ['a rash that does not fade under a glass', /rash that does not fade when you press a glass/],
    ['the child is getting worse', /getting worse/],
    ['the parent is more worried than before', /more worried than before/],
    ['fever lasts 5 days or more', /high temperature for 5 days or more/],
    ['the parent is distressed', /very upset/],
    ['the parent cannot look after the child', /cannot look after your child/],
  ];

  describe.each(['fever', 'general'] as const)('%s topic', (topic) => {
    const urgent = [...ADVICE[topic].call999, ...ADVICE[topic].call111];

    it.each(SEEK_HELP_URGENTLY)('tells the parent to get help if %s', (_point, wording) => {
      expect(urgent.some((line) => wording.test(line))).toBe(true);
    });

    it('puts a fit and a non-fading rash under "Call 999"', () => {
      expect(ADVICE[topic].call999.some((line) => /has a fit/.test(line))).toBe(true);
      expect(ADVICE[topic].call999.some((line) => /does not fade/.test(line))).toBe(true);
    });

    // CLINICAL.md NG143 home-care advice.
    it.each([
      ['fluids', /plenty to drink/],
      ['breastfeeding for infants', /breastfeed/],
      ['checking during the night', /during the night/],
      ['keeping away from nursery or school while feverish', /off nursery or school while they have a high temperature/],
      ['looking out for dehydration', /signs of dehydration/],
      ['no tepid sponging', /Do not sponge/],
      ['neither over- nor under-dressing', /Do not wrap them up.*or take all their clothes off/],
    ])('gives the NG143 home-care advice on %s', (_point, wording) => {
      expect(ADVICE[topic].care.some((line) => wording.test(line))).toBe(true);
    });

    it('shows how to do the glass test and the signs of dehydration', () => {
      expect(ADVICE[topic].glassTest).toBe(true);
      expect(ADVICE[topic].dehydrationSigns).toBe(true);
    });
  });

  it.each(adviceTopics)('%s gives the NG143 advice on paracetamol and ibuprofen', (topic) => {
    const medicines = ADVICE[topic].medicines.join(' ');
    expect(medicines).toMatch(/Only give paracetamol or ibuprofen if your child is upset or uncomfortable/);
    expect(medicines).toMatch(/not just to bring their temperature down/);
    expect(medicines).toMatch(/Do not give paracetamol and ibuprofen together/);
    expect(medicines).toMatch(/Only switch between the two if your child is still upset before their next dose is due/);
  });

  it.each(adviceTopics)('%s always tells the parent to call 999 for a fit or a rash that does not fade', (topic) => {
    expect(ADVICE[topic].call999.some((line) => /has a fit/.test(line))).toBe(true);
    expect(ADVICE[topic].call999.some((line) => /does not fade/.test(line))).toBe(true);
    expect(ADVICE[topic].call111.some((line) => /more worried than before/.test(line))).toBe(true);
  });

  it('gives the rash topic the glass test', () => {
    expect(ADVICE.rash.glassTest).toBe(true);
    expect(adviceResponse('rash').glassTest).toEqual(GLASS_TEST);
    expect(GLASS_TEST.join(' ')).toMatch(/Press the side of a clear drinking glass/);
    expect(GLASS_TEST.join(' ')).toMatch(/brown or black skin/);
  });

  it('gives diarrhoea and vomiting the signs of dehydration and its own warnings', () => {
    const content = ADVICE.diarrhoea_vomiting;
    expect(content.dehydrationSigns).toBe(true);
    expect(adviceResponse('diarrhoea_vomiting').dehydrationSigns).toEqual(DEHYDRATION_SIGNS);
    expect(content.call999.join(' ')).toMatch(/green/);
    expect(content.call111.join(' ')).toMatch(/blood in your child's poo/);
    expect(content.call111.join(' ')).toMatch(/cannot keep drinks down/);
  });

  it('lists the CLINICAL.md signs of dehydration', () => {
    const signs = DEHYDRATION_SIGNS.join(' | ');
    for (const sign of [/fontanelle/, /dry mouth/, /sunken eyes/, /no tears/, /fewer wet nappies/, /weeing less/, /generally unwell/]) {
      expect(signs).toMatch(sign);
    }
  });

  it('gives cough, cold and bronchiolitis the breathing warnings for 999 and poor feeding for 111', () => {
    const call999 = ADVICE.cough_cold.call999.join(' | ');
    for (const sign of [/working hard to breathe/, /sucks in under the ribs/, /grunting/, /pauses/, /blue/]) expect(call999).toMatch(sign);
    expect(ADVICE.cough_cold.call111.join(' ')).toMatch(/less than half their usual amount/);
  });

  // General advice and rashes cover illnesses too varied to promise a duration.
  const timedTopics = adviceTopics.filter((topic) => topic !== 'general' && topic !== 'rash');
  it.each(timedTopics)('%s says how long the illness usually lasts', (topic) => {
    expect(ADVICE[topic].expect.join(' ')).toMatch(/(\d+|a) (or \d+ )?(to \d+ )?(day|week)s?/);
  });

  it('shows the glass test wherever a 999 list mentions the glass, and dehydration signs wherever they are mentioned', () => {
    for (const topic of adviceTopics) {
      const content = ADVICE[topic];
      if (allText(content).some((line) => /glass/.test(line))) expect(content.glassTest, topic).toBe(true);
      if (allText(content).some((line) => /dehydration/.test(line))) expect(content.dehydrationSigns, topic).toBe(true);
    }
  });
});

describe('advice wording (reading age about 9)', () => {
  const everyLine = adviceTopics.flatMap((topic) =>
    LISTS.flatMap((list) => ADVICE[topic][list].map((line) => [`${topic}.${list}`, line] as const)),
  );
  const sharedLines = [...GLASS_TEST.map((line) => ['GLASS_TEST', line] as const), ...DEHYDRATION_SIGNS.map((line) => ['DEHYDRATION_SIGNS', line] as const)];

  it.each([...everyLine, ...sharedLines])('%s: "%s" is short', (_where, line) => {
    expect(words(line)).toBeLessThanOrEqual(30);
    for (const sentence of sentences(line)) expect(words(sentence), sentence).toBeLessThanOrEqual(20);
  });

  it.each(adviceTopics)('%s intro is made of short sentences', (topic) => {
    for (const sentence of sentences(ADVICE[topic].intro)) expect(words(sentence), sentence).toBeLessThanOrEqual(20);
  });

  it('writes sentences as sentences and the lists after "Call 999 if:" as lower-case fragments', () => {
    for (const topic of adviceTopics) {
      for (const list of ['expect', 'care', 'medicines'] as const) {
        for (const line of ADVICE[topic][list]) expect(line, `${topic}.${list}`).toMatch(/^[A-Z].*\.$/);
      }
      for (const list of ['call999', 'call111'] as const) {
        for (const line of ADVICE[topic][list]) expect(line, `${topic}.${list}`).toMatch(/^[a-z].*[^.]$/);
      }
    }
    for (const line of GLASS_TEST) expect(line).toMatch(/^[A-Z].*\.$/);
    for (const line of DEHYDRATION_SIGNS) expect(line).toMatch(/^[a-z].*[^.]$/);
  });

  it('talks to the parent about "your child", never by a name or a placeholder for one', () => {
    for (const topic of adviceTopics) {
      const text = allText(ADVICE[topic]).join(' ');
      expect(text).toMatch(/your (child|baby)/);
      expect(text).not.toMatch(/[{}<>$]|\bname\b/i);
    }
  });

  it('says nothing twice within one list', () => {
    for (const topic of adviceTopics) {
      for (const list of LISTS) expect(new Set(ADVICE[topic][list]).size, `${topic}.${list}`).toBe(ADVICE[topic][list].length);
    }
  });
});

describe('advice sources', () => {
  it('cites NICE, NHS.UK or GOV.UK pages over https', () => {
    for (const source of Object.values(ADVICE_SOURCES)) {
      expect(source.url).toMatch(/^https:\/\/www\.(nice\.org\.uk\/guidance|nhs\.uk\/(conditions|medicines)|gov\.uk)\//);
    }
    expect(ADVICE_SOURCES.ng143.url).toBe('https://www.nice.org.uk/guidance/ng143');
    expect(ADVICE_SOURCES.ng240.url).toBe('https://www.nice.org.uk/guidance/ng240');
  });

  it('lists every source a topic cites, and only those', () => {
    for (const topic of adviceTopics) {
      const definition = ADVICE_DEFINITIONS[topic];
      const cited = new Set([...LISTS.flatMap((list) => definition[list]).flatMap((item) => item.from)]);
      const listed = new Set(ADVICE[topic].sources.map((source) => source.url));
      for (const id of cited) expect(listed, `${topic} cites ${id}`).toContain(ADVICE_SOURCES[id].url);
    }
  });

  it('cites NG143 for fever and NG240 wherever the glass test is shown', () => {
    expect(ADVICE.fever.sources).toContainEqual(ADVICE_SOURCES.ng143);
    for (const topic of adviceTopics) {
      if (ADVICE[topic].glassTest) expect(ADVICE[topic].sources, topic).toContainEqual(ADVICE_SOURCES.ng240);
    }
  });
});

describe('adviceResponse', () => {
  it.each(adviceTopics)('%s: matches the API schema and carries the lists its flags ask for', (topic: AdviceTopic) => {
    const response = adviceResponseSchema.parse(adviceResponse(topic, 'en'));
    expect(response).toMatchObject({ topic, lang: 'en', content: ADVICE[topic] });
    expect(response.glassTest).toEqual(ADVICE[topic].glassTest ? GLASS_TEST : null);
    expect(response.dehydrationSigns).toEqual(ADVICE[topic].dehydrationSigns ? DEHYDRATION_SIGNS : null);
  });

  it('answers in English when the language is missing or not translated', () => {
    expect(adviceLanguageFor('en')).toBe('en');
    expect(adviceLanguageFor('cy')).toBe('en');
    expect(adviceLanguageFor(undefined)).toBe('en');
    expect(adviceLanguageFor(['en', 'cy'])).toBe('en');
  });
});

describe('adviceSmsBody', () => {
  // The longest topic, with the link's own code (22 characters: 128 bits).
  const LINK = 'https://111-desk.example.nhs.uk/advice/diarrhoea_vomiting?lang=en&t=AbCdEfGhIjKlMnOpQrSt_-';
  // GSM 03.38 basic character set: anything else turns the SMS into UCS-2 and 70-character segments.
  const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]*$/;

  it('starts "NHS 111:", carries the link and says when to call 999', () => {
    const body = adviceSmsBody(LINK);
    expect(body.startsWith('NHS 111:')).toBe(true);
    expect(body).toContain(LINK);
    expect(body).toMatch(/Call 999 if your child gets much worse/);
    expect(body).toMatch(/has a fit/);
    expect(body).toMatch(/rash that does not fade under a glass/);
  });

  it(`fits in ${ADVICE_SMS_MAX_CHARS} characters (two SMS) with the link and the longest next step, in plain GSM characters`, () => {
    const steps = [null, ...dispositions.flatMap((d) => TIMEFRAME_HOURS[d].map((h) => nextStepForParent(d, h)))];
    for (const step of steps) {
      expect(adviceSmsBody(LINK, step).length, String(step)).toBeLessThanOrEqual(ADVICE_SMS_MAX_CHARS);
      expect(adviceSmsBody(LINK, step), String(step)).toMatch(GSM7);
    }
  });

  it('says what the nurse decided before the link: the parent must not have to open it to know what to do', () => {
    expect(adviceSmsBody(LINK, nextStepForParent('primary_care', 6))).toMatch(/^NHS 111: The nurse advised seeing a GP within 6 hours\. Advice and when to get help: https:\/\//);
    expect(nextStepForParent('primary_care', 1)).toBe('The nurse advised seeing a GP within 1 hour.');
    expect(nextStepForParent('primary_care', null)).toBe('The nurse advised booking a GP appointment.');
    expect(nextStepForParent('self_care', null)).toMatch(/at home/);
    expect(nextStepForParent('emergency_department', 1)).toBeNull();
  });

  it('recaps every disposition on the advice page, in the SMS words where an SMS goes', () => {
    for (const disposition of dispositions) {
      for (const hours of TIMEFRAME_HOURS[disposition]) {
        const recap = adviceRecapFor(disposition, hours);
        expect(recap, `${disposition} ${hours}`).toMatch(/^[A-Z].*\.$/);
        const step = nextStepForParent(disposition, hours);
        if (step !== null) expect(recap).toBe(step);
      }
    }
    expect(adviceRecapFor('emergency_department', 4)).toBe('The nurse advised taking your child to A&E within 4 hours.');
    expect(adviceRecapFor('urgent_treatment_centre', null)).toBe('The nurse advised taking your child to an urgent treatment centre.');
    expect(adviceRecapFor('ambulance', null)).toMatch(/Call 999 now/);
  });

  it('never names the child: it takes only the link, so a mistyped number learns nothing about who is ill', () => {
    expect(adviceSmsBody.length).toBe(1);
    const body = adviceSmsBody(LINK);
    expect(body).not.toMatch(/Amelia|\{|\}/);
    expect(body).toMatch(/your child/);
  });
});
