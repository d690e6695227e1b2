import { Component, type ReactNode } from 'react';

type Words = { heading: string; body: string; reload: string };

/**
 * The words in every parent language, inline: this page shows when anything else failed, the
 * locale's own chunk included, so it reads the language from `<html lang>` (set when the locale
 * loaded) and needs nothing else. English when the language is not one of these.
 */
const WORDS: Record<string, Words> = {
  en: {
    heading: 'Sorry, something went wrong',
    body: 'Reload the page to try again. Stay on the phone: the nurse can still help you.',
    reload: 'Reload the page',
  },
  pl: {
    heading: 'Przepraszamy, coś poszło nie tak',
    body: 'Odśwież stronę, aby spróbować ponownie. Zostań przy telefonie: pielęgniarka nadal może ci pomóc.',
    reload: 'Odśwież stronę',
  },
  ro: {
    heading: 'Ne pare rău, ceva nu a funcționat',
    body: 'Reîncărcați pagina pentru a încerca din nou. Rămâneți la telefon: asistenta vă poate ajuta în continuare.',
    reload: 'Reîncărcați pagina',
  },
  ur: {
    heading: 'معذرت، کچھ غلط ہو گیا',
    body: 'دوبارہ کوشش کرنے کے لیے صفحہ دوبارہ لوڈ کریں۔ فون پر رہیں: نرس اب بھی آپ کی مدد کر سکتی ہے۔',
    reload: 'صفحہ دوبارہ لوڈ کریں',
  },
  ar: {
    heading: 'عذرًا، حدث خطأ ما',
    body: 'أعد تحميل الصفحة للمحاولة مرة أخرى. ابقَ على الهاتف: لا يزال بإمكان الممرض مساعدتك.',
    reload: 'أعد تحميل الصفحة',
  },
};

/** `en-GB` → `en`; anything unknown → English. */
export function routeErrorWords(lang: string): Words {
  return WORDS[lang.toLowerCase().split('-')[0] ?? ''] ?? WORDS.en!;
}

/**
 * Last resort on the parent's page: kept tiny and unstyled (a chunk or the styles may be what
 * failed), and always tells the parent the phone call still works.
 */
export class ParentRouteError extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch(error: unknown) {
    console.error(error);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return <LastResortPage lang={document.documentElement.lang} />;
  }
}

/**
 * The last-resort page itself, unstyled and dependency-free: "something went wrong", reload, the
 * phone call still works. Also shown when the page's language could not be loaded (LocaleGate).
 */
export function LastResortPage({ lang, dir }: { lang: string; dir?: 'ltr' | 'rtl' }) {
  const words = routeErrorWords(lang);
  return (
    <main lang={dir ? lang : undefined} dir={dir} style={{ fontFamily: 'system-ui, arial, sans-serif', padding: '1rem', maxWidth: '40rem' }}>
      <h1>{words.heading}</h1>
      <p>{words.body}</p>
      <button type="button" style={{ minHeight: '48px' }} onClick={() => window.location.reload()}>
        {words.reload}
      </button>
    </main>
  );
}
