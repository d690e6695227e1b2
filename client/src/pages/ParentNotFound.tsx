import '../styles/parent.scss';

/** An address under /join or /advice that is not a page: the parent is told what to do, never the desk. */
export function ParentNotFound() {
  return (
    <div className="parent-page">
      <title>Page not found – NHS 111</title>
      <header className="parent-header">NHS 111</header>
      <main className="parent-main" id="maincontent">
        <h1 className="nhsuk-heading-l">Page not found</h1>
        <p>Open the link from the text message again, or stay on the phone: the nurse can still help you.</p>
        <p>If you are not on the phone any more, call 111.</p>
      </main>
    </div>
  );
}
