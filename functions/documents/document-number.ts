// 發文字號 as the county writes it, e.g. 府社保字第1150012345號: the office's 字 (from its own
// pattern), then the ROC year and a yearly serial. The serial itself comes from the store, which
// hands out one number per document per year; this only writes it down.
export type DocumentNumberParts = { rocYear: number; sequence: number };

const placeholder = /\{(rocYear|seq)(?::(\d{1,2}))?\}/g;

/**
 * `{rocYear}` is the ROC year (115), `{seq}` the serial and `{seq:7}` the serial padded to seven
 * digits. 文書處理手冊 numbers documents as year + seven-digit serial: `府社保字第{rocYear}{seq:7}號`.
 */
export function formatDocumentNumber(pattern: string, parts: DocumentNumberParts): string {
  if (!pattern.includes('{seq')) throw new RangeError(`發文字號格式必須包含流水號 {seq}：${pattern}`);
  if (!Number.isInteger(parts.sequence) || parts.sequence < 1) throw new RangeError(`流水號必須是正整數：${parts.sequence}`);
  return pattern.replace(placeholder, (_match, name: string, width?: string) => {
    const value = String(name === 'rocYear' ? parts.rocYear : parts.sequence);
    const digits = width ? Number(width) : 0;
    if (value.length > digits && digits > 0) throw new RangeError(`流水號 ${value} 超過 ${digits} 位數`);
    return value.padStart(digits, '0');
  });
}
