import { RecipesPage } from '../../features/recipes/components/recipes-page'

export function RecipesRoute() {
  return <RecipesPage />
}
