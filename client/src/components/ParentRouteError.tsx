import { Component, type ReactNode } from 'react';

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
    return (
      <main style={{ fontFamily: 'system-ui, arial, sans-serif', padding: '1rem', maxWidth: '40rem' }}>
        <h1>Sorry, something went wrong</h1>
        <p>Reload the page to try again. Stay on the phone: the nurse can still help you.</p>
        <button type="button" style={{ minHeight: '48px' }} onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </main>
    );
  }
}
