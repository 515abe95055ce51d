// A streaming scanner for the XML inside workbooks (sheet rows, shared strings, styles): tags and
// text, fed in chunks, with nothing kept but the unfinished tail of a chunk. It is ours rather
// than a general SAX parser because it can be strict where a workbook never needs XML's
// features (a document type, and so entity expansion, is refused outright) and because a sheet
// of a million rows is mostly `<c><v>…</v></c>`, which indexOf walks several times faster.

/** Why a part could not be scanned; the workbook reader turns it into a sentence. */
export class XmlScanError extends Error {
  override readonly name = 'XmlScanError'
  readonly reason: 'doctype' | 'entity' | 'too-large' | 'malformed'

  constructor(reason: XmlScanError['reason'], message: string) {
    super(message)
    this.reason = reason
  }
}

/** The attributes of the tag being reported, by local name (prefixes dropped); reused per tag. */
export class XmlAttributes {
  private readonly names: string[] = []
  private readonly values: string[] = []
  length = 0

  /** e.g. on `<c r="A1" t="s">`, get('t') → "s"; get('s') → undefined */
  get(name: string): string | undefined {
    for (let i = 0; i < this.length; i++) if (this.names[i] === name) return this.values[i]
    return undefined
  }

  /** @internal the scanner's own filling of the list. */
  set(index: number, name: string, value: string): void {
    this.names[index] = name
    this.values[index] = value
  }
}

export interface XmlHandler {
  /**
   * A start tag; `selfClosing` for `<x/>`, which gets no close call. Returning the name of an
   * enclosing element skips everything up to that element's end tag, whose close is reported:
   * a sheet's cells past the last column wanted are never tokenised.
   */
  open(name: string, attributes: XmlAttributes, selfClosing: boolean): string | undefined
  close(name: string): void
  /** Text (entities decoded, CDATA as is); whitespace between tags included. */
  text(text: string): void
}

/**
 * No single tag or run of text in a workbook part comes near this (a cell holds at most 32,767
 * characters); past it the part is not what it claims to be, and memory stays bounded.
 */
export const MAX_XML_TOKEN_CHARS = 8 * 1024 * 1024

const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
])

/**
 * Decodes the five XML entities and character references; any other entity is refused (only a
 * document type could define one, and those are refused too).
 * e.g. decodeXmlText("a &amp; b &#x41;") → "a & b A"
 */
export function decodeXmlText(text: string): string {
  if (text.indexOf('&') === -1) return text
  return text.replace(/&([^;&]{0,10});/g, (match, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10)
      if (Number.isInteger(code) && code >= 0 && code <= 0x10ffff) return String.fromCodePoint(code)
    } else {
      const named = NAMED_ENTITIES.get(body)
      if (named !== undefined) return named
    }
    throw new XmlScanError('entity', `unknown entity ${match}`)
  })
}

