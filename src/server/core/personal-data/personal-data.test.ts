import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deriveKeys, loadPersonalDataKeys, parseSecret } from './keys.ts';
import { blindIndex, decryptValue, encryptValue } from './protect.ts';
import { maskIdNumber, maskName, maskPhone } from './mask.ts';
import { isValidIdNumber, isValidPhone } from '../../../shared/id-phone.ts';

const keys = deriveKeys(randomBytes(32));
const otherKeys = deriveKeys(randomBytes(32));

describe('personal data protection', () => {
  it('encrypts with a fresh IV each time and decrypts back', () => {
    const a = encryptValue(keys, '51132119800101001X');
    const b = encryptValue(keys, '51132119800101001X');
    expect(a).not.toBe(b);
    expect(a).not.toContain('511321');
    expect(decryptValue(keys, a)).toBe('51132119800101001X');
  });

  it('never reuses a nonce: 3,000 encryptions (three draws of nonces) carry 3,000 distinct IVs and all decrypt', () => {
    const sealed = Array.from({ length: 3000 }, (_, i) => encryptValue(keys, `1381234${String(i).padStart(4, '0')}`));
    const ivs = new Set(sealed.map((c) => Buffer.from(c.split(':')[2]!, 'base64').subarray(0, 12).toString('hex')));
    expect(ivs.size).toBe(3000);
    sealed.forEach((c, i) => expect(decryptValue(keys, c)).toBe(`1381234${String(i).padStart(4, '0')}`));
  });

  it('refuses a tampered ciphertext and names a foreign key', () => {
    const c = encryptValue(keys, '13812345678');
    const [v, k, p] = c.split(':');
    const raw = Buffer.from(p!, 'base64');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    expect(() => decryptValue(keys, `${v}:${k}:${raw.toString('base64')}`)).toThrow();
    expect(() => decryptValue(otherKeys, c)).toThrow(/另一把密钥/);
  });

  it('blind index matches the same value in any spelling, and only within one kind and one key', () => {
    expect(blindIndex(keys, 'phone', '138 1234 5678')).toBe(blindIndex(keys, 'phone', '+8613812345678'));
    expect(blindIndex(keys, 'id_number', '51132119800101001x')).toBe(blindIndex(keys, 'id_number', '51132119800101001X'));
    expect(blindIndex(keys, 'phone', '13812345678')).not.toBe(blindIndex(keys, 'name', '13812345678'));
    expect(blindIndex(keys, 'phone', '13812345678')).not.toBe(blindIndex(otherKeys, 'phone', '13812345678'));
  });

  it('masks for display', () => {
    expect(maskIdNumber('51132119800101001X')).toBe('511***********001X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0817-2223344')).toBe('********3344');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳明月')).toBe('欧**月');
  });

  it('validates ID numbers (check digit, real birth date) and phones', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false); // wrong check digit
    expect(isValidIdNumber('110105194902300028')).toBe(false); // 30 February
    expect(isValidPhone('13812345678')).toBe(true);
    expect(isValidPhone('0817-2223344')).toBe(true);
    expect(isValidPhone('12345')).toBe(false);
  });

  it('keeps one key per data dir (created 0600), and honours ANWEN_SECRET_KEY', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwen-key-'));
    try {
      const k1 = loadPersonalDataKeys({ dataDir: dir });
      const k2 = loadPersonalDataKeys({ dataDir: dir });
      expect(k1.keyId).toBe(k2.keyId);
      expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
      const hex = randomBytes(32).toString('hex');
      expect(loadPersonalDataKeys({ dataDir: dir, secret: hex }).keyId).toBe(deriveKeys(Buffer.from(hex, 'hex')).keyId);
      expect(() => parseSecret('too-short')).toThrow(/32 字节/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
