// How long a console session lives, on epoch seconds a person can check: 30 minutes without a
// request end it, 12 hours after signing in end it whatever happens; and where its cookie may
// travel without Secure (plain http on loopback only).
import { describe, expect, it } from 'vitest';
import { isSessionActive, newSessionTimes, sessionLimits, touchedTimes } from '../../../functions/core/access/console-session.ts';
import { consolePlace } from '../../../functions/http/console/console-session.ts';

const at = (iso: string) => new Date(iso);
const signedIn = newSessionTimes(at('2026-03-02T01:00:00Z')); // 09:00 Taipei

describe('a console session', () => {
  it('expires 30 minutes after signing in when nothing happens', () => {
    expect(signedIn.expiresAt - signedIn.createdAt).toBe(30 * 60);
    expect(isSessionActive(signedIn, at('2026-03-02T01:29:59Z'))).toBe(true);
    expect(isSessionActive(signedIn, at('2026-03-02T01:30:00Z'))).toBe(false);
  });

  it('is pushed on by a request, but not rewritten within a minute of the last', () => {
    expect(touchedTimes(signedIn, at('2026-03-02T01:00:59Z'))).toBeUndefined();
    const touched = touchedTimes(signedIn, at('2026-03-02T01:20:00Z'))!;
    expect(touched.expiresAt).toBe(Date.parse('2026-03-02T01:50:00Z') / 1000);
    expect(isSessionActive(touched, at('2026-03-02T01:49:00Z'))).toBe(true);
  });

  it('ends 12 hours after signing in, however busy', () => {
    let times = signedIn;
    for (let minutes = 20; minutes < 12 * 60; minutes += 20)
      times = touchedTimes(times, new Date(Date.parse('2026-03-02T01:00:00Z') + minutes * 60_000))!;
    expect(times.expiresAt).toBe(signedIn.createdAt + sessionLimits.maxSeconds);
    expect(isSessionActive(times, at('2026-03-02T12:59:59Z'))).toBe(true);
    expect(isSessionActive(times, at('2026-03-02T13:00:00Z'))).toBe(false);
  });

  it('is not active when the stored deadline says otherwise (a session item edited or restored)', () => {
    expect(isSessionActive({ ...signedIn, expiresAt: signedIn.createdAt + 60 }, at('2026-03-02T01:02:00Z'))).toBe(false);
  });
});

describe('the session cookie', () => {
  const fakeContext = (url: string) => ({ req: { url } }) as never;
  it.each([
    ['https://safetynet.chiayi.example.gov.tw/', undefined, true],
    [undefined, 'https://abc123.execute-api.ap-northeast-1.amazonaws.com/c/chiayi-county/console/', true],
    [undefined, 'http://safetynet.example.gov.tw/c/chiayi-county/console/', true],
    [undefined, 'http://127.0.0.1:3000/c/chiayi-county/console/', false],
    [undefined, 'http://localhost:3000/c/chiayi-county/console/', false],
  ])('with public base %s, at %s, is Secure: %s', (publicBase, requestUrl, secure) => {
    const place = consolePlace('chiayi-county', publicBase);
    expect(place.secureCookies(fakeContext(requestUrl ?? 'https://internal.example/'))).toBe(secure);
  });

  it('is sent only to the county\u2019s console, below the public base URL\u2019s path', () => {
    expect(consolePlace('chiayi-county', undefined).base).toBe('/c/chiayi-county/console');
    expect(consolePlace('chiayi-county', 'https://gov.example.tw/safetynet').base).toBe('/safetynet/c/chiayi-county/console');
  });
});
