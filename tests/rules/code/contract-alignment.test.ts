import rule from '../../../src/rules/code/contract-alignment.js';
import { engSpec, lineOf, prdSpec, replace, runRuleTests } from '../../helpers/rule-tester.js';
import { GO_RESPONSE, TS_RESPONSE, referenceExamples } from './shared.js';

const ANCHOR = '**TypeScript request/response types:**';

const missingField = replace(prdSpec, '  expires_at: string;\n', '');
const wrongType = replace(prdSpec, '  expires_at: string;\n', '  expires_at: number;\n');
const extraField = replace(prdSpec, '  created_at: string;\n}', '  created_at: string;\n  accepted_by: string;\n}');
const noInterface = replace(prdSpec, 'interface InviteResponse {', 'interface Invite {');
const pointerNotNullable = replace(
  replace(prdSpec, GO_RESPONSE, GO_RESPONSE.replace('}', '    AcceptedAt *time.Time `json:"accepted_at,omitempty"`\n}')),
  TS_RESPONSE,
  TS_RESPONSE.replace('}', '  accepted_at: string | null;\n}'),
);
const generic = replace(
  replace(prdSpec, GO_RESPONSE, `${GO_RESPONSE}\n\ntype Page[T any] struct {\n    Items []T    \`json:"items"\`\n    Next  string \`json:"next,omitempty"\`\n}\n\ntype InviteListResponse struct {\n    Page[InviteResponse]\n    Total int \`json:"total"\`\n}`),
  TS_RESPONSE,
  `${TS_RESPONSE}\n\ninterface Page<T> {\n  items: T[];\n  next?: string;\n}\n\ninterface InviteListResponse extends Page<InviteResponse> {\n  total: number;\n}`,
);
const nullablePointer = replace(
  replace(prdSpec, GO_RESPONSE, GO_RESPONSE.replace('}', '    AcceptedAt *time.Time `json:"accepted_at"`\n}')),
  TS_RESPONSE,
  TS_RESPONSE.replace('}', '  accepted_at: number;\n}'),
);
const nullableOk = replace(
  replace(prdSpec, GO_RESPONSE, GO_RESPONSE.replace('}', '    AcceptedAt *time.Time `json:"accepted_at"`\n}')),
  TS_RESPONSE,
  TS_RESPONSE.replace('}', '  accepted_at: string | null;\n}'),
);
const renamedTag = replace(prdSpec, 'ExpiresAt time.Time `json:"expires_at"`', 'ExpiresAt time.Time `json:"expiresAt"`');

runRuleTests(rule, {
  valid: [
    { name: 'the fixture spec', spec: prdSpec },
    { name: 'the engineering-initiated fixture (no response structs)', spec: engSpec },
    { name: 'the reference template’s example blocks', spec: referenceExamples() },
    { name: 'a generic page embedded in a response', spec: generic },
    { name: 'a nil pointer declared `| null`', spec: nullablePointer.replace('accepted_at: number;', 'accepted_at: string | null;') },
    { name: 'the hinted declaration written as hinted', spec: nullableOk },
  ],
  invalid: [
    {
      name: 'the TypeScript interface lacks a field the Go struct has',
      spec: missingField,
      errors: [{ ruleId: 'code/contract-alignment', line: lineOf(missingField, 'ExpiresAt time.Time'), message: 'lacks field `expires_at`' }],
    },
    {
      name: 'a mismatched type',
      spec: wrongType,
      errors: [{ ruleId: 'code/contract-alignment', line: lineOf(wrongType, 'expires_at: number'), message: 'InviteResponse.expires_at' }],
    },
    {
      name: 'a TypeScript field Go does not send',
      spec: extraField,
      errors: [{ ruleId: 'code/contract-alignment', line: lineOf(extraField, 'accepted_by: string'), message: '`accepted_by`' }],
    },
    {
      name: 'no TypeScript interface of the same name',
      spec: noInterface,
      errors: [{ ruleId: 'code/contract-alignment', line: lineOf(noInterface, 'type InviteResponse struct'), message: 'has no TypeScript interface `InviteResponse`' }],
    },
    {
      name: 'omitempty pointer declared required',
      spec: pointerNotNullable,
      errors: [{ ruleId: 'code/contract-alignment', line: lineOf(pointerNotNullable, 'accepted_at: string | null', ANCHOR), message: 'optional' }],
    },
    {
      name: 'a pointer declared with another type: one report, the whole declaration',
      spec: nullablePointer,
      errors: [{ ruleId: 'code/contract-alignment', line: lineOf(nullablePointer, 'accepted_at: number', ANCHOR), message: "is `string | null` in JSON; declare it `accepted_at: string | null`" }],
    },
    {
      name: 'a misspelled standard type in a response struct',
      spec: replace(prdSpec, 'ExpiresAt time.Time `json:"expires_at"`', 'ExpiresAt time.Tmie `json:"expires_at"`'),
      errors: [{ ruleId: 'code/contract-alignment', line: lineOf(prdSpec, 'ExpiresAt time.Time `json:"expires_at"`'), message: 'did you mean `time.Time`?' }],
    },
    {
      name: 'a json tag renamed on one side only',
      spec: renamedTag,
      errors: [
        { ruleId: 'code/contract-alignment', line: lineOf(renamedTag, 'ExpiresAt time.Time'), message: 'lacks field `expiresAt`' },
        { ruleId: 'code/contract-alignment', line: lineOf(renamedTag, 'expires_at: string', ANCHOR), message: 'declares `expires_at`' },
      ],
    },
  ],
});
