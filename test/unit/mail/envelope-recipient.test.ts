// The mailbox SES received a message for, read from the Received field SES's inbound server writes
// on top of the stored message: the only place a Bcc recipient appears.
import { describe, expect, it } from 'vitest';
import { sesEnvelopeRecipient } from '../../../functions/core/mail/envelope-recipient.ts';

// Laid out as SES stores it (a real stored message's fields, with example names).
const stored = (received: string) =>
  [
    'Return-Path: <wang@police.example.org>',
    received,
    'X-SES-Spam-Verdict: PASS',
    'X-SES-Virus-Verdict: PASS',
    'Received: from relay.police.example.org by mail.police.example.org for attacker@example.net; Mon, 30 Nov 2026 06:05:00 +0000',
    'From: wang@police.example.org',
    'To: all-units@police.example.org',
    'Subject: hello',
    '',
    'Received: by inbound-smtp.ap-northeast-1.amazonaws.com for body@example.org;',
  ].join('\r\n');

const sesReceived = [
  'Received: from mail.police.example.org (mail.police.example.org [203.0.113.25])',
  ' by inbound-smtp.ap-northeast-1.amazonaws.com with SMTP id 8e2mq1s0tq0d7bd1example',
  ' for SafetyNet@Chiayi.example.org;',
  ' Mon, 30 Nov 2026 06:05:02 +0000 (UTC)',
].join('\r\n');

describe('sesEnvelopeRecipient', () => {
  it('reads the recipient from SES’s own Received field, folded over lines, in lower case', () => {
    expect(sesEnvelopeRecipient(stored(sesReceived))).toBe('safetynet@chiayi.example.org');
    expect(sesEnvelopeRecipient(Buffer.from(stored(sesReceived).replace(/\r\n/g, '\n')))).toBe('safetynet@chiayi.example.org');
  });

  it('accepts the address in angle brackets', () => {
    expect(sesEnvelopeRecipient(stored(sesReceived.replace('SafetyNet@Chiayi.example.org', '<safetynet@chiayi.example.org>')))).toBe(
      'safetynet@chiayi.example.org',
    );
  });

  it('reads nothing when the topmost Received is not SES’s, or names no single recipient', () => {
    expect(sesEnvelopeRecipient(stored('Received: from a by mail.example.net for safetynet@chiayi.example.org; Mon, 30 Nov 2026'))).toBe(
      undefined,
    );
    expect(sesEnvelopeRecipient(stored(sesReceived.replace(/\r\n for [^;]+;/, '')))).toBe(undefined);
  });

  it('never reads a Received field lower down, which the sender’s servers wrote, nor the body', () => {
    const withoutSes = stored(sesReceived).replace(sesReceived + '\r\n', '');
    expect(sesEnvelopeRecipient(withoutSes)).toBe(undefined);
  });
});
