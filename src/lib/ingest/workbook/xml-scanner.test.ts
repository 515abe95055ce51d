import { describe, expect, it } from 'vitest'
import { decodeXmlText, XmlScanner, XmlScanError } from './xml-scanner'

function events(chunks: readonly string[], skipRowAt?: string): string[] {
  const seen: string[] = []
  const scanner = new XmlScanner({
    open(name, attributes, selfClosing) {
      if (name === 'c' && attributes.get('r') === skipRowAt) {
        seen.push('(rest of row skipped)')
        return 'row'
      }
      const pairs = ['r', 't', 'id', 'name'].flatMap((key) => {
        const value = attributes.get(key)
        return value === undefined ? [] : [`${key}=${value}`]
      })
      seen.push(`<${name}${pairs.length ? ' ' + pairs.join(' ') : ''}${selfClosing ? '/' : ''}>`)
    },
    close(name) {
      seen.push(`</${name}>`)
    },
    text(text) {
      if (text.trim() !== '') seen.push(text)
    },
  })
  for (const chunk of chunks) scanner.push(chunk)
  scanner.end()
  return seen
}

describe('XmlScanner', () => {
  it('reports tags, attributes (prefixes dropped) and text across any chunk boundary', () => {
    const xml =
      '<?xml version="1.0"?><x:row r="2"><c r="A2" t="s"><v>12</v></c><c r=\'B2\' a="x>y"/><!-- note --></x:row>'
    const whole = events([xml])
    expect(whole).toEqual([
      '<row r=2>',
      '<c r=A2 t=s>',
      '<v>',
      '12',
      '</v>',
      '</c>',
      '<c r=B2/>',
      '</row>',
    ])
    for (let cut = 1; cut < xml.length; cut++) {
      expect(events([xml.slice(0, cut), xml.slice(cut)]).join(''), `cut at ${cut}`).toBe(
        whole.join(''),
      )
    }
  })

  it('decodes the XML entities and character references, and CDATA as is', () => {
    expect(events(['<t>a &amp; b &#x41;&#66; &lt;&gt;</t><t><![CDATA[<&>]]></t>'])).toEqual([
      '<t>',
      'a & b AB <>',
      '</t>',
      '<t>',
      '<&>',
      '</t>',
    ])
    expect(decodeXmlText('&quot;&apos;')).toBe('"\'')
  })

  it('refuses a document type, so no entity can be defined or expanded', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><t>&lol2;</t>'
    expect(() => events([bomb])).toThrow(XmlScanError)
    expect(() => events(['<t>&lol;</t>'])).toThrow(/unknown entity/)
  })

  it('refuses a tag that never ends instead of holding the rest of the part', () => {
    const scanner = new XmlScanner({ open() {}, close() {}, text() {} })
    expect(() => {
      scanner.push('<c r="')
      for (let i = 0; i < 10; i++) scanner.push('x'.repeat(1024 * 1024))
    }).toThrow(/longer than any cell/)
  })

  it('skips the rest of an element on request, wherever the chunks are cut, and still closes it', () => {
    const xml =
      '<row r="1"><c r="A1"><v>7</v></c><c r="B1" t="s"><v>3</v></c><c r="C1"/></row><row r="2"><c r="B2"><v>8</v></c></row>'
    const whole = events([xml], 'B1')
    expect(whole).toEqual([
      '<row r=1>',
      '<c r=A1>',
      '<v>',
      '7',
      '</v>',
      '</c>',
      '(rest of row skipped)',
      '</row>',
      '<row r=2>',
      '<c r=B2>',
      '<v>',
      '8',
      '</v>',
      '</c>',
      '</row>',
    ])
    for (let cut = 1; cut < xml.length; cut++) {
      expect(events([xml.slice(0, cut), xml.slice(cut)], 'B1'), `cut at ${cut}`).toEqual(whole)
    }
  })

  it('does not skip inside a prefixed document, whose end tag it could not name', () => {
    const xml = '<x:row r="1"><x:c r="A1"><x:v>7</x:v></x:c><x:c r="B1"/></x:row>'
    expect(events([xml], 'A1')).toEqual([
      '<row r=1>',
      '(rest of row skipped)',
      '<v>',
      '7',
      '</v>',
      '</c>',
      '<c r=B1/>',
      '</row>',
    ])
  })
})
