import {
  createTheme,
  rem,
  Textarea,
  type CSSVariablesResolver,
  localStorageColorSchemeManager,
  ModalHeader,
} from '@mantine/core'

export const theme = createTheme({
  primaryColor: 'indigo',
  // Shade 7 keeps white button labels at WCAG AA contrast (4.5:1); indigo 6 gives 4.3:1.
  primaryShade: 7,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  components: {
    // Mantine draws a Modal's title bar as a <header>; inside its role="dialog" section (not a
    // sectioning element for ARIA) that is a second banner landmark beside the page's own, which
    // axe reports (landmark-no-duplicate-banner). The dialog is named by its title, not by this.
    ModalHeader: ModalHeader.extend({ defaultProps: { role: 'none' } }),
    // Textareas grow with what is typed or pasted through CSS (field-sizing; a fixed height with a
    // scroll bar where unsupported) rather than Mantine's autosize, which measures itself with
    // getComputedStyle after every render that moves the layout, forcing a style recalculation
    // of the whole page (docs/performance.md).
    Textarea: Textarea.extend({
      defaultProps: { rows: 3 },
      styles: { input: { fieldSizing: 'content', minHeight: rem(80), maxHeight: '50vh' } },
    }),
  },
  colors: {
    // Warning text that still reads as amber: Mantine's yellow 9 is 3:1 and orange 9 4.3:1 on
    // white, below WCAG AA; amber 8 and 9 are 5.6:1 and 7.4:1.
    amber: [
      '#fff8e1',
      '#ffecb3',
      '#ffe082',
      '#ffd54f',
      '#ffca28',
      '#ffb300',
      '#e69500',
      '#b36b00',
      '#945a00',
      '#7a4a00',
    ],
  },
})

/** Also read by public/color-scheme.js, which sets the scheme before the first paint. */
export const colorSchemeStorageKey = 'fanpass-console-color-scheme'

/**
 * The marketer's choice of System, Light or Dark, kept in this browser. It is only a display
 * preference, so it sits beside the other browser settings; the token is never stored.
 */
export const colorSchemeManager = localStorageColorSchemeManager({ key: colorSchemeStorageKey })

/** WCAG relative luminance of a #rrggbb colour, e.g. '#ffffff' → 1. */
function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/** Contrast of a colour against white, e.g. '#000000' → 21. */
function contrastOnWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05)
}

// Light-variant text (active links, light buttons, badges, alert titles) sits on a 10 % tint of
// its colour, about 15 % darker than white; 5.5:1 against white leaves over 4.5:1 on the tint.
const LIGHT_TEXT_CONTRAST = 5.5
// Coloured text (`c="red"`) sits on the page itself, where WCAG AA asks for 4.5:1.
const TEXT_CONTRAST = 4.5

/** The lightest of a colour's shades 7 to 9 that reads on white, e.g. red → red 8 at 4.5:1. */
function readableOnWhite(shades: readonly string[], minimum: number): string | undefined {
  return [shades[7], shades[8], shades[9]].find(
    (shade) =>
      shade !== undefined && /^#[0-9a-f]{6}$/i.test(shade) && contrastOnWhite(shade) >= minimum,
  )
}

/**
 * Darker text where Mantine's defaults miss WCAG AA. Light: dimmed text (gray 6 is 3.3:1 on
 * white), coloured text and each colour's light-variant text (shade 6; yellow and orange need
 * near-black). Dark: dimmed text (dark 2 is 4:1 on the dark body), raised to dark 1 (7.8:1);
 * coloured text is already shade 4 there, which reads on the dark body.
 */
export const cssVariablesResolver: CSSVariablesResolver = (current) => {
  const fallback = current.colors.dark[7] ?? current.black
  const light: Record<string, string> = {
    '--mantine-color-dimmed': current.colors.gray[7] ?? current.black,
  }
  for (const [name, shades] of Object.entries(current.colors)) {
    light[`--mantine-color-${name}-light-color`] =
      readableOnWhite(shades, LIGHT_TEXT_CONTRAST) ?? fallback
    light[`--mantine-color-${name}-text`] = readableOnWhite(shades, TEXT_CONTRAST) ?? fallback
  }
  const primary = light[`--mantine-color-${current.primaryColor}-light-color`]
  if (primary) light['--mantine-primary-color-light-color'] = primary
  const dark: Record<string, string> = {
    '--mantine-color-dimmed': current.colors.dark[1] ?? current.white,
  }
  return { variables: {}, light, dark }
}
