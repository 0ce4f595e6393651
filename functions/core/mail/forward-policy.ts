// Whether a plain e-mail that reached a county's secretariat mailbox may be forwarded to the
// secretariat's real mailbox (secretariat.forwardTo). The mailbox is the only address notices give,
// so a person's question must reach a person; but a forward is itself mail sent from the county's
// domain, so it must never carry spam or a virus under that name, and two robots (an out-of-office
// reply, a bounce, our own forward coming back) must never answer each other for ever.
//
// Pure: the caller reads the headers (header-only, no body) and the configuration. Every refusal is
// a code that can be logged as it is: it never carries an address or a word of the message.

/** A header field as it stands in the message: name lower case, value unfolded. */
export type HeaderField = { name: string; value: string };

export type InboundMailFacts = {
  /** Every header field, in message order: the fields SES adds on receipt come first. */
  headers: readonly HeaderField[];
  /** The From address, lower case; undefined when the message has none (or several). */
  from: string | undefined;
  subject: string;
};

export type ForwardSettings = {
  /** The secretariat mailbox the message arrived at (secretariat.mailbox). */
  mailbox: string;
  /** Where plain mail goes (secretariat.forwardTo); unset: nowhere. */
  forwardTo: string | undefined;
  /**
   * Whether SES's spam and virus verdicts must be present and PASS. True for mail SES received;
   * false for a saved .eml a person feeds locally (`npm run cli -- reply`), which no SES scanned.
   */
  requireReceiptVerdicts: boolean;
};

export type ForwardRefusal =
  | 'spam-verdict-missing'
  | 'spam-verdict-not-pass'
  | 'virus-verdict-missing'
  | 'virus-verdict-not-pass'
  /** SES found the From domain's DMARC check failed: the sender is not who the From says. */
  | 'dmarc-failed'
  /** RFC 3834 Auto-Submitted other than `no`, or the older X-Autoreply / X-Autorespond. */
  | 'auto-submitted'
  /** Exchange's mark on its automatic replies (X-Auto-Response-Suppress: All / OOF / AutoReply). */
  | 'auto-response-suppress'
  | 'bulk-precedence'
  | 'out-of-office-subject'
  /** A bounce or receipt: empty envelope sender, MAILER-DAEMON or postmaster, or multipart/report. */
  | 'delivery-report'
  /** From the inbox itself: our own notices or forwards, coming back. */
  | 'from-own-mailbox'
  /** From the forward address: a reply or rule there would send our forward straight back. */
  | 'from-forward-address'
  | 'no-sender'
  | 'no-forward-address'
  | 'forward-address-is-inbox';

/** The reason the message is not forwarded, or undefined when it may be. Checked in this order. */
export function forwardRefusal(mail: InboundMailFacts, settings: ForwardSettings): ForwardRefusal | undefined {
  return (
    verdictRefusal(mail.headers, settings.requireReceiptVerdicts) ??
    automaticMailRefusal(mail) ??
    senderRefusal(mail.from, settings) ??
    configurationRefusal(settings)
  );
}

/**
 * SES puts its verdicts at the top of the stored message (X-SES-Spam-Verdict, X-SES-Virus-Verdict,
 * then Authentication-Results: amazonses.com). A sender can write the same field names lower down,
 * so only the first occurrence, the one SES wrote, counts.
 */
function verdictRefusal(headers: readonly HeaderField[], required: boolean): ForwardRefusal | undefined {
  const spam = firstValue(headers, 'x-ses-spam-verdict');
  const virus = firstValue(headers, 'x-ses-virus-verdict');
  if (spam === undefined && required) return 'spam-verdict-missing';
  if (spam !== undefined && !isPass(spam)) return 'spam-verdict-not-pass';
  if (virus === undefined && required) return 'virus-verdict-missing';
  if (virus !== undefined && !isPass(virus)) return 'virus-verdict-not-pass';
  const sesResults = headers.find((h) => h.name === 'authentication-results' && /^amazonses\.com\s*;/i.test(h.value));
  if (sesResults && /\bdmarc\s*=\s*fail\b/i.test(sesResults.value)) return 'dmarc-failed';
  return undefined;
}

/** Out-of-office subjects as Outlook (zh-TW, zh-CN, en), Notes and most autoresponders write them. */
const outOfOfficeSubject =
  /^\s*[[(【]?\s*(?:自動回覆|自動回復|自動答覆|自动回复|不在辦公室|automatic reply|auto[- ]?reply|autoreply|auto-response|out of (?:the )?office)/i;

function automaticMailRefusal(mail: InboundMailFacts): ForwardRefusal | undefined {
  const { headers } = mail;
  const autoSubmitted = firstValue(headers, 'auto-submitted');
  // RFC 3834 §5: `no` is the only value a person's own message carries; parameters may follow `;`.
  if (autoSubmitted !== undefined && autoSubmitted.split(';')[0]!.trim().toLowerCase() !== 'no') return 'auto-submitted';
  if (firstValue(headers, 'x-autoreply') !== undefined || firstValue(headers, 'x-autorespond') !== undefined) return 'auto-submitted';
  // Exchange writes All (or OOF, AutoReply) on its automatic replies so nothing answers them; a
  // value that only suppresses read receipts (RN, NRN) is found on ordinary mail and says nothing.
  const suppress = firstValue(headers, 'x-auto-response-suppress');
  if (suppress !== undefined && /\b(all|oof|autoreply)\b/i.test(suppress)) return 'auto-response-suppress';
  const precedence = firstValue(headers, 'precedence');
  if (precedence !== undefined && /^\s*(bulk|junk|list)\b/i.test(precedence)) return 'bulk-precedence';
  if (outOfOfficeSubject.test(mail.subject)) return 'out-of-office-subject';
  // SES records the envelope sender as Return-Path; a bounce is sent with an empty one (<>).
  const returnPath = firstValue(headers, 'return-path');
  if (returnPath !== undefined && /^\s*<\s*>\s*$/.test(returnPath)) return 'delivery-report';
  const localPart = mail.from?.split('@')[0];
  if (localPart === 'mailer-daemon' || localPart === 'postmaster') return 'delivery-report';
  if (/^\s*multipart\/report\b/i.test(firstValue(headers, 'content-type') ?? '')) return 'delivery-report';
  return undefined;
}

function senderRefusal(from: string | undefined, settings: ForwardSettings): ForwardRefusal | undefined {
  // The forward's Reply-To is the sender: without one, the secretariat could not answer.
  if (!from) return 'no-sender';
  if (sameAddress(from, settings.mailbox)) return 'from-own-mailbox';
  if (settings.forwardTo && sameAddress(from, settings.forwardTo)) return 'from-forward-address';
  return undefined;
}

function configurationRefusal(settings: ForwardSettings): ForwardRefusal | undefined {
  if (!settings.forwardTo) return 'no-forward-address';
  // The county schema refuses this already; checked again because a forward to the inbox would
  // arrive here once more, from our own mailbox, and only that check would stop it.
  if (sameAddress(settings.forwardTo, settings.mailbox)) return 'forward-address-is-inbox';
  return undefined;
}

function firstValue(headers: readonly HeaderField[], name: string): string | undefined {
  return headers.find((h) => h.name === name)?.value;
}

function isPass(verdict: string): boolean {
  return verdict.trim().toUpperCase() === 'PASS';
}

function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
