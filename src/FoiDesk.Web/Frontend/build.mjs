// Compiles Frontend/app.scss with GOV.UK Frontend into wwwroot/govuk and copies its JS and assets.
// Run by the MSBuild target in FoiDesk.Web.csproj; nothing is fetched at run time.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as sass from 'sass'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk')
// Output folder from the command line (the MSBuild target passes obj/frontend/govuk).
const out = process.argv[2] ?? join(root, 'obj', 'frontend', 'govuk')
mkdirSync(out, { recursive: true })

const css = sass.compile(join(root, 'Frontend', 'app.scss'), {
  style: 'compressed',
  importers: [new sass.NodePackageImporter(root)],
  quietDeps: true,
  silenceDeprecations: ['import']
})
writeFileSync(join(out, 'app.css'), css.css)
cpSync(join(dist, 'govuk-frontend.min.js'), join(out, 'govuk-frontend.min.js'))
cpSync(join(dist, 'assets'), join(out, 'assets'), { recursive: true })
cpSync(join(root, 'Frontend', 'app.mjs'), join(out, 'app.mjs'))
console.log('frontend built into', out)
