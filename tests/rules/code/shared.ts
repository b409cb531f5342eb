/** Helpers for the code/* rule tables: the fixture spec with blocks added or changed. */
import { prdSpec, replace } from '../../helpers/rule-tester.js';

export const fence = '```';

/** The fixture spec with a section appended just before the closing traceability line (outside section 4). */
export function withBlock(lang: string, body: string, spec = prdSpec): string {
  return replace(
    spec,
    '---\n\n_Traceability verified',
    `### Code notes\n\n${fence}${lang}\n${body}\n${fence}\n\n---\n\n_Traceability verified`,
  );
}

/** Markdown line of the `n`-th line (1-based) of the block appended by {@link withBlock}. */
export function appendedLine(spec: string, n: number): number {
  const lines = spec.split('\n');
  const heading = lines.indexOf('### Code notes');
  return heading + 1 + 2 + n; // heading, blank, fence, then content
}

/** The fixture's section-4 TypeScript block. */
export const TS_RESPONSE = `interface InviteResponse {
  id: string;
  email: string;
  status: "pending" | "accepted" | "revoked";
  expires_at: string;
  created_at: string;
}`;

/** The fixture's section-4 Go response block. */
export const GO_RESPONSE = `type InviteResponse struct {
    ID        uuid.UUID \`json:"id"\`
    Email     string    \`json:"email"\`
    Status    string    \`json:"status"\`
    ExpiresAt time.Time \`json:"expires_at"\`
    CreatedAt time.Time \`json:"created_at"\`
}`;

/**
 * The reference template's own example blocks (create-tech-spec.md, "Tech spec output template"): the Go
 * request/response structs and TypeScript types of section 4, the backend interface and frontend types of
 * section 5.
 */
export const REFERENCE_SECTION4_TS = `interface CreateInviteRequest {
  email: string;
}

interface InviteResponse {
  id: string;
  email: string;
  status: "pending" | "accepted" | "expired" | "revoked";
  expires_at: string;
  created_at: string;
}`;

export const REFERENCE_GO_INTERFACE = `// [InterfaceName] — [purpose, used for dependency injection/testing]
type InviteStore interface {
    Create(ctx context.Context, invite *Invite) error
    GetByToken(ctx context.Context, token uuid.UUID) (*Invite, error)
}`;

export const REFERENCE_TS_TYPES = `// [src/types/invites.ts]
interface Invite {
  id: string;
  email: string;
  status: "pending" | "accepted" | "expired" | "revoked";
  // ...
}`;

export const REFERENCE_MIGRATION = `-- +goose Up
CREATE TABLE invites (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workspace_id UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token UUID NOT NULL DEFAULT gen_random_uuid(),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'expired', 'revoked')),
    expires_at TIMESTAMPTZ NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_invites_workspace_id ON invites(workspace_id);
CREATE UNIQUE INDEX idx_invites_token ON invites(token);
CREATE INDEX idx_invites_email_workspace ON invites(email, workspace_id);

-- +goose Down
DROP TABLE IF EXISTS invites;`;

/** The fixture spec rewritten with the reference template's example blocks. */
export function referenceExamples(): string {
  let spec = replace(prdSpec, TS_RESPONSE, REFERENCE_SECTION4_TS.replace('interface CreateInviteRequest {\n  email: string;\n}\n\n', ''));
  spec = withBlock('go', REFERENCE_GO_INTERFACE, spec);
  spec = withBlock('typescript', REFERENCE_TS_TYPES, spec);
  spec = withBlock('sql', REFERENCE_MIGRATION, spec);
  spec = withBlock('json', '{\n  "field": "type"\n}', spec);
  return spec;
}
