// Unguessable card codes: 100 random bits in Crockford base 32, plus a check character (printed batches and digital cards).
import { randomBytes } from 'node:crypto';
import { checkCharacter, CODE_ALPHABET, CODE_RANDOM_LENGTH } from '../model/card';

export function generateCode(): string {
  const bytes = randomBytes(Math.ceil((CODE_RANDOM_LENGTH * 5) / 8)); // 13 bytes: 104 bits, 100 used
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < CODE_RANDOM_LENGTH) {
      out += CODE_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out + checkCharacter(out);
}