function localName(name: string): string {
  const colon = name.indexOf(':')
  return colon === -1 ? name : name.slice(colon + 1)
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

/** End of a start tag that begins at `from` ('<'), skipping '>' inside quoted values; -1 if not yet in `text`. */
function tagEnd(text: string, from: number): number {
  let quote = 0
  for (let i = from + 1; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (quote !== 0) {
      if (c === quote) quote = 0
    } else if (c === 34 || c === 39) {
      quote = c
    } else if (c === 62) {
      return i
    }
  }
  return -1
}

/**
 * Feeds chunks of one XML document to a handler, tag by tag.
 * e.g. push('<row r="2"><c r="A2"><v>12'), push('3</v></c></row>'), end()
 *   → open row {r: 2}, open c {r: A2}, open v, text "123", close v, close c, close row
 */
export class XmlScanner {
  private carry = ''
  /** While skipping, the end tag that stops it (`</row`). */
  private skipTo: string | null = null
  private readonly attributes = new XmlAttributes()
  private readonly handler: XmlHandler

  constructor(handler: XmlHandler) {
    this.handler = handler
  }

  push(chunk: string): void {
    const text = this.carry === '' ? chunk : this.carry + chunk
    const stop = this.scan(text)
    this.carry = stop < text.length ? text.slice(stop) : ''
    if (this.carry.length > MAX_XML_TOKEN_CHARS) {
      throw new XmlScanError('too-large', 'a tag or text longer than any cell')
    }
  }

  /** The document has ended: what is left must be whitespace or text. */
  end(): void {
    if (this.carry === '') return
    if (this.carry.indexOf('<') !== -1)
      throw new XmlScanError('malformed', 'the part ends inside a tag')
    this.handler.text(decodeXmlText(this.carry))
    this.carry = ''
  }

  /** Reports every complete token of `text`; returns where the unfinished tail starts. */
  private scan(text: string): number {
    const handler = this.handler
    let at = 0
    for (;;) {
      if (this.skipTo !== null) {
        const end = text.indexOf(this.skipTo, at)
        // Keep a tail that may hold the start of the end tag, and nothing else of what is skipped.
        if (end === -1) return Math.max(at, text.length - this.skipTo.length)
        at = end
        this.skipTo = null
      }
      const lt = text.indexOf('<', at)
      if (lt === -1) return at
      if (lt > at) handler.text(decodeXmlText(text.slice(at, lt)))
      at = lt
      const next = text.charCodeAt(lt + 1)
      if (Number.isNaN(next)) return at
      if (next === 47) {
        // </name>
        const gt = text.indexOf('>', lt)
        if (gt === -1) return at
        handler.close(localName(text.slice(lt + 2, gt).trim()))
        at = gt + 1
        continue
      }
      if (next === 63) {
        // <?xml …?>
        const end = text.indexOf('?>', lt)
        if (end === -1) return at
        at = end + 2
        continue
      }
      if (next === 33) {
        const end = this.special(text, lt)
        if (end === -1) return at
        at = end
        continue
      }
      const gt = tagEnd(text, lt)
      if (gt === -1) return at
      this.startTag(text, lt + 1, gt)
      at = gt + 1
    }
  }

  /** `<!-- -->`, `<![CDATA[ ]]>` or a refused `<!DOCTYPE`; returns the index after it, or -1. */
  private special(text: string, lt: number): number {
    if (text.length < lt + 9) return -1
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4)
      return end === -1 ? -1 : end + 3
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9)
      if (end === -1) return -1
      this.handler.text(text.slice(lt + 9, end))
      return end + 3
    }
    throw new XmlScanError('doctype', 'a document type declaration (entities) is not allowed')
  }

  private startTag(text: string, start: number, gt: number): void {
    let end = gt
    const selfClosing = text.charCodeAt(gt - 1) === 47
    if (selfClosing) end--
    let i = start
    while (i < end && !isSpace(text.charCodeAt(i))) i++
    const qualifiedName = text.slice(start, i)
    const name = localName(qualifiedName)
    const attributes = this.attributes
    let count = 0
    while (i < end) {
      while (i < end && isSpace(text.charCodeAt(i))) i++
      if (i >= end) break
      const eq = text.indexOf('=', i)
      if (eq === -1 || eq >= end)
        throw new XmlScanError('malformed', `attribute without value in <${name}>`)
      const attributeName = localName(text.slice(i, eq).trim())
      let q = eq + 1
      while (q < end && isSpace(text.charCodeAt(q))) q++
      const quote = text[q]
      if (quote !== '"' && quote !== "'") {
        throw new XmlScanError('malformed', `unquoted attribute in <${name}>`)
      }
      const close = text.indexOf(quote, q + 1)
      if (close === -1 || close > end)
        throw new XmlScanError('malformed', `unclosed attribute in <${name}>`)
      attributes.set(count++, attributeName, decodeXmlText(text.slice(q + 1, close)))
      i = close + 1
    }
    attributes.length = count
    const skipTo = this.handler.open(name, attributes, selfClosing)
    // Only unprefixed documents: the enclosing element's prefix is not known here, and a wrong
    // guess would skip past it. Not skipping is always correct, only slower.
    if (typeof skipTo === 'string' && qualifiedName === name) this.skipTo = `</${skipTo}`
  }
}
