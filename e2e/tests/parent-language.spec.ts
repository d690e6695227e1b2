import { adviceResponse, PARENT_LANGUAGE_INFO, PARENT_LANGUAGES, type ParentLanguage } from '@desk/shared';
import { expect, test, type Page } from '@playwright/test';
import ar from '../../client/src/features/i18n/messages/ar';
import en from '../../client/src/features/i18n/messages/en';
import pl from '../../client/src/features/i18n/messages/pl';
import ro from '../../client/src/features/i18n/messages/ro';
import ur from '../../client/src/features/i18n/messages/ur';
import { clinician, parent, signDecision, signIn, staffApi, type Actor, type Api } from '../support/actors';
import { expectAccessible } from '../support/axe';
import { expectMediaFlowing } from '../support/media';
import { snap, snapViewport } from '../support/screens';

/**
 * The parent's language (issue 12) in a real browser: an Arabic case end to end (Arabic SMS, a
 * right-to-left join page, the call with video both ways), a Polish advice page after a decision,
 * and the parent switching language on each page, with the desk told and axe clean in every
 * language. The words come from the locale modules themselves, so a retranslation needs no change here.
 */

const LOCALES = { en, pl, ro, ur, ar } as const;
const endonym = (lang: ParentLanguage) => PARENT_LANGUAGE_INFO[lang].endonym;

type OutboxMessage = { to: string; body: string; link: string | null };
async function outbox(page: Page): Promise<OutboxMessage[]> {
  return (await (await page.request.get('/api/dev/outbox')).json()) as OutboxMessage[];
}

/** A case created as 111 hands it over, in a language; its id and the caller's number as stored. */
async function caseInLanguage(api: Api, reference: string, phone: string, preferredLanguage: string): Promise<{ caseId: string; callerPhone: string }> {
  const created = await api('POST', '/api/cases', { reference, childFirstName: 'Layla', childAgeMonths: 30, callerPhone: phone, relationship: 'Mother', complaint: 'fever', preferredLanguage });
  return { caseId: String(created.id), callerPhone: String(created.callerPhone) };
}

async function sendLink(api: Api, caseId: string): Promise<string> {
  const invite = await api('POST', `/api/cases/${caseId}/invites`);
  return String(invite.devJoinLink);
}

