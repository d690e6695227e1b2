import '@testing-library/jest-dom/vitest';
import './jsdom-backports';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor give up after 1 s by default: a slow jsdom render on a busy machine is not a failure.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
});
