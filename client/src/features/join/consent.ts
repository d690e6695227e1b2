import type { ParentLanguage } from '@desk/shared';

/**
 * The version of the words the join page shows before "Join video call" (the video is not
 * recorded; it can be ended at any time). The tap is the parent's consent to video and is audited
 * with this version: change it whenever those words change, in any language.
 */
export const CONSENT_TEXT_VERSION = 'video-consent-2026-12-v1';

/**
 * What the tap sends: the version and the language the words were shown in
 * (`video-consent-2026-12-v1.pl`), since the words read depend on it. The server's schema takes
 * `[a-z0-9._-]{1,40}`.
 */
export const consentTextVersion = (lang: ParentLanguage): string => `${CONSENT_TEXT_VERSION}.${lang}`;
