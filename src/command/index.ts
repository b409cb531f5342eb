/**
 * The command model (see model.ts): parse (parse.ts, tree-sitter-bash, loaded lazily), classify
 * (classify.ts), sum up per command line and per done condition. Used by task/done-condition, `spec tasks`
 * and `spec verify`, so that the three give one answer on the same command.
 */
export * from './model.js';
export { classifyWords, classifyScriptName, classifySql, type Classified, type ClassifyOptions } from './classify.js';
export { parseCommandLine, type ParsedLine, type ParsedCommand, type ParsedWord } from './parse.js';
