import { forbiddenKeyPath, hasUnstorableCharacters, scanJsonText } from './json-guard';

describe('scanJsonText', () => {
  it('accepts ordinary JSON, paired surrogates and escaped backslashes', () => {
    expect(scanJsonText('{"a":[1,{"b":"x\\"y"}],"e":"\\ud83d\\ude00","f":"\\\\u0000"}')).toBeNull();
    expect(scanJsonText('['.repeat(64) + ']'.repeat(64))).toBeNull();
  });
  it('refuses nesting beyond 64 levels without recursion (100,000 levels)', () => {
    expect(scanJsonText('['.repeat(65) + ']'.repeat(65))?.kind).toBe('too-deep');
    expect(scanJsonText('{"a":'.repeat(100000) + '1' + '}'.repeat(100000))?.kind).toBe('too-deep');
    expect(scanJsonText('"[[[[' + '['.repeat(100) + '"')).toBeNull(); // brackets inside a string do not count
  });
  it('refuses \\u0000 and unpaired surrogates in strings', () => {
    expect(scanJsonText('{"a":"x\\u0000"}')?.kind).toBe('bad-string');
    expect(scanJsonText('{"a":"\\ud800"}')?.kind).toBe('bad-string');
    expect(scanJsonText('{"a":"\\uDC00x"}')?.kind).toBe('bad-string');
    expect(scanJsonText('{"a":"\\ud800\\u0041"}')?.kind).toBe('bad-string');
    expect(scanJsonText('{"\\ud800":1}')?.kind).toBe('bad-string');
  });
});

describe('forbiddenKeyPath', () => {
  it('finds __proto__, constructor and prototype keys with their path', () => {
    expect(forbiddenKeyPath('{"constructor":{"prototype":1}}')).toBe('constructor');
    expect(forbiddenKeyPath('{"a":[{"b":{"__proto__":{"x":1}}}]}')).toBe('a.0.b.__proto__');
    expect(forbiddenKeyPath('{"name":"constructor"}')).toBeNull();
    expect(forbiddenKeyPath('["constructor"]')).toBeNull();
  });
});

describe('hasUnstorableCharacters', () => {
  it('flags NUL and lone surrogates only', () => {
    expect(hasUnstorableCharacters('abc é 😀')).toBe(false);
    expect(hasUnstorableCharacters('a\u0000')).toBe(true);
    expect(hasUnstorableCharacters('a\ud800')).toBe(true);
    expect(hasUnstorableCharacters('\udc00')).toBe(true);
  });
});

describe('scanJsonText on UTF-8 bytes', () => {
  it('answers the same for a string and its bytes, non-ASCII text included', () => {
    const cases = [
      '{"a":"é😀 \\"q\\" \\n"}',
      '{"a":"\\u0000"}',
      '{"a":"\\ud83d\\ude00"}',
      '{"a":"\\ud83d"}',
      '{"a":"\\uDC00x"}',
      '{"a":"\\u12"}',
      '[[[[1]]]]',
      `{"q":"${'x'.repeat(300000)}"}`,
    ];
    for (const text of cases) expect(scanJsonText(Buffer.from(text, 'utf8'))).toEqual(scanJsonText(text));
    expect(scanJsonText('[[[[1]]]]', 3)?.kind).toBe('too-deep');
    expect(scanJsonText('{"a":"\\u0000"}')?.kind).toBe('bad-string');
    expect(scanJsonText('{"a":"\\ud83d\\ude00 é"}')).toBeNull();
  });
});
