import type { IncomingMessage } from 'node:http';
import { isHealthProbe } from './logging';

const request = (url: string, originalUrl?: string) =>
  ({ url, originalUrl }) as IncomingMessage & { originalUrl?: string };

describe('isHealthProbe', () => {
  it('knows the probes by their full path, as the middleware layer keeps it in originalUrl', () => {
    expect(isHealthProbe(request('/', '/health'))).toBe(true);
    expect(isHealthProbe(request('/', '/health/ready?verbose=1'))).toBe(true);
    expect(isHealthProbe(request('/health'))).toBe(true);
  });

  it('logs everything else, including paths that only start alike', () => {
    expect(isHealthProbe(request('/', '/api/v1/auth/me'))).toBe(false);
    expect(isHealthProbe(request('/', '/healthy'))).toBe(false);
    expect(isHealthProbe(request('/api/v1/health'))).toBe(false);
  });
});
