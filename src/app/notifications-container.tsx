// Mantine's notifications container alone, as a chunk of its own (app.tsx loads it when idle):
// importing the package itself lazily would put the whole package, store included, in a chunk
// every feature showing a notification imports.
export { Notifications } from '@mantine/notifications'
