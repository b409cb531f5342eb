/**
 * web-tree-sitter has one runtime per thread, shared by every grammar (Go, bash). Its start-up and a
 * grammar's loading must not run twice at once ("Incompatible language version 0", "memory access out of
 * bounds"), so they go one after another through here, whichever parser is asked for first.
 */
let queue: Promise<unknown> = Promise.resolve();
const started = new WeakSet<object>();

/** Runs `load` once every tree-sitter load asked for before it is done, the runtime's start-up (`Parser.init`) first. */
export function loadTreeSitter<T>(Parser: { init(): Promise<void> }, load: () => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    if (!started.has(Parser)) {
      await Parser.init();
      started.add(Parser);
    }
    return load();
  });
  queue = run.catch(() => undefined);
  return run;
}
