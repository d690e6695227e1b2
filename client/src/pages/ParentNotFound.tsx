import { useMessages } from '../features/i18n/locale';
import { ParentHeader } from '../features/i18n/LanguageSwitch';
import '../styles/parent.scss';

/** An address under /join or /advice that is not a page: the parent is told what to do, never the desk. */
export function ParentNotFound() {
  const m = useMessages();
  return (
    <div className="parent-page">
      <title>{m.page.notFoundTitle}</title>
      <ParentHeader title="NHS 111" />
      <main className="parent-main" id="maincontent">
        <h1 className="nhsuk-heading-l">{m.page.notFoundHeading}</h1>
        <p>{m.page.notFoundBody}</p>
        <p>{m.page.call111}</p>
      </main>
    </div>
  );
}
