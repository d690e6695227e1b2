import { PARENT_LANGUAGE_INFO } from '@desk/shared';
import { useEffect, useRef, type ReactNode } from 'react';
import type { AdvicePageData } from './api';
import { CallButton, PhoneText } from './PhoneText';

/**
 * Safety-netting advice as the parent reads it on their phone or on paper. Renders the catalogue
 * (`@desk/shared` triage/advice.ts) and adds no words of its own: the headings and buttons come with
 * the content, in its language (`labels`), so a page never mixes a translated heading with English advice.
 * What the nurse advised (`recap`) comes first, then the urgent boxes with a button to call: a
 * worried parent opens this to find them, within two phone screens (the topic's introduction waits
 * in "What to expect"). The rest is "More detail",
 * folded away on the phone and unfolded for printing.
 */
export function AdviceView({ advice, onPrint, recap }: { advice: AdvicePageData; onPrint: () => void; recap?: ReactNode }) {
  const { content, glassTest, dehydrationSigns, labels } = advice;
  const article = useRef<HTMLElement>(null);
  const unfold = (id?: string) => {
    for (const details of article.current?.querySelectorAll('details') ?? []) {
      if (!id || details.id === id) details.open = true;
    }
  };
  // However the parent prints (the button or the browser's menu), the paper carries every section.
  useEffect(() => {
    const beforePrint = () => unfold();
    window.addEventListener('beforeprint', beforePrint);
    return () => window.removeEventListener('beforeprint', beforePrint);
  }, []);
  return (
    <article className="advice" lang={advice.lang} dir={PARENT_LANGUAGE_INFO[advice.lang].dir} data-testid="advice" ref={article}>
      {recap}
      <h1 className="nhsuk-heading-l advice-title">{content.title}</h1>

      <CareCard variant="emergency" id="advice-call-999" hidden={labels.immediate} heading={labels.call999Heading}>
        <BulletList items={content.call999} />
        <CallButton number="999" variant="emergency" label={labels.call999Button} />
        {glassTest && (
          <p className="advice-jump">
            <a href="#advice-glass-test" onClick={() => unfold('advice-glass-test')}>
              {labels.glassTestLink}
            </a>
          </p>
        )}
      </CareCard>

      <CareCard variant="urgent" id="advice-call-111" hidden={labels.urgent} heading={labels.call111Heading}>
        <BulletList items={content.call111} />
        <CallButton number="111" variant="urgent" label={labels.call111Button} />
      </CareCard>

      <h2 className="nhsuk-heading-m advice-more-heading">{labels.moreDetail}</h2>

      <Section id="advice-expect" heading={labels.expect}>
        <p>{content.intro}</p>
        <BulletList items={content.expect} />
      </Section>

      <Section id="advice-care" heading={labels.care}>
        <BulletList items={content.care} />
      </Section>

      <Section id="advice-medicines" heading={labels.medicines}>
        <BulletList items={content.medicines} />
      </Section>

      {glassTest && (
        <Section id="advice-glass-test" heading={labels.glassTest}>
          <ol className="nhsuk-list nhsuk-list--number">
            {glassTest.map((step) => (
              <li key={step}>
                <PhoneText text={step} />
              </li>
            ))}
          </ol>
        </Section>
      )}

      {dehydrationSigns && (
        <Section id="advice-dehydration" heading={labels.dehydration}>
          <p>{labels.dehydrationLead}</p>
          <BulletList items={dehydrationSigns} />
        </Section>
      )}

      <Section id="advice-sources" heading={labels.sources} className="advice-sources">
        {/* The sources are English documents: their titles stay English, marked so. */}
        <ul className="nhsuk-list" lang="en" dir="ltr">
          {content.sources.map((source) => (
            <li key={source.url}>
              <a href={source.url}>{source.title}</a>
            </li>
          ))}
        </ul>
        <p>{labels.fromTeam}</p>
      </Section>

      <button type="button" className="nhsuk-button nhsuk-button--secondary advice-print" onClick={onPrint}>
        {labels.print}
      </button>
    </article>
  );
}

function BulletList({ items }: { items: readonly string[] }) {
  return (
    <ul className="nhsuk-list nhsuk-list--bullet">
      {items.map((item) => (
        <li key={item}>
          <PhoneText text={item} />
        </li>
      ))}
    </ul>
  );
}

function Section({
  id,
  heading,
  className,
  children,
}: {
  id: string;
  heading: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={className ? `advice-section ${className}` : 'advice-section'} aria-labelledby={`${id}-heading`}>
      <details className="nhsuk-details advice-details" id={id}>
        <summary className="nhsuk-details__summary">
          <span className="nhsuk-details__summary-text" id={`${id}-heading`}>
            {heading}
          </span>
        </summary>
        <div className="nhsuk-details__text">{children}</div>
      </details>
    </section>
  );
}

/** NHS.UK care card: red heading with a black body for 999, red heading with a white body for urgent help. */
function CareCard({
  variant,
  id,
  hidden,
  heading,
  children,
}: {
  variant: 'emergency' | 'urgent';
  id: string;
  /** What a screen reader hears first, as on NHS.UK ("Immediate action required:"). */
  hidden: string;
  heading: string;
  children: ReactNode;
}) {
  return (
    <section className={`nhsuk-card nhsuk-card--care nhsuk-card--care--${variant}`} aria-labelledby={`${id}-heading`} data-testid={id}>
      <div className="nhsuk-card__heading-container">
        <h2 className="nhsuk-card__heading" id={`${id}-heading`}>
          <span className="nhsuk-u-visually-hidden">{hidden}</span> {heading}
        </h2>
        <span className="nhsuk-card--care__arrow" aria-hidden="true" />
      </div>
      <div className="nhsuk-card__content">{children}</div>
    </section>
  );
}
