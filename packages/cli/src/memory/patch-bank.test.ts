import { presetPatch } from '@ae-ddsp/plant';
import { describe, expect, it } from 'vitest';
import { addEntry, type BankEntry, emptyBank, parseBank, recall, warmStartEntry } from './patch-bank';

const entry = (target: string, embedding: number[], f0Hz: number | null, distance: number): BankEntry => ({
  target,
  embedding,
  f0Hz,
  preset: 'subtractive',
  patch: presetPatch('subtractive'),
  parameters: [0.5],
  distance,
  loss: 'match',
  steps: 1,
  warmStart: false,
});

describe('the patch bank', () => {
  const embedding = { name: 'test', dimensions: 2 };

  it('sorts targets into categories, keeps every patch, and recalls the nearest f0 of the resonant category', () => {
    let bank = emptyBank(embedding, 0.8);
    const add = (e: BankEntry) => {
      const r = addEntry(bank, e);
      bank = r.bank;
      return r.category;
    };
    expect(add(entry('a1.wav', [0.1, 0.1], 110, 3))).toBe(0);
    expect(add(entry('b1.wav', [0.9, 0.8], 220, 2))).toBe(1); // far: a new category
    expect(add(entry('a2.wav', [0.15, 0.12], 440, 1))).toBe(0); // resonates with a1
    expect(bank.categories.map((c) => c.entries.map((e) => e.target))).toEqual([
      ['a1.wav', 'a2.wav'],
      ['b1.wav'],
    ]);
    expect(recall(bank, [0.12, 0.11], 120)?.entry.target).toBe('a1.wav');
    expect(recall(bank, [0.12, 0.11], 400)?.entry.target).toBe('a2.wav');
    expect(recall(bank, [0.5, 0.5], 400)).toBeUndefined();
    // a target learned again keeps the closer of its two patches
    add(entry('a1.wav', [0.1, 0.1], 110, 5));
    expect(bank.categories[0]!.entries.find((e) => e.target === 'a1.wav')!.distance).toBe(3);
    add(entry('a1.wav', [0.1, 0.1], 110, 0.5));
    expect(bank.categories[0]!.entries.find((e) => e.target === 'a1.wav')!.distance).toBe(0.5);
    expect(warmStartEntry(bank.categories[0]!, null)!.target).toBe('a1.wav'); // unpitched: lowest distance
    expect(parseBank(JSON.parse(JSON.stringify(bank)), 'bank.json')).toEqual(bank);
  });

  it('refuses foreign or inconsistent files by name', () => {
    expect(() => parseBank({ format: 'ae-ddsp-patch' }, 'x.json')).toThrow(/x.json: not a patch bank/);
    const bank = addEntry(emptyBank(embedding), entry('a.wav', [0.2, 0.3], null, 1)).bank;
    expect(() => parseBank({ ...bank, categories: [] }, 'b.json')).toThrow(
      /one record per art category \(1\)/,
    );
    const bad = JSON.parse(JSON.stringify(bank));
    bad.categories[0].entries[0].embedding = [2, 0];
    expect(() => parseBank(bad, 'c.json')).toThrow(
      /c.json: categories\[0\].entries\[0\].embedding must hold 2 numbers in \[0, 1\]/,
    );
    expect(() => addEntry(bank, entry('d.wav', [0.1, 0.2, 0.3], null, 1))).toThrow(/3 values, the bank's 2/);
  });
});
