import { describe, expect, it } from 'vitest';
import { bindWarning, isAllowedOrigin, isLoopbackAddress, isLoopbackHost, isLoopbackOrigin } from '../../../server/exposure.ts';

describe('isLoopbackAddress: the socket addresses that are this machine', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.0.0.2', true],
    ['127.255.255.254', true],
    ['::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['::FFFF:127.1.2.3', true],
    ['10.0.0.5', false],
    ['192.168.1.20', false],
    ['0.0.0.0', false],
    ['::', false],
    ['::ffff:10.0.0.1', false],
    ['128.0.0.1', false],
    ['1127.0.0.1', false],
    ['127.0.0.1.example.com', false],
    ['fe80::1', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });
});

describe('isLoopbackHost and bindWarning: where the server listens', () => {
  it.each([
    ['127.0.0.1', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
    ['example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
    if (expected) expect(bindWarning(host)).toBe(null);
    else expect(bindWarning(host)).toMatch(/beyond loopback.*NOT verified.*owner token.*loopback only/);
  });
});

describe('isLoopbackOrigin and isAllowedOrigin: which pages may use the server', () => {
  it.each([
    ['http://127.0.0.1:5173', true],
    ['http://localhost:5173', true],
    ['https://localhost', true],
    ['http://[::1]:8080', true],
    ['http://app.localhost:3000', true],
    ['http://evil.example', false],
    ['http://127.0.0.1.evil.example', false],
    ['http://localhost.evil.example', false],
    ['file://', false],
    ['null', false],
    ['chrome-extension://abc', false],
  ])('%s → %s', (origin, expected) => {
    expect(isLoopbackOrigin(origin)).toBe(expected);
    expect(isAllowedOrigin(origin)).toBe(expected);
  });

  it('no Origin (Node SDK clients, curl) is allowed; listed origins are allowed exactly', () => {
    expect(isAllowedOrigin(undefined)).toBe(true);
    expect(isAllowedOrigin('https://shop.example', ['https://shop.example/'])).toBe(true);
    expect(isAllowedOrigin('https://SHOP.example', ['https://shop.example'])).toBe(true);
    expect(isAllowedOrigin('https://shop.example:8443', ['https://shop.example'])).toBe(false);
    expect(isAllowedOrigin('http://shop.example', ['https://shop.example'])).toBe(false);
  });
});
