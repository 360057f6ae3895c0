// Encoding detection by scoring the decoded text: Windows-1252, Mac Roman and ISO-8859-15 told
// apart on real-looking names and addresses in French, German and English; UTF-16 without BOM.
import { describe, expect, it } from 'vitest';
import { ByteScore, decodeSample, detectSampleEncoding, fromBom, looksGarbled, type Encoding } from '../../functions/src/model/encoding';

/** The bytes of `text` in a single-byte encoding (from the decoder's own table). */
function encode(text: string, encoding: Encoding): Uint8Array {
  const table = new Map<string, number>();
  const decoder = new TextDecoder(encoding);
  for (let b = 0x80; b < 0x100; b++) table.set(decoder.decode(new Uint8Array([b]), { stream: true }) + decoder.decode(), b);
  return Uint8Array.from([...text].map((c) => (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : table.get(c)!)));
}

const TEXTS = [
  'Prénom;Nom;Ville\r\nRené;Méndez;Besançon\r\nHélène;Lefèvre;Orléans\r\n',
  'Vorname;Nachname;Straße\r\nJürgen;Müller;Hauptstraße 3\r\nÄnne;Schröder;Königsallee 12\r\n',
  'First Name,Last Name,Notes\r\nZoë,Brontë,“regular” – likes crème brûlée\r\n',
];

describe('single-byte encodings, told apart by the plausibility of the text', () => {
  it.each(TEXTS.flatMap((t) => (['windows-1252', 'macintosh'] as Encoding[]).map((e) => [e, t] as const)))('%s: %j', (encoding, text) => {
    const bytes = encode(text, encoding);
    const detected = detectSampleEncoding(bytes, true);
    expect(detected).toEqual({ encoding, bom: 0 });
    expect(decodeSample(bytes, detected)).toBe(text);
  });

  it('ISO-8859-15 when its euro sign and œ make the difference; Windows-1252 wins a tie', () => {
    const text = 'Prénom;Nom;Remarques\nAurélie;Bœuf;ticket moyen 25 €\n';
    expect(detectSampleEncoding(encode(text, 'iso-8859-15'), true).encoding).toBe('iso-8859-15');
    expect(detectSampleEncoding(encode('Prénom;Nom\nRené;Dupré\n', 'iso-8859-15'), true).encoding).toBe('windows-1252'); // the same bytes
  });

  it('the score is cumulative over chunks, whatever the cut', () => {
    const bytes = encode(TEXTS[0]!.repeat(50), 'macintosh');
    const score = new ByteScore();
    for (let i = 0; i < bytes.length; i += 7) score.push(bytes.subarray(i, i + 7));
    expect(score.best()).toBe('macintosh');
  });

  it('UTF-16 without BOM is recognized by its NUL bytes', () => {
    const le = Buffer.from('Prénom;Nom\r\nRené;Méndez\r\n', 'utf16le');
    expect(fromBom(le)).toEqual({ encoding: 'utf-16le', bom: 0 });
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    expect(fromBom(be)).toEqual({ encoding: 'utf-16be', bom: 0 });
    expect(decodeSample(be, fromBom(be))).toBe('Prénom;Nom\r\nRené;Méndez\r\n');
  });

  it('garbled headers are recognized', () => {
    expect(looksGarbled('PrÃ©nom')).toBe(true);
    expect(looksGarbled('RenŽ')).toBe(true);
    expect(looksGarbled('Pr\ufffdnom')).toBe(true);
    expect(looksGarbled('Prénom')).toBe(false);
    expect(looksGarbled('Straße')).toBe(false);
  });
});
