import type { ParentLanguage } from '@desk/shared';

/**
 * The shape every locale must fill: the English module's, with each string a string and each
 * function the same function type. A locale that leaves a key out, adds one, or takes other
 * arguments fails `tsc` (`npm run typecheck`), so a parent never meets a missing sentence.
 */
export type Shape<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => string : T[K] extends string ? string : Shape<T[K]>;
};

export type Messages = Shape<import('./messages/en').EnglishMessages>;

/**
 * One locale's module (`messages/<code>.ts`, its own chunk). `reviewed: false` marks a draft
 * translation awaiting a professional translator and a clinical reviewer (docs/operations.md,
 * "Translations"); the page then shows a short "draft translation" notice.
 */
export type LocaleModule = {
  readonly lang: ParentLanguage;
  readonly reviewed: boolean;
  readonly messages: Messages;
};
