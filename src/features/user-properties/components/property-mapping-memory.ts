import { createReadingMemoryStore } from '../../../lib/reading-memory-store'
import { tableMappingSchema } from '../domain/remembered-mapping'

/** The column mapping chosen for each properties export's header row, in this browser. */
export const propertyMappings = createReadingMemoryStore(
  'fanpass-console.property-mappings.v1',
  tableMappingSchema,
)
