// The startup floor: React alone, drawing the button the benchmark waits for on /segments. The
// console's first screen is measured against the time this page takes in the same browser.
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'

const root = document.getElementById('root')
if (root === null) throw new Error('The page has no #root element.')
createRoot(root).render(createElement('button', { type: 'button' }, 'Upload segment'))
