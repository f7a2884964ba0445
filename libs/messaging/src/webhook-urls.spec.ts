import { checkWebhookUrl, isPublicAddress, parseWebhookUrl, publicOnlyLookup } from './webhook-urls';

describe('webhook URLs (docs/design.md §14)', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::',
    'not an address',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (address) => {
      expect(isPublicAddress(address)).toBe(true);
    },
  );

  it('takes https: only, without credentials or a non-public address literal', () => {
    expect(parseWebhookUrl('https://hooks.example.com/x', false).hostname).toBe('hooks.example.com');
    expect(() => parseWebhookUrl('http://hooks.example.com/x', false)).toThrow('https:');
    expect(() => parseWebhookUrl('ftp://hooks.example.com/x', true)).toThrow('https: or http:');
    expect(() => parseWebhookUrl('hooks.example.com/x', false)).toThrow('absolute');
    expect(() => parseWebhookUrl('https://user:pass@hooks.example.com/', false)).toThrow('password');
    expect(() => parseWebhookUrl('https://127.0.0.1/x', false)).toThrow('non-public');
    expect(() => parseWebhookUrl('https://[::1]:8443/x', false)).toThrow('non-public');
    expect(() => parseWebhookUrl('https://169.254.169.254/latest/meta-data', false)).toThrow('non-public');
    expect(parseWebhookUrl('https://8.8.8.8/x', false).hostname).toBe('8.8.8.8');
  });

  it('allows http: and loopback when insecure URLs are allowed', async () => {
    await expect(checkWebhookUrl('http://127.0.0.1:9/x', true)).resolves.toBeInstanceOf(URL);
  });

  it('refuses a name resolving to any non-public address, and one that does not resolve', async () => {
    const resolve = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    await expect(checkWebhookUrl('https://mixed.example.com/', false, resolve)).rejects.toThrow(
      'resolves to a non-public address (10.0.0.7)',
    );
    const fails = async () => Promise.reject(new Error('ENOTFOUND'));
    await expect(checkWebhookUrl('https://nowhere.example.com/', false, fails)).rejects.toThrow(
      'does not resolve',
    );
    const fine = async () => [{ address: '93.184.216.34', family: 4 }];
    await expect(checkWebhookUrl('https://hooks.example.com/', false, fine)).resolves.toBeInstanceOf(URL);
  });

  it('fails the connection when the name resolves to loopback at connect time', async () => {
    const error = await new Promise<Error | null>((resolve) =>
      publicOnlyLookup('localhost', { all: true }, (failure) => resolve(failure)),
    );
    expect(error?.message).toMatch(/localhost resolves to a non-public address/);
  });
});