/** `<html lang dir>` as the page set it. */
async function documentLanguage(page: Page): Promise<{ lang: string; dir: string }> {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

/**
 * Where a one-line list item's text sits in its box: in a right-to-left page it hugs the right
 * edge and leaves space on the left. Measured on the text itself (a Range), not the block.
 */
async function textGaps(page: Page): Promise<{ left: number; right: number }> {
  return page.locator('main li').first().evaluate((item) => {
    const range = document.createRange();
    range.selectNodeContents(item);
    const text = range.getBoundingClientRect();
    const box = item.getBoundingClientRect();
    return { left: Math.round(text.left - box.left), right: Math.round(box.right - text.right) };
  });
}

/** The parent's way to another language: the globe button at the end of the header, then the language's own name. */
async function pickLanguage(page: Page, lang: ParentLanguage): Promise<void> {
  await page.getByTestId('language-toggle').click();
  await page.getByRole('button', { name: endonym(lang), exact: true }).click();
}

async function deskOnCase(actor: Actor, caseId: string): Promise<void> {
  await actor.page.goto(`/cases/${caseId}`);
  await expect(actor.page.getByTestId('case-language')).toBeVisible();
}

test('an Arabic case: the SMS is Arabic, the join page is right to left and mirrored, and the call carries video both ways', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const desk = await clinician(browser, baseURL!);
  await signIn(desk.page, 'clinician');
  const api = await staffApi(desk, baseURL!);
  const { caseId } = await caseInLanguage(api, '111-E2E-LANG-AR', '07700 900471', 'ar');
  await deskOnCase(desk, caseId);
  await expect(desk.page.getByTestId('case-language')).toContainText('Arabic');
  const link = await sendLink(api, caseId);

  // The SMS in Arabic script, the link on its own line, never the child's name.
  const sms = (await outbox(desk.page)).find((message) => message.link === link);
  expect(sms, 'the invite SMS is in the outbox').toBeDefined();
  expect(sms!.body).toMatch(/[\u0600-\u06FF]/);
  expect(sms!.body).toContain(`\n${link}\n`);
  expect(sms!.body).not.toContain('Layla');
  expect(sms!.body).not.toMatch(/Tap to join/);

  const phone = await parent(browser, baseURL!);
  await phone.page.goto(new URL(link).pathname);
  const join = phone.page.getByRole('button', { name: ar.messages.intro.join });
  await expect(join).toBeVisible();
  expect(await documentLanguage(phone.page)).toEqual({ lang: 'ar', dir: 'rtl' });
  // The switch at the end of the header names the language in itself.
  await expect(phone.page.getByTestId('language-toggle')).toHaveAccessibleName(`${ar.messages.language.label}: ${endonym('ar')}`);
  await expect(phone.page.getByTestId('draft-translation')).toHaveText(ar.messages.language.draftNotice);
  await expect(phone.page.getByText(/Join video call|not recorded/)).toHaveCount(0);
  // Mirrored: the text starts at the right, the bullets and the inset's bar are on the right, the
  // header's title on the right and its language button on the left.
  const gaps = await textGaps(phone.page);
  expect(gaps.right, JSON.stringify(gaps)).toBeLessThanOrEqual(2);
  expect(gaps.left, JSON.stringify(gaps)).toBeGreaterThan(40);
  const inset = await phone.page.locator('.nhsuk-inset-text').first().evaluate((element) => {
    const style = getComputedStyle(element);
    return { right: style.borderRightWidth, left: style.borderLeftWidth };
  });
  expect(inset).toEqual({ right: '8px', left: '0px' });
  const title = await phone.page.locator('.parent-header__title').boundingBox();
  const languages = await phone.page.getByTestId('language-toggle').boundingBox();
  expect(languages!.x + languages!.width).toBeLessThan(title!.x);
  await snap(phone.page, 'lang-01-join-ar-intro');
  await expectAccessible(phone.page, 'join intro in Arabic');

  await join.click();
  await expect(phone.page).toHaveURL(/\/join$/);
  await expect(phone.page.getByText(ar.messages.call.letInShortly)).toBeVisible();
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'parent_waiting');
  await desk.page.getByRole('button', { name: 'Admit' }).click();
  await expect(desk.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expect(phone.page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected');
  await expectMediaFlowing(desk.page, 'clinician');
  await expectMediaFlowing(phone.page, 'parent');
  await expect(phone.page.getByRole('button', { name: ar.messages.call.end })).toBeVisible();
  expect(await documentLanguage(phone.page)).toEqual({ lang: 'ar', dir: 'rtl' });
  await snapViewport(phone.page, 'lang-02-call-ar');
  await expectAccessible(phone.page, 'call in Arabic');
  await phone.context.close();
  await desk.context.close();
});

test('a Polish advice page after a decision; the parent switches to English, the desk hears it, axe clean in every language', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const desk = await clinician(browser, baseURL!);
  await signIn(desk.page, 'clinician');
  const api = await staffApi(desk, baseURL!);
  const { caseId, callerPhone } = await caseInLanguage(api, '111-E2E-LANG-PL', '07700 900472', 'pl');
  await signDecision(desk.page, caseId, 'self_care');
  const sms = (await outbox(desk.page)).find((message) => message.to === callerPhone && message.link?.includes('/advice/'));
  expect(sms, 'the safety-netting SMS is in the outbox').toBeDefined();
  expect(sms!.link).toMatch(/\/advice\/fever\?lang=pl&t=[A-Za-z0-9_-]{22}$/);
  expect(sms!.body).toMatch(/[ąćęłńóśźż]/);
  expect(sms!.body).toContain('999');

  const phone = await parent(browser, baseURL!);
  const { pathname, search } = new URL(sms!.link!);
  await phone.page.goto(pathname + search);
  const polish = adviceResponse('fever', 'pl', 'show');
  await expect(phone.page.getByRole('heading', { level: 1, name: polish.content.title })).toBeVisible();
  expect(await documentLanguage(phone.page)).toEqual({ lang: 'pl', dir: 'ltr' });
  await expect(phone.page.getByTestId('advice')).toHaveAttribute('lang', 'pl');
  await expect(phone.page.getByTestId('advice-recap')).toContainText(pl.messages.advice.recapHeading);
  await expect(phone.page.getByRole('region', { name: `${polish.labels.immediate} ${polish.labels.call999Heading}` })).toBeVisible();
  await expect(phone.page.getByRole('link', { name: polish.labels.call999Button })).toHaveAttribute('href', 'tel:999');
  await expect(phone.page.getByTestId('draft-translation')).toBeVisible();
  await snap(phone.page, 'lang-03-advice-pl');

  // Every language on the same page, by the switch: each its own words, its direction, and axe clean.
  for (const lang of ['ro', 'ur', 'ar', 'pl', 'en'] as const) {
    await pickLanguage(phone.page, lang);
    const advice = adviceResponse('fever', lang, 'show');
    await expect(phone.page.getByRole('heading', { level: 1, name: advice.content.title })).toBeVisible();
    await expect(phone.page.getByRole('navigation', { name: LOCALES[lang].messages.language.label })).toBeVisible();
    expect(await documentLanguage(phone.page)).toEqual({ lang: lang === 'en' ? 'en-GB' : lang, dir: PARENT_LANGUAGE_INFO[lang].dir });
    await expect(phone.page).toHaveURL(new RegExp(`[?&]lang=${lang}(&|$)`));
    if (lang === 'ar') await snap(phone.page, 'lang-04-advice-ar');
    await expectAccessible(phone.page, `advice page in ${lang}`);
  }
  await expect(phone.page.getByTestId('draft-translation')).toHaveCount(0);

  // The desk hears the last pick: English, chosen by the parent.
  await deskOnCase(desk, caseId);
  await expect(desk.page.getByTestId('case-language')).toContainText('English');
  await expect(desk.page.getByTestId('case-language')).toContainText('chosen by the parent');
  await phone.context.close();
  await desk.context.close();
});

