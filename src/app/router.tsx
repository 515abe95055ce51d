import { createBrowserRouter, Navigate } from 'react-router'
import { Layout } from './layout'

// Each page is its own chunk, so the first screen loads only the shell and the page it shows.
export const router = createBrowserRouter([
  {
    path: '/',
    element: <Layout />,
    children: [
      { index: true, element: <Navigate to="/segments" replace /> },
      {
        path: 'segments',
        lazy: async () => ({ Component: (await import('./routes/segments-route')).SegmentsRoute }),
      },
      {
        path: 'user-properties',
        lazy: async () => ({
          Component: (await import('./routes/user-properties-route')).UserPropertiesRoute,
        }),
      },
      {
        path: 'recipes',
        lazy: async () => ({ Component: (await import('./routes/recipes-route')).RecipesRoute }),
      },
      {
        path: 'history',
        lazy: async () => ({ Component: (await import('./routes/history-route')).HistoryRoute }),
      },
      {
        path: 'settings',
        lazy: async () => ({ Component: (await import('./routes/settings-route')).SettingsRoute }),
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('./routes/not-found-route')).NotFoundRoute }),
      },
    ],
  },
])
