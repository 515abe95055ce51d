import './app/mantine-styles'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import { consoleConfigQuery } from './lib/console-config'
import { createQueryClient } from './lib/query-client'

const root = document.getElementById('root')
if (!root) throw new Error('The page has no #root element.')

// The target banner needs the config, but the layout renders only once the page's chunk has
// arrived; asking now fetches both at once instead of one after the other. The page's chunk is
// already requested here: createBrowserRouter starts the lazy route of the initial URL.
const queryClient = createQueryClient()
void queryClient.prefetchQuery(consoleConfigQuery)

createRoot(root).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
)
