import { describe, expect, it } from 'vitest';
import demo from '../../resources/demo/demo-register.json';
import { canonicalJson } from '../../electron/core/export/export.service';

/** The definition the hashes of past exports were taken with (a state's version depends on it). */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

describe('canonicalJson (the text an export state is hashed over)', () => {
  it('gives exactly the text of its plain definition, for the demo register and the edge cases', () => {
    expect(canonicalJson(demo)).toBe(reference(demo));
    const edge = { b: 1, a: [undefined, null, 'é"\n', { z: undefined, y: 0, Y: -0.5, 'é': true, É: false, '10': 1, '9': 2 }], c: undefined, '': '' };
    expect(canonicalJson(edge)).toBe(reference(edge));
    for (const v of [null, 0, 'x', true, [], {}, [[[]]], { a: { b: { c: [] } } }]) expect(canonicalJson(v)).toBe(reference(v));
    expect(canonicalJson(edge)).toBe('{"":"","a":[null,null,"é\\"\\n",{"10":1,"9":2,"Y":-0.5,"y":0,"É":false,"é":true}],"b":1}');
  });
});
