import { describe, expect, it } from 'vitest'
import { StringDictionary } from './string-dictionary'

describe('StringDictionary', () => {
  it('numbers distinct strings first seen first and gives a known one its code', () => {
    const dictionary = new StringDictionary()
    const codes = ['Gold', 'Silver', 'Gold', '', 'Silver', ''].map((cell) =>
      dictionary.codeOf(cell),
    )
    expect(codes).toEqual([0, 1, 0, 2, 1, 2])
    expect(dictionary.values).toEqual(['Gold', 'Silver', ''])
    expect(dictionary.size).toBe(3)
  })

  it('matches exactly: case, spaces, emoji and names an object would inherit', () => {
    const dictionary = new StringDictionary()
    const cells = ['gold', 'Gold', 'Gold ', '__proto__', 'constructor', '🎟️', "=cmd|' /C calc'!A0"]
    expect(cells.map((cell) => dictionary.codeOf(cell))).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(cells.map((cell) => dictionary.codeOf(cell))).toEqual([0, 1, 2, 3, 4, 5, 6])
  })

  it('keeps every code while it grows past many thousands of values', () => {
    const dictionary = new StringDictionary()
    const cells = Array.from({ length: 200_000 }, (_, i) => `T${1_000_000 + i}`)
    cells.forEach((cell, i) => expect(dictionary.codeOf(cell)).toBe(i))
    cells.forEach((cell, i) => {
      if (dictionary.codeOf(cell) !== i) expect.fail(`${cell} lost its code ${i}`)
    })
    expect(dictionary.size).toBe(200_000)
  })

  it('copies each new value once, as it is first seen', () => {
    const copied: string[] = []
    const dictionary = new StringDictionary((cell) => {
      copied.push(cell)
      return cell
    })
    for (const cell of ['Gold', 'Gold', 'Silver', 'Gold']) dictionary.codeOf(cell)
    expect(copied).toEqual(['Gold', 'Silver'])
  })

  it('finds a known string’s code without adding an unknown one', () => {
    const dictionary = new StringDictionary()
    for (const cell of ['Gold', 'Silver']) dictionary.codeOf(cell)

    expect(['Silver', 'Gold', 'gold', '__proto__'].map((cell) => dictionary.find(cell))).toEqual([
      1, 0, -1, -1,
    ])
    expect(dictionary.size).toBe(2)
  })
})