test('the join page in every language: the parent switches, the desk sees it live, the pick survives a reload, axe clean in each', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const desk = await clinician(browser, baseURL!);
  await signIn(desk.page, 'clinician');
  const api = await staffApi(desk, baseURL!);
  const { caseId } = await caseInLanguage(api, '111-E2E-LANG-SW', '07700 900473', 'en');
  const link = await sendLink(api, caseId);
  await deskOnCase(desk, caseId);
  await expect(desk.page.getByTestId('case-language')).toHaveAttribute('data-language', 'en');

  const phone = await parent(browser, baseURL!);
  await phone.page.goto(new URL(link).pathname);
  await expect(phone.page.getByRole('button', { name: en.messages.intro.join })).toBeVisible();
  await expectAccessible(phone.page, 'join intro in en');
  for (const lang of PARENT_LANGUAGES.filter((code) => code !== 'en')) {
    await pickLanguage(phone.page, lang);
    await expect(phone.page.getByRole('button', { name: LOCALES[lang].messages.intro.join })).toBeVisible();
    expect(await documentLanguage(phone.page)).toEqual({ lang, dir: PARENT_LANGUAGE_INFO[lang].dir });
    // The desk's case page follows the pick live (case:changed), without a reload.
    await expect(desk.page.getByTestId('case-language')).toHaveAttribute('data-language', lang);
    await snap(phone.page, `lang-05-join-${lang}`);
    await expectAccessible(phone.page, `join intro in ${lang}`);
  }
  await expect(desk.page.getByTestId('case-language')).toContainText('chosen by the parent');
  // The pick is the parent's for this tab: a reload keeps it (the link is not used up by looking).
  await phone.page.reload();
  await expect(phone.page.getByRole('button', { name: ar.messages.intro.join })).toBeVisible();
  expect(await documentLanguage(phone.page)).toEqual({ lang: 'ar', dir: 'rtl' });
  await phone.context.close();
  await desk.context.close();
});
