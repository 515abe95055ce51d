import {
  SegmentedControl,
  Stack,
  Text,
  useMantineColorScheme,
  type MantineColorScheme,
} from '@mantine/core'
import { useId } from 'react'

const choices: { value: MantineColorScheme; label: string }[] = [
  { value: 'auto', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

function isColorScheme(value: string): value is MantineColorScheme {
  return choices.some((choice) => choice.value === value)
}

/** System, Light or Dark: applied at once and kept in this browser by Mantine's scheme manager. */
export function ColourSchemeControl() {
  const { colorScheme, setColorScheme } = useMantineColorScheme()
  const labelId = useId()
  return (
    <Stack gap={4}>
      <Text id={labelId} size="sm" fw={500}>
        Colour scheme
      </Text>
      <SegmentedControl
        aria-labelledby={labelId}
        data={choices}
        value={colorScheme}
        onChange={(value) => {
          if (isColorScheme(value)) setColorScheme(value)
        }}
        style={{ alignSelf: 'flex-start' }}
      />
    </Stack>
  )
}
