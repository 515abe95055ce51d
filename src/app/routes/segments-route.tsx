import { useRecipesForSegments } from '../../features/recipes/components/use-recipe-for-segments'
import { SegmentsPage } from '../../features/segments/components/segments-page'

/** Segments, with the team's recipes from the recipes feature (features do not import each other). */
export function SegmentsRoute() {
  return <SegmentsPage recipes={useRecipesForSegments()} />
}
