import rule from '../../../src/rules/code/go-syntax.js';
import { lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { appendedLine, referenceExamples, withBlock } from './shared.js';

const syntaxError = withBlock('go', 'func (s *InviteService) Create(ctx context.Context) error {\n    x := = 1\n}');
const unclosed = withBlock('go', 'type Page struct {\n    Items []Invite `json:"items"`\n    Next  string   `json:"next"`');
const wholeFile = [
  'package invites',
  '',
  'import (',
  '\t"context"',
  '\t"time"',
  '',
  '\t"github.com/google/uuid"',
  ')',
  '',
  '// Invite is one pending invitation.',
  'type Invite struct {',
  '\tID        uuid.UUID `json:"id"`',
  '\tExpiresAt time.Time `json:"expires_at"`',
  '}',
  '',
  'type Store interface {',
  '\tCreate(ctx context.Context, invite *Invite) error',
  '}',
].join('\n');
const fileError = withBlock('go', 'package invites\n\nimport "time"\n\ntype Invite struct {\n\tExpiresAt time.Time `json:"expires_at"\n}');
const badTag = replace(prdSpec, 'Email string `json:"email" validate:"required,email"`', 'Email string `json:"email" validate:"required,email"');

runRuleTests(rule, {
  valid: [
    { name: 'the fixture spec', spec: prdSpec },
    { name: 'the reference template’s example blocks', spec: referenceExamples() },
    {
      name: 'generics',
      spec: withBlock('go', 'type Page[T any] struct {\n    Items []T `json:"items"`\n}\n\nfunc Map[T, U any](xs []T, f func(T) U) []U {\n    return nil\n}'),
    },
    { name: 'method signatures on their own', spec: withBlock('go', 'Create(ctx context.Context, invite *Invite) error\nRevoke(ctx context.Context, id uuid.UUID) error') },
    { name: 'lone statements', spec: withBlock('golang', 'r.Post("/api/v1/workspaces/{workspace_id}/invites", h.CreateInvite)') },
    { name: 'an elided body', spec: withBlock('go', 'func (s *InviteService) Create(ctx context.Context) error {\n    ...\n}') },
    { name: 'a whole gofmt\'d file: package clause, grouped imports, tabs', spec: withBlock('go', wholeFile) },
    { name: 'a whole file ending in a type declaration', spec: withBlock('go', 'package api\n\nimport "time"\n\ntype Page struct {\n\tNext *time.Time `json:"next"`\n}') },
    { name: 'a whole file ending in a function', spec: withBlock('go', 'package api\n\nfunc Health() string { return "ok" }') },
    { name: 'a package clause alone', spec: withBlock('go', 'package api') },
    { name: 'a fence that is not Go', spec: withBlock('text', 'func ( {') },
  ],
  invalid: [
    {
      name: 'a syntax error inside a function',
      spec: syntaxError,
      errors: [{ ruleId: 'code/go-syntax', line: appendedLine(syntaxError, 2), message: 'unexpected `=`' }],
    },
    {
      name: 'an unclosed struct',
      spec: unclosed,
      errors: [{ ruleId: 'code/go-syntax', line: appendedLine(unclosed, 3), message: 'never closed' }],
    },
    {
      name: 'a whole file with an unterminated struct tag',
      spec: fileError,
      errors: [{ ruleId: 'code/go-syntax', line: appendedLine(fileError, 6), message: 'not terminated' }],
    },
    {
      name: 'an unterminated struct tag in section 4',
      spec: badTag,
      errors: [{ ruleId: 'code/go-syntax', line: lineOf(badTag, 'Email string `json:"email" validate') }],
    },
  ],
});
