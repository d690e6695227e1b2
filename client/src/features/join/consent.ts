/**
 * The version of the words the join page shows before "Join video call" (the video is not
 * recorded; it can be ended at any time). The tap is the parent's consent to video and is audited
 * with this version: change it whenever those words change.
 */
export const CONSENT_TEXT_VERSION = 'video-consent-2026-12-v1';
