/**
 * Module hooks registered (node:module register) before a user's demo file is
 * imported. Node 20 cannot strip types, so `.ts` files go through typescript's
 * `transpileModule` (no type checking; an inline source map keeps locations on the
 * lines the user wrote). A demo in any folder imports from 'coroscope': when normal
 * resolution cannot find it, it means this package.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

interface ResolveContext {
  parentURL?: string;
  conditions?: string[];
}
type NextResolve = (specifier: string, context?: ResolveContext) => Promise<{ url: string; format?: string | null }>;
type NextLoad = (url: string, context?: object) => Promise<{ format?: string | null; source?: string | ArrayBuffer | Uint8Array | null }>;

let coroscopeUrl = '';
let typescript: typeof import('typescript') | null = null;

export async function initialize(data: { coroscope: string }): Promise<void> {
  coroscopeUrl = data.coroscope;
}

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (specifier === 'coroscope') return { url: coroscopeUrl, shortCircuit: true };
    // TypeScript's convention: `./helper.js` in a .ts file names ./helper.ts.
    if (context.parentURL?.endsWith('.ts') && /^\.{1,2}\/.*\.js$/.test(specifier)) {
      try {
        return await nextResolve(specifier.replace(/\.js$/, '.ts'), context);
      } catch {
        // fall through to the original error
      }
    }
    throw error;
  }
}

export async function load(url: string, context: object, nextLoad: NextLoad) {
  if (!url.startsWith('file:') || !/\.m?ts$/.test(url)) return nextLoad(url, context);
  const ts = (typescript ??= ((await import('typescript')) as { default: typeof import('typescript') }).default);
  const file = fileURLToPath(url);
  const output = ts.transpileModule(await readFile(file, 'utf8'), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      inlineSourceMap: true,
      inlineSources: true,
    },
  });
  const problem = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (problem !== undefined) {
    const where = problem.file && problem.start !== undefined ? problem.file.getLineAndCharacterOfPosition(problem.start) : null;
    const at = where ? `${file}:${where.line + 1}:${where.character + 1}` : file;
    throw new SyntaxError(`${at}: ${ts.flattenDiagnosticMessageText(problem.messageText, ' ')}`);
  }
  return { format: 'module', source: output.outputText, shortCircuit: true };
}
