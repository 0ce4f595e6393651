// The document libraries are heavy (pdf-lib and fontkit alone are about 1.5 MB bundled, plus a
// 10 MB font): they belong to the document Lambda only. Every other function is bundled from code
// outside functions/documents/, so none of it may import them, and the document code stays a pure
// function of the core's data: it reads no table, no mail and no configuration file itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const documentLibraries = ['pdf-lib', 'fontkit', '@pdf-lib/fontkit', 'exceljs', 'fflate'];

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs|cjs)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Module specifiers of static and dynamic imports and re-exports. */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [
    ...text.matchAll(
      /(?:^|\s)(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe('document code boundary', () => {
  it('keeps pdf-lib, fontkit, exceljs and fflate inside functions/documents/', () => {
    const offenders = ['functions', 'lib', 'bin']
      .flatMap(sources)
      .filter((file) => !file.startsWith('functions/documents/'))
      .flatMap((file) =>
        imports(file)
          .filter((spec) => documentLibraries.includes(spec))
          .map((spec) => `${file} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('lets the document code import only itself, the pure core, node built-ins and the document libraries', () => {
    const files = sources('functions/documents');
    // The scan sees them where they are meant to be: otherwise the test above would pass on a blind scan.
    expect(new Set(files.flatMap(imports).filter((spec) => documentLibraries.includes(spec)))).toEqual(
      new Set(['pdf-lib', 'fontkit', 'exceljs', 'fflate']),
    );
    const offenders = files.flatMap((file) =>
      imports(file)
        .filter(
          (spec) => !(spec.startsWith('./') || spec.startsWith('../core/') || spec.startsWith('node:') || documentLibraries.includes(spec)),
        )
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
